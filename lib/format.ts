const TIME_ZONE = "Asia/Ho_Chi_Minh";

function tag(locale: string) {
  return locale === "vi" ? "vi-VN" : "en-GB";
}

/**
 * Intl formatters are costly to build and cheap to reuse: one per locale and use, kept under a
 * short key (a page formats thousands of figures, and a key built from the options would cost
 * more than the formatting).
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(key: string, locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let f = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(tag(locale), options)));
  return f;
}
function dateFormat(key: string, locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let f = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(tag(locale), options)));
  return f;
}

/** 74422 → "74.422" in Vietnamese, "74,422" in English. */
export function formatNumber(locale: string, value: number, digits = 0): string {
  return numberFormat(`n${digits}${locale}`, locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

export function formatPercent(locale: string, part: number, whole: number): string {
  if (!whole) return "—";
  return numberFormat(`p${locale}`, locale, { style: "percent", maximumFractionDigits: 1 }).format(part / whole);
}

/** dd/MM/yyyy in Vietnam time. */
export function formatDate(locale: string, value: Date | string): string {
  const date = typeof value === "string" ? new Date(value.length === 10 ? `${value}T00:00:00+07:00` : value) : value;
  return dateFormat(`d${locale}`, locale, { day: "2-digit", month: "2-digit", year: "numeric", timeZone: TIME_ZONE }).format(date);
}

/** dd/MM/yyyy HH:mm in Vietnam time. */
export function formatDateTime(locale: string, value: Date | string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return dateFormat(`t${locale}`, locale, {
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

/**
 * Axis ticks from 0 to at least `max` in round steps (1, 2, 2.5 or 5 times a power of ten) and
 * at most `count` ticks, so that an axis reads 0 / 50 nghìn / 100 nghìn, never 65 / 130 / 195.
 */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  let step = 1;
  for (let magnitude = 1; ; magnitude *= 10) {
    const fits = [1, 2, 2.5, 5].map((m) => m * magnitude).find((s) => Number.isInteger(s) && Math.ceil(max / s) + 1 <= count);
    if (fits) {
      step = fits;
      break;
    }
  }
  return Array.from({ length: Math.ceil(max / step) + 1 }, (_, i) => i * step);
}

/** Words for thousands, millions and billions on chart axes: "nghìn", "triệu", "tỷ" or K, M, B. */
const AXIS_UNITS: Record<"vi" | "en", [number, string][]> = {
  vi: [
    [1e9, " tỷ"],
    [1e6, " triệu"],
    [1e3, " nghìn"],
  ],
  en: [
    [1e9, "B"],
    [1e6, "M"],
    [1e3, "K"],
  ],
};

/** A tick label: 50 nghìn, 1,5 triệu (50K, 1.5M in English). */
export function formatAxisNumber(locale: string, value: number): string {
  const units = AXIS_UNITS[locale === "vi" ? "vi" : "en"];
  const unit = units.find(([size]) => Math.abs(value) >= size);
  if (!unit) return formatNumber(locale, value);
  return `${numberFormat(`a${locale}`, locale, { maximumFractionDigits: 1 }).format(value / unit[0])}${unit[1]}`;
}
