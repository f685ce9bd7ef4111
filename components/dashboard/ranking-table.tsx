"use client";

import Link from "@/components/ui/link";
import { createColumnHelper } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { DataTable, serverTableFeatures, type ServerColumn } from "@/components/table/data-table";

/**
 * A ranking row as the table shows it. The server sorts and formats: the figures arrive as the
 * text on screen, so the browser builds no number formatter while the page hydrates.
 */
export type RankingTableRow = {
  code: string;
  name: string;
  /** A commune with no active team is flagged in the province's table. */
  noTeam: boolean;
  rank: string;
  coverage: string;
  teams: string;
  members: string;
  trained: string;
  guided: string;
  completion: string;
  reports: string;
};

const helper = createColumnHelper<typeof serverTableFeatures, RankingTableRow>();
const right = { align: "right" } as const;

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
  const figure = (id: Exclude<keyof RankingTableRow, "code" | "name" | "noTeam" | "rank">, header: string) =>
    // Counts and shares sort largest first.
    helper.accessor(id, { header, meta: right, sortDescFirst: true, cell: (c) => c.getValue() });

  const columns = [
    helper.accessor("rank", { header: t("ranking.rank"), meta: right, cell: (c) => c.getValue() }),
    helper.accessor("name", {
      header: t("unitName"),
      cell: (c) => (
        <span className="whitespace-nowrap">
          <Link href={`/units/${c.row.original.code}${query}`} className="text-brand-700 hover:underline">
            {c.getValue()}
          </Link>
          {level === "province" && c.row.original.noTeam && (
            <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-900">{t("noTeam")}</span>
          )}
        </span>
      ),
    }),
    ...(level === "national" ? [figure("coverage", t("communesCovered"))] : []),
    figure("teams", t("teams")),
    figure("members", t("members")),
    figure("trained", t("ranking.trained")),
    figure("guided", t("peopleGuided")),
    figure("completion", t("ranking.completion")),
    figure("reports", t("ranking.reports")),
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
