"use client";

import { useMemo } from "react";
import { barChartSvg, type ChartSvg } from "@/lib/report-doc/charts";

/** One chart of the long trend: the imported and the recorded figure of each month. */
export interface HistoryChartData {
  title: string;
  /** The two series' names (imported, recorded). */
  names: [string, string];
  imported: number[];
  recorded: number[];
}

const IMPORTED = "#d97706";
const RECORDED = "#1d4ed8";

/**
 * The long trend's charts. A client component only so that the page data carries the figures,
 * not the drawings: the server writes each SVG into the HTML once per set of figures, and the
 * browser, hydrating, draws the same string from the same figures.
 */
export function HistoryCharts({ categories, charts }: { categories: string[]; charts: HistoryChartData[] }) {
  const drawn = useMemo(() => charts.map((c) => drawing(categories, c)), [categories, charts]);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {drawn.map((c) => (
        <div key={c.description} className="[&>svg]:h-auto [&>svg]:w-full" role="img" aria-label={c.description} dangerouslySetInnerHTML={{ __html: c.svg }} />
      ))}
    </div>
  );
}

const drawn = new Map<string, ChartSvg>();
const DRAWN_LIMIT = 100;

function drawing(categories: string[], chart: HistoryChartData): ChartSvg {
  const key = JSON.stringify([categories, chart]);
  const hit = drawn.get(key);
  if (hit) return hit;
  const svg = barChartSvg({
    title: chart.title,
    categories,
    series: [
      { name: chart.names[0], color: IMPORTED, values: chart.imported },
      { name: chart.names[1], color: RECORDED, values: chart.recorded },
    ],
  });
  drawn.set(key, svg);
  if (drawn.size > DRAWN_LIMIT) drawn.delete(drawn.keys().next().value!);
  return svg;
}

/** The imported series' colour, for the note that explains it. */
export const IMPORTED_COLOR = IMPORTED;
