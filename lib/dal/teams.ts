import "server-only";
import { and, asc, count, eq, gt, isNotNull, isNull, ne, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { communes, hamlets, members, provinces, teams } from "@/db/schema";
import type { RecordRef, RecordRestore, TeamDissolveInput, TeamInput, TeamListParams, TeamUpdateInput } from "@/lib/validation/rosters";
import type { Actor } from "./actor";
import { writeAudit } from "./audit";
import { db } from "./db";
import { ConflictError, FieldError, fieldErrorsOf, NotFoundError } from "./errors";
import { formCommune, inBatches, orderBy, searchMatches, unitFilters, withConstraintMessages, writableCommune, writeScopeWhere } from "./roster-lists";
import { scopeWhere } from "./scope";

const scopeColumns = { province: teams.provinceCode, commune: teams.communeCode };

/** Current members: not removed and not left. */
const memberCount = sql<number>`(SELECT count(*)::int FROM members m WHERE m.team_id = ${teams.id} AND m.left_on IS NULL AND m.deleted_at IS NULL)`;
const leaderName = sql<string | null>`(SELECT m.full_name FROM members m WHERE m.team_id = ${teams.id} AND m.position = 'leader' AND m.left_on IS NULL AND m.deleted_at IS NULL LIMIT 1)`;

const teamColumns = {
  id: teams.id,
  provinceCode: teams.provinceCode,
  provinceName: provinces.shortName,
  communeCode: teams.communeCode,
  communeName: communes.name,
  hamletId: teams.hamletId,
  hamletName: hamlets.name,
  hamletKind: hamlets.kind,
  name: teams.name,
  establishedOn: teams.establishedOn,
  status: teams.status,
  dissolvedOn: teams.dissolvedOn,
  zaloUrl: teams.zaloUrl,
  note: teams.note,
  memberCount,
  leaderName,
  version: teams.version,
  createdAt: teams.createdAt,
  updatedAt: teams.updatedAt,
  deletedAt: teams.deletedAt,
};

function selectTeams(d: Queryable) {
  return d
    .select(teamColumns)
    .from(teams)
    .innerJoin(communes, eq(communes.code, teams.communeCode))
    .innerJoin(provinces, eq(provinces.code, teams.provinceCode))
    .leftJoin(hamlets, eq(hamlets.id, teams.hamletId));
}
export type Team = Awaited<ReturnType<typeof getTeam>>;

const CONSTRAINTS = {
  teams_one_active_per_hamlet: { hamletId: ["rosters.errors.hamlet_has_active_team"] },
  teams_zalo_url: { zaloUrl: ["rosters.errors.zalo_invalid"] },
  teams_dissolved_has_date: { dissolvedOn: ["errors.required"] },
};

type TeamRecord = typeof teams.$inferSelect;
function auditView(t: TeamRecord) {
  return {
    name: t.name,
    communeCode: t.communeCode,
    hamletId: t.hamletId,
    establishedOn: t.establishedOn,
    status: t.status,
    dissolvedOn: t.dissolvedOn,
    zaloUrl: t.zaloUrl,
    note: t.note,
  };
}

function listWhere(actor: Actor, params: TeamListParams): SQL {
  const filters = unitFilters(actor, scopeColumns, params);
  if (params.status === "removed") filters.push(isNotNull(teams.deletedAt));
  else filters.push(isNull(teams.deletedAt));
  if (params.status === "active" || params.status === "dissolved") filters.push(eq(teams.status, params.status));
  if (params.hamlet) filters.push(eq(teams.hamletId, params.hamlet));
  if (params.q) filters.push(searchMatches(teams.searchKey, params.q));
  return and(...filters)!;
}

export async function listTeams(actor: Actor, params: TeamListParams) {
  const d = await db();
  const where = listWhere(actor, params);
  const sortExpression = {
    name: teams.name,
    hamlet: hamlets.name,
    commune: teams.communeCode,
    establishedOn: teams.establishedOn,
    status: teams.status,
    members: memberCount,
  }[params.sort];
  const [rows, [{ total }]] = await Promise.all([
    selectTeams(d)
      .where(where)
      .orderBy(...orderBy(sortExpression, params.dir, teams.id))
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    d.select({ total: count() }).from(teams).where(where),
  ]);
  return { rows, total };
}

/** Every team of the filtered list, in batches, for an export. */
export function teamExportRows(actor: Actor, params: TeamListParams) {
  const where = listWhere(actor, params);
  return inBatches(async (afterId, limit) => selectTeams(await db()).where(and(where, gt(teams.id, afterId))).orderBy(asc(teams.id)).limit(limit));
}

/** A team within the caller's scope, removed or not. */
export async function getTeam(actor: Actor, id: number) {
  const d = await db();
  const [row] = await selectTeams(d)
    .where(and(eq(teams.id, id), scopeWhere(actor, scopeColumns)))
    .limit(1);
  if (!row) throw new NotFoundError("team");
  return row;
}

/** Current teams within the caller's scope (of one commune when given), for pickers. */
export async function listTeamOptions(actor: Actor, communeCode?: string) {
  const d = await db();
  return d
    .select({ id: teams.id, name: teams.name, status: teams.status, communeCode: teams.communeCode, hamletName: hamlets.name })
    .from(teams)
    .leftJoin(hamlets, eq(hamlets.id, teams.hamletId))
    .where(and(isNull(teams.deletedAt), scopeWhere(actor, scopeColumns), communeCode ? eq(teams.communeCode, communeCode) : undefined))
    .orderBy(asc(teams.name), asc(teams.id))
    .limit(2000);
}

/** The hamlet a team is formed in must be a current hamlet of the team's commune. */
async function checkHamlet(tx: Queryable, communeCode: string, hamletId: number | null) {
  if (hamletId === null) return;
  const [h] = await tx
    .select({ id: hamlets.id })
    .from(hamlets)
    .where(and(eq(hamlets.id, hamletId), eq(hamlets.communeCode, communeCode), isNull(hamlets.deletedAt)))
    .limit(1);
  if (!h) throw new FieldError({ hamletId: ["rosters.errors.hamlet_invalid"] });
}

/**
 * The problems of a team form refused on other grounds, read without writing: a commune the caller
 * may not write to, a hamlet not current in the commune, or a hamlet that already has an active
 * team (the write itself is guarded by a unique index). On an edit the commune is the team's own.
 */
export async function teamPlaceProblems(actor: Actor, place: { communeCode: string | null; hamletId: number | null; id: number | null; active: boolean }): Promise<Record<string, string[]>> {
  const d = await db();
  const { communeCode, errors } = await formCommune(d, actor, teams, place);
  if (errors) return errors;
  if (communeCode === null || place.hamletId === null) return {};
  const invalid = await fieldErrorsOf(() => checkHamlet(d, communeCode, place.hamletId));
  if (invalid || !place.active) return invalid ?? {};
  const [other] = await d
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.hamletId, place.hamletId), eq(teams.status, "active"), isNull(teams.deletedAt), place.id === null ? undefined : ne(teams.id, place.id)))
    .limit(1);
  return other ? CONSTRAINTS.teams_one_active_per_hamlet : {};
}

export async function createTeam(actor: Actor, input: TeamInput): Promise<number> {
  const d = await db();
  return withConstraintMessages(
    () =>
      d.transaction(async (tx) => {
        const commune = await writableCommune(tx, actor, input.communeCode);
        await checkHamlet(tx, commune.code, input.hamletId);
        const [row] = await tx
          .insert(teams)
          .values({
            provinceCode: commune.provinceCode,
            communeCode: commune.code,
            hamletId: input.hamletId,
            name: input.name,
            establishedOn: input.establishedOn,
            zaloUrl: input.zaloUrl,
            note: input.note,
          })
          .returning();
        await writeAudit(tx, actor, { action: "team.create", entity: "team", entityId: row.id, provinceCode: row.provinceCode, communeCode: row.communeCode, after: auditView(row) });
        return row.id;
      }),
    CONSTRAINTS,
  );
}

/** Why a versioned write matched no row: out of scope or removed (not found), or a newer version (conflict). */
async function refusedWrite(actor: Actor, ref: { id: number; version?: number }): Promise<never> {
  if (actor.role === "national") throw new NotFoundError("team");
  const current = await getTeam(actor, ref.id);
  if (ref.version !== undefined && current.version !== ref.version && !current.deletedAt) throw new ConflictError(current);
  throw new NotFoundError("team");
}

/** Applies a versioned change to a current team in scope and audits it; false when nothing matched. */
async function changeTeam(actor: Actor, ref: { id: number; version: number }, action: string, change: (before: TeamRecord, tx: Queryable) => Promise<Partial<TeamRecord>>) {
  const d = await db();
  const done = await withConstraintMessages(
    () =>
      d.transaction(async (tx) => {
        const [before] = await tx
          .select()
          .from(teams)
          .where(and(eq(teams.id, ref.id), isNull(teams.deletedAt), writeScopeWhere(actor, scopeColumns)))
          .limit(1);
        if (!before || before.version !== ref.version) return false;
        const values = await change(before, tx);
        const [row] = await tx
          .update(teams)
          .set({ ...values, version: sql`${teams.version} + 1`, updatedAt: new Date() })
          .where(and(eq(teams.id, ref.id), eq(teams.version, ref.version)))
          .returning();
        if (!row) return false;
        await writeAudit(tx, actor, { action, entity: "team", entityId: row.id, provinceCode: row.provinceCode, communeCode: row.communeCode, before: auditView(before), after: auditView(row) });
        return true;
      }),
    CONSTRAINTS,
  );
  if (!done) await refusedWrite(actor, ref);
}

export async function updateTeam(actor: Actor, input: TeamUpdateInput) {
  await changeTeam(actor, input, "team.update", async (before, tx) => {
    await checkHamlet(tx, before.communeCode, input.hamletId);
    return {
      hamletId: input.hamletId,
      name: input.name,
      establishedOn: input.establishedOn,
      status: input.status,
      dissolvedOn: input.dissolvedOn,
      zaloUrl: input.zaloUrl,
      note: input.note,
    };
  });
}

export async function dissolveTeam(actor: Actor, input: TeamDissolveInput) {
  await changeTeam(actor, input, "team.dissolve", async (before) => {
    if (before.status === "dissolved") throw new FieldError({ dissolvedOn: ["rosters.errors.already_dissolved"] });
    if (before.establishedOn && input.dissolvedOn < before.establishedOn) throw new FieldError({ dissolvedOn: ["rosters.errors.dissolved_before_established"] });
    return { status: "dissolved", dissolvedOn: input.dissolvedOn };
  });
}

/** Removes the team and, with the same time stamp, its current members, so that a restore brings exactly them back. */
export async function removeTeam(actor: Actor, ref: RecordRef) {
  const d = await db();
  const done = await d.transaction(async (tx) => {
    const now = new Date();
    const [row] = await tx
      .update(teams)
      .set({ deletedAt: now, version: sql`${teams.version} + 1`, updatedAt: now })
      .where(and(eq(teams.id, ref.id), isNull(teams.deletedAt), eq(teams.version, ref.version), writeScopeWhere(actor, scopeColumns)))
      .returning();
    if (!row) return false;
    const removed = await tx
      .update(members)
      .set({ deletedAt: now, version: sql`${members.version} + 1`, updatedAt: now })
      .where(and(eq(members.teamId, row.id), isNull(members.deletedAt)))
      .returning({ id: members.id });
    await writeAudit(tx, actor, {
      action: "team.remove",
      entity: "team",
      entityId: row.id,
      provinceCode: row.provinceCode,
      communeCode: row.communeCode,
      before: auditView(row),
      after: { membersRemoved: removed.length },
    });
    return true;
  });
  if (!done) await refusedWrite(actor, ref);
}

export async function restoreTeam(actor: Actor, ref: RecordRestore) {
  const d = await db();
  const done = await withConstraintMessages(
    () =>
      d.transaction(async (tx) => {
        const [current] = await tx
          .select()
          .from(teams)
          .where(and(eq(teams.id, ref.id), isNotNull(teams.deletedAt), writeScopeWhere(actor, scopeColumns)))
          .limit(1);
        if (!current) return false;
        if (current.hamletId !== null) {
          const [h] = await tx.select({ deletedAt: hamlets.deletedAt }).from(hamlets).where(eq(hamlets.id, current.hamletId));
          if (h?.deletedAt) throw new FieldError({ id: ["rosters.errors.hamlet_removed"] });
        }
        const now = new Date();
        const [row] = await tx
          .update(teams)
          .set({ deletedAt: null, version: sql`${teams.version} + 1`, updatedAt: now })
          .where(eq(teams.id, current.id))
          .returning();
        const restored = await tx
          .update(members)
          .set({ deletedAt: null, version: sql`${members.version} + 1`, updatedAt: now })
          .where(and(eq(members.teamId, row.id), eq(members.deletedAt, current.deletedAt!)))
          .returning({ id: members.id });
        await writeAudit(tx, actor, {
          action: "team.restore",
          entity: "team",
          entityId: row.id,
          provinceCode: row.provinceCode,
          communeCode: row.communeCode,
          after: { ...auditView(row), membersRestored: restored.length },
        });
        return true;
      }),
    { ...CONSTRAINTS, teams_one_active_per_hamlet: { id: ["rosters.errors.hamlet_has_active_team"] }, members_one_active_leader: { id: ["rosters.errors.leader_taken"] } },
  );
  if (!done) throw new NotFoundError("team");
}
