import { getTranslations } from "@/i18n/server";
import { exportReports } from "@/lib/dal/reports";
import { getActor } from "@/lib/dal/session";
import { vnToday } from "@/lib/domain/period";
import { idColumns } from "@/lib/export/id-columns";
import { exportResponse, parseExportFormat, type ExportColumn } from "@/lib/export/tabular";
import { formatDateTime } from "@/lib/format";
import { badQuery, parseQuery } from "@/lib/validation/primitives";
import { reportListSchema } from "@/lib/validation/reports";

type Row = ReturnType<typeof exportReports> extends AsyncGenerator<infer R> ? R : never;

/** Monthly reports of the communes in the caller's scope (month or from/to, province, commune, status). */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return new Response("Unauthorized", { status: 401 });
  const url = new URL(request.url);
  const format = parseExportFormat(url.searchParams.get("format"));
  if (!format) return new Response("Bad format", { status: 400 });
  const parsed = parseQuery(reportListSchema, url.searchParams);
  if (!parsed.ok) return badQuery(parsed.fields);
  const params = parsed.data;
  const t = await getTranslations();
  const columns: ExportColumn<Row>[] = [
    ...idColumns<Row>(t, { provinceCode: (r) => r.provinceCode, communeCode: (r) => r.code }),
    { header: t("reports.month"), value: (r) => r.month.slice(0, 7) },
    { header: t("reports.province"), value: (r) => r.provinceName, width: 18 },
    { header: t("reports.commune"), value: (r) => r.name, width: 24 },
    { header: t("reports.status"), value: (r) => t(`catalog.reportStatuses.${r.status}`), width: 14 },
    { header: t("reports.deadline"), value: (r) => r.deadline, width: 12 },
    { header: t("reports.submittedAt"), value: (r) => (r.submittedAt ? formatDateTime("vi", r.submittedAt) : null), width: 18 },
    { header: t("reports.late"), value: (r) => (r.submittedLate === null ? null : r.submittedLate ? "x" : "") },
    { header: t("reports.reviewedAt"), value: (r) => (r.reviewedAt ? formatDateTime("vi", r.reviewedAt) : null), width: 18 },
    { header: t("reports.comment"), value: (r) => r.reviewComment, width: 30 },
  ];
  return exportResponse({ format, basename: `bao-cao-thang_${vnToday()}`, sheetName: t("reports.title"), columns, rows: exportReports(actor, params) });
}
