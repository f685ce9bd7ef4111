import "server-only";
import { and, asc, count, desc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db/client";
import { communes, members, provinces, teams, trainingAttendance, trainingReach, trainings } from "@/db/schema";
import type { Gender, Position, TrainingFormat, TrainingLevel, TrainingTopic } from "@/lib/domain/catalog";
import { formatPhone, maskPhone } from "@/lib/domain/phone";
import {
  trainingCreateSchema,
  trainingRemoveSchema,
  trainingUpdateSchema,
  type AttendeeSearch,
  type TrainingCreateData,
  type TrainingCreateInput,
  type TrainingFilter,
  type TrainingListParams,
  type TrainingPlace,
  type TrainingRemoveInput,
  type TrainingUpdateInput,
  trainingPlace,
} from "@/lib/validation/trainings";
import { actorUnitCode, type Actor } from "./actor";
import { writeAudit } from "./audit";
import { cappedCountQuery, cappedTotal } from "./capped-count";
import { db, withReadDb } from "./db";
import { ConflictError, FieldError, mergeFieldErrors, NotFoundError } from "./errors";
import { cursorKeySql, finishPage, sortedPage, type SortKey } from "./keyset";
import { scopeWhere } from "./scope";

/*
 * Who sees and who manages a training:
 * - a training is organised by one unit: the country (national level), a province or a commune;
 * - its organiser manages it (create, edit, remove): national users national-level trainings,
 *   provincial admins their province's provincial-level trainings, commune leads their commune's;
 * - everyone sees the trainings organised within their scope (national users all of them,
 *   provincial admins their province's and its communes'), and also the trainings organised above
 *   them that members of their unit attended; of those they see only their own members' attendance;
 * - attendees are members within the organiser's scope.
 */

type Organiser = { level: TrainingLevel; provinceCode: string | null; communeCode: string | null };

function organiserOf(actor: Actor): Organiser {
  if (actor.role === "national") return { level: "national", provinceCode: null, communeCode: null };
  if (actor.role === "provincial") return { level: "provincial", provinceCode: actor.provinceCode!, communeCode: null };
  return { level: "commune", provinceCode: actor.provinceCode!, communeCode: actor.communeCode! };
}

/** Trainings the caller organises, as a SQL condition. */
function managedWhere(actor: Actor): SQL {
  switch (actor.role) {
    case "national":
      return eq(trainings.level, "national");
    case "provincial":
      return and(eq(trainings.level, "provincial"), eq(trainings.provinceCode, actor.provinceCode!))!;
    case "commune":
      return and(eq(trainings.level, "commune"), eq(trainings.communeCode, actor.communeCode!))!;
  }
}

function canManage(actor: Actor, t: { level: TrainingLevel; provinceCode: string | null; communeCode: string | null }): boolean {
  if (actor.role === "national") return t.level === "national";
  if (actor.role === "provincial") return t.level === "provincial" && t.provinceCode === actor.provinceCode;
  return t.level === "commune" && t.communeCode === actor.communeCode;
}

/**
 * Trainings organised above the commune level that current members of a unit attended, read from
 * the reach table the attendance and roster triggers keep instead of joining each training's
 * thousands of attendance rows to the members on every page. As an array of ids (one short index
 * read before the query), so that the planner can combine it with the unit's own trainings in one
 * bitmap of two index scans rather than filter every training in the country.
 */
function reachedFrom(unit: typeof trainingReach.provinceCode | typeof trainingReach.communeCode, code: string): SQL {
  return sql`${trainings.id} = ANY(ARRAY(SELECT DISTINCT ${trainingReach.trainingId} FROM ${trainingReach} WHERE ${unit} = ${code}))`;
}

/** Trainings the caller may see (not yet removed), as a SQL condition. */
function visibleWhere(actor: Actor): SQL {
  const live = isNull(trainings.deletedAt);
  switch (actor.role) {
    case "national":
      return live;
    case "provincial":
      return and(
        live,
        or(
          eq(trainings.provinceCode, actor.provinceCode!),
          and(eq(trainings.level, "national"), reachedFrom(trainingReach.provinceCode, actor.provinceCode!)),
        ),
      )!;
    case "commune":
      return and(
        live,
        or(
          eq(trainings.communeCode, actor.communeCode!),
          and(
            or(eq(trainings.level, "national"), and(eq(trainings.level, "provincial"), eq(trainings.provinceCode, actor.provinceCode!))),
            reachedFrom(trainingReach.communeCode, actor.communeCode!),
          ),
        ),
      )!;
  }
}

/** Members within the caller's scope: candidates for the caller's own trainings, and whose attendance they see. */
const memberScope = (actor: Actor) => scopeWhere(actor, { province: members.provinceCode, commune: members.communeCode });

/** Phone numbers as the caller may see them: masked for national users (data minimisation). */
function phoneFor(actor: Actor, phone: string | null): string | null {
  if (!phone) return null;
  return actor.role === "national" ? maskPhone(phone) : formatPhone(phone);
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new FieldError(z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
  return parsed.data;
}

function likeKey(q: string): SQL {
  const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql`'%' || search_key(${escaped}) || '%'`;
}

const attendanceCount = sql<number>`(SELECT count(*)::int FROM training_attendance ta WHERE ta.training_id = ${trainings.id})`;

const trainingColumns = {
  id: trainings.id,
  level: trainings.level,
  provinceCode: trainings.provinceCode,
  communeCode: trainings.communeCode,
  provinceName: provinces.shortName,
  communeName: communes.name,
  title: trainings.title,
  topics: trainings.topics,
  heldOn: trainings.heldOn,
  hours: trainings.hours,
  format: trainings.format,
  location: trainings.location,
  outsideParticipants: trainings.outsideParticipants,
  version: trainings.version,
  createdAt: trainings.createdAt,
  updatedAt: trainings.updatedAt,
  attendance: attendanceCount,
};

export type TrainingRow = {
  id: number;
  level: TrainingLevel;
  provinceCode: string | null;
  communeCode: string | null;
  provinceName: string | null;
  communeName: string | null;
  title: string;
  topics: TrainingTopic[];
  heldOn: string;
  hours: number;
  format: TrainingFormat;
  location: string | null;
  outsideParticipants: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  attendance: number;
};

function selectTrainings(q: Queryable) {
  return q
    .select(trainingColumns)
    .from(trainings)
    .leftJoin(provinces, eq(provinces.code, trainings.provinceCode))
    .leftJoin(communes, eq(communes.code, trainings.communeCode));
}

function filterWhere(actor: Actor, f: Partial<TrainingFilter>): SQL {
  const filters: SQL[] = [visibleWhere(actor)];
  if (f.q) filters.push(sql`search_key(${trainings.title}) LIKE ${likeKey(f.q)}`);
  if (f.level) filters.push(eq(trainings.level, f.level));
  if (f.topic) filters.push(sql`${trainings.topics} @> ARRAY[${f.topic}]::text[]`);
  if (f.format) filters.push(eq(trainings.format, f.format));
  if (f.from) filters.push(gte(trainings.heldOn, f.from));
  if (f.to) filters.push(lte(trainings.heldOn, f.to));
  if (f.province) filters.push(eq(trainings.provinceCode, f.province));
  if (f.commune) filters.push(eq(trainings.communeCode, f.commune));
  return and(...filters)!;
}

const SORT_KEYS: Record<TrainingListParams["sort"], SortKey> = {
  heldOn: { expression: trainings.heldOn, type: "date" },
  title: { expression: sql`search_key(${trainings.title})`, type: "text" },
  level: { expression: sql`${trainings.level}::text`, type: "text" },
  unit: { expression: sql`search_key(coalesce(${communes.name}, ${provinces.shortName}, ''))`, type: "text" },
  hours: { expression: trainings.hours, type: "decimal" },
  attendance: { expression: attendanceCount, type: "int" },
  outside: { expression: trainings.outsideParticipants, type: "int" },
};

/**
 * The order a list is shown in. Only the date order has an index; nationally the list spans tens
 * of thousands of trainings and ordering them by title or attendance would compute every row, so
 * other orders apply once the list is within one province (a provincial or commune user, or a
 * province or commune filter), where a few thousand rows sort quickly.
 */
export function trainingSort(actor: Actor, params: Pick<TrainingListParams, "sort" | "dir" | "province" | "commune">): Pick<TrainingListParams, "sort" | "dir"> {
  const narrow = actor.role !== "national" || Boolean(params.province || params.commune);
  return narrow || params.sort === "heldOn" ? { sort: params.sort, dir: params.dir } : { sort: "heldOn", dir: "desc" };
}

function trainingPage(actor: Actor, params: TrainingListParams) {
  return sortedPage(SORT_KEYS, trainings.id, trainingSort(actor, params), params);
}

/** One page of the list from its cursor, as a query (the tests read its plan); ties broken by id in the same direction, as the indexes hold them. */
export function trainingPageQuery(d: Queryable, actor: Actor, params: TrainingListParams) {
  const { key, keyset } = trainingPage(actor, params);
  return d
    .select({ ...trainingColumns, cursorKey: cursorKeySql(key) })
    .from(trainings)
    .leftJoin(provinces, eq(provinces.code, trainings.provinceCode))
    .leftJoin(communes, eq(communes.code, trainings.communeCode))
    .where(and(filterWhere(actor, params), keyset.where))
    .orderBy(...keyset.orderBy)
    .limit(keyset.limit);
}

/** How many trainings of the list there are, up to the cap (as a query, for the tests). */
export function trainingCountQuery(d: Queryable, actor: Actor, params: Partial<TrainingFilter>) {
  return cappedCountQuery(d, trainings, filterWhere(actor, params));
}

/** One page of the trainings the caller may see, filtered and sorted in SQL, with the cursors around it, a capped total and the order applied. */
export async function listTrainings(actor: Actor, params: TrainingListParams) {
  const { request, keyset, sort, dir } = trainingPage(actor, params);
  const [rows, total] = await withReadDb(actor, async (d) => {
    const [page, [{ total }]] = await Promise.all([trainingPageQuery(d, actor, params), trainingCountQuery(d, actor, params)]);
    return [page, total] as const;
  });
  const page = finishPage(rows, request, keyset);
  const shown = page.rows.map(({ cursorKey: _key, ...row }) => ({ ...(row as TrainingRow), canManage: canManage(actor, row as TrainingRow) }));
  return { ...page, rows: shown, ...cappedTotal(total), sort, dir };
}

/** A training the caller may see, with whether they may change it. */
export async function getTraining(actor: Actor, id: number): Promise<TrainingRow & { canManage: boolean }> {
  const d = await db();
  const [row] = await selectTrainings(d)
    .where(and(eq(trainings.id, id), visibleWhere(actor)))
    .limit(1);
  if (!row) throw new NotFoundError("training");
  return { ...(row as TrainingRow), canManage: canManage(actor, row as TrainingRow) };
}

export type Attendee = {
  id: number;
  fullName: string;
  position: Position;
  gender: Gender;
  birthYear: number | null;
  phone: string | null;
  teamId: number;
  teamName: string;
  communeCode: string;
  communeName: string;
  provinceName: string;
};

const attendeeColumns = {
  id: members.id,
  fullName: members.fullName,
  position: members.position,
  gender: members.gender,
  birthYear: members.birthYear,
  phone: members.phone,
  teamId: members.teamId,
  teamName: teams.name,
  communeCode: members.communeCode,
  communeName: communes.name,
  provinceName: provinces.shortName,
};

function attendeeOut(actor: Actor, row: Attendee & { trainingId?: number }): Attendee {
  const { trainingId: _omitted, ...attendee } = row;
  return { ...attendee, phone: phoneFor(actor, row.phone) };
}

/** Members with their team and commune; `attended` starts from the attendance rows instead. */
function selectMembers(q: Queryable) {
  return q
    .select(attendeeColumns)
    .from(members)
    .innerJoin(teams, eq(teams.id, members.teamId))
    .innerJoin(communes, eq(communes.code, members.communeCode))
    .innerJoin(provinces, eq(provinces.code, members.provinceCode));
}

function selectAttended(q: Queryable) {
  return q
    .select({ ...attendeeColumns, trainingId: trainingAttendance.trainingId })
    .from(trainingAttendance)
    .innerJoin(members, eq(members.id, trainingAttendance.memberId))
    .innerJoin(teams, eq(teams.id, members.teamId))
    .innerJoin(communes, eq(communes.code, members.communeCode))
    .innerJoin(provinces, eq(provinces.code, members.provinceCode));
}

/** The attendance of a training the caller may see, limited to members within the caller's scope. */
export async function listTrainingAttendance(actor: Actor, trainingId: number, paging: { page: number; pageSize: number }) {
  const training = await getTraining(actor, trainingId);
  const d = await db();
  const where = and(eq(trainingAttendance.trainingId, training.id), memberScope(actor));
  const [rows, [{ total }]] = await Promise.all([
    selectAttended(d)
      .where(where)
      .orderBy(asc(communes.name), asc(teams.name), asc(members.searchKey), asc(members.id))
      .limit(paging.pageSize)
      .offset((paging.page - 1) * paging.pageSize),
    d.select({ total: count() }).from(trainingAttendance).innerJoin(members, eq(members.id, trainingAttendance.memberId)).where(where),
  ]);
  return { rows: rows.map((r) => attendeeOut(actor, r)), total, training };
}

export type TrainingForEdit = TrainingRow & { attendees: Attendee[]; /** Attendees outside the caller's scope (moved away): kept, not shown. */ hiddenAttendance: number };

/**
 * A training the caller organises, with its attendance within the caller's scope (like the
 * attendance list), for the edit form and the conflict view. Members who have since moved out of
 * the scope are only counted: their names and phones are not the caller's to see.
 */
export async function getTrainingForEdit(actor: Actor, id: number): Promise<TrainingForEdit> {
  const d = await db();
  const [row] = await selectTrainings(d)
    .where(and(eq(trainings.id, id), isNull(trainings.deletedAt), managedWhere(actor)))
    .limit(1);
  if (!row) throw new NotFoundError("training");
  const attendees = await selectAttended(d)
    .where(and(eq(trainingAttendance.trainingId, id), memberScope(actor)))
    .orderBy(asc(members.searchKey), asc(members.id));
  const training = row as TrainingRow;
  return { ...training, attendees: attendees.map((a) => attendeeOut(actor, a)), hiddenAttendance: training.attendance - attendees.length };
}

const activeMember = and(isNull(members.deletedAt), isNull(members.leftOn));

const ATTENDEE_SEARCH_LIMIT = 30;

/**
 * Candidates for the caller's trainings: teams matching the search (to add a whole team) and
 * members whose name matches without diacritics. An empty search lists the first teams.
 */
export async function searchAttendees(actor: Actor, search: AttendeeSearch) {
  const d = await db();
  const teamWhere = and(
    isNull(teams.deletedAt),
    eq(teams.status, "active"),
    scopeWhere(actor, { province: teams.provinceCode, commune: teams.communeCode }),
    search.q ? sql`${teams.searchKey} LIKE ${likeKey(search.q)}` : undefined,
  );
  const teamRows = await d
    .select({
      id: teams.id,
      name: teams.name,
      communeName: communes.name,
      provinceName: provinces.shortName,
      members: sql<number>`(SELECT count(*)::int FROM members tm WHERE tm.team_id = ${teams.id} AND tm.deleted_at IS NULL AND tm.left_on IS NULL)`,
    })
    .from(teams)
    .innerJoin(communes, eq(communes.code, teams.communeCode))
    .innerJoin(provinces, eq(provinces.code, teams.provinceCode))
    .where(teamWhere)
    .orderBy(asc(communes.name), asc(teams.searchKey), asc(teams.id))
    .limit(search.q ? 10 : 50);
  if (!search.q) return { teams: teamRows, members: [], moreMembers: 0 };
  const memberWhere = and(activeMember, memberScope(actor), sql`${members.searchKey} LIKE ${likeKey(search.q)}`);
  const [memberRows, [{ matching }]] = await Promise.all([
    selectMembers(d).where(memberWhere).orderBy(asc(members.searchKey), asc(members.id)).limit(ATTENDEE_SEARCH_LIMIT),
    d.select({ matching: count() }).from(members).where(memberWhere),
  ]);
  // The picker says how many more match, so that a long list is never mistaken for all of them.
  return { teams: teamRows, members: memberRows.map((m) => attendeeOut(actor, m)), moreMembers: Math.max(0, matching - memberRows.length) };
}

/** The current members of a team within the caller's scope, to add the whole team at once. */
export async function listTeamAttendees(actor: Actor, teamId: number): Promise<Attendee[]> {
  const d = await db();
  const [team] = await d
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.id, teamId), isNull(teams.deletedAt), scopeWhere(actor, { province: teams.provinceCode, commune: teams.communeCode })))
    .limit(1);
  if (!team) throw new NotFoundError("team");
  const rows = await selectMembers(d)
    .where(and(eq(members.teamId, teamId), activeMember, memberScope(actor)))
    .orderBy(asc(members.position), asc(members.searchKey), asc(members.id));
  return rows.map((r) => attendeeOut(actor, r));
}

/**
 * Whether every one of `memberIds` may attend a training of the caller's: within the organiser's
 * scope, not removed and, when the day is known, not gone before it.
 */
async function attendeesAllowed(q: Queryable, actor: Actor, memberIds: number[], heldOn: string | null): Promise<boolean> {
  if (!memberIds.length) return true;
  const found = await q
    .select({ id: members.id })
    .from(members)
    .where(
      and(
        inArray(members.id, memberIds),
        isNull(members.deletedAt),
        heldOn === null ? undefined : sql`(${members.leftOn} IS NULL OR ${members.leftOn} >= ${heldOn}::date)`,
        memberScope(actor),
      ),
    );
  return found.length === memberIds.length;
}

/**
 * The checks of a training's organiser and attendees, together, so that a form learns of both in
 * one round: the caller organises only at their own level and unit, and records only members
 * they may (see `attendeesAllowed`).
 */
async function placeErrors(q: Queryable, actor: Actor, place: Pick<TrainingPlace, "unitCode" | "memberIds" | "heldOn">): Promise<Record<string, string[]>> {
  const errors: Record<string, string[]> = {};
  if (place.unitCode && place.unitCode !== actorUnitCode(actor)) errors.unitCode = ["trainings.errors.organiser_out_of_scope"];
  if (!(await attendeesAllowed(q, actor, place.memberIds, place.heldOn))) errors.memberIds = ["trainings.errors.member_out_of_scope"];
  return errors;
}

/**
 * The same checks for a training form refused on other grounds, on whatever of it reads, without
 * writing. On an edit the training's present attendees are not checked again, as on saving.
 */
export async function trainingPlaceProblems(actor: Actor, place: TrainingPlace): Promise<Record<string, string[]>> {
  const d = await db();
  let memberIds = place.memberIds;
  if (place.id !== null && memberIds.length) {
    const present = await d
      .select({ id: trainingAttendance.memberId })
      .from(trainingAttendance)
      .innerJoin(trainings, eq(trainings.id, trainingAttendance.trainingId))
      .where(and(eq(trainingAttendance.trainingId, place.id), inArray(trainingAttendance.memberId, memberIds), isNull(trainings.deletedAt), managedWhere(actor)));
    const had = new Set(present.map((r) => r.id));
    memberIds = memberIds.filter((id) => !had.has(id));
  }
  return placeErrors(d, actor, { ...place, memberIds });
}

/** Parses a training's input; a refusal also carries the organiser's and attendees' problems. */
async function parseTraining<S extends z.ZodType>(actor: Actor, schema: S, input: unknown): Promise<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
  const place = typeof input === "object" && input !== null ? trainingPlace(input as Record<string, unknown>) : null;
  throw new FieldError(place ? mergeFieldErrors(errors, await trainingPlaceProblems(actor, place)) : errors);
}

type AuditedFields = Pick<TrainingRow, "level" | "provinceCode" | "communeCode" | "title" | "heldOn" | "hours" | "format" | "location" | "outsideParticipants"> & {
  topics: readonly string[];
};

function auditView(t: AuditedFields, attendance: number) {
  return {
    level: t.level,
    provinceCode: t.provinceCode,
    communeCode: t.communeCode,
    title: t.title,
    topics: t.topics,
    heldOn: t.heldOn,
    hours: t.hours,
    format: t.format,
    location: t.location,
    outsideParticipants: t.outsideParticipants,
    attendance,
  };
}

function storedFields(data: TrainingCreateData) {
  return {
    title: data.title,
    topics: data.topics,
    heldOn: data.heldOn,
    hours: data.hours,
    format: data.format,
    location: data.location || null,
    outsideParticipants: data.outsideParticipants,
  };
}

/** Records a training organised by the caller's own unit, with its attendance, in one transaction. */
export async function createTraining(actor: Actor, input: TrainingCreateInput): Promise<number> {
  const data = await parseTraining(actor, trainingCreateSchema, input);
  const organiser = organiserOf(actor);
  const d = await db();
  return d.transaction(async (tx) => {
    const errors = await placeErrors(tx, actor, data);
    if (Object.keys(errors).length) throw new FieldError(errors);
    const [row] = await tx
      .insert(trainings)
      .values({
        ...organiser,
        ...storedFields(data),
      })
      .returning();
    if (data.memberIds.length) {
      await tx.insert(trainingAttendance).values(data.memberIds.map((memberId) => ({ trainingId: row.id, memberId, heldOn: row.heldOn })));
    }
    await writeAudit(tx, actor, {
      action: "training.create",
      entity: "training",
      entityId: row.id,
      provinceCode: row.provinceCode,
      communeCode: row.communeCode,
      after: { ...auditView(row, data.memberIds.length), ...(data.memberIds.length ? { attendanceAdded: data.memberIds } : {}) },
    });
    return row.id;
  });
}

/**
 * Saves an edit made on the given version, with the full new attendance list; the attendance
 * changes, the training and its audit row are one transaction. A newer version meanwhile is a
 * conflict carrying the current record.
 */
export async function updateTraining(actor: Actor, input: TrainingUpdateInput): Promise<void> {
  const data = await parseTraining(actor, trainingUpdateSchema, input);
  const current = await getTrainingForEdit(actor, data.id);
  const d = await db();
  const saved = await d.transaction(async (tx) => {
    const [row] = await tx
      .update(trainings)
      .set({
        ...storedFields(data),
        version: sql`${trainings.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(trainings.id, data.id), eq(trainings.version, data.version), isNull(trainings.deletedAt), managedWhere(actor)))
      .returning();
    if (!row) return false;
    const attending = await tx
      .select({ id: trainingAttendance.memberId, inScope: sql<boolean>`${memberScope(actor)}` })
      .from(trainingAttendance)
      .innerJoin(members, eq(members.id, trainingAttendance.memberId))
      .where(eq(trainingAttendance.trainingId, row.id));
    const existing = attending.map((r) => r.id);
    const wanted = new Set(data.memberIds);
    const had = new Set(existing);
    // The form lists only members within the caller's scope; attendance of members who moved away stays.
    const removed = attending.filter((r) => r.inScope && !wanted.has(r.id)).map((r) => r.id).sort((a, b) => a - b);
    const added = data.memberIds.filter((id) => !had.has(id)).sort((a, b) => a - b);
    // Attendance already recorded stays as it is; only members added now are checked.
    const errors = await placeErrors(tx, actor, { unitCode: data.unitCode, memberIds: added, heldOn: row.heldOn });
    if (Object.keys(errors).length) throw new FieldError(errors);
    if (removed.length) {
      await tx.delete(trainingAttendance).where(and(eq(trainingAttendance.trainingId, row.id), inArray(trainingAttendance.memberId, removed)));
    }
    if (added.length) {
      await tx.insert(trainingAttendance).values(added.map((memberId) => ({ trainingId: row.id, memberId, heldOn: row.heldOn })));
    }
    await writeAudit(tx, actor, {
      action: "training.update",
      entity: "training",
      entityId: row.id,
      provinceCode: row.provinceCode,
      communeCode: row.communeCode,
      before: auditView(current, existing.length),
      after: {
        ...auditView(row, existing.length - removed.length + added.length),
        ...(added.length ? { attendanceAdded: added } : {}),
        ...(removed.length ? { attendanceRemoved: removed } : {}),
      },
    });
    return true;
  });
  // Read the current version outside the transaction: the embedded database has one connection.
  if (!saved) throw new ConflictError(await getTrainingForEdit(actor, data.id));
}

/** Removes (soft-deletes) a training the caller organises; its attendance leaves the roll-ups with it. */
export async function removeTraining(actor: Actor, input: TrainingRemoveInput): Promise<void> {
  const data = parse(trainingRemoveSchema, input);
  const current = await getTrainingForEdit(actor, data.id);
  const d = await db();
  const removed = await d.transaction(async (tx) => {
    const [row] = await tx
      .update(trainings)
      .set({ deletedAt: new Date(), version: sql`${trainings.version} + 1`, updatedAt: new Date() })
      .where(and(eq(trainings.id, data.id), eq(trainings.version, data.version), isNull(trainings.deletedAt), managedWhere(actor)))
      .returning({ id: trainings.id });
    if (!row) return false;
    await writeAudit(tx, actor, {
      action: "training.remove",
      entity: "training",
      entityId: data.id,
      provinceCode: current.provinceCode,
      communeCode: current.communeCode,
      before: auditView(current, current.attendees.length),
    });
    return true;
  });
  if (!removed) throw new ConflictError(await getTrainingForEdit(actor, data.id));
}

const EXPORT_BATCH = 1000;

/** Every training matching the filters that the caller may see, newest first, read in batches. */
export async function* exportTrainings(actor: Actor, filter: Partial<TrainingFilter>): AsyncGenerator<TrainingRow> {
  const where = filterWhere(actor, filter);
  let after: { heldOn: string; id: number } | null = null;
  for (;;) {
    const cursor: SQL | undefined = after ? sql`(${trainings.heldOn}, ${trainings.id}) < (${after.heldOn}::date, ${after.id})` : undefined;
    // Each batch is its own short read (a replica when one is current).
    const rows = (await withReadDb(actor, (d) =>
      selectTrainings(d).where(and(where, cursor)).orderBy(desc(trainings.heldOn), desc(trainings.id)).limit(EXPORT_BATCH),
    )) as TrainingRow[];
    yield* rows;
    if (rows.length < EXPORT_BATCH) return;
    const last = rows[rows.length - 1];
    after = { heldOn: last.heldOn, id: last.id };
  }
}

export type AttendanceExportRow = { training: TrainingRow; attendee: Attendee };

/** One row per attendance the caller may see, of the trainings matching the filters. */
export async function* exportTrainingAttendance(actor: Actor, filter: Partial<TrainingFilter>): AsyncGenerator<AttendanceExportRow> {
  const d = await db();
  const batch: TrainingRow[] = [];
  const flush = async function* () {
    const ids = batch.map((t) => t.id);
    const rows = await selectAttended(d)
      .where(and(inArray(trainingAttendance.trainingId, ids), memberScope(actor)))
      .orderBy(asc(communes.name), asc(teams.name), asc(members.searchKey), asc(members.id));
    const byTraining = new Map<number, typeof rows>();
    for (const r of rows) {
      const list = byTraining.get(r.trainingId);
      if (list) list.push(r);
      else byTraining.set(r.trainingId, [r]);
    }
    for (const training of batch) {
      for (const r of byTraining.get(training.id) ?? []) {
        yield { training, attendee: attendeeOut(actor, r) };
      }
    }
    batch.length = 0;
  };
  for await (const training of exportTrainings(actor, filter)) {
    batch.push(training);
    if (batch.length >= 200) yield* flush();
  }
  if (batch.length) yield* flush();
}
