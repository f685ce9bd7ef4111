/**
 * The data behind each dashboard chart, shaped once from an indicators result so that the chart
 * and its CSV/XLSX download show the same figures. Pure: no database, no React.
 */
import { AFFILIATIONS, SKILLS, TARGET_GROUPS } from "@/lib/domain/catalog";
import { monthStart, monthsBetween } from "@/lib/domain/period";
import { METRICS, metricValue, ranks, type Metric, type MetricInputs } from "./metrics";

export interface SeriesSource {
  period: { from: string; to: string };
  by_skill: Record<string, { people_guided: number; people_completed: number }>;
  by_target_group: Record<string, { people_guided: number; people_completed: number }>;
  by_affiliation: Record<string, number>;
  by_gender: { male: number; female: number; other: number };
  trend: { month: string; skill: number; people_guided: number; people_completed: number }[];
  roster_trend: { month: string; as_at: string; teams_active: number; members_active: number }[];
  children: { code: string; name: string; indicators: MetricInputs & { members_trained_12m: number; reports_on_time: number } }[];
}

/** One row per month of the period: people guided per skill (s1…s5), completed and the total. */
export type TrendRow = { month: string; total: number; completed: number } & Record<`s${number}`, number>;

export function trendRows(src: SeriesSource): TrendRow[] {
  const rows = new Map<string, TrendRow>();
  for (const month of monthsBetween(monthStart(src.period.from), monthStart(src.period.to))) {
    const row = { month, total: 0, completed: 0 } as TrendRow;
    for (const s of SKILLS) row[`s${s}`] = 0;
    rows.set(month, row);
  }
  for (const t of src.trend) {
    const row = rows.get(t.month);
    if (!row) continue;
    row[`s${t.skill}`] += t.people_guided;
    row.total += t.people_guided;
    row.completed += t.people_completed;
  }
  return [...rows.values()];
}

export type RosterRow = { month: string; asAt: string; teams: number; members: number };

/** Active teams and members at the end of each month of the period (the current month as at today). */
export function rosterRows(src: SeriesSource): RosterRow[] {
  return src.roster_trend.map((p) => ({ month: p.month, asAt: p.as_at, teams: p.teams_active, members: p.members_active }));
}

export type BreakdownRow = { key: string; guided: number; completed: number };

export function skillRows(src: SeriesSource): BreakdownRow[] {
  return SKILLS.map((s) => ({ key: String(s), guided: src.by_skill[s]?.people_guided ?? 0, completed: src.by_skill[s]?.people_completed ?? 0 }));
}

export function targetGroupRows(src: SeriesSource): BreakdownRow[] {
  return TARGET_GROUPS.map((g) => ({ key: g, guided: src.by_target_group[g]?.people_guided ?? 0, completed: src.by_target_group[g]?.people_completed ?? 0 }));
}

export type CountRow = { key: string; members: number };

/** Affiliations in catalogue order, largest first; a member with several counts in each. */
export function affiliationRows(src: SeriesSource): CountRow[] {
  return AFFILIATIONS.map((a) => ({ key: a, members: src.by_affiliation[a] ?? 0 }))
    .filter((r) => r.members > 0)
    .sort((a, b) => b.members - a.members);
}

export function genderRows(src: SeriesSource): CountRow[] {
  return (["female", "male", "other"] as const).map((g) => ({ key: g, members: src.by_gender[g] }));
}

export type RankingRow = {
  code: string;
  name: string;
  communesTotal: number;
  communesWithTeam: number;
  teamsActive: number;
  membersActive: number;
  peopleGuided: number;
  peopleCompleted: number;
  trained12m: number;
  reportsExpected: number;
  reportsSubmitted: number;
  reportsOnTime: number;
} & Record<Metric, number | null> & { rank: number | null };

/** The child units with every metric and their rank by the chosen one (1 = best). */
export function rankingRows(src: SeriesSource, metric: Metric): RankingRow[] {
  const base = src.children.map((c) => {
    const v = c.indicators;
    const metrics = Object.fromEntries(METRICS.map((m) => [m, metricValue(m, v)])) as Record<Metric, number | null>;
    return {
      code: c.code,
      name: c.name,
      communesTotal: v.communes_total,
      communesWithTeam: v.communes_with_team,
      teamsActive: v.teams_active,
      membersActive: v.members_active,
      peopleGuided: v.people_guided,
      peopleCompleted: v.people_completed,
      trained12m: v.members_trained_12m,
      reportsExpected: v.reports_expected,
      reportsSubmitted: v.reports_submitted,
      reportsOnTime: v.reports_on_time,
      ...metrics,
      rank: null as number | null,
    };
  });
  const r = ranks(base.map((b) => b[metric]));
  base.forEach((b, i) => (b.rank = r[i]));
  return base;
}
