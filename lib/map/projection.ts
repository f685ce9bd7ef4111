/**
 * SVG path strings of the province map, computed once per view on the server: the whole country
 * (with the Hoàng Sa and Trường Sa archipelagos) or one province zoomed with its neighbours.
 */
import { createHash } from "node:crypto";
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { geoBounds, geoMercator, geoPath, type GeoProjection } from "d3-geo";
import { archipelagoFeatures, loadProvinceFeatures } from "./geometry";

export const MAP_WIDTH = 480;

export interface MapView {
  width: number;
  height: number;
  provinces: { code: string; name: string; d: string; center: [number, number] }[];
  /** Label boxes of the archipelagos (absent when the view does not reach them). */
  archipelagos: { id: string; name: string; province: string; d: string; box: [number, number, number, number] }[];
  /** Where pages reference the shapes (`${sprite}#p-<code>`, `${sprite}#a-<id>`), versioned by content. */
  sprite: string;
}

const cache = new Map<string, MapView>();
const sprites = new Map<string, { body: string; version: string }>();

/** A view's `/map/<key>.svg` file, or null for a key that names no view (`VN` or a province code). */
export function mapSprite(key: string): { body: string; version: string } | null {
  if (key !== "VN" && !loadProvinceFeatures().features.some((f) => f.properties.code === key)) return null;
  mapView(key === "VN" ? undefined : key);
  return sprites.get(key) ?? null;
}

/**
 * The shapes of a view as an SVG file of unpainted paths. Pages draw each one with `<use>` and
 * their own fill, so the ~50 KB of geometry is downloaded once and cached, instead of being
 * written into every dashboard's HTML and RSC payload.
 */
function spriteOf(provinces: MapView["provinces"], archipelagos: MapView["archipelagos"]): string {
  const paths = [...provinces.map((p) => `<path id="p-${p.code}" d="${p.d}"/>`), ...archipelagos.map((a) => `<path id="a-${a.id}" d="${a.d}"/>`)];
  return `<svg xmlns="http://www.w3.org/2000/svg"><defs>${paths.join("")}</defs></svg>`;
}

/** Longitude beyond which a province's islands belong to the offshore archipelagos. */
const OFFSHORE_LON = 110.5;

function mainland(f: Feature<Polygon | MultiPolygon>): Feature<MultiPolygon> {
  const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
  const near = polygons.filter((p) => p[0].every(([lon]) => lon < OFFSHORE_LON));
  return { type: "Feature", properties: {}, geometry: { type: "MultiPolygon", coordinates: near.length ? near : polygons } };
}

/** The national view (focus undefined) or a province's view, zoomed to its mainland. */
export function mapView(focus?: string): MapView {
  const key = focus ?? "VN";
  const hit = cache.get(key);
  if (hit) return hit;
  const all = loadProvinceFeatures();
  const target = focus ? all.features.find((f) => f.properties.code === focus) : undefined;
  if (focus && !target) throw new Error(`no geometry for province ${focus}`);
  const fitted: Feature<Polygon | MultiPolygon> | typeof all = target ? mainland(target) : all;

  const pad = 8;
  // A province is framed with room for its neighbours; the country is fitted as it is.
  const frame = target ? frameOf(fitted) : fitted;
  const projection = geoMercator().fitWidth(MAP_WIDTH - 2 * pad, frame);
  const [[x0, y0], [, y1]] = geoPath(projection).bounds(frame);
  const height = Math.ceil(y1 - y0 + 2 * pad);
  const [tx, ty] = projection.translate();
  projection.translate([tx - x0 + pad, ty - y0 + pad]);
  if (target) projection.clipExtent([[0, 0], [MAP_WIDTH, height]]);
  const path = geoPath(projection);
  const draw = compactPath(projection);

  const provinces = all.features
    .map((f) => {
      const d = draw(target && f !== target ? f : target ? mainland(f) : f);
      const [cx, cy] = path.centroid(mainland(f));
      return { code: f.properties.code, name: f.properties.name, d, center: [round(cx), round(cy)] as [number, number] };
    })
    .filter((p) => p.d !== "");

  const archipelagos = target
    ? []
    : archipelagoFeatures().features.map((f) => {
        const [[ax0, ay0], [ax1, ay1]] = path.bounds(f);
        return { id: String(f.id), name: f.properties.name, province: f.properties.province, d: draw(f), box: [round(ax0), round(ay0), round(ax1), round(ay1)] as [number, number, number, number] };
      });

  const body = spriteOf(provinces, archipelagos);
  const version = createHash("sha256").update(body).digest("base64url").slice(0, 12);
  const view = { width: MAP_WIDTH, height, provinces, archipelagos, sprite: `/map/${key}.svg?v=${version}` };
  cache.set(key, view);
  sprites.set(key, { body, version });
  return view;
}

function frameOf(f: Feature<Polygon | MultiPolygon> | FeatureCollection<Polygon | MultiPolygon>): Feature<Polygon> {
  const [[w, s], [e, n]] = geoBounds(f);
  const span = Math.max(e - w, n - s) * 0.65;
  const cx = (w + e) / 2;
  const cy = (s + n) / 2;
  return {
    type: "Feature",
    properties: {},
    geometry: { type: "Polygon", coordinates: [[[cx - span, cy - span], [cx - span, cy + span], [cx + span, cy + span], [cx + span, cy - span], [cx - span, cy - span]]] },
  };
}

const round = (v: number) => Math.round(v * 10) / 10;

/**
 * A geoPath that writes relative commands rounded to 0.1 px and drops points that round onto
 * the previous one: about a third of d3's absolute output at this size. Islands that shrink to a
 * point still get a speck so that the archipelagos stay visible.
 */
function compactPath(projection: GeoProjection): (f: Feature<Polygon | MultiPolygon>) => string {
  const STEP = 2; // points per pixel
  let out = "";
  let ring: [number, number][] = [];
  const q = (v: number) => Math.round(v * STEP);
  const num = (v: number) => String(v / STEP).replace(/^(-?)0\./, "$1.");
  const flush = () => {
    if (ring.length === 0) return;
    const [sx, sy] = ring[0];
    out += `M${num(sx)} ${num(sy)}`;
    if (ring.length < 3) {
      out += "h1v1h-1z";
    } else {
      let [px, py] = ring[0];
      let line = "";
      for (const [x, y] of ring.slice(1)) {
        for (const v of [num(x - px), num(y - py)]) {
          // Numbers need a separator unless the next one starts with a sign or the previous
          // already has a decimal point and the next starts with one.
          line += line === "" || v.startsWith("-") || (v.startsWith(".") && /\.\d*$/.test(line)) ? v : ` ${v}`;
        }
        [px, py] = [x, y];
      }
      out += `l${line}z`;
    }
    ring = [];
  };
  const context = {
    moveTo(x: number, y: number) {
      flush();
      ring.push([q(x), q(y)]);
    },
    lineTo(x: number, y: number) {
      const p: [number, number] = [q(x), q(y)];
      const last = ring[ring.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) ring.push(p);
    },
    closePath() {
      flush();
    },
    arc() {},
    beginPath() {},
  };
  const path = geoPath(projection, context as unknown as CanvasRenderingContext2D);
  return (f) => {
    out = "";
    ring = [];
    path(f);
    flush();
    return out;
  };
}
