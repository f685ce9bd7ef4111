import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "@/i18n/server";
import { ReportStatusBadge } from "@/components/reports/status-badge";
import { buttonClass, cardClass } from "@/components/ui/styles";
import type { CommuneTodo } from "@/lib/dal/commune-home";
import { formatDate, formatMonth, formatNumber } from "@/lib/format";
import { dueDays } from "./due-days";

const tile = "block rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600 hover:bg-brand-50/40 focus-visible:outline-2";
const listLink = "flex min-h-10 items-center justify-between gap-2 rounded-md px-2 py-2 text-sm text-brand-800 hover:bg-slate-50";

/** A commune lead's home: the report due, what it still lacks, quick entry, the latest entries. Every tile is a link. */
export async function CommuneHome({ todo, communeName }: { todo: CommuneTodo; communeName: string }) {
  const t = await getTranslations("home");
  const tc = await getTranslations("catalog");
  const locale = await getLocale();
  const n = (v: number) => formatNumber(locale, v);
  const reportHref = (month: string) => `/reports/${todo.communeCode}/${month.slice(0, 7)}`;
  const { due, gaps } = todo;
  const gapCount = gaps.teamsWithoutGuidance.length + gaps.teamsWithoutLeader.length + gaps.trainingsWithoutAttendance.length;
  const attendanceHref = gaps.trainingsWithoutAttendance[0] ? `/trainings/${gaps.trainingsWithoutAttendance[0].id}?edit=1` : "/trainings";
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-bold">{t("title")}</h1>
          <p className="text-sm text-slate-600">{t("intro", { commune: communeName, date: formatDate(locale, todo.today) })}</p>
        </div>
        <Link href={`/units/${todo.communeCode}`} className={`${buttonClass.link} text-sm`}>
          {t("dashboardLink")}
        </Link>
      </div>

      {due ? (
        <Link href={reportHref(due.month)} className={`${tile} border-l-4 border-l-brand-700`} data-testid="due-report">
          <span className="flex flex-wrap items-center justify-between gap-2">
            <span className="text-lg font-semibold text-slate-900">{t("dueTitle", { month: formatMonth(due.month) })}</span>
            <ReportStatusBadge status={due.status} label={tc(`reportStatuses.${due.status}`)} />
          </span>
          <span className="mt-1 block text-sm text-slate-800">
            {t("deadline", { date: formatDate(locale, due.deadline) })} · <strong>{dueDays(t, due.daysLeft)}</strong>
          </span>
          <span className="mt-1 block text-sm text-slate-600">{t("dueFigures", { records: n(due.records), guided: n(due.peopleGuided) })}</span>
          {due.reviewComment && <span className="mt-1 block text-sm text-orange-900">{t("returnedComment", { comment: due.reviewComment })}</span>}
          <span className="mt-2 block text-sm font-semibold text-brand-700">{t("openReport")} →</span>
        </Link>
      ) : (
        <Link href="/reports" className={tile} data-testid="due-report">
          <span className="block text-lg font-semibold text-slate-900">{t("dueTitle", { month: formatMonth(todo.dueMonth) })}</span>
          <span className="mt-1 block text-sm text-slate-700">{t("noReportDue")}</span>
          <span className="mt-2 block text-sm font-semibold text-brand-700">{t("allReports")} →</span>
        </Link>
      )}

      {todo.overdue.length > 0 && (
        <section className={cardClass} aria-labelledby="home-overdue">
          <h2 id="home-overdue" className="mb-1 font-semibold">
            {t("overdueTitle")}
          </h2>
          <ul>
            {todo.overdue.map((r) => (
              <li key={r.month}>
                <Link href={reportHref(r.month)} className={listLink}>
                  <span>{t("overdueItem", { month: formatMonth(r.month), date: formatDate(locale, r.deadline) })}</span>
                  <ReportStatusBadge status={r.status} label={tc(`reportStatuses.${r.status}`)} />
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className={cardClass} aria-labelledby="home-missing">
        <h2 id="home-missing" className="mb-1 font-semibold">
          {t("missingTitle", { month: formatMonth(todo.dueMonth) })}
        </h2>
        {gapCount === 0 ? (
          <p className="text-sm text-slate-700">{t("nothingMissing")}</p>
        ) : (
          <div className="space-y-3">
            {gaps.teamsWithoutGuidance.length > 0 && (
              <Gap title={t("teamsWithoutGuidance", { count: gaps.teamsWithoutGuidance.length })} testId="gap-guidance">
                {gaps.teamsWithoutGuidance.map((team) => (
                  <li key={team.id}>
                    <Link href={`/guidance/new?team=${team.id}`} className={listLink}>
                      {t("recordFor", { team: team.name })} <span aria-hidden>→</span>
                    </Link>
                  </li>
                ))}
              </Gap>
            )}
            {gaps.teamsWithoutLeader.length > 0 && (
              <Gap title={t("teamsWithoutLeader", { count: gaps.teamsWithoutLeader.length })} testId="gap-leader">
                {gaps.teamsWithoutLeader.map((team) => (
                  <li key={team.id}>
                    <Link href={`/teams/${team.id}`} className={listLink}>
                      {t("addLeader", { team: team.name })} <span aria-hidden>→</span>
                    </Link>
                  </li>
                ))}
              </Gap>
            )}
            {gaps.trainingsWithoutAttendance.length > 0 && (
              <Gap title={t("trainingsWithoutAttendance", { count: gaps.trainingsWithoutAttendance.length })} testId="gap-attendance">
                {gaps.trainingsWithoutAttendance.map((tr) => (
                  <li key={tr.id}>
                    <Link href={`/trainings/${tr.id}?edit=1`} className={listLink}>
                      {t("takeAttendance", { title: tr.title, date: formatDate(locale, tr.heldOn) })} <span aria-hidden>→</span>
                    </Link>
                  </li>
                ))}
              </Gap>
            )}
          </div>
        )}
      </section>

      <section aria-labelledby="home-quick">
        <h2 id="home-quick" className="mb-2 font-semibold">
          {t("quickTitle")}
        </h2>
        <div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
          <Link href="/guidance/new" className={buttonClass.primary}>
            {t("quickGuidance")}
          </Link>
          <Link href={attendanceHref} className={buttonClass.secondary}>
            {t("quickAttendance")}
          </Link>
          <Link href="/trainings/new" className={buttonClass.secondary}>
            {t("quickTraining")}
          </Link>
        </div>
      </section>

      <section className={cardClass} aria-labelledby="home-recent">
        <h2 id="home-recent" className="mb-2 font-semibold">
          {t("recentTitle")}
        </h2>
        <div className="grid gap-4 lg:grid-cols-2">
          <div>
            <h3 className="text-sm font-semibold text-slate-700">{t("recentGuidance")}</h3>
            {todo.recent.guidance.length === 0 ? (
              <p className="py-2 text-sm text-slate-600">{t("noRecent")}</p>
            ) : (
              <ul data-testid="recent-guidance">
                {todo.recent.guidance.map((g) => (
                  <li key={g.id}>
                    <Link href={`/guidance/${g.id}`} className={listLink}>
                      {t("recentGuidanceItem", { date: formatDate(locale, g.guidedOn), team: g.team, skill: tc(`skills.${g.skill}`), guided: n(g.peopleGuided) })}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
            <Link href="/guidance" className={`${buttonClass.link} text-sm`}>
              {t("allGuidance")} →
            </Link>
          </div>
          <div>
            <h3 className="text-sm font-semibold text-slate-700">{t("recentTrainings")}</h3>
            {todo.recent.trainings.length === 0 ? (
              <p className="py-2 text-sm text-slate-600">{t("noRecent")}</p>
            ) : (
              <ul>
                {todo.recent.trainings.map((tr) => (
                  <li key={tr.id}>
                    <Link href={`/trainings/${tr.id}`} className={listLink}>
                      {t("recentTrainingItem", { date: formatDate(locale, tr.heldOn), title: tr.title, attendees: n(tr.attendees) })}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
            <Link href="/trainings" className={`${buttonClass.link} text-sm`}>
              {t("allTrainings")} →
            </Link>
          </div>
        </div>
        <Link href="/reports" className={`${buttonClass.link} mt-3 inline-block text-sm`}>
          {t("allReports")} →
        </Link>
      </section>
    </div>
  );
}

function Gap({ title, testId, children }: { title: string; testId: string; children: React.ReactNode }) {
  return (
    <div>
      <h3 className="text-sm font-medium text-slate-800">{title}</h3>
      <ul data-testid={testId}>{children}</ul>
    </div>
  );
}
