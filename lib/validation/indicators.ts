import { z } from "zod";
import { parsePeriod, type Period } from "@/lib/domain/period";
import { dateField, queryRecord, UNIT_CODE } from "./primitives";

const isoDate = dateField({ invalid: "dashboard.errors.date_invalid", range: "errors.date_out_of_range", required: "dashboard.errors.date_invalid" });

/**
 * The query of every indicator read: a unit code (VN, a 2-digit province or a 5-digit commune)
 * and an optional period in whole months (from = any day of the first month, to = any day of the
 * last). Without dates the twelve months up to the current one are used.
 */
export const indicatorQuerySchema = z
  .object({
    unit: z.string({ error: "dashboard.errors.unit_invalid" }).regex(UNIT_CODE, "dashboard.errors.unit_invalid"),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "dashboard.errors.period_order", path: ["to"] })
  .transform((q) => ({ unit: q.unit, period: parsePeriod(q.from, q.to) as Period }));

export const INDICATOR_CHARTS = ["trend", "skill", "target_group", "affiliation", "gender", "ranking"] as const;
export type IndicatorChart = (typeof INDICATOR_CHARTS)[number];

export const indicatorExportSchema = z.intersection(
  indicatorQuerySchema,
  z.object({
    chart: z.enum(INDICATOR_CHARTS, { error: "dashboard.errors.chart_invalid" }),
    format: z.enum(["csv", "xlsx"], { error: "dashboard.errors.format_invalid" }).default("csv"),
  }),
);

/** The query string as a plain object for the schemas (repeated keys keep their first value, empty ones are left out). */
export const queryObject = queryRecord;
