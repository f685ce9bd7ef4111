import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Queryable } from "@/db/client";
import { SKILLS, TARGET_GROUPS } from "@/lib/domain/catalog";
import { addMonths, lastDayOfMonth, monthStart, vnToday, type Period } from "@/lib/domain/period";
import type { ReportStatus } from "@/lib/domain/catalog";
import { displayStatus, owedMonthRange, type ReportDisplayStatus } from "@/lib/domain/reports-owed";
import type { Actor } from "./actor";
import { now } from "./clock";
import { db, withReadDb, type ReadSource } from "./db";
import { FRESHNESS_MS, shortLived } from "./freshness";
import { activeInMonth } from "./reports-owed";
import { reportDeadlineDay } from "./settings";
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

export type GuidedCompleted = { people_guided: number; people_completed: number };

/** Active teams and members as at the end of one month of the period (today for the current month). */
export interface RosterPoint {
  month: string;
  as_at: string;
  teams_active: number;
  members_active: number;
}

export interface UnitIndicators {
  unit: Pick<Unit, "code" | "name" | "level"> & { province_code: string | null };
  period: Period;
  /** When the figures were read; the roll-ups are current as of every committed write. */
  as_of: string;
  /**
   * The day the roster figures (teams, members, coverage, gender, affiliations, trained members)
   * describe: the period's last day, or today while the period is not over.
   */
  as_at: string;
  indicators: IndicatorValues;
  by_skill: Record<string, GuidedCompleted>;
  by_target_group: Record<string, GuidedCompleted>;
  by_affiliation: Record<string, number>;
  by_gender: { male: number; female: number; other: number };
  /** People guided and completed per month (first day) and skill, months without records omitted. */
  trend: ({ month: string; skill: number } & GuidedCompleted)[];
  /** Active teams and members at the end of each month of the period. */
  roster_trend: RosterPoint[];
  children: ChildIndicators[];
}

type Row = Record<string, unknown>;
const n = (v: unknown) => Number(v ?? 0);

/** The window of a period in the units the roll-ups are kept in. */
interface Window {
  fromMonth: string;
  toMonth: string;
  /** Last day of the last month. */
  toDay: string;
  /** The day the roster figures describe: the period's last day, never past today. */
  asAt: string;
  /** First day of the month that holds asAt. */
  asAtMonth: string;
  /** Months whose reports are owed (deadline passed), or null when none is. */
  owed: { from: string; to: string } | null;
}

function windowOf(period: Period, at: Date, deadlineDay: number): Window {
  const fromMonth = monthStart(period.from);
  const toMonth = monthStart(period.to);
  const today = vnToday(at);
  const toDay = lastDayOfMonth(toMonth);
  const asAt = toDay < today ? toDay : today;
  return { fromMonth, toMonth, toDay, asAt, asAtMonth: monthStart(asAt), owed: owedMonthRange(fromMonth, toMonth, at, deadlineDay) };
}

/** How a query source narrows rows to the unit and groups them by child unit. */
interface Shape {
  unit: Unit;
  /** Column expression naming the child unit of a row that has province_code and commune_code. */
  childKey: SQL;
  /** Condition on province_code / commune_code columns. */
  filter: SQL;
  /** The same condition on the communes table (code, province_code). */
  communeFilter: SQL;
  /** Codes of the unit and its children, for roll-ups keyed by unit code. */
  unitCodes: string[];
}

type Queries = {
  stock(d: Queryable, s: Shape, w: Window): Promise<Row[]>;
  guidance(d: Queryable, s: Shape, w: Window): Promise<Row[]>;
  reports(d: Queryable, s: Shape, w: Window): Promise<Row[]>;
  trainings(d: Queryable, s: Shape, w: Window): Promise<Row[]>;
  breakdown(d: Queryable, s: Shape, w: Window, key: "skill" | "target_group"): Promise<Row[]>;
  trend(d: Queryable, s: Shape, w: Window): Promise<Row[]>;
  rosterTrend(d: Queryable, s: Shape, w: Window): Promise<Row[]>;
  affiliations(d: Queryable, s: Shape, w: Window): Promise<Row[]>;
};

const codeList = (codes: string[]) => sql.join(codes.map((c) => sql`${c}`), sql`, `);

/** Codes of the rows the roll-ups keyed by unit code hold for the unit's children (or the commune itself). */
function childCodes(s: Shape): SQL {
  return codeList(s.unit.level === "commune" ? [s.unit.code] : s.unitCodes.slice(1));
}

/** Months from a to b inclusive (both first days), as SQL. */
const monthsFrom = (a: SQL, b: string) =>
  sql`((extract(year FROM ${b}::date) - extract(year FROM ${a})) * 12 + extract(month FROM ${b}::date) - extract(month FROM ${a}) + 1)`;

/**
 * Roster deltas summed up to a day: the months before its month, then the days of its month. A
 * figure as at that day is the sum of all changes dated on or before it.
 */
function deltasUpTo(table: "roster" | "roster_affiliation", columns: SQL, codes: SQL, day: string, month: string): SQL {
  const byMonth = sql.raw(`${table}_month`);
  const byDay = sql.raw(`${table}_day`);
  return sql`SELECT ${columns} FROM ${byMonth} WHERE unit_code IN (${codes}) AND month < ${month}
    UNION ALL SELECT ${columns} FROM ${byDay} WHERE unit_code IN (${codes}) AND day BETWEEN ${month} AND ${day}`;
}

const ROSTER_COLUMNS = sql`unit_code, teams, communes, hamlets, members, male, female, trained`;

/** Reads from the roll-ups that triggers keep current in the same transaction as each write. */
const ROLLUPS: Queries = {
  stock: (d, s, w) =>
    queryRows(d, sql`WITH roster AS (
        SELECT unit_code AS code, sum(teams) AS teams_active, sum(communes) AS communes_with_team, sum(hamlets) AS hamlets_with_team,
          sum(members) AS members_active, sum(male) AS members_male, sum(female) AS members_female, sum(trained) AS members_trained_12m
        FROM (${deltasUpTo("roster", ROSTER_COLUMNS, childCodes(s), w.asAt, w.asAtMonth)}) x GROUP BY 1),
      units AS (SELECT ${s.childKey} AS code, count(*) AS communes_total, sum(hamlets_total) AS hamlets_total FROM commune_stats WHERE ${s.filter} GROUP BY 1)
      SELECT coalesce(u.code, r.code) AS code, u.communes_total, u.hamlets_total, r.teams_active, r.communes_with_team, r.hamlets_with_team,
        r.members_active, r.members_male, r.members_female, r.members_trained_12m
      FROM units u FULL JOIN roster r ON r.code = u.code`),
  guidance: (d, s, w) =>
    queryRows(d, sql`SELECT ${s.childKey} AS code, sum(households_visited) AS households_visited, sum(people_guided) AS people_guided,
        sum(people_completed) AS people_completed
      FROM ${guidanceTable(s)} WHERE ${s.filter} AND month BETWEEN ${w.fromMonth} AND ${w.toMonth} GROUP BY 1`),
  // A delta of month m counts once for every owed month from m (or the range's start) to the range's end.
  reports: (d, s, w) =>
    w.owed
      ? queryRows(d, sql`SELECT unit_code AS code,
            sum(owed * ${monthsFrom(sql`greatest(month, ${w.owed.from}::date)`, w.owed.to)}) AS reports_expected,
            sum(submitted * ${monthsFrom(sql`greatest(month, ${w.owed.from}::date)`, w.owed.to)}) AS reports_submitted,
            sum(on_time * ${monthsFrom(sql`greatest(month, ${w.owed.from}::date)`, w.owed.to)}) AS reports_on_time
          FROM roster_month WHERE unit_code IN (${childCodes(s)}) AND month <= ${w.owed.to} GROUP BY 1`)
      : Promise.resolve([]),
  trainings: (d, s, w) =>
    queryRows(d, sql`SELECT unit_code AS code, sum(trainings) AS trainings, sum(attendances) AS attendances FROM training_unit_month
      WHERE unit_code IN (${codeList(s.unitCodes)}) AND month BETWEEN ${w.fromMonth} AND ${w.toMonth} GROUP BY 1`),
  breakdown: (d, s, w, key) =>
    queryRows(d, sql`SELECT ${sql.raw(key)} AS key, sum(people_guided) AS people_guided, sum(people_completed) AS people_completed
      FROM ${breakdownTable(s)} WHERE ${s.filter} AND month BETWEEN ${w.fromMonth} AND ${w.toMonth} GROUP BY 1`),
  trend: (d, s, w) =>
    queryRows(d, sql`SELECT month::text AS month, skill, sum(people_guided) AS people_guided, sum(people_completed) AS people_completed
      FROM ${breakdownTable(s)} WHERE ${s.filter} AND month BETWEEN ${w.fromMonth} AND ${w.toMonth} GROUP BY 1, 2 ORDER BY 1, 2`),
  // The unit's monthly deltas up to the period's last month; the running sum gives each month's end.
  rosterTrend: async (d, s, w) => {
    const [months, days] = await Promise.all([
      queryRows(d, sql`SELECT month::text AS month, teams, members FROM roster_month WHERE unit_code = ${s.unit.code} AND month <= ${w.toMonth} ORDER BY month`),
      queryRows(d, sql`SELECT sum(teams) AS teams, sum(members) AS members FROM roster_day
        WHERE unit_code = ${s.unit.code} AND day > ${w.asAt} AND day <= ${lastDayOfMonth(w.asAtMonth)}`),
    ]);
    return rosterSeries(months, days[0] ?? {}, w);
  },
  affiliations: (d, s, w) =>
    queryRows(d, sql`SELECT affiliation AS key, sum(members) AS members
      FROM (${deltasUpTo("roster_affiliation", sql`affiliation, members`, codeList([s.unit.code]), w.asAt, w.asAtMonth)}) x GROUP BY 1`),
};

/**
 * Teams and members at the end of each month of the period from the unit's monthly deltas; the
 * month that holds today stops at today (its later-dated changes are taken off).
 */
function rosterSeries(months: Row[], afterAsAt: Row, w: Window): Row[] {
  let teams = 0;
  let members = 0;
  const byMonth = new Map(months.map((r) => [String(r.month).slice(0, 10), r]));
  const out: Row[] = [];
  const first = months.length ? String(months[0].month).slice(0, 10) : w.fromMonth;
  for (let m = first < w.fromMonth ? first : w.fromMonth; m <= w.toMonth; m = addMonths(m, 1)) {
    const r = byMonth.get(m);
    teams += n(r?.teams);
    members += n(r?.members);
    if (m < w.fromMonth || m > w.asAtMonth) continue;
    const atEnd = m === w.asAtMonth;
    out.push({
      month: m,
      as_at: atEnd ? w.asAt : lastDayOfMonth(m),
      teams_active: atEnd ? teams - n(afterAsAt.teams) : teams,
      members_active: atEnd ? members - n(afterAsAt.members) : members,
    });
  }
  return out;
}

/** Per-child totals: by province for the country, by commune below. */
function guidanceTable(s: Shape): SQL {
  return s.unit.level === "national" ? sql.raw("guidance_province_month") : sql.raw("guidance_commune_month");
}

/** Breakdowns of the whole unit: a province's are kept whole in the province table. */
function breakdownTable(s: Shape): SQL {
  return s.unit.level === "commune" ? sql.raw("guidance_commune_month") : sql.raw("guidance_province_month");
}

/**
 * A token that changes whenever a roll-up row feeding the unit's figures changes: every write
 * that reaches the roll-ups gives the rows it touches a new xmin. Member, team and hamlet writes
 * all pass through commune_stats, and so does every guidance write (migration 0007 touches the
 * commune's row); trainings go through training_unit_month; dated roster changes and report
 * submissions through roster_month, where every change of a child unit also rewrites the unit's
 * own rows (the deltas are kept for the country, the province and the commune in one statement).
 */
async function rollupToken(d: Queryable, s: Shape, w: Window): Promise<string> {
  const version = sql`coalesce(sum(xmin::text::bigint), 0)::text || ':' || count(*)`;
  const [row] = await queryRows<{ token: string }>(
    d,
    sql`SELECT concat_ws('|',
      (SELECT ${version} FROM commune_stats WHERE ${s.filter}),
      (SELECT ${version} FROM training_unit_month WHERE unit_code IN (${codeList(s.unitCodes)}) AND month BETWEEN ${w.fromMonth} AND ${w.toMonth}),
      (SELECT ${version} FROM roster_month WHERE unit_code = ${s.unit.code} AND month <= ${w.toMonth})
    ) AS token`,
  );
  return row.token;
}

type RollupRows = {
  stock: Row[];
  guidance: Row[];
  reports: Row[];
  trainings: Row[];
  skills: Row[];
  groups: Row[];
  trend: Row[];
  rosterTrend: Row[];
  affiliations: Row[];
};

/**
 * Figures already aggregated for a unit and period, reused while the roll-ups they came from are
 * unchanged (same token): a burst of readers of the same dashboard costs one aggregation.
 */
const memo = new Map<string, { token: string; rows: RollupRows }>();
const MEMO_LIMIT = 500;

async function rollupRows(d: Queryable, source: ReadSource, s: Shape, w: Window, q: Queries, useMemo: boolean): Promise<RollupRows> {
  const key = `${source}|${s.unit.code}|${w.fromMonth}|${w.toMonth}|${w.asAt}|${w.owed?.from}|${w.owed?.to}`;
  const token = useMemo ? await shortLived(`token|${key}`, source === "own-write" ? 0 : FRESHNESS_MS, () => rollupToken(d, s, w)) : "";
  const hit = memo.get(key);
  if (useMemo && hit && hit.token === token) return hit.rows;
  const [stock, guidance, reports, trainings, skills, groups, trend, rosterTrend, affiliations] = await Promise.all([
    q.stock(d, s, w),
    q.guidance(d, s, w),
    q.reports(d, s, w),
    q.trainings(d, s, w),
    q.breakdown(d, s, w, "skill"),
    q.breakdown(d, s, w, "target_group"),
    q.trend(d, s, w),
    q.rosterTrend(d, s, w),
    q.affiliations(d, s, w),
  ]);
  const rows = { stock, guidance, reports, trainings, skills, groups, trend, rosterTrend, affiliations };
  if (useMemo) {
    memo.delete(key);
    memo.set(key, { token, rows });
    if (memo.size > MEMO_LIMIT) memo.delete(memo.keys().next().value!);
  }
  return rows;
}

/** Teams active on a day, from their periods. */
const teamsAt = (day: string) => sql`SELECT t.id, t.province_code, t.commune_code, t.hamlet_id FROM teams t
  JOIN team_periods tp ON tp.team_id = t.id AND tp.started_on <= ${day}::date AND (tp.ended_on IS NULL OR tp.ended_on > ${day}::date)`;

/** Members active on a day (in a membership, of a team active that day), placed where they belonged that day. */
const membersAt = (day: string) => sql`SELECT m.id, m.gender, m.affiliations, ms.province_code, ms.commune_code FROM memberships ms
  JOIN members m ON m.id = ms.member_id
  JOIN team_periods tp ON tp.team_id = ms.team_id AND tp.started_on <= ${day}::date AND (tp.ended_on IS NULL OR tp.ended_on > ${day}::date)
  WHERE ms.started_on <= ${day}::date AND (ms.ended_on IS NULL OR ms.ended_on > ${day}::date)`;

/** Attended a training (not removed) in the 12 months ending on the day. */
const trainedBy = (day: string) => sql`EXISTS (SELECT 1 FROM training_attendance ta JOIN trainings tr ON tr.id = ta.training_id AND tr.deleted_at IS NULL
  WHERE ta.member_id = am.id AND ta.held_on <= ${day}::date AND (ta.held_on + interval '12 months')::date > ${day}::date)`;

/**
 * The same figures computed from raw rows (teams and their periods, memberships, attendance,
 * reports), for verification and for the benchmark's comparison.
 */
const RAW: Queries = {
  stock: (d, s, w) =>
    queryRows(d, sql`WITH c AS (SELECT code AS commune_code, province_code FROM communes WHERE ${s.communeFilter}),
      h AS (SELECT commune_code, count(*) AS n FROM hamlets WHERE deleted_at IS NULL AND ${s.filter} GROUP BY 1),
      t AS (SELECT commune_code, count(*) AS n, count(DISTINCT hamlet_id) AS with_hamlet
            FROM (${teamsAt(w.asAt)}) at WHERE ${s.filter} GROUP BY 1),
      m AS (SELECT commune_code, count(*) AS n, count(*) FILTER (WHERE gender = 'male') AS male, count(*) FILTER (WHERE gender = 'female') AS female,
              count(*) FILTER (WHERE ${trainedBy(w.asAt)}) AS trained
            FROM (${membersAt(w.asAt)}) am WHERE ${s.filter} GROUP BY 1)
      SELECT ${s.childKey} AS code, count(*) AS communes_total, count(*) FILTER (WHERE t.n > 0) AS communes_with_team,
        sum(h.n) AS hamlets_total, sum(t.with_hamlet) AS hamlets_with_team, sum(t.n) AS teams_active,
        sum(m.n) AS members_active, sum(m.male) AS members_male, sum(m.female) AS members_female, sum(m.trained) AS members_trained_12m
      FROM c LEFT JOIN h USING (commune_code) LEFT JOIN t USING (commune_code) LEFT JOIN m USING (commune_code) GROUP BY 1`),
  guidance: (d, s, w) =>
    queryRows(d, sql`SELECT ${s.childKey} AS code, sum(households_visited) AS households_visited, sum(people_guided) AS people_guided,
        sum(people_completed) AS people_completed
      FROM guidance_records WHERE deleted_at IS NULL AND ${s.filter} AND guided_on BETWEEN ${w.fromMonth} AND ${w.toDay} GROUP BY 1`),
  // Every (commune, owed month) with a team active on some day of the month, and its report.
  reports: (d, s, w) =>
    w.owed
      ? queryRows(d, sql`WITH owed AS (
            SELECT c.code AS commune_code, c.province_code, mon::date AS month FROM communes c
            CROSS JOIN generate_series(${w.owed.from}::date, ${w.owed.to}::date, interval '1 month') AS mon
            WHERE ${s.communeFilter} AND EXISTS (
              SELECT 1 FROM teams t JOIN team_periods tp ON tp.team_id = t.id
              WHERE t.commune_code = c.code AND tp.started_on < (mon + interval '1 month')::date
                AND (tp.ended_on IS NULL OR tp.ended_on > mon::date) AND (tp.ended_on IS NULL OR tp.ended_on > tp.started_on)))
          SELECT ${s.childKey} AS code, count(*) AS reports_expected,
            count(*) FILTER (WHERE r.status IN ('submitted', 'approved')) AS reports_submitted,
            count(*) FILTER (WHERE r.status IN ('submitted', 'approved') AND NOT r.submitted_late) AS reports_on_time
          FROM owed LEFT JOIN (SELECT commune_code, month, status, submitted_late FROM monthly_reports) r USING (commune_code, month) GROUP BY 1`)
      : Promise.resolve([]),
  trainings: (d, s, w) =>
    queryRows(d, sql`WITH t AS (SELECT * FROM trainings WHERE deleted_at IS NULL AND held_on BETWEEN ${w.fromMonth} AND ${w.toDay}),
      organised AS (
        SELECT u.code, count(*) AS trainings FROM t
        CROSS JOIN LATERAL (VALUES ('VN'::varchar), (t.province_code::varchar), (t.commune_code::varchar)) u(code)
        WHERE u.code IN (${codeList(s.unitCodes)}) GROUP BY 1),
      attended AS (
        SELECT u.code, count(*) AS attendances FROM training_attendance ta JOIN t ON t.id = ta.training_id
        CROSS JOIN LATERAL (VALUES ('VN'::varchar), (ta.province_code::varchar), (ta.commune_code::varchar)) u(code)
        WHERE u.code IN (${codeList(s.unitCodes)}) GROUP BY 1)
      SELECT coalesce(o.code, a.code) AS code, coalesce(o.trainings, 0) AS trainings, coalesce(a.attendances, 0) AS attendances
      FROM organised o FULL JOIN attended a ON a.code = o.code`),
  breakdown: (d, s, w, key) =>
    queryRows(d, sql`SELECT ${sql.raw(key)} AS key, sum(people_guided) AS people_guided, sum(people_completed) AS people_completed
      FROM guidance_records WHERE deleted_at IS NULL AND ${s.filter} AND guided_on BETWEEN ${w.fromMonth} AND ${w.toDay} GROUP BY 1`),
  trend: (d, s, w) =>
    queryRows(d, sql`SELECT date_trunc('month', guided_on)::date::text AS month, skill, sum(people_guided) AS people_guided,
        sum(people_completed) AS people_completed
      FROM guidance_records WHERE deleted_at IS NULL AND ${s.filter} AND guided_on BETWEEN ${w.fromMonth} AND ${w.toDay}
      GROUP BY 1, 2 ORDER BY 1, 2`),
  rosterTrend: async (d, s, w) => {
    const out: Row[] = [];
    for (let m = w.fromMonth; m <= w.asAtMonth; m = addMonths(m, 1)) {
      const day = m === w.asAtMonth ? w.asAt : lastDayOfMonth(m);
      const [row] = await queryRows(d, sql`SELECT (SELECT count(*) FROM (${teamsAt(day)}) at WHERE ${s.filter}) AS teams_active,
        (SELECT count(*) FROM (${membersAt(day)}) am WHERE ${s.filter}) AS members_active`);
      out.push({ month: m, as_at: day, teams_active: row.teams_active, members_active: row.members_active });
    }
    return out;
  },
  affiliations: (d, s, w) =>
    queryRows(d, sql`SELECT a AS key, count(*) AS members FROM (${membersAt(w.asAt)}) am, unnest(am.affiliations) AS a WHERE ${s.filter} GROUP BY 1`),
};

/** Child units by parent code; the administrative units change only by a migration, with the app stopped. */
const childrenMemo = new Map<string, Row[]>();

async function shapeOf(d: Queryable, unit: Unit): Promise<{ shape: Shape; children: Row[] }> {
  const level = unit.level;
  let children = childrenMemo.get(unit.code);
  if (!children) {
    children =
      level === "national"
        ? await queryRows(d, sql`SELECT code, short_name AS name FROM provinces ORDER BY code`)
        : level === "province"
          ? await queryRows(d, sql`SELECT code, name FROM communes WHERE province_code = ${unit.code} ORDER BY code`)
          : [];
    if (children.length) childrenMemo.set(unit.code, children);
  }
  const shape: Shape = {
    unit,
    childKey: level === "national" ? sql.raw("province_code") : sql.raw("commune_code"),
    filter: level === "national" ? sql`TRUE` : level === "province" ? sql`province_code = ${unit.code}` : sql`commune_code = ${unit.code}`,
    communeFilter: level === "national" ? sql`TRUE` : level === "province" ? sql`province_code = ${unit.code}` : sql`code = ${unit.code}`,
    unitCodes: [unit.code, ...children.map((c) => String(c.code))],
  };
  return { shape, children };
}

/**
 * Every indicator of a unit and of each of its children for a period, read from the roll-ups
 * that triggers keep current. The unit must lie within the caller's scope.
 */
export async function unitIndicators(actor: Actor, code: string, period: Period): Promise<UnitIndicators> {
  const unit = await getUnit(actor, code);
  return withReadDb(actor, (d, source) => computeIndicators(d, source, unit, period, ROLLUPS));
}

/** The same result computed from raw rows (slow at national scale): for verification only. */
export async function rawUnitIndicators(actor: Actor, code: string, period: Period): Promise<UnitIndicators> {
  const unit = await getUnit(actor, code);
  return computeIndicators(await db(), "primary", unit, period, RAW);
}

async function computeIndicators(d: Queryable, source: ReadSource, unit: Unit, period: Period, q: Queries): Promise<UnitIndicators> {
  const at = now();
  const deadlineDay = await shortLived("reports|deadline-day", q === ROLLUPS ? FRESHNESS_MS : 0, () => reportDeadlineDay(d));
  const w = windowOf(period, at, deadlineDay);
  const asOf = new Date().toISOString();
  const { shape, children } = await shapeOf(d, unit);
  const rows = await rollupRows(d, source, shape, w, q, q === ROLLUPS);
  if (q !== ROLLUPS) return { ...indicatorsFrom(unit, period, w, children, rows), as_of: asOf };
  // The same roll-up rows give the same figures: readers share one frozen object until they change.
  let byPeriod = figuresOf.get(rows);
  if (!byPeriod) figuresOf.set(rows, (byPeriod = new Map()));
  const periodKey = `${period.from}|${period.to}`;
  let figures = byPeriod.get(periodKey);
  if (!figures) byPeriod.set(periodKey, (figures = deepFreeze(indicatorsFrom(unit, period, w, children, rows))));
  return { ...figures, as_of: asOf };
}

/** Figures already shaped from a memo entry's roll-up rows, per period (see `rollupRows`). */
const figuresOf = new WeakMap<RollupRows, Map<string, Omit<UnitIndicators, "as_of">>>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function indicatorsFrom(unit: Unit, period: Period, w: Window, children: Row[], rows: RollupRows): Omit<UnitIndicators, "as_of"> {
  const { stock, guidance, reports, trainings: trainingRows, skills, groups, trend, rosterTrend, affiliations } = rows;

  const byCode = (rows: Row[]) => new Map(rows.map((r) => [String(r.code), r]));
  const [stockBy, guidanceBy, reportsBy, trainingBy] = [stock, guidance, reports, trainingRows].map(byCode);
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
      members_trained_12m: n(s.members_trained_12m),
      households_visited: n(g.households_visited),
      people_guided: n(g.people_guided),
      people_completed: n(g.people_completed),
      // Owed: every commune and month with an active team on some day of it, once the deadline has passed.
      reports_expected: n(r.reports_expected),
      reports_submitted: n(r.reports_submitted),
      reports_on_time: n(r.reports_on_time),
    };
  };

  const level = unit.level;
  const childValues: ChildIndicators[] = children.map((c) => ({ code: String(c.code), name: String(c.name), indicators: valuesFor(String(c.code)) }));
  const total: IndicatorValues = level === "commune" ? valuesFor(unit.code) : sumIndicators(childValues.map((c) => c.indicators));
  if (level !== "commune") {
    // Trainings count for the unit that organised them, so a unit's total is more than its children's.
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
    unit: { code: unit.code, name: unit.name, level: unit.level, province_code: unit.provinceCode },
    period: { from: period.from, to: period.to },
    as_at: w.asAt,
    indicators: total,
    by_skill: breakdown(skills, SKILLS),
    by_target_group: breakdown(groups, TARGET_GROUPS),
    by_affiliation: Object.fromEntries(
      affiliations
        .map((a) => [String(a.key), n(a.members)] as const)
        .filter(([, v]) => v > 0)
        .sort((a, b) => a[0].localeCompare(b[0])),
    ),
    by_gender: {
      male: total.members_male,
      female: total.members_female,
      other: total.members_active - total.members_male - total.members_female,
    },
    trend: trend
      .map((t) => ({ month: String(t.month).slice(0, 10), skill: n(t.skill), people_guided: n(t.people_guided), people_completed: n(t.people_completed) }))
      .filter((t) => t.people_guided > 0 || t.people_completed > 0),
    roster_trend: rosterTrend.map((r) => ({
      month: String(r.month).slice(0, 10),
      as_at: String(r.as_at).slice(0, 10),
      teams_active: n(r.teams_active),
      members_active: n(r.members_active),
    })),
    children: childValues,
  };
}

const ZERO: IndicatorValues = {
  communes_total: 0, communes_with_team: 0, hamlets_total: 0, hamlets_with_team: 0, teams_active: 0, members_active: 0,
  members_male: 0, members_female: 0, trainings: 0, attendances: 0, members_trained_12m: 0, households_visited: 0,
  people_guided: 0, people_completed: 0, reports_expected: 0, reports_submitted: 0, reports_on_time: 0,
};

function sumIndicators(list: IndicatorValues[]): IndicatorValues {
  const out: IndicatorValues = { ...ZERO };
  for (const values of list) {
    for (const key of Object.keys(ZERO) as (keyof IndicatorValues)[]) out[key] = (out[key] ?? 0) + (values[key] ?? 0);
  }
  return out;
}

export interface CommuneDetails {
  /** The day the hamlets' and teams' figures describe. */
  asAt: string;
  hamlets: { id: number; name: string; kind: string; households: number | null; team: string | null }[];
  teams: { id: number; name: string; hamlet: string | null; members: number; trained12m: number }[];
  reports: { month: string; status: ReportDisplayStatus; submittedAt: string | null; late: boolean | null }[];
}

/**
 * What a commune's dashboard lists beside its indicators: hamlets and the team active in each on
 * the period's last day (today for the current period), the teams active that day with their
 * members and those trained in the 12 months to it, and the report of each month of the period in
 * which the commune had an active team (open until its deadline, then owed).
 */
export async function communeDetails(actor: Actor, code: string, period: Period): Promise<CommuneDetails> {
  const unit = await getUnit(actor, code);
  return withReadDb(actor, async (d, source) => {
    const at = now();
    const deadlineDay = await shortLived("reports|deadline-day", source === "own-write" ? 0 : FRESHNESS_MS, () => reportDeadlineDay(d));
    const w = windowOf(period, at, deadlineDay);
    if (unit.level !== "commune") return { asAt: w.asAt, hamlets: [], teams: [], reports: [] };
    // Readers of the same commune between two commits share one read, as its figures do.
    const key = `commune-details|${source}|${unit.code}|${w.fromMonth}|${w.toMonth}|${w.asAt}|${deadlineDay}|${vnToday(at)}`;
    return shortLived(key, source === "own-write" ? 0 : FRESHNESS_MS, () => readCommuneDetails(d, unit, w, at, deadlineDay));
  });
}

async function readCommuneDetails(d: Queryable, unit: Unit, w: Window, at: Date, deadlineDay: number): Promise<CommuneDetails> {
  const lastMonth = w.toMonth < w.asAtMonth ? w.toMonth : w.asAtMonth;
  const [hamlets, teams, reports] = await Promise.all([
    queryRows(d, sql`SELECT h.id, h.name, h.kind, h.households, min(at.name) AS team
      FROM hamlets h LEFT JOIN (SELECT t.hamlet_id, t.name FROM teams t
        JOIN team_periods tp ON tp.team_id = t.id AND tp.started_on <= ${w.asAt}::date AND (tp.ended_on IS NULL OR tp.ended_on > ${w.asAt}::date)
        WHERE t.commune_code = ${unit.code}) at ON at.hamlet_id = h.id
      WHERE h.commune_code = ${unit.code} AND h.deleted_at IS NULL GROUP BY h.id ORDER BY (min(at.name) IS NULL) DESC, h.name`),
    // Trained members are read from the commune's trained spans (one index range) rather than per member.
    queryRows(d, sql`WITH trained AS (SELECT entity::int AS id FROM roster_spans WHERE commune_code = ${unit.code} AND kind = 'R'
        AND started_on <= ${w.asAt}::date AND (ended_on IS NULL OR ended_on > ${w.asAt}::date))
      SELECT t.id, t.name, h.name AS hamlet, count(am.id) AS members, count(am.id) FILTER (WHERE am.id IN (SELECT id FROM trained)) AS trained
      FROM teams t
      JOIN team_periods tp ON tp.team_id = t.id AND tp.started_on <= ${w.asAt}::date AND (tp.ended_on IS NULL OR tp.ended_on > ${w.asAt}::date)
      LEFT JOIN hamlets h ON h.id = t.hamlet_id
      LEFT JOIN (SELECT ms.team_id, ms.member_id AS id FROM memberships ms
        WHERE ms.commune_code = ${unit.code} AND ms.started_on <= ${w.asAt}::date AND (ms.ended_on IS NULL OR ms.ended_on > ${w.asAt}::date)) am
        ON am.team_id = t.id
      WHERE t.commune_code = ${unit.code}
      GROUP BY t.id, t.name, h.name ORDER BY t.name`),
    lastMonth < w.fromMonth
      ? Promise.resolve([] as Row[])
      : queryRows(d, sql`SELECT m::date::text AS month, r.status, r.submitted_at, r.submitted_late
      FROM generate_series(${w.fromMonth}::date, ${lastMonth}::date, interval '1 month') AS m
      LEFT JOIN monthly_reports r ON r.commune_code = ${unit.code} AND r.month = m::date
      WHERE ${activeInMonth(sql`${unit.code}`, sql`m::date`)} ORDER BY 1 DESC`),
  ]);
  return {
    asAt: w.asAt,
    hamlets: hamlets.map((h) => ({
      id: n(h.id),
      name: String(h.name),
      kind: String(h.kind),
      households: h.households === null ? null : n(h.households),
      team: h.team === null ? null : String(h.team),
    })),
    teams: teams.map((t) => ({ id: n(t.id), name: String(t.name), hamlet: t.hamlet === null ? null : String(t.hamlet), members: n(t.members), trained12m: n(t.trained) })),
    reports: reports.map((r) => {
      const month = String(r.month).slice(0, 10);
      const stored = r.status === null ? null : { status: r.status as ReportStatus, submittedLate: r.submitted_late as boolean | null };
      return {
        month,
        status: displayStatus(stored, month, at, deadlineDay),
        submittedAt: r.submitted_at === null ? null : new Date(String(r.submitted_at)).toISOString(),
        late: r.submitted_late === null ? null : Boolean(r.submitted_late),
      };
    }),
  };
}
