import { beforeAll, describe, expect, it } from "vitest";
import { ConflictError, FieldError, NotFoundError } from "@/lib/dal/errors";
import { createHamlet } from "@/lib/dal/hamlets";
import {
  createMember,
  findMemberMatch,
  getMember,
  listMembers,
  listTeamMembers,
  memberExportRows,
  memberPlaceProblems,
  removeMember,
  restoreMember,
  updateMember,
  type Member,
} from "@/lib/dal/members";
import { createTeam } from "@/lib/dal/teams";
import { memberFormSchema, memberListSchema, type MemberInput } from "@/lib/validation/rosters";
import { auditActions, auditTotal, PHU_KHUONG, seedRosterActors, tableSnapshot } from "../support/rosters-fixtures";
import { setupTestDatabase } from "../support/test-database";

const ctx = setupTestDatabase();
let a: Awaited<ReturnType<typeof seedRosterActors>>;
const list = (params: Record<string, string> = {}) => memberListSchema.parse(params);
let hamlet = 0;
let team = 0;
let otherTeam = 0;
let leader = 0;
const member = (over: Partial<MemberInput> = {}): MemberInput => ({
  teamId: team,
  fullName: "Trần Thị Mai",
  gender: "female",
  birthYear: 1985,
  phone: null,
  position: "member",
  affiliations: [],
  joinedOn: null,
  leftOn: null,
  ...over,
});
async function collect(rows: AsyncIterable<Member>) {
  const out: Member[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

describe("members", () => {
  beforeAll(async () => {
    a = await seedRosterActors(ctx.db);
    hamlet = await createHamlet(a.phuKhuong, { communeCode: PHU_KHUONG, name: "Khóm Phú Thạnh", kind: "khom", households: null });
    team = await createTeam(a.phuKhuong, { communeCode: PHU_KHUONG, hamletId: hamlet, name: "Tổ CNSCĐ Khóm Phú Thạnh", establishedOn: null, zaloUrl: null, note: null });
    const otherHamlet = await createHamlet(a.otherCommune, { communeCode: a.otherCommuneCode, name: "Ấp Một", kind: "ap", households: null });
    otherTeam = await createTeam(a.otherCommune, { communeCode: a.otherCommuneCode, hamletId: otherHamlet, name: "Tổ Ấp Một", establishedOn: null, zaloUrl: null, note: null });
  });

  it("adds a member from the form with a +84 phone stored as 0…, edits, removes and restores with audit rows", async () => {
    const parsed = memberFormSchema.parse({
      teamId: String(team),
      fullName: "  Nguyễn Văn An ",
      gender: "male",
      birthYear: "1978",
      phone: "+84 912 345 678",
      position: "leader",
      "affiliations.village_head": "on",
      "affiliations.police": "on",
      joinedOn: "2023-04-01",
      leftOn: "",
    });
    expect(parsed).toMatchObject({ fullName: "Nguyễn Văn An", phone: "0912345678", affiliations: ["village_head", "police"], birthYear: 1978 });
    leader = await createMember(a.phuKhuong, parsed);
    expect(await getMember(a.phuKhuong, leader)).toMatchObject({ phone: "0912345678", teamName: "Tổ CNSCĐ Khóm Phú Thạnh", hamletName: "Khóm Phú Thạnh", version: 1 });
    await updateMember(a.phuKhuong, { ...parsed, id: leader, version: 1, birthYear: 1979 });
    expect((await getMember(a.vinhLong, leader)).birthYear).toBe(1979);
    await removeMember(a.phuKhuong, { id: leader, version: 2 });
    expect((await listMembers(a.phuKhuong, list())).total).toBe(0);
    expect((await listMembers(a.phuKhuong, list({ status: "removed" }))).rows.map((r) => r.id)).toEqual([leader]);
    await restoreMember(a.phuKhuong, { id: leader });
    expect(await auditActions(ctx.db, "member", leader)).toEqual(["member.create", "member.update", "member.remove", "member.restore"]);
  });

  it("allows one active leader per team, with a Vietnamese field message", async () => {
    await expect(createMember(a.phuKhuong, member({ position: "leader" }))).rejects.toMatchObject({ fieldErrors: { position: ["rosters.errors.leader_taken"] } });
    const deputy = await createMember(a.phuKhuong, member({ fullName: "Trần Thị Mai", position: "deputy", phone: "0327123456", affiliations: ["women_union"] }));
    const d = await getMember(a.phuKhuong, deputy);
    await expect(updateMember(a.phuKhuong, { ...member(), ...d, birthYear: d.birthYear, phone: "0327123456", position: "leader" })).rejects.toBeInstanceOf(FieldError);
    await createMember(a.phuKhuong, member({ fullName: "Phạm Văn Bình", position: "leader", leftOn: "2024-01-01", joinedOn: "2023-01-01", gender: "male" }));
    // The same answers for a form refused on other grounds, read without writing: the leader's
    // position is taken for a newcomer and for the deputy, free for the leader themself.
    expect(await memberPlaceProblems(a.phuKhuong, { teamId: team, position: "leader", id: null })).toEqual({ position: ["rosters.errors.leader_taken"] });
    expect(await memberPlaceProblems(a.phuKhuong, { teamId: team, position: "leader", id: deputy })).toEqual({ position: ["rosters.errors.leader_taken"] });
    expect(await memberPlaceProblems(a.phuKhuong, { teamId: team, position: "leader", id: leader })).toEqual({});
    expect(await memberPlaceProblems(a.phuKhuong, { teamId: team, position: "deputy", id: null })).toEqual({});
    expect(await memberPlaceProblems(a.vinhLong, { teamId: team, position: "leader", id: null })).toEqual({ position: ["rosters.errors.leader_taken"] });
    for (const outside of [a.nat, a.haNoi, a.otherCommune]) {
      expect(await memberPlaceProblems(outside, { teamId: team, position: "member", id: null })).toEqual({ teamId: ["rosters.errors.team_invalid"] });
    }
  });

  it("shows both versions on a concurrent edit", async () => {
    const m = await getMember(a.phuKhuong, leader);
    const base = { ...member(), id: leader, version: m.version, fullName: m.fullName, gender: m.gender, position: m.position, affiliations: m.affiliations, phone: "0912345678" };
    await updateMember(a.phuKhuong, { ...base, birthYear: 1980 });
    const error = await updateMember(a.vinhLong, { ...base, birthYear: 1970 }).catch((e) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.current).toMatchObject({ id: leader, birthYear: 1980, version: m.version + 1 });
    expect((await getMember(a.phuKhuong, leader)).birthYear).toBe(1980);
  });

  it("searches names without diacritics or case, and phone fragments", async () => {
    expect((await listMembers(a.phuKhuong, list({ q: "nguyen van" }))).rows.map((r) => r.fullName)).toEqual(["Nguyễn Văn An"]);
    expect((await listMembers(a.phuKhuong, list({ q: "TRAN THI" }))).rows.map((r) => r.fullName)).toEqual(["Trần Thị Mai"]);
    expect((await listMembers(a.vinhLong, list({ q: "345 678" }))).rows.map((r) => r.fullName)).toEqual(["Nguyễn Văn An"]);
    expect((await listMembers(a.vinhLong, list({ q: "+84 327" }))).rows.map((r) => r.fullName)).toEqual(["Trần Thị Mai"]);
  });

  it("filters by position, affiliation, gender, status, team, hamlet and unit", async () => {
    const names = async (params: Record<string, string>, actor = a.vinhLong) => (await listMembers(actor, list(params))).rows.map((r) => r.fullName).sort();
    expect(await names({ position: "deputy" })).toEqual(["Trần Thị Mai"]);
    expect(await names({ affiliation: "police" })).toEqual(["Nguyễn Văn An"]);
    expect(await names({ gender: "male" })).toEqual(["Nguyễn Văn An", "Phạm Văn Bình"]);
    expect(await names({ status: "left" })).toEqual(["Phạm Văn Bình"]);
    expect(await names({ status: "active" })).toEqual(["Nguyễn Văn An", "Trần Thị Mai"]);
    expect(await names({ team: String(team), sort: "fullName", dir: "desc" })).toEqual(["Nguyễn Văn An", "Phạm Văn Bình", "Trần Thị Mai"]);
    expect(await names({ hamlet: String(hamlet) })).toHaveLength(3);
    expect(await names({ commune: a.otherCommuneCode })).toEqual([]);
    expect(await names({ province: "86" }, a.nat)).toHaveLength(3);
    expect(await names({ province: "01" }, a.nat)).toEqual([]);
    const page2 = await listMembers(a.vinhLong, list({ pageSize: "20", page: "2" }));
    expect(page2).toMatchObject({ rows: [], total: 3 });
    expect((await listTeamMembers(a.phuKhuong, team)).map((r) => r.position)).toEqual(["leader", "deputy", "leader"]);
  });

  it("masks phone numbers for national users in lists, records, team rosters, exports and matches", async () => {
    const [national] = (await listMembers(a.nat, list({ q: "nguyen van" }))).rows;
    expect(national.phone).toBe("09xx xxx 678");
    expect((await getMember(a.nat, leader)).phone).toBe("09xx xxx 678");
    expect((await listTeamMembers(a.nat, team)).map((r) => r.phone)).toContain("09xx xxx 678");
    const exported = await collect(memberExportRows(a.nat, list()));
    expect(exported.map((r) => r.phone).filter(Boolean).sort()).toEqual(["03xx xxx 456", "09xx xxx 678"]);
    expect(exported.some((r) => /\d{4}/.test(r.phone ?? ""))).toBe(false);
    expect((await listMembers(a.nat, list({ q: "345678" }))).total).toBe(0);
    expect((await findMemberMatch(a.nat, { communeCode: PHU_KHUONG, fullName: "x", phone: "0912345678", birthYear: null }))?.phone).toBe("09xx xxx 678");
    expect((await collect(memberExportRows(a.phuKhuong, list({ q: "nguyen" }))))[0].phone).toBe("0912345678");
  });

  it("finds the member an import row refers to, by phone or by name and birth year in the team", async () => {
    expect((await findMemberMatch(a.phuKhuong, { communeCode: PHU_KHUONG, fullName: "Ai đó", phone: "0912345678", birthYear: null }))?.id).toBe(leader);
    expect((await findMemberMatch(a.phuKhuong, { communeCode: PHU_KHUONG, fullName: "nguyen van an", phone: null, birthYear: 1980, teamId: team }))?.id).toBe(leader);
    expect(await findMemberMatch(a.phuKhuong, { communeCode: PHU_KHUONG, fullName: "nguyen van an", phone: null, birthYear: 1981, teamId: team })).toBeNull();
    expect(await findMemberMatch(a.otherCommune, { communeCode: PHU_KHUONG, fullName: "x", phone: "0912345678", birthYear: null })).toBeNull();
  });

  it("keeps reads within scope", async () => {
    for (const actor of [a.otherCommune, a.haNoi]) {
      await expect(getMember(actor, leader)).rejects.toBeInstanceOf(NotFoundError);
      expect((await listMembers(actor, list({ commune: PHU_KHUONG }))).total).toBe(0);
      expect(await listTeamMembers(actor, team)).toEqual([]);
      expect(await collect(memberExportRows(actor, list({ commune: PHU_KHUONG })))).toEqual([]);
      expect(await findMemberMatch(actor, { communeCode: PHU_KHUONG, fullName: "Nguyễn Văn An", phone: "0912345678", birthYear: 1980, teamId: team })).toBeNull();
    }
    await expect(getMember(a.phuKhuong, 987_654)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses every write outside scope and by national users, changing nothing", async () => {
    const m = await getMember(a.phuKhuong, leader);
    const snapshot = await tableSnapshot(ctx.db, "members");
    const audits = await auditTotal(ctx.db);
    for (const actor of [a.otherCommune, a.haNoi, a.nat]) {
      await expect(createMember(actor, member({ fullName: "Xâm nhập" }))).rejects.toMatchObject({ fieldErrors: { teamId: ["rosters.errors.team_invalid"] } });
      await expect(updateMember(actor, { ...member(), id: leader, version: m.version, fullName: "Xâm nhập" })).rejects.toBeInstanceOf(NotFoundError);
      await expect(removeMember(actor, { id: leader, version: m.version })).rejects.toBeInstanceOf(NotFoundError);
    }
    // A commune lead cannot move a member of theirs into another commune's team either.
    await expect(updateMember(a.phuKhuong, { ...member(), id: leader, version: m.version, teamId: otherTeam })).rejects.toBeInstanceOf(FieldError);
    expect(await tableSnapshot(ctx.db, "members")).toBe(snapshot);
    await removeMember(a.phuKhuong, { id: leader, version: m.version });
    const removed = await tableSnapshot(ctx.db, "members");
    const removedAudits = await auditTotal(ctx.db);
    expect(removedAudits).toBe(audits + 1);
    for (const actor of [a.otherCommune, a.haNoi, a.nat]) await expect(restoreMember(actor, { id: leader })).rejects.toBeInstanceOf(NotFoundError);
    expect(await tableSnapshot(ctx.db, "members")).toBe(removed);
    expect(await auditTotal(ctx.db)).toBe(removedAudits);
  });
});
