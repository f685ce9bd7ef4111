import { createElement as h, Fragment } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { barsMarkup, type CommuneBar } from "@/components/dashboard/commune-bar-list";
import { CommuneRows, type HamletRow, type ReportTile, type TeamRow } from "@/components/dashboard/commune-rows";
import { packRows, unpackRows } from "@/components/dashboard/packed-rows";
import { rankingBodyMarkup, type RankingTableRow } from "@/components/dashboard/ranking-table";
import { staticMarkup } from "@/components/dashboard/static-markup";
import { MapShapes, type MapDatum } from "@/components/map/province-map";

// Names as officials type them, and as an attacker would: they reach the page as markup strings.
const hostile = `Xã <script>alert("x")</script> & 'Ba' Vì`;

describe("rows packed into one string", () => {
  it("come back as they were, empty fields and all", () => {
    const rows = [
      ["09700", "Xã Ba Vì", "", "1.234"],
      ["10231", hostile, "1", ""],
    ];
    expect(unpackRows(packRows(rows))).toEqual(rows);
    expect(unpackRows(packRows([]))).toEqual([]);
  });

  it("keep a field's tabs and line breaks as spaces, as the page shows them, without moving a field", () => {
    expect(unpackRows(packRows([["Tổ\tdân\nphố\r\n1", "2"]]))).toEqual([["Tổ dân phố  1", "2"]]);
  });
});

describe("the ranking's rows written as one string", () => {
  const rows: RankingTableRow[] = [
    ["09700", "Xã Ba Vì", "", "1", "12", "134.132", "97,5%"],
    ["10231", hostile, "1", "2", "0", "—", "0%"],
  ];

  it("are the rows React would render, names escaped, the flag beside a commune without a team", () => {
    const html = rankingBodyMarkup(packRows(rows), 1, 5, "Không có đơn vị", "Chưa có tổ", "?from=2026-01-01");
    const reference = renderToStaticMarkup(
      h(
        "tbody",
        null,
        rows.map(([code, name, noTeam, ...cells]) =>
          h(
            "tr",
            { key: code },
            h("td", null, cells[0]),
            h(
              "td",
              null,
              noTeam
                ? h("span", { className: "flagged" }, h("a", { href: `/units/${code}?from=2026-01-01` }, name), h("span", { className: "flag" }, "Chưa có tổ"))
                : h("a", { href: `/units/${code}?from=2026-01-01` }, name),
            ),
            ...cells.slice(1).map((c, k) => h("td", { key: k }, c)),
          ),
        ),
      ),
    );
    // The class names come from the stylesheet module; compare the rest.
    const strip = (s: string) => s.replace(/ class="[^"]*"/g, "");
    expect(strip(`<tbody>${html}</tbody>`)).toBe(strip(reference));
    expect(html).not.toContain("<script>");
    expect(html).toContain("Xã &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;Ba&#x27; Vì");
  });

  it("show no flag where the ranking has none (the country's), and say so when there is no row", () => {
    expect(rankingBodyMarkup(packRows(rows), 1, 5, "—", undefined, "")).not.toContain("<span");
    expect(rankingBodyMarkup(packRows([]), 1, 9, "Chưa có đơn vị <nào>", undefined, "")).toBe('<tr><td colspan="9">Chưa có đơn vị &lt;nào&gt;</td></tr>');
  });
});

describe("the communes' bars written as one string", () => {
  it("are the items React would render, with the bar's width and colour as custom properties", () => {
    const bars: CommuneBar[] = [
      ["09700", "1", "Xã Ba Vì", "134.132", "100%", "#1e3a8a"],
      ["10231", "—", hostile, "Chưa có số liệu", "0%", "#e5e7eb"],
    ];
    const reference = renderToStaticMarkup(
      h(
        Fragment,
        null,
        bars.map(([code, rank, name, value, width, color]) =>
          h("li", { key: code }, h("a", { href: `/units/${code}?kind=year`, style: { "--bar": width, "--fill": color } }, h("span", null, rank), h("span", null, name), h("span", null, value))),
        ),
      ),
    );
    expect(barsMarkup(packRows(bars), "?kind=year")).toBe(reference);
    expect(barsMarkup(packRows(bars), "?kind=year")).not.toContain("<script>");
  });
});

describe("a commune's lists written as one string", () => {
  it("are the rows React would render for hamlets, teams and report tiles, names escaped", () => {
    const table = (body: React.ReactElement) => renderToStaticMarkup(h("table", null, body));
    const hamlets: HamletRow[] = [
      ["Thôn · " + hostile, "1.234", ""],
      ["Tổ dân phố · Số 2", "—", "Tổ CNS số 2"],
    ];
    const cell = (label: string, figure: boolean, ...children: React.ReactNode[]) =>
      h("td", { className: figure ? "px-3 py-2 text-right tabular-nums" : "px-3 py-2", "data-label": label }, ...children);
    expect(table(h(CommuneRows, { kind: "hamlets", labels: ["Thôn", "Số hộ", "Tổ"], noTeam: "Chưa có tổ", rows: packRows(hamlets) }))).toBe(
      table(
        h(
          "tbody",
          null,
          h("tr", { className: "border-t border-slate-100" }, cell("Thôn", false, "Thôn · " + hostile), cell("Số hộ", true, "1.234"), cell("Tổ", false, h("span", { className: "rounded bg-amber-100 px-1.5 text-xs text-amber-900" }, "Chưa có tổ"))),
          h("tr", { className: "border-t border-slate-100" }, cell("Thôn", false, "Tổ dân phố · Số 2"), cell("Số hộ", true, "—"), cell("Tổ", false, "Tổ CNS số 2")),
        ),
      ),
    );

    const teams: TeamRow[] = [[hostile, "Cấp xã", "12", "5 · 41,7%"]];
    const teamsHtml = table(h(CommuneRows, { kind: "teams", labels: ["Tổ", "Thành viên", "Được bồi dưỡng"], rows: packRows(teams) }));
    expect(teamsHtml).toContain(`<td class="px-3 py-2" data-label="Tổ"><span>Xã &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;Ba&#x27; Vì<span class="block text-xs text-slate-600">Cấp xã</span></span></td>`);
    expect(teamsHtml).toContain(`<td class="px-3 py-2 text-right tabular-nums" data-label="Được bồi dưỡng">5 · 41,7%</td>`);

    const reports: ReportTile[] = [
      ["/reports/00004/2026-10", "missing", "10/2026", "Chưa nộp", ""],
      ["/reports/00004/2026-09", "approved", "09/2026", "Đã duyệt", "05/10/2026"],
    ];
    expect(renderToStaticMarkup(h(CommuneRows, { kind: "reports", className: "grid", testId: "report-status", rows: packRows(reports) }))).toBe(
      '<ul class="grid" data-testid="report-status">' +
        '<li><a href="/reports/00004/2026-10" class="block h-full rounded border px-2 py-1.5 hover:border-brand-600 bg-red-50 border-red-300" data-status="missing"><span class="block font-semibold tabular-nums text-brand-800">10/2026</span><span>Chưa nộp</span></a></li>' +
        '<li><a href="/reports/00004/2026-09" class="block h-full rounded border px-2 py-1.5 hover:border-brand-600 bg-green-50 border-green-300" data-status="approved"><span class="block font-semibold tabular-nums text-brand-800">09/2026</span><span>Đã duyệt</span><span class="block text-xs text-slate-600">05/10/2026</span></a></li>' +
        "</ul>",
    );
  });
});

describe("the country's map written as one string", () => {
  it("is the map React would render, names and figures escaped, linked and unlinked provinces alike", () => {
    const data: MapDatum[] = [
      { code: "01", display: "98,8%", rank: "Hạng 1/34", color: "#1e3a8a", href: "/units/01?from=2026-01-01&to=2026-12-31" },
      { code: "79", display: hostile, rank: "", color: "#dbeafe" },
    ];
    const props = { data, archipelagoLabels: { "hoang-sa": "Hoàng Sa", "truong-sa": `Trường Sa ${hostile}` }, seaLabel: "Biển Đông" };
    const html = staticMarkup(h(MapShapes, props));
    // Inside an <svg>, as on the page (elsewhere React would lift each <title> into the head).
    expect(`<svg>${html}</svg>`).toBe(renderToStaticMarkup(h("svg", null, h(MapShapes, props))));
    expect(html).toContain('href="/units/01?from=2026-01-01&amp;to=2026-12-31"');
    expect(html).not.toContain("<script>");
  });
});
