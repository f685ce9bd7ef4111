/** Passwords refused whatever their length: the most common ones and local variants. */
const COMMON = new Set([
  "1234567890", "12345678910", "0123456789", "1111111111", "0000000000", "123123123123", "qwertyuiop", "1q2w3e4r5t",
  "password123", "password1234", "passw0rd123", "iloveyou123", "abc1234567", "abcd123456", "qwerty1234", "qwerty123456",
  "admin12345", "admin@1234", "administrator", "matkhau123", "matkhau1234", "matkhau@123", "anhyeuem123", "123456789a",
  "a123456789", "12345678a@", "vietnam123", "vietnam1234", "hanoi12345", "saigon1234", "cnscd12345", "congnghe123",
  "changeme123", "welcome123", "letmein123", "trustno1234", "11223344556", "zaq12wsxcde", "1qaz2wsx3edc", "asdfghjkl1",
]);

export const PASSWORD_MIN_LENGTH = 10;

/** Returns the message key of the first broken rule, or null when the password is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return "password_too_short";
  if (password.length > 200) return "password_too_long";
  const lower = password.toLowerCase();
  if (username && lower.includes(username.toLowerCase())) return "password_contains_username";
  if (COMMON.has(lower) || /^(.)\1+$/.test(password) || /^(0123456789|1234567890|9876543210)+$/.test(password)) {
    return "password_common";
  }
  return null;
}

/** A temporary password that satisfies the policy: four groups of letters and digits. */
export function temporaryPassword(random: (n: number) => number): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
  const group = () => Array.from({ length: 4 }, () => alphabet[random(alphabet.length)]).join("");
  return [group(), group(), group()].join("-");
}
