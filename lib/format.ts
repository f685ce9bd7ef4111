const TIME_ZONE = "Asia/Ho_Chi_Minh";

function tag(locale: string) {
  return locale === "vi" ? "vi-VN" : "en-GB";
}

/** 74422 → "74.422" in Vietnamese, "74,422" in English. */
export function formatNumber(locale: string, value: number, digits = 0): string {
  return new Intl.NumberFormat(tag(locale), { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

export function formatPercent(locale: string, part: number, whole: number): string {
  if (!whole) return "—";
  return new Intl.NumberFormat(tag(locale), { style: "percent", maximumFractionDigits: 1 }).format(part / whole);
}

/** dd/MM/yyyy in Vietnam time. */
export function formatDate(locale: string, value: Date | string): string {
  const date = typeof value === "string" ? new Date(value.length === 10 ? `${value}T00:00:00+07:00` : value) : value;
  return new Intl.DateTimeFormat(tag(locale), { day: "2-digit", month: "2-digit", year: "numeric", timeZone: TIME_ZONE }).format(date);
}

/** dd/MM/yyyy HH:mm in Vietnam time. */
export function formatDateTime(locale: string, value: Date | string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return new Intl.DateTimeFormat(tag(locale), {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    timeZone: TIME_ZONE,
  }).format(date);
}

/** MM/yyyy for a month given as its first day. */
export function formatMonth(value: string): string {
  return `${value.slice(5, 7)}/${value.slice(0, 4)}`;
}
