import { getTranslations } from "@/i18n/server";
import { METRICS, type Metric } from "@/lib/indicators/metrics";

/**
 * The indicator choice of a map or comparison: one link per metric, keeping the rest of the query
 * and the scroll position. Plain links, opened in place by the dashboard's `LinkArea`.
 */
export async function MetricPicker({ metric, query }: { metric: Metric; query: Record<string, string | undefined> }) {
  const t = await getTranslations("dashboard");
  const href = (m: Metric) => {
    const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === "string"));
    params.set("ind", m);
    return `?${params}`;
  };
  return (
    <nav aria-label={t("map.picker")} className="mb-3">
      <ul className="flex flex-wrap gap-1.5">
        {METRICS.map((m) => (
          <li key={m}>
            <a
              href={href(m)}
              data-keep-scroll
              aria-current={m === metric ? "true" : undefined}
              className={`inline-block rounded-full border px-3 py-1 text-xs font-medium ${m === metric ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
            >
              {t(`metrics.${m}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
