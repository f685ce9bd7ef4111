import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "@/i18n/server";
import { ReportButton, ReturnReportForm } from "@/components/reports/report-forms";
import { ReportStatusBadge } from "@/components/reports/status-badge";
import { FormAlert } from "@/components/ui/field";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { TARGET_GROUPS, SKILLS } from "@/lib/domain/catalog";
import { orNotFound } from "@/lib/dal/not-found";
import { getReport } from "@/lib/dal/reports";
import { requireActor } from "@/lib/dal/session";
import { formatDate, formatDateTime, formatMonth, formatNumber, formatPercent } from "@/lib/format";
import { parseMonth } from "@/lib/validation/reports";
import { approveReportAction, returnReportAction, submitReportAction } from "../../actions";
import { scrollRegion } from "@/components/ui/scroll-region";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("title") };
}

type Props = { params: Promise<{ commune: string; month: string }>; searchParams: Promise<{ done?: string }> };
const DONE: Record<string, string> = { submit: "reports.submittedDone", approve: "reports.approvedDone", return: "reports.returnedDone" };
type Totals = { records: number; householdsVisited: number; peopleGuided: number; peopleCompleted: number };
const ZERO: Totals = { records: 0, householdsVisited: 0, peopleGuided: 0, peopleCompleted: 0 };

async function TotalsTable({ title, rows, total }: { title: string; rows: { label: string; totals: Totals }[]; total: Totals }) {
  const t = await getTranslations("reports");
  const locale = await getLocale();
  const n = (v: number) => formatNumber(locale, v);
  const cells = (x: Totals) => (
    <>
      <td className="px-3 py-2 text-right">{n(x.records)}</td>
      <td className="px-3 py-2 text-right">{n(x.householdsVisited)}</td>
      <td className="px-3 py-2 text-right">{n(x.peopleGuided)}</td>
      <td className="px-3 py-2 text-right">{n(x.peopleCompleted)}</td>
      <td className="px-3 py-2 text-right">{formatPercent(locale, x.peopleCompleted, x.peopleGuided)}</td>
    </>
  );
  return (
    <section className="space-y-2">
      <h2 className="font-semibold">{title}</h2>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white" {...scrollRegion(title)}>
        <table className="w-full min-w-[40rem] text-left text-sm">
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2">{title}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("records")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("households")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("guided")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("completed")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("completionRate")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label} className="border-t border-slate-100">
                <th scope="row" className="px-3 py-2 text-left font-normal">{r.label}</th>
                {cells(r.totals)}
              </tr>
            ))}
            <tr className="border-t border-slate-300 font-semibold">
              <th scope="row" className="px-3 py-2 text-left">{t("total")}</th>
              {cells(total)}
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}

export default async function ReportPage({ params, searchParams }: Props) {
  const [{ commune, month: monthParam }, { done }] = await Promise.all([params, searchParams]);
  const month = parseMonth(monthParam);
  if (!/^\d{5}$/.test(commune) || !month) notFound();
  const actor = await requireActor();
  const report = await orNotFound(getReport(actor, commune, month));
  const t = await getTranslations();
  const locale = await getLocale();
  const key = { communeCode: commune, month: month.slice(0, 7), version: report.report.version };
  const skillRows = SKILLS.map((s) => ({ label: `${s}. ${t(`catalog.skills.${s}`)}`, totals: report.skills.find((x) => x.skill === s) ?? ZERO }));
  const groupRows = TARGET_GROUPS.map((g) => ({ label: t(`catalog.targetGroups.${g}`), totals: report.groups.find((x) => x.targetGroup === g) ?? ZERO }));
  const names = { month: formatMonth(month), commune: report.commune.name };
  const confirmTexts = { confirm: t("week.confirm"), cancel: t("week.cancel") };
  const back = actor.role === "commune" ? "/reports" : `/reports?month=${month.slice(0, 7)}${actor.role === "national" ? `&province=${report.commune.provinceCode}` : ""}`;
  return (
    <div className="space-y-4">
      <Link href={back} className={buttonClass.link}>
        ← {t("reports.back")}
      </Link>
      <div>
        <h1 className="text-2xl font-bold">{t("reports.detailTitle", { month: formatMonth(month) })}</h1>
        <p className="text-sm text-slate-600">
          {report.commune.name}, {report.commune.provinceName}
        </p>
      </div>
      {done && DONE[done] && <FormAlert tone="success">{t(DONE[done])}</FormAlert>}
      <section className={`${cardClass} space-y-2`}>
        <p className="flex flex-wrap items-center gap-2">
          <span className="text-sm text-slate-600">{t("reports.status")}:</span>
          <ReportStatusBadge status={report.status} label={t(`catalog.reportStatuses.${report.status}`)} />
        </p>
        <dl className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-3">
          <div><dt className="text-slate-600">{t("reports.deadline")}</dt><dd>{formatDate(locale, report.deadline)}</dd></div>
          <div><dt className="text-slate-600">{t("reports.submittedAt")}</dt><dd>{report.report.submittedAt ? formatDateTime(locale, report.report.submittedAt) : "—"}</dd></div>
          <div><dt className="text-slate-600">{t("reports.reviewedAt")}</dt><dd>{report.report.reviewedAt ? formatDateTime(locale, report.report.reviewedAt) : "—"}</dd></div>
        </dl>
        {report.report.reviewComment && (
          <div className="rounded-md border border-orange-300 bg-orange-50 px-3 py-2 text-sm text-orange-900" data-testid="review-comment">
            <span className="font-semibold">{t("reports.comment")}:</span> {report.report.reviewComment}
          </div>
        )}
        <Link href={`/guidance?commune=${commune}&from=${month.slice(0, 7)}&to=${month.slice(0, 7)}`} className={`${buttonClass.link} text-sm`}>
          {t("reports.guidanceLink")} →
        </Link>
      </section>
      <TotalsTable title={t("reports.bySkill")} rows={skillRows} total={report.totals} />
      <TotalsTable title={t("reports.byGroup")} rows={groupRows} total={report.totals} />
      {(report.canSubmit || report.canApprove || report.canReturn) && (
        <section className={`${cardClass} flex flex-col gap-6 sm:flex-row sm:items-start`}>
          {report.canSubmit && (
            <ReportButton
              action={submitReportAction}
              reportKey={key}
              label={report.report.status === "returned" ? t("reports.resubmit") : t("reports.submit")}
              hint={t("reports.submitHint", { month: formatMonth(month) })}
            />
          )}
          {report.canApprove && (
            <ReportButton
              action={approveReportAction}
              reportKey={key}
              label={t("reports.approve")}
              confirmation={{ ...confirmTexts, title: t("week.confirmApproveTitle", names), body: t("week.confirmApproveBody") }}
            />
          )}
          {report.canReturn && (
            <div className="flex-1">
              <ReturnReportForm
                action={returnReportAction}
                reportKey={key}
                confirmation={{ ...confirmTexts, title: t("week.confirmReturnTitle", names), body: t("week.confirmReturnBody") }}
              />
            </div>
          )}
        </section>
      )}
    </div>
  );
}
