import { z } from "zod";
import { parsePeriod, type Period } from "@/lib/domain/period";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "dashboard.errors.date_invalid")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "dashboard.errors.date_invalid");

/**
 * The query of every indicator read: a unit code (VN, a 2-digit province or a 5-digit commune)
 * and an optional period in whole months (from = any day of the first month, to = any day of the
 * last). Without dates the twelve months up to the current one are used.
 */
export const indicatorQuerySchema = z
  .object({
    unit: z.string().regex(/^(VN|[0-9]{2}|[0-9]{5})$/, "dashboard.errors.unit_invalid"),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "dashboard.errors.period_order", path: ["to"] })
  .transform((q) => ({ unit: q.unit, period: parsePeriod(q.from, q.to) as Period }));

export const INDICATOR_CHARTS = ["trend", "roster", "skill", "target_group", "affiliation", "gender", "ranking"] as const;
export type IndicatorChart = (typeof INDICATOR_CHARTS)[number];

export const indicatorExportSchema = z.intersection(
  indicatorQuerySchema,
  z.object({
    chart: z.enum(INDICATOR_CHARTS, { error: "dashboard.errors.chart_invalid" }),
    format: z.enum(["csv", "xlsx"], { error: "dashboard.errors.format_invalid" }).default("csv"),
  }),
);

/** The query string as a plain object for the schemas (repeated keys keep their first value). */
export function queryObject(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of params) if (!(k in out)) out[k] = v;
  return out;
}
