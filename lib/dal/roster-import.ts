import "server-only";
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { queryRows, type Queryable } from "@/db/client";
import { communeMappings, communes, hamlets, members, teams } from "@/db/schema";
import type { Affiliation, Gender, Position } from "@/lib/domain/catalog";
import { buildRosterTemplate, type TemplateTeam } from "@/lib/import/roster-template";
import {
  parseRosterFile,
  searchKey,
  sortIssues,
  withinFileIssues,
  type RosterRow,
  type RowIssue,
  type Values,
} from "@/lib/import/roster";
import type { ImportPreview, MappingNote, MemberField, PreviewRow, RowStatus } from "@/lib/import/preview";
import { coversUnit, type Actor } from "./actor";
import { writeAudit } from "./audit";
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
type Target = Omit<ExistingMember, "id" | "version" | "teamId" | "affiliations"> & { affiliations: Affiliation[] };
type Resolved = { row: RosterRow; team: TeamRecord; unit: Unit };

interface Plan {
  inserts: (Target & { teamId: number; provinceCode: string; communeCode: string })[];
  updates: (Target & { id: number; version: number })[];
}

const TEAM_PREFIX = /^(to cnscd|to cong nghe so cong dong)\s+/;
const teamAlias = (key: string) => key.replace(TEAM_PREFIX, "");

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

/**
 * Resolves the parsed rows against the database with a fixed number of batched queries (units,
 * old-code mappings, teams, members) and decides for each row: new, updated, unchanged or error.
 */
async function analyse(q: Queryable, actor: Actor, file: ImportFile, sha256: string, parsed: Extract<Awaited<ReturnType<typeof parseRosterFile>>, { ok: true }>, lock: boolean) {
  const issues: RowIssue[] = [...parsed.issues];
  const rowIssue = (row: RosterRow, column: RowIssue["column"], code: string, values?: Values) =>
    issues.push({ row: row.row, column, cell: column ? (parsed.letters[column] ?? null) : null, code, values });

  const codes = [...new Set(parsed.rows.map((r) => r.communeCode))];
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

  const inScopeCodes = [...new Set([...candidates.values()].flat().filter((u) => coversUnit(actor, u)).map((u) => u.code))];
  const teamRows = await selectIn(inScopeCodes, (part) =>
    q
      .select({ id: teams.id, communeCode: teams.communeCode, provinceCode: teams.provinceCode, name: teams.name, status: teams.status })
      .from(teams)
      .where(and(inArray(teams.communeCode, part as string[]), isNull(teams.deletedAt), teamScope(actor))),
  );
  const teamsByKey = new Map<string, TeamRecord[]>();
  for (const t of teamRows) {
    const key = searchKey(t.name);
    for (const k of new Set([key, teamAlias(key)])) {
      const list = teamsByKey.get(`${t.communeCode}|${k}`) ?? [];
      list.push(t);
      teamsByKey.set(`${t.communeCode}|${k}`, list);
    }
  }
  const findTeams = (communeCode: string, key: string): TeamRecord[] => {
    const exact = (teamsByKey.get(`${communeCode}|${key}`) ?? []).filter((t) => searchKey(t.name) === key);
    return exact.length > 0 ? exact : (teamsByKey.get(`${communeCode}|${teamAlias(key)}`) ?? []);
  };

  const notes: MappingNote[] = [];
  const resolved: Resolved[] = [];
  for (const row of parsed.rows) {
    const units = candidates.get(row.communeCode) ?? [];
    if (units.length === 0) {
      rowIssue(row, "communeCode", "commune_unknown", { code: row.communeCode });
      continue;
    }
    const allowed = units.filter((u) => coversUnit(actor, u));
    if (allowed.length === 0) {
      rowIssue(row, "communeCode", "out_of_scope", { code: units[0].code, name: units[0].name });
      continue;
    }
    const matches = allowed.flatMap((unit) => findTeams(unit.code, row.teamKey).map((team) => ({ unit, team })));
    const active = matches.filter((m) => m.team.status === "active");
    const communeLabel = allowed.map((u) => `${u.code} ${u.name}`).join(", ");
    if (matches.length === 0) {
      rowIssue(row, "teamName", "team_unknown", { team: row.teamName, commune: communeLabel });
      continue;
    }
    if (active.length === 0) {
      rowIssue(row, "teamName", "team_dissolved", { team: row.teamName, commune: communeLabel });
      continue;
    }
    if (active.length > 1) {
      rowIssue(row, "teamName", "team_ambiguous", { team: row.teamName, commune: communeLabel });
      continue;
    }
    const { unit, team } = active[0];
    if (!currentByCode.has(row.communeCode)) notes.push({ row: row.row, oldCode: row.communeCode, communeCode: unit.code, communeName: unit.name });
    resolved.push({ row, team, unit });
  }

  // The same member written twice under an old and a new commune code is only visible now.
  const teamOfRow = new Map(resolved.map((r) => [r.row, r.team.id]));
  const repeated = withinFileIssues(
    resolved.map((r) => r.row),
    (r) => teamOfRow.get(r)!,
  ).filter((i) => i.code === "duplicate_row");
  issues.push(...repeated);
  const repeatedRows = new Set(repeated.map((i) => i.row));
  const candidatesRows = resolved.filter((r) => !repeatedRows.has(r.row.row));

  const teamIds = [...new Set(candidatesRows.map((r) => r.team.id))];
  const existing: ExistingMember[] = await selectIn(teamIds, (part) => {
    const query = q
      .select({
        id: members.id,
        teamId: members.teamId,
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
      .where(and(inArray(members.teamId, part as number[]), isNull(members.deletedAt), memberScope(actor)));
    return lock ? query.for("update") : query;
  });
  const byPhone = new Map<string, ExistingMember>();
  const byName = new Map<string, ExistingMember>();
  const leadersByTeam = new Map<number, ExistingMember[]>();
  for (const m of existing) {
    if (m.phone) byPhone.set(`${m.teamId}|${m.phone}`, m);
    byName.set(`${m.teamId}|${searchKey(m.fullName)}|${m.birthYear ?? ""}`, m);
    if (m.position === "leader" && !m.leftOn) leadersByTeam.set(m.teamId, [...(leadersByTeam.get(m.teamId) ?? []), m]);
  }

  type Decision = Resolved & { match: ExistingMember | null; target: Target; changes: MemberField[] };
  const claimed = new Map<number, number>();
  const decisions: Decision[] = [];
  for (const r of candidatesRows) {
    const { row, team } = r;
    const match = (row.phone ? byPhone.get(`${team.id}|${row.phone}`) : undefined) ?? byName.get(`${team.id}|${row.nameKey}|${row.birthYear ?? ""}`) ?? null;
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
    const changes: MemberField[] = match
      ? (["fullName", "gender", "birthYear", "phone", "position", "joinedOn", "leftOn"] as const).filter((f) => target[f] !== match[f])
      : [];
    if (match && !sameSet(target.affiliations, match.affiliations)) changes.push("affiliations");
    decisions.push({ ...r, match, target, changes });
  }

  // One active leader per team, counting the leaders the file leaves as they are.
  const fileLeaders = new Map<number, number>();
  const valid: Decision[] = [];
  for (const d of decisions) {
    if (d.target.position === "leader" && !d.target.leftOn) {
      const untouched = (leadersByTeam.get(d.team.id) ?? []).find((m) => m.id !== d.match?.id && !claimed.has(m.id));
      const first = fileLeaders.get(d.team.id);
      if (untouched) {
        rowIssue(d.row, "position", "leader_existing", { name: untouched.fullName, team: d.team.name });
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
      rowIssue(d.row, "position", "leader_existing", { name: stillLeader.fullName, team: d.team.name });
      valid.splice(valid.indexOf(d), 1);
    }
  }

  const plan: Plan = { inserts: [], updates: [] };
  const rows: PreviewRow[] = [];
  for (const d of valid) {
    const status: RowStatus = !d.match ? "new" : d.changes.length > 0 ? "updated" : "unchanged";
    if (status === "new") plan.inserts.push({ ...d.target, teamId: d.team.id, provinceCode: d.team.provinceCode, communeCode: d.team.communeCode });
    if (status === "updated") plan.updates.push({ ...d.target, id: d.match!.id, version: d.match!.version });
    rows.push({ row: d.row.row, status, communeCode: d.unit.code, communeName: d.unit.name, teamName: d.team.name, fullName: d.row.fullName, changes: d.changes });
  }
  rows.sort((a, b) => a.row - b.row);
  notes.sort((a, b) => a.row - b.row);
  const errorRows = new Set(issues.map((i) => i.row));
  const preview: ImportPreview = {
    fileName: file.name,
    size: file.bytes.byteLength,
    sha256,
    counts: {
      rows: parsed.dataRows,
      new: plan.inserts.length,
      updated: plan.updates.length,
      unchanged: rows.filter((r) => r.status === "unchanged").length,
      errors: errorRows.size,
    },
    issues: sortIssues(issues),
    notices: parsed.notices,
    notes,
    rows,
  };
  return { preview, plan };
}

function sha256Of(bytes: Uint8Array) {
  return createHash("sha256").update(bytes).digest("hex");
}

async function parseOrReject(file: ImportFile) {
  const parsed = await parseRosterFile(file.name, file.bytes);
  if (!parsed.ok) throw new ImportRejectedError(parsed.code, parsed.values);
  return parsed;
}

/** Dry run: what importing the file would do, row by row, without writing anything. */
export async function previewImport(actor: Actor, file: ImportFile): Promise<ImportPreview> {
  assertImporter(actor);
  const parsed = await parseOrReject(file);
  const d = await db();
  return (await analyse(d, actor, file, sha256Of(file.bytes), parsed, false)).preview;
}

const targetColumns = `full_name text, gender text, birth_year smallint, phone varchar, position text, affiliations text[], joined_on date, left_on date`;

function recordJson(rows: object[]) {
  return JSON.stringify(
    rows.map((r) => {
      const t = r as Target & Record<string, unknown>;
      return {
        ...r,
        full_name: t.fullName,
        birth_year: t.birthYear,
        joined_on: t.joinedOn,
        left_on: t.leftOn,
        team_id: t.teamId,
        province_code: t.provinceCode,
        commune_code: t.communeCode,
      };
    }),
  );
}

async function applyUpdates(tx: Queryable, actor: Actor, updates: Plan["updates"]): Promise<number[]> {
  const ids: number[] = [];
  for (const part of chunked(updates, 2000)) {
    const rows = await queryRows<{ id: number }>(
      tx,
      sql`UPDATE members SET full_name = v.full_name, gender = v.gender::gender, birth_year = v.birth_year, phone = v.phone,
            position = v.position::"position", affiliations = v.affiliations, joined_on = v.joined_on, left_on = v.left_on,
            version = members.version + 1, updated_at = now()
          FROM jsonb_to_recordset(${recordJson(part)}::jsonb) AS v(id integer, version integer, ${sql.raw(targetColumns)})
          WHERE members.id = v.id AND members.version = v.version AND members.deleted_at IS NULL AND ${memberScope(actor)}
          RETURNING members.id`,
    );
    if (rows.length !== part.length) throw new ImportRejectedError("changed_meanwhile");
    ids.push(...rows.map((r) => Number(r.id)));
  }
  return ids;
}

async function applyInserts(tx: Queryable, inserts: Plan["inserts"]): Promise<number[]> {
  const ids: number[] = [];
  for (const part of chunked(inserts, 2000)) {
    const rows = await queryRows<{ id: number }>(
      tx,
      sql`INSERT INTO members (team_id, province_code, commune_code, full_name, gender, birth_year, phone, position, affiliations, joined_on, left_on)
          SELECT v.team_id, v.province_code, v.commune_code, v.full_name, v.gender::gender, v.birth_year, v.phone,
                 v.position::"position", v.affiliations, v.joined_on, v.left_on
          FROM jsonb_to_recordset(${recordJson(part)}::jsonb)
            AS v(team_id integer, province_code varchar, commune_code varchar, ${sql.raw(targetColumns)})
          RETURNING id`,
    );
    ids.push(...rows.map((r) => Number(r.id)));
  }
  return ids;
}

/**
 * Writes the file: parses it again, re-validates every row against the database inside one
 * transaction and writes all rows or none, with one audit event that summarises the counts.
 */
export async function commitImport(actor: Actor, file: ImportFile): Promise<ImportResult> {
  assertImporter(actor);
  const parsed = await parseOrReject(file);
  const sha256 = sha256Of(file.bytes);
  const d = await db();
  return d.transaction(async (tx) => {
    const { preview, plan } = await analyse(tx, actor, file, sha256, parsed, true);
    if (preview.counts.errors > 0) throw new ImportRejectedError("has_errors", { count: preview.counts.errors }, preview);
    await lockCommuneRollups(
      tx,
      plan.inserts.map((i) => i.communeCode),
      plan.updates.map((u) => u.id),
    );
    // Leaders last: the team's current leader must step down before another takes the post.
    const becomesLeader = (u: Target) => u.position === "leader" && !u.leftOn;
    const updatedIds = [
      ...(await applyUpdates(tx, actor, plan.updates.filter((u) => !becomesLeader(u)))),
      ...(await applyUpdates(tx, actor, plan.updates.filter(becomesLeader))),
    ];
    const insertedIds = await applyInserts(tx, plan.inserts);
    await writeAudit(tx, actor, {
      action: "roster.import",
      entity: "roster",
      entityId: null,
      provinceCode: actor.provinceCode,
      communeCode: actor.communeCode,
      after: { file: preview.fileName, sha256, ...preview.counts, mappedRows: preview.notes.length },
    });
    return { preview, insertedIds, updatedIds };
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
export async function commitPreviewedImport(actor: Actor, file: ImportFile, token: string, now = Date.now()): Promise<ImportResult> {
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
  return commitImport(actor, file);
}
