import { z } from "zod";

import { REPORT_DISPLAY_STATUSES } from "@/lib/domain/reports-owed";

// The deadline and status rule lives in one domain module; re-exported for existing callers.
export { DEFAULT_DEADLINE_DAY, REPORT_DISPLAY_STATUSES, displayStatus, isLate, reportDeadline, type ReportDisplayStatus } from "@/lib/domain/reports-owed";
/** Days 1–28 exist in every month. */
export const MAX_DEADLINE_DAY = 28;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])(-01)?$/;

/** A month as YYYY-MM (or its first day), normalised to the first day. */
export const monthField = z
  .string({ error: "reports.errors.month_invalid" })
  .trim()
  .regex(MONTH, "reports.errors.month_invalid")
  .transform((v) => `${v.slice(0, 7)}-01`);

export function parseMonth(value: string | undefined | null): string | null {
  const r = monthField.safeParse(value ?? "");
  return r.success ? r.data : null;
}

const reportKey = {
  communeCode: z.string().regex(/^\d{5}$/, "errors.not_found"),
  month: monthField,
  version: z.coerce.number({ error: "errors.not_found" }).int().min(1),
};

export const reportSubmitSchema = z.object(reportKey);
export type ReportSubmitInput = z.infer<typeof reportSubmitSchema>;

export const reportApproveSchema = z.object(reportKey);
export type ReportApproveInput = z.infer<typeof reportApproveSchema>;

export const reportReturnSchema = z.object({
  ...reportKey,
  comment: z.string({ error: "reports.errors.comment_required" }).trim().min(1, "reports.errors.comment_required").max(1000, "errors.too_long"),
});
export type ReportReturnInput = z.infer<typeof reportReturnSchema>;

export const deadlineSettingSchema = z.object({
  deadlineDay: z
    .string({ error: "reports.errors.deadline_day_invalid" })
    .trim()
    .regex(/^\d{1,2}$/, "reports.errors.deadline_day_invalid")
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_DEADLINE_DAY, "reports.errors.deadline_day_invalid"),
});
export type DeadlineSettingInput = { deadlineDay: number };

const optionalMonth = z.string().regex(/^\d{4}-\d{2}$/).optional().catch(undefined);

/** Filters of the report views and the report export. */
export const reportListSchema = z.object({
  month: optionalMonth,
  from: optionalMonth,
  to: optionalMonth,
  province: z.string().regex(/^\d{2}$/).optional().catch(undefined),
  commune: z.string().regex(/^\d{5}$/).optional().catch(undefined),
  status: z.enum(REPORT_DISPLAY_STATUSES).optional().catch(undefined),
});
export type ReportListParams = z.infer<typeof reportListSchema>;
