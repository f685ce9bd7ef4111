import { getTranslations } from "next-intl/server";
import { scrollRegion } from "@/components/ui/scroll-region";
import { isEmptyChart } from "./chart-data";
import { ChartLegend, ChartSvg, chartTable, FULL, NARROW, WIDE, type ChartProps } from "./charts";

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
  const table = chartTable(chart, { month: t("month"), category: t("category"), count: t("count"), total: t("total"), share: t("share") });
  return (
    <figure aria-label={label} className="@container w-full" data-testid="chart" data-kind={chart.kind}>
      {chart.kind === "share" ? (
        <ChartSvg props={chart} width={NARROW} />
      ) : (
        <>
          <div className="@xl:hidden">
            <ChartSvg props={chart} width={NARROW} />
          </div>
          <div className={full ? "hidden @xl:block @5xl:hidden" : "hidden @xl:block"}>
            <ChartSvg props={chart} width={WIDE} />
          </div>
          {full && (
            <div className="hidden @5xl:block">
              <ChartSvg props={chart} width={FULL} />
            </div>
          )}
        </>
      )}
      <ChartLegend props={chart} />
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-blue-800 underline-offset-2 hover:underline">{t("figures")}</summary>
        <div className="mt-2 overflow-x-auto" {...scrollRegion()}>
          <table className="w-full text-left text-xs tabular-nums">
            <caption className="sr-only">{label}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                {table.head.map((h, i) => (
                  <th key={h} scope="col" className={`px-2 py-1 font-semibold ${i > 0 ? "text-right" : ""}`}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.body.map((row) => (
                <tr key={row[0]} className="border-b border-slate-100">
                  {row.map((cell, i) =>
                    i === 0 ? (
                      <th key={i} scope="row" className="px-2 py-1 font-normal">
                        {cell}
                      </th>
                    ) : (
                      <td key={i} className="px-2 py-1 text-right">
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
