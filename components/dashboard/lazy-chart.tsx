import { getTranslations } from "@/i18n/server";
import { isEmptyChart } from "./chart-data";
import { ChartFigure } from "./chart-figure";
import type { ChartProps } from "./charts";

/**
 * A dashboard chart drawn on the server as SVG: no chart code runs in the browser, so the page is
 * interactive as soon as the framework is. The box shows the drawing made for its own width
 * (narrow below 36rem, wide above, and for a box as wide as the page a third from 64rem), so that axis text stays about 12 px on a phone and on a wide
 * screen alike. Each mark's title gives its figure on hover; the same figures are in a table
 * under the chart for the keyboard and screen readers.
 */
export async function LazyChart({
  label,
  empty,
  full = false,
  ...props
}: ChartProps & {
  label: string;
  /** Said instead of a chart when there is nothing to draw. */
  empty: string;
  /** The box can be as wide as the page: a third drawing is made for boxes of 64rem and more. */
  full?: boolean;
}) {
  const chart = props as ChartProps;
  if (isEmptyChart(chart)) {
    return (
      <figure aria-label={label} className="flex min-h-[160px] w-full items-center justify-center rounded border border-dashed border-slate-300 bg-slate-50 p-4 text-center text-sm text-slate-700" data-testid="chart-empty">
        <figcaption>{empty}</figcaption>
      </figure>
    );
  }
  const t = await getTranslations("charts");
  const words = { month: t("month"), category: t("category"), count: t("count"), total: t("total"), share: t("share"), figures: t("figures") };
  return <ChartFigure chart={chart} label={label} full={full} words={words} />;
}
