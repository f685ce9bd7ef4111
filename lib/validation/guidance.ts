import { z } from "zod";
import { TARGET_GROUPS } from "@/lib/domain/catalog";
import {
  bigIdField,
  dateField,
  dirField,
  idField,
  fieldsRead,
  intField,
  optionalChoice,
  optionalCode,
  optionalId,
  optionalMonth,
  optionalText,
  pageField,
  pageCursor,
  pageSizeField,
  versionField,
  listChoice,
} from "./primitives";

/** Field messages are full message keys, translated with the root translator where shown. */
export const MAX_GUIDANCE_ROWS = 100;
export const MAX_COUNT = 100_000;

export { isRealDate as isIsoDate } from "./primitives";

/** A whole number from a form field or a number: empty gives the fallback, or "required" without one. */
function wholeNumber(options: { min: number; max: number; fallback?: number; message: string }) {
  const field = intField({ min: options.min, max: options.max, message: options.message, requiredMessage: "errors.required" });
  return options.fallback === undefined ? field : z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), field.default(options.fallback));
}

const count = (fallback?: number) => wholeNumber({ min: 0, max: MAX_COUNT, fallback, message: "guidance.errors.count_invalid" });

const rowShape = {
  teamId: idField("errors.required"),
  guidedOn: dateField({ invalid: "guidance.errors.date_invalid" }),
  skill: wholeNumber({ min: 1, max: 5, message: "errors.required" }),
  targetGroup: z.enum(TARGET_GROUPS, { error: "errors.required" }),
  householdsVisited: count(0),
  peopleGuided: count(),
  peopleCompleted: count(0),
  note: optionalText({ max: 500, multiline: true }),
};

type RowValues = { peopleGuided: number; peopleCompleted: number };
function completedWithinGuided(v: RowValues, ctx: z.RefinementCtx) {
  if (v.peopleCompleted > v.peopleGuided) {
    ctx.addIssue({ code: "custom", path: ["peopleCompleted"], message: "guidance.errors.completed_exceeds_guided" });
  }
}

const countsRead = { when: fieldsRead(z.object({ peopleGuided: rowShape.peopleGuided, peopleCompleted: rowShape.peopleCompleted })) };

/** One guidance record as entered: team, date, skill, target group and counts. */
export const guidanceRowSchema = z.object(rowShape).superRefine(completedWithinGuided, countsRead);
export type GuidanceRowInput = z.infer<typeof guidanceRowSchema> & { /** Position of the row in the submitted form. */ index?: number };

export const GUIDANCE_ROW_FIELDS = Object.keys(rowShape) as (keyof typeof rowShape)[];

/** The row numbers of a batch form whose fields are named `rows.<n>.<field>`, in order. */
function batchIndices(flat: Record<string, unknown>): number[] {
  return [...new Set(Object.keys(flat).flatMap((k) => /^rows\.(\d{1,3})\./.exec(k)?.[1] ?? []))].map(Number).sort((a, b) => a - b);
}

/**
 * Where each row of a batch form would be written (its team and day), for the rows whose team and
 * day read correctly: checked against the database even when the form is refused for other fields.
 */
export function guidancePlaces(flat: Record<string, unknown>): { index: number; teamId: number; guidedOn: string }[] {
  return batchIndices(flat)
    .slice(0, MAX_GUIDANCE_ROWS)
    .flatMap((index) => {
      const teamId = rowShape.teamId.safeParse(flat[`rows.${index}.teamId`]);
      const guidedOn = rowShape.guidedOn.safeParse(flat[`rows.${index}.guidedOn`]);
      return teamId.success && guidedOn.success ? [{ index, teamId: teamId.data, guidedOn: guidedOn.data }] : [];
    });
}

/**
 * Several records from one form whose fields are named `rows.<n>.<field>`. Every row is checked and
 * its errors keyed `rows.<n>.<field>`, so the form can show each message beside its own field.
 */
export const guidanceBatchSchema = z.record(z.string(), z.unknown()).transform((flat, ctx) => {
  const indices = batchIndices(flat);
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
  .object({ ...rowShape, id: bigIdField(), version: versionField })
  .superRefine(completedWithinGuided, countsRead);
export type GuidanceUpdateInput = z.infer<typeof guidanceUpdateSchema>;

export const guidanceRemoveSchema = z.object({
  id: bigIdField(),
  version: versionField,
});
export type GuidanceRemoveInput = z.infer<typeof guidanceRemoveSchema>;

export const GUIDANCE_SORTS = ["guidedOn", "team", "commune", "skill", "targetGroup", "householdsVisited", "peopleGuided", "peopleCompleted"] as const;

/** List and export filters from the URL; anything unparseable falls back to its default. */
export const guidanceListSchema = z.object({
  team: optionalId,
  skill: intField({ min: 1, max: 5, message: "errors.choice_invalid" }).optional(),
  group: optionalChoice(TARGET_GROUPS),
  from: optionalMonth,
  to: optionalMonth,
  province: optionalCode(2),
  commune: optionalCode(5),
  page: pageField,
  after: pageCursor,
  before: pageCursor,
  pageSize: pageSizeField([10, 20, 50, 100], 20),
  sort: listChoice(GUIDANCE_SORTS, "guidedOn"),
  dir: dirField("desc"),
});
export type GuidanceListParams = z.infer<typeof guidanceListSchema>;
