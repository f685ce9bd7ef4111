"use client";

import { useRef, useState } from "react";

type Tip = { name: string; value: string; rank: string; x: number; y: number };

/**
 * The styled tooltip of the province map: reads the hovered or focused province's data
 * attributes, so the map itself stays server-rendered SVG.
 */
export function MapTooltip({ children }: { children: React.ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [tip, setTip] = useState<Tip | null>(null);

  const show = (target: EventTarget | null, x?: number, y?: number) => {
    const el = (target as Element | null)?.closest?.("[data-map-name]") as HTMLElement | SVGElement | null;
    const frame = box.current?.getBoundingClientRect();
    if (!el || !frame) return setTip(null);
    let px = x;
    let py = y;
    if (px === undefined || py === undefined) {
      const r = el.getBoundingClientRect();
      px = r.left + r.width / 2;
      py = r.top + r.height / 2;
    }
    setTip({
      name: el.dataset.mapName ?? "",
      value: el.dataset.mapValue ?? "",
      rank: el.dataset.mapRank ?? "",
      x: Math.min(px - frame.left, frame.width - 150),
      y: py - frame.top,
    });
  };

  return (
    <div
      ref={box}
      className="relative"
      onPointerMove={(e) => show(e.target, e.clientX, e.clientY)}
      onPointerLeave={() => setTip(null)}
      onFocus={(e) => show(e.target)}
      onBlur={() => setTip(null)}
    >
      {children}
      {tip && (
        <div
          role="tooltip"
          className="pointer-events-none absolute z-10 min-w-32 -translate-y-full rounded-md bg-slate-900/95 px-3 py-2 text-sm text-white shadow-lg"
          style={{ left: Math.max(0, tip.x + 8), top: tip.y - 8 }}
        >
          <p className="font-semibold">{tip.name}</p>
          {tip.value && <p className="tabular-nums">{tip.value}</p>}
          {tip.rank && <p className="text-slate-300">{tip.rank}</p>}
        </div>
      )}
    </div>
  );
}
