import { z } from "zod";
import { codeField, intField, monthField as reportMonthField, optionalChoice, optionalCode, optionalMonth, requiredText, versionField } from "./primitives";
import { REPORT_DISPLAY_STATUSES } from "@/lib/domain/reports-owed";

// The deadline and status rule lives in one domain module; re-exported for existing callers.
export { DEFAULT_DEADLINE_DAY, REPORT_DISPLAY_STATUSES, displayStatus, isLate, reportDeadline, type ReportDisplayStatus } from "@/lib/domain/reports-owed";
/** Days 1–28 exist in every month. */
export const MAX_DEADLINE_DAY = 28;

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
