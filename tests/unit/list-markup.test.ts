import { createElement as h, Fragment } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { barsMarkup, type CommuneBar } from "@/components/dashboard/commune-bar-list";
import { rankingBodyMarkup, type RankingTableRow } from "@/components/dashboard/ranking-table";
import { CommuneRows } from "@/components/dashboard/commune-rows";

// Names as officials type them, and as an attacker would: they reach the page as markup strings.
const hostile = `Xã <script>alert("x")</script> & 'Ba' Vì`;
const rows: RankingTableRow[] = [
  { code: "09700", name: "Xã Ba Vì", noTeam: false, cells: ["1", "12", "134.132", "97,5%"] },
  { code: "10231", name: hostile, noTeam: true, cells: ["2", "0", "—", "0%"] },
];

describe("the ranking's rows written as one string", () => {
  it("are the rows React would render, names escaped, the flag beside a commune without a team", () => {
    const html = rankingBodyMarkup(rows, 1, 5, "Không có đơn vị", "Chưa có tổ", "?from=2026-01-01");
    const reference = renderToStaticMarkup(
      h(
        "tbody",
        null,
        rows.map((r) =>
          h(
            "tr",
            { key: r.code },
            h("td", null, r.cells[0]),
            h(
              "td",
              null,
              r.noTeam
                ? h("span", { className: "flagged" }, h("a", { href: `/units/${r.code}?from=2026-01-01` }, r.name), h("span", { className: "flag" }, "Chưa có tổ"))
                : h("a", { href: `/units/${r.code}?from=2026-01-01` }, r.name),
            ),
            ...r.cells.slice(1).map((c, k) => h("td", { key: k }, c)),
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

  it("says so when there is no row, across every column", () => {
    expect(rankingBodyMarkup([], 1, 9, "Chưa có đơn vị <nào>", undefined, "")).toBe('<tr><td colspan="9">Chưa có đơn vị &lt;nào&gt;</td></tr>');
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
    expect(barsMarkup(bars, "?kind=year")).toBe(reference);
    expect(barsMarkup(bars, "?kind=year")).not.toContain("<script>");
  });
});

describe("a commune's lists written as one string", () => {
  it("are the rows React would render for hamlets, teams and report tiles, names escaped", () => {
    const table = (body: React.ReactElement) => renderToStaticMarkup(h("table", null, body));
    const hamlets = table(h(CommuneRows, { kind: "hamlets", labels: ["Thôn", "Số hộ", "Tổ"], noTeam: "Chưa có tổ", rows: [["Thôn · " + hostile, "1.234", null], ["Tổ dân phố · Số 2", "—", "Tổ CNS số 2"]] }));
    expect(hamlets).toBe(
      table(
        h(
          "tbody",
          null,
          h("tr", { className: "border-t border-slate-100" }, h("td", { className: "px-3 py-2", "data-label": "Thôn" }, "Thôn · " + hostile), h("td", { className: "px-3 py-2 text-right tabular-nums", "data-label": "Số hộ" }, "1.234"), h("td", { className: "px-3 py-2", "data-label": "Tổ" }, h("span", { className: "rounded bg-amber-100 px-1.5 text-xs text-amber-900" }, "Chưa có tổ"))),
          h("tr", { className: "border-t border-slate-100" }, h("td", { className: "px-3 py-2", "data-label": "Thôn" }, "Tổ dân phố · Số 2"), h("td", { className: "px-3 py-2 text-right tabular-nums", "data-label": "Số hộ" }, "—"), h("td", { className: "px-3 py-2", "data-label": "Tổ" }, "Tổ CNS số 2")),
        ),
      ),
    );
    expect(hamlets).not.toContain("<script>");

    const teams = table(h(CommuneRows, { kind: "teams", labels: ["Tổ", "Thành viên", "Được bồi dưỡng"], rows: [[hostile, "Cấp xã", "12", "5 · 41,7%"]] }));
    expect(teams).toContain(`<td class="px-3 py-2" data-label="Tổ"><span>Xã &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;Ba&#x27; Vì<span class="block text-xs text-slate-600">Cấp xã</span></span></td>`);
    expect(teams).toContain(`<td class="px-3 py-2 text-right tabular-nums" data-label="Được bồi dưỡng">5 · 41,7%</td>`);

    const tiles = renderToStaticMarkup(
      h(CommuneRows, {
        kind: "reports",
        className: "grid",
        testId: "report-status",
        rows: [
          ["/reports/00004/2026-10", "missing", "10/2026", "Chưa nộp", null],
          ["/reports/00004/2026-09", "approved", "09/2026", "Đã duyệt", "05/10/2026"],
        ],
      }),
    );
    expect(tiles).toBe(
      '<ul class="grid" data-testid="report-status">' +
        '<li><a href="/reports/00004/2026-10" class="block h-full rounded border px-2 py-1.5 hover:border-brand-600 bg-red-50 border-red-300" data-status="missing"><span class="block font-semibold tabular-nums text-brand-800">10/2026</span><span>Chưa nộp</span></a></li>' +
        '<li><a href="/reports/00004/2026-09" class="block h-full rounded border px-2 py-1.5 hover:border-brand-600 bg-green-50 border-green-300" data-status="approved"><span class="block font-semibold tabular-nums text-brand-800">09/2026</span><span>Đã duyệt</span><span class="block text-xs text-slate-600">05/10/2026</span></a></li>' +
        "</ul>",
    );
  });
});
