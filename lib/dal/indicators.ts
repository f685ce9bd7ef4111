import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Queryable } from "@/db/client";
import { SKILLS, TARGET_GROUPS } from "@/lib/domain/catalog";
import { addMonths, lastDayOfMonth, monthStart, vnToday, type Period } from "@/lib/domain/period";
import type { Actor } from "./actor";
import { db, withReadDb, type ReadSource } from "./db";
import { FRESHNESS_MS, shortLived } from "./freshness";
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

export interface UnitIndicators {
  unit: Pick<Unit, "code" | "name" | "level"> & { province_code: string | null };
  period: Period;
  /** When the figures were read; the roll-ups are current as of every committed write. */
  as_of: string;
  indicators: IndicatorValues;
  by_skill: Record<string, GuidedCompleted>;
  by_target_group: Record<string, GuidedCompleted>;
  by_affiliation: Record<string, number>;
  by_gender: { male: number; female: number; other: number };
  /** People guided and completed per month (first day) and skill, months without records omitted. */
  trend: ({ month: string; skill: number } & GuidedCompleted)[];
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
  /** Last month whose report is due: the period's last month, or the previous month if that is not over. */
  lastReportMonth: string;
  /** First month of the 12 months that end with the period's last month. */
  trainedFrom: string;
}

function windowOf(period: Period): Window {
  const fromMonth = monthStart(period.from);
  const toMonth = monthStart(period.to);
  const currentMonth = monthStart(vnToday());
  return {
    fromMonth,
    toMonth,
    toDay: lastDayOfMonth(toMonth),
    lastReportMonth: toMonth < currentMonth ? toMonth : addMonths(currentMonth, -1),
    trainedFrom: addMonths(toMonth, -11),
  };
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
  stock(d: Queryable, s: Shape): Promise<Row[]>;
  guidance(d: Queryable, s: Shape, w: Window): Promise<Row[]>;
  trained(d: Queryable, s: Shape, w: Window): Promise<Row[]>;
  trainings(d: Queryable, s: Shape, w: Window): Promise<Row[]>;
  breakdown(d: Queryable, s: Shape, w: Window, key: "skill" | "target_group"): Promise<Row[]>;
  trend(d: Queryable, s: Shape, w: Window): Promise<Row[]>;
  affiliations(d: Queryable, s: Shape): Promise<Row[]>;
};

const codeList = (codes: string[]) => sql.join(codes.map((c) => sql`${c}`), sql`, `);

/** Reads from the roll-ups that triggers keep current in the same transaction as each write. */
const ROLLUPS: Queries = {
  stock: (d, s) =>
    queryRows(d, sql`SELECT ${s.childKey} AS code, count(*) AS communes_total, count(*) FILTER (WHERE teams_active > 0) AS communes_with_team,
        sum(hamlets_total) AS hamlets_total, sum(hamlets_with_team) AS hamlets_with_team, sum(teams_active) AS teams_active,
        sum(members_active) AS members_active, sum(members_male) AS members_male, sum(members_female) AS members_female
      FROM commune_stats WHERE ${s.filter} GROUP BY 1`),
  guidance: (d, s, w) =>
    queryRows(d, sql`SELECT ${s.childKey} AS code, sum(households_visited) AS households_visited, sum(people_guided) AS people_guided,
        sum(people_completed) AS people_completed
      FROM ${guidanceTable(s)} WHERE ${s.filter} AND month BETWEEN ${w.fromMonth} AND ${w.toMonth} GROUP BY 1`),
  trained: (d, s, w) =>
    queryRows(d, sql`SELECT ${s.childKey} AS code, sum(members) AS members_trained_12m FROM commune_trained_month
      WHERE ${s.filter} AND month BETWEEN ${w.trainedFrom} AND ${w.toMonth} GROUP BY 1`),
  trainings: (d, s, w) =>
    queryRows(d, sql`SELECT unit_code AS code, sum(trainings) AS trainings, sum(attendances) AS attendances FROM training_unit_month
      WHERE unit_code IN (${codeList(s.unitCodes)}) AND month BETWEEN ${w.fromMonth} AND ${w.toMonth} GROUP BY 1`),
  breakdown: (d, s, w, key) =>
    queryRows(d, sql`SELECT ${sql.raw(key)} AS key, sum(people_guided) AS people_guided, sum(people_completed) AS people_completed
      FROM ${breakdownTable(s)} WHERE ${s.filter} AND month BETWEEN ${w.fromMonth} AND ${w.toMonth} GROUP BY 1`),
  trend: (d, s, w) =>
    queryRows(d, sql`SELECT month::text AS month, skill, sum(people_guided) AS people_guided, sum(people_completed) AS people_completed
      FROM ${breakdownTable(s)} WHERE ${s.filter} AND month BETWEEN ${w.fromMonth} AND ${w.toMonth} GROUP BY 1, 2 ORDER BY 1, 2`),
  affiliations: (d, s) =>
    queryRows(d, sql`SELECT affiliation AS key, sum(members) AS members FROM commune_affiliation_stats WHERE ${s.filter} GROUP BY 1`),
};

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
 * commune's row); trainings go through training_unit_month.
 */
async function rollupToken(d: Queryable, s: Shape, w: Window): Promise<string> {
  const version = sql`coalesce(sum(xmin::text::bigint), 0)::text || ':' || count(*)`;
  const [row] = await queryRows<{ token: string }>(
    d,
    sql`SELECT concat_ws('|',
      (SELECT ${version} FROM commune_stats WHERE ${s.filter}),
      (SELECT ${version} FROM training_unit_month WHERE unit_code IN (${codeList(s.unitCodes)}) AND month BETWEEN ${w.fromMonth} AND ${w.toMonth})
    ) AS token`,
  );
  return row.token;
}

type RollupRows = { stock: Row[]; guidance: Row[]; trained: Row[]; trainings: Row[]; skills: Row[]; groups: Row[]; trend: Row[]; affiliations: Row[] };

/**
 * Figures already aggregated for a unit and period, reused while the roll-ups they came from are
 * unchanged (same token): a burst of readers of the same dashboard costs one aggregation.
 */
const memo = new Map<string, { token: string; rows: RollupRows }>();
const MEMO_LIMIT = 500;

async function rollupRows(d: Queryable, source: ReadSource, s: Shape, w: Window, q: Queries, useMemo: boolean): Promise<RollupRows> {
  const key = `${source}|${s.unit.code}|${w.fromMonth}|${w.toMonth}|${w.trainedFrom}`;
  const token = useMemo ? await shortLived(`token|${key}`, source === "own-write" ? 0 : FRESHNESS_MS, () => rollupToken(d, s, w)) : "";
  const hit = memo.get(key);
  if (useMemo && hit && hit.token === token) return hit.rows;
  const [stock, guidance, trained, trainings, skills, groups, trend, affiliations] = await Promise.all([
    q.stock(d, s),
    q.guidance(d, s, w),
    q.trained(d, s, w),
    q.trainings(d, s, w),
    q.breakdown(d, s, w, "skill"),
    q.breakdown(d, s, w, "target_group"),
    q.trend(d, s, w),
    q.affiliations(d, s),
  ]);
  const rows = { stock, guidance, trained, trainings, skills, groups, trend, affiliations };
  if (useMemo) {
    memo.delete(key);
    memo.set(key, { token, rows });
    if (memo.size > MEMO_LIMIT) memo.delete(memo.keys().next().value!);
  }
  return rows;
}

const ACTIVE_MEMBERS = sql`SELECT mm.* FROM members mm JOIN teams tt ON tt.id = mm.team_id
  WHERE mm.deleted_at IS NULL AND mm.left_on IS NULL AND tt.status = 'active' AND tt.deleted_at IS NULL`;

/** The same figures computed from raw rows, for verification and for the benchmark's comparison. */
const RAW: Queries = {
  stock: (d, s) =>
    queryRows(d, sql`WITH c AS (SELECT code AS commune_code, province_code FROM communes WHERE ${s.communeFilter}),
      h AS (SELECT commune_code, count(*) AS n FROM hamlets WHERE deleted_at IS NULL AND ${s.filter} GROUP BY 1),
      t AS (SELECT commune_code, count(*) AS n, count(*) FILTER (WHERE hamlet_id IS NOT NULL) AS with_hamlet
            FROM teams WHERE status = 'active' AND deleted_at IS NULL AND ${s.filter} GROUP BY 1),
      m AS (SELECT commune_code, count(*) AS n, count(*) FILTER (WHERE gender = 'male') AS male, count(*) FILTER (WHERE gender = 'female') AS female
            FROM (${ACTIVE_MEMBERS}) am WHERE ${s.filter} GROUP BY 1)
      SELECT ${s.childKey} AS code, count(*) AS communes_total, count(*) FILTER (WHERE t.n > 0) AS communes_with_team,
        sum(h.n) AS hamlets_total, sum(t.with_hamlet) AS hamlets_with_team, sum(t.n) AS teams_active,
        sum(m.n) AS members_active, sum(m.male) AS members_male, sum(m.female) AS members_female
      FROM c LEFT JOIN h USING (commune_code) LEFT JOIN t USING (commune_code) LEFT JOIN m USING (commune_code) GROUP BY 1`),
  guidance: (d, s, w) =>
    queryRows(d, sql`SELECT ${s.childKey} AS code, sum(households_visited) AS households_visited, sum(people_guided) AS people_guided,
        sum(people_completed) AS people_completed
      FROM guidance_records WHERE deleted_at IS NULL AND ${s.filter} AND guided_on BETWEEN ${w.fromMonth} AND ${w.toDay} GROUP BY 1`),
  trained: (d, s, w) =>
    queryRows(d, sql`WITH last_training AS (
        SELECT ta.member_id, max(ta.held_on) AS last FROM training_attendance ta
        JOIN trainings t ON t.id = ta.training_id AND t.deleted_at IS NULL GROUP BY 1)
      SELECT ${s.childKey} AS code, count(*) AS members_trained_12m
      FROM (${ACTIVE_MEMBERS}) am JOIN last_training x ON x.member_id = am.id
      WHERE ${s.filter} AND x.last BETWEEN ${w.trainedFrom} AND ${w.toDay} GROUP BY 1`),
  trainings: (d, s, w) =>
    queryRows(d, sql`WITH t AS (SELECT * FROM trainings WHERE deleted_at IS NULL AND held_on BETWEEN ${w.fromMonth} AND ${w.toDay}),
      organised AS (
        SELECT u.code, count(*) AS trainings FROM t
        CROSS JOIN LATERAL (VALUES ('VN'::varchar), (t.province_code::varchar), (t.commune_code::varchar)) u(code)
        WHERE u.code IN (${codeList(s.unitCodes)}) GROUP BY 1),
      attended AS (
        SELECT u.code, count(*) AS attendances FROM training_attendance ta JOIN t ON t.id = ta.training_id JOIN members m ON m.id = ta.member_id
        CROSS JOIN LATERAL (VALUES ('VN'::varchar), (m.province_code::varchar), (m.commune_code::varchar)) u(code)
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
  affiliations: (d, s) =>
    queryRows(d, sql`SELECT a AS key, count(*) AS members FROM (${ACTIVE_MEMBERS}) am, unnest(am.affiliations) AS a WHERE ${s.filter} GROUP BY 1`),
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

function reportCounts(d: Queryable, source: ReadSource, s: Shape, w: Window, ttl: number): Promise<Row[]> {
  return shortLived(`reports|${source}|${s.unit.code}|${w.fromMonth}|${w.lastReportMonth}`, ttl, () =>
    queryRows(d, sql`SELECT ${s.childKey} AS code, count(*) FILTER (WHERE status IN ('submitted', 'approved')) AS reports_submitted,
        count(*) FILTER (WHERE status IN ('submitted', 'approved') AND NOT submitted_late) AS reports_on_time
      FROM monthly_reports WHERE ${s.filter} AND month BETWEEN ${w.fromMonth} AND ${w.lastReportMonth} GROUP BY 1`),
  );
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
  const w = windowOf(period);
  const asOf = new Date().toISOString();
  const { shape, children } = await shapeOf(d, unit);
  const [{ stock, guidance, trained, trainings: trainingRows, skills, groups, trend, affiliations }, reports] = await Promise.all([
    rollupRows(d, source, shape, w, q, q === ROLLUPS),
    // Monthly reports are few (one per commune and month) and read directly.
    reportCounts(d, source, shape, w, q === ROLLUPS && source !== "own-write" ? FRESHNESS_MS : 0),
  ]);

  const months = w.lastReportMonth >= w.fromMonth ? monthsCount(w.fromMonth, w.lastReportMonth) : 0;
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
      // A month's report is expected from every commune that has an active team.
      reports_expected: n(s.communes_with_team) * months,
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
    period,
    as_of: asOf,
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
    children: childValues,
  };
}

function monthsCount(from: string, to: string): number {
  const [fy, fm] = from.split("-").map(Number);
  const [ty, tm] = to.split("-").map(Number);
  return (ty - fy) * 12 + (tm - fm) + 1;
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
  hamlets: { id: number; name: string; kind: string; households: number | null; team: string | null }[];
  teams: { id: number; name: string; hamlet: string | null; members: number; trained12m: number }[];
  reports: { month: string; status: string | null; submittedAt: string | null; late: boolean | null }[];
}

/**
 * What a commune's dashboard lists beside its indicators: hamlets and whether each has a team,
 * active teams with their members and those trained in the 12 months to the period's end, and the
 * status of each monthly report due in the period.
 */
export async function communeDetails(actor: Actor, code: string, period: Period): Promise<CommuneDetails> {
  const unit = await getUnit(actor, code);
  if (unit.level !== "commune") return { hamlets: [], teams: [], reports: [] };
  const d = await db();
  const w = windowOf(period);
  const [hamlets, teams, reports] = await Promise.all([
    queryRows(d, sql`SELECT h.id, h.name, h.kind, h.households, t.name AS team
      FROM hamlets h LEFT JOIN teams t ON t.hamlet_id = h.id AND t.status = 'active' AND t.deleted_at IS NULL
      WHERE h.commune_code = ${unit.code} AND h.deleted_at IS NULL ORDER BY (t.id IS NULL) DESC, h.name`),
    queryRows(d, sql`SELECT t.id, t.name, h.name AS hamlet,
        count(m.id) AS members,
        count(m.id) FILTER (WHERE m.last_trained_on BETWEEN ${w.trainedFrom} AND ${w.toDay}) AS trained
      FROM teams t LEFT JOIN hamlets h ON h.id = t.hamlet_id
      LEFT JOIN members m ON m.team_id = t.id AND m.deleted_at IS NULL AND m.left_on IS NULL
      WHERE t.commune_code = ${unit.code} AND t.status = 'active' AND t.deleted_at IS NULL
      GROUP BY t.id, t.name, h.name ORDER BY t.name`),
    w.lastReportMonth < w.fromMonth
      ? Promise.resolve([] as Row[])
      : queryRows(d, sql`SELECT m::date::text AS month, r.status, r.submitted_at, r.submitted_late
      FROM generate_series(${w.fromMonth}::date, ${w.lastReportMonth}::date, interval '1 month') AS m
      LEFT JOIN monthly_reports r ON r.commune_code = ${unit.code} AND r.month = m::date ORDER BY 1 DESC`),
  ]);
  return {
    hamlets: hamlets.map((h) => ({
      id: n(h.id),
      name: String(h.name),
      kind: String(h.kind),
      households: h.households === null ? null : n(h.households),
      team: h.team === null ? null : String(h.team),
    })),
    teams: teams.map((t) => ({ id: n(t.id), name: String(t.name), hamlet: t.hamlet === null ? null : String(t.hamlet), members: n(t.members), trained12m: n(t.trained) })),
    reports: reports.map((r) => ({
      month: String(r.month).slice(0, 10),
      status: r.status === null ? null : String(r.status),
      submittedAt: r.submitted_at === null ? null : new Date(String(r.submitted_at)).toISOString(),
      late: r.submitted_late === null ? null : Boolean(r.submitted_late),
    })),
  };
}
