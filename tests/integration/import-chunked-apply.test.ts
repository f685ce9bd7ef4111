import { beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { hamlets, importBatches, members, teams, trainingAttendance, trainings } from "@/db/schema";
import { commitImport, listImports, undoImport, type ImportFile } from "@/lib/dal/roster-import";
import { updateMember } from "@/lib/dal/members";
import { seedRosterActors, PHU_KHUONG } from "../support/rosters-fixtures";
import { rejected } from "../support/import-refusal";
import { rollupDifferences, rosterState } from "../support/roster-state";
import { setupTestDatabase } from "../support/test-database";

const ctx = setupTestDatabase();
let actors: Awaited<ReturnType<typeof seedRosterActors>>;
const person: Record<string, number> = {};

const HEADER = "Mã xã/phường,Tên tổ,Họ và tên,Giới tính,Năm sinh,Số điện thoại,Chức vụ,Thành phần,Ngày tham gia,Ngày rời tổ";
const state = () => rosterState(ctx.db, PHU_KHUONG);

/**
 * Twelve rows: the leader of team 1 steps down and its deputy takes over (an update ordered after
 * the others, so that the team never has two leaders), a trained member moves from team 2, and
 * nine people are added, one of whom has already left. Applied two rows at a time, that is six
 * chunks, with the handover in different chunks.
 */
function mixedFile(): ImportFile {
  const lines = [
    `${PHU_KHUONG},Tổ CNSCĐ Khu phố 1,Trần Văn Tâm,Nam,1968,0911000001,Thành viên,,,`,
    `${PHU_KHUONG},Tổ CNSCĐ Khu phố 1,Nguyễn Thị Hoa,Nữ,1961,0911000002,Tổ trưởng,Hội Liên hiệp Phụ nữ,10/01/2023,`,
    `${PHU_KHUONG},Tổ CNSCĐ Khu phố 1,Lê Văn Hùng,Nam,1970,0922000003,Thành viên,Công an;Hội Cựu chiến binh,01/03/2024,`,
    ...Array.from({ length: 9 }, (_, i) => {
      const left = i === 4 ? "30/06/2024" : "";
      return `${PHU_KHUONG},Tổ CNSCĐ Khu phố ${1 + (i % 2)},Người Mới Số ${i + 1},${i % 3 ? "Nữ" : "Nam"},${1980 + i},09440000${String(10 + i)},Thành viên,${i % 2 ? "Giáo viên" : "Người dân;Đoàn Thanh niên"},01/02/2024,${left}`;
    }),
  ];
  return { name: "ds.csv", bytes: new TextEncoder().encode([HEADER, ...lines].join("\r\n")) };
}

async function batch(id: number) {
  const [b] = await ctx.db.select().from(importBatches).where(eq(importBatches.id, id));
  return b;
}

async function importedNames() {
  const rows = await queryRows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM members WHERE full_name LIKE 'Người Mới Số %'`);
  return rows[0].n;
}

describe("roster import applied in chunks", () => {
  beforeAll(async () => {
    actors = await seedRosterActors(ctx.db);
    const hs = await ctx.db
      .insert(hamlets)
      .values([1, 2].map((k) => ({ provinceCode: "86", communeCode: PHU_KHUONG, name: `Khu phố ${k}`, kind: "khu_pho" as const })))
      .returning();
    const ts = await ctx.db
      .insert(teams)
      .values(hs.map((h, i) => ({ provinceCode: "86", communeCode: PHU_KHUONG, hamletId: h.id, name: `Tổ CNSCĐ Khu phố ${i + 1}` })))
      .returning();
    const ms = await ctx.db
      .insert(members)
      .values([
        { teamId: ts[0].id, provinceCode: "86", communeCode: PHU_KHUONG, fullName: "Trần Văn Tâm", gender: "male", birthYear: 1968, phone: "0911000001", position: "leader", affiliations: ["village_head"] },
        { teamId: ts[0].id, provinceCode: "86", communeCode: PHU_KHUONG, fullName: "Nguyễn Thị Hoa", gender: "female", birthYear: 1961, phone: "0911000002", position: "deputy", affiliations: ["women_union"], joinedOn: "2023-01-10" },
        { teamId: ts[1].id, provinceCode: "86", communeCode: PHU_KHUONG, fullName: "Lê Văn Hùng", gender: "male", birthYear: 1970, phone: "0922000003", position: "member", affiliations: ["police"], joinedOn: "2024-03-01" },
      ])
      .returning();
    [person.tam, person.hoa, person.hung] = ms.map((m) => m.id);
    // A training attended, so that the trained-members roll-up moves with the member too.
    const [t] = await ctx.db
      .insert(trainings)
      .values({ level: "commune", provinceCode: "86", communeCode: PHU_KHUONG, title: "Tập huấn", heldOn: "2025-05-10", hours: 2, format: "in_person" } as never)
      .returning();
    await ctx.db.insert(trainingAttendance).values({ trainingId: t.id, memberId: person.hung, heldOn: "2025-05-10" } as never);
    expect(await rollupDifferences(ctx.db)).toEqual([]);
  });

  it("applies every chunk with roll-ups equal to their recomputation, and the undo restores every row and roll-up", async () => {
    const before = await state();
    const result = await commitImport(actors.phuKhuong, mixedFile(), { chunkRows: 2 });
    expect(result.preview.counts).toMatchObject({ new: 9, updated: 2, moved: 1, errors: 0 });
    const [{ chunks }] = await queryRows<{ chunks: number }>(ctx.db, sql`SELECT count(DISTINCT chunk)::int AS chunks FROM import_rows WHERE batch_id = ${result.batchId}`);
    expect(chunks).toBe(6);
    expect(await batch(result.batchId!)).toMatchObject({ status: "committed", rowsTotal: 12, rowsStaged: 12, rowsApplied: 12 });
    const [hoa] = await ctx.db.select().from(members).where(eq(members.id, person.hoa));
    expect(hoa.position).toBe("leader");
    expect(await importedNames()).toBe(9);
    expect(await rollupDifferences(ctx.db)).toEqual([]);

    expect(await undoImport(actors.phuKhuong, result.batchId!)).toEqual({ restored: 3, removed: 9 });
    expect(await state()).toBe(before);
    expect(await rollupDifferences(ctx.db)).toEqual([]);
  });

  it("takes back the chunks already applied when a later chunk fails, and leaves the batch failed", async () => {
    const before = await state();
    const [{ auditBefore }] = await queryRows<{ auditBefore: number }>(ctx.db, sql`SELECT count(*)::int AS "auditBefore" FROM audit_events`);
    let applied = 0;
    const failure = commitImport(actors.phuKhuong, mixedFile(), {
      chunkRows: 2,
      beforeChunk: async (chunk) => {
        if (chunk === 4) {
          applied = await importedNames();
          throw new Error("the server lost its disk");
        }
      },
    });
    await expect(failure).rejects.toThrow("the server lost its disk");
    // Four chunks had been written: the three updates and five of the new members.
    expect(applied).toBe(5);
    expect(await state()).toBe(before);
    expect(await rollupDifferences(ctx.db)).toEqual([]);
    const [failed] = await ctx.db.select().from(importBatches).orderBy(sql`id DESC`).limit(1);
    expect(failed.status).toBe("failed");
    const [{ staged }] = await queryRows<{ staged: number }>(ctx.db, sql`SELECT count(*)::int AS staged FROM import_rows WHERE batch_id = ${failed.id}`);
    expect(staged).toBe(0);
    expect((await listImports(actors.phuKhuong)).map((b) => b.id)).not.toContain(failed.id);
    // What was written and taken back is in the audit trail: 3 updates and 5 additions, each twice.
    const actions = await queryRows<{ action: string; n: number }>(
      ctx.db,
      sql`SELECT action, count(*)::int AS n FROM audit_events WHERE id > ${auditBefore} GROUP BY 1 ORDER BY 1`,
    );
    expect(actions).toEqual([
      { action: "member.import", n: 8 },
      { action: "member.undo_import", n: 8 },
    ]);
  });

  it("refuses a chunk whose member was edited meanwhile and takes back the chunks before it", async () => {
    const [tamBefore] = await ctx.db.select().from(members).where(eq(members.id, person.tam));
    const failure = commitImport(actors.phuKhuong, mixedFile(), {
      chunkRows: 2,
      beforeChunk: async (chunk) => {
        if (chunk !== 1) return;
        // Someone edits the deputy between the chunk that demotes the leader and the one that promotes her.
        const [h] = await ctx.db.select().from(members).where(eq(members.id, person.hoa));
        await updateMember(actors.phuKhuong, { id: h.id, version: h.version, teamId: h.teamId, fullName: h.fullName, gender: h.gender, birthYear: 1962, phone: h.phone, position: h.position, affiliations: h.affiliations as never, joinedOn: h.joinedOn, leftOn: h.leftOn });
      },
    });
    expect((await rejected(failure)).code).toBe("changed_meanwhile");
    const [tam] = await ctx.db.select().from(members).where(eq(members.id, person.tam));
    expect({ ...tam, version: 0, updatedAt: null }).toEqual({ ...tamBefore, version: 0, updatedAt: null });
    const [hoa] = await ctx.db.select().from(members).where(eq(members.id, person.hoa));
    expect(hoa).toMatchObject({ birthYear: 1962, position: "deputy" });
    expect(await importedNames()).toBe(0);
    expect(await rollupDifferences(ctx.db)).toEqual([]);
    await updateMember(actors.phuKhuong, { id: hoa.id, version: hoa.version, teamId: hoa.teamId, fullName: hoa.fullName, gender: hoa.gender, birthYear: 1961, phone: hoa.phone, position: hoa.position, affiliations: hoa.affiliations as never, joinedOn: hoa.joinedOn, leftOn: hoa.leftOn });
  });

  it("lets an import interrupted part-way (the server stopped) be undone once it has stalled, restoring what it wrote", async () => {
    const before = await state();
    let reached: () => void = () => {};
    const stalled = new Promise<void>((resolve) => (reached = resolve));
    // The commit stops before its third chunk and never resumes, as if the process had ended.
    const commit = commitImport(actors.phuKhuong, mixedFile(), {
      chunkRows: 2,
      beforeChunk: (chunk) => (chunk === 2 ? (reached(), new Promise<void>(() => {})) : undefined),
    });
    await Promise.race([stalled, commit.then(() => Promise.reject(new Error("the commit was not interrupted")))]);
    const [running] = await ctx.db.select().from(importBatches).orderBy(sql`id DESC`).limit(1);
    expect(running).toMatchObject({ status: "applying", rowsApplied: 4 });
    expect((await listImports(actors.phuKhuong)).find((b) => b.id === running.id)).toMatchObject({ status: "applying", canUndo: false });
    expect((await rejected(undoImport(actors.phuKhuong, running.id))).code).toBe("undo_running");
    const later = new Date(Date.now() + 10 * 60_000);
    expect((await listImports(actors.phuKhuong, later)).find((b) => b.id === running.id)).toMatchObject({ canUndo: true });
    expect(await undoImport(actors.vinhLong, running.id, later)).toEqual({ restored: 3, removed: 1 });
    expect(await state()).toBe(before);
    expect(await rollupDifferences(ctx.db)).toEqual([]);
  });
});
