import "server-only";
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { desc, sql, type SQL } from "drizzle-orm";
import { queryRows, type Queryable } from "@/db/client";
import { historyImports } from "@/db/schema";
import { addMonths, lastDayOfMonth, monthStart, type Period } from "@/lib/domain/period";
import { historyCutover } from "@/lib/history/cutover";
import type { SplitRule } from "@/lib/history/mapping";
import type { Actor } from "./actor";
import { writeAudit } from "./audit";
import { db, withReadDb } from "./db";
import { NotFoundError } from "./errors";
import { analyseHistory, commitHistory, HistoryRejectedError, undoHistory, type HistoryFile, type HistoryPreview } from "./history-store";
import { FRESHNESS_MS, shortLived } from "./freshness";
import { getUnit, type Unit } from "./units";

export { HistoryRejectedError, type HistoryFile, type HistoryPreview };

/** Historical figures are the country's record: national users import and undo them. */
export function canImportHistory(actor: Pick<Actor, "role">): boolean {
  return actor.role === "national";
}

function assertImporter(actor: Actor) {
  if (!canImportHistory(actor)) throw new NotFoundError("history import");
}

const auditAs = (actor: Actor) => (q: Parameters<typeof writeAudit>[0], entry: Parameters<typeof writeAudit>[2]) => writeAudit(q, actor, entry);

/** A key per process: a preview token only needs to outlive the page that shows the preview. */
const tokenKey = ((globalThis as { __cnscdHistoryKey?: Buffer }).__cnscdHistoryKey ??= randomBytes(32));

function sign(actor: Actor, preview: Pick<HistoryPreview, "sha256" | "rule">): string {
  return createHmac("sha256", tokenKey).update(`${actor.userId}|${preview.sha256}|${preview.rule}`).digest("hex");
}

/** Dry run: what the file would change, row by row, and where each old unit's figures land. */
export async function previewHistoryImport(actor: Actor, file: HistoryFile, rule: SplitRule): Promise<{ preview: HistoryPreview; token: string }> {
  assertImporter(actor);
  const { preview } = await analyseHistory(await db(), file, rule);
  return { preview, token: sign(actor, preview) };
}

/** Writes a previewed file: the same caller, the same bytes and the same rule as the preview. */
export async function commitHistoryImport(actor: Actor, file: HistoryFile, rule: SplitRule, token: string) {
  assertImporter(actor);
  const sha256 = createHash("sha256").update(file.bytes).digest("hex");
  const expected = Buffer.from(sign(actor, { sha256, rule }));
  const given = Buffer.from(token);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new HistoryRejectedError("preview_first");
  return commitHistory(await db(), { userId: actor.userId, username: actor.username }, file, rule, auditAs(actor), { expectSha256: sha256 });
}

export async function undoHistoryImport(actor: Actor, importId: number) {
  assertImporter(actor);
  return undoHistory(await db(), { userId: actor.userId, username: actor.username }, importId, auditAs(actor));
}

export interface HistoryImportSummary {
  id: number;
  fileName: string;
  rule: string;
  sample: boolean;
  rows: number;
  figuresNew: number;
  figuresUpdated: number;
  figuresUnchanged: number;
  createdBy: string | null;
  createdAt: string;
  undoneAt: string | null;
  undoneBy: string | null;
}

export async function listHistoryImports(actor: Actor, limit = 100): Promise<HistoryImportSummary[]> {
  assertImporter(actor);
  const rows = await (await db()).select().from(historyImports).orderBy(desc(historyImports.id)).limit(limit);
  return rows.map((r) => ({
    id: r.id,
    fileName: r.fileName,
    rule: r.splitRule,
    sample: r.sample,
    rows: r.rows,
    figuresNew: r.figuresNew,
    figuresUpdated: r.figuresUpdated,
    figuresUnchanged: r.figuresUnchanged,
    createdBy: r.createdByUsername,
    createdAt: r.createdAt.toISOString(),
    undoneAt: r.undoneAt?.toISOString() ?? null,
    undoneBy: r.undoneByUsername,
  }));
}

export interface HistoryValues {
  teams: number | null;
  members: number | null;
  households_visited: number | null;
  people_guided: number | null;
  people_completed: number | null;
  /** People guided and completed per skill 1–5, where the reports gave a breakdown. */
  by_skill: Record<string, { people_guided: number | null; people_completed: number | null }>;
  trainings: number | null;
  members_trained: number | null;
}

export interface HistoryFigures {
  /** Figures reported before this day are imported aggregates. */
  cutover: string;
  /** The part of the period that lies before the cut-over, or null when none does. */
  window: Period | null;
  /** First month with an imported figure for the unit, whatever the period. */
  first_month: string | null;
  total: HistoryValues | null;
  children: { code: string; values: HistoryValues }[];
  /** Month by month, for trends; yearly figures appear in totals only. */
  months: ({ month: string } & Omit<HistoryValues, "by_skill">)[];
}

type Row = Record<string, unknown>;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * Current figures of today's units, with the two rules that keep them from being counted twice:
 * an old province's own figure for a period stands for its communes' figures of that period, and
 * an old unit's monthly figures of a year stand for its figure of the whole year.
 */
function currentShares(filter: SQL): SQL {
  return sql`SELECT u.*, f.period_kind, f.period_start, f.old_level, f.old_code,
      CASE WHEN f.period_kind = 'year' THEN (f.period_start + interval '11 months')::date ELSE f.period_start END AS as_at
    FROM history_unit_figures u JOIN history_figures f ON f.id = u.figure_id AND f.replaced_by IS NULL
    WHERE ${filter}
      AND (f.old_level = 'province' OR NOT EXISTS (SELECT 1 FROM history_figures p WHERE p.replaced_by IS NULL AND p.old_level = 'province'
        AND p.old_code = f.old_province_code AND p.period_kind = f.period_kind AND p.period_start = f.period_start))
      AND (f.period_kind = 'month' OR NOT EXISTS (SELECT 1 FROM history_figures m WHERE m.replaced_by IS NULL AND m.old_level = f.old_level
        AND m.old_code = f.old_code AND m.period_kind = 'month' AND date_trunc('year', m.period_start)::date = f.period_start))`;
}

const SKILL_SUMS = sql.raw(
  [1, 2, 3, 4, 5].map((k) => `sum(guided_by_skill[${k}]) AS g${k}, sum(completed_by_skill[${k}]) AS c${k}`).join(", "),
);
const FLOW_SUMS = sql`sum(households_visited) AS households_visited, sum(people_guided) AS people_guided, sum(people_completed) AS people_completed,
  sum(trainings) AS trainings, sum(members_trained) AS members_trained, ${SKILL_SUMS}`;

function values(flow: Row | undefined, stock: Row | undefined): HistoryValues {
  return {
    teams: num(stock?.teams),
    members: num(stock?.members),
    households_visited: num(flow?.households_visited),
    people_guided: num(flow?.people_guided),
    people_completed: num(flow?.people_completed),
    by_skill: Object.fromEntries([1, 2, 3, 4, 5].map((k) => [String(k), { people_guided: num(flow?.[`g${k}`]), people_completed: num(flow?.[`c${k}`]) }])),
    trainings: num(flow?.trainings),
    members_trained: num(flow?.members_trained),
  };
}

/**
 * Imported figures of a unit (and of each child unit) for the part of a period before the
 * cut-over, mapped onto today's units. Events (households, guidance, trainings) are summed over
 * the period; teams and members are each old unit's latest figure within it. The unit must lie in
 * the caller's scope.
 */
export async function historyFigures(actor: Actor, code: string, period: Period): Promise<HistoryFigures> {
  const unit = await getUnit(actor, code);
  const cutover = historyCutover();
  // Every dashboard of a unit with imported history reads its long trend: readers between two
  // commits share one read (an import or an undo ends the reuse at once, see `shortLived`).
  return withReadDb(actor, (d, source) =>
    shortLived(`history|${source}|${unit.code}|${cutover}|${period.from}|${period.to}`, source === "own-write" ? 0 : FRESHNESS_MS, () => readFigures(d, unit, cutover, period)),
  );
}

async function readFigures(d: Queryable, unit: Unit, cutover: string, period: Period): Promise<HistoryFigures> {
  const filter = unit.level === "national" ? sql`TRUE` : unit.level === "province" ? sql`u.province_code = ${unit.code}` : sql`u.commune_code = ${unit.code}`;
  const childKey = sql.raw(unit.level === "national" ? "province_code" : "commune_code");
  const [first] = await queryRows(d, sql`SELECT min(f.period_start)::text AS first FROM history_unit_figures u
    JOIN history_figures f ON f.id = u.figure_id AND f.replaced_by IS NULL WHERE ${filter}`);
  const firstMonth = first?.first ? String(first.first).slice(0, 10) : null;
  const lastMonth = addMonths(cutover, -1);
  const from = monthStart(period.from);
  const to = monthStart(period.to) < lastMonth ? monthStart(period.to) : lastMonth;
  if (from > to) return { cutover, window: null, first_month: firstMonth, total: null, children: [], months: [] };
  const window = { from, to: lastDayOfMonth(to) };
  // A unit with no imported history (most of them, and every dashboard asks) has nothing to sum.
  if (!firstMonth) return { cutover, window, first_month: null, total: null, children: [], months: [] };

  const inFlow = sql`((period_kind = 'month' AND period_start BETWEEN ${from} AND ${to}) OR (period_kind = 'year' AND period_start >= ${from} AND as_at <= ${to}))`;
  const shares = currentShares(filter);
  const [flows, stocks, months] = await Promise.all([
    queryRows(d, sql`SELECT GROUPING(${childKey}) AS whole, ${childKey} AS code, count(*) AS n, ${FLOW_SUMS}
      FROM (${shares}) a WHERE ${inFlow} GROUP BY ROLLUP (${childKey})`),
    queryRows(d, sql`SELECT GROUPING(${childKey}) AS whole, ${childKey} AS code, count(*) AS n, sum(teams) AS teams, sum(members) AS members FROM (
        SELECT DISTINCT ON (old_level, old_code, province_code, commune_code) province_code, commune_code, teams, members
        FROM (${shares}) a WHERE as_at BETWEEN ${from} AND ${to} AND (teams IS NOT NULL OR members IS NOT NULL)
        ORDER BY old_level, old_code, province_code, commune_code, as_at DESC) s GROUP BY ROLLUP (${childKey})`),
    queryRows(d, sql`SELECT period_start::text AS month, sum(teams) AS teams, sum(members) AS members, ${FLOW_SUMS}
      FROM (${shares}) a WHERE period_kind = 'month' AND period_start BETWEEN ${from} AND ${to} GROUP BY 1 ORDER BY 1`),
  ]);
  const whole = (rows: Row[]) => rows.find((r) => Number(r.whole) === 1);
  const byCode = (rows: Row[]) => new Map(rows.filter((r) => Number(r.whole) === 0 && r.code !== null).map((r) => [String(r.code), r]));
  const flowBy = byCode(flows);
  const stockBy = byCode(stocks);
  const hasTotal = Number(whole(flows)?.n ?? 0) > 0 || Number(whole(stocks)?.n ?? 0) > 0;
  const childCodes = unit.level === "commune" ? [] : [...new Set([...flowBy.keys(), ...stockBy.keys()])].sort();
  return {
    cutover,
    window,
    first_month: firstMonth,
    total: hasTotal ? values(whole(flows), whole(stocks)) : null,
    children: childCodes.map((c) => ({ code: c, values: values(flowBy.get(c), stockBy.get(c)) })),
    months: months.map((m) => {
      const { by_skill: _, ...rest } = values(m, m);
      return { month: String(m.month).slice(0, 10), ...rest };
    }),
  };
}
