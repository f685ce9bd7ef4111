import { z } from "zod";
import { TRAINING_FORMATS, TRAINING_LEVELS, TRAINING_TOPICS, type TrainingTopic } from "@/lib/domain/catalog";
import { vnToday } from "@/lib/domain/period";
import {
  dateField,
  dirField,
  fieldsRead,
  FIRST_DATE,
  idField,
  lastDate,
  optionalChoice,
  optionalCode,
  optionalDate,
  optionalId,
  optionalText,
  pageField,
  pageCursor,
  pageSizeField,
  requiredText,
  searchText,
  UNIT_CODE,
  versionField,
  listChoice,
} from "./primitives";

/**
 * Trainings as entered in the form and accepted by the data-access layer. Field messages are full
 * message keys (`errors.*` shared, `trainings.errors.*` own), translated where they are shown.
 *
 * Dates: a training may be recorded up to a year ahead (a planned training), but attendance can
 * only be recorded once it has taken place (on or before today, Vietnam time), so that planned
 * trainings never count members as trained.
 */
export const EARLIEST_TRAINING_DATE = FIRST_DATE;
export const MAX_HOURS = 1000;
export const MAX_OUTSIDE = 100_000;
export const MAX_ATTENDEES = 5000;

export const latestTrainingDate = lastDate;

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
    .array(idField(), { error: "errors.not_found" })
    .max(MAX_ATTENDEES * 2, "trainings.errors.too_many_attendees")
    .transform((ids) => [...new Set(ids)])
    .pipe(z.array(z.number()).max(MAX_ATTENDEES, "trainings.errors.too_many_attendees")),
);

const fields = z.object({
  /** The organising unit ("VN", a province or a commune code); the caller's own unit when absent. */
  unitCode: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.string({ error: "errors.invalid_unit" }).trim().regex(UNIT_CODE, "errors.invalid_unit").optional(),
  ),
  title: requiredText({ max: 200 }),
  topics,
  heldOn: dateField({ invalid: "trainings.errors.date_invalid", range: "trainings.errors.date_out_of_range" }),
  hours,
  format: z.enum(TRAINING_FORMATS, { error: "errors.required" }),
  location: optionalText({ max: 500 }).transform((v) => v ?? ""),
  outsideParticipants,
  memberIds,
});

type Fields = z.infer<typeof fields>;

function checkAttendanceDate(v: Fields, ctx: z.RefinementCtx) {
  if (v.heldOn > vnToday() && v.memberIds.length > 0) {
    ctx.addIssue({ code: "custom", path: ["memberIds"], message: "trainings.errors.attendance_future" });
  }
}

function checkLocation(v: Fields, ctx: z.RefinementCtx) {
  if (v.format === "online") {
    if (!v.location) ctx.addIssue({ code: "custom", path: ["location"], message: "trainings.errors.link_required" });
    else if (!isHttpUrl(v.location)) ctx.addIssue({ code: "custom", path: ["location"], message: "trainings.errors.link_invalid" });
  } else if (!v.location) {
    ctx.addIssue({ code: "custom", path: ["location"], message: "trainings.errors.location_required" });
  }
}

/** The checks across fields, each run once the fields it compares read (see `fieldsRead`). */
function withCrossChecks<S extends z.ZodType<Fields>>(schema: S) {
  return schema
    .superRefine(checkAttendanceDate, { when: fieldsRead(fields.pick({ heldOn: true, memberIds: true })) })
    .superRefine(checkLocation, { when: fieldsRead(fields.pick({ format: true, location: true })) });
}

export const trainingCreateSchema = withCrossChecks(fields);
export type TrainingCreateInput = z.input<typeof trainingCreateSchema>;
export type TrainingCreateData = z.output<typeof trainingCreateSchema>;

const recordRef = { id: idField(), version: versionField };

/** Where a training form would write, as far as the database decides it: its organiser and attendees. */
export type TrainingPlace = {
  /** The organising unit asked for, when it reads; absent means the caller's own. */
  unitCode?: string;
  /** The attendees, when the list reads. */
  memberIds: number[];
  /** The day, when it reads: attendees must not have left before it. */
  heldOn: string | null;
  /** The training being edited, when it reads: its present attendees are not checked again. */
  id: number | null;
};

/**
 * The organiser, attendees, day and record of a training form, each as far as it reads correctly:
 * checked against the database even when the form is refused for other fields.
 */
export function trainingPlace(values: Record<string, unknown>): TrainingPlace {
  const unitCode = fields.shape.unitCode.safeParse(values.unitCode);
  const memberIds = fields.shape.memberIds.safeParse(values.memberIds);
  const heldOn = fields.shape.heldOn.safeParse(values.heldOn);
  const id = recordRef.id.safeParse(values.id);
  return {
    ...(unitCode.success && unitCode.data ? { unitCode: unitCode.data } : {}),
    memberIds: memberIds.success ? memberIds.data : [],
    heldOn: heldOn.success ? heldOn.data : null,
    id: id.success ? id.data : null,
  };
}

export const trainingUpdateSchema = withCrossChecks(fields.extend(recordRef));
export type TrainingUpdateInput = z.input<typeof trainingUpdateSchema>;
export type TrainingUpdateData = z.output<typeof trainingUpdateSchema>;

export const trainingRemoveSchema = z.object(recordRef);
export type TrainingRemoveInput = z.infer<typeof trainingRemoveSchema>;

/** The attendance picker's search: a name (diacritics optional) or a team. */
export const attendeeSearchSchema = z.object({
  q: searchText,
  teamId: optionalId,
});
export type AttendeeSearch = z.infer<typeof attendeeSearchSchema>;

/** The list's filters, shared by the page and the export. Bad values fall back to "no filter". */
export const trainingFilterSchema = z.object({
  q: searchText,
  level: optionalChoice(TRAINING_LEVELS),
  topic: optionalChoice(TRAINING_TOPICS),
  format: optionalChoice(TRAINING_FORMATS),
  from: optionalDate,
  to: optionalDate,
  province: optionalCode(2),
  commune: optionalCode(5),
});
export type TrainingFilter = z.infer<typeof trainingFilterSchema>;

export const TRAINING_SORTS = ["heldOn", "title", "level", "unit", "hours", "attendance", "outside"] as const;
export type TrainingSort = (typeof TRAINING_SORTS)[number];

export const trainingListSchema = trainingFilterSchema.extend({
  page: pageField,
  after: pageCursor,
  before: pageCursor,
  pageSize: pageSizeField([10, 20, 50, 100], 20),
  sort: listChoice(TRAINING_SORTS, "heldOn"),
  dir: dirField("desc"),
});
export type TrainingListParams = z.infer<typeof trainingListSchema>;

export const trainingExportSchema = trainingFilterSchema.extend({
  detail: optionalChoice(["attendance"]),
});
