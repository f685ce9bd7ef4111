import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { SKILLS, TARGET_GROUPS } from "@/lib/domain/catalog";
import { addMonths, monthStart, vnToday, type Period } from "@/lib/domain/period";
import type { Actor } from "./actor";
import { db } from "./db";
import { getUnit, type Unit } from "./units";

export interface IndicatorValues {
  communes_total: number;
  communes_with_team: number;
  hamlets_total: number;
  hamlets_with_team: number;
  teams_active: number;
  members_active: number;
  members_male: number;
  members_female: number;
  trainings: number;
  attendances: number;
  members_trained_12m: number;
  households_visited: number;
  people_guided: number;
  people_completed: number;
  reports_expected: number;
  reports_submitted: number;
  reports_on_time: number;
  provinces_full_coverage?: number;
}

export interface ChildIndicators {
  code: string;
  name: string;
  indicators: IndicatorValues;
}

export interface UnitIndicators {
  unit: Pick<Unit, "code" | "name" | "level">;
  period: Period;
  as_of: string;
  indicators: IndicatorValues;
  by_skill: Record<string, { people_guided: number; people_completed: number }>;
  by_target_group: Record<string, { people_guided: number; people_completed: number }>;
  by_affiliation: Record<string, number>;
  trend: { month: string; skill: number; people_guided: number; people_completed: number }[];
  children: ChildIndicators[];
}

type Row = Record<string, unknown>;
const n = (v: unknown) => Number(v ?? 0);

/**
 * Every indicator of a unit and of each of its children for a period, read from the roll-ups
 * that triggers keep current. The unit must lie within the caller's scope.
 */
export async function unitIndicators(actor: Actor, code: string, period: Period): Promise<UnitIndicators> {
  const unit = await getUnit(actor, code);
  const d = await db();
  const fromMonth = monthStart(period.from);
  const toMonth = monthStart(period.to);
  const currentMonth = monthStart(vnToday());
  // Reports are expected for months of the period that have ended.
  const lastReportMonth = toMonth < currentMonth ? toMonth : addMonths(currentMonth, -1);
  const trainedFrom = addMonths(toMonth, -11);

  // Child units and the column that groups each roll-up by child.
  const level = unit.level;
  const childKey = level === "national" ? sql.raw("province_code") : sql.raw("commune_code");
  const statsFilter: SQL =
    level === "national" ? sql`TRUE` : level === "province" ? sql`province_code = ${unit.code}` : sql`commune_code = ${unit.code}`;
  const children: Row[] =
    level === "national"
      ? await queryRows(d, sql`SELECT code, short_name AS name FROM provinces ORDER BY code`)
      : level === "province"
        ? await queryRows(d, sql`SELECT code, name FROM communes WHERE province_code = ${unit.code} ORDER BY code`)
        : [];

  const guidanceTable = level === "national" ? sql.raw("guidance_province_month") : sql.raw("guidance_commune_month");
  const [stock, guidance, trained, reports, trainingRows, asOf, skills, groups, trend, affiliations] = await Promise.all([
    queryRows(d, sql`SELECT ${childKey} AS code, count(*) AS communes_total, count(*) FILTER (WHERE teams_active > 0) AS communes_with_team,
        sum(hamlets_total) AS hamlets_total, sum(hamlets_with_team) AS hamlets_with_team, sum(teams_active) AS teams_active,
        sum(members_active) AS members_active, sum(members_male) AS members_male, sum(members_female) AS members_female
      FROM commune_stats WHERE ${statsFilter} GROUP BY 1`),
    queryRows(d, sql`SELECT ${childKey} AS code, sum(households_visited) AS households_visited, sum(people_guided) AS people_guided,
        sum(people_completed) AS people_completed
      FROM ${guidanceTable} WHERE ${statsFilter} AND month BETWEEN ${fromMonth} AND ${toMonth} GROUP BY 1`),
    queryRows(d, sql`SELECT ${childKey} AS code, sum(members) AS members_trained_12m FROM commune_trained_month
      WHERE ${statsFilter} AND month BETWEEN ${trainedFrom} AND ${toMonth} GROUP BY 1`),
    queryRows(d, sql`SELECT ${childKey} AS code, count(*) FILTER (WHERE status IN ('submitted', 'approved')) AS reports_submitted,
        count(*) FILTER (WHERE status IN ('submitted', 'approved') AND NOT submitted_late) AS reports_on_time
      FROM monthly_reports WHERE ${statsFilter} AND month BETWEEN ${fromMonth} AND ${lastReportMonth} GROUP BY 1`),
    queryRows(d, sql`SELECT unit_code AS code, sum(trainings) AS trainings, sum(attendances) AS attendances FROM training_unit_month
      WHERE unit_code IN (${sql.join([unit.code, ...children.map((c) => String(c.code))].map((c) => sql`${c}`), sql`, `)})
        AND month BETWEEN ${fromMonth} AND ${toMonth} GROUP BY 1`),
    queryRows(d, sql`SELECT now() AS as_of`),
    queryRows(d, sql`SELECT skill AS key, sum(people_guided) AS people_guided, sum(people_completed) AS people_completed
      FROM ${guidanceTable} WHERE ${statsFilter} AND month BETWEEN ${fromMonth} AND ${toMonth} GROUP BY 1`),
    queryRows(d, sql`SELECT target_group AS key, sum(people_guided) AS people_guided, sum(people_completed) AS people_completed
      FROM ${guidanceTable} WHERE ${statsFilter} AND month BETWEEN ${fromMonth} AND ${toMonth} GROUP BY 1`),
    queryRows(d, sql`SELECT month::text AS month, skill, sum(people_guided) AS people_guided, sum(people_completed) AS people_completed
      FROM ${guidanceTable} WHERE ${statsFilter} AND month BETWEEN ${fromMonth} AND ${toMonth} GROUP BY 1, 2 ORDER BY 1, 2`),
    queryRows(d, sql`SELECT affiliation AS key, sum(members) AS members FROM commune_affiliation_stats WHERE ${statsFilter} GROUP BY 1`),
  ]);

  const months = lastReportMonth >= fromMonth ? monthsCount(fromMonth, lastReportMonth) : 0;
  const byCode = (rows: Row[]) => new Map(rows.map((r) => [String(r.code), r]));
  const [stockBy, guidanceBy, trainedBy, reportsBy, trainingBy] = [stock, guidance, trained, reports, trainingRows].map(byCode);
  const valuesFor = (code: string): IndicatorValues => {
    const s = stockBy.get(code) ?? {};
    const g = guidanceBy.get(code) ?? {};
    const r = reportsBy.get(code) ?? {};
    const t = trainingBy.get(code) ?? {};
    return {
      communes_total: n(s.communes_total),
      communes_with_team: n(s.communes_with_team),
      hamlets_total: n(s.hamlets_total),
      hamlets_with_team: n(s.hamlets_with_team),
      teams_active: n(s.teams_active),
      members_active: n(s.members_active),
      members_male: n(s.members_male),
      members_female: n(s.members_female),
      trainings: n(t.trainings),
      attendances: n(t.attendances),
      members_trained_12m: n(trainedBy.get(code)?.members_trained_12m),
      households_visited: n(g.households_visited),
      people_guided: n(g.people_guided),
      people_completed: n(g.people_completed),
      reports_expected: n(s.communes_with_team) * months,
      reports_submitted: n(r.reports_submitted),
      reports_on_time: n(r.reports_on_time),
    };
  };

  const childValues: ChildIndicators[] =
    level === "commune"
      ? []
      : children.map((c) => ({ code: String(c.code), name: String(c.name), indicators: valuesFor(String(c.code)) }));
  const total: IndicatorValues =
    level === "commune" ? valuesFor(unit.code) : sumIndicators(childValues.map((c) => c.indicators));
  if (level !== "commune") {
    const own = trainingBy.get(unit.code) ?? {};
    total.trainings = n(own.trainings);
    total.attendances = n(own.attendances);
  }
  if (level === "national") {
    total.provinces_full_coverage = childValues.filter(
      (c) => c.indicators.communes_total > 0 && c.indicators.communes_with_team === c.indicators.communes_total,
    ).length;
  }

  const breakdown = (rows: Row[], keys: readonly (string | number)[]) =>
    Object.fromEntries(
      keys.map((k) => {
        const row = rows.find((r) => String(r.key) === String(k));
        return [String(k), { people_guided: n(row?.people_guided), people_completed: n(row?.people_completed) }];
      }),
    );

  return {
    unit: { code: unit.code, name: unit.name, level: unit.level },
    period,
    as_of: new Date(String(asOf[0].as_of)).toISOString(),
    indicators: total,
    by_skill: breakdown(skills, SKILLS),
    by_target_group: breakdown(groups, TARGET_GROUPS),
    by_affiliation: Object.fromEntries(affiliations.map((a) => [String(a.key), n(a.members)])),
    trend: trend.map((t) => ({ month: String(t.month).slice(0, 10), skill: n(t.skill), people_guided: n(t.people_guided), people_completed: n(t.people_completed) })),
    children: childValues,
  };
}

function monthsCount(from: string, to: string): number {
  const [fy, fm] = from.split("-").map(Number);
  const [ty, tm] = to.split("-").map(Number);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

function sumIndicators(list: IndicatorValues[]): IndicatorValues {
  const out = {} as IndicatorValues;
  for (const values of list) {
    for (const [k, v] of Object.entries(values)) {
      const key = k as keyof IndicatorValues;
      out[key] = (out[key] ?? 0) + (v ?? 0);
    }
  }
  const zero: IndicatorValues = {
    communes_total: 0, communes_with_team: 0, hamlets_total: 0, hamlets_with_team: 0, teams_active: 0, members_active: 0,
    members_male: 0, members_female: 0, trainings: 0, attendances: 0, members_trained_12m: 0, households_visited: 0,
    people_guided: 0, people_completed: 0, reports_expected: 0, reports_submitted: 0, reports_on_time: 0,
  };
  return { ...zero, ...out };
}
