import { beforeAll, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createTranslator } from "next-intl";
import { queryRows } from "@/db/client";
import { hamlets, members, teams, trainingAttendance, trainings } from "@/db/schema";
import type { Actor } from "@/lib/dal/actor";
import { NotFoundError } from "@/lib/dal/errors";
import { commitImport, listImports, previewImport, undoImport, type ImportFile } from "@/lib/dal/roster-import";
import { updateMember } from "@/lib/dal/members";
import viMessages from "@/messages/vi";
import { seedRosterActors, PHU_KHUONG } from "../support/rosters-fixtures";
import { rejected } from "../support/import-refusal";
import { rosterState } from "../support/roster-state";
import { setupTestDatabase } from "../support/test-database";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/dal/session", () => ({ getActor: async () => session.actor, requireActor: async () => session.actor }));
vi.mock("@/i18n/server", () => ({
  getLocale: async () => "vi",
  getTranslations: async (namespace?: string) => createTranslator({ locale: "vi", messages: viMessages, namespace: namespace as never }),
}));
const { GET: exportMembers } = await import("@/app/api/export/members/route");

const ctx = setupTestDatabase();
let actors: Awaited<ReturnType<typeof seedRosterActors>>;
const team: Record<string, number> = {};
const person: Record<string, number> = {};

const HEADER = "Mã xã/phường,Tên tổ,Họ và tên,Giới tính,Năm sinh,Số điện thoại,Chức vụ,Thành phần,Ngày tham gia,Ngày rời tổ";
const file = (lines: string[], name = "ds.csv"): ImportFile => ({ name, bytes: new TextEncoder().encode([HEADER, ...lines].join("\r\n")) });

const state = () => rosterState(ctx.db, PHU_KHUONG);

async function member(id: number) {
  const [m] = await ctx.db.select().from(members).where(eq(members.id, id));
  return m;
}

describe("roster import: people across the commune", () => {
  beforeAll(async () => {
    actors = await seedRosterActors(ctx.db);
    const hs = await ctx.db
      .insert(hamlets)
      .values([
        { provinceCode: "86", communeCode: PHU_KHUONG, name: "Khu phố 1", kind: "khu_pho" },
        { provinceCode: "86", communeCode: PHU_KHUONG, name: "Khu phố 2", kind: "khu_pho" },
      ])
      .returning();
    const ts = await ctx.db
      .insert(teams)
      .values([
        { provinceCode: "86", communeCode: PHU_KHUONG, hamletId: hs[0].id, name: "Tổ CNSCĐ Khu phố 1" },
        { provinceCode: "86", communeCode: PHU_KHUONG, hamletId: hs[1].id, name: "Tổ CNSCĐ Khu phố 2" },
      ])
      .returning();
    team.kp1 = ts[0].id;
    team.kp2 = ts[1].id;
    const ms = await ctx.db
      .insert(members)
      .values([
        { teamId: team.kp1, provinceCode: "86", communeCode: PHU_KHUONG, fullName: "Trần Văn Tâm", gender: "male", birthYear: 1968, phone: "0911000001", position: "leader", affiliations: ["village_head"] },
        { teamId: team.kp1, provinceCode: "86", communeCode: PHU_KHUONG, fullName: "Nguyễn Thị Hoa", gender: "female", birthYear: 1961, phone: "0911000002", position: "deputy", affiliations: ["women_union"], joinedOn: "2023-01-10" },
        { teamId: team.kp2, provinceCode: "86", communeCode: PHU_KHUONG, fullName: "Lê Văn Hùng", gender: "male", birthYear: 1970, phone: "0922000003", position: "member", affiliations: ["police"], joinedOn: "2024-03-01" },
      ])
      .returning();
    person.tam = ms[0].id;
    person.hoa = ms[1].id;
    person.hung = ms[2].id;
  });

  const sharedPhone = `${PHU_KHUONG},Tổ CNSCĐ Khu phố 1,Phạm Văn Bình,Nam,1958,0911 000 002,Thành viên,Người dân,,`;
  const moved = `${PHU_KHUONG},Tổ CNSCĐ Khu phố 1,Lê Văn Hùng,Nam,1970,0922000003,Thành viên,Công an,,`;

  it("shows a phone that belongs to someone else as a conflict, side by side, and never applies it unanswered", async () => {
    const before = await state();
    const preview = await previewImport(actors.phuKhuong, file([sharedPhone]));
    expect(preview.counts).toMatchObject({ conflicts: 1, new: 0, updated: 0, errors: 0 });
    expect(preview.rows).toEqual([
      expect.objectContaining({
        row: 2,
        status: "conflict",
        existing: { fullName: "Nguyễn Thị Hoa", gender: "female", birthYear: 1961, phone: "0911000002", position: "deputy", teamName: "Tổ CNSCĐ Khu phố 1" },
        incoming: { fullName: "Phạm Văn Bình", gender: "male", birthYear: 1958, phone: "0911000002", position: "member", teamName: "Tổ CNSCĐ Khu phố 1" },
      }),
    ]);
    expect((await rejected(commitImport(actors.phuKhuong, file([sharedPhone])))).code).toBe("conflicts_undecided");
    expect(await state()).toBe(before);
  });

  it("skips, adds as a new person, or updates the holder, as the user answers", async () => {
    const before = await state();
    const skipped = await commitImport(actors.phuKhuong, file([sharedPhone]), { decisions: { all: "skip" } });
    expect(skipped.batchId).toBeNull();
    expect(skipped.preview.counts).toMatchObject({ skipped: 1, conflicts: 0 });
    expect(await state()).toBe(before);

    const added = await commitImport(actors.phuKhuong, file([sharedPhone]), { decisions: { rows: { 2: "add" } } });
    expect(added.insertedIds).toHaveLength(1);
    expect(await member(added.insertedIds[0])).toMatchObject({ fullName: "Phạm Văn Bình", birthYear: 1958, phone: "0911000002" });
    expect(await member(person.hoa)).toMatchObject({ fullName: "Nguyễn Thị Hoa", gender: "female", birthYear: 1961, position: "deputy", version: 1 });
    await undoImport(actors.phuKhuong, added.batchId!);
    expect(await state()).toBe(before);

    const updated = await commitImport(actors.phuKhuong, file([sharedPhone]), { decisions: { all: "update" } });
    expect(updated.updatedIds).toEqual([person.hoa]);
    expect(updated.preview.rows[0]).toMatchObject({ status: "updated", decision: "update" });
    expect(updated.preview.rows[0].changes).toContainEqual({ field: "fullName", from: "Nguyễn Thị Hoa", to: "Phạm Văn Bình" });
    const [audit] = await queryRows<{ before: Record<string, unknown>; after: Record<string, unknown> }>(
      ctx.db,
      sql`SELECT before, after FROM audit_events WHERE action = 'member.import' AND entity_id = ${String(person.hoa)} ORDER BY id DESC LIMIT 1`,
    );
    expect(audit.before).toMatchObject({ fullName: "Nguyễn Thị Hoa", gender: "female", birthYear: 1961, position: "deputy" });
    expect(audit.after).toMatchObject({ fullName: "Phạm Văn Bình", gender: "male", birthYear: 1958, position: "member", importBatch: updated.batchId });
    await undoImport(actors.vinhLong, updated.batchId!);
    expect(await state()).toBe(before);
  });

  it("plans a member found in another team of the commune as a move, and moves the same person", async () => {
    const before = await state();
    const preview = await previewImport(actors.phuKhuong, file([moved]));
    expect(preview.counts).toMatchObject({ moved: 1, new: 0, errors: 0 });
    expect(preview.rows[0].changes).toEqual([{ field: "team", from: "Tổ CNSCĐ Khu phố 2", to: "Tổ CNSCĐ Khu phố 1" }]);
    const result = await commitImport(actors.phuKhuong, file([moved]));
    expect(result.updatedIds).toEqual([person.hung]);
    expect(await member(person.hung)).toMatchObject({ teamId: team.kp1, fullName: "Lê Văn Hùng" });
    const [{ n }] = await queryRows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM members WHERE search_key = 'le van hung'`);
    expect(n).toBe(1);
    // The move closes the membership of the old team today and opens one in the new team.
    const periods = await queryRows<{ team_id: number; started_on: string; ended_on: string | null; today: string }>(
      ctx.db,
      sql`SELECT team_id, started_on::text, ended_on::text, vn_today()::text AS today FROM memberships WHERE member_id = ${person.hung} ORDER BY started_on`,
    );
    const today = periods[0].today;
    expect(periods.map(({ today: _, ...p }) => p)).toEqual([
      { team_id: team.kp2, started_on: "2024-03-01", ended_on: today },
      { team_id: team.kp1, started_on: today, ended_on: null },
    ]);
    await undoImport(actors.phuKhuong, result.batchId!);
    expect(await state()).toBe(before);
  });

  it("refuses the same person written twice, in two teams", async () => {
    const twice = [moved, moved.replace("Khu phố 1", "Khu phố 2")];
    const preview = await previewImport(actors.phuKhuong, file(twice));
    expect(preview.issues.map((i) => [i.row, i.code, i.values])).toEqual([[3, "duplicate_row", { first: 2 }]]);
    const error = await rejected(commitImport(actors.phuKhuong, file(twice)));
    expect(error.code).toBe("has_errors");
  });

  it("undoes a mixed import exactly, members and roll-ups, once, by its author or the province's admin", async () => {
    const before = await state();
    const lines = [
      moved,
      `${PHU_KHUONG},Tổ CNSCĐ Khu phố 1,Trần Văn Tâm,Nam,1968,0911000001,Thành viên,,,`,
      `${PHU_KHUONG},Tổ CNSCĐ Khu phố 2,Võ Thị Thu,Nữ,1990,0933000004,Tổ trưởng,Giáo viên;Đoàn Thanh niên,01/02/2024,`,
      `${PHU_KHUONG},Tổ CNSCĐ Khu phố 1,Đinh Văn Quý,Nam,1985,,Tổ trưởng,"Doanh nghiệp viễn thông, công nghệ",,`,
    ];
    const result = await commitImport(actors.phuKhuong, file(lines));
    expect(result.preview.counts).toMatchObject({ moved: 1, updated: 1, new: 2, errors: 0 });
    expect(await state()).not.toBe(before);
    await expect(undoImport(actors.otherCommune, result.batchId!)).rejects.toBeInstanceOf(NotFoundError);
    await expect(undoImport(actors.haNoi, result.batchId!)).rejects.toBeInstanceOf(NotFoundError);
    await expect(undoImport(actors.nat, result.batchId!)).rejects.toBeInstanceOf(NotFoundError);
    const late = new Date(Date.now() + 31 * 86_400_000);
    expect((await rejected(undoImport(actors.phuKhuong, result.batchId!, late))).code).toBe("undo_expired");
    const listed = await listImports(actors.vinhLong);
    expect(listed.find((b) => b.id === result.batchId)).toMatchObject({ status: "committed", canUndo: true, counts: expect.objectContaining({ new: 2 }) });
    expect(await undoImport(actors.vinhLong, result.batchId!)).toEqual({ restored: 2, removed: 2 });
    expect(await state()).toBe(before);
    expect((await rejected(undoImport(actors.phuKhuong, result.batchId!))).code).toBe("undo_done");
    expect((await listImports(actors.phuKhuong)).find((b) => b.id === result.batchId)).toMatchObject({ status: "undone", canUndo: false });
  });

  it("refuses to undo over later work: a member edited or trained since the import", async () => {
    const result = await commitImport(actors.phuKhuong, file([moved, `${PHU_KHUONG},Tổ CNSCĐ Khu phố 2,Mai Văn Sơn,Nam,1999,,,,,`]));
    const hung = await member(person.hung);
    await updateMember(actors.phuKhuong, { id: hung.id, version: hung.version, teamId: hung.teamId, fullName: hung.fullName, gender: hung.gender, birthYear: 1971, phone: hung.phone, position: hung.position, affiliations: hung.affiliations as never, joinedOn: null, leftOn: null });
    const [t] = await ctx.db.insert(trainings).values({ level: "commune", provinceCode: "86", communeCode: PHU_KHUONG, title: "Tập huấn", heldOn: "2026-01-10", hours: 2, format: "in_person" } as never).returning();
    await ctx.db.insert(trainingAttendance).values({ trainingId: t.id, memberId: result.insertedIds[0], heldOn: "2026-01-10" } as never);
    const error = await rejected(undoImport(actors.phuKhuong, result.batchId!));
    expect(error.code).toBe("undo_changed");
    expect(error.values).toEqual({ count: 2 });
    expect(await member(person.hung)).toMatchObject({ teamId: team.kp1, birthYear: 1971 });
  });

  it("re-imports the members export, as .xlsx and .csv, with no change", async () => {
    for (const format of ["xlsx", "csv"] as const) {
      session.actor = actors.phuKhuong;
      const response = await exportMembers(new Request(`http://localhost/api/export/members?format=${format}`));
      expect(response.status).toBe(200);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const preview = await previewImport(actors.phuKhuong, { name: `thanh-vien.${format}`, bytes });
      expect(preview.issues).toEqual([]);
      const [{ n }] = await queryRows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM members WHERE deleted_at IS NULL AND left_on IS NULL`);
      expect(preview.counts).toMatchObject({ rows: n, unchanged: n, new: 0, updated: 0, moved: 0, conflicts: 0, errors: 0 });
    }
  });
});
