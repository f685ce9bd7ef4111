import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { formatNumber, formatPercent } from "@/lib/format";
import { colorFor, isShare, legendClasses, type Metric } from "@/lib/indicators/metrics";
import type { RankingRow } from "@/lib/indicators/series";

/**
 * A province's communes compared on one metric as ranked bars, coloured with the map's legend
 * classes: there are no commune boundaries to draw a map with. Each bar opens the commune.
 */
export async function CommuneBars({ rows, metric, periodQuery }: { rows: RankingRow[]; metric: Metric; periodQuery: string }) {
  const t = await getTranslations("dashboard");
  const locale = await getLocale();
  const classes = legendClasses(metric, rows.map((r) => r[metric]));
  const max = Math.max(0, ...rows.map((r) => r[metric] ?? 0));
  const sorted = [...rows].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.name.localeCompare(b.name, "vi"));
  const show = (v: number | null) => (v === null ? t("map.noData") : isShare(metric) ? formatPercent(locale, v, 1) : formatNumber(locale, v));
  return (
    <ol className="max-h-[30rem] space-y-0.5 overflow-y-auto pr-1" tabIndex={0} aria-label={t("map.title", { indicator: t(`metrics.${metric}`) })} data-testid="commune-bars">
      {sorted.map((r) => {
        const value = r[metric];
        const width = value === null || max === 0 ? 0 : Math.max(1, (value / (isShare(metric) ? 1 : max)) * 100);
        return (
          <li key={r.code}>
            <Link href={`/units/${r.code}${periodQuery}`} className="grid grid-cols-[2rem_minmax(0,1fr)_auto] items-center gap-x-2 rounded px-1 py-1 text-sm hover:bg-slate-50">
              <span className="text-right tabular-nums text-slate-600">{r.rank ?? "—"}</span>
              <span className="min-w-0">
                <span className="block truncate">{r.name}</span>
                <span className="mt-0.5 block h-2 rounded-sm bg-slate-100" aria-hidden>
                  <span className="block h-2 rounded-sm border border-slate-400/40" style={{ width: `${width}%`, background: colorFor(value, classes) }} />
                </span>
              </span>
              <span className="text-right font-medium tabular-nums">{show(value)}</span>
            </Link>
          </li>
        );
      })}
    </ol>
  );
}
