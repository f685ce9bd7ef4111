import { createElement, Fragment } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ChartContent } from "@/components/dashboard/chart-content";
import { chartTable, type ChartProps } from "@/components/dashboard/charts";
import { staticMarkup } from "@/components/dashboard/static-markup";

const months = ["2026-01-01", "2026-02-01", "2026-03-01"];
const charts: ChartProps[] = [
  {
    kind: "trend",
    locale: "vi",
    rows: months.map((month, i) => ({ month, s1: 1200 * i, s2: 35, s3: 0 })),
    series: [
      { key: "s1", label: "Kỹ năng <1> & “dịch vụ công”" },
      { key: "s2", label: "Hai" },
      { key: "s3", label: "Ba" },
    ],
  },
  { kind: "roster", locale: "en", rows: months.map((month, i) => ({ month, teams: 3 + i, members: 12_000 + i })), teamsLabel: "Teams", membersLabel: "Members" },
  {
    kind: "breakdown",
    locale: "vi",
    rows: [
      { label: "Người cao tuổi, người khuyết tật và đối tượng chính sách", guided: 1_234_567, completed: 1_000_000 },
      { label: "Học sinh 'THPT'", guided: 5, completed: 0 },
    ],
    guidedLabel: "Được hướng dẫn",
    completedLabel: "Hoàn thành",
  },
  { kind: "count", locale: "vi", rows: [{ label: "Đoàn Thanh niên", value: 42 }], valueLabel: "Thành viên" },
  { kind: "share", locale: "vi", rows: [{ label: "Nữ", value: 3 }, { label: "Nam", value: 5 }, { label: "Khác", value: 0 }] },
];
const words = { month: "Tháng", category: "Nhóm", count: "Số", total: "Tổng", share: "Tỉ lệ" };

describe("staticMarkup", () => {
  it.each(charts.flatMap((chart) => [false, true].map((full) => [chart.kind, full, chart] as const)))(
    "writes a %s chart's drawings, legend and table (full width: %s) exactly as React's server renderer does",
    (_kind, full, chart) => {
      const element = createElement(ChartContent, { chart, label: "Biểu đồ <thử> & \"nháy\"", full, table: chartTable(chart, words), figures: "Xem bảng số liệu" });
      const markup = staticMarkup(element);
      expect(markup).toBe(renderToStaticMarkup(element));
      expect(markup).toContain("<svg");
    },
  );

  it("writes booleans, numbers, styles, void elements and fragments as React does", () => {
    const element = createElement(
      "div",
      { className: "a", hidden: true, tabIndex: 0, "aria-hidden": "true", "data-n": 3, style: { background: "#fff", marginTop: 4, opacity: 0 }, onClick: () => undefined },
      createElement(Fragment, null, "x < y", createElement("br"), 7, null, false, [createElement("span", { key: "k" }, "'q'")]),
      createElement("details", { open: false }, createElement("summary", null, "s")),
      createElement("svg", { viewBox: "0 0 10 10", focusable: "false" }, createElement("line", { strokeDasharray: "3 3", strokeWidth: 1, textAnchor: "end" })),
    );
    expect(staticMarkup(element)).toBe(renderToStaticMarkup(element));
  });
});
