import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { donutSlices, fittedScale, labelStep, stack, textWidth, valueScale, wrapLabel } from "@/components/dashboard/chart-geometry";
import { formatAxisNumber } from "@/lib/format";
import { ChartSvg, chartTable, NARROW, WIDE, type ChartProps } from "@/components/dashboard/charts";

const months = (n: number) => Array.from({ length: n }, (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}-01`);
const svg = (props: ChartProps, width = WIDE) => renderToStaticMarkup(createElement(ChartSvg, { props, width }));
const attrs = (markup: string, tag: string) => [...markup.matchAll(new RegExp(`<${tag} ([^>]*)>`, "g"))].map((m) => Object.fromEntries([...m[1].matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])));

describe("valueScale", () => {
  it("ends on a round tick at or above the largest value and maps it proportionally", () => {
    const scale = valueScale(195_000, 200);
    expect(scale.ticks).toEqual([0, 50_000, 100_000, 150_000, 200_000]);
    expect(scale.at(0)).toBe(0);
    expect(scale.at(100_000)).toBe(100);
    expect(scale.at(200_000)).toBe(200);
    // Negative or out-of-range figures never draw outside the plot.
    expect(scale.at(-5)).toBe(0);
    expect(scale.at(10_000_000)).toBe(200);
  });

  it("has a visible axis when everything is zero", () => {
    const scale = valueScale(0, 100);
    expect(scale.ticks).toEqual([0, 1]);
    expect(scale.at(0)).toBe(0);
  });
});

describe("stack", () => {
  it("piles each row's series from zero in order, missing and negative figures counting as zero", () => {
    const [row] = stack([{ month: "2026-01-01", a: 3, b: 0, c: 5, d: -2 }], ["a", "b", "c", "d", "e"]);
    expect(row.map((s) => [s.from, s.to])).toEqual([
      [0, 3],
      [3, 3],
      [3, 8],
      [8, 8],
      [8, 8],
    ]);
  });

  it("draws a stacked bar exactly as tall as the month's total", () => {
    const props: ChartProps = {
      kind: "trend",
      locale: "vi",
      rows: [
        { month: "2026-01-01", s1: 40, s2: 60 },
        { month: "2026-02-01", s1: 10, s2: 0 },
      ],
      series: [
        { key: "s1", label: "Một" },
        { key: "s2", label: "Hai" },
      ],
    };
    const rects = attrs(svg(props), "rect").map((r) => ({ y: Number(r.y), height: Number(r.height) }));
    expect(rects).toHaveLength(3); // the zero segment is not drawn
    const [jan1, jan2, feb] = rects;
    // January (100) reaches the top tick (100); February (10) a tenth of it; segments touch.
    expect(jan2.y + jan2.height).toBeCloseTo(jan1.y);
    expect(jan1.height + jan2.height).toBeCloseTo(feb.height * 10);
  });
});

describe("wrapLabel", () => {
  it("breaks at spaces within the width", () => {
    expect(wrapLabel("Bảo vệ bản thân trên không gian mạng", 16)).toEqual(["Bảo vệ bản thân", "trên không gian", "mạng"]);
    expect(wrapLabel("Khác", 16)).toEqual(["Khác"]);
  });

  it("cuts a word longer than a line and ends a label too long for the lines allowed with an ellipsis", () => {
    expect(wrapLabel("Abcdefghijklmnop", 6)).toEqual(["Abcdef", "ghijkl", "mnop"]);
    const lines = wrapLabel("một hai ba bốn năm sáu bảy tám chín mười", 8, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1].endsWith("…")).toBe(true);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(8);
  });
});

describe("labelStep", () => {
  it("prints every label when they fit and thins them when they would touch", () => {
    expect(labelStep(12, 50, textWidth("00/00"))).toBe(1);
    expect(labelStep(36, 15, textWidth("00/00"))).toBe(3);
    expect(labelStep(1, 1, 100)).toBe(1);
  });

  it("keeps month labels of a long period apart on a phone-width chart", () => {
    const rows = months(36).map((month) => ({ month, s1: 5 }));
    const markup = svg({ kind: "trend", locale: "vi", rows, series: [{ key: "s1", label: "Một" }] }, NARROW);
    const labels = attrs(markup, "text")
      .filter((t) => t.y === "234") // the month labels' baseline, under the plot
      .map((t) => Number(t.x));
    expect(labels.length).toBeGreaterThan(3);
    expect(labels.length).toBeLessThan(36);
    const width = textWidth("00/00");
    for (let i = 1; i < labels.length; i++) expect(labels[i] - labels[i - 1]).toBeGreaterThanOrEqual(width);
  });
});

describe("category bars", () => {
  const props: ChartProps = {
    kind: "breakdown",
    locale: "vi",
    rows: [
      { label: "Bảo vệ bản thân trên không gian mạng", guided: 400_000, completed: 150_000 },
      { label: "Khác", guided: 90_000, completed: 0 },
    ],
    guidedLabel: "Được hướng dẫn",
    completedLabel: "Hoàn thành",
  };

  it("gives a wrapped name room beside its bars without touching the next row", () => {
    for (const width of [NARROW, WIDE]) {
      const markup = svg(props, width);
      const rects = attrs(markup, "rect").map((r) => ({ y: Number(r.y), height: Number(r.height), width: Number(r.width) }));
      // Row 1's bars end above row 2's first bar, with the longer row's wrapped lines in between.
      expect(rects[1].y + rects[1].height).toBeLessThan(rects[2].y);
      const lines = (markup.match(/<tspan/g) ?? []).length;
      expect(lines).toBeGreaterThan(2);
      // Widths in proportion to the figures, the axis ending on the round tick 400 nghìn.
      expect(rects[0].width / rects[2].width).toBeCloseTo(400 / 90);
      expect(markup).toContain(">400 nghìn<");
      // Nothing drawn past the right edge.
      for (const r of rects) expect(r.width).toBeLessThanOrEqual(width);
    }
  });

  it("lists the exact figures in a table", () => {
    const table = chartTable(props, { month: "Tháng", category: "Phân loại", count: "Số lượng", total: "Tổng", share: "Tỷ lệ" });
    expect(table.head).toEqual(["Phân loại", "Được hướng dẫn", "Hoàn thành"]);
    expect(table.body[0]).toEqual(["Bảo vệ bản thân trên không gian mạng", "400.000", "150.000"]);
  });
});

describe("donutSlices", () => {
  it("draws one path per non-zero share and a whole circle as two half arcs", () => {
    const slices = donutSlices([0, 30, 10], 90, 90, 88, 45);
    expect(slices[0]).toBeNull();
    expect(slices[1]).toMatch(/^M90 2A88 88 0 1 1 /); // three quarters: the large arc
    expect(slices[2]).toMatch(/A88 88 0 0 1 90 2L/); // the last quarter ends back at twelve o'clock
    const whole = donutSlices([5], 90, 90, 88, 45)[0]!;
    expect(whole.match(/M/g)).toHaveLength(2);
    expect(donutSlices([0, 0], 90, 90, 88, 45)).toEqual([null, null]);
  });
});

describe("fittedScale", () => {
  const width = (v: number) => textWidth(formatAxisNumber("vi", v));
  it("keeps five round ticks where their labels fit and fewer where they would touch", () => {
    expect(fittedScale(400_000, 600, width).ticks).toEqual([0, 100_000, 200_000, 300_000, 400_000]);
    const narrow = fittedScale(300_000, 190, width);
    expect(narrow.ticks.length).toBeLessThan(4);
    expect(narrow.top).toBeGreaterThanOrEqual(300_000);
    const spacing = 190 / (narrow.ticks.length - 1);
    for (let i = 1; i < narrow.ticks.length; i++) expect(spacing).toBeGreaterThan((width(narrow.ticks[i]) + width(narrow.ticks[i - 1])) / 2);
  });
});
