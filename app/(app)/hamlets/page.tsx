import { readQuery } from "@/lib/validation/primitives";
import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "@/i18n/server";
import { ExportLinks, ListFilters } from "@/components/rosters/list-filters";
import { HamletTable } from "@/components/rosters/roster-tables";
import { unitSelects } from "@/components/rosters/unit-selects";
import { Pagination } from "@/components/ui/pagination";
import { buttonClass } from "@/components/ui/styles";
import { listHamlets } from "@/lib/dal/hamlets";
import { requireActor } from "@/lib/dal/session";
import { HAMLET_KINDS } from "@/lib/domain/catalog";
import { formatNumber } from "@/lib/format";
import { hamletListSchema } from "@/lib/validation/rosters";
import { QueryNotice } from "@/components/notices/query-notice";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rosters.hamlets"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export default async function HamletsPage({ searchParams }: Props) {
  const actor = await requireActor();
  const { data: params, query, invalid } = readQuery(hamletListSchema, await searchParams);
  const [{ rows, total }, units, t, locale] = await Promise.all([listHamlets(actor, params), unitSelects(actor, params), getTranslations(), getLocale()]);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{t("rosters.hamlets.title")}</h1>
          <p className="text-sm text-slate-600">{t("rosters.hamlets.intro")}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          {actor.role !== "national" && (
            <Link href="/hamlets/new" className={buttonClass.primary}>
              {t("rosters.hamlets.new")}
            </Link>
          )}
          <ExportLinks endpoint="/api/export/hamlets" query={query} />
        </div>
      </div>
      <QueryNotice invalid={invalid} />
      <ListFilters
        path="/hamlets"
        q={params.q}
        searchHint={t("rosters.common.searchHint")}
        keep={{ sort: query.sort, dir: query.dir, pageSize: query.pageSize }}
        selects={[
          ...units,
          { name: "kind", label: t("rosters.hamlets.kind"), value: params.kind, allLabel: t("rosters.hamlets.allKinds"), options: HAMLET_KINDS.map((k) => ({ value: k, label: t(`catalog.hamletKinds.${k}`) })) },
          { name: "status", label: t("rosters.common.status"), value: params.status === "removed" ? "removed" : undefined, allLabel: t("rosters.common.current"), options: [{ value: "removed", label: t("rosters.common.removed") }] },
        ]}
      />
      <p className="text-sm text-slate-600" aria-live="polite">
        {t("rosters.common.total", { count: formatNumber(locale, total) })}
      </p>
      <HamletTable rows={rows} sort={{ id: params.sort, desc: params.dir === "desc" }} showUnit={actor.role !== "commune"} showProvince={actor.role === "national"} />
      <Pagination path="/hamlets" query={query} page={params.page} pageSize={params.pageSize} total={total} />
    </div>
  );
}
