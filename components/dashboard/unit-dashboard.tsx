import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Breadcrumb } from "@/components/shell/app-shell";
import { BarList, KpiCard } from "@/components/dashboard/kpi-card";
import { buttonClass, cardClass, inputClass } from "@/components/ui/styles";
import { SKILLS, TARGET_GROUPS } from "@/lib/domain/catalog";
import { parsePeriod } from "@/lib/domain/period";
import { formatDateTime, formatMonth, formatNumber, formatPercent } from "@/lib/format";
import { unitIndicators } from "@/lib/dal/indicators";
import { orNotFound } from "@/lib/dal/not-found";
import { requireActor } from "@/lib/dal/session";
import { getUnit, unitTrail } from "@/lib/dal/units";

/** The dashboard of one unit for the period in the query; out-of-scope units give the 404 page. */
export async function UnitDashboard({ code, query }: { code: string; query: Record<string, string | undefined> }) {
  const actor = await requireActor();
  const period = parsePeriod(query.from ? `${query.from}-01` : undefined, query.to ? `${query.to}-01` : undefined);
  const data = await orNotFound(unitIndicators(actor, code, period));
  const trail = await unitTrail(actor, await getUnit(actor, code));
  const t = await getTranslations();
  const locale = await getLocale();
  const num = (v: number) => formatNumber(locale, v);
  const pct = (a: number, b: number) => formatPercent(locale, a, b);
  const i = data.indicators;
  const level = data.unit.level;

  return (
    <div className="space-y-6">
      <div>
        <Breadcrumb trail={trail.map((u) => ({ href: `/units/${u.code}`, label: u.name }))} />
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-2xl font-bold">{t("dashboard.title", { unit: data.unit.name })}</h1>
            <p className="text-sm text-slate-600">
              {t("dashboard.period", { from: formatMonth(period.from), to: formatMonth(period.to) })} ·{" "}
              {t("dashboard.asOf", { time: formatDateTime(locale, data.as_of) })}
            </p>
          </div>
          <form className="flex flex-wrap items-end gap-2" method="get">
            <label className="text-sm">
              <span className="block text-slate-700">{t("dashboard.from")}</span>
              <input type="month" name="from" defaultValue={period.from.slice(0, 7)} className={inputClass} />
            </label>
            <label className="text-sm">
              <span className="block text-slate-700">{t("dashboard.to")}</span>
              <input type="month" name="to" defaultValue={period.to.slice(0, 7)} className={inputClass} />
            </label>
            <button type="submit" className={buttonClass.secondary}>
              {t("dashboard.apply")}
            </button>
          </form>
        </div>
      </div>

      <section aria-label={t("nav.dashboard")} className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {level !== "commune" && (
          <KpiCard
            label={t("dashboard.communesCovered")}
            value={`${num(i.communes_with_team)} ${t("dashboard.of", { total: num(i.communes_total) })}`}
            detail={pct(i.communes_with_team, i.communes_total)}
          />
        )}
        {level === "national" && (
          <KpiCard label={t("dashboard.provincesFull")} value={`${num(i.provinces_full_coverage ?? 0)} ${t("dashboard.of", { total: num(data.children.length) })}`} />
        )}
        <KpiCard
          label={t("dashboard.hamletsCovered")}
          value={`${num(i.hamlets_with_team)} ${t("dashboard.of", { total: num(i.hamlets_total) })}`}
          detail={pct(i.hamlets_with_team, i.hamlets_total)}
        />
        <KpiCard
          label={t("dashboard.teams")}
          value={num(i.teams_active)}
          detail={t("dashboard.membersPerTeam", { value: formatNumber(locale, i.teams_active ? i.members_active / i.teams_active : 0, 1) })}
        />
        <KpiCard label={t("dashboard.members")} value={num(i.members_active)} />
        <KpiCard
          label={t("dashboard.peopleGuided")}
          value={num(i.people_guided)}
          detail={t("dashboard.completionRate", { rate: pct(i.people_completed, i.people_guided) })}
        />
        <KpiCard label={t("dashboard.households")} value={num(i.households_visited)} />
        <KpiCard label={t("dashboard.trainings")} value={num(i.trainings)} detail={t("dashboard.attendances", { count: num(i.attendances) })} />
        <KpiCard label={t("dashboard.trained12m")} value={num(i.members_trained_12m)} detail={pct(i.members_trained_12m, i.members_active)} />
        <KpiCard
          label={t("dashboard.reports")}
          value={`${num(i.reports_submitted)} ${t("dashboard.of", { total: num(i.reports_expected) })}`}
          detail={t("dashboard.onTime", { rate: pct(i.reports_on_time, i.reports_submitted) })}
        />
      </section>

      <div className="grid gap-4 lg:grid-cols-2">
        <section className={cardClass}>
          <h2 className="mb-3 font-semibold">{t("dashboard.bySkill")}</h2>
          <BarList
            total={Math.max(...SKILLS.map((s) => data.by_skill[s].people_guided), 1)}
            rows={SKILLS.map((s) => ({
              label: t(`catalog.skills.${s}`),
              value: data.by_skill[s].people_guided,
              display: num(data.by_skill[s].people_guided),
              secondary: pct(data.by_skill[s].people_completed, data.by_skill[s].people_guided),
            }))}
          />
        </section>
        <section className={cardClass}>
          <h2 className="mb-3 font-semibold">{t("dashboard.byTargetGroup")}</h2>
          <BarList
            total={Math.max(...TARGET_GROUPS.map((g) => data.by_target_group[g].people_guided), 1)}
            rows={TARGET_GROUPS.map((g) => ({
              label: t(`catalog.targetGroups.${g}`),
              value: data.by_target_group[g].people_guided,
              display: num(data.by_target_group[g].people_guided),
              secondary: pct(data.by_target_group[g].people_completed, data.by_target_group[g].people_guided),
            }))}
          />
        </section>
      </div>

      {level !== "commune" && (
        <section className={cardClass}>
          <h2 className="mb-3 font-semibold">{t(`dashboard.children.${level === "national" ? "national" : "province"}`)}</h2>
          <div className="overflow-x-auto">
            <table className="w-full min-w-[40rem] text-sm">
              <thead>
                <tr className="border-b text-left text-slate-600">
                  <th scope="col" className="py-2 pr-3">{t("dashboard.unitName")}</th>
                  {level === "national" && <th scope="col" className="py-2 pr-3 text-right">{t("dashboard.communesCovered")}</th>}
                  <th scope="col" className="py-2 pr-3 text-right">{t("dashboard.teams")}</th>
                  <th scope="col" className="py-2 pr-3 text-right">{t("dashboard.members")}</th>
                  <th scope="col" className="py-2 pr-3 text-right">{t("dashboard.peopleGuided")}</th>
                  <th scope="col" className="py-2 pr-3 text-right">{t("dashboard.reports")}</th>
                </tr>
              </thead>
              <tbody>
                {data.children.map((c) => (
                  <tr key={c.code} className="border-b last:border-0">
                    <td className="py-2 pr-3">
                      <Link href={`/units/${c.code}`} className="text-brand-700 hover:underline">
                        {c.name}
                      </Link>
                      {c.indicators.teams_active === 0 && <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-900">{t("dashboard.noTeam")}</span>}
                    </td>
                    {level === "national" && (
                      <td className="py-2 pr-3 text-right tabular-nums">
                        {num(c.indicators.communes_with_team)}/{num(c.indicators.communes_total)} ({pct(c.indicators.communes_with_team, c.indicators.communes_total)})
                      </td>
                    )}
                    <td className="py-2 pr-3 text-right tabular-nums">{num(c.indicators.teams_active)}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{num(c.indicators.members_active)}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{num(c.indicators.people_guided)}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">
                      {num(c.indicators.reports_submitted)}/{num(c.indicators.reports_expected)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}
