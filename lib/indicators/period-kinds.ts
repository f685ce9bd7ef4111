/**
 * The period picker's choices — a month, a quarter, a year or a custom range of months — as the
 * from/to dates every indicator read takes. Pure, shared by the picker and the server.
 */
import { addMonths, lastDayOfMonth, monthStart, type Period } from "@/lib/domain/period";

export const PERIOD_KINDS = ["month", "quarter", "year", "custom"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export function parsePeriodKind(value: string | undefined | null): PeriodKind {
  return (PERIOD_KINDS as readonly string[]).includes(value ?? "") ? (value as PeriodKind) : "custom";
}

/** The period of a month (YYYY-MM), a quarter (YYYY-Qn) or a year (YYYY); null if malformed. */
export function periodOf(kind: Exclude<PeriodKind, "custom">, value: string): Period | null {
  if (kind === "month" && /^\d{4}-(0[1-9]|1[0-2])$/.test(value)) {
    return { from: `${value}-01`, to: lastDayOfMonth(`${value}-01`) };
  }
  const q = /^(\d{4})-Q([1-4])$/.exec(value);
  if (kind === "quarter" && q) {
    const first = `${q[1]}-${String((Number(q[2]) - 1) * 3 + 1).padStart(2, "0")}-01`;
    return { from: first, to: lastDayOfMonth(addMonths(first, 2)) };
  }
  if (kind === "year" && /^\d{4}$/.test(value)) return { from: `${value}-01-01`, to: `${value}-12-31` };
  return null;
}

/** The picker's value for a period of that kind (the period's first month decides). */
export function periodValue(kind: PeriodKind, period: Period): string {
  const first = monthStart(period.from);
  if (kind === "month") return first.slice(0, 7);
  if (kind === "quarter") return `${first.slice(0, 4)}-Q${Math.floor((Number(first.slice(5, 7)) - 1) / 3) + 1}`;
  if (kind === "year") return first.slice(0, 4);
  return `${first.slice(0, 7)}/${period.to.slice(0, 7)}`;
}
