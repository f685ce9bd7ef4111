import { getTranslations } from "@/i18n/server";
import { cardClass } from "@/components/ui/styles";
import { historyFigures } from "@/lib/dal/history";
import { unitIndicators } from "@/lib/dal/indicators";
import type { Actor } from "@/lib/dal/actor";
import type { Period } from "@/lib/domain/period";
import { longTrend } from "@/lib/history/trend";
import { HistoryCharts, IMPORTED_COLOR, type HistoryChartData } from "./history-charts";

/**
 * The unit's trend from where its imported history starts to the end of the period: imported
 * months (aggregates reported before July 2025) in their own colour and legend, recorded months
 * beside them, never added together. Nothing is shown for a unit without imported history.
 */
export async function HistoryTrend({ actor, code, period }: { actor: Actor; code: string; period: Period }) {
  const history = await historyFigures(actor, code, { from: "2015-01-01", to: period.to });
  if (!history.first_month) return null;
  const from = history.first_month < period.from ? history.first_month : period.from;
  const recorded = await unitIndicators(actor, code, { from, to: period.to });
  const points = longTrend(history, recorded);
  const t = await getTranslations("history.trend");
  const categories = points.map((p) => `${p.month.slice(5, 7)}/${p.month.slice(2, 4)}`);
  const names: [string, string] = [t("imported"), t("recorded")];
  const charts: HistoryChartData[] = [
    { title: t("guided"), names, imported: points.map((p) => p.imported.people_guided ?? 0), recorded: points.map((p) => p.recorded.people_guided) },
    { title: t("teams"), names, imported: points.map((p) => p.imported.teams ?? 0), recorded: points.map((p) => p.recorded.teams ?? 0) },
  ];
  return (
    <section className={`${cardClass} min-w-0`} aria-labelledby="history-trend" data-testid="history-trend">
      <h2 id="history-trend" className="font-semibold">
        {t("title", { from: `${from.slice(5, 7)}/${from.slice(0, 4)}` })}
      </h2>
      <p className="mb-2 text-sm text-slate-700">
        <span className="mr-1 inline-block h-3 w-3 rounded-sm align-middle" style={{ background: IMPORTED_COLOR }} aria-hidden />
        {t("note")}
      </p>
      <HistoryCharts categories={categories} charts={charts} />
    </section>
  );
}
