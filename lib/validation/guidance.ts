import { z } from "zod";
import { TARGET_GROUPS } from "@/lib/domain/catalog";

/** Field messages are full message keys, translated with the root translator where shown. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;
export const MAX_GUIDANCE_ROWS = 100;
export const MAX_COUNT = 100_000;

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

const text = (v: unknown) => (v === undefined || v === null ? "" : String(v).trim());

/** A whole number from a form field or a number: empty gives the fallback, or "required" without one. */
function wholeNumber(options: { min: number; max: number; fallback?: number; message: string }) {
  return z.unknown().transform((v, ctx): number => {
    const s = text(v);
    if (s === "") {
      if (options.fallback !== undefined) return options.fallback;
      ctx.addIssue({ code: "custom", message: "errors.required" });
      return z.NEVER;
    }
    const n = /^\d{1,9}$/.test(s) ? Number(s) : NaN;
    if (!(n >= options.min && n <= options.max)) {
      ctx.addIssue({ code: "custom", message: options.message });
      return z.NEVER;
    }
    return n;
  });
}

const count = (fallback?: number) => wholeNumber({ min: 0, max: MAX_COUNT, fallback, message: "guidance.errors.count_invalid" });

const rowShape = {
  teamId: wholeNumber({ min: 1, max: 2_147_483_647, message: "errors.required" }),
  guidedOn: z.unknown().transform((v, ctx): string => {
    const s = text(v);
    if (!s) ctx.addIssue({ code: "custom", message: "errors.required" });
    else if (!isIsoDate(s)) ctx.addIssue({ code: "custom", message: "guidance.errors.date_invalid" });
    return s;
  }),
  skill: wholeNumber({ min: 1, max: 5, message: "errors.required" }),
  targetGroup: z.enum(TARGET_GROUPS, { error: "errors.required" }),
  householdsVisited: count(0),
  peopleGuided: count(),
  peopleCompleted: count(0),
  note: z.unknown().transform((v, ctx): string | null => {
    const s = text(v);
    if (s.length > 500) ctx.addIssue({ code: "custom", message: "errors.too_long" });
    return s || null;
  }),
};

type RowValues = { peopleGuided: number; peopleCompleted: number };
function completedWithinGuided(v: RowValues, ctx: z.RefinementCtx) {
  if (v.peopleCompleted > v.peopleGuided) {
    ctx.addIssue({ code: "custom", path: ["peopleCompleted"], message: "guidance.errors.completed_exceeds_guided" });
  }
}

/** One guidance record as entered: team, date, skill, target group and counts. */
export const guidanceRowSchema = z.object(rowShape).superRefine(completedWithinGuided);
export type GuidanceRowInput = z.infer<typeof guidanceRowSchema> & { /** Position of the row in the submitted form. */ index?: number };

export const GUIDANCE_ROW_FIELDS = Object.keys(rowShape) as (keyof typeof rowShape)[];

/**
 * Several records from one form whose fields are named `rows.<n>.<field>`. Every row is checked and
 * its errors keyed `rows.<n>.<field>`, so the form can show each message beside its own field.
 */
export const guidanceBatchSchema = z.record(z.string(), z.unknown()).transform((flat, ctx) => {
  const indices = [...new Set(Object.keys(flat).flatMap((k) => /^rows\.(\d{1,3})\./.exec(k)?.[1] ?? []))].map(Number).sort((a, b) => a - b);
  if (indices.length === 0) ctx.addIssue({ code: "custom", path: ["rows"], message: "guidance.errors.no_rows" });
  if (indices.length > MAX_GUIDANCE_ROWS) ctx.addIssue({ code: "custom", path: ["rows"], message: "guidance.errors.too_many_rows" });
  const rows: GuidanceRowInput[] = [];
  for (const index of indices) {
    const raw = Object.fromEntries(GUIDANCE_ROW_FIELDS.map((f) => [f, flat[`rows.${index}.${f}`]]));
    const parsed = guidanceRowSchema.safeParse(raw);
    if (parsed.success) rows.push({ ...parsed.data, index });
    else for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: [`rows.${index}.${String(issue.path[0])}`], message: issue.message });
  }
  return { rows };
});

export const guidanceUpdateSchema = z
  .object({ ...rowShape, id: wholeNumber({ min: 1, max: Number.MAX_SAFE_INTEGER, message: "errors.not_found" }), version: wholeNumber({ min: 1, max: 2_147_483_647, message: "errors.not_found" }) })
  .superRefine(completedWithinGuided);
export type GuidanceUpdateInput = z.infer<typeof guidanceUpdateSchema>;

export const guidanceRemoveSchema = z.object({
  id: wholeNumber({ min: 1, max: Number.MAX_SAFE_INTEGER, message: "errors.not_found" }),
  version: wholeNumber({ min: 1, max: 2_147_483_647, message: "errors.not_found" }),
});
export type GuidanceRemoveInput = z.infer<typeof guidanceRemoveSchema>;

export const GUIDANCE_SORTS = ["guidedOn", "team", "commune", "skill", "targetGroup", "householdsVisited", "peopleGuided", "peopleCompleted"] as const;

const optionalMonth = z.string().regex(MONTH).optional().catch(undefined);

/** List and export filters from the URL; anything unparseable falls back to its default. */
export const guidanceListSchema = z.object({
  team: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
  skill: z.coerce.number().int().min(1).max(5).optional().catch(undefined),
  group: z.enum(TARGET_GROUPS).optional().catch(undefined),
  from: optionalMonth,
  to: optionalMonth,
  province: z.string().regex(/^\d{2}$/).optional().catch(undefined),
  commune: z.string().regex(/^\d{5}$/).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).catch(1),
  pageSize: z.coerce.number().int().refine((n) => [10, 20, 50, 100].includes(n)).catch(20),
  sort: z.enum(GUIDANCE_SORTS).catch("guidedOn"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
});
export type GuidanceListParams = z.infer<typeof guidanceListSchema>;
