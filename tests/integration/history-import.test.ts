import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { auditEvents, historyFigures, historyUnitFigures, users } from "@/db/schema";
import {
  commitHistoryImport,
  historyFigures as readHistory,
  listHistoryImports,
  previewHistoryImport,
  undoHistoryImport,
  HistoryRejectedError,
} from "@/lib/dal/history";
import { NotFoundError } from "@/lib/dal/errors";
import { communeActor, nationalActor, provincialActor } from "../support/actors";
import { setupTestDatabase } from "../support/test-database";

const ctx = setupTestDatabase();
let national = nationalActor();
const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

async function importFile(name: string, text: string, rule: "equal" | "primary" = "equal") {
  const f = file(name, text);
  const { token } = await previewHistoryImport(national, f, rule);
  return commitHistoryImport(national, f, rule, token);
}

/** Every current figure and share, in a stable order, to compare states before and after. */
async function snapshot() {
  const figures = await ctx.db.select().from(historyFigures).orderBy(historyFigures.id);
  const shares = await ctx.db.select().from(historyUnitFigures).orderBy(historyUnitFigures.figureId, historyUnitFigures.communeCode);
  return JSON.stringify({ figures, shares });
}

const MERGED = [
  "Mã tỉnh cũ,Tên tỉnh cũ,Kỳ,Số tổ,Số thành viên,Số người được hướng dẫn,Số người hoàn thành",
  "83,Bến Tre,2023-12,1000,5000,9000,6000",
  "84,Tra Vinh,2023-12,800,4000,7000,5000",
  "86,Vĩnh Long,12/2023,700,3500,6000,4000",
  "01,Hà Nội,2023-12,3000,15000,30000,20000",
].join("\n");

describe("history import", () => {
  let split: { code: string; targets: string[] };

  beforeAll(async () => {
    const [user] = await ctx.db.insert(users).values({ username: "nat", fullName: "Quốc Gia", role: "national", passwordHash: "x" }).returning();
    national = nationalActor(user.id);
    // An old commune that the official mapping shares among several new ones.
    const [row] = await queryRows(ctx.db, sql`SELECT c.old_code, array_agg(DISTINCT o.new_commune_code ORDER BY o.new_commune_code) AS targets
      FROM commune_mappings c JOIN commune_mappings o ON o.old_province_name = c.old_province_name AND o.old_district_name = c.old_district_name
        AND o.old_name = c.old_name
      WHERE c.old_code IS NOT NULL GROUP BY c.old_code HAVING count(DISTINCT o.new_commune_code) = 2 ORDER BY c.old_code LIMIT 1`);
    split = { code: String(row.old_code), targets: row.targets as string[] };
  });

  it("lands the old provinces of a merged province in the new province, each figure kept under its old code", async () => {
    const { preview } = await previewHistoryImport(national, file("tinh.csv", MERGED), "equal");
    expect(preview.issues).toEqual([]);
    expect(preview.counts).toMatchObject({ rows: 4, new: 4, updated: 0, unchanged: 0, errors: 0, split: 0 });
    expect(preview.provinces.find((p) => p.oldCode === "83")).toMatchObject({ newCode: "86", newName: "Vĩnh Long" });
    expect(await ctx.db.select().from(historyFigures)).toHaveLength(0);

    await importFile("tinh.csv", MERGED);
    const kept = await ctx.db.select({ oldCode: historyFigures.oldCode, teams: historyFigures.teams }).from(historyFigures).orderBy(historyFigures.oldCode);
    expect(kept).toEqual([
      { oldCode: "01", teams: 3000 },
      { oldCode: "83", teams: 1000 },
      { oldCode: "84", teams: 800 },
      { oldCode: "86", teams: 700 },
    ]);
    const vl = await readHistory(national, "86", { from: "2023-01-01", to: "2023-12-31" });
    expect(vl.total).toMatchObject({ teams: 2500, members: 12500, people_guided: 22000, people_completed: 15000 });
    const country = await readHistory(national, "VN", { from: "2023-01-01", to: "2023-12-31" });
    expect(country.total).toMatchObject({ teams: 5500, members: 27500 });
    expect(country.children.find((c) => c.code === "86")?.values.teams).toBe(2500);
    expect(country.months).toEqual([expect.objectContaining({ month: "2023-12-01", teams: 5500 })]);
  });

  it("allocates a split old commune by the rule and flags it in the preview", async () => {
    const text = `Mã xã cũ,Kỳ,Số tổ,Số thành viên,Số người được hướng dẫn\n${split.code},2024-03,3,11,101\n`;
    const { preview } = await previewHistoryImport(national, file("xa.csv", text), "equal");
    expect(preview.counts.split).toBe(1);
    expect(preview.rows[0]).toMatchObject({ level: "commune", oldCode: split.code, split: true });
    expect(preview.splits[0].targets.map((t) => t.code).sort()).toEqual(split.targets);
    expect(preview.splits[0].targets.map((t) => t.people_guided)).toEqual([51, 50]);

    await importFile("xa.csv", text);
    const shares = await ctx.db.select().from(historyUnitFigures).where(sql`${historyUnitFigures.communeCode} IS NOT NULL`);
    expect(shares.map((s) => s.communeCode).sort()).toEqual(split.targets);
    expect(shares.every((s) => s.split)).toBe(true);
    expect(shares.reduce((a, s) => a + Number(s.peopleGuided), 0)).toBe(101);
    expect(shares.reduce((a, s) => a + Number(s.members), 0)).toBe(11);
    const commune = await readHistory(national, split.targets[0], { from: "2024-01-01", to: "2024-12-31" });
    expect(commune.total?.people_guided).toBeGreaterThanOrEqual(50);
  });

  it("gives everything to the commune under the old code with the primary rule", async () => {
    const text = `Mã xã cũ,Kỳ,Số người được hướng dẫn\n${split.code},2024-04,101\n`;
    const { preview } = await previewHistoryImport(national, file("xa-primary.csv", text), "primary");
    expect(preview.splits[0].targets.map((t) => t.people_guided)).toEqual([101, 0]);
  });

  it("matches old names with or without diacritics and reports unknown or ambiguous units by row", async () => {
    const text = [
      "Tên tỉnh cũ,Tên xã cũ,Kỳ,Số tổ",
      "Tinh Ben Tre,,2022,10",
      "Hà Nội,Phuong Dich Vong,2022-05,2",
      "Atlantis,,2022-05,1",
      "Hà Nội,,2025-07,1",
      "Hà Nội,,2022-06,abc",
    ].join("\n");
    const { preview } = await previewHistoryImport(national, file("ten.csv", text), "equal");
    expect(preview.rows.map((r) => r.oldCode)).toEqual(["83", "00166"]);
    expect(preview.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [4, "provinceName", "province_unknown"],
      [5, "period", "period_after_cutover"],
      [6, "teams", "count_invalid"],
    ]);
    await expect(commitHistoryImport(national, file("ten.csv", text), "equal", (await previewHistoryImport(national, file("ten.csv", text), "equal")).token)).rejects.toBeInstanceOf(HistoryRejectedError);
  });

  it("re-importing the same file changes nothing", async () => {
    const before = await snapshot();
    const { preview } = await importFile("tinh.csv", MERGED);
    expect(preview.counts).toMatchObject({ new: 0, updated: 0, unchanged: 4 });
    expect(await snapshot()).toBe(before);
  });

  it("undo restores exactly the figures an import replaced, and is audited", async () => {
    const before = await snapshot();
    const changed = MERGED.replace("83,Bến Tre,2023-12,1000", "83,Bến Tre,2023-12,1100") + "\n87,Đồng Tháp,2023-12,1,2,3,1\n";
    const { importId, preview } = await importFile("tinh-v2.csv", changed);
    expect(preview.counts).toMatchObject({ new: 1, updated: 1, unchanged: 3 });
    expect((await readHistory(national, "86", { from: "2023-12-01", to: "2023-12-31" })).total?.teams).toBe(2600);
    expect(await snapshot()).not.toBe(before);

    const result = await undoHistoryImport(national, importId);
    expect(result).toEqual({ removed: 2, restored: 1 });
    expect(await snapshot()).toBe(before);
    expect((await readHistory(national, "86", { from: "2023-12-01", to: "2023-12-31" })).total?.teams).toBe(2500);
    await expect(undoHistoryImport(national, importId)).rejects.toMatchObject({ code: "already_undone" });
    const events = await ctx.db.select().from(auditEvents).where(sql`${auditEvents.entity} = 'history_import' AND ${auditEvents.entityId} = ${String(importId)}`);
    expect(events.map((e) => e.action).sort()).toEqual(["history.import", "history.undo"]);
    expect((await listHistoryImports(national)).find((i) => i.id === importId)?.undoneAt).not.toBeNull();
  });

  it("refuses to undo an import whose figures a later import replaced", async () => {
    const a = await importFile("a.csv", "Mã tỉnh cũ,Kỳ,Số tổ\n12,2021-01,5\n");
    const b = await importFile("b.csv", "Mã tỉnh cũ,Kỳ,Số tổ\n12,2021-01,6\n");
    await expect(undoHistoryImport(national, a.importId)).rejects.toMatchObject({ code: "undo_later_first" });
    await undoHistoryImport(national, b.importId);
    await undoHistoryImport(national, a.importId);
    expect((await readHistory(national, "12", { from: "2021-01-01", to: "2021-01-31" })).total).toBeNull();
  });

  it("lets only national users import, and reads history within the caller's scope", async () => {
    const f = file("tinh.csv", MERGED);
    await expect(previewHistoryImport(provincialActor("86"), f, "equal")).rejects.toBeInstanceOf(NotFoundError);
    await expect(commitHistoryImport(communeActor("86", "28756"), f, "equal", "x")).rejects.toBeInstanceOf(NotFoundError);
    await expect(undoHistoryImport(provincialActor("86"), 1)).rejects.toBeInstanceOf(NotFoundError);
    expect((await readHistory(provincialActor("86"), "86", { from: "2023-01-01", to: "2023-12-31" })).total?.teams).toBe(2500);
    await expect(readHistory(provincialActor("86"), "01", { from: "2023-01-01", to: "2023-12-31" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(readHistory(provincialActor("86"), "VN", { from: "2023-01-01", to: "2023-12-31" })).rejects.toBeInstanceOf(NotFoundError);
  });
});
