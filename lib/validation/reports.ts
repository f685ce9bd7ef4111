import { z } from "zod";
import { addMonths, VN_OFFSET_MS } from "@/lib/domain/period";
import type { ReportStatus } from "@/lib/domain/catalog";
import { codeField, intField, monthField as reportMonthField, optionalChoice, optionalCode, optionalMonth, requiredText, versionField } from "./primitives";

export const DEFAULT_DEADLINE_DAY = 5;
/** Days 1–28 exist in every month. */
export const MAX_DEADLINE_DAY = 28;

/** What a month's report looks like to its readers: the stored status, refined by timing. */
export const REPORT_DISPLAY_STATUSES = ["open", "submitted", "submitted_late", "approved", "returned", "missing"] as const;
export type ReportDisplayStatus = (typeof REPORT_DISPLAY_STATUSES)[number];

/**
 * The deadline of a month's report: the given day of the following month, Vietnam time. `passesAt`
 * is the first instant after it (00:00 of the next day in Vietnam), whatever the server's zone.
 */
export function reportDeadline(month: string, deadlineDay: number): { day: string; passesAt: Date } {
  const next = addMonths(month, 1);
  const day = `${next.slice(0, 8)}${String(deadlineDay).padStart(2, "0")}`;
  return { day, passesAt: new Date(Date.parse(`${day}T00:00:00Z`) - VN_OFFSET_MS + 86400_000) };
}

export function isLate(month: string, submittedAt: Date, deadlineDay: number): boolean {
  return submittedAt.getTime() >= reportDeadline(month, deadlineDay).passesAt.getTime();
}

export function displayStatus(
  report: { status: ReportStatus; submittedLate: boolean | null } | null | undefined,
  month: string,
  at: Date,
  deadlineDay: number,
): ReportDisplayStatus {
  if (report?.status === "approved" || report?.status === "returned") return report.status;
  if (report?.status === "submitted") return report.submittedLate ? "submitted_late" : "submitted";
  return at.getTime() >= reportDeadline(month, deadlineDay).passesAt.getTime() ? "missing" : "open";
}

/** A month as YYYY-MM (or its first day), normalised to the first day. */
export const monthField = reportMonthField("reports.errors.month_invalid");

export function parseMonth(value: string | undefined | null): string | null {
  const r = monthField.safeParse(value ?? "");
  return r.success ? r.data : null;
}

const reportKey = {
  communeCode: codeField(5, "errors.not_found"),
  month: monthField,
  version: versionField,
};

export const reportSubmitSchema = z.object(reportKey);
export type ReportSubmitInput = z.infer<typeof reportSubmitSchema>;

export const reportApproveSchema = z.object(reportKey);
export type ReportApproveInput = z.infer<typeof reportApproveSchema>;

export const reportReturnSchema = z.object({
  ...reportKey,
  comment: requiredText({ max: 1000, multiline: true, messages: { required: "reports.errors.comment_required" } }),
});
export type ReportReturnInput = z.infer<typeof reportReturnSchema>;

export const deadlineSettingSchema = z.object({
  deadlineDay: intField({ min: 1, max: MAX_DEADLINE_DAY, message: "reports.errors.deadline_day_invalid", requiredMessage: "reports.errors.deadline_day_invalid" }),
});
export type DeadlineSettingInput = { deadlineDay: number };

/** Filters of the report views and the report export. */
export const reportListSchema = z.object({
  month: optionalMonth,
  from: optionalMonth,
  to: optionalMonth,
  province: optionalCode(2),
  commune: optionalCode(5),
  status: optionalChoice(REPORT_DISPLAY_STATUSES),
});
export type ReportListParams = z.infer<typeof reportListSchema>;
