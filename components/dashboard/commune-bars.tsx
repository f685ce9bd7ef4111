import { getLocale, getTranslations } from "@/i18n/server";
import { CommuneBarList, type CommuneBar } from "@/components/dashboard/commune-bar-list";
import { packRows } from "@/components/dashboard/packed-rows";
import { formatNumber, formatPercent } from "@/lib/format";
import { derived } from "@/lib/indicators/derived";
import { colorFor, isShare, legendClasses, type Metric } from "@/lib/indicators/metrics";
import type { RankingRow } from "@/lib/indicators/series";

/**
 * A province's communes compared on one metric as ranked bars, coloured with the map's legend
 * classes: there are no commune boundaries to draw a map with. Each bar opens the commune.
 */
export async function CommuneBars({ rows, metric, periodQuery }: { rows: RankingRow[]; metric: Metric; periodQuery: string }) {
  const t = await getTranslations("dashboard");
  const locale = await getLocale();
  // The same rows (one object per set of figures and metric) give the same bars.
  const bars = derived(rows, `bars|${locale}|${metric}`, () => {
    const classes = legendClasses(metric, rows.map((r) => r[metric]));
    const max = Math.max(0, ...rows.map((r) => r[metric] ?? 0));
    const sorted = [...rows].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.name.localeCompare(b.name, "vi"));
    const show = (v: number | null) => (v === null ? t("map.noData") : isShare(metric) ? formatPercent(locale, v, 1) : formatNumber(locale, v));
    return packRows(
      sorted.map((r): CommuneBar => {
        const value = r[metric];
        const width = value === null || max === 0 ? 0 : Math.max(1, (value / (isShare(metric) ? 1 : max)) * 100);
        return [r.code, r.rank === null ? "—" : String(r.rank), r.name, show(value), `${Number(width.toFixed(1))}%`, colorFor(value, classes)];
      }),
    );
  });
  return <CommuneBarList bars={bars} label={t("map.title", { indicator: t(`metrics.${metric}`) })} query={periodQuery} />;
}
