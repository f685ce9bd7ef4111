import { z } from "zod";
import { TRAINING_FORMATS, TRAINING_LEVELS, TRAINING_TOPICS, type TrainingTopic } from "@/lib/domain/catalog";
import { vnToday } from "@/lib/domain/period";

/**
 * Trainings as entered in the form and accepted by the data-access layer. Field messages are full
 * message keys (`errors.*` shared, `trainings.errors.*` own), translated where they are shown.
 *
 * Dates: a training may be recorded up to a year ahead (a planned training), but attendance can
 * only be recorded once it has taken place (on or before today, Vietnam time), so that planned
 * trainings never count members as trained.
 */
export const EARLIEST_TRAINING_DATE = "2020-01-01";
export const MAX_HOURS = 1000;
export const MAX_OUTSIDE = 100_000;
export const MAX_ATTENDEES = 5000;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function latestTrainingDate(now = new Date()): string {
  const today = vnToday(now);
  return new Date(Date.parse(`${today}T00:00:00Z`) + 365 * 86400_000).toISOString().slice(0, 10);
}

function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** "1,5" or "1.5" → 1.5; "" → undefined (missing); anything else that is not a number → NaN. */
function decimalInput(value: unknown): unknown {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return value;
  const s = value.trim().replace(",", ".");
  if (s === "") return undefined;
  return /^[+-]?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

/** A list given as an array or as comma-separated text (hidden form fields). */
function listInput(value: unknown): unknown {
  if (Array.isArray(value)) return value;
  if (typeof value === "string") return value.split(",").map((v) => v.trim()).filter(Boolean);
  if (value === undefined || value === null) return [];
  return value;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && !!url.hostname && !/\s/.test(value);
  } catch {
    return false;
  }
}

const hours = z.preprocess(
  decimalInput,
  z
    .number({ error: (issue) => (issue.input === undefined ? "errors.required" : "trainings.errors.hours_invalid") })
    .gt(0, "trainings.errors.hours_invalid")
    .max(MAX_HOURS, "trainings.errors.hours_invalid")
    .refine((n) => Math.abs(n * 10 - Math.round(n * 10)) < 1e-9, "trainings.errors.hours_invalid"),
);

const outsideParticipants = z.preprocess(
  (v) => decimalInput(v) ?? 0,
  z
    .number({ error: "trainings.errors.outside_invalid" })
    .int("trainings.errors.outside_invalid")
    .min(0, "trainings.errors.outside_invalid")
    .max(MAX_OUTSIDE, "trainings.errors.outside_invalid"),
);

const topics = z.preprocess(
  listInput,
  z
    .array(z.string(), { error: "trainings.errors.topic_unknown" })
    .min(1, "trainings.errors.topics_required")
    .refine((list) => list.every((t) => (TRAINING_TOPICS as readonly string[]).includes(t)), "trainings.errors.topic_unknown")
    .transform((list) => TRAINING_TOPICS.filter((t) => list.includes(t)) as TrainingTopic[]),
);

const memberIds = z.preprocess(
  listInput,
  z
    .array(z.coerce.number({ error: "errors.not_found" }).int("errors.not_found").positive("errors.not_found"), { error: "errors.not_found" })
    .transform((ids) => [...new Set(ids)])
    .pipe(z.array(z.number()).max(MAX_ATTENDEES, "trainings.errors.too_many_attendees")),
);

const fields = z.object({
  /** The organising unit ("VN", a province or a commune code); the caller's own unit when absent. */
  unitCode: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.string().trim().regex(/^(VN|[0-9]{2}|[0-9]{5})$/, "errors.invalid_unit").optional(),
  ),
  title: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(200, "errors.too_long"),
  topics,
  heldOn: z
    .string({ error: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .refine(isRealDate, "trainings.errors.date_invalid"),
  hours,
  format: z.enum(TRAINING_FORMATS, { error: "errors.required" }),
  location: z
    .string()
    .trim()
    .max(500, "errors.too_long")
    .optional()
    .transform((v) => v ?? ""),
  outsideParticipants,
  memberIds,
});

type Fields = z.infer<typeof fields>;

function crossChecks(v: Fields, ctx: z.RefinementCtx) {
  if (isRealDate(v.heldOn)) {
    if (v.heldOn < EARLIEST_TRAINING_DATE || v.heldOn > latestTrainingDate()) {
      ctx.addIssue({ code: "custom", path: ["heldOn"], message: "trainings.errors.date_out_of_range" });
    } else if (v.heldOn > vnToday() && v.memberIds.length > 0) {
      ctx.addIssue({ code: "custom", path: ["memberIds"], message: "trainings.errors.attendance_future" });
    }
  }
  if (v.format === "online") {
    if (!v.location) ctx.addIssue({ code: "custom", path: ["location"], message: "trainings.errors.link_required" });
    else if (!isHttpUrl(v.location)) ctx.addIssue({ code: "custom", path: ["location"], message: "trainings.errors.link_invalid" });
  } else if (!v.location) {
    ctx.addIssue({ code: "custom", path: ["location"], message: "trainings.errors.location_required" });
  }
}

export const trainingCreateSchema = fields.superRefine(crossChecks);
export type TrainingCreateInput = z.input<typeof trainingCreateSchema>;
export type TrainingCreateData = z.output<typeof trainingCreateSchema>;

const recordRef = {
  id: z.coerce.number({ error: "errors.not_found" }).int("errors.not_found").positive("errors.not_found"),
  version: z.coerce.number({ error: "errors.not_found" }).int("errors.not_found").positive("errors.not_found"),
};

export const trainingUpdateSchema = fields.extend(recordRef).superRefine(crossChecks);
export type TrainingUpdateInput = z.input<typeof trainingUpdateSchema>;
export type TrainingUpdateData = z.output<typeof trainingUpdateSchema>;

export const trainingRemoveSchema = z.object(recordRef);
export type TrainingRemoveInput = z.infer<typeof trainingRemoveSchema>;

/** The attendance picker's search: a name (diacritics optional) or a team. */
export const attendeeSearchSchema = z.object({
  q: z.string().trim().max(100).catch(""),
  teamId: z.coerce.number().int().positive().optional().catch(undefined),
});
export type AttendeeSearch = z.infer<typeof attendeeSearchSchema>;

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** The list's filters, shared by the page and the export. Bad values fall back to "no filter". */
export const trainingFilterSchema = z.object({
  q: z.string().trim().max(100).catch(""),
  level: optional(z.enum(TRAINING_LEVELS)),
  topic: optional(z.enum(TRAINING_TOPICS)),
  format: optional(z.enum(TRAINING_FORMATS)),
  from: optional(z.string().refine(isRealDate)),
  to: optional(z.string().refine(isRealDate)),
  province: optional(z.string().regex(/^[0-9]{2}$/)),
  commune: optional(z.string().regex(/^[0-9]{5}$/)),
});
export type TrainingFilter = z.infer<typeof trainingFilterSchema>;

export const TRAINING_SORTS = ["heldOn", "title", "level", "unit", "hours", "attendance", "outside"] as const;
export type TrainingSort = (typeof TRAINING_SORTS)[number];

export const trainingListSchema = trainingFilterSchema.extend({
  page: z.coerce.number().int().min(1).max(100000).catch(1),
  pageSize: z.coerce.number().int().refine((n) => [10, 20, 50, 100].includes(n)).catch(20),
  sort: z.enum(TRAINING_SORTS).catch("heldOn"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
});
export type TrainingListParams = z.infer<typeof trainingListSchema>;

export const trainingExportSchema = trainingFilterSchema.extend({
  detail: z.enum(["attendance"]).optional(),
});
