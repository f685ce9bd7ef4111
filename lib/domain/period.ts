/** Vietnam time (UTC+7, no daylight saving) is the calendar of every period and deadline. */
export const VN_OFFSET_MS = 7 * 3600_000;

export function vnToday(now = new Date()): string {
  return new Date(now.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number);
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}-01`;
}

export function monthsBetween(fromMonth: string, toMonth: string): string[] {
  const out: string[] = [];
  for (let m = fromMonth; m <= toMonth; m = addMonths(m, 1)) out.push(m);
  return out;
}

export interface Period {
  /** First day of the first month. */
  from: string;
  /** Last day of the last month. */
  to: string;
}

export function lastDayOfMonth(month: string): string {
  const next = addMonths(month, 1);
  return new Date(Date.parse(next + "T00:00:00Z") - 86400_000).toISOString().slice(0, 10);
}

/** The twelve months up to and including the current month (Vietnam time). */
export function defaultPeriod(now = new Date()): Period {
  const current = monthStart(vnToday(now));
  return { from: addMonths(current, -11), to: lastDayOfMonth(current) };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The earliest month a period or list filter reaches: the teams date from 2021, and imported history with them. */
export const EARLIEST_MONTH = "2020-01-01";

/**
 * A month (YYYY-MM-01, any month number) within the range periods are held to (2020 to the end
 * of next year), as a real month: a list filter of 9999-12 reads up to the end of next year.
 */
export function clampMonth(month: string, now = new Date()): string {
  const latestMonth = `${Number(vnToday(now).slice(0, 4)) + 1}-12-01`;
  const [y, m] = month.split("-").map(Number);
  if (!Number.isInteger(y) || !Number.isInteger(m) || month < EARLIEST_MONTH) return EARLIEST_MONTH;
  const normalised = addMonths(`${y}-01-01`, m - 1);
  return normalised > latestMonth ? latestMonth : normalised < EARLIEST_MONTH ? EARLIEST_MONTH : normalised;
}

/** Parses from/to (YYYY-MM-DD) into whole months; invalid, out-of-range or missing values give the default. */
export function parsePeriod(from: string | undefined | null, to: string | undefined | null, now = new Date()): Period {
  return readPeriod(from, to, now).period;
}

/**
 * The period of from/to as `parsePeriod` reads it, and which of the two given values it could not
 * use (not a real day, outside 2020 … next year, or a start after the end), so that a page can say
 * that it shows another period than the one asked for.
 */
export function readPeriod(from: string | undefined | null, to: string | undefined | null, now = new Date()): { period: Period; invalid: ("from" | "to")[] } {
  const fallback = defaultPeriod(now);
  const latest = `${Number(vnToday(now).slice(0, 4)) + 1}-12-31`;
  // A real day from 2020 on and at most next year: year 0000 or 2026-02-30 falls back to the default.
  const ok = (v: string | undefined | null): v is string =>
    !!v && ISO_DATE.test(v) && !Number.isNaN(Date.parse(v)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v) && v >= "2020-01-01" && v <= latest;
  const invalid: ("from" | "to")[] = [];
  if (from && !ok(from)) invalid.push("from");
  if (to && !ok(to)) invalid.push("to");
  const f = ok(from) ? monthStart(from) : fallback.from;
  const t = ok(to) ? lastDayOfMonth(monthStart(to)) : fallback.to;
  if (f <= t) return { period: { from: f, to: t }, invalid };
  return { period: fallback, invalid: invalid.length ? invalid : [...(from ? ["from" as const] : []), ...(to ? ["to" as const] : [])] };
}
