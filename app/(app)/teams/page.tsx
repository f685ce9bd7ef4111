import { readQuery } from "@/lib/validation/primitives";
import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "@/i18n/server";
import { ExportLinks, ListFilters } from "@/components/rosters/list-filters";
import { TeamTable } from "@/components/rosters/roster-tables";
import { unitSelects } from "@/components/rosters/unit-selects";
import { Pagination } from "@/components/ui/pagination";
import { buttonClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/dal/session";
import { listTeams } from "@/lib/dal/teams";
import { formatNumber } from "@/lib/format";
import { teamListSchema } from "@/lib/validation/rosters";
import { QueryNotice } from "@/components/notices/query-notice";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rosters.teams"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export default async function TeamsPage({ searchParams }: Props) {
  const actor = await requireActor();
  const { data: params, query, invalid } = readQuery(teamListSchema, await searchParams);
  const [{ rows, total }, units, t, locale] = await Promise.all([listTeams(actor, params), unitSelects(actor, params, { hamlet: true }), getTranslations(), getLocale()]);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{t("rosters.teams.title")}</h1>
          <p className="text-sm text-slate-600">{t("rosters.teams.intro")}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          {actor.role !== "national" && (
            <Link href="/teams/new" className={buttonClass.primary}>
              {t("rosters.teams.new")}
            </Link>
          )}
          <ExportLinks endpoint="/api/export/teams" query={query} />
        </div>
      </div>
      <QueryNotice invalid={invalid} />
      <ListFilters
        path="/teams"
        q={params.q}
        searchHint={t("rosters.common.searchHint")}
        keep={{ sort: query.sort, dir: query.dir, pageSize: query.pageSize }}
        selects={[
          ...units,
          {
            name: "status",
            label: t("rosters.common.status"),
            value: params.status === "current" ? undefined : params.status,
            allLabel: t("rosters.common.current"),
            options: [
              { value: "active", label: t("catalog.teamStatuses.active") },
              { value: "dissolved", label: t("catalog.teamStatuses.dissolved") },
              { value: "removed", label: t("rosters.common.removed") },
            ],
          },
        ]}
      />
      <p className="text-sm text-slate-600" aria-live="polite">
        {t("rosters.common.total", { count: formatNumber(locale, total) })}
      </p>
      <TeamTable rows={rows} sort={{ id: params.sort, desc: params.dir === "desc" }} showUnit={actor.role !== "commune"} showProvince={actor.role === "national"} />
      <Pagination path="/teams" query={query} page={params.page} pageSize={params.pageSize} total={total} />
    </div>
  );
}
