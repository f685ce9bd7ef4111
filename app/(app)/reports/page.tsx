import { readQuery } from "@/lib/validation/primitives";
import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "@/i18n/server";
import { CommuneReportTable, DeadlineNote, ProvinceReportTable, ReportCountCards } from "@/components/reports/report-overview";
import { ReportStatusBadge } from "@/components/reports/status-badge";
import { Breadcrumb } from "@/components/shell/app-shell";
import { buttonClass, cardClass, inputClass } from "@/components/ui/styles";
import { addMonths } from "@/lib/domain/period";
import { orNotFound } from "@/lib/dal/not-found";
import { communeReports, currentMonth, nationalReportOverview, provinceReportOverview } from "@/lib/dal/reports";
import { requireActor } from "@/lib/dal/session";
import { formatDate, formatDateTime, formatMonth, formatNumber } from "@/lib/format";
import { parseMonth, reportListSchema } from "@/lib/validation/reports";
import { scrollRegion } from "@/components/ui/scroll-region";
import { Download } from "@/components/downloads/download";
import { QueryNotice } from "@/components/notices/query-notice";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | undefined>> };

async function MonthPicker({ month, province }: { month: string; province?: string }) {
  const t = await getTranslations("reports");
  return (
    <form method="get" className={`${cardClass} flex flex-wrap items-end gap-3`}>
      {province && <input type="hidden" name="province" value={province} />}
      <label className="text-sm">
        <span className="block text-slate-700">{t("month")}</span>
        <input type="month" name="month" defaultValue={month.slice(0, 7)} max={currentMonth().slice(0, 7)} className={inputClass} />
      </label>
      <button type="submit" className={buttonClass.secondary}>
        {t("show")}
      </button>
    </form>
  );
}

async function ExportLinks({ query }: { query: string }) {
  const t = await getTranslations("reports");
  return (
    <div className="flex gap-3 text-sm">
      <Download href={`/api/export/reports?format=csv&${query}`} className={buttonClass.link}>
        {t("exportCsv")}
      </Download>
      <Download href={`/api/export/reports?format=xlsx&${query}`} className={buttonClass.link}>
        {t("exportXlsx")}
      </Download>
    </div>
  );
}

export default async function ReportsPage({ searchParams }: Props) {
  const actor = await requireActor();
  const { data: params, invalid } = readQuery(reportListSchema, await searchParams);
  const t = await getTranslations();
  const locale = await getLocale();
  const month = parseMonth(params.month) ?? addMonths(currentMonth(), -1);
  const monthQuery = `month=${month.slice(0, 7)}`;

  if (actor.role === "commune") {
    const { commune, months } = await communeReports(actor, actor.communeCode!);
    const current = months[0];
    const n = (v: number) => formatNumber(locale, v);
    return (
      <div className="space-y-4">
        <div>
          <h1 className="text-2xl font-bold">{t("reports.title")}</h1>
          <p className="text-sm text-slate-600">{t("reports.introCommune")}</p>
        </div>
        <section className={cardClass}>
          <h2 className="font-semibold">{t("reports.currentMonth", { month: formatMonth(current.month) })}</h2>
          <dl className="mt-2 grid grid-cols-3 gap-3 text-sm">
            <div><dt className="text-slate-600">{t("reports.records")}</dt><dd className="text-xl font-bold">{n(current.records)}</dd></div>
            <div><dt className="text-slate-600">{t("reports.guided")}</dt><dd className="text-xl font-bold">{n(current.peopleGuided)}</dd></div>
            <div><dt className="text-slate-600">{t("reports.completed")}</dt><dd className="text-xl font-bold">{n(current.peopleCompleted)}</dd></div>
          </dl>
          <Link href={`/reports/${commune.code}/${current.month.slice(0, 7)}`} className={`${buttonClass.link} mt-2 inline-block text-sm`}>
            {t("reports.detailTitle", { month: formatMonth(current.month) })} →
          </Link>
        </section>
        <section className="space-y-2">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="font-semibold">{t("reports.months")}</h2>
            <ExportLinks query={`from=${months[months.length - 1].month.slice(0, 7)}&to=${current.month.slice(0, 7)}`} />
          </div>
          <div className="overflow-x-auto sm:rounded-lg sm:border sm:border-slate-200 sm:bg-white" {...scrollRegion(t("reports.months"))}>
            <table className="stack-table w-full text-left text-sm sm:min-w-[40rem]">
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2">{t("reports.month")}</th>
                  <th scope="col" className="px-3 py-2">{t("reports.status")}</th>
                  <th scope="col" className="px-3 py-2">{t("reports.deadline")}</th>
                  <th scope="col" className="px-3 py-2">{t("reports.submittedAt")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("reports.records")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("reports.guided")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("reports.completed")}</th>
                </tr>
              </thead>
              <tbody>
                {months.map((m) => (
                  <tr key={m.month} className="border-t border-slate-100 align-top" data-testid={`report-${m.month.slice(0, 7)}`}>
                    <td data-label={t("reports.month")} className="px-3 py-2">
                      <Link href={`/reports/${commune.code}/${m.month.slice(0, 7)}`} className="font-medium text-brand-700 hover:underline">
                        {formatMonth(m.month)}
                      </Link>
                    </td>
                    <td data-label={t("reports.status")} className="px-3 py-2">
                      <ReportStatusBadge status={m.status} label={t(`catalog.reportStatuses.${m.status}`)} />
                      {m.report.reviewComment && <p className="mt-1 text-xs text-orange-900">{m.report.reviewComment}</p>}
                    </td>
                    <td data-label={t("reports.deadline")} className="px-3 py-2">{formatDate(locale, m.deadline)}</td>
                    <td data-label={t("reports.submittedAt")} className="px-3 py-2">{m.report.submittedAt ? formatDateTime(locale, m.report.submittedAt) : "—"}</td>
                    <td data-label={t("reports.records")} className="px-3 py-2 text-right">{n(m.records)}</td>
                    <td data-label={t("reports.guided")} className="px-3 py-2 text-right">{n(m.peopleGuided)}</td>
                    <td data-label={t("reports.completed")} className="px-3 py-2 text-right">{n(m.peopleCompleted)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>
    );
  }

  const provinceCode = actor.role === "provincial" ? actor.provinceCode! : params.province;
  if (provinceCode) {
    const overview = await orNotFound(provinceReportOverview(actor, provinceCode, month));
    return (
      <div className="space-y-4">
        {actor.role === "national" && (
          <Breadcrumb trail={[{ href: `/reports?${monthQuery}`, label: "Việt Nam" }, { label: overview.province.name }]} />
        )}
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <h1 className="text-2xl font-bold">
              {t("reports.title")} {formatMonth(month)} · {overview.province.name}
            </h1>
            <p className="text-sm text-slate-600">{t("reports.introProvince")}</p>
            <DeadlineNote deadline={overview.deadline} />
          </div>
          <div className="flex flex-wrap items-center gap-4">
            <ExportLinks query={`${monthQuery}&province=${provinceCode}`} />
            {actor.role === "provincial" && (
              <Link href={`/reports/reminders?${monthQuery}`} className={buttonClass.secondary}>
                {t("home.weekOpenReminders")}
              </Link>
            )}
          </div>
        </div>
        <QueryNotice invalid={invalid} />
        <MonthPicker month={month} province={actor.role === "national" ? provinceCode : undefined} />
        <ReportCountCards counts={overview.counts} />
        <CommuneReportTable rows={overview.communes} month={month} />
      </div>
    );
  }

  const overview = await nationalReportOverview(actor, month);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">
            {t("reports.title")} {formatMonth(month)}
          </h1>
          <p className="text-sm text-slate-600">{t("reports.introNational")}</p>
          <DeadlineNote deadline={overview.deadline} />
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <ExportLinks query={monthQuery} />
          <Link href="/reports/settings" className={buttonClass.secondary}>
            {t("reports.settings")}
          </Link>
        </div>
      </div>
      <QueryNotice invalid={invalid} />
      <MonthPicker month={month} />
      <ReportCountCards counts={overview.counts} />
      <ProvinceReportTable rows={overview.provinces} month={month} />
    </div>
  );
}
