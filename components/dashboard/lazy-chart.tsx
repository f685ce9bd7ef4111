"use client";

import dynamic from "next/dynamic";
import type { ChartProps } from "./charts";

const Chart = dynamic(() => import("./charts"), {
  ssr: false,
  loading: () => <div className="h-[240px] animate-pulse rounded bg-slate-100" />,
});

/**
 * A chart loaded after the page: Recharts stays out of the dashboard's first-load JavaScript,
 * and the server-rendered figures beside it are readable before it arrives.
 */
export function LazyChart({ label, ...props }: ChartProps & { label: string }) {
  return (
    <figure aria-label={label} className="min-h-[240px] w-full" data-testid="chart">
      <Chart {...(props as ChartProps)} />
    </figure>
  );
}
