/**
 * Vietnamese telephone numbers. Stored in national form: a leading 0 then 9 digits (mobile,
 * 03x/05x/07x/08x/09x) or 10 digits (fixed line, 02x + area code).
 */
const MOBILE = /^0(3[2-9]|5[25689]|7[06-9]|8[1-9]|9[0-9])[0-9]{7}$/;
const LANDLINE = /^02[0-9]{9}$/;

export type PhoneResult = { ok: true; phone: string } | { ok: false };

/**
 * Accepts `+84`, `84`, `0084` prefixes and spaces, dots, dashes or brackets between digits;
 * returns the number as `0…`, or `{ ok: false }` when it is not a Vietnamese number.
 */
export function normalisePhone(input: string): PhoneResult {
  const compact = input.trim().replace(/[\s.\-()]/g, "");
  if (!/^\+?[0-9]+$/.test(compact)) return { ok: false };
  let digits = compact.replace(/^\+/, "");
  if (digits.startsWith("0084")) digits = "0" + digits.slice(4);
  else if (digits.startsWith("84") && digits.length >= 11) digits = "0" + digits.slice(2);
  else if (compact.startsWith("+")) return { ok: false };
  return MOBILE.test(digits) || LANDLINE.test(digits) ? { ok: true, phone: digits } : { ok: false };
}

export function isMobile(phone: string): boolean {
  return MOBILE.test(phone);
}

/** Groups a stored number for display: `091 234 5678`, `024 3987 6543`. */
export function formatPhone(phone: string): string {
  return phone.length === 10 ? `${phone.slice(0, 3)} ${phone.slice(3, 6)} ${phone.slice(6)}` : `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
}

/** Data minimisation for national users: `09x xxx x123` (the prefix and the last three digits). */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const grouped = formatPhone(phone);
  let kept = 0;
  const visibleTail = 3;
  const digits = phone.length;
  return grouped.replace(/[0-9]/g, (d) => {
    kept += 1;
    return kept <= 2 || kept > digits - visibleTail ? d : "x";
  });
}
