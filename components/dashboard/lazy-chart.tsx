"use client";

import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import type { ChartProps } from "./charts";

const Chart = dynamic(() => import("./charts"), {
  ssr: false,
  loading: () => <Placeholder />,
});

function Placeholder() {
  return <div className="h-[240px] animate-pulse rounded bg-slate-100" />;
}

/**
 * A chart loaded when it comes near the viewport: Recharts stays out of the dashboard's
 * first-load JavaScript and off the main thread until a chart is about to be seen, and the
 * server-rendered figures around it are readable before it arrives.
 */
export function LazyChart({ label, ...props }: ChartProps & { label: string }) {
  const box = useRef<HTMLElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el || near) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), { rootMargin: "200px" });
    observer.observe(el);
    return () => observer.disconnect();
  }, [near]);
  return (
    <figure ref={box} aria-label={label} className="min-h-[240px] w-full" data-testid="chart">
      {near ? <Chart {...(props as ChartProps)} /> : <Placeholder />}
    </figure>
  );
}
