import type { HistoryFigures } from "@/lib/dal/history";
import type { UnitIndicators } from "@/lib/dal/indicators";
import { monthsBetween } from "@/lib/domain/period";

/** One month of the long trend: the imported aggregate and the recorded figure, side by side, never added. */
export interface LongTrendPoint {
  month: string;
  imported: { people_guided: number | null; teams: number | null };
  recorded: { people_guided: number; teams: number | null };
}

/**
 * Months from where the imported history starts (or the recorded period, if earlier) to the end
 * of the period, each with its imported and its recorded figure.
 */
export function longTrend(history: HistoryFigures, recorded: UnitIndicators): LongTrendPoint[] {
  const first = history.first_month && history.first_month < recorded.period.from ? history.first_month : recorded.period.from;
  const imported = new Map(history.months.map((m) => [m.month, m]));
  const guided = new Map<string, number>();
  for (const t of recorded.trend) guided.set(t.month, (guided.get(t.month) ?? 0) + t.people_guided);
  const roster = new Map(recorded.roster_trend.map((r) => [r.month, r.teams_active]));
  return monthsBetween(first, `${recorded.period.to.slice(0, 7)}-01`).map((month) => ({
    month,
    imported: { people_guided: imported.get(month)?.people_guided ?? null, teams: imported.get(month)?.teams ?? null },
    recorded: { people_guided: guided.get(month) ?? 0, teams: roster.get(month) ?? null },
  }));
}
