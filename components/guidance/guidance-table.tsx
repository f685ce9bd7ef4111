"use client";

import Link from "@/components/ui/link";
import { useLocale, useTranslations } from "next-intl";
import { DataTable, type ServerColumn } from "@/components/table/data-table";
import { formatDate, formatNumber } from "@/lib/format";

export type GuidanceRow = {
  id: number;
  guidedOn: string;
  teamName: string;
  communeName: string;
  provinceName: string;
  skill: number;
  targetGroup: string;
  householdsVisited: number;
  peopleGuided: number;
  peopleCompleted: number;
  locked: boolean;
};

/** The guidance list: sorting lives in the URL and rows arrive sorted and paged from the server. */
export function GuidanceTable({ rows, sort, showCommune }: { rows: GuidanceRow[]; sort: { id: string; desc: boolean }; showCommune: boolean }) {
  const t = useTranslations();
  const locale = useLocale();
  const n = (v: number) => formatNumber(locale, v);
  const columns: ServerColumn<GuidanceRow>[] = [
    {
      id: "guidedOn",
      accessorKey: "guidedOn",
      header: () => t("guidance.date"),
      cell: ({ row }) => (
        <Link href={`/guidance/${row.original.id}`} className="font-medium text-brand-700 hover:underline">
          {formatDate(locale, row.original.guidedOn)}
        </Link>
      ),
    },
    { id: "team", accessorKey: "teamName", header: () => t("guidance.team") },
    ...(showCommune
      ? [{ id: "commune", accessorKey: "communeName", header: () => t("guidance.commune"), cell: ({ row }) => `${row.original.communeName}, ${row.original.provinceName}` } as ServerColumn<GuidanceRow>]
      : []),
    { id: "skill", accessorKey: "skill", header: () => t("guidance.skill"), cell: ({ row }) => `${row.original.skill}. ${t(`catalog.skills.${row.original.skill}`)}` },
    { id: "targetGroup", accessorKey: "targetGroup", header: () => t("guidance.targetGroup"), cell: ({ row }) => t(`catalog.targetGroups.${row.original.targetGroup}`) },
    { id: "householdsVisited", accessorKey: "householdsVisited", header: () => t("guidance.householdsVisited"), cell: ({ row }) => n(row.original.householdsVisited) },
    { id: "peopleGuided", accessorKey: "peopleGuided", header: () => t("guidance.peopleGuided"), cell: ({ row }) => n(row.original.peopleGuided) },
    { id: "peopleCompleted", accessorKey: "peopleCompleted", header: () => t("guidance.peopleCompleted"), cell: ({ row }) => n(row.original.peopleCompleted) },
    {
      id: "locked",
      accessorKey: "locked",
      enableSorting: false,
      header: () => t("guidance.status"),
      cell: ({ row }) =>
        row.original.locked ? (
          <span className="rounded bg-slate-200 px-1.5 text-slate-800">{t("guidance.locked")}</span>
        ) : (
          <span className="rounded bg-emerald-100 px-1.5 text-emerald-900">{t("guidance.open")}</span>
        ),
    },
  ];
  return <DataTable columns={columns} data={rows} sort={sort} caption={t("guidance.caption")} empty={t("guidance.empty")} rowKey={(r) => String(r.id)} />;
}
