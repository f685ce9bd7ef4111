import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { ConflictError, FieldError, NotFoundError } from "@/lib/dal/errors";
import { createHamlet } from "@/lib/dal/hamlets";
import { createMember, getMember } from "@/lib/dal/members";
import { createTeam, dissolveTeam, getTeam, listTeamOptions, listTeams, removeTeam, restoreTeam, teamExportRows, teamPlaceProblems, updateTeam } from "@/lib/dal/teams";
import { teamListSchema, teamPlace, teamUpdateSchema } from "@/lib/validation/rosters";
import { auditActions, auditTotal, PHU_KHUONG, seedRosterActors, tableSnapshot } from "../support/rosters-fixtures";
import { setupTestDatabase } from "../support/test-database";

const ctx = setupTestDatabase();
let a: Awaited<ReturnType<typeof seedRosterActors>>;
const list = (params: Record<string, string> = {}) => teamListSchema.parse(params);
const teamInput = (hamletId: number | null, name: string) => ({ communeCode: PHU_KHUONG, hamletId, name, establishedOn: "2023-03-15", zaloUrl: "https://zalo.me/g/phuhoa2023", note: null });
let hamlet1 = 0;
let hamlet2 = 0;
let team = 0;

async function stats() {
  const [r] = await queryRows<{ teams: number; members: number; covered: number }>(
    ctx.db,
    sql`SELECT teams_active AS teams, members_active AS members, hamlets_with_team AS covered FROM commune_stats WHERE commune_code = ${PHU_KHUONG}`,
  );
  return r;
}

describe("teams", () => {
  beforeAll(async () => {
    a = await seedRosterActors(ctx.db);
    hamlet1 = await createHamlet(a.phuKhuong, { communeCode: PHU_KHUONG, name: "Khóm 1", kind: "khom", households: 300 });
    hamlet2 = await createHamlet(a.phuKhuong, { communeCode: PHU_KHUONG, name: "Khóm 2", kind: "khom", households: 200 });
  });

  it("forms, edits, dissolves, removes and restores a team with audit rows and live roll-ups", async () => {
    team = await createTeam(a.phuKhuong, teamInput(hamlet1, "Tổ CNSCĐ Khóm Một"));
    expect(await getTeam(a.phuKhuong, team)).toMatchObject({ hamletName: "Khóm 1", status: "active", zaloUrl: "https://zalo.me/g/phuhoa2023", memberCount: 0, version: 1 });
    expect(await stats()).toMatchObject({ teams: 1, covered: 1 });
    const memberId = await createMember(a.phuKhuong, { teamId: team, fullName: "Lê Thị Hoa", gender: "female", birthYear: 1990, phone: "0912345678", position: "leader", affiliations: ["youth_union"], joinedOn: null, leftOn: null });
    const edit = teamUpdateSchema.parse({ id: String(team), version: "1", hamletId: String(hamlet1), name: "Tổ CNSCĐ Khóm 1", establishedOn: "2023-03-15", zaloUrl: "zalo.me/g/khom1moi", note: "Họp tối thứ Năm", status: "active", dissolvedOn: "" });
    await updateTeam(a.phuKhuong, edit);
    const edited = await getTeam(a.phuKhuong, team);
    expect(edited).toMatchObject({ name: "Tổ CNSCĐ Khóm 1", zaloUrl: "https://zalo.me/g/khom1moi", note: "Họp tối thứ Năm", memberCount: 1, leaderName: "Lê Thị Hoa", version: 2 });
    await dissolveTeam(a.phuKhuong, { id: team, version: 2, dissolvedOn: "2025-06-30" });
    expect(await getTeam(a.phuKhuong, team)).toMatchObject({ status: "dissolved", dissolvedOn: "2025-06-30" });
    expect(await stats()).toMatchObject({ teams: 0, members: 0, covered: 0 });
    await removeTeam(a.phuKhuong, { id: team, version: 3 });
    expect((await getMember(a.phuKhuong, memberId)).deletedAt).toBeInstanceOf(Date);
    expect((await listTeams(a.phuKhuong, list())).total).toBe(0);
    expect((await listTeams(a.phuKhuong, list({ status: "removed" }))).rows.map((r) => r.id)).toEqual([team]);
    await restoreTeam(a.phuKhuong, { id: team });
    expect((await getMember(a.phuKhuong, memberId)).deletedAt).toBeNull();
    expect(await auditActions(ctx.db, "team", team)).toEqual(["team.create", "team.update", "team.dissolve", "team.remove", "team.restore"]);
  });

  it("allows one active team per hamlet, and commune-level teams beside them", async () => {
    const active = await createTeam(a.phuKhuong, teamInput(hamlet2, "Tổ CNSCĐ Khóm Hai"));
    await expect(createTeam(a.phuKhuong, teamInput(hamlet2, "Tổ thứ hai"))).rejects.toMatchObject({ fieldErrors: { hamletId: ["rosters.errors.hamlet_has_active_team"] } });
    const communeLevel = await createTeam(a.phuKhuong, { ...teamInput(null, "Tổ CNSCĐ phường Phú Khương"), zaloUrl: null });
    expect((await getTeam(a.phuKhuong, communeLevel)).hamletId).toBeNull();
    expect((await getTeam(a.phuKhuong, active)).status).toBe("active");
  });

  it("refuses a hamlet of another commune", async () => {
    const foreign = await createHamlet(a.otherCommune, { communeCode: a.otherCommuneCode, name: "Ấp Ngoài", kind: "ap", households: null });
    await expect(createTeam(a.phuKhuong, teamInput(foreign, "Tổ lạc"))).rejects.toMatchObject({ fieldErrors: { hamletId: ["rosters.errors.hamlet_invalid"] } });
  });

  it("says in the same round as the schema's errors that the hamlet is taken, not the commune's, or the commune out of reach, reading only", async () => {
    const before = await tableSnapshot(ctx.db, "teams");
    const form = (actor: typeof a.phuKhuong, values: Record<string, string>) => teamPlaceProblems(actor, teamPlace(values));
    const holder = (await listTeams(a.phuKhuong, list({ status: "active" }))).rows.find((r) => r.hamletId === hamlet2)!;
    const foreign = (await createHamlet(a.otherCommune, { communeCode: a.otherCommuneCode, name: "Ấp Ngoài Hai", kind: "ap", households: null }));
    expect(await form(a.phuKhuong, { communeCode: PHU_KHUONG, hamletId: String(hamlet2), name: "", establishedOn: "2099-01-01" })).toEqual({ hamletId: ["rosters.errors.hamlet_has_active_team"] });
    expect(await form(a.vinhLong, { communeCode: PHU_KHUONG, hamletId: String(hamlet2) })).toEqual({ hamletId: ["rosters.errors.hamlet_has_active_team"] });
    expect(await form(a.phuKhuong, { communeCode: PHU_KHUONG, hamletId: String(foreign), name: "" })).toEqual({ hamletId: ["rosters.errors.hamlet_invalid"] });
    // The team that holds the hamlet may keep it; dissolving frees it; a commune-level team needs none.
    expect(await form(a.phuKhuong, { id: String(holder.id), hamletId: String(hamlet2), status: "active", name: "" })).toEqual({});
    expect(await form(a.phuKhuong, { id: String(team), hamletId: String(hamlet2), status: "active", name: "" })).toEqual({ hamletId: ["rosters.errors.hamlet_has_active_team"] });
    expect(await form(a.phuKhuong, { id: String(team), hamletId: String(hamlet2), status: "dissolved", dissolvedOn: "" })).toEqual({});
    expect(await form(a.phuKhuong, { communeCode: PHU_KHUONG, hamletId: "", name: "" })).toEqual({});
    for (const actor of [a.otherCommune, a.haNoi, a.nat]) {
      expect(await form(actor, { communeCode: PHU_KHUONG, hamletId: String(hamlet2) })).toEqual({ communeCode: ["errors.out_of_scope"] });
      expect(await form(actor, { id: String(holder.id), hamletId: String(hamlet1) })).toEqual({});
    }
    expect(await tableSnapshot(ctx.db, "teams")).toBe(before);
  });

  it("shows the current version on a concurrent edit", async () => {
    const t = await getTeam(a.vinhLong, team);
    const base = { id: team, version: t.version, hamletId: hamlet1, name: t.name, establishedOn: t.establishedOn, zaloUrl: t.zaloUrl, status: t.status, dissolvedOn: t.dissolvedOn };
    await updateTeam(a.phuKhuong, { ...base, note: "Bản thứ nhất" });
    const error = await updateTeam(a.vinhLong, { ...base, note: "Bản thứ hai" }).catch((e) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.current).toMatchObject({ note: "Bản thứ nhất", version: t.version + 1 });
  });

  it("searches without diacritics and filters by status, hamlet and unit", async () => {
    expect((await listTeams(a.vinhLong, list({ q: "phu khuong" }))).rows.map((r) => r.name)).toEqual(["Tổ CNSCĐ phường Phú Khương"]);
    expect((await listTeams(a.vinhLong, list({ q: "KHOM" }))).total).toBe(2);
    expect((await listTeams(a.vinhLong, list({ status: "dissolved" }))).rows.map((r) => r.id)).toEqual([team]);
    expect((await listTeams(a.vinhLong, list({ status: "active" }))).total).toBe(2);
    expect((await listTeams(a.vinhLong, list({ hamlet: String(hamlet2) }))).total).toBe(1);
    expect((await listTeams(a.nat, list({ province: "86", commune: PHU_KHUONG }))).total).toBe(3);
    expect((await listTeams(a.nat, list({ province: "01" }))).total).toBe(0);
    const exported: string[] = [];
    for await (const r of teamExportRows(a.phuKhuong, list({ status: "active" }))) exported.push(r.name);
    expect(exported.sort()).toEqual(["Tổ CNSCĐ Khóm Hai", "Tổ CNSCĐ phường Phú Khương"]);
  });

  it("keeps reads within scope", async () => {
    for (const actor of [a.otherCommune, a.haNoi]) {
      await expect(getTeam(actor, team)).rejects.toBeInstanceOf(NotFoundError);
      expect((await listTeams(actor, list({ commune: PHU_KHUONG }))).total).toBe(0);
      expect(await listTeamOptions(actor, PHU_KHUONG)).toEqual([]);
      const exported = [];
      for await (const r of teamExportRows(actor, list({ commune: PHU_KHUONG }))) exported.push(r);
      expect(exported).toEqual([]);
    }
    expect((await listTeamOptions(a.phuKhuong, PHU_KHUONG)).length).toBe(3);
    expect((await getTeam(a.nat, team)).id).toBe(team);
  });

  it("refuses every write outside scope and by national users, changing nothing", async () => {
    const t = await getTeam(a.phuKhuong, team);
    const snapshot = await tableSnapshot(ctx.db, "teams");
    const audits = await auditTotal(ctx.db);
    for (const actor of [a.otherCommune, a.haNoi, a.nat]) {
      await expect(createTeam(actor, teamInput(null, "Xâm nhập"))).rejects.toBeInstanceOf(FieldError);
      const edit = { id: team, version: t.version, hamletId: null, name: "Xâm nhập", establishedOn: null, zaloUrl: null, note: null, status: "active" as const, dissolvedOn: null };
      await expect(updateTeam(actor, edit)).rejects.toBeInstanceOf(NotFoundError);
      await expect(dissolveTeam(actor, { id: team, version: t.version, dissolvedOn: "2025-01-01" })).rejects.toBeInstanceOf(NotFoundError);
      await expect(removeTeam(actor, { id: team, version: t.version })).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(await tableSnapshot(ctx.db, "teams")).toBe(snapshot);
    await removeTeam(a.vinhLong, { id: team, version: t.version });
    const removed = await tableSnapshot(ctx.db, "teams");
    const removedAudits = await auditTotal(ctx.db);
    expect(removedAudits).toBe(audits + 1);
    for (const actor of [a.otherCommune, a.haNoi, a.nat]) await expect(restoreTeam(actor, { id: team })).rejects.toBeInstanceOf(NotFoundError);
    expect(await tableSnapshot(ctx.db, "teams")).toBe(removed);
    expect(await auditTotal(ctx.db)).toBe(removedAudits);
  });
});
