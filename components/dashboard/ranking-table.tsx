"use client";

import Link from "@/components/ui/link";
import { createColumnHelper } from "@tanstack/react-table";
import { useLocale, useTranslations } from "next-intl";
import { DataTable, serverTableFeatures, type ServerColumn } from "@/components/table/data-table";
import { formatNumber, formatPercent } from "@/lib/format";
import type { RankingRow } from "@/lib/indicators/series";

/**
 * What the table shows of a ranking row. The server sorts, so the metric values it sorts by stay
 * there and the page carries only the figures on screen.
 */
export type RankingTableRow = Pick<
  RankingRow,
  | "code"
  | "name"
  | "rank"
  | "communesTotal"
  | "communesWithTeam"
  | "teamsActive"
  | "membersActive"
  | "trained12m"
  | "peopleGuided"
  | "peopleCompleted"
  | "reportsSubmitted"
  | "reportsExpected"
>;

const helper = createColumnHelper<typeof serverTableFeatures, RankingTableRow>();

/**
 * Child units ranked by the map's indicator; sortable by any column (the sort is in the URL and
 * applied on the server). Links keep the period.
 */
export function RankingTable({
  rows,
  sort,
  level,
  query,
}: {
  rows: RankingTableRow[];
  sort?: { id: string; desc: boolean };
  level: "national" | "province";
  /** Period parameters appended to each unit link. */
  query: string;
}) {
  const t = useTranslations("dashboard");
  const locale = useLocale();
  const num = (v: number) => formatNumber(locale, v);
  const pct = (a: number, b: number) => formatPercent(locale, a, b);
  const right = { align: "right" } as const;

  // Sorting is done by the server (the URL's `sort`); each accessor names the value it sorts by.
  const columns = [
    helper.accessor("rank", { header: t("ranking.rank"), meta: right, cell: (c) => c.getValue() ?? "—" }),
    helper.accessor("name", {
      header: t("unitName"),
      cell: (c) => (
        <span className="whitespace-nowrap">
          <Link href={`/units/${c.row.original.code}${query}`} className="text-brand-700 hover:underline">
            {c.getValue()}
          </Link>
          {level === "province" && c.row.original.teamsActive === 0 && (
            <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-900">{t("noTeam")}</span>
          )}
        </span>
      ),
    }),
    ...(level === "national"
      ? [
          helper.accessor((r) => r.communesWithTeam / (r.communesTotal || 1), {
            id: "coverage",
            header: t("communesCovered"),
            meta: right,
            cell: (c) => `${num(c.row.original.communesWithTeam)}/${num(c.row.original.communesTotal)} · ${pct(c.row.original.communesWithTeam, c.row.original.communesTotal)}`,
          }),
        ]
      : []),
    helper.accessor((r) => r.teamsActive, { id: "teams", header: t("teams"), meta: right, cell: (c) => num(c.row.original.teamsActive) }),
    helper.accessor((r) => r.membersActive, { id: "members", header: t("members"), meta: right, cell: (c) => num(c.row.original.membersActive) }),
    helper.accessor((r) => (r.membersActive ? r.trained12m / r.membersActive : 0), { id: "trained", header: t("ranking.trained"), meta: right, cell: (c) => pct(c.row.original.trained12m, c.row.original.membersActive) }),
    helper.accessor((r) => r.peopleGuided, { id: "guided", header: t("peopleGuided"), meta: right, cell: (c) => num(c.row.original.peopleGuided) }),
    helper.accessor((r) => (r.peopleGuided ? r.peopleCompleted / r.peopleGuided : 0), { id: "completion", header: t("ranking.completion"), meta: right, cell: (c) => pct(c.row.original.peopleCompleted, c.row.original.peopleGuided) }),
    helper.accessor((r) => (r.reportsExpected ? r.reportsSubmitted / r.reportsExpected : 0), {
      id: "reports",
      header: t("ranking.reports"),
      meta: right,
      cell: (c) => `${num(c.row.original.reportsSubmitted)}/${num(c.row.original.reportsExpected)}`,
    }),
  ] as ServerColumn<RankingTableRow>[];

  return (
    <DataTable
      columns={columns}
      data={rows}
      sort={sort}
      caption={t(level === "national" ? "children.national" : "children.province")}
      empty={t("ranking.empty")}
      rowKey={(r) => r.code}
    />
  );
}
