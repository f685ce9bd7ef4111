import "server-only";
import { and, asc, eq, gt, inArray, isNull, lte, gte, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { communes, guidanceRecords, monthlyReports, provinces, teams } from "@/db/schema";
import { clampMonth, lastDayOfMonth, monthStart, vnToday } from "@/lib/domain/period";
import { MAX_COUNT, type GuidanceListParams, type GuidanceRemoveInput, type GuidanceRowInput, type GuidanceUpdateInput } from "@/lib/validation/guidance";
import type { Actor } from "./actor";
import { writeAudit } from "./audit";
import { now } from "./clock";
import { cappedCountQuery, cappedTotal } from "./capped-count";
import { db, withReadDb } from "./db";
import { ConflictError, FieldError, NotFoundError } from "./errors";
import { cursorKeySql, finishPage, sortedPage, type SortKey } from "./keyset";
import { scopeWhere } from "./scope";

/** Records the caller may read: a province's are served by the (province, date, id) index. */
function readWhere(actor: Actor): SQL {
  return scopeWhere(actor, { province: guidanceRecords.provinceCode, commune: guidanceRecords.communeCode });
}

/** Teams whose work the caller may record: commune leads their commune's, provincial admins their province's. */
function writableTeamWhere(actor: Actor): SQL {
  return actor.role === "national" ? sql`FALSE` : scopeWhere(actor, { province: teams.provinceCode, commune: teams.communeCode });
}

export const canWriteGuidance = (actor: Actor) => actor.role !== "national";

/**
 * Whether a month is closed for a commune: its report is submitted or approved. A scalar subquery
 * (one report per commune and month) is looked up by key for each shown row; written as EXISTS,
 * the planner, sizing it for every row of the scope rather than the page, hashed all the reports.
 */
const lockedSql = sql<boolean>`coalesce((SELECT true FROM monthly_reports mr WHERE mr.commune_code = ${guidanceRecords.communeCode}
  AND mr.month = date_trunc('month', ${guidanceRecords.guidedOn})::date AND mr.status IN ('submitted', 'approved')), false)`;

const recordColumns = {
  id: guidanceRecords.id,
  teamId: guidanceRecords.teamId,
  teamName: teams.name,
  provinceCode: guidanceRecords.provinceCode,
  provinceName: provinces.shortName,
  communeCode: guidanceRecords.communeCode,
  communeName: communes.name,
  guidedOn: guidanceRecords.guidedOn,
  skill: guidanceRecords.skill,
  targetGroup: guidanceRecords.targetGroup,
  householdsVisited: guidanceRecords.householdsVisited,
  peopleGuided: guidanceRecords.peopleGuided,
  peopleCompleted: guidanceRecords.peopleCompleted,
  note: guidanceRecords.note,
  version: guidanceRecords.version,
  updatedAt: guidanceRecords.updatedAt,
  locked: lockedSql,
};
export type GuidanceRecord = Awaited<ReturnType<typeof getGuidance>>;

function auditView(r: { teamId: number; guidedOn: string; skill: number; targetGroup: string; householdsVisited: number; peopleGuided: number; peopleCompleted: number; note: string | null }) {
  return {
    teamId: r.teamId,
    guidedOn: r.guidedOn,
    skill: r.skill,
    targetGroup: r.targetGroup,
    householdsVisited: r.householdsVisited,
    peopleGuided: r.peopleGuided,
    peopleCompleted: r.peopleCompleted,
    note: r.note,
  };
}

function filtersWhere(actor: Actor, params: Partial<GuidanceListParams>): SQL {
  const filters: SQL[] = [readWhere(actor), isNull(guidanceRecords.deletedAt)];
  if (params.team) filters.push(eq(guidanceRecords.teamId, params.team));
  if (params.skill) filters.push(eq(guidanceRecords.skill, params.skill));
  if (params.group) filters.push(eq(guidanceRecords.targetGroup, params.group));
  if (params.from) filters.push(gte(guidanceRecords.guidedOn, clampMonth(`${params.from}-01`)));
  if (params.to) filters.push(lte(guidanceRecords.guidedOn, lastDayOfMonth(clampMonth(`${params.to}-01`))));
  if (params.province) filters.push(eq(guidanceRecords.provinceCode, params.province));
  if (params.commune) filters.push(eq(guidanceRecords.communeCode, params.commune));
  return and(...filters)!;
}

const SORT_KEYS: Record<GuidanceListParams["sort"], SortKey> = {
  guidedOn: { expression: guidanceRecords.guidedOn, type: "date" },
  team: { expression: teams.name, type: "text" },
  commune: { expression: communes.name, type: "text" },
  skill: { expression: guidanceRecords.skill, type: "int" },
  targetGroup: { expression: sql`${guidanceRecords.targetGroup}::text`, type: "text" },
  householdsVisited: { expression: guidanceRecords.householdsVisited, type: "int" },
  peopleGuided: { expression: guidanceRecords.peopleGuided, type: "int" },
  peopleCompleted: { expression: guidanceRecords.peopleCompleted, type: "int" },
};

/**
 * The order a list is shown in. Above a single commune the matches run to millions, and only the
 * date order has an index for every scope; other orders apply once the list is narrowed to a
 * commune or a team, where sorting its records costs little.
 */
export function guidanceSort(actor: Actor, params: Pick<GuidanceListParams, "sort" | "dir" | "commune" | "team">): Pick<GuidanceListParams, "sort" | "dir"> {
  const narrow = actor.role === "commune" || Boolean(params.commune || params.team);
  return narrow || params.sort === "guidedOn" ? { sort: params.sort, dir: params.dir } : { sort: "guidedOn", dir: "desc" };
}

function guidancePage(actor: Actor, params: GuidanceListParams) {
  return sortedPage(SORT_KEYS, guidanceRecords.id, guidanceSort(actor, params), params);
}

/** One page of the list, as a query (the tests read its plan): rows after or before the cursor, one more than the page. */
export function guidancePageQuery(d: Queryable, actor: Actor, params: GuidanceListParams) {
  const { key, keyset } = guidancePage(actor, params);
  return d
    .select({ ...recordColumns, cursorKey: cursorKeySql(key) })
    .from(guidanceRecords)
    .innerJoin(teams, eq(teams.id, guidanceRecords.teamId))
    .innerJoin(communes, eq(communes.code, guidanceRecords.communeCode))
    .innerJoin(provinces, eq(provinces.code, guidanceRecords.provinceCode))
    .where(and(filtersWhere(actor, params), keyset.where))
    .orderBy(...keyset.orderBy)
    .limit(keyset.limit);
}

/** How many records match, up to the cap (as a query, for the tests). */
export function guidanceCountQuery(d: Queryable, actor: Actor, params: Partial<GuidanceListParams>) {
  return cappedCountQuery(d, guidanceRecords, filtersWhere(actor, params));
}

/**
 * One page of records in the caller's scope with the cursors around it, the total (capped) and the
 * order actually applied; read from a replica when one is current.
 */
export async function listGuidance(actor: Actor, params: GuidanceListParams) {
  return withReadDb(actor, async (d) => {
    const { request, keyset, sort, dir } = guidancePage(actor, params);
    const [rows, [{ total }]] = await Promise.all([guidancePageQuery(d, actor, params), guidanceCountQuery(d, actor, params)]);
    return { ...finishPage(rows, request, keyset), ...cappedTotal(total), sort, dir };
  });
}

export async function getGuidance(actor: Actor, id: number) {
  const d = await db();
  const [row] = await d
    .select(recordColumns)
    .from(guidanceRecords)
    .innerJoin(teams, eq(teams.id, guidanceRecords.teamId))
    .innerJoin(communes, eq(communes.code, guidanceRecords.communeCode))
    .innerJoin(provinces, eq(provinces.code, guidanceRecords.provinceCode))
    .where(and(eq(guidanceRecords.id, id), readWhere(actor), isNull(guidanceRecords.deletedAt)))
    .limit(1);
  if (!row) throw new NotFoundError("guidance");
  return row;
}

/** Active teams whose work the caller may record, for the entry form. */
export async function listGuidanceTeams(actor: Actor) {
  const d = await db();
  return d
    .select({ id: teams.id, name: teams.name, communeCode: teams.communeCode, communeName: communes.name })
    .from(teams)
    .innerJoin(communes, eq(communes.code, teams.communeCode))
    .where(and(writableTeamWhere(actor), eq(teams.status, "active"), isNull(teams.deletedAt)))
    .orderBy(asc(teams.communeCode), asc(teams.name), asc(teams.id));
}

/** Teams the caller may read, for the list filter. */
export async function listGuidanceFilterTeams(actor: Actor, communeCode?: string) {
  if (actor.role !== "commune" && !communeCode) return [];
  const d = await db();
  return d
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(scopeWhere(actor, { province: teams.provinceCode, commune: teams.communeCode }), communeCode ? eq(teams.communeCode, communeCode) : sql`TRUE`, isNull(teams.deletedAt)))
    .orderBy(asc(teams.name), asc(teams.id));
}

type MonthKey = { communeCode: string; provinceCode: string; month: string };

/** The months among `keys` whose report is submitted or approved, read with or without a share lock. */
async function closedAmong(tx: Queryable, unique: MonthKey[], lock: boolean): Promise<Set<string>> {
  if (unique.length === 0) return new Set();
  const query = tx
    .select({ communeCode: monthlyReports.communeCode, month: monthlyReports.month, status: monthlyReports.status })
    .from(monthlyReports)
    .where(sql`(${monthlyReports.communeCode}, ${monthlyReports.month}) IN (${sql.join(unique.map((k) => sql`(${k.communeCode}, ${k.month}::date)`), sql`, `)})`);
  const rows = lock ? await query.for("share") : await query;
  return new Set(rows.filter((r) => r.status === "submitted" || r.status === "approved").map((r) => `${r.communeCode}/${r.month}`));
}

const uniqueMonths = (keys: MonthKey[]) => [...new Map(keys.map((k) => [`${k.communeCode}/${k.month}`, k])).values()];

/**
 * The months among `keys` whose report is submitted or approved. Each report row is created if
 * missing and share-locked, so that a submission cannot close the month while this write runs.
 */
async function closedMonths(tx: Queryable, keys: MonthKey[]): Promise<Set<string>> {
  const unique = uniqueMonths(keys);
  if (unique.length) await tx.insert(monthlyReports).values(unique).onConflictDoNothing();
  return closedAmong(tx, unique, true);
}

/** Adds a message to `errors` under `rows.<index>.<field>`, once. */
const rowErrorAdder = (errors: Record<string, string[]>) => (index: number, field: string, key: string) => {
  const k = `rows.${index}.${field}`;
  if (!(errors[k] ??= []).includes(key)) errors[k].push(key);
};

/** Where a row of a submission would be written: its position in the form, its team and day. */
export type GuidancePlace = { index: number; teamId: number; guidedOn: string };
type WritableTeam = { id: number; provinceCode: string; communeCode: string; status: string };

/**
 * The checks of where rows go: the team in the caller's scope and active, the month not closed.
 * Every row is checked, whatever else is wrong with it or with the other rows.
 */
async function checkPlaces(
  tx: Queryable,
  actor: Actor,
  places: GuidancePlace[],
  closedOf: (keys: MonthKey[]) => Promise<Set<string>>,
  add: (index: number, field: string, key: string) => void,
): Promise<Map<number, WritableTeam>> {
  const teamsById = await writableTeams(tx, actor, [...new Set(places.map((p) => p.teamId))]);
  const usable = (p: GuidancePlace) => {
    const team = teamsById.get(p.teamId);
    return team?.status === "active" ? team : undefined;
  };
  for (const p of places) {
    const team = teamsById.get(p.teamId);
    if (!team) add(p.index, "teamId", "guidance.errors.team_out_of_scope");
    else if (team.status !== "active") add(p.index, "teamId", "guidance.errors.team_inactive");
  }
  const keys = places.flatMap((p) => {
    const team = usable(p);
    return team ? [{ communeCode: team.communeCode, provinceCode: team.provinceCode, month: monthStart(p.guidedOn) }] : [];
  });
  const closed = await closedOf(keys);
  for (const p of places) {
    const team = usable(p);
    if (team && closed.has(`${team.communeCode}/${monthStart(p.guidedOn)}`)) add(p.index, "guidedOn", "guidance.errors.month_closed");
  }
  return teamsById;
}

/**
 * The same checks for a submission refused on other grounds, read without writing or locking,
 * so that the form shows every problem at once (errors keyed `rows.<index>.<field>`).
 */
export async function guidancePlaceProblems(actor: Actor, places: GuidancePlace[]): Promise<Record<string, string[]>> {
  const errors: Record<string, string[]> = {};
  if (places.length === 0) return errors;
  const d = await db();
  await checkPlaces(d, actor, places, (keys) => closedAmong(d, uniqueMonths(keys), false), rowErrorAdder(errors));
  return errors;
}

/** Checks that need no database: counts, completion and dates up to today in Vietnam. */
function checkRow(row: GuidanceRowInput, today: string, add: (field: string, key: string) => void) {
  for (const field of ["householdsVisited", "peopleGuided", "peopleCompleted"] as const) {
    const v = row[field];
    if (!Number.isInteger(v) || v < 0 || v > MAX_COUNT) add(field, "guidance.errors.count_invalid");
  }
  if (row.peopleCompleted > row.peopleGuided) add("peopleCompleted", "guidance.errors.completed_exceeds_guided");
  if (!(row.skill >= 1 && row.skill <= 5 && Number.isInteger(row.skill))) add("skill", "errors.required");
  if (row.guidedOn > today) add("guidedOn", "guidance.errors.future_date");
}

async function writableTeams(tx: Queryable, actor: Actor, ids: number[]) {
  if (ids.length === 0) return new Map<number, { id: number; provinceCode: string; communeCode: string; status: string }>();
  const rows = await tx
    .select({ id: teams.id, provinceCode: teams.provinceCode, communeCode: teams.communeCode, status: teams.status })
    .from(teams)
    .where(and(inArray(teams.id, ids), writableTeamWhere(actor), isNull(teams.deletedAt)));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Records several guidance rows in one transaction: every row is checked (team in scope and
 * active, no future date, month not closed, counts) and either all are written or none.
 * Errors are keyed `rows.<index>.<field>`.
 */
export async function recordGuidance(actor: Actor, rows: GuidanceRowInput[]): Promise<number[]> {
  if (rows.length === 0) throw new FieldError({ rows: ["guidance.errors.no_rows"] });
  const today = vnToday(now());
  const d = await db();
  return d.transaction(async (tx) => {
    const errors: Record<string, string[]> = {};
    const add = rowErrorAdder(errors);
    rows.forEach((row, position) => checkRow(row, today, (field, key) => add(row.index ?? position, field, key)));
    const places = rows.map((row, position) => ({ index: row.index ?? position, teamId: row.teamId, guidedOn: row.guidedOn }));
    const teamsById = await checkPlaces(tx, actor, places, (keys) => closedMonths(tx, keys), add);
    if (Object.keys(errors).length) throw new FieldError(errors);
    const inserted = await tx
      .insert(guidanceRecords)
      .values(
        rows.map((row) => {
          const team = teamsById.get(row.teamId)!;
          return {
            teamId: row.teamId,
            provinceCode: team.provinceCode,
            communeCode: team.communeCode,
            guidedOn: row.guidedOn,
            skill: row.skill,
            targetGroup: row.targetGroup,
            householdsVisited: row.householdsVisited,
            peopleGuided: row.peopleGuided,
            peopleCompleted: row.peopleCompleted,
            note: row.note,
            createdBy: actor.userId || null,
          };
        }),
      )
      .returning();
    for (const row of inserted) {
      await writeAudit(tx, actor, {
        action: "guidance.create",
        entity: "guidance_record",
        entityId: row.id,
        provinceCode: row.provinceCode,
        communeCode: row.communeCode,
        after: auditView(row),
      });
    }
    return inserted.map((r) => r.id);
  });
}

/** Edits one record; the caller's version must still be current, else a ConflictError with theirs. */
export async function updateGuidance(actor: Actor, input: GuidanceUpdateInput) {
  if (!canWriteGuidance(actor)) throw new NotFoundError("guidance");
  const current = await getGuidance(actor, input.id);
  const today = vnToday(now());
  const d = await db();
  const updated = await d.transaction(async (tx) => {
    const errors: Record<string, string[]> = {};
    const add = (field: string, key: string) => (errors[field] ??= []).push(key);
    checkRow(input, today, add);
    const team = (await writableTeams(tx, actor, [input.teamId])).get(input.teamId);
    if (!team) add("teamId", "guidance.errors.team_out_of_scope");
    else if (team.status !== "active" && team.id !== current.teamId) add("teamId", "guidance.errors.team_inactive");
    if (Object.keys(errors).length) throw new FieldError(errors);
    const closed = await closedMonths(tx, [
      { communeCode: current.communeCode, provinceCode: current.provinceCode, month: monthStart(current.guidedOn) },
      { communeCode: team!.communeCode, provinceCode: team!.provinceCode, month: monthStart(input.guidedOn) },
    ]);
    if (closed.has(`${current.communeCode}/${monthStart(current.guidedOn)}`)) throw new FieldError({ guidedOn: ["guidance.errors.record_locked"] });
    if (closed.has(`${team!.communeCode}/${monthStart(input.guidedOn)}`)) throw new FieldError({ guidedOn: ["guidance.errors.month_closed"] });
    const [row] = await tx
      .update(guidanceRecords)
      .set({
        teamId: input.teamId,
        provinceCode: team!.provinceCode,
        communeCode: team!.communeCode,
        guidedOn: input.guidedOn,
        skill: input.skill,
        targetGroup: input.targetGroup,
        householdsVisited: input.householdsVisited,
        peopleGuided: input.peopleGuided,
        peopleCompleted: input.peopleCompleted,
        note: input.note,
        version: sql`${guidanceRecords.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(guidanceRecords.id, input.id), eq(guidanceRecords.version, input.version), readWhere(actor), isNull(guidanceRecords.deletedAt)))
      .returning();
    if (!row) return false;
    await writeAudit(tx, actor, {
      action: "guidance.update",
      entity: "guidance_record",
      entityId: row.id,
      provinceCode: row.provinceCode,
      communeCode: row.communeCode,
      before: auditView(current),
      after: auditView(row),
    });
    return true;
  });
  // Read the current version outside the transaction: the embedded database has one connection.
  if (!updated) throw new ConflictError(await getGuidance(actor, input.id));
}

/** Removes (soft-deletes) one record while its month is open. */
export async function removeGuidance(actor: Actor, input: GuidanceRemoveInput) {
  if (!canWriteGuidance(actor)) throw new NotFoundError("guidance");
  const current = await getGuidance(actor, input.id);
  const d = await db();
  const removed = await d.transaction(async (tx) => {
    const closed = await closedMonths(tx, [{ communeCode: current.communeCode, provinceCode: current.provinceCode, month: monthStart(current.guidedOn) }]);
    if (closed.size) throw new FieldError({ guidedOn: ["guidance.errors.record_locked"] });
    const [row] = await tx
      .update(guidanceRecords)
      .set({ deletedAt: new Date(), version: sql`${guidanceRecords.version} + 1`, updatedAt: new Date() })
      .where(and(eq(guidanceRecords.id, input.id), eq(guidanceRecords.version, input.version), readWhere(actor), isNull(guidanceRecords.deletedAt)))
      .returning();
    if (!row) return false;
    await writeAudit(tx, actor, {
      action: "guidance.remove",
      entity: "guidance_record",
      entityId: row.id,
      provinceCode: row.provinceCode,
      communeCode: row.communeCode,
      before: auditView(current),
    });
    return true;
  });
  if (!removed) throw new ConflictError(await getGuidance(actor, input.id));
}

const EXPORT_BATCH = 5000;

/** Every record matching the filters, read in keyset batches of ids so memory stays flat at any size. */
export async function* exportGuidance(actor: Actor, params: Partial<GuidanceListParams>) {
  const where = filtersWhere(actor, params);
  let after = 0;
  for (;;) {
    // Each batch is its own short read (a replica when one is current): no statement holds the database for the whole file.
    const batch = await withReadDb(actor, (d) =>
      d
      .select({ ...recordColumns, locked: lockedSql })
      .from(guidanceRecords)
      .innerJoin(teams, eq(teams.id, guidanceRecords.teamId))
      .innerJoin(communes, eq(communes.code, guidanceRecords.communeCode))
      .innerJoin(provinces, eq(provinces.code, guidanceRecords.provinceCode))
      .where(and(where, gt(guidanceRecords.id, after)))
      .orderBy(asc(guidanceRecords.id))
      .limit(EXPORT_BATCH),
    );
    yield* batch;
    if (batch.length < EXPORT_BATCH) return;
    after = batch[batch.length - 1].id;
  }
}
