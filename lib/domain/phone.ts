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

/** Hà Nội (024) and Hồ Chí Minh City (028) keep a two-digit area code and eight-digit numbers. */
const SHORT_AREA_CODE = /^02[48]/;

/**
 * Groups a stored number as people write it: mobiles 4-3-3 (`0912 345 678`), Hà Nội and Hồ Chí
 * Minh City landlines 3-4-4 (`024 3987 6543`), other landlines by their four-digit area code,
 * 4-4-3 (`0275 3822 010`).
 */
export function formatPhone(phone: string): string {
  if (phone.length === 10) return `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`;
  if (SHORT_AREA_CODE.test(phone)) return `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
  return `${phone.slice(0, 4)} ${phone.slice(4, 8)} ${phone.slice(8)}`;
}

/** Data minimisation for national users: `09xx xxx 123` (the prefix and the last three digits). */
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
