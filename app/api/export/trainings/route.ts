import { getTranslations } from "@/i18n/server";
import { personalDataRows } from "@/lib/export/download";
import { idColumns } from "@/lib/export/id-columns";
import { exportResponse, parseExportFormat, type ExportColumn } from "@/lib/export/tabular";
import { getActor } from "@/lib/dal/session";
import { exportTrainingAttendance, exportTrainings, type AttendanceExportRow, type TrainingRow } from "@/lib/dal/trainings";
import { vnToday } from "@/lib/domain/period";
import { badQuery, parseQuery } from "@/lib/validation/primitives";
import { trainingExportSchema } from "@/lib/validation/trainings";

/**
 * The trainings list as CSV or XLSX, scoped to the caller and filtered like the list page:
 * one row per training, or with `detail=attendance` one row per attending member the caller may see.
 */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: "unauthenticated" }, { status: 401 });
  const search = new URL(request.url).searchParams;
  const format = parseExportFormat(search.get("format"));
  if (!format) return Response.json({ error: "format must be csv or xlsx" }, { status: 400 });
  // `format` names the file type here; the list's training-format filter cannot travel with it.
  const filterQuery = new URLSearchParams(search);
  filterQuery.delete("format");
  const parsed = parseQuery(trainingExportSchema, filterQuery);
  if (!parsed.ok) return badQuery(parsed.fields);
  const { detail, ...filter } = parsed.data;
  const t = await getTranslations();
  const organiser = (r: TrainingRow) => r.communeName ?? r.provinceName ?? t("trainings.national");
  const trainingColumns: ExportColumn<TrainingRow>[] = [
    ...idColumns<TrainingRow>(t, { trainingId: (r) => r.id, provinceCode: (r) => r.provinceCode, communeCode: (r) => r.communeCode }),
    { header: t("trainings.fields.heldOn"), value: (r) => r.heldOn, width: 12 },
    { header: t("trainings.fields.title"), value: (r) => r.title, width: 40 },
    { header: t("trainings.fields.level"), value: (r) => t(`catalog.trainingLevels.${r.level}`) },
    { header: t("trainings.fields.organiser"), value: organiser, width: 24 },
    { header: t("trainings.fields.province"), value: (r) => r.provinceName ?? "" },
    { header: t("trainings.fields.topics"), value: (r) => r.topics.map((k) => t(`catalog.trainingTopics.${k}`)).join("; "), width: 40 },
    { header: t("trainings.fields.format"), value: (r) => t(`catalog.trainingFormats.${r.format}`) },
    { header: t("trainings.fields.hours"), value: (r) => r.hours },
    { header: t("trainings.fields.locationOrLink"), value: (r) => r.location ?? "", width: 30 },
  ];
  const date = vnToday();
  if (detail === "attendance") {
    const columns: ExportColumn<AttendanceExportRow>[] = [
      ...trainingColumns.map((c) => ({ ...c, value: (r: AttendanceExportRow) => c.value(r.training) })),
      ...idColumns<AttendanceExportRow>(t, { memberId: (r) => r.attendee.id, teamId: (r) => r.attendee.teamId }),
      { header: t("trainings.export.member"), value: (r) => r.attendee.fullName, width: 26 },
      { header: t("trainings.export.gender"), value: (r) => t(`catalog.genders.${r.attendee.gender}`) },
      { header: t("trainings.export.birthYear"), value: (r) => r.attendee.birthYear },
      { header: t("trainings.view.position"), value: (r) => t(`catalog.positions.${r.attendee.position}`) },
      { header: t("trainings.view.team"), value: (r) => r.attendee.teamName, width: 26 },
      { header: t("downloads.ids.communeCode"), value: (r) => r.attendee.communeCode },
      { header: t("trainings.view.commune"), value: (r) => r.attendee.communeName, width: 22 },
      { header: t("trainings.fields.province"), value: (r) => r.attendee.provinceName },
      { header: t("trainings.view.phone"), value: (r) => r.attendee.phone ?? "" },
    ];
    const audited = await personalDataRows(actor, "attendance", { filters: filter, format }, exportTrainingAttendance(actor, filter));
    if ("response" in audited) return audited.response;
    return exportResponse({
      format,
      basename: `${t("trainings.export.attendanceBasename")}_${date}`,
      sheetName: t("trainings.export.attendanceSheet"),
      columns,
      rows: audited.rows,
    });
  }
  const columns: ExportColumn<TrainingRow>[] = [
    ...trainingColumns,
    { header: t("trainings.fields.attendance"), value: (r) => r.attendance },
    { header: t("trainings.fields.outsideParticipants"), value: (r) => r.outsideParticipants },
    { header: t("trainings.fields.totalParticipants"), value: (r) => r.attendance + r.outsideParticipants },
  ];
  return exportResponse({ format, basename: `${t("trainings.export.basename")}_${date}`, sheetName: t("trainings.export.sheet"), columns, rows: exportTrainings(actor, filter) });
}
