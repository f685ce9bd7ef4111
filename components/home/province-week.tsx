import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "@/i18n/server";
import type { provinceWeek } from "@/lib/dal/report-reminders";
import { formatDate, formatMonth } from "@/lib/format";
import { dueDays } from "./due-days";

type Week = Awaited<ReturnType<typeof provinceWeek>>;

const tile = "block rounded-lg border border-slate-200 bg-white p-3 shadow-sm hover:border-brand-600 hover:bg-brand-50/40 sm:p-4";

/** A provincial admin's week above their dashboard: whom to remind, what to review, who has no account. Each tile is a link. */
export async function ProvinceWeek({ week }: { week: Week }) {
  const t = await getTranslations("home");
  const locale = await getLocale();
  const month = formatMonth(week.month);
  const reviewHref = week.oldestPendingMonth ? `/reports?month=${week.oldestPendingMonth.slice(0, 7)}` : "/reports";
  return (
    <section aria-labelledby="week-title" className="space-y-2">
      <h2 id="week-title" className="text-lg font-semibold">
        {t("weekTitle")}
      </h2>
      <ul className="grid gap-3 md:grid-cols-3">
        <li>
          <Link href="/reports/reminders" className={`${tile} ${week.owing ? "border-l-4 border-l-red-600" : ""}`} data-testid="week-reminders">
            <span className="block font-semibold">{t("weekReminders", { count: week.owing, month })}</span>
            <span className="block text-sm text-slate-600">
              {t("weekRemindersDetail", { date: formatDate(locale, week.deadline), days: dueDays(t, week.daysLeft) })}
            </span>
            <span className="mt-1 block text-sm font-semibold text-brand-700">{t("weekOpenReminders")} →</span>
          </Link>
        </li>
        <li>
          <Link href={reviewHref} className={`${tile} ${week.pendingReview ? "border-l-4 border-l-amber-500" : ""}`}>
            <span className="block font-semibold">{t("weekPendingReview", { count: week.pendingReview })}</span>
            <span className="mt-1 block text-sm font-semibold text-brand-700">{t("weekOpenReview")} →</span>
          </Link>
        </li>
        <li>
          <Link href="/accounts/bulk" className={tile} data-testid="week-bulk">
            <span className="block font-semibold">{t("weekWithoutLead", { count: week.withoutLead })}</span>
            <span className="mt-1 block text-sm font-semibold text-brand-700">{t("weekOpenBulk")} →</span>
          </Link>
        </li>
      </ul>
    </section>
  );
}
