import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { historyImports } from "@/db/schema";
import { readAdministrativeUnits } from "@/db/units";
import { historyFigures } from "@/lib/dal/history";
import { loadSampleHistory, SAMPLE_DIRECTORY } from "@/lib/dal/history-sample";
import { oldProvinceByName } from "@/lib/history/mapping";
import { SAMPLE_NOTE, SAMPLE_TOTALS_2023, sampleHistoryFiles } from "@/lib/history/sample";
import { nationalActor } from "../support/actors";
import { setupTestDatabase } from "../support/test-database";

const ctx = setupTestDatabase();

describe("sample history", () => {
  it("is what the generator writes, one file per old province, each labelled as sample data", () => {
    const communes = new Map<string, number>();
    for (const m of readAdministrativeUnits().mappings) {
      const province = m.oldProvinceName && m.oldCode ? oldProvinceByName(m.oldProvinceName) : undefined;
      if (province) communes.set(province.oldCode, (communes.get(province.oldCode) ?? 0) + 1);
    }
    const files = sampleHistoryFiles(communes);
    expect(files).toHaveLength(63);
    for (const f of files) {
      const committed = readFileSync(path.join(SAMPLE_DIRECTORY, f.name), "utf8");
      expect(committed, f.name).toBe(f.csv);
      expect(committed.startsWith(`# ${SAMPLE_NOTE}`)).toBe(true);
    }
  });

  it("answers a unit without imported history with its window and nothing in it", async () => {
    expect(await historyFigures(nationalActor(), "VN", { from: "2015-01-01", to: "2026-06-30" })).toEqual({
      cutover: "2025-07-01",
      window: { from: "2015-01-01", to: "2025-06-30" },
      first_month: null,
      total: null,
      children: [],
      months: [],
    });
  });

  it("loads through the importer, and its 2023 national totals are the review's", async () => {
    const started = performance.now();
    const loaded = await loadSampleHistory(ctx.db);
    console.log(`sample history: ${loaded.files} files, ${loaded.figures} figures in ${Math.round(performance.now() - started)} ms`);
    expect(loaded).toEqual({ files: 63, figures: 63 * 54 });
    const imports = await ctx.db.select().from(historyImports);
    expect(imports.every((i) => i.sample)).toBe(true);

    const year2023 = await historyFigures(nationalActor(), "VN", { from: "2023-01-01", to: "2023-12-31" });
    expect(year2023.total?.teams).toBe(SAMPLE_TOTALS_2023.teams);
    expect(year2023.total?.members).toBe(SAMPLE_TOTALS_2023.members);
    expect(year2023.children).toHaveLength(34);
    expect(year2023.children.reduce((a, c) => a + (c.values.teams ?? 0), 0)).toBe(74_422);
    expect(year2023.months).toHaveLength(12);
    const skills = Object.values(year2023.total!.by_skill).reduce((a, s) => a + (s.people_guided ?? 0), 0);
    expect(skills).toBe(year2023.total!.people_guided);

    const all = await historyFigures(nationalActor(), "VN", { from: "2021-01-01", to: "2026-06-30" });
    expect(all.first_month).toBe("2021-01-01");
    expect(all.window).toEqual({ from: "2021-01-01", to: "2025-06-30" });
    expect(all.months).toHaveLength(54);
  });
});
