import type { Metadata } from "next";
import { getLocale, getTranslations } from "@/i18n/server";
import { CopyText } from "@/components/home/copy-text";
import { dueDays } from "@/components/home/due-days";
import { reminderText } from "@/components/home/reminder-text";
import { ReportStatusBadge } from "@/components/reports/status-badge";
import Link from "@/components/ui/link";
import { buttonClass, cardClass, inputClass } from "@/components/ui/styles";
import { formatPhone } from "@/lib/domain/phone";
import { currentMonth } from "@/lib/dal/reports";
import { orNotFound } from "@/lib/dal/not-found";
import { reportReminders } from "@/lib/dal/report-reminders";
import { requireActor } from "@/lib/dal/session";
import { formatDate, formatMonth, formatNumber } from "@/lib/format";
import { parseMonth } from "@/lib/validation/reports";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("week"))("remindersTitle") };
}

/** The communes to remind about a month's report, with their leads and a message ready for Zalo. */
export default async function RemindersPage({ searchParams }: { searchParams: Promise<{ month?: string }> }) {
  const actor = await requireActor();
  const r = await orNotFound(reportReminders(actor, parseMonth((await searchParams).month)));
  const t = await getTranslations("week");
  const tHome = await getTranslations("home");
  const tc = await getTranslations("catalog");
  const locale = await getLocale();
  const month = formatMonth(r.month);
  const withoutLead = r.communes.some((c) => c.leads.length === 0);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-bold">{t("remindersTitle")}</h1>
        <p className="text-sm text-slate-600">{t("remindersIntro")}</p>
      </div>
      <form method="get" className={`${cardClass} flex flex-wrap items-end gap-3`}>
        <label className="text-sm">
          <span className="block text-slate-700">{t("month")}</span>
          <input type="month" name="month" defaultValue={r.month.slice(0, 7)} max={currentMonth().slice(0, 7)} className={inputClass} />
        </label>
        <button type="submit" className={buttonClass.secondary}>
          {t("show")}
        </button>
      </form>
      <p className="font-medium" data-testid="reminder-summary">
        {t("summary", {
          month,
          submitted: formatNumber(locale, r.submitted),
          expected: formatNumber(locale, r.expected),
          date: formatDate(locale, r.deadline),
          days: dueDays(tHome, r.daysLeft),
        })}
      </p>
      {r.communes.length === 0 ? (
        <p className={cardClass}>{t("noneOwed", { month })}</p>
      ) : (
        <>
          <section className={cardClass} aria-labelledby="reminder-message">
            <h2 id="reminder-message" className="font-semibold">
              {t("messageTitle")}
            </h2>
            <p className="mb-2 text-sm text-slate-600">{t("messageHint")}</p>
            <CopyText
              id="reminder-text"
              label={t("messageTitle")}
              text={reminderText(locale, t, tHome, r)}
              copyLabel={t("copy")}
              copiedLabel={t("copied")}
              failedLabel={t("copyFailed")}
            />
          </section>
          <section aria-labelledby="reminder-communes" className="space-y-2">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="reminder-communes" className="font-semibold">
                {t("commune")} ({formatNumber(locale, r.communes.length)})
              </h2>
              {withoutLead && (
                <Link href="/accounts/bulk" className={`${buttonClass.link} text-sm`}>
                  {t("createMissing")} →
                </Link>
              )}
            </div>
            <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" data-testid="reminder-list">
              {r.communes.map((c) => (
                <li key={c.code} className="grid gap-1 px-3 py-2 sm:grid-cols-[16rem_8rem_minmax(0,1fr)] sm:items-center sm:gap-4">
                  {/* On a phone the name and the status share a line; from the small breakpoint each has its column. */}
                  <span className="flex items-center justify-between gap-2 sm:contents">
                    <Link href={`/reports/${c.code}/${r.month.slice(0, 7)}`} className="font-medium text-brand-700 hover:underline">
                      {c.name}
                    </Link>
                    <span>
                      <ReportStatusBadge status={c.status} label={tc(`reportStatuses.${c.status}`)} />
                    </span>
                  </span>
                  <span className="text-sm">
                    {c.leads.length === 0 ? (
                      <span className="text-slate-600">{t("noLead")}</span>
                    ) : (
                      c.leads.map((l, i) => (
                        <span key={i} className="block">
                          {l.fullName} ·{" "}
                          {l.phone ? (
                            <a href={`tel:${l.phone}`} className="text-brand-700 tabular-nums underline underline-offset-2">
                              {formatPhone(l.phone)}
                            </a>
                          ) : (
                            <span className="text-slate-600">{t("noPhone")}</span>
                          )}
                        </span>
                      ))
                    )}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </div>
  );
}
