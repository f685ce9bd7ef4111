import { staticMarkup } from "@/components/dashboard/static-markup";
import { derived } from "@/lib/indicators/derived";
import { mapView } from "@/lib/map/projection";
import { MapTooltip } from "./map-tooltip";

export interface MapDatum {
  code: string;
  /** Shown in the tooltip and the accessible name, e.g. "92,5 %". */
  display: string;
  /** e.g. "Hạng 3/34"; empty without data. */
  rank: string;
  color: string;
  /** Link target; units outside the caller's scope have none. */
  href?: string;
}

/**
 * Choropleth of the 34 provinces drawn on the server as SVG: one focusable link per province
 * (SVG <title> plus the styled tooltip), the Hoàng Sa and Trường Sa archipelagos labelled. The
 * shapes come from the view's cached sprite file (`<use>`); the page carries only fills and labels.
 * With `focus` the map zooms to that province and greys its neighbours.
 */
export function ProvinceMap({
  data,
  focus,
  title,
  archipelagoLabels,
  seaLabel,
}: {
  data: MapDatum[];
  focus?: string;
  title: string;
  archipelagoLabels: Record<string, string>;
  seaLabel: string;
}) {
  const view = mapView(focus);
  // Written once per set of figures (the country's dashboard passes the same array until they change).
  const shapes = derived(data, JSON.stringify(["map", focus ?? null, archipelagoLabels, seaLabel]), () =>
    staticMarkup(<MapShapes data={data} focus={focus} archipelagoLabels={archipelagoLabels} seaLabel={seaLabel} />),
  );
  return (
    <MapTooltip>
      <svg
        viewBox={`0 0 ${view.width} ${view.height}`}
        role="group"
        aria-label={title}
        className="h-auto w-full max-h-[70vh]"
        data-testid="province-map"
        dangerouslySetInnerHTML={{ __html: shapes }}
      />
    </MapTooltip>
  );
}

/**
 * What the map's SVG holds: the sea, one shape per province, the archipelagos. Plain elements,
 * written into the page as one string of markup rather than a hundred elements per request.
 */
export function MapShapes({
  data,
  focus,
  archipelagoLabels,
  seaLabel,
}: {
  data: MapDatum[];
  focus?: string;
  archipelagoLabels: Record<string, string>;
  seaLabel: string;
}) {
  const view = mapView(focus);
  const byCode = new Map(data.map((d) => [d.code, d]));
  return (
    <>
      <rect width={view.width} height={view.height} fill="#f0f7ff" />
      {!focus && (
        <text x={view.width * 0.72} y={view.height * 0.62} className="fill-sky-700/70 text-[13px] italic" textAnchor="middle" aria-hidden>
          {seaLabel}
        </text>
      )}
      {/* Shared stroke for every province; a focused province and its dimmed neighbours set their own. */}
      <g stroke="#1e293b" strokeWidth={0.5} strokeLinejoin="round">
        {view.provinces.map((p) => {
          const datum = byCode.get(p.code);
          const dimmed = !!focus && p.code !== focus;
          const fill = dimmed ? "#e2e8f0" : (datum?.color ?? "#e5e7eb");
          const label = datum ? `${p.name}: ${datum.display}${datum.rank ? ` · ${datum.rank}` : ""}` : p.name;
          const href = `${view.sprite}#p-${p.code}`;
          const stroke = dimmed ? { stroke: "#94a3b8" } : focus ? { strokeWidth: 1.5 } : {};
          // A linked province is named by its link's label and the styled tooltip; others by <title>.
          return datum?.href && !dimmed ? (
            <a
              key={p.code}
              href={datum.href}
              aria-label={label}
              className="map-area"
              data-map-name={p.name}
              data-map-value={datum.display}
              data-map-rank={datum.rank}
              data-code={p.code}
            >
              <use href={href} fill={fill} {...stroke} />
            </a>
          ) : (
            <g key={p.code} data-code={p.code} data-map-name={dimmed ? undefined : p.name} data-map-value={dimmed ? undefined : datum?.display} data-map-rank={dimmed ? undefined : datum?.rank}>
              <use href={href} fill={fill} {...stroke}>
                <title>{label}</title>
              </use>
            </g>
          );
        })}
      </g>
      {focus &&
        view.provinces
          .filter((p) => p.code !== focus && p.center[0] > 12 && p.center[0] < view.width - 12 && p.center[1] > 12 && p.center[1] < view.height - 12)
          .map((p) => (
            <text key={p.code} x={p.center[0]} y={p.center[1]} textAnchor="middle" className="pointer-events-none fill-slate-500 text-[11px]" aria-hidden>
              {p.name}
            </text>
          ))}
      {view.archipelagos.map((a) => {
        const [x0, y0, x1, y1] = a.box;
        const datum = byCode.get(a.province);
        // Hoàng Sa is labelled above its frame, Trường Sa below, right-aligned to stay in view.
        const above = a.id === "hoang-sa";
        return (
          <g key={a.id} className="pointer-events-none" data-testid={`archipelago-${a.id}`}>
            <use href={`${view.sprite}#a-${a.id}`} fill={datum?.color ?? "#e5e7eb"} stroke="#1e293b" strokeWidth={1.2} strokeLinejoin="round" aria-hidden />
            <rect x={x0 - 5} y={y0 - 5} width={x1 - x0 + 10} height={y1 - y0 + 10} rx={6} fill="none" stroke="#475569" strokeDasharray="3 3" strokeWidth={0.8} aria-hidden />
            <text
              x={above ? (x0 + x1) / 2 : Math.min(x1 + 5, view.width - 4)}
              y={above ? y0 - 10 : y1 + 18}
              textAnchor={above ? "middle" : "end"}
              className="fill-slate-800 text-[12px] font-semibold"
            >
              {archipelagoLabels[a.id]}
            </text>
          </g>
        );
      })}
    </>
  );
}
