import "server-only";
import { and, asc, count, eq, gt, inArray, isNotNull, isNull, ne, sql, type SQL } from "drizzle-orm";
import { queryRows, type Queryable } from "@/db/client";
import { communes, hamlets, members, provinces, teams } from "@/db/schema";
import type { Affiliation } from "@/lib/domain/catalog";
import { maskPhone } from "@/lib/domain/phone";
import type { MemberInput, MemberListParams, MemberUpdateInput, RecordRef, RecordRestore } from "@/lib/validation/rosters";
import type { Actor } from "./actor";
import { writeAudit } from "./audit";
import { db, withReadDb } from "./db";
import { ConflictError, FieldError, NotFoundError } from "./errors";
import { inBatches, orderBy, phoneFragment, searchMatches, unitFilters, withConstraintMessages, writeScopeWhere } from "./roster-lists";
import { scopeWhere } from "./scope";

const scopeColumns = { province: members.provinceCode, commune: members.communeCode };

const memberColumns = {
  id: members.id,
  teamId: members.teamId,
  teamName: teams.name,
  teamStatus: teams.status,
  hamletId: teams.hamletId,
  hamletName: hamlets.name,
  provinceCode: members.provinceCode,
  provinceName: provinces.shortName,
  communeCode: members.communeCode,
  communeName: communes.name,
  fullName: members.fullName,
  gender: members.gender,
  birthYear: members.birthYear,
  phone: members.phone,
  position: members.position,
  affiliations: members.affiliations,
  joinedOn: members.joinedOn,
  leftOn: members.leftOn,
  lastTrainedOn: members.lastTrainedOn,
  version: members.version,
  createdAt: members.createdAt,
  updatedAt: members.updatedAt,
  deletedAt: members.deletedAt,
};

function selectMembers(d: Queryable) {
  return d
    .select(memberColumns)
    .from(members)
    .innerJoin(teams, eq(teams.id, members.teamId))
    .innerJoin(communes, eq(communes.code, members.communeCode))
    .innerJoin(provinces, eq(provinces.code, members.provinceCode))
    .leftJoin(hamlets, eq(hamlets.id, teams.hamletId));
}

type MemberRow = Awaited<ReturnType<ReturnType<typeof selectMembers>["limit"]>>[number];
/** A member as every caller receives it: phone numbers are masked for national users. */
export type Member = Omit<MemberRow, "affiliations"> & { affiliations: Affiliation[] };

/** Data minimisation: national users never receive a full phone number from this module. */
function present(actor: Actor, row: MemberRow): Member {
  const member = { ...row, affiliations: row.affiliations as Affiliation[] };
  return actor.role === "national" ? { ...member, phone: maskPhone(row.phone) } : member;
}

const CONSTRAINTS = {
  members_one_active_leader: { position: ["rosters.errors.leader_taken"] },
  members_phone_format: { phone: ["rosters.errors.phone_invalid"] },
  members_birth_year: { birthYear: ["rosters.errors.birth_year_invalid"] },
  members_left_after_joined: { leftOn: ["rosters.errors.left_before_joined"] },
  members_affiliations_known: { affiliations: ["rosters.errors.affiliation_invalid"] },
};

type MemberRecord = typeof members.$inferSelect;
function auditView(m: MemberRecord) {
  return {
    teamId: m.teamId,
    fullName: m.fullName,
    gender: m.gender,
    birthYear: m.birthYear,
    phone: m.phone,
    position: m.position,
    affiliations: m.affiliations,
    joinedOn: m.joinedOn,
    leftOn: m.leftOn,
  };
}

function listWhere(actor: Actor, params: MemberListParams): SQL {
  const filters = unitFilters(actor, scopeColumns, params);
  if (params.status === "removed") filters.push(isNotNull(members.deletedAt));
  else filters.push(isNull(members.deletedAt));
  if (params.status === "active") filters.push(isNull(members.leftOn));
  if (params.status === "left") filters.push(isNotNull(members.leftOn));
  if (params.team) filters.push(eq(members.teamId, params.team));
  if (params.hamlet) filters.push(sql`${members.teamId} IN (SELECT t.id FROM teams t WHERE t.hamlet_id = ${params.hamlet})`);
  if (params.position) filters.push(eq(members.position, params.position));
  if (params.gender) filters.push(eq(members.gender, params.gender));
  if (params.affiliation) filters.push(sql`${members.affiliations} @> ARRAY[${params.affiliation}]::text[]`);
  if (params.q) {
    // National users see masked numbers, so they cannot search by them either.
    const digits = actor.role === "national" ? null : phoneFragment(params.q);
    filters.push(digits ? sql`${members.phone} LIKE ${`%${digits}%`}` : searchMatches(members.searchKey, params.q));
  }
  return and(...filters)!;
}

const sortExpressions = {
  fullName: members.searchKey,
  birthYear: members.birthYear,
  position: members.position,
  team: sql`(SELECT t.name FROM teams t WHERE t.id = ${members.teamId})`,
  commune: members.communeCode,
  joinedOn: members.joinedOn,
};

/**
 * Totals above this are reported as "more than": counting every current member of the country on
 * each page view would cost more than the page itself.
 */
export const MEMBER_COUNT_CAP = 10_000;

/** Filters whose matches are not spread evenly over the name order (searches, attributes, left or removed members). */
function isNarrowing(params: MemberListParams): boolean {
  return Boolean(params.q || params.position || params.affiliation || params.gender || params.status === "left" || params.status === "removed");
}

/**
 * One page of ids and the total. A plain roster (scope, unit, team) walks the name index in order
 * and counts up to MEMBER_COUNT_CAP. A narrowing filter is evaluated once through its own index
 * (trigram, GIN) into a materialised set that is counted and then sorted: walking the name index
 * and skipping non-matches would read most of the table when the matches cluster (every
 * "nguyen van" sits under N) or are rare.
 */
async function pageOfIds(d: Queryable, where: SQL, params: MemberListParams): Promise<{ ids: number[]; total: number; capped: boolean }> {
  const sortExpression = sortExpressions[params.sort];
  const offset = (params.page - 1) * params.pageSize;
  if (isNarrowing(params)) {
    const direction = params.dir === "desc" ? sql`DESC` : sql`ASC`;
    const rows = await queryRows<{ id: number; total: number }>(
      d,
      sql`WITH matched AS MATERIALIZED (SELECT ${members.id} AS id, ${sortExpression} AS k FROM ${members} WHERE ${where})
          SELECT id, (SELECT count(*)::int FROM matched) AS total FROM matched
          ORDER BY k ${direction}, id ${direction} LIMIT ${params.pageSize} OFFSET ${offset}`,
    );
    if (rows.length > 0 || params.page === 1) return { ids: rows.map((r) => Number(r.id)), total: Number(rows[0]?.total ?? 0), capped: false };
    const [{ total }] = await d.select({ total: count() }).from(members).where(where);
    return { ids: [], total, capped: false };
  }
  const [page, [{ total }]] = await Promise.all([
    d
      .select({ id: members.id })
      .from(members)
      .where(where)
      .orderBy(...orderBy(sortExpression, params.dir, members.id))
      .limit(params.pageSize)
      .offset(offset),
    d.select({ total: count() }).from(d.select({ one: sql`1` }).from(members).where(where).limit(MEMBER_COUNT_CAP + 1).as("capped")),
  ]);
  const capped = total > MEMBER_COUNT_CAP;
  return { ids: page.map((r) => r.id), total: capped ? MEMBER_COUNT_CAP : total, capped };
}

/** One page of the roster; names of teams, hamlets and units are joined for the page's rows only. */
export async function listMembers(actor: Actor, params: MemberListParams) {
  return withReadDb(actor, async (d) => {
    const { ids, total, capped } = await pageOfIds(d, listWhere(actor, params), params);
    const details = ids.length ? await selectMembers(d).where(inArray(members.id, ids)) : [];
    const byId = new Map(details.map((r) => [r.id, r]));
    const rows = ids.map((id) => present(actor, byId.get(id)!));
    return { rows, total, capped };
  });
}

/** Every member of the filtered list, in batches, for an export (phones masked for national users). */
export async function* memberExportRows(actor: Actor, params: MemberListParams): AsyncGenerator<Member> {
  const where = listWhere(actor, params);
  // Each batch is its own short read (a replica when one is current): no statement holds the database for the whole file.
  const batches = inBatches((afterId, limit) => withReadDb(actor, (d) => selectMembers(d).where(and(where, gt(members.id, afterId))).orderBy(asc(members.id)).limit(limit)));
  for await (const row of batches) yield present(actor, row);
}

/** A member within the caller's scope, removed or not. */
export async function getMember(actor: Actor, id: number): Promise<Member> {
  const d = await db();
  const [row] = await selectMembers(d)
    .where(and(eq(members.id, id), scopeWhere(actor, scopeColumns)))
    .limit(1);
  if (!row) throw new NotFoundError("member");
  return present(actor, row);
}

/** Current members of a team within the caller's scope, leaders first. */
export async function listTeamMembers(actor: Actor, teamId: number): Promise<Member[]> {
  const d = await db();
  const rows = await selectMembers(d)
    .where(and(eq(members.teamId, teamId), isNull(members.deletedAt), scopeWhere(actor, scopeColumns)))
    .orderBy(sql`${members.leftOn} IS NOT NULL`, sql`array_position(ARRAY['leader','deputy','member']::text[], ${members.position}::text)`, asc(members.searchKey), asc(members.id))
    .limit(500);
  return rows.map((r) => present(actor, r));
}

export interface MemberMatchQuery {
  /** The commune the roster belongs to. */
  communeCode: string;
  fullName: string;
  /** Already normalised (`0…`), or null. */
  phone: string | null;
  birthYear: number | null;
  teamId?: number | null;
}

/**
 * The existing, not removed member an imported row refers to, within the caller's scope: the same
 * phone number in the commune, otherwise the same name (ignoring case and diacritics) and birth
 * year in the same team. Null when there is none.
 */
export async function findMemberMatch(actor: Actor, query: MemberMatchQuery): Promise<Member | null> {
  const d = await db();
  const base = [eq(members.communeCode, query.communeCode), isNull(members.deletedAt), scopeWhere(actor, scopeColumns)];
  if (query.phone) {
    const [row] = await selectMembers(d)
      .where(and(...base, eq(members.phone, query.phone)))
      .orderBy(asc(members.id))
      .limit(1);
    if (row) return present(actor, row);
  }
  if (query.teamId) {
    const [row] = await selectMembers(d)
      .where(
        and(
          ...base,
          eq(members.teamId, query.teamId),
          sql`${members.searchKey} = search_key(${query.fullName.trim()})`,
          query.birthYear === null ? isNull(members.birthYear) : eq(members.birthYear, query.birthYear),
        ),
      )
      .orderBy(asc(members.id))
      .limit(1);
    if (row) return present(actor, row);
  }
  return null;
}

/** The team a member is put in: a current team the caller may write to. */
async function writableTeam(tx: Queryable, actor: Actor, teamId: number) {
  const [team] = await tx
    .select({ id: teams.id, provinceCode: teams.provinceCode, communeCode: teams.communeCode, status: teams.status })
    .from(teams)
    .where(and(eq(teams.id, teamId), isNull(teams.deletedAt), writeScopeWhere(actor, { province: teams.provinceCode, commune: teams.communeCode })))
    .limit(1);
  if (!team) throw new FieldError({ teamId: ["rosters.errors.team_invalid"] });
  return team;
}

/**
 * The problems of putting a member in a team with a position, read without writing, for a form
 * refused on other grounds: a team the caller may not write to, or a leader's position already
 * held by another current member (the write itself is guarded by a unique index).
 */
export async function memberPlaceProblems(actor: Actor, place: { teamId: number; position: string; id: number | null }): Promise<Record<string, string[]>> {
  const d = await db();
  const [team] = await d
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.id, place.teamId), isNull(teams.deletedAt), writeScopeWhere(actor, { province: teams.provinceCode, commune: teams.communeCode })))
    .limit(1);
  if (!team) return { teamId: ["rosters.errors.team_invalid"] };
  if (place.position !== "leader") return {};
  const [leader] = await d
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.teamId, team.id), eq(members.position, "leader"), isNull(members.leftOn), isNull(members.deletedAt), place.id === null ? sql`TRUE` : ne(members.id, place.id)))
    .limit(1);
  return leader ? { position: ["rosters.errors.leader_taken"] } : {};
}

function memberValues(input: MemberInput, team: { id: number; provinceCode: string; communeCode: string; status: string }) {
  return {
    teamId: team.id,
    provinceCode: team.provinceCode,
    communeCode: team.communeCode,
    teamActive: team.status === "active",
    fullName: input.fullName,
    gender: input.gender,
    birthYear: input.birthYear,
    phone: input.phone,
    position: input.position,
    affiliations: input.affiliations,
    joinedOn: input.joinedOn,
    leftOn: input.leftOn,
  };
}

/** Adds a member to a team in the caller's scope; returns the new id. Runs its own transaction. */
export async function createMember(actor: Actor, input: MemberInput): Promise<number> {
  const d = await db();
  return withConstraintMessages(
    () =>
      d.transaction(async (tx) => {
        const team = await writableTeam(tx, actor, input.teamId);
        const [row] = await tx.insert(members).values(memberValues(input, team)).returning();
        await writeAudit(tx, actor, { action: "member.create", entity: "member", entityId: row.id, provinceCode: row.provinceCode, communeCode: row.communeCode, after: auditView(row) });
        return row.id;
      }),
    CONSTRAINTS,
  );
}

/** Why a versioned write matched no row: out of scope or removed (not found), or a newer version (conflict). */
async function refusedWrite(actor: Actor, ref: { id: number; version?: number }): Promise<never> {
  if (actor.role === "national") throw new NotFoundError("member");
  const current = await getMember(actor, ref.id);
  if (ref.version !== undefined && current.version !== ref.version && !current.deletedAt) throw new ConflictError(current);
  throw new NotFoundError("member");
}

/** Changes a member based on the version the caller read; ConflictError with the current record otherwise. */
export async function updateMember(actor: Actor, input: MemberUpdateInput): Promise<void> {
  const d = await db();
  const done = await withConstraintMessages(
    () =>
      d.transaction(async (tx) => {
        const [before] = await tx
          .select()
          .from(members)
          .where(and(eq(members.id, input.id), isNull(members.deletedAt), writeScopeWhere(actor, scopeColumns)))
          .limit(1);
        if (!before || before.version !== input.version) return false;
        const team = await writableTeam(tx, actor, input.teamId);
        const [row] = await tx
          .update(members)
          .set({ ...memberValues(input, team), version: sql`${members.version} + 1`, updatedAt: new Date() })
          .where(and(eq(members.id, input.id), eq(members.version, input.version)))
          .returning();
        if (!row) return false;
        await writeAudit(tx, actor, {
          action: "member.update",
          entity: "member",
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
  if (!done) await refusedWrite(actor, input);
}

export async function removeMember(actor: Actor, ref: RecordRef): Promise<void> {
  const d = await db();
  const done = await d.transaction(async (tx) => {
    const [row] = await tx
      .update(members)
      .set({ deletedAt: new Date(), version: sql`${members.version} + 1`, updatedAt: new Date() })
      .where(and(eq(members.id, ref.id), isNull(members.deletedAt), eq(members.version, ref.version), writeScopeWhere(actor, scopeColumns)))
      .returning();
    if (!row) return false;
    await writeAudit(tx, actor, { action: "member.remove", entity: "member", entityId: row.id, provinceCode: row.provinceCode, communeCode: row.communeCode, before: auditView(row) });
    return true;
  });
  if (!done) await refusedWrite(actor, ref);
}

export async function restoreMember(actor: Actor, ref: RecordRestore): Promise<void> {
  const d = await db();
  const done = await withConstraintMessages(
    () =>
      d.transaction(async (tx) => {
        const [current] = await tx
          .select({ id: members.id, teamId: members.teamId })
          .from(members)
          .where(and(eq(members.id, ref.id), isNotNull(members.deletedAt), writeScopeWhere(actor, scopeColumns)))
          .limit(1);
        if (!current) return false;
        const [team] = await tx.select({ deletedAt: teams.deletedAt }).from(teams).where(eq(teams.id, current.teamId));
        if (team?.deletedAt) throw new FieldError({ id: ["rosters.errors.team_removed"] });
        const [row] = await tx
          .update(members)
          .set({ deletedAt: null, version: sql`${members.version} + 1`, updatedAt: new Date() })
          .where(eq(members.id, current.id))
          .returning();
        await writeAudit(tx, actor, { action: "member.restore", entity: "member", entityId: row.id, provinceCode: row.provinceCode, communeCode: row.communeCode, after: auditView(row) });
        return true;
      }),
    { members_one_active_leader: { id: ["rosters.errors.leader_taken"] } },
  );
  if (!done) throw new NotFoundError("member");
}
