import Link from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { METRICS, type Metric } from "@/lib/indicators/metrics";

/** The indicator choice of a map or comparison: one link per metric, keeping the rest of the query. */
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
            <Link
              href={href(m)}
              scroll={false}
              aria-current={m === metric ? "true" : undefined}
              className={`inline-block rounded-full border px-3 py-1 text-xs font-medium ${m === metric ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
            >
              {t(`metrics.${m}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
