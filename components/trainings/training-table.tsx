"use client";

import Link from "@/components/ui/link";
import { createColumnHelper } from "@tanstack/react-table";
import { useLocale, useTranslations } from "next-intl";
import { DataTable, serverTableFeatures } from "@/components/table/data-table";
import type { TrainingFormat, TrainingLevel } from "@/lib/domain/catalog";
import { formatDate, formatNumber } from "@/lib/format";

export type TrainingListRow = {
  id: number;
  level: TrainingLevel;
  unitName: string;
  title: string;
  topics: string[];
  heldOn: string;
  hours: number;
  format: TrainingFormat;
  attendance: number;
  outsideParticipants: number;
  canManage: boolean;
  planned: boolean;
};

const column = createColumnHelper<typeof serverTableFeatures, TrainingListRow>();

/** The trainings list; sorting is applied by the server from the URL. */
export function TrainingTable({ rows, sort }: { rows: TrainingListRow[]; sort: { id: string; desc: boolean } }) {
  const t = useTranslations();
  const locale = useLocale();
  const columns = column.columns([
    column.accessor("heldOn", {
      header: t("trainings.fields.heldOn"),
      cell: (info) => (
        <span className="whitespace-nowrap">
          {formatDate(locale, info.getValue())}
          {info.row.original.planned && <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900">{t("trainings.view.planned")}</span>}
        </span>
      ),
    }),
    column.accessor("title", {
      header: t("trainings.fields.title"),
      cell: (info) => (
        <span className="block min-w-48">
          <Link href={`/trainings/${info.row.original.id}`} className="font-medium text-brand-700 hover:underline">
            {info.getValue()}
          </Link>
          <span className="block text-xs text-slate-600">{info.row.original.topics.map((k) => t(`catalog.trainingTopics.${k}`)).join("; ")}</span>
        </span>
      ),
    }),
    column.accessor("level", { header: t("trainings.fields.level"), cell: (info) => t(`catalog.trainingLevels.${info.getValue()}`) }),
    column.accessor("unitName", { id: "unit", header: t("trainings.fields.organiser") }),
    column.accessor("format", { header: t("trainings.fields.format"), enableSorting: false, cell: (info) => t(`catalog.trainingFormats.${info.getValue()}`) }),
    column.accessor("hours", { header: t("trainings.fields.hours"), cell: (info) => formatNumber(locale, info.getValue(), info.getValue() % 1 ? 1 : 0) }),
    column.accessor("attendance", { header: t("trainings.fields.attendance"), cell: (info) => formatNumber(locale, info.getValue()) }),
    column.accessor("outsideParticipants", { id: "outside", header: t("trainings.fields.outsideParticipants"), cell: (info) => formatNumber(locale, info.getValue()) }),
  ]);
  return <DataTable columns={columns} data={rows} sort={sort} caption={t("trainings.list.caption")} empty={t("trainings.list.empty")} rowKey={(r) => String(r.id)} />;
}
