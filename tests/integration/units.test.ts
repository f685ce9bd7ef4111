import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { loadAdministrativeUnits } from "@/db/units";
import { setupTestDatabase } from "../support/test-database";

const ctx = setupTestDatabase();

describe("administrative units", () => {
  it("holds all 34 provinces, 3,321 communes and 10,977 mappings with correct parents", async () => {
    const [counts] = await queryRows(ctx.db, sql`SELECT
      (SELECT count(*)::int FROM provinces) AS provinces,
      (SELECT count(*)::int FROM communes) AS communes,
      (SELECT count(*)::int FROM commune_mappings) AS mappings,
      (SELECT count(*)::int FROM communes WHERE kind = 'phuong') AS phuong,
      (SELECT count(*)::int FROM communes WHERE kind = 'xa') AS xa,
      (SELECT count(*)::int FROM communes WHERE kind = 'dac_khu') AS dac_khu`);
    expect(counts).toEqual({ provinces: 34, communes: 3321, mappings: 10977, phuong: 687, xa: 2621, dac_khu: 13 });
    const rows = await queryRows(ctx.db, sql`SELECT c.code, c.name, p.short_name FROM communes c JOIN provinces p ON p.code = c.province_code
      WHERE c.code IN ('28756', '00004') ORDER BY c.code`);
    expect(rows).toEqual([
      { code: "00004", name: "Phường Ba Đình", short_name: "Hà Nội" },
      { code: "28756", name: "Phường Phú Khương", short_name: "Vĩnh Long" },
    ]);
  });

  it("maps the former Phú Hưng commune of Bến Tre city to Phường Phú Khương", async () => {
    const rows = await queryRows(ctx.db, sql`SELECT new_commune_code FROM commune_mappings WHERE old_name = 'Xã Phú Hưng' AND old_district_name = 'Thành phố Bến Tre'`);
    expect(rows).toEqual([{ new_commune_code: "28756" }]);
  });

  it("changes nothing when loaded a second time", async () => {
    expect(await loadAdministrativeUnits(ctx.db)).toEqual({ provinces: 0, communes: 0, mappings: 0 });
  });

  it("searches communes without diacritics", async () => {
    const rows = await queryRows(ctx.db, sql`SELECT code FROM communes WHERE search_key LIKE '%' || search_key('phu khuong') || '%'`);
    expect(rows.map((r) => r.code)).toContain("28756");
  });
});
