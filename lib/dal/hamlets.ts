import "server-only";
import { and, asc, count, eq, gt, isNotNull, isNull, ne, sql, type SQL } from "drizzle-orm";
import { communes, hamlets, provinces, teams } from "@/db/schema";
import type { HamletInput, HamletListParams, HamletUpdateInput, RecordRef, RecordRestore } from "@/lib/validation/rosters";
import type { Actor } from "./actor";
import { writeAudit } from "./audit";
import { db } from "./db";
import { ConflictError, FieldError, NotFoundError } from "./errors";
import { formCommune, inBatches, orderBy, searchMatches, unitFilters, withConstraintMessages, writableCommune, writeScopeWhere } from "./roster-lists";
import { scopeWhere } from "./scope";

const scopeColumns = { province: hamlets.provinceCode, commune: hamlets.communeCode };

/** Active, not removed teams of the hamlet. */
const teamCount = sql<number>`(SELECT count(*)::int FROM teams t WHERE t.hamlet_id = ${hamlets.id} AND t.status = 'active' AND t.deleted_at IS NULL)`;

const hamletColumns = {
  id: hamlets.id,
  provinceCode: hamlets.provinceCode,
  provinceName: provinces.shortName,
  communeCode: hamlets.communeCode,
  communeName: communes.name,
  name: hamlets.name,
  kind: hamlets.kind,
  households: hamlets.households,
  teamCount,
  version: hamlets.version,
  createdAt: hamlets.createdAt,
  updatedAt: hamlets.updatedAt,
  deletedAt: hamlets.deletedAt,
};

function selectHamlets(d: Awaited<ReturnType<typeof db>>) {
  return d
    .select(hamletColumns)
    .from(hamlets)
    .innerJoin(communes, eq(communes.code, hamlets.communeCode))
    .innerJoin(provinces, eq(provinces.code, hamlets.provinceCode));
}
export type Hamlet = Awaited<ReturnType<typeof getHamlet>>;

const CONSTRAINTS = { hamlets_name_per_commune: { name: ["rosters.errors.hamlet_name_taken"] } };

function auditView(h: { name: string; kind: string; households: number | null; communeCode: string }) {
  return { name: h.name, kind: h.kind, households: h.households, communeCode: h.communeCode };
}

function listWhere(actor: Actor, params: Omit<HamletListParams, "page" | "pageSize" | "sort" | "dir">): SQL {
  const filters = unitFilters(actor, scopeColumns, params);
  filters.push(params.status === "removed" ? isNotNull(hamlets.deletedAt) : isNull(hamlets.deletedAt));
  if (params.kind) filters.push(eq(hamlets.kind, params.kind));
  if (params.q) filters.push(searchMatches(hamlets.searchKey, params.q));
  return and(...filters)!;
}

export async function listHamlets(actor: Actor, params: HamletListParams) {
  const d = await db();
  const where = listWhere(actor, params);
  const sortExpression = { name: hamlets.name, kind: hamlets.kind, households: hamlets.households, commune: hamlets.communeCode, teams: teamCount }[params.sort];
  const [rows, [{ total }]] = await Promise.all([
    selectHamlets(d)
      .where(where)
      .orderBy(...orderBy(sortExpression, params.dir, hamlets.id))
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    d.select({ total: count() }).from(hamlets).where(where),
  ]);
  return { rows, total };
}

/** Every hamlet of the filtered list, in batches, for an export. */
export function hamletExportRows(actor: Actor, params: HamletListParams) {
  const where = listWhere(actor, params);
  return inBatches(async (afterId, limit) => selectHamlets(await db()).where(and(where, gt(hamlets.id, afterId))).orderBy(asc(hamlets.id)).limit(limit));
}

/** A hamlet within the caller's scope, removed or not. */
export async function getHamlet(actor: Actor, id: number) {
  const d = await db();
  const [row] = await selectHamlets(d)
    .where(and(eq(hamlets.id, id), scopeWhere(actor, scopeColumns)))
    .limit(1);
  if (!row) throw new NotFoundError("hamlet");
  return row;
}

/** Current hamlets of a commune within the caller's scope, for pickers. */
export async function listHamletOptions(actor: Actor, communeCode: string) {
  const d = await db();
  return d
    .select({ id: hamlets.id, name: hamlets.name, kind: hamlets.kind })
    .from(hamlets)
    .where(and(eq(hamlets.communeCode, communeCode), isNull(hamlets.deletedAt), scopeWhere(actor, scopeColumns)))
    .orderBy(asc(hamlets.name), asc(hamlets.id));
}

export async function createHamlet(actor: Actor, input: HamletInput): Promise<number> {
  const d = await db();
  return withConstraintMessages(
    () =>
      d.transaction(async (tx) => {
        const commune = await writableCommune(tx, actor, input.communeCode);
        const [row] = await tx
          .insert(hamlets)
          .values({ provinceCode: commune.provinceCode, communeCode: commune.code, name: input.name, kind: input.kind, households: input.households })
          .returning();
        await writeAudit(tx, actor, {
          action: "hamlet.create",
          entity: "hamlet",
          entityId: row.id,
          provinceCode: row.provinceCode,
          communeCode: row.communeCode,
          after: auditView(row),
        });
        return row.id;
      }),
    CONSTRAINTS,
  );
}

/**
 * The problems of a hamlet form refused on other grounds, read without writing: a commune the
 * caller may not write to, or a name that a current hamlet of the commune already has (the write
 * itself is guarded by a unique index). On an edit the commune is the hamlet's own.
 */
export async function hamletPlaceProblems(actor: Actor, place: { communeCode: string | null; name: string | null; id: number | null }): Promise<Record<string, string[]>> {
  const d = await db();
  const { communeCode, errors } = await formCommune(d, actor, hamlets, place);
  if (errors) return errors;
  if (communeCode === null || place.name === null) return {};
  const [taken] = await d
    .select({ id: hamlets.id })
    .from(hamlets)
    .where(and(eq(hamlets.communeCode, communeCode), sql`lower(${hamlets.name}) = lower(${place.name})`, isNull(hamlets.deletedAt), place.id === null ? undefined : ne(hamlets.id, place.id)))
    .limit(1);
  return taken ? CONSTRAINTS.hamlets_name_per_commune : {};
}

export async function updateHamlet(actor: Actor, input: HamletUpdateInput) {
  const d = await db();
  const updated = await withConstraintMessages(
    () =>
      d.transaction(async (tx) => {
        const [before] = await tx.select().from(hamlets).where(eq(hamlets.id, input.id)).limit(1);
        const [row] = await tx
          .update(hamlets)
          .set({ name: input.name, kind: input.kind, households: input.households, version: sql`${hamlets.version} + 1`, updatedAt: new Date() })
          .where(and(eq(hamlets.id, input.id), eq(hamlets.version, input.version), isNull(hamlets.deletedAt), writeScopeWhere(actor, scopeColumns)))
          .returning();
        if (!row) return false;
        await writeAudit(tx, actor, {
          action: "hamlet.update",
          entity: "hamlet",
          entityId: row.id,
          provinceCode: row.provinceCode,
          communeCode: row.communeCode,
          before: auditView(before),
          after: auditView(row),
        });
        return true;
      }),
    CONSTRAINTS,
  );
  if (!updated) await refusedWrite(actor, input);
}

/** Why a versioned write matched no row: out of scope or removed (not found), or a newer version (conflict). */
async function refusedWrite(actor: Actor, ref: { id: number; version?: number }): Promise<never> {
  if (actor.role === "national") throw new NotFoundError("hamlet");
  const current = await getHamlet(actor, ref.id);
  if (ref.version !== undefined && current.version !== ref.version && !current.deletedAt) throw new ConflictError(current);
  throw new NotFoundError("hamlet");
}

export async function removeHamlet(actor: Actor, ref: RecordRef) {
  const d = await db();
  const done = await d.transaction(async (tx) => {
    const [teamsLeft] = await tx
      .select({ n: count() })
      .from(teams)
      .where(and(eq(teams.hamletId, ref.id), isNull(teams.deletedAt)));
    const [row] = await tx
      .update(hamlets)
      .set({ deletedAt: new Date(), version: sql`${hamlets.version} + 1`, updatedAt: new Date() })
      .where(
        and(
          eq(hamlets.id, ref.id),
          isNull(hamlets.deletedAt),
          eq(hamlets.version, ref.version),
          writeScopeWhere(actor, scopeColumns),
        ),
      )
      .returning();
    if (!row) return false;
    if (teamsLeft.n > 0) throw new FieldError({ id: ["rosters.errors.hamlet_has_teams"] });
    await writeAudit(tx, actor, { action: "hamlet.remove", entity: "hamlet", entityId: row.id, provinceCode: row.provinceCode, communeCode: row.communeCode, before: auditView(row) });
    return true;
  });
  if (!done) await refusedWrite(actor, ref);
}

export async function restoreHamlet(actor: Actor, ref: RecordRestore) {
  const d = await db();
  const done = await withConstraintMessages(
    () =>
      d.transaction(async (tx) => {
        const [row] = await tx
          .update(hamlets)
          .set({ deletedAt: null, version: sql`${hamlets.version} + 1`, updatedAt: new Date() })
          .where(and(eq(hamlets.id, ref.id), isNotNull(hamlets.deletedAt), writeScopeWhere(actor, scopeColumns)))
          .returning();
        if (!row) return false;
        await writeAudit(tx, actor, { action: "hamlet.restore", entity: "hamlet", entityId: row.id, provinceCode: row.provinceCode, communeCode: row.communeCode, after: auditView(row) });
        return true;
      }),
    CONSTRAINTS,
  );
  if (!done) throw new NotFoundError("hamlet");
}
