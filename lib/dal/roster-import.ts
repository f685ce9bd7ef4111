import "server-only";
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { getDatabase, queryRows, type Queryable } from "@/db/client";
import { communeMappings, communes, hamlets, importBatches, importRows, members, teams, users } from "@/db/schema";
import type { Affiliation, Gender, Position } from "@/lib/domain/catalog";
import { buildRosterTemplate, type TemplateTeam } from "@/lib/import/roster-template";
import { cachedParse } from "@/lib/import/parse-cache";
import { clip, parseRosterFile, searchKey, sortIssues, withinFileIssues, type RosterRow, type RowIssue, type Values } from "@/lib/import/roster";
import {
  MAX_LISTED_ISSUES,
  MAX_LISTED_ROWS,
  type Decision,
  type Decisions,
  type FieldChange,
  type ImportBatchView,
  type ImportCounts,
  type ImportPreview,
  type MappingNote,
  type PersonView,
  type PreviewRow,
  type RowStatus,
} from "@/lib/import/preview";
import { coversUnit, type Actor } from "./actor";
import { writeAudit } from "./audit";
import { noteWrite } from "./freshness";
import { lockCommuneRollups } from "./rollup-locks";
import { db } from "./db";
import { NotFoundError } from "./errors";
import { scopeWhere } from "./scope";

export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

export interface ImportResult {
  preview: ImportPreview;
  /** Null when the file changed nothing. */
  batchId: number | null;
  insertedIds: number[];
  updatedIds: number[];
}

/** The file cannot be imported as it is: a refusal of the whole file, or rows with errors (then `preview` lists them). */
export class ImportRejectedError extends Error {
  constructor(
    public readonly code: string,
    public readonly values: Values = {},
    public readonly preview: ImportPreview | null = null,
  ) {
    super(`import rejected: ${code}`);
    this.name = "ImportRejectedError";
  }
}

/** National analysts read rosters but do not keep them: to them the import does not exist. */
function assertImporter(actor: Actor) {
  if (actor.role !== "provincial" && actor.role !== "commune") throw new NotFoundError("roster import");
}

export function canImportRosters(actor: Pick<Actor, "role">): boolean {
  return actor.role === "provincial" || actor.role === "commune";
}

const memberScope = (actor: Actor) => scopeWhere(actor, { province: members.provinceCode, commune: members.communeCode });
const teamScope = (actor: Actor) => scopeWhere(actor, { province: teams.provinceCode, commune: teams.communeCode });

/** Teams the caller may import into, for the template's list. */
export async function listImportTeams(actor: Actor): Promise<TemplateTeam[]> {
  assertImporter(actor);
  const d = await db();
  return d
    .select({ communeCode: teams.communeCode, communeName: communes.name, teamName: teams.name, hamletName: hamlets.name })
    .from(teams)
    .innerJoin(communes, eq(communes.code, teams.communeCode))
    .leftJoin(hamlets, eq(hamlets.id, teams.hamletId))
    .where(and(teamScope(actor), eq(teams.status, "active"), isNull(teams.deletedAt)))
    .orderBy(asc(teams.communeCode), asc(teams.name));
}

export async function rosterTemplate(actor: Actor): Promise<Buffer> {
  return buildRosterTemplate(await listImportTeams(actor));
}

type Unit = { code: string; provinceCode: string; name: string };
type TeamRecord = { id: number; communeCode: string; provinceCode: string; name: string; status: string };
type ExistingMember = {
  id: number;
  teamId: number;
  communeCode: string;
  fullName: string;
  gender: Gender;
  birthYear: number | null;
  phone: string | null;
  position: Position;
  affiliations: string[];
  joinedOn: string | null;
  leftOn: string | null;
  version: number;
};
type Target = Omit<ExistingMember, "id" | "version" | "teamId" | "communeCode" | "affiliations"> & { affiliations: Affiliation[] };
type Resolved = { row: RosterRow; team: TeamRecord; unit: Unit };

/** What a commit writes: each member's target values, with the member it updates (and the version read). */
export type PlannedWrite = Target & {
  row: number;
  action: "insert" | "update";
  teamId: number;
  provinceCode: string;
  communeCode: string;
  memberId: number | null;
  expectedVersion: number | null;
};

const TEAM_PREFIX = /^(to cnscd|to cong nghe so cong dong)\s+/;
const teamAlias = (key: string) => key.replace(TEAM_PREFIX, "");
const COMMUNE_PREFIX = /^(xa|phuong|dac khu|thi tran)\s+/;

function chunked<T>(values: T[], size = 5000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

async function selectIn<T>(values: (string | number)[], query: (part: (string | number)[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (const part of chunked([...new Set(values)])) out.push(...(await query(part)));
  return out;
}

function sameSet(a: readonly string[], b: readonly string[]) {
  return a.length === b.length && [...a].sort().join(",") === [...b].sort().join(",");
}

function pushList<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The same person: same name (ignoring case and diacritics), gender and, when both are known, birth year. */
function samePerson(m: ExistingMember, row: RosterRow): boolean {
  return searchKey(m.fullName) === row.nameKey && m.gender === row.gender && (m.birthYear === null || row.birthYear === null || m.birthYear === row.birthYear);
}

const STATUS_ORDER: Record<RowStatus, number> = { conflict: 0, moved: 1, updated: 2, new: 3, skipped: 4, unchanged: 5 };
const FIELDS = ["fullName", "gender", "birthYear", "phone", "position", "joinedOn", "leftOn"] as const;

/**
 * Resolves the parsed rows against the database with a fixed number of batched queries (units,
 * old-code mappings, teams, the communes' members) and decides for each row: new, updated, moved
 * from another team of the commune, unchanged, a conflict for the user to decide, or an error.
 */
async function analyse(q: Queryable, actor: Actor, file: ImportFile, sha256: string, parsed: Extract<Awaited<ReturnType<typeof parseRosterFile>>, { ok: true }>, decisions: Decisions) {
  const issues: RowIssue[] = [...parsed.issues];
  const rowIssue = (row: RosterRow, column: RowIssue["column"], code: string, values?: Values) =>
    issues.push({ row: row.row, column, cell: column ? (parsed.letters[column] ?? null) : null, code, values });

  const codes = [...new Set(parsed.rows.map((r) => r.communeCode).filter(Boolean))];
  const current = await selectIn(codes, (part) =>
    q.select({ code: communes.code, provinceCode: communes.provinceCode, name: communes.name }).from(communes).where(inArray(communes.code, part as string[])),
  );
  const currentByCode = new Map(current.map((c) => [c.code, c]));
  const oldCodes = codes.filter((c) => !currentByCode.has(c));
  const mapped = await selectIn(oldCodes, (part) =>
    q
      .selectDistinct({ oldCode: communeMappings.oldCode, code: communes.code, provinceCode: communes.provinceCode, name: communes.name })
      .from(communeMappings)
      .innerJoin(communes, eq(communes.code, communeMappings.newCommuneCode))
      .where(inArray(communeMappings.oldCode, part as string[])),
  );
  const candidates = new Map<string, Unit[]>(current.map((c) => [c.code, [c]]));
  for (const m of mapped) candidates.set(m.oldCode!, [...(candidates.get(m.oldCode!) ?? []), m]);
  // A file that names communes (the members export) is read against the caller's own units.
  const byName = new Map<string, Unit[]>();
  if (parsed.rows.some((r) => !r.communeCode)) {
    const units = await q
      .select({ code: communes.code, provinceCode: communes.provinceCode, name: communes.name })
      .from(communes)
      .where(actor.role === "commune" ? eq(communes.code, actor.communeCode!) : eq(communes.provinceCode, actor.provinceCode!));
    for (const u of units) for (const k of new Set([searchKey(u.name), searchKey(u.name).replace(COMMUNE_PREFIX, "")])) pushList(byName, k, u);
  }
  const unitsOf = (row: RosterRow): Unit[] => {
    if (row.communeCode) return candidates.get(row.communeCode) ?? [];
    const key = searchKey(row.communeName ?? "");
    return byName.get(key) ?? byName.get(key.replace(COMMUNE_PREFIX, "")) ?? [];
  };

  const inScopeCodes = [...new Set([...candidates.values(), ...byName.values()].flat().filter((u) => coversUnit(actor, u)).map((u) => u.code))];
  const teamRows = await selectIn(inScopeCodes, (part) =>
    q
      .select({ id: teams.id, communeCode: teams.communeCode, provinceCode: teams.provinceCode, name: teams.name, status: teams.status })
      .from(teams)
      .where(and(inArray(teams.communeCode, part as string[]), isNull(teams.deletedAt), teamScope(actor))),
  );
  const teamsById = new Map(teamRows.map((t) => [t.id, t]));
  const teamsByKey = new Map<string, TeamRecord[]>();
  for (const t of teamRows) {
    const key = searchKey(t.name);
    for (const k of new Set([key, teamAlias(key)])) pushList(teamsByKey, `${t.communeCode}|${k}`, t);
  }
  const findTeams = (communeCode: string, key: string): TeamRecord[] => {
    const exact = (teamsByKey.get(`${communeCode}|${key}`) ?? []).filter((t) => searchKey(t.name) === key);
    return exact.length > 0 ? exact : (teamsByKey.get(`${communeCode}|${teamAlias(key)}`) ?? []);
  };

  const notes: MappingNote[] = [];
  const resolved: Resolved[] = [];
  for (const row of parsed.rows) {
    const units = unitsOf(row);
    if (units.length === 0) {
      rowIssue(row, row.communeCode ? "communeCode" : "communeName", "commune_unknown", { code: clip(row.communeCode || (row.communeName ?? "")) });
      continue;
    }
    const allowed = units.filter((u) => coversUnit(actor, u));
    if (allowed.length === 0) {
      rowIssue(row, row.communeCode ? "communeCode" : "communeName", "out_of_scope", { code: units[0].code, name: units[0].name });
      continue;
    }
    const matches = allowed.flatMap((unit) => findTeams(unit.code, row.teamKey).map((team) => ({ unit, team })));
    const active = matches.filter((m) => m.team.status === "active");
    const communeLabel = allowed.map((u) => `${u.code} ${u.name}`).join(", ");
    if (matches.length === 0) {
      rowIssue(row, "teamName", "team_unknown", { team: clip(row.teamName), commune: clip(communeLabel) });
      continue;
    }
    if (active.length === 0) {
      rowIssue(row, "teamName", "team_dissolved", { team: clip(row.teamName), commune: clip(communeLabel) });
      continue;
    }
    if (active.length > 1) {
      rowIssue(row, "teamName", "team_ambiguous", { team: clip(row.teamName), commune: clip(communeLabel) });
      continue;
    }
    const { unit, team } = active[0];
    if (row.communeCode && !currentByCode.has(row.communeCode)) notes.push({ row: row.row, oldCode: row.communeCode, communeCode: unit.code, communeName: unit.name });
    resolved.push({ row, team, unit });
  }

  // The same person written twice (also under an old and a new commune code) is only visible now.
  const resolvedOf = new Map(resolved.map((r) => [r.row, r]));
  const repeated = withinFileIssues(
    resolved.map((r) => r.row),
    (r) => resolvedOf.get(r)!.unit.code,
    (r) => resolvedOf.get(r)!.team.id,
  ).filter((i) => i.code === "duplicate_row");
  issues.push(...repeated);
  const repeatedRows = new Set(repeated.map((i) => i.row));
  const candidatesRows = resolved.filter((r) => !repeatedRows.has(r.row.row));

  // People are matched across the whole commune, so that a member of another team is found.
  const communeCodes = [...new Set(candidatesRows.map((r) => r.unit.code))];
  const existing: ExistingMember[] = await selectIn(communeCodes, (part) =>
    q
      .select({
        id: members.id,
        teamId: members.teamId,
        communeCode: members.communeCode,
        fullName: members.fullName,
        gender: members.gender,
        birthYear: members.birthYear,
        phone: members.phone,
        position: members.position,
        affiliations: members.affiliations,
        joinedOn: members.joinedOn,
        leftOn: members.leftOn,
        version: members.version,
      })
      .from(members)
      .where(and(inArray(members.communeCode, part as string[]), isNull(members.deletedAt), memberScope(actor)))
      .orderBy(asc(members.id)),
  );
  const byPhone = new Map<string, ExistingMember[]>();
  const byNameYear = new Map<string, ExistingMember[]>();
  const leadersByTeam = new Map<number, ExistingMember[]>();
  for (const m of existing) {
    if (m.phone) pushList(byPhone, `${m.communeCode}|${m.phone}`, m);
    pushList(byNameYear, `${m.communeCode}|${searchKey(m.fullName)}|${m.birthYear ?? ""}`, m);
    if (m.position === "leader" && !m.leftOn) pushList(leadersByTeam, m.teamId, m);
  }
  const teamName = (id: number) => teamsById.get(id)?.name ?? "";
  const personOf = (m: { fullName: string; gender: string; birthYear: number | null; phone: string | null; position: string | null }, team: string): PersonView => ({
    fullName: clip(m.fullName),
    gender: m.gender,
    birthYear: m.birthYear,
    phone: m.phone,
    position: m.position,
    teamName: clip(team),
  });

  type Decided = Resolved & { match: ExistingMember | null; target: Target; changes: FieldChange[]; conflict: ExistingMember | null; decision: Decision | undefined };
  const claimed = new Map<number, number>();
  const decided: Decided[] = [];
  const listed: PreviewRow[] = [];
  const rowView = (r: Resolved, status: RowStatus, changes: FieldChange[] = []): PreviewRow => ({
    row: r.row.row,
    status,
    communeCode: r.unit.code,
    communeName: r.unit.name,
    teamName: clip(r.team.name),
    fullName: clip(r.row.fullName),
    changes,
  });
  for (const r of candidatesRows) {
    const { row, team, unit } = r;
    const phoneHolders = row.phone ? (byPhone.get(`${unit.code}|${row.phone}`) ?? []) : [];
    let match = phoneHolders.find((m) => samePerson(m, row)) ?? null;
    let conflict: ExistingMember | null = null;
    if (!match) {
      const named = (byNameYear.get(`${unit.code}|${row.nameKey}|${row.birthYear ?? ""}`) ?? []).filter((m) => m.gender === row.gender);
      match = named.find((m) => m.teamId === team.id) ?? named[0] ?? null;
      // Someone else has this phone: never overwritten without the user's say.
      if (!match && phoneHolders.length > 0) conflict = phoneHolders[0];
    }
    const decision = conflict ? (decisions.rows?.[row.row] ?? decisions.all) : undefined;
    if (conflict) {
      const view = { ...rowView(r, decision === "skip" ? "skipped" : "conflict"), existing: personOf(conflict, teamName(conflict.teamId)), incoming: personOf(row, team.name), decision };
      if (!decision) {
        listed.push(view);
        continue;
      }
      if (decision === "skip") {
        listed.push(view);
        continue;
      }
      if (decision === "update") match = conflict;
    }
    if (match) {
      const first = claimed.get(match.id);
      if (first !== undefined) {
        rowIssue(row, null, "duplicate_row", { first });
        continue;
      }
      claimed.set(match.id, row.row);
    }
    const target: Target = {
      fullName: row.fullName,
      gender: row.gender,
      birthYear: row.birthYear ?? match?.birthYear ?? null,
      phone: row.phone ?? match?.phone ?? null,
      position: row.position ?? match?.position ?? "member",
      affiliations: row.affiliations ?? ((match?.affiliations ?? []) as Affiliation[]),
      joinedOn: row.joinedOn ?? match?.joinedOn ?? null,
      leftOn: row.leftOn ?? match?.leftOn ?? null,
    };
    if (target.joinedOn && target.leftOn && target.leftOn < target.joinedOn) {
      rowIssue(row, row.leftOn ? "leftOn" : "joinedOn", "left_before_joined");
      continue;
    }
    const changes: FieldChange[] = [];
    if (match) {
      if (match.teamId !== team.id) changes.push({ field: "team", from: clip(teamName(match.teamId)), to: clip(team.name) });
      for (const f of FIELDS) if (target[f] !== match[f]) changes.push({ field: f, from: typeof match[f] === "string" ? clip(match[f] as string) : match[f], to: typeof target[f] === "string" ? clip(target[f] as string) : target[f] });
      if (!sameSet(target.affiliations, match.affiliations)) changes.push({ field: "affiliations", from: match.affiliations, to: target.affiliations });
    }
    decided.push({ ...r, match, target, changes, conflict, decision });
  }

  // One active leader per team, counting the leaders the file leaves as they are.
  const fileLeaders = new Map<number, number>();
  const valid: Decided[] = [];
  for (const d of decided) {
    if (d.target.position === "leader" && !d.target.leftOn) {
      const untouched = (leadersByTeam.get(d.team.id) ?? []).find((m) => m.id !== d.match?.id && !claimed.has(m.id));
      const first = fileLeaders.get(d.team.id);
      if (untouched) {
        rowIssue(d.row, "position", "leader_existing", { name: clip(untouched.fullName), team: clip(d.team.name) });
        continue;
      }
      if (first !== undefined) {
        rowIssue(d.row, "position", "leader_in_file", { first });
        continue;
      }
      fileLeaders.set(d.team.id, d.row.row);
    }
    valid.push(d);
  }
  // A file that demotes the current leader and names another one is fine; one that names a leader
  // whose row is in error would leave the team with two, so those rows are errors too.
  const validIds = new Set(valid.map((d) => d.match?.id).filter((id): id is number => id !== undefined));
  for (const d of [...valid]) {
    if (d.target.position !== "leader" || d.target.leftOn) continue;
    const stillLeader = (leadersByTeam.get(d.team.id) ?? []).find((m) => m.id !== d.match?.id && claimed.has(m.id) && !validIds.has(m.id));
    if (stillLeader) {
      rowIssue(d.row, "position", "leader_existing", { name: clip(stillLeader.fullName), team: clip(d.team.name) });
      valid.splice(valid.indexOf(d), 1);
    }
  }

  const plan: PlannedWrite[] = [];
  const counts: ImportCounts = { rows: parsed.dataRows, new: 0, updated: 0, moved: 0, unchanged: 0, conflicts: 0, skipped: 0, errors: 0 };
  for (const v of listed) counts[v.status === "skipped" ? "skipped" : "conflicts"]++;
  for (const d of valid) {
    const moved = d.match !== null && d.match.teamId !== d.team.id;
    const status: RowStatus = !d.match ? "new" : moved ? "moved" : d.changes.length > 0 ? "updated" : "unchanged";
    counts[status === "new" ? "new" : status === "moved" ? "moved" : status === "updated" ? "updated" : "unchanged"]++;
    if (status !== "unchanged") {
      plan.push({
        ...d.target,
        row: d.row.row,
        action: d.match ? "update" : "insert",
        teamId: d.team.id,
        provinceCode: d.team.provinceCode,
        communeCode: d.team.communeCode,
        memberId: d.match?.id ?? null,
        expectedVersion: d.match?.version ?? null,
      });
      const view = rowView(d, status, d.changes);
      listed.push(d.conflict ? { ...view, existing: personOf(d.conflict, teamName(d.conflict.teamId)), incoming: personOf(d.row, d.team.name), decision: d.decision } : view);
    }
  }
  listed.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.row - b.row);
  notes.sort((a, b) => a.row - b.row);
  const sorted = sortIssues(issues);
  counts.errors = new Set(issues.map((i) => i.row)).size;
  const preview: ImportPreview = {
    fileName: clip(file.name),
    size: file.bytes.byteLength,
    sha256,
    counts,
    issues: sorted.slice(0, MAX_LISTED_ISSUES),
    issueCount: sorted.length,
    notices: parsed.notices,
    notes: notes.slice(0, MAX_LISTED_ROWS),
    rows: listed.slice(0, MAX_LISTED_ROWS),
    rowCount: listed.length,
  };
  return { preview, plan };
}

function sha256Of(bytes: Uint8Array) {
  return createHash("sha256").update(bytes).digest("hex");
}

async function parseOrReject(file: ImportFile, sha256: string) {
  const parsed = await cachedParse(file.name, sha256, () => parseRosterFile(file.name, file.bytes));
  if (!parsed.ok) throw new ImportRejectedError(parsed.code, parsed.values);
  return parsed;
}

/** Dry run: what importing the file would do, row by row, without writing anything. */
export async function previewImport(actor: Actor, file: ImportFile, decisions: Decisions = {}): Promise<ImportPreview> {
  assertImporter(actor);
  const sha256 = sha256Of(file.bytes);
  const parsed = await parseOrReject(file, sha256);
  const d = await db();
  return (await analyse(d, actor, file, sha256, parsed, decisions)).preview;
}

/** Rows written per short staging transaction: short enough that other requests slip in between. */
const STAGE_CHUNK = 2_000;
/**
 * Rows applied per transaction. On the embedded database one transaction holds the only
 * connection, so every other request waits for it: a chunk of 500 rows takes a few hundred ms.
 * PostgreSQL serves other requests meanwhile, so larger chunks there save round trips.
 */
const APPLY_CHUNK = { pglite: 500, postgres: 2_000 } as const;
export const UNDO_DAYS = 30;
/** A batch left 'applying' this long without progress was interrupted (the server stopped): it can be undone. */
const STALLED_MS = 5 * 60_000;

/** A member's audited fields, from the member row `m` or from a stored row image. */
const memberView = (at: (column: string) => SQL) =>
  sql`jsonb_build_object('teamId', ${at("team_id")}, 'fullName', ${at("full_name")}, 'gender', ${at("gender")}, 'birthYear', ${at("birth_year")},
    'phone', ${at("phone")}, 'position', ${at("position")}, 'affiliations', ${at("affiliations")}, 'joinedOn', ${at("joined_on")}, 'leftOn', ${at("left_on")})`;
const fromMember = memberView((c) => sql.raw(`m.${c}`));
const fromBefore = memberView((c) => sql.raw(`r.before->'${c}'`));

/** The staged rows of one chunk, or every applied row of the batch. */
type RowSet = { batchId: number; chunk: number } | { batchId: number; applied: true };
const rowsOf = (set: RowSet) =>
  "chunk" in set ? sql`r.batch_id = ${set.batchId} AND r.chunk = ${set.chunk}` : sql`r.batch_id = ${set.batchId} AND r.after_version IS NOT NULL`;

/** One audit event per member written or restored, in one statement, in the caller's transaction. */
async function auditMembers(tx: Queryable, actor: Actor, set: RowSet, action: string, undo: boolean) {
  noteWrite();
  await tx.execute(sql`INSERT INTO audit_events (actor_user_id, actor_username, action, entity, entity_id, province_code, commune_code, before, after, ip, user_agent)
    SELECT ${actor.userId}, ${actor.username}, ${action}, 'member', r.member_id::text, r.province_code, r.commune_code,
      ${undo ? sql`CASE WHEN m.id IS NULL THEN NULL ELSE ${fromMember} END` : sql`CASE WHEN r.before IS NULL THEN NULL ELSE ${fromBefore} END`},
      ${undo ? sql`CASE WHEN r.before IS NULL THEN NULL ELSE ${fromBefore} END` : fromMember} || jsonb_build_object('importBatch', ${set.batchId}::int),
      ${actor.ip}, ${actor.userAgent?.slice(0, 300) ?? null}
    FROM import_rows r LEFT JOIN members m ON m.id = r.member_id
    WHERE ${rowsOf(set)}
    ORDER BY r.row`);
}

/**
 * Marks the transaction as a bulk member write: the per-row roll-up triggers stand aside and the
 * caller keeps the commune roll-ups with bulk_member_contribution (set-based, same result).
 */
async function bulkMemberWrite(tx: Queryable) {
  await tx.execute(sql`SELECT set_config('cnscd.bulk_members', 'on', true)`);
}

/** Takes the roll-up rows of the communes the rows touch (before and after), in commune-code order. */
async function lockRowsCommunes(tx: Queryable, set: RowSet) {
  const touched = await queryRows<{ commune_code: string; member_id: number | null }>(
    tx,
    sql`SELECT DISTINCT r.commune_code, r.member_id FROM import_rows r WHERE ${rowsOf(set)}`,
  );
  await lockCommuneRollups(
    tx,
    touched.map((r) => r.commune_code),
    touched.flatMap((r) => (r.member_id ? [r.member_id] : [])),
  );
  await tx.execute(sql`SELECT m.id FROM members m JOIN import_rows r ON r.member_id = m.id WHERE ${rowsOf(set)} ORDER BY m.id FOR UPDATE OF m`);
}

const memberIdsOf = (set: RowSet, action?: "insert" | "update") =>
  sql`ARRAY(SELECT r.member_id FROM import_rows r WHERE ${rowsOf(set)} ${action ? sql`AND r.action = ${action}` : sql``})::int[]`;

/**
 * Writes one chunk of staged rows in the caller's transaction: updates (leaders last, so that one
 * steps down before another takes the post), then inserts, with set-based roll-ups and the audit
 * trail, keeping each row's before and after for the undo.
 */
async function applyChunk(tx: Queryable, actor: Actor, batchId: number, chunk: number) {
  const set: RowSet = { batchId, chunk };
  await bulkMemberWrite(tx);
  await lockRowsCommunes(tx, set);
  const [{ stale }] = await queryRows<{ stale: number }>(
    tx,
    sql`SELECT count(*) FILTER (WHERE members.id IS NULL OR members.version <> r.expected_version OR members.deleted_at IS NOT NULL)::int AS stale
        FROM import_rows r LEFT JOIN members ON members.id = r.member_id AND ${memberScope(actor)}
        WHERE ${rowsOf(set)} AND r.action = 'update'`,
  );
  if (stale > 0) throw new ImportRejectedError("changed_meanwhile");
  await tx.execute(sql`UPDATE import_rows r SET before = to_jsonb(m),
      memberships_before = (SELECT jsonb_agg(to_jsonb(ms) ORDER BY ms.started_on) FROM memberships ms WHERE ms.member_id = m.id)
    FROM members m WHERE ${rowsOf(set)} AND r.action = 'update' AND m.id = r.member_id`);
  await tx.execute(sql`SELECT bulk_member_contribution(${memberIdsOf(set, "update")}, -1)`);
  for (const leaders of [false, true]) {
    await tx.execute(sql`UPDATE members m SET team_id = r.team_id, province_code = r.province_code, commune_code = r.commune_code,
        team_active = (t.status = 'active' AND t.deleted_at IS NULL), full_name = r.full_name, gender = r.gender, birth_year = r.birth_year, phone = r.phone,
        position = r.position, affiliations = r.affiliations, joined_on = r.joined_on, left_on = r.left_on,
        version = m.version + 1, updated_at = now()
      FROM import_rows r JOIN teams t ON t.id = r.team_id
      WHERE ${rowsOf(set)} AND r.action = 'update' AND m.id = r.member_id AND m.version = r.expected_version
        AND (r.position = 'leader' AND r.left_on IS NULL) = ${leaders}`);
  }
  // Ids are drawn first so that each staged row knows the member it created, for the undo.
  await tx.execute(sql`UPDATE import_rows r SET member_id = nextval(pg_get_serial_sequence('members', 'id'))
    WHERE ${rowsOf(set)} AND r.action = 'insert'`);
  await tx.execute(sql`INSERT INTO members (id, team_id, province_code, commune_code, team_active, full_name, gender, birth_year, phone, position, affiliations, joined_on, left_on)
    SELECT r.member_id, r.team_id, r.province_code, r.commune_code, t.status = 'active' AND t.deleted_at IS NULL, r.full_name, r.gender, r.birth_year, r.phone,
      r.position, r.affiliations, r.joined_on, r.left_on
    FROM import_rows r JOIN teams t ON t.id = r.team_id
    WHERE ${rowsOf(set)} AND r.action = 'insert' ORDER BY r.row`);
  await tx.execute(sql`SELECT bulk_member_contribution(${memberIdsOf(set)}, 1)`);
  const [{ written, staged }] = await queryRows<{ written: number; staged: number }>(
    tx,
    sql`WITH w AS (UPDATE import_rows r SET after_version = m.version FROM members m
          WHERE ${rowsOf(set)} AND m.id = r.member_id AND (r.action = 'insert' OR m.version = r.expected_version + 1) RETURNING 1)
        SELECT (SELECT count(*)::int FROM w) AS written, (SELECT count(*)::int FROM import_rows r WHERE ${rowsOf(set)}) AS staged`,
  );
  if (written !== staged) throw new ImportRejectedError("changed_meanwhile");
  await auditMembers(tx, actor, set, "member.import", false);
  await tx
    .update(importBatches)
    .set({ rowsApplied: sql`${importBatches.rowsApplied} + ${staged}`, appliedAt: new Date() })
    .where(eq(importBatches.id, batchId));
}

/**
 * Takes back the applied rows of a batch in the caller's transaction: members it added are
 * deleted, members it changed get back every value and membership period they had, the roll-ups
 * follow set-based. Returns how many were restored and removed.
 */
async function revertApplied(tx: Queryable, actor: Actor, batchId: number, auditAction: string): Promise<{ restored: number; removed: number }> {
  const set: RowSet = { batchId, applied: true };
  // The statistics taken at staging say no row is applied yet (after_version all null): planned
  // on them, the joins below ran as nested loops over whole tables, for minutes at 20,000 rows.
  await tx.execute(sql`ANALYZE import_rows`);
  await auditMembers(tx, actor, set, auditAction, true);
  await tx.execute(sql`SELECT bulk_member_contribution(${memberIdsOf(set)}, -1)`);
  // The members' roster spans go in one statement: deleted row by row, each would adjust the roll-ups on its own.
  await tx.execute(sql`DELETE FROM roster_spans s USING import_rows r
    WHERE ${rowsOf(set)} AND r.action = 'insert' AND s.kind IN ('M', 'R') AND s.entity = r.member_id::text`);
  const removed = await queryRows<{ id: number }>(
    tx,
    sql`DELETE FROM members m USING import_rows r WHERE ${rowsOf(set)} AND r.action = 'insert' AND m.id = r.member_id RETURNING m.id`,
  );
  let restored = 0;
  // Leaders last, as when the import was applied.
  for (const leaders of [false, true]) {
    const rows = await queryRows<{ id: number }>(
      tx,
      sql`UPDATE members m SET team_id = (r.before->>'team_id')::int, province_code = r.before->>'province_code', commune_code = r.before->>'commune_code',
          team_active = (t.status = 'active' AND t.deleted_at IS NULL), full_name = r.before->>'full_name', gender = (r.before->>'gender')::gender,
          birth_year = (r.before->>'birth_year')::smallint, phone = r.before->>'phone', position = (r.before->>'position')::"position",
          affiliations = ARRAY(SELECT jsonb_array_elements_text(r.before->'affiliations')), joined_on = (r.before->>'joined_on')::date,
          left_on = (r.before->>'left_on')::date, version = m.version + 1, updated_at = now()
        FROM import_rows r JOIN teams t ON t.id = (r.before->>'team_id')::int
        WHERE ${rowsOf(set)} AND r.action = 'update' AND m.id = r.member_id
          AND (r.before->>'position' = 'leader' AND r.before->>'left_on' IS NULL) = ${leaders}
        RETURNING m.id`,
    );
    restored += rows.length;
  }
  // Restoring a member reads to the membership triggers as one more move; the periods are put
  // back exactly as they were instead, and the roster spans and roll-ups follow from them.
  await tx.execute(sql`DELETE FROM memberships ms USING import_rows r WHERE ${rowsOf(set)} AND r.action = 'update' AND ms.member_id = r.member_id`);
  await tx.execute(sql`INSERT INTO memberships (member_id, started_on, ended_on, team_id, province_code, commune_code)
    SELECT p.member_id, p.started_on, p.ended_on, p.team_id, p.province_code, p.commune_code
    FROM import_rows r CROSS JOIN LATERAL jsonb_populate_recordset(NULL::memberships, r.memberships_before) p
    WHERE ${rowsOf(set)} AND r.action = 'update'`);
  await tx.execute(sql`SELECT refresh_member_spans(ids) FROM (SELECT array_agg(r.member_id) AS ids FROM import_rows r WHERE ${rowsOf(set)} AND r.action = 'update') x
    WHERE ids IS NOT NULL`);
  await tx.execute(sql`SELECT bulk_member_contribution(${memberIdsOf(set, "update")}, 1)`);
  return { restored, removed: removed.length };
}

/** Orders the planned rows for the apply (updates, updates that name a leader, inserts; by commune within each) and cuts them into chunks. */
function chunksOf(plan: PlannedWrite[], size: number): (PlannedWrite & { chunk: number })[] {
  const step = (p: PlannedWrite) => (p.action === "insert" ? 2 : p.position === "leader" && !p.leftOn ? 1 : 0);
  return [...plan]
    .sort((a, b) => step(a) - step(b) || a.communeCode.localeCompare(b.communeCode) || a.row - b.row)
    .map((p, i) => ({ ...p, chunk: Math.floor(i / size) }));
}

async function stage(actor: Actor, file: ImportFile, sha256: string, plan: PlannedWrite[], key: string, chunkRows?: number): Promise<{ batchId: number; chunks: number }> {
  const d = await db();
  const [batch] = await d
    .insert(importBatches)
    .values({ key, actorUserId: actor.userId, provinceCode: actor.provinceCode, communeCode: actor.communeCode, fileName: file.name.slice(0, 255), sha256, rowsTotal: plan.length })
    .returning({ id: importBatches.id });
  const ordered = chunksOf(plan, chunkRows ?? APPLY_CHUNK[(await getDatabase()).kind]);
  for (const part of chunked(ordered, STAGE_CHUNK)) {
    // One parameter per statement: a JSON array read back as rows, rather than 17 parameters a row.
    const json = JSON.stringify(
      part.map((p) => ({
        row: p.row,
        chunk: p.chunk,
        action: p.action,
        member_id: p.memberId,
        expected_version: p.expectedVersion,
        team_id: p.teamId,
        province_code: p.provinceCode,
        commune_code: p.communeCode,
        full_name: p.fullName,
        gender: p.gender,
        birth_year: p.birthYear,
        phone: p.phone,
        position: p.position,
        affiliations: p.affiliations,
        joined_on: p.joinedOn,
        left_on: p.leftOn,
      })),
    );
    await d.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO import_rows (batch_id, row, chunk, action, member_id, expected_version, team_id, province_code, commune_code,
          full_name, gender, birth_year, phone, position, affiliations, joined_on, left_on)
        SELECT ${batch.id}, x.row, x.chunk, x.action, x.member_id, x.expected_version, x.team_id, x.province_code, x.commune_code,
          x.full_name, x.gender, x.birth_year, x.phone, x.position, x.affiliations, x.joined_on, x.left_on
        FROM jsonb_to_recordset(${json}::jsonb) AS x(row int, chunk int, action text, member_id int, expected_version int, team_id int,
          province_code varchar(2), commune_code varchar(5), full_name text, gender gender, birth_year smallint, phone varchar(11),
          "position" "position", affiliations text[], joined_on date, left_on date)`);
      await tx
        .update(importBatches)
        .set({ rowsStaged: sql`${importBatches.rowsStaged} + ${part.length}` })
        .where(eq(importBatches.id, batch.id));
    });
  }
  // Fresh statistics for the rows just staged: planned on the old ones (a handful of rows, or none
  // on the embedded database, which has no autovacuum), the apply and undo joins chose nested
  // loops over whole tables, and an undo of 20,000 rows ran for minutes.
  await d.execute(sql`ANALYZE import_rows`);
  return { batchId: batch.id, chunks: ordered.length ? ordered[ordered.length - 1].chunk + 1 : 0 };
}

/**
 * A failed commit leaves nothing behind: the chunks already applied are taken back in one
 * transaction (with their audit events), the staged rows are dropped and the batch is 'failed'.
 */
async function discard(actor: Actor, batchId: number) {
  const d = await db();
  await d.transaction(async (tx) => {
    await bulkMemberWrite(tx);
    await lockRowsCommunes(tx, { batchId, applied: true });
    await revertApplied(tx, actor, batchId, "member.undo_import");
    await tx.delete(importRows).where(eq(importRows.batchId, batchId));
    await tx.update(importBatches).set({ status: "failed" }).where(eq(importBatches.id, batchId));
  });
}

/** A unique or check constraint hit while applying means the data moved under the import. */
function isConstraintError(error: unknown): boolean {
  const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  return typeof code === "string" && code.startsWith("23");
}

/** Lets the requests that waited for the database (health checks, other users' pages) run between two transactions. */
const yieldToOthers = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface CommitOptions {
  decisions?: Decisions;
  /** The page's key for following the progress of this commit. */
  key?: string;
  /** Told how long each step took (parse, analyse, stage, apply, finish), for the benchmark. */
  onPhase?: (phase: string, ms: number) => void;
  /** Rows per apply transaction, instead of APPLY_CHUNK. */
  chunkRows?: number;
  /** Called before each chunk is applied; a throw stands for a failure of that chunk. */
  beforeChunk?: (chunk: number) => void | Promise<void>;
}

/**
 * Writes the file: parses and analyses it again, refuses it when a row has an error or a
 * conflict has no answer, stages the rows in short transactions, then applies them chunk by
 * chunk, each chunk one short transaction of set-based statements with its audit trail, so that
 * other requests are served in between. While it runs the batch is 'applying'; if a chunk fails,
 * the chunks already applied are taken back and the batch is 'failed', so the import has either
 * happened entirely or not at all. Each row's before and after are kept for the undo.
 */
export async function commitImport(actor: Actor, file: ImportFile, options: CommitOptions = {}): Promise<ImportResult> {
  assertImporter(actor);
  let started = performance.now();
  const phase = (name: string) => {
    options.onPhase?.(name, Math.round(performance.now() - started));
    started = performance.now();
  };
  const sha256 = sha256Of(file.bytes);
  const parsed = await parseOrReject(file, sha256);
  phase("parse");
  const d = await db();
  const { preview, plan } = await analyse(d, actor, file, sha256, parsed, options.decisions ?? {});
  phase("analyse");
  if (preview.counts.errors > 0) throw new ImportRejectedError("has_errors", { count: preview.counts.errors }, preview);
  if (preview.counts.conflicts > 0) throw new ImportRejectedError("conflicts_undecided", { count: preview.counts.conflicts }, preview);
  if (plan.length === 0) return { preview, batchId: null, insertedIds: [], updatedIds: [] };
  const { batchId, chunks } = await stage(actor, file, sha256, plan, options.key ?? randomUUID(), options.chunkRows);
  phase("stage");
  try {
    await d.update(importBatches).set({ status: "applying", appliedAt: new Date() }).where(eq(importBatches.id, batchId));
    for (let chunk = 0; chunk < chunks; chunk++) {
      await yieldToOthers();
      await options.beforeChunk?.(chunk);
      await d.transaction((tx) => applyChunk(tx, actor, batchId, chunk));
    }
    phase("apply");
    await d.transaction(async (tx) => {
      await writeAudit(tx, actor, {
        action: "roster.import",
        entity: "roster",
        entityId: batchId,
        provinceCode: actor.provinceCode,
        communeCode: actor.communeCode,
        after: { file: preview.fileName, sha256, ...preview.counts, mappedRows: preview.notes.length },
      });
      await tx.update(importBatches).set({ status: "committed", committedAt: new Date(), counts: preview.counts }).where(eq(importBatches.id, batchId));
    });
  } catch (error) {
    await discard(actor, batchId);
    if (isConstraintError(error)) throw new ImportRejectedError("changed_meanwhile");
    throw error;
  }
  const written = await d
    .select({ action: importRows.action, memberId: importRows.memberId })
    .from(importRows)
    .where(eq(importRows.batchId, batchId))
    .orderBy(asc(importRows.row));
  phase("finish");
  return {
    preview,
    batchId,
    insertedIds: written.filter((w) => w.action === "insert").map((w) => w.memberId!),
    updatedIds: written.filter((w) => w.action === "update").map((w) => w.memberId!),
  };
}

/** Batches the caller may see: their own, and for a provincial admin every batch of the province. */
function batchScope(actor: Actor) {
  return actor.role === "provincial"
    ? or(eq(importBatches.provinceCode, actor.provinceCode!), eq(importBatches.actorUserId, actor.userId))
    : eq(importBatches.actorUserId, actor.userId);
}

/** A committed batch within UNDO_DAYS, or one whose apply was interrupted (no progress for STALLED_MS). */
function undoable(batch: { status: string; committedAt: Date | null; appliedAt: Date | null }, now: Date) {
  if (batch.status === "applying") return batch.appliedAt !== null && now.getTime() - batch.appliedAt.getTime() > STALLED_MS;
  return batch.status === "committed" && batch.committedAt !== null && now.getTime() - batch.committedAt.getTime() <= UNDO_DAYS * 86_400_000;
}

/** The caller's recent imports, newest first, with whether each can still be undone. */
export async function listImports(actor: Actor, now = new Date()): Promise<ImportBatchView[]> {
  assertImporter(actor);
  const d = await db();
  const rows = await d
    .select({
      id: importBatches.id,
      fileName: importBatches.fileName,
      actorName: users.fullName,
      status: importBatches.status,
      counts: importBatches.counts,
      committedAt: importBatches.committedAt,
      appliedAt: importBatches.appliedAt,
      undoneAt: importBatches.undoneAt,
    })
    .from(importBatches)
    .innerJoin(users, eq(users.id, importBatches.actorUserId))
    .where(and(batchScope(actor), inArray(importBatches.status, ["applying", "committed", "undone"])))
    .orderBy(desc(importBatches.id))
    .limit(20);
  return rows.map((r) => ({
    id: r.id,
    fileName: r.fileName,
    actorName: r.actorName,
    status: r.status,
    counts: r.counts as Partial<ImportCounts> | null,
    committedAt: r.committedAt?.toISOString() ?? r.appliedAt?.toISOString() ?? null,
    undoneAt: r.undoneAt?.toISOString() ?? null,
    canUndo: undoable(r, now),
  }));
}

/** How far the caller's commit with this key has gone: rows staged of the total, then applied. */
export async function importProgress(actor: Actor, key: string): Promise<{ status: string; rowsTotal: number; rowsStaged: number; rowsApplied: number } | null> {
  assertImporter(actor);
  if (!/^[0-9a-f-]{36}$/i.test(key)) return null;
  const d = await db();
  const [row] = await d
    .select({ status: importBatches.status, rowsTotal: importBatches.rowsTotal, rowsStaged: importBatches.rowsStaged, rowsApplied: importBatches.rowsApplied })
    .from(importBatches)
    .where(and(eq(importBatches.key, key), eq(importBatches.actorUserId, actor.userId)))
    .limit(1);
  return row ?? null;
}

/**
 * Undoes a committed import within UNDO_DAYS (or one whose apply was interrupted), by its author
 * or a provincial admin of its province: members it added are deleted, members it changed get
 * back every value they had, the roll-ups follow, all in one transaction with the audit trail.
 * Refused when a member was changed after the import, so that nobody's later work is overwritten.
 */
export async function undoImport(actor: Actor, batchId: number, now = new Date()): Promise<{ restored: number; removed: number }> {
  assertImporter(actor);
  const d = await db();
  return d.transaction(async (tx) => {
    const [batch] = await tx
      .select({
        id: importBatches.id,
        status: importBatches.status,
        committedAt: importBatches.committedAt,
        appliedAt: importBatches.appliedAt,
        provinceCode: importBatches.provinceCode,
        communeCode: importBatches.communeCode,
      })
      .from(importBatches)
      .where(and(eq(importBatches.id, batchId), batchScope(actor)))
      .for("update")
      .limit(1);
    if (!batch) throw new NotFoundError("import");
    if (batch.status !== "committed" && batch.status !== "applying") throw new ImportRejectedError("undo_done");
    if (!undoable(batch, now)) throw new ImportRejectedError(batch.status === "applying" ? "undo_running" : "undo_expired", { days: UNDO_DAYS });
    const set: RowSet = { batchId, applied: true };
    await bulkMemberWrite(tx);
    await lockRowsCommunes(tx, set);
    const [{ changed }] = await queryRows<{ changed: number }>(
      tx,
      sql`SELECT count(*)::int AS changed FROM import_rows r LEFT JOIN members m ON m.id = r.member_id
          WHERE ${rowsOf(set)} AND (m.id IS NULL OR m.version <> r.after_version OR m.deleted_at IS NOT NULL
            OR (r.action = 'insert' AND EXISTS (SELECT 1 FROM training_attendance a WHERE a.member_id = r.member_id)))`,
    );
    if (changed > 0) throw new ImportRejectedError("undo_changed", { count: changed });
    const { restored, removed } = await revertApplied(tx, actor, batchId, "member.undo_import");
    await writeAudit(tx, actor, {
      action: "roster.undo_import",
      entity: "roster",
      entityId: batchId,
      provinceCode: batch.provinceCode,
      communeCode: batch.communeCode,
      after: { restored, removed },
    });
    await tx.update(importBatches).set({ status: "undone", undoneAt: now, undoneBy: actor.userId }).where(eq(importBatches.id, batchId));
    return { restored, removed };
  });
}

const TOKEN_TTL_MS = 30 * 60_000;
const tokenKey = process.env.AUTH_SECRET ? `roster-import:${process.env.AUTH_SECRET}` : randomBytes(32).toString("hex");

function sign(payload: string) {
  return createHmac("sha256", tokenKey).update(payload).digest("base64url");
}

/** A short-lived token binding a previewed file (by its hash) to the caller, checked on confirm. */
export function previewToken(actor: Actor, preview: ImportPreview, now = Date.now()): string {
  const payload = `${actor.userId}.${preview.sha256}.${now + TOKEN_TTL_MS}`;
  return `${payload}.${sign(payload)}`;
}

/** Confirms a previewed file: the same caller, the same bytes, within the token's lifetime. */
export async function commitPreviewedImport(actor: Actor, file: ImportFile, token: string, options: CommitOptions = {}, now = Date.now()): Promise<ImportResult> {
  assertImporter(actor);
  const [userId, hash, expires, mac] = token.split(".");
  const expected = sign(`${userId}.${hash}.${expires}`);
  const valid =
    mac !== undefined &&
    mac.length === expected.length &&
    timingSafeEqual(Buffer.from(mac), Buffer.from(expected)) &&
    Number(userId) === actor.userId &&
    hash === sha256Of(file.bytes) &&
    Number(expires) > now;
  if (!valid) throw new ImportRejectedError("token_invalid");
  return commitImport(actor, file, options);
}
