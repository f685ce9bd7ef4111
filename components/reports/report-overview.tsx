import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "@/i18n/server";
import { cardClass } from "@/components/ui/styles";
import type { ReportCounts } from "@/lib/dal/reports";
import { formatDate, formatDateTime, formatNumber, formatPercent } from "@/lib/format";
import type { ReportDisplayStatus } from "@/lib/validation/reports";
import { ReportStatusBadge } from "./status-badge";
import { scrollRegion } from "@/components/ui/scroll-region";

/** Completeness and timeliness of a month as cards. */
export async function ReportCountCards({ counts }: { counts: ReportCounts }) {
  const t = await getTranslations("reports");
  const locale = await getLocale();
  const n = (v: number) => formatNumber(locale, v);
  const cards = [
    { label: t("expected"), value: n(counts.expected) },
    { label: t("submitted"), value: n(counts.submitted), sub: `${t("completeness")}: ${formatPercent(locale, counts.submitted, counts.expected)}` },
    { label: t("onTime"), value: n(counts.onTime), sub: `${t("timeliness")}: ${formatPercent(locale, counts.onTime, counts.expected)}` },
    { label: t("late"), value: n(counts.late) },
    { label: t("approved"), value: n(counts.approved) },
    { label: t("returned"), value: n(counts.returned) },
    { label: t("missing"), value: n(counts.missing) },
    { label: t("pending"), value: n(counts.open) },
  ];
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      {cards.map((c) => (
        <div key={c.label} className={cardClass}>
          <p className="text-sm text-slate-600">{c.label}</p>
          <p className="text-2xl font-bold">{c.value}</p>
          {c.sub && <p className="text-xs text-slate-600">{c.sub}</p>}
        </div>
      ))}
    </div>
  );
}

type CommuneRow = {
  code: string;
  name: string;
  status: ReportDisplayStatus;
  report: { submittedAt: Date | null; reviewedAt: Date | null; reviewComment: string | null };
};

/** Each commune's report for the month, the missing ones first, with a link to review it. */
export async function CommuneReportTable({ rows, month }: { rows: CommuneRow[]; month: string }) {
  const t = await getTranslations();
  const locale = await getLocale();
  const missing = rows.filter((r) => r.status === "missing");
  const order: ReportDisplayStatus[] = ["submitted", "submitted_late", "missing", "returned", "open", "approved"];
  const sorted = [...rows].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status) || a.code.localeCompare(b.code));
  return (
    <div className="space-y-4">
      <section className={cardClass}>
        <h2 className="mb-2 font-semibold">{t("reports.missingList")}</h2>
        {missing.length === 0 ? (
          <p className="text-sm">{t("reports.noneMissing")}</p>
        ) : (
          <ul className="flex flex-wrap gap-2 text-sm" data-testid="missing-communes">
            {missing.map((c) => (
              <li key={c.code} className="rounded bg-red-50 px-2 py-0.5 text-red-900">
                {c.name}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="space-y-2">
        <h2 className="font-semibold">{t("reports.communes")}</h2>
        <div className="overflow-x-auto sm:rounded-lg sm:border sm:border-slate-200 sm:bg-white" {...scrollRegion(t("reports.communes"))}>
          <table className="stack-table w-full text-left text-sm sm:min-w-[40rem]">
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">{t("reports.commune")}</th>
                <th scope="col" className="px-3 py-2">{t("reports.status")}</th>
                <th scope="col" className="px-3 py-2">{t("reports.submittedAt")}</th>
                <th scope="col" className="px-3 py-2">{t("reports.reviewedAt")}</th>
                <th scope="col" className="px-3 py-2">{t("reports.comment")}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((r) => (
                <tr key={r.code} className="border-t border-slate-100 align-top">
                  <td data-label={t("reports.commune")} className="px-3 py-2">
                    <Link href={`/reports/${r.code}/${month.slice(0, 7)}`} className="font-medium text-brand-700 hover:underline">
                      {r.name}
                    </Link>
                  </td>
                  <td data-label={t("reports.status")} className="px-3 py-2">
                    <ReportStatusBadge status={r.status} label={t(`catalog.reportStatuses.${r.status}`)} />
                  </td>
                  <td data-label={t("reports.submittedAt")} className="px-3 py-2">{r.report.submittedAt ? formatDateTime(locale, r.report.submittedAt) : "—"}</td>
                  <td data-label={t("reports.reviewedAt")} className="px-3 py-2">{r.report.reviewedAt ? formatDateTime(locale, r.report.reviewedAt) : "—"}</td>
                  <td data-label={t("reports.comment")} className="px-3 py-2">{r.report.reviewComment ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

type ProvinceRow = { code: string; name: string; counts: ReportCounts };

/** Counts and shares per province, each drilling into the province's view. */
export async function ProvinceReportTable({ rows, month }: { rows: ProvinceRow[]; month: string }) {
  const t = await getTranslations("reports");
  const locale = await getLocale();
  const n = (v: number) => formatNumber(locale, v);
  return (
    <section className="space-y-2">
      <h2 className="font-semibold">{t("provinces")}</h2>
      <div className="overflow-x-auto sm:rounded-lg sm:border sm:border-slate-200 sm:bg-white" {...scrollRegion(t("provinces"))}>
        <table className="stack-table w-full text-left text-sm sm:min-w-[48rem]">
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2">{t("province")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("expected")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("submitted")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("completeness")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("onTime")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("timeliness")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("approved")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("returned")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("missing")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code} className="border-t border-slate-100">
                <td data-label={t("province")} className="px-3 py-2">
                  <Link href={`/reports?province=${r.code}&month=${month.slice(0, 7)}`} className="font-medium text-brand-700 hover:underline">
                    {r.name}
                  </Link>
                </td>
                <td data-label={t("expected")} className="px-3 py-2 text-right">{n(r.counts.expected)}</td>
                <td data-label={t("submitted")} className="px-3 py-2 text-right">{n(r.counts.submitted)}</td>
                <td data-label={t("completeness")} className="px-3 py-2 text-right">{formatPercent(locale, r.counts.submitted, r.counts.expected)}</td>
                <td data-label={t("onTime")} className="px-3 py-2 text-right">{n(r.counts.onTime)}</td>
                <td data-label={t("timeliness")} className="px-3 py-2 text-right">{formatPercent(locale, r.counts.onTime, r.counts.expected)}</td>
                <td data-label={t("approved")} className="px-3 py-2 text-right">{n(r.counts.approved)}</td>
                <td data-label={t("returned")} className="px-3 py-2 text-right">{n(r.counts.returned)}</td>
                <td data-label={t("missing")} className="px-3 py-2 text-right">{n(r.counts.missing)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export async function DeadlineNote({ deadline }: { deadline: string }) {
  const t = await getTranslations("reports");
  const locale = await getLocale();
  return <p className="text-sm text-slate-600">{t("deadlineOf", { date: formatDate(locale, deadline) })}</p>;
}
