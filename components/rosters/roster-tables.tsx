"use client";

import Link from "@/components/ui/link";
import { useLocale, useTranslations } from "next-intl";
import { DataTable, type ServerColumn } from "@/components/table/data-table";
import { displayPhone } from "./display";
import { formatDate, formatNumber } from "@/lib/format";

type Sort = { id: string; desc: boolean };
type Unit = { communeName: string; provinceName: string };

export type HamletRow = Unit & { id: number; name: string; kind: string; households: number | null; teamCount: number; deletedAt: Date | null };
export type TeamRow = Unit & {
  id: number;
  name: string;
  hamletName: string | null;
  establishedOn: string | null;
  status: string;
  dissolvedOn: string | null;
  memberCount: number;
  leaderName: string | null;
  zaloUrl: string | null;
};
export type MemberRow = Unit & {
  id: number;
  fullName: string;
  gender: string;
  birthYear: number | null;
  phone: string | null;
  position: string;
  affiliations: string[];
  teamId: number;
  teamName: string;
  hamletName: string | null;
  joinedOn: string | null;
  leftOn: string | null;
  deletedAt: Date | null;
};

const linkClass = "font-medium text-brand-700 hover:underline";

function unitColumn<T extends Unit>(label: string, showProvince: boolean): ServerColumn<T> {
  return {
    id: "commune",
    accessorFn: (r) => r.communeName,
    header: label,
    cell: ({ row }) => <span className="whitespace-nowrap">{showProvince ? `${row.original.communeName}, ${row.original.provinceName}` : row.original.communeName}</span>,
  };
}

export function HamletTable({ rows, sort, showUnit, showProvince }: { rows: HamletRow[]; sort: Sort; showUnit: boolean; showProvince: boolean }) {
  const t = useTranslations();
  const locale = useLocale();
  const columns: ServerColumn<HamletRow>[] = [
    { id: "name", accessorFn: (r) => r.name, header: t("rosters.hamlets.name"), cell: ({ row }) => <Link href={`/hamlets/${row.original.id}`} className={linkClass}>{row.original.name}</Link> },
    { id: "kind", accessorFn: (r) => r.kind, header: t("rosters.hamlets.kind"), cell: ({ row }) => t(`catalog.hamletKinds.${row.original.kind}`) },
    { id: "households", accessorFn: (r) => r.households, header: t("rosters.hamlets.households"), cell: ({ row }) => (row.original.households === null ? "" : formatNumber(locale, row.original.households)) },
    { id: "teams", accessorFn: (r) => r.teamCount, header: t("rosters.hamlets.teams"), cell: ({ row }) => formatNumber(locale, row.original.teamCount) },
    ...(showUnit ? [unitColumn<HamletRow>(t("rosters.common.commune"), showProvince)] : []),
  ];
  return <DataTable columns={columns} data={rows} sort={sort} caption={t("rosters.hamlets.caption")} empty={t("rosters.hamlets.empty")} rowKey={(r) => String(r.id)} />;
}

export function TeamTable({ rows, sort, showUnit, showProvince }: { rows: TeamRow[]; sort: Sort; showUnit: boolean; showProvince: boolean }) {
  const t = useTranslations();
  const locale = useLocale();
  const columns: ServerColumn<TeamRow>[] = [
    { id: "name", accessorFn: (r) => r.name, header: t("rosters.teams.name"), cell: ({ row }) => <Link href={`/teams/${row.original.id}`} className={`${linkClass} whitespace-nowrap`}>{row.original.name}</Link> },
    { id: "hamlet", accessorFn: (r) => r.hamletName, header: t("rosters.common.hamlet"), cell: ({ row }) => row.original.hamletName ?? t("rosters.common.communeLevel") },
    ...(showUnit ? [unitColumn<TeamRow>(t("rosters.common.commune"), showProvince)] : []),
    { id: "leader", header: t("rosters.teams.leader"), enableSorting: false, cell: ({ row }) => row.original.leaderName ?? "" },
    { id: "members", accessorFn: (r) => r.memberCount, header: t("rosters.teams.members"), cell: ({ row }) => formatNumber(locale, row.original.memberCount) },
    { id: "establishedOn", accessorFn: (r) => r.establishedOn, header: t("rosters.teams.establishedOn"), cell: ({ row }) => (row.original.establishedOn ? formatDate(locale, row.original.establishedOn) : "") },
    {
      id: "status",
      accessorFn: (r) => r.status,
      header: t("rosters.common.status"),
      cell: ({ row }) =>
        row.original.status === "active" ? (
          <span className="rounded bg-emerald-100 px-1.5 text-emerald-900">{t("catalog.teamStatuses.active")}</span>
        ) : (
          <span className="rounded bg-slate-200 px-1.5 text-slate-800">
            {t("catalog.teamStatuses.dissolved")}
            {row.original.dissolvedOn ? ` ${formatDate(locale, row.original.dissolvedOn)}` : ""}
          </span>
        ),
    },
  ];
  return <DataTable columns={columns} data={rows} sort={sort} caption={t("rosters.teams.caption")} empty={t("rosters.teams.empty")} rowKey={(r) => String(r.id)} />;
}

export function MemberTable({ rows, sort, showUnit, showProvince, showTeam = true }: { rows: MemberRow[]; sort?: Sort; showUnit: boolean; showProvince: boolean; showTeam?: boolean }) {
  const t = useTranslations();
  const locale = useLocale();
  const sortable = sort !== undefined;
  const columns: ServerColumn<MemberRow>[] = [
    {
      id: "fullName",
      accessorFn: (r) => r.fullName,
      header: t("rosters.members.fullName"),
      enableSorting: sortable,
      cell: ({ row }) => (
        <span className="whitespace-nowrap">
          <Link href={`/members/${row.original.id}`} className={linkClass}>
            {row.original.fullName}
          </Link>
          {row.original.leftOn && <span className="ml-1 rounded bg-slate-200 px-1.5 text-xs text-slate-800">{t("rosters.members.left")}</span>}
        </span>
      ),
    },
    { id: "position", accessorFn: (r) => r.position, header: t("rosters.members.position"), enableSorting: sortable, cell: ({ row }) => t(`catalog.positions.${row.original.position}`) },
    {
      id: "birthYear",
      accessorFn: (r) => r.birthYear,
      header: t("rosters.members.birthYear"),
      enableSorting: sortable,
      cell: ({ row }) => <span className="whitespace-nowrap">{[t(`catalog.genders.${row.original.gender}`), row.original.birthYear].filter(Boolean).join(", ")}</span>,
    },
    { id: "phone", header: t("rosters.members.phone"), enableSorting: false, cell: ({ row }) => <span className="whitespace-nowrap tabular-nums">{displayPhone(row.original.phone)}</span> },
    ...(showTeam
      ? [
          {
            id: "team",
            accessorFn: (r: MemberRow) => r.teamName,
            header: t("rosters.common.team"),
            enableSorting: sortable,
            cell: ({ row }: { row: { original: MemberRow } }) => (
              <Link href={`/teams/${row.original.teamId}`} className={`${linkClass} whitespace-nowrap`}>
                {row.original.teamName}
              </Link>
            ),
          } satisfies ServerColumn<MemberRow>,
        ]
      : []),
    ...(showUnit ? [{ ...unitColumn<MemberRow>(t("rosters.common.commune"), showProvince), enableSorting: sortable }] : []),
    {
      id: "affiliations",
      header: t("rosters.members.affiliations"),
      enableSorting: false,
      meta: { card: false },
      cell: ({ row }) => <span className="whitespace-nowrap">{row.original.affiliations.map((a) => t(`catalog.affiliations.${a}`)).join(", ")}</span>,
    },
    { id: "joinedOn", accessorFn: (r) => r.joinedOn, header: t("rosters.members.joinedOn"), enableSorting: sortable, meta: { card: false }, cell: ({ row }) => (row.original.joinedOn ? formatDate(locale, row.original.joinedOn) : "") },
  ];
  return <DataTable columns={columns} data={rows} sort={sort} caption={t("rosters.members.caption")} empty={t("rosters.members.empty")} rowKey={(r) => String(r.id)} />;
}
