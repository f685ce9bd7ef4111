import type { ChartProps } from "./charts";

/** The largest value a chart shows, a stacked bar counting as the sum of its parts. */
export function chartMax(props: ChartProps): number {
  switch (props.kind) {
    case "trend":
      return Math.max(0, ...props.rows.map((r) => props.series.reduce((sum, s) => sum + Number(r[s.key] ?? 0), 0)));
    case "roster":
      return Math.max(0, ...props.rows.map((r) => Math.max(r.members, r.teams)));
    case "breakdown":
      return Math.max(0, ...props.rows.map((r) => Math.max(r.guided, r.completed)));
    case "count":
    case "share":
      return Math.max(0, ...props.rows.map((r) => r.value));
  }
}

/** A chart with nothing to draw says so instead of showing bare axes. */
export const isEmptyChart = (props: ChartProps) => props.rows.length === 0 || chartMax(props) === 0;
