"use client";

import { useMemo } from "react";
import { ChartContent } from "./chart-content";
import { chartTable, type ChartProps } from "./charts";
import { writtenMarkup } from "./static-markup";

export type ChartWords = { month: string; category: string; count: string; total: string; share: string; figures: string };

/**
 * A chart's figure, its content written as one string of markup (see `staticMarkup`). It is a
 * client component only so that its figures, not its thousand SVG elements, travel in the page
 * data: the server writes the markup into the HTML, and the browser, hydrating, computes the same
 * string without touching the DOM. No chart code runs until then, and a chart costs the browser
 * one element to hydrate.
 */
export function ChartFigure({ chart, label, full, words }: { chart: ChartProps; label: string; full: boolean; words: ChartWords }) {
  const html = useMemo(() => markupOf(chart, label, full, words), [chart, label, full, words]);
  return <figure aria-label={label} className="@container w-full" data-testid="chart" data-kind={chart.kind} dangerouslySetInnerHTML={{ __html: html }} />;
}

function markupOf(chart: ChartProps, label: string, full: boolean, words: ChartWords): string {
  return writtenMarkup(JSON.stringify(["chart", chart, label, full, words]), () => (
    <ChartContent chart={chart} label={label} full={full} table={chartTable(chart, words)} figures={words.figures} />
  ));
}
