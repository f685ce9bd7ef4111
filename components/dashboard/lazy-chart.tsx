"use client";

import dynamic from "next/dynamic";
import { startTransition, useEffect, useRef, useState } from "react";
import { isEmptyChart } from "./chart-data";
import type { ChartProps } from "./charts";

let chartCode: Promise<unknown> | undefined;
const loadChartCode = () => (chartCode ??= import("./charts"));

const Chart = dynamic(() => import("./charts"), {
  ssr: false,
  loading: () => <Placeholder />,
});

function Placeholder() {
  return <div className="h-[240px] animate-pulse rounded bg-slate-100" />;
}

/**
 * Charts waiting for their turn to mount: once the chart code has arrived, one per idle period,
 * never several in one task.
 */
const waiting: (() => void)[] = [];
let scheduled = false;
const whenIdle = (run: () => void) =>
  typeof requestIdleCallback === "function" ? requestIdleCallback(run, { timeout: 500 }) : setTimeout(run, 16);

function mountNext() {
  const mount = waiting.shift();
  if (!mount) {
    scheduled = false;
    return;
  }
  startTransition(mount);
  whenIdle(mountNext);
}

function enqueue(mount: () => void) {
  waiting.push(mount);
  if (!scheduled) {
    scheduled = true;
    loadChartCode().then(
      () => whenIdle(mountNext),
      () => whenIdle(mountNext),
    );
  }
}

/**
 * A chart loaded when it comes near the viewport and drawn when it enters it: Recharts stays out
 * of the dashboard's first-load JavaScript and off the main thread until a chart is seen, and the
 * server-rendered figures around it are readable before it arrives. Charts that come into view
 * together mount one after another, each in its own idle period and as a transition, so that
 * Recharts' first render of several charts does not freeze the page in one long task.
 */
export function LazyChart({ label, empty, ...props }: ChartProps & { label: string; /** Said instead of a chart when there is nothing to draw. */ empty: string }) {
  const nothing = isEmptyChart(props as ChartProps);
  const box = useRef<HTMLElement>(null);
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el || drawn || nothing) return;
    // The code is fetched when the chart comes near; the chart is drawn only once it is on
    // screen: drawing is the costly part (each Recharts chart takes tens of milliseconds of
    // main thread on a phone), and a chart below the fold may never be looked at.
    const approach = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        approach.disconnect();
        void loadChartCode().catch(() => undefined);
      },
      { rootMargin: "200px" },
    );
    let queued = false;
    const seen = new IntersectionObserver((entries) => {
      if (queued || !entries.some((e) => e.isIntersecting)) return;
      queued = true;
      seen.disconnect();
      enqueue(() => setDrawn(true));
    });
    approach.observe(el);
    seen.observe(el);
    return () => {
      approach.disconnect();
      seen.disconnect();
    };
  }, [drawn, nothing]);
  if (nothing) {
    return (
      <figure aria-label={label} className="flex min-h-[160px] w-full items-center justify-center rounded border border-dashed border-slate-300 bg-slate-50 p-4 text-center text-sm text-slate-700" data-testid="chart-empty">
        <figcaption>{empty}</figcaption>
      </figure>
    );
  }
  return (
    <figure ref={box} aria-label={label} className="min-h-[240px] w-full" data-testid="chart">
      {drawn ? <Chart {...(props as ChartProps)} /> : <Placeholder />}
    </figure>
  );
}
