import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { hamlets, members, teams, users } from "@/db/schema";
import { NotFoundError } from "@/lib/dal/errors";
import {
  commitImport,
  commitPreviewedImport,
  listImportTeams,
  previewImport,
  previewToken,
  rosterTemplate,
  type ImportFile,
} from "@/lib/dal/roster-import";
import { communeActor, nationalActor, provincialActor } from "../support/actors";
import { rejected } from "../support/import-refusal";
import { setupTestDatabase } from "../support/test-database";

const ctx = setupTestDatabase();
const ids: Record<string, number> = {};
const nat = () => nationalActor(ids.nat);
const vinhLong = () => provincialActor("86", ids.vla);
const haNoi = () => provincialActor("01", ids.hna);
const phuKhuong = () => communeActor("86", "28756", ids.pkh);
const baDinh = () => communeActor("01", "00004", ids.bdi);
let otherCommune = "";

const HEADER = "Mã xã/phường,Tên tổ,Họ và tên,Giới tính,Năm sinh,Số điện thoại,Chức vụ,Thành phần,Ngày tham gia,Ngày rời tổ";
const file = (lines: string[], name = "danh-sach.csv"): ImportFile => ({ name, bytes: new TextEncoder().encode([HEADER, ...lines].join("\r\n")) });

async function memberCount() {
  const [r] = await queryRows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM members`);
  return r.n;
}
async function auditCount() {
  const [r] = await queryRows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'roster.import'`);
  return r.n;
}
async function snapshot() {
  return queryRows(ctx.db, sql`SELECT id, full_name, phone, position, version FROM members ORDER BY id`);
}
async function stats(code: string) {
  const [r] = await queryRows<{ members_active: number }>(ctx.db, sql`SELECT members_active FROM commune_stats WHERE commune_code = ${code}`);
  return r.members_active;
}

describe("roster import", () => {
  beforeAll(async () => {
    const rows = await ctx.db
      .insert(users)
      .values([
        { username: "nat", fullName: "Quốc Gia", role: "national", passwordHash: "x" },
        { username: "vla", fullName: "Vĩnh Long", role: "provincial", provinceCode: "86", passwordHash: "x" },
        { username: "hna", fullName: "Hà Nội", role: "provincial", provinceCode: "01", passwordHash: "x" },
        { username: "pkh", fullName: "Phú Khương", role: "commune", provinceCode: "86", communeCode: "28756", passwordHash: "x" },
        { username: "bdi", fullName: "Ba Đình", role: "commune", provinceCode: "01", communeCode: "00004", passwordHash: "x" },
      ])
      .returning();
    for (const r of rows) ids[r.username] = r.id;
    const [other] = await queryRows<{ code: string }>(ctx.db, sql`SELECT code FROM communes WHERE province_code = '86' AND code <> '28756' ORDER BY code LIMIT 1`);
    otherCommune = other.code;
    const hs = await ctx.db
      .insert(hamlets)
      .values([
        { provinceCode: "86", communeCode: "28756", name: "Khu phố 1", kind: "khu_pho" },
        { provinceCode: "86", communeCode: "28756", name: "Khu phố 2", kind: "khu_pho" },
        { provinceCode: "86", communeCode: "28756", name: "Khu phố 3", kind: "khu_pho" },
        { provinceCode: "86", communeCode: otherCommune, name: "Ấp 1", kind: "ap" },
        { provinceCode: "01", communeCode: "00004", name: "Tổ dân phố 1", kind: "to_dan_pho" },
      ])
      .returning();
    const ts = await ctx.db
      .insert(teams)
      .values([
        { provinceCode: "86", communeCode: "28756", hamletId: hs[0].id, name: "Tổ CNSCĐ Khu phố 1" },
        { provinceCode: "86", communeCode: "28756", hamletId: hs[1].id, name: "Tổ CNSCĐ Khu phố 2" },
        { provinceCode: "86", communeCode: "28756", hamletId: hs[2].id, name: "Tổ CNSCĐ Khu phố 3", status: "dissolved", dissolvedOn: "2025-07-01" },
        { provinceCode: "86", communeCode: otherCommune, hamletId: hs[3].id, name: "Tổ CNSCĐ Ấp 1" },
        { provinceCode: "01", communeCode: "00004", hamletId: hs[4].id, name: "Tổ CNSCĐ Tổ dân phố 1" },
      ])
      .returning();
    for (const [i, key] of ["kp1", "kp2", "kp3", "ap1", "tdp1"].entries()) ids[key] = ts[i].id;
    await ctx.db.insert(members).values([
      { teamId: ids.kp1, provinceCode: "86", communeCode: "28756", fullName: "Trần Văn Tâm", gender: "male", birthYear: 1968, phone: "0911000001", position: "leader", affiliations: ["village_head"], joinedOn: "2023-01-10" },
      { teamId: ids.kp1, provinceCode: "86", communeCode: "28756", fullName: "Lê Thị Mai", gender: "female", birthYear: 1990, phone: null, position: "member", affiliations: ["women_union"] },
    ]);
  });

  const unchangedLeader = "28756,Tổ CNSCĐ Khu phố 1,Trần Văn Tâm,Nam,1968,091 100 0001,Tổ trưởng,\"Trưởng thôn, tổ trưởng dân phố\",10/01/2023,";
  const updatedMember = "28756,Khu phố 1,Lê Thị Mai,Nữ,1990,0911000002,Thành viên,Hội Liên hiệp Phụ nữ,,";
  const newMember = "28756,Tổ CNSCĐ Khu phố 2,Phạm Minh Khang,nam,2001,0911000003,thanh vien,Đoàn Thanh niên;Học sinh sinh viên,2024-05-01,";
  const newMemberFixed = newMember.replace("Đoàn Thanh niên;Học sinh sinh viên", '"Đoàn Thanh niên;Học sinh, sinh viên"');

  it("previews new, updated, unchanged and error rows without writing", async () => {
    const before = await snapshot();
    const preview = await previewImport(phuKhuong(), file([unchangedLeader, updatedMember, newMember, "28756,Tổ CNSCĐ Khu phố 2,Võ Văn Lực,Trai,1980,,,,,"]));
    expect(preview.counts).toEqual({ rows: 4, new: 0, updated: 1, unchanged: 1, moved: 0, conflicts: 0, skipped: 0, errors: 2 });
    expect(preview.issues.map((i) => [i.row, i.column, i.code, i.values])).toEqual([
      [4, "affiliations", "affiliation_unknown", { value: "Học sinh sinh viên" }],
      [5, "gender", "gender_unknown", { value: "Trai" }],
    ]);
    expect(preview.rows.map((r) => [r.row, r.status, r.changes])).toEqual([[3, "updated", [{ field: "phone", from: null, to: "0911000002" }]]]);
    const ok = await previewImport(phuKhuong(), file([unchangedLeader, updatedMember, newMemberFixed]));
    expect(ok.counts).toEqual({ rows: 3, new: 1, updated: 1, unchanged: 1, moved: 0, conflicts: 0, skipped: 0, errors: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it("writes nothing when any row fails, and everything in one transaction otherwise", async () => {
    const before = await snapshot();
    const audits = await auditCount();
    const error = await rejected(commitImport(phuKhuong(), file([updatedMember, newMemberFixed, "28756,Tổ CNSCĐ Khu phố 2,Võ Văn Lực,Nam,1880,,,,,"])));
    expect(error.code).toBe("has_errors");
    expect(error.preview?.issues.map((i) => i.code)).toEqual(["birth_year_range"]);
    expect(await snapshot()).toEqual(before);
    expect(await auditCount()).toBe(audits);

    const activeBefore = await stats("28756");
    const result = await commitImport(phuKhuong(), file([unchangedLeader, updatedMember, newMemberFixed]));
    expect(result.preview.counts).toMatchObject({ new: 1, updated: 1, unchanged: 1, errors: 0 });
    expect(result.insertedIds).toHaveLength(1);
    const [created] = await ctx.db.select().from(members).where(eq(members.id, result.insertedIds[0]));
    expect(created).toMatchObject({ teamId: ids.kp2, fullName: "Phạm Minh Khang", gender: "male", birthYear: 2001, phone: "0911000003", position: "member", affiliations: ["youth_union", "student"], joinedOn: "2024-05-01" });
    const [mai] = await ctx.db.select().from(members).where(eq(members.fullName, "Lê Thị Mai"));
    expect(mai).toMatchObject({ phone: "0911000002", version: 2 });
    expect(await stats("28756")).toBe(activeBefore + 1);
    const [audit] = await queryRows<{ after: Record<string, unknown>; commune_code: string }>(
      ctx.db,
      sql`SELECT after, commune_code FROM audit_events WHERE action = 'roster.import' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit.commune_code).toBe("28756");
    expect(audit.after).toMatchObject({ file: "danh-sach.csv", rows: 3, new: 1, updated: 1, unchanged: 1, errors: 0 });
    expect(await auditCount()).toBe(audits + 1);
  });

  it("changes nothing when the same file is imported again", async () => {
    const again = file([unchangedLeader, updatedMember, newMemberFixed]);
    const preview = await previewImport(phuKhuong(), again);
    expect(preview.counts).toEqual({ rows: 3, new: 0, updated: 0, unchanged: 3, moved: 0, conflicts: 0, skipped: 0, errors: 0 });
    const before = await snapshot();
    const result = await commitImport(phuKhuong(), again);
    expect(result.insertedIds).toEqual([]);
    expect(result.updatedIds).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a second leader, in the file or beside the current one, but accepts a handover", async () => {
    const second = await previewImport(phuKhuong(), file(["28756,Tổ CNSCĐ Khu phố 1,Đỗ Văn Hải,Nam,1975,0911000010,Tổ trưởng,,,"]));
    expect(second.issues.map((i) => [i.row, i.column, i.code, i.values])).toEqual([
      [2, "position", "leader_existing", { name: "Trần Văn Tâm", team: "Tổ CNSCĐ Khu phố 1" }],
    ]);
    const two = await previewImport(
      phuKhuong(),
      file(["28756,Tổ CNSCĐ Khu phố 2,Đỗ Văn Hải,Nam,1975,0911000010,Tổ trưởng,,,", "28756,Tổ CNSCĐ Khu phố 2,Đỗ Thị Hà,Nữ,1976,0911000011,Tổ trưởng,,,"]),
    );
    expect(two.issues.map((i) => [i.row, i.code, i.values])).toEqual([[3, "leader_in_file", { first: 2 }]]);

    const handover = file([
      "28756,Tổ CNSCĐ Khu phố 1,Đỗ Văn Hải,Nam,1975,0911000010,Tổ trưởng,,,",
      "28756,Tổ CNSCĐ Khu phố 1,Trần Văn Tâm,Nam,1968,0911000001,Tổ phó,,,",
    ]);
    const result = await commitImport(phuKhuong(), handover);
    expect(result.preview.counts).toMatchObject({ new: 1, updated: 1, errors: 0 });
    const leaders = await ctx.db.select({ name: members.fullName }).from(members).where(and(eq(members.teamId, ids.kp1), eq(members.position, "leader")));
    expect(leaders).toEqual([{ name: "Đỗ Văn Hải" }]);
  });

  it("maps a pre-2025 commune code to today's unit and says so per row", async () => {
    const preview = await previewImport(vinhLong(), file(["28759,Khu phố 2,Ngô Thị Cúc,Nữ,1985,0911000020,,,,"]));
    expect(preview.issues).toEqual([]);
    expect(preview.notes).toEqual([{ row: 2, oldCode: "28759", communeCode: "28756", communeName: "Phường Phú Khương" }]);
    expect(preview.rows[0]).toMatchObject({ status: "new", communeCode: "28756", teamName: "Tổ CNSCĐ Khu phố 2" });
  });

  it("reports rows outside the caller's scope, unknown teams and communes as errors", async () => {
    const lines = [
      `${otherCommune},Tổ CNSCĐ Ấp 1,Bùi Văn Út,Nam,1980,0911000030,,,,`,
      "00004,Tổ CNSCĐ Tổ dân phố 1,Bùi Văn Hai,Nam,1980,0911000031,,,,",
      "28756,Tổ CNSCĐ Khu phố 9,Bùi Văn Ba,Nam,1980,0911000032,,,,",
      "28756,Tổ CNSCĐ Khu phố 3,Bùi Văn Tư,Nam,1980,0911000033,,,,",
      "99999,Tổ 1,Bùi Văn Năm,Nam,1980,0911000034,,,,",
    ];
    const asCommune = await previewImport(phuKhuong(), file(lines));
    expect(asCommune.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [2, "communeCode", "out_of_scope"],
      [3, "communeCode", "out_of_scope"],
      [4, "teamName", "team_unknown"],
      [5, "teamName", "team_dissolved"],
      [6, "communeCode", "commune_unknown"],
    ]);
    expect(asCommune.issues[2].values).toEqual({ team: "Tổ CNSCĐ Khu phố 9", commune: "28756 Phường Phú Khương" });
    const asProvince = await previewImport(vinhLong(), file(lines));
    expect(asProvince.issues.map((i) => [i.row, i.code])).toEqual([
      [3, "out_of_scope"],
      [4, "team_unknown"],
      [5, "team_dissolved"],
      [6, "commune_unknown"],
    ]);
    expect(asProvince.counts).toMatchObject({ new: 1, errors: 4 });
  });

  it("re-validates on confirm: a team dissolved after the preview makes the commit fail and write nothing", async () => {
    const f = file(["28756,Tổ CNSCĐ Khu phố 2,Mai Văn Sáu,Nam,1982,0911000040,,,,"]);
    expect((await previewImport(phuKhuong(), f)).counts.new).toBe(1);
    await ctx.db.update(teams).set({ status: "dissolved", dissolvedOn: "2026-01-01" }).where(eq(teams.id, ids.kp2));
    const before = await snapshot();
    try {
      expect((await rejected(commitImport(phuKhuong(), f))).preview?.issues.map((i) => i.code)).toEqual(["team_dissolved"]);
      expect(await snapshot()).toEqual(before);
    } finally {
      await ctx.db.update(teams).set({ status: "active", dissolvedOn: null }).where(eq(teams.id, ids.kp2));
    }
  });

  it("confirms only the previewed file, for the caller who previewed it", async () => {
    const f = file(["28756,Tổ CNSCĐ Khu phố 2,Mai Văn Bảy,Nam,1983,0911000050,,,,"]);
    const preview = await previewImport(phuKhuong(), f);
    const token = previewToken(phuKhuong(), preview);
    const changed = file(["28756,Tổ CNSCĐ Khu phố 2,Mai Văn Tám,Nam,1983,0911000051,,,,"]);
    expect((await rejected(commitPreviewedImport(phuKhuong(), changed, token))).code).toBe("token_invalid");
    expect((await rejected(commitPreviewedImport(vinhLong(), f, token))).code).toBe("token_invalid");
    expect((await rejected(commitPreviewedImport(phuKhuong(), f, previewToken(phuKhuong(), preview, Date.now() - 3_600_000)))).code).toBe("token_invalid");
    expect((await rejected(commitPreviewedImport(phuKhuong(), f, token.replace(/.$/, (c) => (c === "A" ? "B" : "A"))))).code).toBe("token_invalid");
    expect((await commitPreviewedImport(phuKhuong(), f, token)).insertedIds).toHaveLength(1);
  });

  it("refuses whole files that cannot be read", async () => {
    expect((await rejected(previewImport(phuKhuong(), { name: "ds.pdf", bytes: new Uint8Array([1]) }))).code).toBe("file_type");
    expect((await rejected(previewImport(phuKhuong(), { name: "ds.xls", bytes: new Uint8Array([1]) }))).code).toBe("unreadable");
    expect((await rejected(previewImport(phuKhuong(), { name: "ds.csv", bytes: new TextEncoder().encode("Họ và tên\r\nA") }))).code).toBe("missing_columns");
  });

  describe("scope of every function", () => {
    const ours = () => file(["28756,Tổ CNSCĐ Khu phố 2,Hồ Văn Chín,Nam,1984,0911000060,,,,"]);

    it("national users cannot preview, commit, list teams or download the template", async () => {
      const before = await memberCount();
      await expect(previewImport(nat(), ours())).rejects.toBeInstanceOf(NotFoundError);
      await expect(commitImport(nat(), ours())).rejects.toBeInstanceOf(NotFoundError);
      await expect(commitPreviewedImport(nat(), ours(), "x")).rejects.toBeInstanceOf(NotFoundError);
      await expect(listImportTeams(nat())).rejects.toBeInstanceOf(NotFoundError);
      await expect(rosterTemplate(nat())).rejects.toBeInstanceOf(NotFoundError);
      expect(await memberCount()).toBe(before);
    });

    it("another commune's lead and another province's admin get only errors and write nothing", async () => {
      const before = await snapshot();
      const audits = await auditCount();
      for (const actor of [baDinh(), haNoi()]) {
        const preview = await previewImport(actor, ours());
        expect(preview.counts).toMatchObject({ new: 0, updated: 0, unchanged: 0, errors: 1 });
        expect(preview.issues.map((i) => i.code)).toEqual(["out_of_scope"]);
        expect((await rejected(commitImport(actor, ours()))).code).toBe("has_errors");
        const token = previewToken(actor, preview);
        expect((await rejected(commitPreviewedImport(actor, ours(), token))).code).toBe("has_errors");
      }
      expect(await snapshot()).toEqual(before);
      expect(await auditCount()).toBe(audits);
    });

    it("lists for the template only the teams within scope", async () => {
      const names = async (actor: ReturnType<typeof nat>) => (await listImportTeams(actor)).map((t) => t.teamName).sort();
      expect(await names(phuKhuong())).toEqual(["Tổ CNSCĐ Khu phố 1", "Tổ CNSCĐ Khu phố 2"]);
      expect(await names(vinhLong())).toEqual(["Tổ CNSCĐ Khu phố 1", "Tổ CNSCĐ Khu phố 2", "Tổ CNSCĐ Ấp 1"]);
      expect(await names(baDinh())).toEqual(["Tổ CNSCĐ Tổ dân phố 1"]);
      expect(await names(haNoi())).toEqual(["Tổ CNSCĐ Tổ dân phố 1"]);
      expect((await rosterTemplate(baDinh())).byteLength).toBeGreaterThan(1000);
    });
  });
});
