import { getTranslations } from "@/i18n/server";
import { z } from "zod";
import { NotFoundError } from "@/lib/dal/errors";
import { unitIndicators } from "@/lib/dal/indicators";
import { getActor } from "@/lib/dal/session";
import { SKILLS } from "@/lib/domain/catalog";
import { exportResponse, type ExportColumn } from "@/lib/export/tabular";
import { parseMetric } from "@/lib/indicators/metrics";
import { affiliationRows, genderRows, rankingRows, rosterRows, skillRows, targetGroupRows, trendRows, type BreakdownRow, type CountRow } from "@/lib/indicators/series";
import { indicatorExportSchema, queryObject } from "@/lib/validation/indicators";

export const dynamic = "force-dynamic";

/**
 * GET /api/export/indicators?unit=…&from=…&to=…&chart=trend|roster|skill|target_group|affiliation|gender|ranking&format=csv|xlsx
 * — the data behind one dashboard chart, within the caller's scope.
 */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: "unauthenticated" }, { status: 401 });
  const params = new URL(request.url).searchParams;
  const parsed = indicatorExportSchema.safeParse(queryObject(params));
  if (!parsed.success) return Response.json({ error: "bad_request", fields: z.flattenError(parsed.error).fieldErrors }, { status: 400 });
  const { unit, period, chart, format } = parsed.data;
  let data;
  try {
    data = await unitIndicators(actor, unit, period);
  } catch (error) {
    if (error instanceof NotFoundError) return Response.json({ error: "not_found" }, { status: 404 });
    throw error;
  }
  const t = await getTranslations();
  const h = (key: string) => t(`downloads.columns.${key}`);
  const basename = `${t(`downloads.charts.${chart}`)}_${data.unit.name}_${period.from.slice(0, 7)}_${period.to.slice(0, 7)}`;
  const sheetName = t(`downloads.charts.${chart}`);
  const breakdown = (label: (r: BreakdownRow) => string): ExportColumn<BreakdownRow>[] => [
    { header: h("label"), value: label, width: 36 },
    { header: h("guided"), value: (r) => r.guided },
    { header: h("completed"), value: (r) => r.completed },
  ];
  const counts = (label: (r: CountRow) => string): ExportColumn<CountRow>[] => [
    { header: h("label"), value: label, width: 36 },
    { header: h("members"), value: (r) => r.members },
  ];
  switch (chart) {
    case "trend":
      return exportResponse({
        format, basename, sheetName, rows: trendRows(data),
        columns: [
          { header: h("month"), value: (r) => r.month.slice(0, 7) },
          ...SKILLS.map((s) => ({ header: t(`catalog.skills.${s}`), value: (r: ReturnType<typeof trendRows>[number]) => r[`s${s}`], width: 24 })),
          { header: h("guided"), value: (r) => r.total },
          { header: h("completed"), value: (r) => r.completed },
        ],
      });
    case "roster":
      return exportResponse({
        format, basename, sheetName, rows: rosterRows(data),
        columns: [
          { header: h("code"), value: () => data.unit.code },
          { header: h("month"), value: (r) => r.month.slice(0, 7) },
          { header: h("asAt"), value: (r) => r.asAt },
          { header: h("teams"), value: (r) => r.teams },
          { header: h("members"), value: (r) => r.members },
        ],
      });
    case "skill":
      return exportResponse({ format, basename, sheetName, rows: skillRows(data), columns: breakdown((r) => t(`catalog.skills.${r.key}`)) });
    case "target_group":
      return exportResponse({ format, basename, sheetName, rows: targetGroupRows(data), columns: breakdown((r) => t(`catalog.targetGroups.${r.key}`)) });
    case "affiliation":
      return exportResponse({ format, basename, sheetName, rows: affiliationRows(data), columns: counts((r) => t(`catalog.affiliations.${r.key}`)) });
    case "gender":
      return exportResponse({ format, basename, sheetName, rows: genderRows(data), columns: counts((r) => t(`catalog.genders.${r.key}`)) });
    case "ranking": {
      const metric = parseMetric(params.get("metric"));
      const rows = rankingRows(data, metric).sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.code.localeCompare(b.code));
      return exportResponse({
        format, basename, sheetName, rows,
        columns: [
          { header: h("rank"), value: (r) => r.rank },
          { header: h("code"), value: (r) => r.code },
          { header: h("unit"), value: (r) => r.name, width: 30 },
          { header: h("communesTotal"), value: (r) => r.communesTotal },
          { header: h("communesWithTeam"), value: (r) => r.communesWithTeam },
          { header: h("teams"), value: (r) => r.teamsActive },
          { header: h("members"), value: (r) => r.membersActive },
          { header: h("trained12m"), value: (r) => r.trained12m },
          { header: h("guided"), value: (r) => r.peopleGuided },
          { header: h("completed"), value: (r) => r.peopleCompleted },
          { header: h("reportsExpected"), value: (r) => r.reportsExpected },
          { header: h("reportsSubmitted"), value: (r) => r.reportsSubmitted },
          { header: h("reportsOnTime"), value: (r) => r.reportsOnTime },
        ],
      });
    }
  }
}
