import { z } from "zod";
import { AFFILIATIONS, GENDERS, HAMLET_KINDS, POSITIONS, TEAM_STATUSES, type Affiliation } from "@/lib/domain/catalog";
import { normalisePhone } from "@/lib/domain/phone";
import {
  codeField,
  dirField,
  idField,
  fieldsRead,
  INT4_MAX,
  optionalChoice,
  optionalCode,
  optionalDateField,
  optionalId,
  optionalIntField,
  optionalText,
  pageField,
  pageSizeField,
  queryRecord,
  requiredText,
  listChoice,
  searchText,
  versionField,
} from "./primitives";

/**
 * Rosters: hamlets, teams and members. Field messages are full message keys, translated with the
 * root translator where they are shown.
 */
const REQUIRED = "errors.required";

const text = (max: number) => requiredText({ max });
const optionalNote = (max: number) => optionalText({ max, multiline: true });
const id = idField(REQUIRED);
/** An optional whole number from a form field (empty means none) or from code. */
const optionalInt = (message: string, min: number, max: () => number) => optionalIntField({ min, max, message });
const communeCode = codeField(5);
const optionalDate = optionalDateField({ invalid: "rosters.errors.date_invalid" });

/** Today's date in Vietnam time (yyyy-MM-dd), for "not in the future" checks. */
export function todayInVietnam(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

const ZALO_GROUP = /^\/g\/[A-Za-z0-9_-]{4,64}\/?$/;
const ZALO_PROFILE = /^\/[0-9]{6,20}\/?$/;

/**
 * Accepts a Zalo group or profile link (`https://zalo.me/g/abc123`, `zalo.me/0912345678`,
 * `https://chat.zalo.me/…`), adding the `https://` scheme when it was left out; anything else is
 * not a Zalo link.
 */
export function normaliseZaloUrl(input: string): string | null {
  const raw = input.trim();
  if (!raw || /\s/.test(raw)) return null;
  const withScheme = /^[a-z]+:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username || url.password || url.port) return null;
  const host = url.hostname.toLowerCase().replace(/^www\./, "");
  if (host === "zalo.me") {
    if (!ZALO_GROUP.test(url.pathname) && !ZALO_PROFILE.test(url.pathname)) return null;
  } else if (host !== "chat.zalo.me") {
    return null;
  }
  return `https://${host}${url.pathname}${url.search}`;
}

const zaloUrl = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === "") return null;
    const url = normaliseZaloUrl(v);
    if (!url || url.length > 300) {
      ctx.addIssue({ code: "custom", message: "rosters.errors.zalo_invalid" });
      return z.NEVER;
    }
    return url;
  });

const phone = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === "") return null;
    const result = normalisePhone(v);
    if (!result.ok) {
      ctx.addIssue({ code: "custom", message: "rosters.errors.phone_invalid" });
      return z.NEVER;
    }
    return result.phone;
  });

// ---------------------------------------------------------------- hamlets

export const hamletInputSchema = z.object({
  communeCode,
  name: text(120),
  kind: z.enum(HAMLET_KINDS, { error: REQUIRED }),
  households: optionalInt("rosters.errors.households_invalid", 0, () => 100_000).default(null),
});
export type HamletInput = z.infer<typeof hamletInputSchema>;

export const hamletUpdateSchema = hamletInputSchema.omit({ communeCode: true }).extend({ id, version: id });
export type HamletUpdateInput = z.infer<typeof hamletUpdateSchema>;

/** A field of a form as far as it reads correctly, else null. */
function readable<T>(schema: z.ZodType<T>, value: unknown): T | null {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * The commune, name and record of a hamlet form, each as far as it reads: checked against the
 * database (commune in scope, name free) even when the form is refused for other fields.
 */
export function hamletPlace(values: Record<string, unknown>): { communeCode: string | null; name: string | null; id: number | null } {
  return { communeCode: readable(communeCode, values.communeCode), name: readable(hamletInputSchema.shape.name, values.name), id: readable(id, values.id) };
}

// ---------------------------------------------------------------- teams

const teamFields = z.object({
  communeCode,
  /** Empty for a commune-level team. */
  hamletId: optionalInt("rosters.errors.hamlet_invalid", 1, () => INT4_MAX).default(null),
  name: text(120),
  establishedOn: optionalDate.default(null),
  zaloUrl: zaloUrl.default(null),
  note: optionalNote(1000),
});

function checkEstablished(v: { establishedOn: string | null }, ctx: z.RefinementCtx) {
  if (v.establishedOn && v.establishedOn > todayInVietnam()) ctx.addIssue({ code: "custom", path: ["establishedOn"], message: "rosters.errors.date_future" });
}

export const teamInputSchema = teamFields.superRefine(checkEstablished, { when: fieldsRead(teamFields.pick({ establishedOn: true })) });
export type TeamInput = z.infer<typeof teamInputSchema>;

const teamUpdateFields = teamFields.omit({ communeCode: true }).extend({
  id,
  version: id,
  status: z.enum(TEAM_STATUSES, { error: REQUIRED }).default("active"),
  dissolvedOn: optionalDate.default(null),
});

export const teamUpdateSchema = teamUpdateFields
  .superRefine(
    (v, ctx) => {
    checkEstablished(v, ctx);
    if (v.status === "dissolved" && !v.dissolvedOn) ctx.addIssue({ code: "custom", path: ["dissolvedOn"], message: REQUIRED });
    if (v.dissolvedOn && v.dissolvedOn > todayInVietnam()) ctx.addIssue({ code: "custom", path: ["dissolvedOn"], message: "rosters.errors.date_future" });
    if (v.dissolvedOn && v.establishedOn && v.dissolvedOn < v.establishedOn)
      ctx.addIssue({ code: "custom", path: ["dissolvedOn"], message: "rosters.errors.dissolved_before_established" });
    },
    { when: fieldsRead(teamUpdateFields.pick({ establishedOn: true, status: true, dissolvedOn: true })) },
  )
  .transform((v) => ({ ...v, dissolvedOn: v.status === "dissolved" ? v.dissolvedOn : null }));
export type TeamUpdateInput = z.infer<typeof teamUpdateSchema>;

/**
 * The commune, hamlet and record of a team form, and whether the team stays active, each as far as
 * it reads: checked against the database even when the form is refused for other fields.
 */
export function teamPlace(values: Record<string, unknown>): { communeCode: string | null; hamletId: number | null; id: number | null; active: boolean } {
  return {
    communeCode: readable(communeCode, values.communeCode),
    hamletId: readable(teamFields.shape.hamletId, values.hamletId),
    id: readable(id, values.id),
    active: values.status === undefined || values.status === "" || values.status === "active",
  };
}

export const teamDissolveSchema = z
  .object({ id, version: id, dissolvedOn: optionalDate })
  .superRefine((v, ctx) => {
    if (!v.dissolvedOn) ctx.addIssue({ code: "custom", path: ["dissolvedOn"], message: REQUIRED });
    else if (v.dissolvedOn > todayInVietnam()) ctx.addIssue({ code: "custom", path: ["dissolvedOn"], message: "rosters.errors.date_future" });
  })
  .transform((v) => ({ ...v, dissolvedOn: v.dissolvedOn! }));
export type TeamDissolveInput = z.infer<typeof teamDissolveSchema>;

// ---------------------------------------------------------------- members

/** Form checkboxes arrive as `affiliations.<key>` fields; code passes an array or a comma list. */
function collectAffiliations(value: unknown): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const picked = Object.keys(record)
    .filter((k) => k.startsWith("affiliations.") && record[k])
    .map((k) => k.slice("affiliations.".length));
  if (picked.length === 0) return record;
  return { ...record, affiliations: picked };
}

const affiliations = z
  .union([z.array(z.string()), z.string()])
  .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((a) => a.trim()).filter(Boolean))
  .pipe(z.array(z.enum(AFFILIATIONS, { error: "rosters.errors.affiliation_invalid" })).max(AFFILIATIONS.length))
  .transform((v) => [...new Set(v)] as Affiliation[])
  .default([]);

const birthYear = optionalInt("rosters.errors.birth_year_invalid", 1920, () => Number(todayInVietnam().slice(0, 4)) - 10).default(null);

const memberFields = z.object({
  teamId: id,
  fullName: text(120),
  gender: z.enum(GENDERS, { error: REQUIRED }),
  birthYear,
  phone: phone.default(null),
  position: z.enum(POSITIONS, { error: REQUIRED }).default("member"),
  affiliations,
  joinedOn: optionalDate.default(null),
  leftOn: optionalDate.default(null),
});

function checkMemberDates(v: { joinedOn: string | null; leftOn: string | null }, ctx: z.RefinementCtx) {
  const today = todayInVietnam();
  if (v.joinedOn && v.joinedOn > today) ctx.addIssue({ code: "custom", path: ["joinedOn"], message: "rosters.errors.date_future" });
  if (v.leftOn && v.leftOn > today) ctx.addIssue({ code: "custom", path: ["leftOn"], message: "rosters.errors.date_future" });
  if (v.leftOn && v.joinedOn && v.leftOn < v.joinedOn) ctx.addIssue({ code: "custom", path: ["leftOn"], message: "rosters.errors.left_before_joined" });
}

const memberDates = { when: fieldsRead(memberFields.pick({ joinedOn: true, leftOn: true })) };
export const memberInputSchema = memberFields.superRefine(checkMemberDates, memberDates);
export type MemberInput = z.infer<typeof memberInputSchema>;
export const memberFormSchema = z.preprocess(collectAffiliations, memberInputSchema);

/**
 * The team and position of a member form, when both read correctly (and the member's id on an
 * edit): checked against the database even when the form is refused for other fields.
 */
export function memberPlace(values: Record<string, unknown>): { teamId: number; position: (typeof POSITIONS)[number]; id: number | null } | null {
  const teamId = id.safeParse(values.teamId);
  const position = memberFields.shape.position.safeParse(values.position);
  const memberId = id.safeParse(values.id);
  return teamId.success && position.success ? { teamId: teamId.data, position: position.data, id: memberId.success ? memberId.data : null } : null;
}

export const memberUpdateSchema = memberFields.extend({ id, version: id }).superRefine(checkMemberDates, memberDates);
export type MemberUpdateInput = z.infer<typeof memberUpdateSchema>;
export const memberUpdateFormSchema = z.preprocess(collectAffiliations, memberUpdateSchema);

/** Remove and other one-button changes of a record: always with the version they were based on. */
export const recordRefSchema = z.object({ id, version: versionField });
export type RecordRef = z.infer<typeof recordRefSchema>;

/** Restore of a removed record: it cannot have changed while removed. */
export const recordRestoreSchema = z.object({ id });
export type RecordRestore = z.infer<typeof recordRestoreSchema>;

// ---------------------------------------------------------------- list parameters

const page = pageField;
const pageSize = pageSizeField([20, 50, 100], 20);
const search = searchText;
const dir = dirField("asc");

export const HAMLET_SORTS = ["name", "kind", "households", "commune", "teams"] as const;
export const hamletListSchema = z.object({
  q: search,
  province: optionalCode(2),
  commune: optionalCode(5),
  kind: optionalChoice(HAMLET_KINDS),
  status: listChoice(["current", "removed"], "current"),
  page,
  pageSize,
  sort: listChoice(HAMLET_SORTS, "name"),
  dir,
});
export type HamletListParams = z.infer<typeof hamletListSchema>;

export const TEAM_SORTS = ["name", "hamlet", "commune", "establishedOn", "status", "members"] as const;
export const teamListSchema = z.object({
  q: search,
  province: optionalCode(2),
  commune: optionalCode(5),
  hamlet: optionalId,
  status: listChoice(["current", "active", "dissolved", "removed"], "current"),
  page,
  pageSize,
  sort: listChoice(TEAM_SORTS, "name"),
  dir,
});
export type TeamListParams = z.infer<typeof teamListSchema>;

export const MEMBER_SORTS = ["fullName", "birthYear", "position", "team", "commune", "joinedOn"] as const;
export const memberListSchema = z.object({
  q: search,
  province: optionalCode(2),
  commune: optionalCode(5),
  hamlet: optionalId,
  team: optionalId,
  position: optionalChoice(POSITIONS),
  affiliation: optionalChoice(AFFILIATIONS),
  gender: optionalChoice(GENDERS),
  status: listChoice(["current", "active", "left", "removed"], "current"),
  page,
  pageSize,
  sort: listChoice(MEMBER_SORTS, "fullName"),
  dir,
});
export type MemberListParams = z.infer<typeof memberListSchema>;

export { queryRecord };
