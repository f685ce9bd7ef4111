import { getLocale, getTranslations } from "@/i18n/server";
import { Breadcrumb } from "@/components/shell/app-shell";
import { CommuneBars } from "@/components/dashboard/commune-bars";
import { packRows } from "@/components/dashboard/packed-rows";
import { CommuneRows, type HamletRow, type ReportTile, type TeamRow } from "@/components/dashboard/commune-rows";
import { KpiCard } from "@/components/dashboard/kpi-card";
import { LazyChart } from "@/components/dashboard/lazy-chart";
import { MetricPicker } from "@/components/dashboard/metric-picker";
import { PeriodPicker } from "@/components/dashboard/period-picker";
import { RankingTable, type RankingColumn, type RankingTableRow } from "@/components/dashboard/ranking-table";
import { sortHref } from "@/components/dashboard/ranking-sort";
import { HistoryTrend } from "@/components/history/history-trend";
import { ProvinceMap, type MapDatum } from "@/components/map/province-map";
import { cardClass } from "@/components/ui/styles";
import { derived } from "@/lib/indicators/derived";
import { SKILLS } from "@/lib/domain/catalog";
import { readPeriod, vnToday, type Period } from "@/lib/domain/period";
import { formatDate, formatDateTime, formatMonth, formatNumber, formatPercent } from "@/lib/format";
import { communeDetails, unitIndicators, type UnitIndicators } from "@/lib/dal/indicators";
import { orNotFound } from "@/lib/dal/not-found";
import { requireActor } from "@/lib/dal/session";
import { getUnit, unitTrail } from "@/lib/dal/units";
import { colorFor, defaultMetric, isShare, legendClasses, legendLabel, parseMetric, type LegendClass, type Metric } from "@/lib/indicators/metrics";
import { parsePeriodKind } from "@/lib/indicators/period-kinds";
import { affiliationRows, genderRows, rankingRows, rosterRows, skillRows, targetGroupRows, trendRows, type RankingRow } from "@/lib/indicators/series";
import type { IndicatorChart } from "@/lib/validation/indicators";
import { scrollRegion } from "@/components/ui/scroll-region";
import { PageLinks } from "@/components/downloads/download";
import { QueryNotice } from "@/components/notices/query-notice";

type Query = Record<string, string | undefined>;
type Translator = Awaited<ReturnType<typeof getTranslations<never>>>;

const SORTABLE = ["rank", "name", "coverage", "teams", "members", "trained", "guided", "completion", "reports"] as const;

/** The metric in the query, or the one the unit's comparison opens on. */
const metricOf = (data: UnitIndicators, query: Query) => parseMetric(query.ind, defaultMetric(data.unit.level));

/** `2026-05` or `2026-05-17` → `2026-05-17`-style date for parsePeriod. */
const asDate = (v: string | undefined) => (v && /^\d{4}-\d{2}$/.test(v) ? `${v}-01` : v);

/** The dashboard of one unit for the period in the query; out-of-scope units give the 404 page. */
/** `lead` comes right after the title, before the figures (a provincial admin's week on their home). */
export async function UnitDashboard({ code, query, lead }: { code: string; query: Query; lead?: React.ReactNode }) {
  const actor = await requireActor();
  const { period, invalid: invalidPeriod } = readPeriod(asDate(query.from), asDate(query.to));
  const [data, trail] = await Promise.all([
    orNotFound(unitIndicators(actor, code, period)),
    orNotFound(getUnit(actor, code)).then((u) => unitTrail(actor, u)),
  ]);
  const t = await getTranslations();
  const locale = await getLocale();
  const num = (v: number) => formatNumber(locale, v);
  const pct = (a: number, b: number) => formatPercent(locale, a, b);
  const i = data.indicators;
  const asAt = t("dashboard.asAt", { date: formatDate(locale, data.as_at) });
  const level = data.unit.level;
  const kind = parsePeriodKind(query.kind);
  // Parameters the page could not use and replaced with its defaults, to be said above the figures.
  const invalid = [
    ...invalidPeriod,
    ...(query.ind && parseMetric(query.ind, defaultMetric(level)) !== query.ind ? ["ind"] : []),
    ...(query.kind && kind !== query.kind ? ["kind"] : []),
  ];
  const periodQuery = `?${new URLSearchParams({ kind, from: period.from, to: period.to })}`;
  const exportHref = (chart: IndicatorChart, format: "csv" | "xlsx", extra = "") =>
    `/api/export/indicators?${new URLSearchParams({ unit: data.unit.code, from: period.from, to: period.to, chart, format })}${extra}`;
  const downloads = (chart: IndicatorChart, title: string, extra = "") => (
    <p className="flex gap-3 text-sm">
      {(["csv", "xlsx"] as const).map((f) => (
        <a key={f} href={exportHref(chart, f, extra)} className="font-medium text-brand-700 underline-offset-2 hover:underline" aria-label={t("dashboard.download", { format: f.toUpperCase(), chart: title })} download>
          {f.toUpperCase()}
        </a>
      ))}
    </p>
  );
  const chartCard = (chart: IndicatorChart, title: string, body: React.ReactNode, extra = "", className = "") => (
    <section className={`${cardClass} min-w-0 ${className}`} aria-labelledby={`chart-${chart}`}>
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`chart-${chart}`} className="font-semibold">
          {title}
        </h2>
        {downloads(chart, title, extra)}
      </div>
      {body}
    </section>
  );

  const currentYear = Number(vnToday().slice(0, 4));
  const years = Array.from({ length: 5 }, (_, k) => currentYear - k);

  return (
    <PageLinks className="space-y-6">
      <div>
        <Breadcrumb trail={trail.map((u) => ({ href: `/units/${u.code}${periodQuery}`, label: u.name }))} />
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-2xl font-bold">{t("dashboard.title", { unit: data.unit.name })}</h1>
            <p className="text-sm text-slate-600">
              {t("dashboard.period", { from: formatMonth(period.from), to: formatMonth(period.to.slice(0, 7) + "-01") })} ·{" "}
              <span data-testid="as-of">{t("dashboard.asOf", { time: formatDateTime(locale, data.as_of) })}</span>
            </p>
            <p className="text-sm text-slate-600" data-testid="roster-as-at">
              {t("dashboard.rosterAsAt", { date: formatDate(locale, data.as_at) })}
            </p>
            <a href={`/report/${data.unit.code}?${new URLSearchParams({ from: period.from, to: period.to })}`} className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
              {t("periodicReport.open")}
            </a>
          </div>
          <PeriodPicker
            kind={kind}
            from={period.from}
            to={period.to}
            years={years}
            labels={{
              kind: t("dashboard.periodKind"),
              month: t("dashboard.periodKinds.month"),
              quarter: t("dashboard.periodKinds.quarter"),
              year: t("dashboard.periodKinds.year"),
              custom: t("dashboard.periodKinds.custom"),
              from: t("dashboard.from"),
              to: t("dashboard.to"),
              apply: t("dashboard.apply"),
            }}
          />
        </div>
      </div>

      <QueryNotice invalid={invalid} period={period} />

      {lead}

      <section aria-label={t("dashboard.kpis")} className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <KpiCard label={t("dashboard.teams")} value={num(i.teams_active)} asAt={asAt} detail={t("dashboard.membersPerTeam", { value: formatNumber(locale, i.teams_active ? i.members_active / i.teams_active : 0, 1) })} />
        <KpiCard label={t("dashboard.members")} value={num(i.members_active)} asAt={asAt} detail={t("dashboard.genderSplit", { female: pct(i.members_female, i.members_active) })} />
        {level !== "commune" ? (
          <KpiCard
            label={t("dashboard.communesCovered")}
            asAt={asAt}
            value={`${num(i.communes_with_team)} ${t("dashboard.of", { total: num(i.communes_total) })}`}
            detail={pct(i.communes_with_team, i.communes_total)}
          />
        ) : (
          <KpiCard
            label={t("dashboard.hamletsCovered")}
            asAt={asAt}
            value={`${num(i.hamlets_with_team)} ${t("dashboard.of", { total: num(i.hamlets_total) })}`}
            detail={pct(i.hamlets_with_team, i.hamlets_total)}
          />
        )}
        {level === "national" ? (
          <KpiCard label={t("dashboard.provincesFull")} asAt={asAt} value={`${num(i.provinces_full_coverage ?? 0)} ${t("dashboard.of", { total: num(data.children.length) })}`} />
        ) : level === "province" ? (
          <KpiCard
            label={t("dashboard.hamletsCovered")}
            asAt={asAt}
            value={`${num(i.hamlets_with_team)} ${t("dashboard.of", { total: num(i.hamlets_total) })}`}
            detail={pct(i.hamlets_with_team, i.hamlets_total)}
          />
        ) : (
          <KpiCard label={t("dashboard.households")} value={num(i.households_visited)} />
        )}
        <KpiCard label={t("dashboard.peopleGuided")} value={num(i.people_guided)} detail={t("dashboard.completionRate", { rate: pct(i.people_completed, i.people_guided) })} />
        <KpiCard label={t("dashboard.trainings")} value={num(i.trainings)} detail={t("dashboard.attendances", { count: num(i.attendances) })} />
        <KpiCard label={t("dashboard.trained12m")} asAt={asAt} value={num(i.members_trained_12m)} detail={t("dashboard.shareOfMembers", { rate: pct(i.members_trained_12m, i.members_active) })} />
        <KpiCard
          label={t("dashboard.reportCompleteness")}
          value={pct(i.reports_submitted, i.reports_expected)}
          detail={t("dashboard.reportsDetail", { submitted: num(i.reports_submitted), expected: num(i.reports_expected), onTime: pct(i.reports_on_time, i.reports_submitted) })}
        />
      </section>

      <div className="grid gap-4 lg:grid-cols-5">
        {level !== "commune" && <MapCard data={data} query={query} periodQuery={periodQuery} />}
        <div className={`min-w-0 space-y-4 ${level !== "commune" ? "lg:col-span-3" : "lg:col-span-5"}`}>
          {chartCard(
            "trend",
            t("dashboard.charts.trend"),
            <LazyChart
              empty={t("dashboard.charts.empty")}
              kind="trend"
              full={level === "commune"}
              label={t("dashboard.charts.trend")}
              locale={locale}
              rows={trendRows(data)}
              series={SKILLS.map((s) => ({ key: `s${s}`, label: t(`catalog.skills.${s}`) }))}
            />,
          )}
          {chartCard(
            "roster",
            t("dashboard.charts.roster"),
            <LazyChart
              kind="roster"
              full={level === "commune"}
              label={t("dashboard.charts.roster")}
              empty={t("dashboard.charts.empty")}
              locale={locale}
              rows={rosterRows(data)}
              teamsLabel={t("dashboard.teams")}
              membersLabel={t("dashboard.members")}
            />,
          )}
          {chartCard(
            "skill",
            t("dashboard.bySkill"),
            <LazyChart
              empty={t("dashboard.charts.empty")}
              kind="breakdown"
              full={level === "commune"}
              label={t("dashboard.bySkill")}
              locale={locale}
              rows={skillRows(data).map((r) => ({ label: t(`catalog.skills.${r.key}`), guided: r.guided, completed: r.completed }))}
              guidedLabel={t("dashboard.guided")}
              completedLabel={t("dashboard.completed")}
            />,
          )}
        </div>
      </div>

      <HistoryTrend actor={actor} code={data.unit.code} period={period} />

      <div className="grid gap-4 lg:grid-cols-3">
        {chartCard(
          "target_group",
          t("dashboard.byTargetGroup"),
          <LazyChart
            empty={t("dashboard.charts.empty")}
            kind="breakdown"
            label={t("dashboard.byTargetGroup")}
            locale={locale}
            rows={targetGroupRows(data).map((r) => ({ label: t(`catalog.targetGroups.${r.key}`), guided: r.guided, completed: r.completed }))}
            guidedLabel={t("dashboard.guided")}
            completedLabel={t("dashboard.completed")}
          />,
        )}
        {chartCard(
          "affiliation",
          t("dashboard.charts.affiliation"),
          <LazyChart
            empty={t("dashboard.charts.empty")}
            kind="count"
            label={t("dashboard.charts.affiliation")}
            locale={locale}
            rows={affiliationRows(data).map((r) => ({ label: t(`catalog.affiliations.${r.key}`), value: r.members }))}
            valueLabel={t("dashboard.members")}
          />,
        )}
        {chartCard(
          "gender",
          t("dashboard.charts.gender"),
          <LazyChart empty={t("dashboard.charts.empty")} kind="share" label={t("dashboard.charts.gender")} locale={locale} rows={genderRows(data).map((r) => ({ label: t(`catalog.genders.${r.key}`), value: r.members }))} />,
        )}
      </div>

      {level !== "commune" && <Ranking data={data} query={query} periodQuery={periodQuery} downloads={downloads} />}
      {level === "province" && <CommunesWithoutTeam data={data} periodQuery={periodQuery} />}
      {level === "commune" && <CommuneSections code={data.unit.code} period={period} />}
    </PageLinks>
  );
}

async function MapCard({ data, query, periodQuery }: { data: UnitIndicators; query: Query; periodQuery: string }) {
  const t = await getTranslations();
  const locale = await getLocale();
  const metric = metricOf(data, query);
  const national = data.unit.level === "national";
  const rows = rankedBy(data, metric);
  const classes = derived(rows, "classes", () => legendClasses(metric, rows.map((r) => r[metric])));
  const title = t(national ? "dashboard.map.title" : "dashboard.map.communesTitle", { indicator: t(`dashboard.metrics.${metric}`) });
  const show = { count: (v: number) => formatNumber(locale, v), share: (v: number) => formatPercent(locale, v, 1) };

  return (
    <section className={`${cardClass} min-w-0 lg:col-span-2`} aria-labelledby="map-title">
      <h2 id="map-title" className="mb-2 font-semibold">
        {title}
      </h2>
      <MetricPicker metric={metric} query={query} />
      {national ? (
        <ProvinceMap
          data={derived(rows, `map|${locale}|${periodQuery}`, () => mapData(rows, metric, classes, periodQuery, t, locale))}
          title={title}
          archipelagoLabels={{ "hoang-sa": t("dashboard.map.hoangSa"), "truong-sa": t("dashboard.map.truongSa") }}
          seaLabel={t("dashboard.map.sea")}
        />
      ) : (
        <CommuneBars rows={rows} metric={metric} periodQuery={periodQuery} />
      )}
      <ul className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-xs sm:grid-cols-3" aria-label={t("dashboard.map.legend")} data-testid="map-legend">
        {classes.map((c, k) => (
          <li key={k} className="flex items-center gap-2">
            <span className="inline-block h-3 w-5 rounded-sm border border-slate-400" style={{ background: c.color }} aria-hidden />
            {legendLabel(metric, c, k === classes.length - 1, show)}
          </li>
        ))}
        <li className="flex items-center gap-2">
          <span className="inline-block h-3 w-5 rounded-sm border border-slate-400 bg-[#e5e7eb]" aria-hidden />
          {t("dashboard.map.noData")}
        </li>
      </ul>
    </section>
  );
}

/** The provinces' figures as the map shows them: only the country's dashboard draws a map. */
function mapData(rows: RankingRow[], metric: Metric, classes: LegendClass[], periodQuery: string, t: Translator, locale: string): MapDatum[] {
  const show = (v: number | null) => (v === null ? t("dashboard.map.noData") : isShare(metric) ? formatPercent(locale, v, 1) : formatNumber(locale, v));
  return rows.map((r) => ({
    code: r.code,
    display: show(r[metric]),
    rank: r.rank ? t("dashboard.map.rank", { rank: r.rank, total: rows.length }) : "",
    color: colorFor(r[metric], classes),
    href: `/units/${r.code}${periodQuery}`,
  }));
}

async function Ranking({
  data,
  query,
  periodQuery,
  downloads,
}: {
  data: UnitIndicators;
  query: Query;
  periodQuery: string;
  downloads: (chart: IndicatorChart, title: string, extra?: string) => React.ReactNode;
}) {
  const t = await getTranslations();
  const locale = await getLocale();
  const metric = metricOf(data, query);
  const level = data.unit.level === "national" ? "national" : "province";
  const sortId = (SORTABLE as readonly string[]).includes(query.sort ?? "") ? (query.sort as (typeof SORTABLE)[number]) : "rank";
  const desc = query.dir === "desc";
  const title = t(level === "national" ? "dashboard.children.national" : "dashboard.children.province");
  const columns: RankingColumn[] = RANKING_COLUMNS.filter((id) => id !== "coverage" || level === "national").map((id) => ({
    id,
    label: t(RANKING_LABELS[id]),
    href: sortHref(query, id, { id: sortId, desc }),
    sort: sortId === id ? (desc ? "descending" : "ascending") : "none",
  }));
  return (
    <section aria-labelledby="chart-ranking" className="min-w-0 space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="chart-ranking" className="font-semibold">
          {title} · {t("dashboard.ranking.by", { indicator: t(`dashboard.metrics.${metric}`) })}
        </h2>
        {downloads("ranking", title, `&metric=${metric}`)}
      </div>
      <RankingTable
        columns={columns}
        rows={derived(rankedBy(data, metric), `table|${locale}|${level}|${sortId}|${desc}`, () =>
          packRows(sortRanking(rankedBy(data, metric), sortId, desc).map((r) => tableRow(locale, r, columns))),
        )}
        caption={title}
        empty={t("dashboard.ranking.empty")}
        noTeam={level === "province" ? t("dashboard.noTeam") : undefined}
        query={periodQuery}
      />
    </section>
  );
}

/** The child units ranked by a metric, worked out once per set of figures (see `derived`). */
const rankedBy = (data: UnitIndicators, metric: Metric) => derived(data.children, `ranking|${metric}`, () => rankingRows(data, metric));

/** The ranking's columns in order, and the message naming each. */
const RANKING_COLUMNS = ["rank", "name", "coverage", "teams", "members", "trained", "guided", "completion", "reports"] as const satisfies readonly (typeof SORTABLE)[number][];
const RANKING_LABELS = {
  rank: "dashboard.ranking.rank",
  name: "dashboard.unitName",
  coverage: "dashboard.communesCovered",
  teams: "dashboard.teams",
  members: "dashboard.members",
  trained: "dashboard.ranking.trained",
  guided: "dashboard.peopleGuided",
  completion: "dashboard.ranking.completion",
  reports: "dashboard.ranking.reports",
} as const;

/** A ranking row's cells formatted in the reader's language, in the order of the table's columns. */
function tableRow(locale: string, r: RankingRow, columns: RankingColumn[]): RankingTableRow {
  const num = (v: number) => formatNumber(locale, v);
  const pct = (a: number, b: number) => formatPercent(locale, a, b);
  const cell: Record<Exclude<(typeof RANKING_COLUMNS)[number], "name">, () => string> = {
    rank: () => (r.rank === null ? "—" : String(r.rank)),
    coverage: () => `${num(r.communesWithTeam)}/${num(r.communesTotal)} · ${pct(r.communesWithTeam, r.communesTotal)}`,
    teams: () => num(r.teamsActive),
    members: () => num(r.membersActive),
    trained: () => pct(r.trained12m, r.membersActive),
    guided: () => num(r.peopleGuided),
    completion: () => pct(r.peopleCompleted, r.peopleGuided),
    reports: () => `${num(r.reportsSubmitted)}/${num(r.reportsExpected)}`,
  };
  return [r.code, r.name, r.teamsActive === 0 ? "1" : "", ...columns.flatMap((c) => (c.id === "name" ? [] : [cell[c.id as keyof typeof cell]()]))];
}

function sortRanking(rows: RankingRow[], id: (typeof SORTABLE)[number], desc: boolean): RankingRow[] {
  const value = (r: RankingRow): number | string | null => (id === "name" ? r.name : r[id]);
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return x === y ? a.code.localeCompare(b.code) : x === null ? 1 : -1;
    const c = typeof x === "string" ? x.localeCompare(String(y), "vi") : x - Number(y);
    return (desc ? -c : c) || a.code.localeCompare(b.code);
  });
}

async function CommunesWithoutTeam({ data, periodQuery }: { data: UnitIndicators; periodQuery: string }) {
  const t = await getTranslations();
  const without = data.children.filter((c) => c.indicators.teams_active === 0);
  return (
    <section className={cardClass} aria-labelledby="without-team">
      <h2 id="without-team" className="mb-2 font-semibold">
        {t("dashboard.withoutTeam.title", { count: without.length })}
      </h2>
      {without.length === 0 ? (
        <p className="text-sm text-slate-600">{t("dashboard.withoutTeam.none")}</p>
      ) : (
        <ul className="columns-1 gap-6 text-sm sm:columns-2 lg:columns-3" data-testid="communes-without-team">
          {without.map((c) => (
            <li key={c.code} className="py-0.5">
              <a href={`/units/${c.code}${periodQuery}`} className="text-brand-700 hover:underline">
                {c.name}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

async function CommuneSections({ code, period }: { code: string; period: Period }) {
  const actor = await requireActor();
  const details = await orNotFound(communeDetails(actor, code, period));
  const t = await getTranslations();
  const locale = await getLocale();
  const num = (v: number) => formatNumber(locale, v);
  const th = "whitespace-nowrap px-3 py-2 font-semibold";
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <section className={`${cardClass} min-w-0`} aria-labelledby="commune-hamlets">
        <h2 id="commune-hamlets" className="mb-2 font-semibold">
          {t("dashboard.commune.hamlets")}
        </h2>
        {details.hamlets.length === 0 ? (
          <p className="text-sm text-slate-600">{t("dashboard.commune.noHamlets")}</p>
        ) : (
          <div className="overflow-x-auto" {...scrollRegion()}>
            <table className="stack-table w-full text-left text-sm sm:min-w-[28rem]">
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className={th}>{t("dashboard.commune.hamlet")}</th>
                  <th scope="col" className={`${th} text-right`}>{t("dashboard.commune.households")}</th>
                  <th scope="col" className={th}>{t("dashboard.commune.team")}</th>
                </tr>
              </thead>
              <CommuneRows
                kind="hamlets"
                labels={[t("dashboard.commune.hamlet"), t("dashboard.commune.households"), t("dashboard.commune.team")]}
                noTeam={t("dashboard.noTeam")}
                rows={packRows(details.hamlets.map((h): HamletRow => [`${t(`catalog.hamletKinds.${h.kind}`)} · ${h.name}`, h.households === null ? "—" : num(h.households), h.team ?? ""]))}
              />
            </table>
          </div>
        )}
      </section>
      <section className={`${cardClass} min-w-0`} aria-labelledby="commune-teams">
        <h2 id="commune-teams" className="mb-2 font-semibold">
          {t("dashboard.commune.teams")}
        </h2>
        {details.teams.length === 0 ? (
          <p className="text-sm text-slate-600">{t("dashboard.commune.noTeams")}</p>
        ) : (
          <div className="overflow-x-auto" {...scrollRegion()}>
            <table className="stack-table w-full text-left text-sm sm:min-w-[28rem]">
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className={th}>{t("dashboard.commune.team")}</th>
                  <th scope="col" className={`${th} text-right`}>{t("dashboard.members")}</th>
                  <th scope="col" className={`${th} text-right`}>{t("dashboard.commune.trained")}</th>
                </tr>
              </thead>
              <CommuneRows
                kind="teams"
                labels={[t("dashboard.commune.team"), t("dashboard.members"), t("dashboard.commune.trained")]}
                rows={packRows(
                  details.teams.map((team): TeamRow => [
                    team.name,
                    team.hamlet ?? t("dashboard.commune.communeLevel"),
                    num(team.members),
                    `${num(team.trained12m)} · ${formatPercent(locale, team.trained12m, team.members)}`,
                  ]),
                )}
              />
            </table>
          </div>
        )}
      </section>
      <section className={`${cardClass} min-w-0 lg:col-span-2`} aria-labelledby="commune-reports">
        <h2 id="commune-reports" className="mb-2 font-semibold">
          {t("dashboard.commune.reports")}
        </h2>
        {details.reports.length === 0 ? (
          <p className="text-sm text-slate-600">{t("dashboard.commune.noReportsDue")}</p>
        ) : (
          <CommuneRows
            kind="reports"
            className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-3 lg:grid-cols-6"
            testId="report-status"
            rows={packRows(
              details.reports.map((r): ReportTile => [
                `/reports/${code}/${r.month.slice(0, 7)}`,
                r.status,
                formatMonth(r.month),
                t(`catalog.reportStatuses.${r.status}`),
                r.submittedAt ? formatDate(locale, r.submittedAt) : "",
              ]),
            )}
          />
        )}
      </section>
    </div>
  );
}
