import { readQuery } from "@/lib/validation/primitives";
import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "@/i18n/server";
import { TrainingFilters } from "@/components/trainings/training-filters";
import { TrainingTable } from "@/components/trainings/training-table";
import { FormAlert } from "@/components/ui/field";
import { KeysetPagination } from "@/components/ui/keyset-pagination";
import { buttonClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/dal/session";
import { listTrainings } from "@/lib/dal/trainings";
import { listCommunes, listProvinces } from "@/lib/dal/units";
import { vnToday } from "@/lib/domain/period";
import { formatNumber } from "@/lib/format";
import { trainingListSchema } from "@/lib/validation/trainings";
import { Download } from "@/components/downloads/download";
import { QueryNotice } from "@/components/notices/query-notice";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("trainings"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | undefined>> };

const FILTER_KEYS = ["q", "level", "topic", "format", "from", "to", "province", "commune"] as const;

export default async function TrainingsPage({ searchParams }: Props) {
  const actor = await requireActor();
  const query = await searchParams;
  const { data: params, invalid } = readQuery(trainingListSchema, query);
  const { rows, total, capped, sort, dir, previous, next } = await listTrainings(actor, params);
  const t = await getTranslations();
  const locale = await getLocale();
  const today = vnToday();
  const provinces = actor.role === "national" ? await listProvinces(actor) : [];
  const communeProvince = actor.role === "provincial" ? actor.provinceCode! : actor.role === "national" ? params.province : undefined;
  const communes = communeProvince ? await listCommunes(actor, communeProvince) : [];

  const filters = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = params[key];
    if (value) filters.set(key, value);
  }
  const exportHref = (format: "csv" | "xlsx", detail?: boolean) => {
    const p = new URLSearchParams(filters);
    p.set("format", format);
    if (detail) p.set("detail", "attendance");
    return `/api/export/trainings?${p}`;
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{t("trainings.title")}</h1>
          <p className="text-sm text-slate-600">{t("trainings.intro")}</p>
        </div>
        <Link href="/trainings/new" className={buttonClass.primary}>
          {t("trainings.new")}
        </Link>
      </div>
      {query.removed && <FormAlert tone="success">{t("trainings.removed")}</FormAlert>}
      <QueryNotice invalid={invalid} />
      <TrainingFilters
        values={params}
        role={actor.role}
        provinces={provinces}
        communes={communes}
      />
      <section className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm text-slate-700" aria-live="polite">
            {t(capped ? "trainings.list.totalMore" : "trainings.list.total", { count: formatNumber(locale, total) })}
          </p>
          <nav aria-label={t("trainings.export.label")} className="grid w-full grid-cols-2 gap-2 sm:flex sm:w-auto sm:flex-wrap">
            <Download href={exportHref("csv")} className={buttonClass.secondary}>
              {t("trainings.export.csv")}
            </Download>
            <Download href={exportHref("xlsx")} className={buttonClass.secondary}>
              {t("trainings.export.xlsx")}
            </Download>
            <Download href={exportHref("csv", true)} className={buttonClass.secondary}>
              {t("trainings.export.attendanceCsv")}
            </Download>
            <Download href={exportHref("xlsx", true)} className={buttonClass.secondary}>
              {t("trainings.export.attendanceXlsx")}
            </Download>
          </nav>
        </div>
        {sort !== params.sort && <p className="text-sm text-slate-600">{t("trainings.list.sortLimited")}</p>}
        <TrainingTable
          sort={{ id: sort, desc: dir === "desc" }}
          rows={rows.map((r) => ({
            id: r.id,
            level: r.level,
            unitName: r.communeName ?? r.provinceName ?? t("trainings.national"),
            title: r.title,
            topics: r.topics,
            heldOn: r.heldOn,
            hours: r.hours,
            format: r.format,
            attendance: r.attendance,
            outsideParticipants: r.outsideParticipants,
            canManage: r.canManage,
            planned: r.heldOn > today,
          }))}
        />
        <KeysetPagination path="/trainings" query={query} page={params.page} pageSize={params.pageSize} total={total} capped={capped} previous={previous} next={next} />
      </section>
    </div>
  );
}
