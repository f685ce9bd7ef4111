import { randomUUID } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { guidanceRecords, hamlets, members, teams, trainingAttendance, trainings, users } from "@/db/schema";
import type { Actor } from "@/lib/dal/actor";
import { FieldError, NotFoundError } from "@/lib/dal/errors";
import { addMonths, monthStart, vnToday } from "@/lib/domain/period";
import { accountListSchema } from "@/lib/validation/accounts";
import { guidanceListSchema } from "@/lib/validation/guidance";
import { hamletListSchema, memberListSchema, teamListSchema } from "@/lib/validation/rosters";
import { trainingListSchema } from "@/lib/validation/trainings";
import { communeActor, nationalActor, provincialActor } from "../support/actors";
import { setupTestDatabase } from "../support/test-database";

/**
 * Every exported function of lib/dal/ against five callers: national, the provincial admin of the
 * record's province (in scope) and of another (out of scope), the commune lead of the record's
 * commune (in scope) and of another (out of scope). A row says what each caller gets: "allow"
 * (the call succeeds and, for a read, returns the record) or "deny" (not found, refused, or the
 * record is not among the results). A new export without a row fails the test.
 */
// The session module resolves the signed-in caller through Auth.js; here every caller is given.
vi.mock("@/auth", () => ({ auth: async () => null }));

const ctx = setupTestDatabase();
const dalDir = path.resolve(__dirname, "../../lib/dal");
const modules = Object.fromEntries(
  await Promise.all(
    readdirSync(dalDir)
      .filter((f) => f.endsWith(".ts"))
      .map(async (f) => [f.replace(/\.ts$/, ""), (await import(`@/lib/dal/${f.replace(/\.ts$/, "")}`)) as Record<string, unknown>] as const),
  ),
);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fn = (name: string): ((...args: any[]) => any) => {
  for (const m of Object.values(modules)) if (typeof m[name] === "function") return m[name] as never;
  throw new Error(`no export ${name}`);
};

type Who = "national" | "provincialIn" | "provincialOut" | "communeIn" | "communeOut";
const WHO: Who[] = ["national", "provincialIn", "provincialOut", "communeIn", "communeOut"];
type Outcome = "allow" | "deny";
type Cells = Outcome | [Outcome, Outcome, Outcome, Outcome, Outcome];

const PK = "28756";
const MARK = "Ma Trận";
const ids: Record<string, number> = {};
const actors = (): Record<Who, Actor> => ({
  national: nationalActor(ids.nat),
  provincialIn: provincialActor("86", ids.vla),
  provincialOut: provincialActor("01", ids.hna),
  communeIn: communeActor("86", PK, ids.pkh),
  communeOut: communeActor("01", "00004", ids.bdi),
});
const lastMonth = () => addMonths(monthStart(vnToday()), -1);
/** A month whose report deadline has passed whatever today's date, and which no report row below submits. */
const owedMonth = () => addMonths(lastMonth(), -1);
const daysAgo = (n: number) => new Date(Date.parse(`${vnToday()}T00:00:00Z`) - n * 86400_000).toISOString().slice(0, 10);
let serial = 0;
const unique = (label: string) => `${label} ${MARK} ${++serial}`;

/** A fresh hamlet, team and member in Phú Khương, for a write that changes or removes them. */
async function freshRoster() {
  const [h] = await ctx.db.insert(hamlets).values({ provinceCode: "86", communeCode: PK, name: unique("Khóm"), kind: "khom" }).returning();
  const [t] = await ctx.db.insert(teams).values({ provinceCode: "86", communeCode: PK, hamletId: h.id, name: unique("Tổ") }).returning();
  const [m] = await ctx.db.insert(members).values({ teamId: t.id, provinceCode: "86", communeCode: PK, fullName: unique("Thành viên"), gender: "male" }).returning();
  return { hamlet: h, team: t, member: m };
}
async function freshTraining() {
  const [t] = await ctx.db
    .insert(trainings)
    .values({ level: "commune", provinceCode: "86", communeCode: PK, title: unique("Bồi dưỡng"), topics: ["vneid"], heldOn: daysAgo(30), hours: 2, format: "in_person", location: "Hội trường" })
    .returning();
  return t;
}
async function freshGuidance() {
  const { team } = await freshRoster();
  const [g] = await ctx.db
    .insert(guidanceRecords)
    .values({ teamId: team.id, provinceCode: "86", communeCode: PK, guidedOn: vnToday(), skill: 1, targetGroup: "elderly", householdsVisited: 1, peopleGuided: 2, peopleCompleted: 1 })
    .returning();
  return g;
}
async function freshAccount() {
  const [u] = await ctx.db.insert(users).values({ username: `pkh${++serial}`, fullName: unique("Xã"), role: "commune", provinceCode: "86", communeCode: PK, passwordHash: "x" }).returning();
  return u;
}
/** Communes of the province without a lead account: one to be listed, one to be given a lead. */
const spare = { listed: "", created: "", withoutLead: 0 };
const historyFile = () => ({ name: "86-vinh-long.csv", bytes: new Uint8Array(readFileSync(path.resolve(__dirname, "../../db/history-sample/86-vinh-long.csv"))) });
const fixture = { team: 0, hamlet: 0, member: 0, training: 0, guidance: 0, importBatch: 0, importKey: "" };

const IMPORT_HEADER = "Mã xã/phường,Tên tổ,Họ và tên,Giới tính,Năm sinh,Số điện thoại,Chức vụ,Thành phần,Ngày tham gia,Ngày rời tổ";
/** A name of letters only (a person's name carries no digits), different on every call. */
const personName = () => `Nhập ${MARK} ${(++serial).toString(26).replace(/./g, (c) => "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[parseInt(c, 26)])}`;
/** A roster file committed by the commune lead of Phú Khương: one new member in a fresh team. */
async function committedImport() {
  const { team } = await freshRoster();
  const key = randomUUID();
  const csv = [IMPORT_HEADER, `${PK},${team.name},${personName()},Nữ,1990,,,,,`].join("\r\n");
  const result = await fn("commitImport")(actors().communeIn, { name: "ma-tran.csv", bytes: new TextEncoder().encode(csv) }, { key });
  if (!result.batchId) throw new Error("the import changed nothing");
  return { batchId: result.batchId as number, key };
}

const collect = async (rows: AsyncIterable<unknown> | Iterable<unknown>) => {
  const out: unknown[] = [];
  for await (const r of rows) out.push(r);
  return out;
};
const shows = (value: unknown) => JSON.stringify(value).includes(MARK);
const period = () => ({ from: addMonths(monthStart(vnToday()), -11), to: vnToday() });
const teamInput = () => ({ communeCode: PK, hamletId: null, name: unique("Tổ mới"), establishedOn: null, zaloUrl: null, note: null });
const memberInput = (teamId: number) => ({ teamId, fullName: unique("Người mới"), gender: "female" as const, birthYear: null, phone: null, position: "member" as const, affiliations: [], joinedOn: null, leftOn: null });
const trainingInput = () => ({ title: unique("Tập huấn"), topics: ["vneid"], heldOn: daysAgo(10), hours: 2, format: "in_person", location: "Hội trường", outsideParticipants: 0, memberIds: [] });

/**
 * Only national users see national-level figures; provincial admins their province; commune
 * leads their commune. Rosters and guidance are written by the commune and its province; the
 * commune submits its report and the province approves or returns it.
 */
const READ: Cells = ["allow", "allow", "deny", "allow", "deny"];
const WRITE_ROSTER: Cells = ["deny", "allow", "deny", "allow", "deny"];
const COMMUNE_ONLY: Cells = ["deny", "deny", "deny", "allow", "deny"];
const PROVINCE_ONLY: Cells = ["deny", "allow", "deny", "deny", "deny"];
const ACCOUNT_ADMIN: Cells = ["deny", "allow", "deny", "deny", "deny"];

type Row = { cells: Cells; run: (actor: Actor) => Promise<unknown>; sees?: (result: unknown) => boolean };
const ROWS: Record<string, Row> = {
  // accounts
  canManage: { cells: ACCOUNT_ADMIN, run: async (a) => fn("canManage")(a, { role: "commune", provinceCode: "86" }), sees: (r) => r === true },
  // Allowed: the caller administers commune leads of the fixture's commune, so nothing is refused.
  accountCreateProblems: { cells: ACCOUNT_ADMIN, run: (a) => fn("accountCreateProblems")(a, { username: "ma.tran.moi", role: "commune", provinceCode: "86", communeCode: PK }), sees: (r) => JSON.stringify(r) === "{}" },
  listAccounts: { cells: ACCOUNT_ADMIN, run: (a) => fn("listAccounts")(a, accountListSchema.parse({ q: "pkh" })), sees: (r) => JSON.stringify(r).includes('"pkh"') },
  getAccount: { cells: ACCOUNT_ADMIN, run: (a) => fn("getAccount")(a, ids.pkh) },
  createAccount: { cells: ACCOUNT_ADMIN, run: (a) => fn("createAccount")(a, { username: `acc${++serial}`, fullName: "X", role: "commune", provinceCode: "86", communeCode: PK, password: "mat-khau-rat-dai-2025" }) },
  updateAccount: { cells: ACCOUNT_ADMIN, run: async (a) => { const u = await freshAccount(); return fn("updateAccount")(a, { id: u.id, version: u.version, fullName: "Đổi", provinceCode: "86", communeCode: PK }); } },
  setAccountDisabled: { cells: ACCOUNT_ADMIN, run: async (a) => fn("setAccountDisabled")(a, (await freshAccount()).id, true) },
  resetAccountPassword: { cells: ACCOUNT_ADMIN, run: async (a) => fn("resetAccountPassword")(a, (await freshAccount()).id) },
  // actor helpers: whether a unit lies within the caller's scope
  coversUnit: { cells: READ, run: async (a) => fn("coversUnit")(a, { code: PK, provinceCode: "86" }), sees: (r) => r === true },
  // audit trail: events of the commune
  listAuditEvents: { cells: READ, run: (a) => fn("listAuditEvents")(a, { q: "", action: "", page: 1, pageSize: 100 }), sees: (r) => JSON.stringify(r).includes(`"communeCode":"${PK}"`) || JSON.stringify(r).includes(`"commune_code":"${PK}"`) },
  // hamlets
  listHamlets: { cells: READ, run: (a) => fn("listHamlets")(a, hamletListSchema.parse({ q: MARK })), sees: shows },
  hamletExportRows: { cells: READ, run: async (a) => collect(await fn("hamletExportRows")(a, hamletListSchema.parse({ q: MARK }))), sees: shows },
  getHamlet: { cells: READ, run: (a) => fn("getHamlet")(a, fixture.hamlet) },
  listHamletOptions: { cells: READ, run: (a) => fn("listHamletOptions")(a, PK), sees: shows },
  createHamlet: { cells: WRITE_ROSTER, run: (a) => fn("createHamlet")(a, { communeCode: PK, name: unique("Ấp"), kind: "ap", households: null }) },
  updateHamlet: { cells: WRITE_ROSTER, run: async (a) => { const { hamlet: h } = await freshRoster(); return fn("updateHamlet")(a, { id: h.id, version: h.version, name: unique("Ấp đổi"), kind: "ap", households: 3 }); } },
  removeHamlet: { cells: WRITE_ROSTER, run: async (a) => { const [h] = await ctx.db.insert(hamlets).values({ provinceCode: "86", communeCode: PK, name: unique("Khóm rỗng"), kind: "khom" }).returning(); return fn("removeHamlet")(a, { id: h.id, version: h.version }); } },
  restoreHamlet: { cells: WRITE_ROSTER, run: async (a) => { const [h] = await ctx.db.insert(hamlets).values({ provinceCode: "86", communeCode: PK, name: unique("Khóm đã xóa"), kind: "khom", deletedAt: new Date() }).returning(); return fn("restoreHamlet")(a, { id: h.id }); } },
  // teams
  listTeams: { cells: READ, run: (a) => fn("listTeams")(a, teamListSchema.parse({ q: MARK })), sees: shows },
  teamExportRows: { cells: READ, run: async (a) => collect(await fn("teamExportRows")(a, teamListSchema.parse({ q: MARK }))), sees: shows },
  getTeam: { cells: READ, run: (a) => fn("getTeam")(a, fixture.team) },
  listTeamOptions: { cells: READ, run: (a) => fn("listTeamOptions")(a, PK), sees: shows },
  createTeam: { cells: WRITE_ROSTER, run: (a) => fn("createTeam")(a, teamInput()) },
  updateTeam: { cells: WRITE_ROSTER, run: async (a) => { const { team: t } = await freshRoster(); return fn("updateTeam")(a, { ...teamInput(), id: t.id, version: t.version, hamletId: t.hamletId, status: "active", dissolvedOn: null }); } },
  dissolveTeam: { cells: WRITE_ROSTER, run: async (a) => { const { team: t } = await freshRoster(); return fn("dissolveTeam")(a, { id: t.id, version: t.version, dissolvedOn: vnToday() }); } },
  removeTeam: { cells: WRITE_ROSTER, run: async (a) => { const [t] = await ctx.db.insert(teams).values({ provinceCode: "86", communeCode: PK, name: unique("Tổ rỗng") }).returning(); return fn("removeTeam")(a, { id: t.id, version: t.version }); } },
  restoreTeam: { cells: WRITE_ROSTER, run: async (a) => { const [t] = await ctx.db.insert(teams).values({ provinceCode: "86", communeCode: PK, name: unique("Tổ đã xóa"), deletedAt: new Date() }).returning(); return fn("restoreTeam")(a, { id: t.id }); } },
  // members
  listMembers: { cells: READ, run: (a) => fn("listMembers")(a, memberListSchema.parse({ q: MARK })), sees: shows },
  memberExportRows: { cells: READ, run: async (a) => collect(fn("memberExportRows")(a, memberListSchema.parse({ q: MARK }))), sees: shows },
  getMember: { cells: READ, run: (a) => fn("getMember")(a, fixture.member) },
  listTeamMembers: { cells: READ, run: (a) => fn("listTeamMembers")(a, fixture.team), sees: shows },
  findMemberMatch: { cells: READ, run: (a) => fn("findMemberMatch")(a, { communeCode: PK, fullName: `Thành viên ${MARK} 3`, phone: null, birthYear: null, teamId: fixture.team }), sees: shows },
  createMember: { cells: WRITE_ROSTER, run: (a) => fn("createMember")(a, memberInput(fixture.team)) },
  updateMember: { cells: WRITE_ROSTER, run: async (a) => { const { member: m } = await freshRoster(); return fn("updateMember")(a, { ...memberInput(m.teamId), id: m.id, version: m.version }); } },
  removeMember: { cells: WRITE_ROSTER, run: async (a) => { const { member: m } = await freshRoster(); return fn("removeMember")(a, { id: m.id, version: m.version }); } },
  restoreMember: { cells: WRITE_ROSTER, run: async (a) => { const { member: m } = await freshRoster(); await ctx.db.update(members).set({ deletedAt: new Date() }).where(eq(members.id, m.id)); return fn("restoreMember")(a, { id: m.id }); } },
  // guidance
  listGuidance: { cells: READ, run: (a) => fn("listGuidance")(a, guidanceListSchema.parse({ commune: PK, pageSize: "100" })), sees: (r) => JSON.stringify(r).includes(`"id":${fixture.guidance},`) },
  getGuidance: { cells: READ, run: (a) => fn("getGuidance")(a, fixture.guidance) },
  listGuidanceTeams: { cells: WRITE_ROSTER, run: (a) => fn("listGuidanceTeams")(a), sees: shows },
  listGuidanceFilterTeams: { cells: READ, run: (a) => fn("listGuidanceFilterTeams")(a, PK), sees: shows },
  // Allowed: the caller may write to the fixture's team, so no place problem is reported for it.
  guidancePlaceProblems: { cells: WRITE_ROSTER, run: (a) => fn("guidancePlaceProblems")(a, [{ index: 0, teamId: fixture.team, guidedOn: vnToday() }]), sees: (r) => JSON.stringify(r) === "{}" },
  // Allowed: the commune is the caller's to write to and the name is free, so no problem is reported.
  hamletPlaceProblems: { cells: WRITE_ROSTER, run: (a) => fn("hamletPlaceProblems")(a, { communeCode: PK, name: unique("Khóm trống"), id: null }), sees: (r) => JSON.stringify(r) === "{}" },
  teamPlaceProblems: { cells: WRITE_ROSTER, run: (a) => fn("teamPlaceProblems")(a, { communeCode: PK, hamletId: null, id: null, active: true }), sees: (r) => JSON.stringify(r) === "{}" },
  memberPlaceProblems: { cells: WRITE_ROSTER, run: (a) => fn("memberPlaceProblems")(a, { teamId: fixture.team, position: "member", id: null }), sees: (r) => JSON.stringify(r) === "{}" },
  recordGuidance: { cells: WRITE_ROSTER, run: (a) => fn("recordGuidance")(a, [{ teamId: fixture.team, guidedOn: vnToday(), skill: 2, targetGroup: "workers", householdsVisited: 1, peopleGuided: 1, peopleCompleted: 0, note: null }]) },
  updateGuidance: { cells: WRITE_ROSTER, run: async (a) => { const g = await freshGuidance(); return fn("updateGuidance")(a, { id: g.id, version: g.version, teamId: g.teamId, guidedOn: g.guidedOn, skill: 3, targetGroup: "workers", householdsVisited: 1, peopleGuided: 2, peopleCompleted: 0, note: null }); } },
  removeGuidance: { cells: WRITE_ROSTER, run: async (a) => { const g = await freshGuidance(); return fn("removeGuidance")(a, { id: g.id, version: g.version }); } },
  exportGuidance: { cells: READ, run: async (a) => collect(fn("exportGuidance")(a, { commune: PK })), sees: (r) => JSON.stringify(r).includes(`"id":${fixture.guidance},`) },
  // trainings
  listTrainings: { cells: READ, run: (a) => fn("listTrainings")(a, trainingListSchema.parse({ q: "Ma Tran" })), sees: (r) => JSON.stringify(r).includes(`"id":${fixture.training},`) },
  getTraining: { cells: READ, run: (a) => fn("getTraining")(a, fixture.training) },
  listTrainingAttendance: { cells: READ, run: (a) => fn("listTrainingAttendance")(a, fixture.training, { page: 1, pageSize: 10 }), sees: shows },
  getTrainingForEdit: { cells: COMMUNE_ONLY, run: (a) => fn("getTrainingForEdit")(a, fixture.training) },
  searchAttendees: { cells: READ, run: (a) => fn("searchAttendees")(a, { q: "Ma Tran" }), sees: shows },
  listTeamAttendees: { cells: READ, run: (a) => fn("listTeamAttendees")(a, fixture.team), sees: shows },
  // Allowed: the caller may record the fixture's member, so no problem is reported for them.
  trainingPlaceProblems: { cells: READ, run: (a) => fn("trainingPlaceProblems")(a, { memberIds: [fixture.member], heldOn: daysAgo(10), id: null }), sees: (r) => JSON.stringify(r) === "{}" },
  createTraining: { cells: ["allow", "allow", "allow", "allow", "allow"], run: (a) => fn("createTraining")(a, trainingInput()) },
  updateTraining: { cells: COMMUNE_ONLY, run: async (a) => { const t = await freshTraining(); return fn("updateTraining")(a, { ...trainingInput(), id: t.id, version: t.version }); } },
  removeTraining: { cells: COMMUNE_ONLY, run: async (a) => { const t = await freshTraining(); return fn("removeTraining")(a, { id: t.id, version: t.version }); } },
  exportTrainings: { cells: READ, run: async (a) => collect(fn("exportTrainings")(a, { q: "Ma Tran" })), sees: (r) => JSON.stringify(r).includes(`"id":${fixture.training},`) },
  exportTrainingAttendance: { cells: READ, run: async (a) => collect(fn("exportTrainingAttendance")(a, { q: "Ma Tran" })), sees: shows },
  // monthly reports of the commune
  getReport: { cells: READ, run: (a) => fn("getReport")(a, PK, lastMonth()) },
  communeReports: { cells: READ, run: (a) => fn("communeReports")(a, PK) },
  provinceReportOverview: { cells: ["allow", "allow", "deny", "deny", "deny"], run: (a) => fn("provinceReportOverview")(a, "86", lastMonth()), sees: (r) => JSON.stringify(r).includes(`"${PK}"`) },
  nationalReportOverview: { cells: ["allow", "deny", "deny", "deny", "deny"], run: (a) => fn("nationalReportOverview")(a, lastMonth()) },
  submitReport: { cells: COMMUNE_ONLY, run: async (a) => fn("submitReport")(a, { communeCode: PK, month: addMonths(lastMonth(), -(++serial % 40) - 2), version: 1 }) },
  approveReport: { cells: PROVINCE_ONLY, run: async (a) => { const month = addMonths(lastMonth(), -(++serial % 40) - 2); await fn("submitReport")(actors().communeIn, { communeCode: PK, month, version: 1 }); const r = await fn("getReport")(actors().communeIn, PK, month); return fn("approveReport")(a, { communeCode: PK, month, version: r.version ?? r.report?.version }); } },
  returnReport: { cells: PROVINCE_ONLY, run: async (a) => { const month = addMonths(lastMonth(), -(++serial % 40) - 2); await fn("submitReport")(actors().communeIn, { communeCode: PK, month, version: 1 }); const r = await fn("getReport")(actors().communeIn, PK, month); return fn("returnReport")(a, { communeCode: PK, month, version: r.version ?? r.report?.version, comment: "Bổ sung" }); } },
  // The fixture's commune owes reports from its dated team and membership (see beforeAll): last
  // month's report is unsubmitted, and the export and the lists of what is owed name the commune.
  exportReports: { cells: READ, run: async (a) => collect(fn("exportReports")(a, { month: lastMonth().slice(0, 7), commune: PK })), sees: (r) => JSON.stringify(r).includes(`"${PK}"`) },
  // reports owed by the commune
  unsubmittedReports: { cells: READ, run: (a) => fn("unsubmittedReports")(a, { provinceCode: "86", month: owedMonth() }), sees: (r) => JSON.stringify(r).includes(`"${PK}"`) },
  communeReportDue: { cells: READ, run: (a) => fn("communeReportDue")(a, PK) },
  // the national report deadline: everyone reads it, national users set it
  getReportSettings: { cells: "allow", run: (a) => fn("getReportSettings")(a) },
  updateReportSettings: { cells: ["allow", "deny", "deny", "deny", "deny"], run: (a) => fn("updateReportSettings")(a, { deadlineDay: 5 }) },
  // units and indicators of the commune
  getUnit: { cells: READ, run: (a) => fn("getUnit")(a, PK) },
  // the breadcrumb of a unit the page has already read within scope; unit names are public
  unitTrail: { cells: ["allow", "allow", "deny", "allow", "allow"], run: async (a) => fn("unitTrail")(a, await fn("getUnit")(actors().national, PK)) },
  listProvinces: { cells: ["allow", "allow", "deny", "allow", "deny"], run: (a) => fn("listProvinces")(a), sees: (r) => JSON.stringify(r).includes('"86"') },
  listCommunes: { cells: READ, run: (a) => fn("listCommunes")(a, "86"), sees: (r) => JSON.stringify(r).includes(`"${PK}"`) },
  unitIndicators: { cells: READ, run: (a) => fn("unitIndicators")(a, PK, period()) },
  rawUnitIndicators: { cells: READ, run: (a) => fn("rawUnitIndicators")(a, PK, period()) },
  communeDetails: { cells: READ, run: (a) => fn("communeDetails")(a, PK, period()) },
  // roster import: the commune's teams
  canImportRosters: { cells: ["deny", "allow", "allow", "allow", "allow"], run: async (a) => fn("canImportRosters")(a), sees: (r) => r === true },
  listImportTeams: { cells: WRITE_ROSTER, run: (a) => fn("listImportTeams")(a), sees: shows },
  rosterTemplate: { cells: ["deny", "allow", "allow", "allow", "allow"], run: (a) => fn("rosterTemplate")(a) },
  // bulk commune-lead accounts: a provincial admin, for the communes of the province only
  communesWithoutLead: { cells: PROVINCE_ONLY, run: (a) => fn("communesWithoutLead")(a), sees: (r) => JSON.stringify(r).includes(`"${spare.listed}"`) },
  countCommunesWithoutLead: { cells: PROVINCE_ONLY, run: (a) => fn("countCommunesWithoutLead")(a), sees: (r) => r === spare.withoutLead },
  createCommuneLeads: { cells: PROVINCE_ONLY, run: (a) => fn("createCommuneLeads")(a, { leads: [{ communeCode: spare.created, fullName: unique("Chủ nhiệm"), phone: null }] }) },
  // a commune lead's phone number: their provincial admin only
  getLeadPhone: { cells: ACCOUNT_ADMIN, run: async (a) => fn("getLeadPhone")(a, (await freshAccount()).id) },
  updateLeadPhone: { cells: ACCOUNT_ADMIN, run: async (a) => fn("updateLeadPhone")(a, { id: (await freshAccount()).id, phone: "0912345678" }) },
  // audit page: names of the records an event refers to, looked up within scope
  auditNames: { cells: READ, run: (a) => fn("auditNames")(a, [{ entity: "team", entityId: String(fixture.team), before: null, after: null, actorUsername: null }]), sees: shows },
  // the commune lead's home: what the own commune still has to do
  communeTodo: { cells: COMMUNE_ONLY, run: (a) => fn("communeTodo")(a), sees: (r) => JSON.stringify(r).includes(`"communeCode":"${PK}"`) },
  // history import: national users only; history figures and the periodic report follow unit scope
  canImportHistory: { cells: ["allow", "deny", "deny", "deny", "deny"], run: async (a) => fn("canImportHistory")(a), sees: (r) => r === true },
  previewHistoryImport: { cells: ["allow", "deny", "deny", "deny", "deny"], run: (a) => fn("previewHistoryImport")(a, historyFile(), "equal") },
  commitHistoryImport: {
    cells: ["allow", "deny", "deny", "deny", "deny"],
    run: async (a) => { const { token } = await fn("previewHistoryImport")(a.role === "national" ? a : actors().national, historyFile(), "equal"); return fn("commitHistoryImport")(a, historyFile(), "equal", token); },
  },
  undoHistoryImport: {
    cells: ["allow", "deny", "deny", "deny", "deny"],
    run: async (a) => {
      const national = actors().national;
      const { token } = await fn("previewHistoryImport")(national, historyFile(), "equal");
      const done = await fn("commitHistoryImport")(national, historyFile(), "equal", token);
      return fn("undoHistoryImport")(a, done.importId ?? done.id);
    },
  },
  listHistoryImports: { cells: ["allow", "deny", "deny", "deny", "deny"], run: (a) => fn("listHistoryImports")(a) },
  historyFigures: { cells: READ, run: (a) => fn("historyFigures")(a, PK, period()) },
  periodicReportData: { cells: READ, run: (a) => fn("periodicReportData")(a, PK, period()) },
  // report reminders and the province's week: the provincial admin of the province only
  reportReminders: { cells: PROVINCE_ONLY, run: (a) => fn("reportReminders")(a), sees: (r) => JSON.stringify(r).includes(`"${PK}"`) },
  // the week's figures of the own province: the fixture's commune is among those owing
  provinceWeek: { cells: PROVINCE_ONLY, run: (a) => fn("provinceWeek")(a), sees: (r) => (r as { owing: number }).owing > 0 },
  // roster import batches, here one committed by the commune lead of Phú Khương: its author and the
  // provincial admins of its province list and undo it, only its author follows its progress
  listImports: { cells: WRITE_ROSTER, run: (a) => fn("listImports")(a), sees: (r) => (r as { id: number }[]).some((b) => b.id === fixture.importBatch) },
  importProgress: { cells: COMMUNE_ONLY, run: (a) => fn("importProgress")(a, fixture.importKey), sees: (r) => (r as { status: string } | null)?.status === "committed" },
  undoImport: { cells: WRITE_ROSTER, run: async (a) => fn("undoImport")(a, (await committedImport()).batchId) },
};

/** Functions that take no caller or act only on the caller's own account, and where they are tested. */
const NOT_RECORD_SCOPED: Record<string, string> = {
  changeOwnPassword: "the caller's own account (accounts, throttling, sessions tests)",
  passwordChangeProblems: "the caller's own account, checks of changeOwnPassword (accounts tests)",
  actorUnitCode: "pure: the caller's own unit code",
  unitLevelOf: "pure: the level of a unit code",
  writeAudit: "writes the audit row of a change already authorised by its caller",
  lockedUntil: "before sign-in: throttling state of (account, address) (throttling tests)",
  authenticate: "before sign-in (accounts, throttling tests)",
  resolveSessionUser: "the session's own account (sessions tests)",
  now: "clock",
  setClock: "clock, tests only",
  db: "the database handle, used only inside lib/dal",
  startDownload: "the caller's own download record (downloads tests)",
  finishDownload: "the caller's own download record (downloads tests)",
  noteWrite: "freshness signal",
  shortLived: "freshness cache",
  healthStatus: "public health check, no data",
  orNotFound: "turns NotFoundError into the 404 page",
  idOrNotFound: "parses an id from the URL",
  currentMonth: "clock",
  reportDeadlineDay: "a setting, read for already-scoped report rules",
  previewToken: "signs the caller's own import preview (roster-import tests)",
  previewImport: "rows of a file within the caller's scope (roster-import tests, scope per row)",
  commitImport: "rows of a file within the caller's scope (roster-import tests, scope per row)",
  commitPreviewedImport: "rows of a file within the caller's scope (roster-import tests, scope per row)",
  canWriteGuidance: "role check used by the guidance pages; writes are checked in SQL (guidance row above)",
  unitFilters: "SQL builder used by the scoped list functions",
  writeScopeWhere: "SQL builder used by the scoped write functions",
  searchMatches: "SQL builder",
  phoneFragment: "pure",
  orderBy: "SQL builder",
  writableCommune: "used by the roster writes above",
  violatedConstraint: "pure",
  withConstraintMessages: "error mapping",
  inBatches: "pure",
  scopeWhere: "SQL builder used by every scoped function",
  activeInMonth: "SQL builder used by the scoped report functions",
  recordSignOut: "the caller's own sessions (sessions tests)",
  getActor: "resolves the caller (sessions tests)",
  requireActor: "resolves the caller (sessions tests)",
  getCallerAllowingTemporaryPassword: "resolves the caller (sessions tests)",
  requireCallerAllowingTemporaryPassword: "resolves the caller (sessions tests)",
  signInRules: "pure: throttling keys",
  passwordChangeRules: "pure: throttling keys",
  countAttempt: "throttling counters (throttling tests)",
  clearAttempts: "throttling counters (throttling tests)",
  waitUntil: "throttling counters (throttling tests)",
  auditView: "pure: the audited fields of an account",
  cappedCountQuery: "SQL builder of the scoped list counts",
  cappedTotal: "pure",
  auditPageQuery: "SQL builder of listAuditEvents (row above), scope applied there",
  auditCountQuery: "SQL builder of listAuditEvents (row above), scope applied there",
  guidanceSort: "pure: the sort a list may use",
  guidancePageQuery: "SQL builder of listGuidance (row above), scope applied there",
  guidanceCountQuery: "SQL builder of listGuidance (row above), scope applied there",
  trainingPageQuery: "SQL builder of listTrainings (row above), scope applied there",
  trainingCountQuery: "SQL builder of listTrainings (row above), scope applied there",
  trainingSort: "pure: the sort a list may use",
  encodeCursor: "pure: a list position in the URL",
  decodeCursor: "pure: a list position from the URL",
  cursorKeySql: "SQL builder of the list cursors, scope applied by each list",
  keysetQuery: "SQL builder of the list pages, scope applied by each list",
  finishPage: "pure: a page's rows and cursors",
  sortedPage: "SQL builder of the list pages, scope applied by each list",
  markFromCookie: "read routing: the caller's own write position (replica tests)",
  markCookie: "read routing: the caller's own write position (replica tests)",
  replicaUnavailable: "pure: classifies a database error",
  withReadDb: "read routing of the scoped reads above (replica tests)",
  loadSampleHistory: "demo seed, no caller",
  analyseHistory: "history file analysis behind previewHistoryImport (row above)",
  commitHistory: "history store behind commitHistoryImport (row above) and the command-line import",
  undoHistory: "history store behind undoHistoryImport (row above)",
  auditWithout: "audit writer of the command-line history import, no caller",
  reportPeriods: "pure: the periods a report compares",
  lockCommuneRollups: "row locks taken inside already-authorised writes",
  mergeFieldErrors: "pure: joins the field errors of two checks",
  fieldErrorsOf: "runs a check of the caller's own function and keeps its field errors",
  formCommune: "commune of hamletPlaceProblems and teamPlaceProblems (rows above), scope applied there",
};

beforeAll(async () => {
  const rows = await ctx.db
    .insert(users)
    .values(
      [
        { username: "nat", role: "national" as const, provinceCode: null, communeCode: null },
        { username: "vla", role: "provincial" as const, provinceCode: "86", communeCode: null },
        { username: "hna", role: "provincial" as const, provinceCode: "01", communeCode: null },
        { username: "pkh", role: "commune" as const, provinceCode: "86", communeCode: PK },
        { username: "bdi", role: "commune" as const, provinceCode: "01", communeCode: "00004" },
      ].map((u) => ({ ...u, fullName: u.username, passwordHash: "x" })),
    )
    .returning();
  for (const r of rows) ids[r.username] = r.id;
  const { hamlet, team, member } = await freshRoster();
  Object.assign(fixture, { hamlet: hamlet.id, team: team.id, member: member.id });
  const training = await freshTraining();
  await ctx.db.insert(trainingAttendance).values({ trainingId: training.id, memberId: member.id, heldOn: training.heldOn });
  fixture.training = training.id;
  const [g] = await ctx.db
    .insert(guidanceRecords)
    .values({ teamId: team.id, provinceCode: "86", communeCode: PK, guidedOn: vnToday(), skill: 1, targetGroup: "elderly", householdsVisited: 1, peopleGuided: 2, peopleCompleted: 1 })
    .returning();
  fixture.guidance = g.id;
  const batch = await committedImport();
  Object.assign(fixture, { importBatch: batch.batchId, importKey: batch.key });
  // A team established a year ago with a member since then, written as the commune lead would:
  // the commune owes a report every month since. The report rows below submit only months before owedMonth().
  const since = addMonths(monthStart(vnToday()), -12);
  const owing: number = await fn("createTeam")(actors().communeIn, { ...teamInput(), establishedOn: since });
  await fn("createMember")(actors().communeIn, { ...memberInput(owing), joinedOn: since });
  const lacking = await queryRows<{ code: string }>(
    ctx.db,
    sql`SELECT c.code FROM communes c WHERE c.province_code = '86' AND NOT EXISTS (SELECT 1 FROM users u WHERE u.role = 'commune' AND u.commune_code = c.code AND u.disabled_at IS NULL) ORDER BY c.code`,
  );
  Object.assign(spare, { listed: lacking[0].code, created: lacking[lacking.length - 1].code, withoutLead: lacking.length });
});

describe("permission matrix of lib/dal", () => {
  const exported = Object.entries(modules).flatMap(([file, m]) =>
    Object.entries(m)
      .filter(([name, value]) => typeof value === "function" && !/^[A-Z]/.test(name))
      .map(([name]) => ({ file, name })),
  );

  it("has a row for every exported function", () => {
    const missing = exported.filter(({ name }) => !(name in ROWS) && !(name in NOT_RECORD_SCOPED)).map(({ file, name }) => `${file}.${name}`);
    expect(missing).toEqual([]);
    const stale = [...Object.keys(ROWS), ...Object.keys(NOT_RECORD_SCOPED)].filter((name) => !exported.some((e) => e.name === name));
    expect(stale).toEqual([]);
  });

  it.each(Object.keys(ROWS))("%s", async (name) => {
    const row = ROWS[name];
    const expected = typeof row.cells === "string" ? WHO.map(() => row.cells as Outcome) : row.cells;
    const got: Outcome[] = [];
    const everyone = actors();
    for (const who of WHO) {
      try {
        const result = await row.run(everyone[who]);
        got.push(!row.sees || row.sees(result) ? "allow" : "deny");
      } catch (error) {
        if (error instanceof NotFoundError || error instanceof FieldError) got.push("deny");
        else throw error;
      }
    }
    expect(Object.fromEntries(WHO.map((w, i) => [w, got[i]]))).toEqual(Object.fromEntries(WHO.map((w, i) => [w, expected[i]])));
  });
});
