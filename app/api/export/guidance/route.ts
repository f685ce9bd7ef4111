import { getTranslations } from "@/i18n/server";
import { exportGuidance } from "@/lib/dal/guidance";
import { getActor } from "@/lib/dal/session";
import { vnToday } from "@/lib/domain/period";
import { personalDataRows } from "@/lib/export/download";
import { idColumns } from "@/lib/export/id-columns";
import { exportResponse, parseExportFormat, type ExportColumn } from "@/lib/export/tabular";
import { guidanceListSchema } from "@/lib/validation/guidance";
import { badQuery, parseQuery } from "@/lib/validation/primitives";

type Row = ReturnType<typeof exportGuidance> extends AsyncGenerator<infer R> ? R : never;

/** The caller's guidance records matching the list filters, streamed as CSV or XLSX. */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return new Response("Unauthorized", { status: 401 });
  const url = new URL(request.url);
  const format = parseExportFormat(url.searchParams.get("format"));
  if (!format) return new Response("Bad format", { status: 400 });
  const parsed = parseQuery(guidanceListSchema, url.searchParams);
  if (!parsed.ok) return badQuery(parsed.fields);
  const params = parsed.data;
  const t = await getTranslations();
  const columns: ExportColumn<Row>[] = [
    ...idColumns<Row>(t, { recordId: (r) => r.id, teamId: (r) => r.teamId, provinceCode: (r) => r.provinceCode, communeCode: (r) => r.communeCode }),
    { header: t("guidance.date"), value: (r) => r.guidedOn, width: 12 },
    { header: t("guidance.province"), value: (r) => r.provinceName, width: 18 },
    { header: t("guidance.commune"), value: (r) => r.communeName, width: 24 },
    { header: t("guidance.team"), value: (r) => r.teamName, width: 28 },
    { header: t("guidance.skill"), value: (r) => `${r.skill}. ${t(`catalog.skills.${r.skill}`)}`, width: 28 },
    { header: t("guidance.targetGroup"), value: (r) => t(`catalog.targetGroups.${r.targetGroup}`), width: 24 },
    { header: t("guidance.householdsVisited"), value: (r) => r.householdsVisited },
    { header: t("guidance.peopleGuided"), value: (r) => r.peopleGuided },
    { header: t("guidance.peopleCompleted"), value: (r) => r.peopleCompleted },
    { header: t("guidance.status"), value: (r) => (r.locked ? t("guidance.locked") : t("guidance.open")) },
    { header: t("guidance.note"), value: (r) => r.note, width: 30 },
  ];
  const { page: _page, pageSize: _size, sort: _sort, dir: _dir, ...filters } = params;
  const audited = await personalDataRows(actor, "guidance", { filters, format }, exportGuidance(actor, params));
  if ("response" in audited) return audited.response;
  return exportResponse({ format, basename: `ket-qua-huong-dan_${vnToday()}`, sheetName: t("guidance.title"), columns, rows: audited.rows });
}
