import { readQuery } from "@/lib/validation/primitives";
import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "@/i18n/server";
import { ExportLinks, ListFilters } from "@/components/rosters/list-filters";
import { MemberTable } from "@/components/rosters/roster-tables";
import { unitSelects } from "@/components/rosters/unit-selects";
import { Pagination } from "@/components/ui/pagination";
import { buttonClass } from "@/components/ui/styles";
import { listMembers } from "@/lib/dal/members";
import { requireActor } from "@/lib/dal/session";
import { AFFILIATIONS, GENDERS, POSITIONS } from "@/lib/domain/catalog";
import { formatNumber } from "@/lib/format";
import { memberListSchema } from "@/lib/validation/rosters";
import { Download } from "@/components/downloads/download";
import { QueryNotice } from "@/components/notices/query-notice";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rosters.members"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export default async function MembersPage({ searchParams }: Props) {
  const actor = await requireActor();
  const { data: params, query, invalid } = readQuery(memberListSchema, await searchParams);
  const [{ rows, total, capped }, units, t, locale] = await Promise.all([
    listMembers(actor, params),
    unitSelects(actor, params, { hamlet: true, team: true }),
    getTranslations(),
    getLocale(),
  ]);
  const options = (group: string, values: readonly string[]) => values.map((v) => ({ value: v, label: t(`catalog.${group}.${v}`) }));
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{t("rosters.members.title")}</h1>
          <p className="text-sm text-slate-600">{t("rosters.members.intro")}</p>
          {actor.role === "national" && <p className="text-sm text-slate-600">{t("rosters.members.masked")}</p>}
        </div>
        <div className="flex flex-wrap gap-2">
          {actor.role !== "national" && (
            <>
              <Link href="/members/new" className={buttonClass.primary}>
                {t("rosters.members.new")}
              </Link>
              <Link href="/members/import" className={buttonClass.secondary}>
                {t("rosters.members.import")}
              </Link>
              <Download href="/members/import/template" className={buttonClass.secondary}>
                {t("rosters.members.template")}
              </Download>
            </>
          )}
          <ExportLinks endpoint="/api/export/members" query={query} />
        </div>
      </div>
      <QueryNotice invalid={invalid} />
      <ListFilters
        path="/members"
        q={params.q}
        searchHint={actor.role === "national" ? t("rosters.common.searchHint") : t("rosters.members.searchHint")}
        keep={{ sort: query.sort, dir: query.dir, pageSize: query.pageSize }}
        selects={[
          ...units,
          { name: "position", label: t("rosters.members.position"), value: params.position, allLabel: t("rosters.members.allPositions"), options: options("positions", POSITIONS) },
          { name: "affiliation", label: t("rosters.members.affiliations"), value: params.affiliation, allLabel: t("rosters.members.allAffiliations"), options: options("affiliations", AFFILIATIONS) },
          { name: "gender", label: t("rosters.members.gender"), value: params.gender, allLabel: t("rosters.members.allGenders"), options: options("genders", GENDERS) },
          {
            name: "status",
            label: t("rosters.common.status"),
            value: params.status === "current" ? undefined : params.status,
            allLabel: t("rosters.common.current"),
            options: [
              { value: "active", label: t("rosters.members.active") },
              { value: "left", label: t("rosters.members.left") },
              { value: "removed", label: t("rosters.common.removed") },
            ],
          },
        ]}
      />
      <p className="text-sm text-slate-600" aria-live="polite">
        {t(capped ? "rosters.common.totalMore" : "rosters.common.total", { count: formatNumber(locale, total) })}
      </p>
      <MemberTable rows={rows} sort={{ id: params.sort, desc: params.dir === "desc" }} showUnit={actor.role !== "commune"} showProvince={actor.role === "national"} />
      <Pagination path="/members" query={query} page={params.page} pageSize={params.pageSize} total={total} />
    </div>
  );
}
