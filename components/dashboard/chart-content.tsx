import { scrollRegion } from "@/components/ui/scroll-region";
import { ChartLegend, ChartSvg, FULL, NARROW, WIDE, type ChartProps } from "./charts";

/**
 * What a chart's figure holds: its drawing for each width (narrow below 36rem, wide above, and for
 * a box as wide as the page a third from 64rem), its legend and the table of its figures.
 */
export function ChartContent({ chart, label, full, table, figures }: { chart: ChartProps; label: string; full: boolean; table: { head: string[]; body: string[][] }; figures: string }) {
  return (
    <>
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
        <summary className="cursor-pointer text-blue-800 underline-offset-2 hover:underline">{figures}</summary>
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
    </>
  );
}
