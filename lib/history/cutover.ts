/**
 * The first day recorded in the app rather than imported: before it, a period's official figures
 * are the aggregates reported under the pre-2025 units. 1 July 2025 (the reorganisation) unless
 * HISTORY_CUTOVER names another first day of a month.
 */
export function historyCutover(): string {
  const v = process.env.HISTORY_CUTOVER;
  return v && /^\d{4}-\d{2}-01$/.test(v) ? v : "2025-07-01";
}

/** `2023-07-01` → `07/2023`; `2023-01-01` of a yearly figure → `2023`. */
export function periodLabel(kind: "month" | "year", start: string): string {
  return kind === "year" ? start.slice(0, 4) : `${start.slice(5, 7)}/${start.slice(0, 4)}`;
}
