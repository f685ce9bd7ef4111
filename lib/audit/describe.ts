import { formatPhone } from "@/lib/domain/phone";
import { formatDate, formatDateTime, formatMonth, formatNumber } from "@/lib/format";

/** One audit event as recorded, with the full name of whoever made it when known. */
export type AuditEventInput = {
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  actorUsername: string | null;
  actorName?: string | null;
};

/** Names for the ids and codes events refer to, looked up within the reader's scope. */
export type AuditNames = {
  teams: Record<string, string>;
  hamlets: Record<string, string>;
  members: Record<string, string>;
  communes: Record<string, string>;
  provinces: Record<string, string>;
};

export const noNames: AuditNames = { teams: {}, hamlets: {}, members: {}, communes: {}, provinces: {} };

/** A translator over the whole catalogue (next-intl's `getTranslations()` or `createTranslator`). */
export type Translate = {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
};

export type AuditChange = { field: string; label: string; before: string | null; after: string | null };
export type AuditDescription = { sentence: string; changes: AuditChange[] };

type Payload = Record<string, unknown>;

const asPayload = (value: unknown): Payload => (value && typeof value === "object" && !Array.isArray(value) ? (value as Payload) : {});
const isBlank = (value: unknown) => value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Fields whose values are catalogue keys, by the catalogue that names them. */
const CATALOGUE_FIELDS: Record<string, string> = {
  gender: "catalog.genders",
  position: "catalog.positions",
  kind: "catalog.hamletKinds",
  targetGroup: "catalog.targetGroups",
  format: "catalog.trainingFormats",
  level: "catalog.trainingLevels",
  role: "roles",
};
const LIST_FIELDS: Record<string, string> = { affiliations: "catalog.affiliations", topics: "catalog.trainingTopics" };
const MEMBER_LISTS = new Set(["attendanceAdded", "attendanceRemoved"]);
const DATE_FIELD = /(On|Date)$/;
const TIME_FIELD = /At$/;

/** A recorded value in words: names for ids and codes, labels for catalogue keys, dates in Vietnam time. */
function formatValue(field: string, value: unknown, event: AuditEventInput, names: AuditNames, t: Translate, locale: string): string | null {
  if (isBlank(value)) return field === "hamletId" && value === null ? t("audit.values.communeLevel") : null;
  const label = (catalogue: string, key: unknown) => (t.has(`${catalogue}.${key}`) ? t(`${catalogue}.${key}`) : String(key));
  if (typeof value === "boolean") return t(value ? "audit.values.yes" : "audit.values.no");
  if (field === "teamId") return names.teams[String(value)] ?? t("audit.values.record", { id: String(value) });
  if (field === "hamletId") return names.hamlets[String(value)] ?? t("audit.values.record", { id: String(value) });
  if (field === "communeCode") return names.communes[String(value)] ?? String(value);
  if (field === "provinceCode") return names.provinces[String(value)] ?? String(value);
  if (field === "status") return label(event.entity === "monthly_report" ? "catalog.reportStatuses" : "catalog.teamStatuses", value);
  if (field === "skill") return `${value}. ${label("catalog.skills", value)}`;
  if (CATALOGUE_FIELDS[field]) return label(CATALOGUE_FIELDS[field], value);
  if (LIST_FIELDS[field] && Array.isArray(value)) return value.map((v) => label(LIST_FIELDS[field], v)).join(", ");
  if (MEMBER_LISTS.has(field) && Array.isArray(value)) {
    const known = value.map((id) => names.members[String(id)]).filter(Boolean);
    const count = t("audit.values.members", { count: value.length });
    return known.length ? `${count}: ${known.join(", ")}` : count;
  }
  if (/phone/i.test(field) && typeof value === "string") return /^[0-9]+$/.test(value) ? formatPhone(value) : value;
  if (typeof value === "string" && DATE_FIELD.test(field) && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(locale, value);
  if (typeof value === "string" && TIME_FIELD.test(field) && !Number.isNaN(Date.parse(value))) return formatDateTime(locale, value);
  if (typeof value === "number") return formatNumber(locale, value, Number.isInteger(value) ? 0 : 1);
  if (Array.isArray(value)) return value.map(String).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The record an event is about, by name. */
function recordName(event: AuditEventInput, names: AuditNames, t: Translate, locale: string): string {
  const before = asPayload(event.before);
  const after = asPayload(event.after);
  const pick = (key: string) => (after[key] ?? before[key]) as string | undefined;
  const id = event.entityId ?? "";
  switch (event.entity) {
    case "member":
      return pick("fullName") ?? names.members[id] ?? t("audit.values.record", { id });
    case "team":
      return pick("name") ?? names.teams[id] ?? t("audit.values.record", { id });
    case "hamlet":
      return pick("name") ?? names.hamlets[id] ?? t("audit.values.record", { id });
    case "training":
      return pick("title") ?? t("audit.values.record", { id });
    case "guidance_record": {
      const team = pick("teamId");
      const on = pick("guidedOn");
      return team !== undefined && on ? `${names.teams[String(team)] ?? t("audit.values.record", { id: String(team) })}, ${formatDate(locale, on)}` : t("audit.values.record", { id });
    }
    case "monthly_report": {
      const [commune, month] = id.split("/");
      return month ? `${names.communes[commune] ?? commune}, ${formatMonth(month)}` : id;
    }
    case "user":
      return pick("fullName") ? `${pick("fullName")} (${pick("username") ?? id})` : (pick("username") ?? id);
    case "roster":
      return pick("file") ?? "";
    default:
      return id;
  }
}

/** Fields kept out of the list of changes: the record's own name is in the sentence; a file hash helps nobody reading. */
const QUIET_FIELDS = new Set(["sha256"]);

/**
 * An audit event as a sentence in the reader's language ("Phạm Thị Thu Trang đã sửa thành viên
 * Nguyễn Văn An") and its changes field by field, before → after, with labels for fields and
 * values and names for ids. Unknown actions and fields still read sensibly: the action code and
 * the field's own name are used.
 */
export function describeAuditEvent(event: AuditEventInput, names: AuditNames, t: Translate, locale: string): AuditDescription {
  const actor = event.actorName ? event.actorName : (event.actorUsername ?? t("audit.values.system"));
  const name = recordName(event, names, t, locale);
  const key = `audit.sentences.${event.action}`;
  const sentence = t.has(key) ? t(key, { actor, name }) : t("audit.sentences.other", { actor, action: event.action, name });
  const before = asPayload(event.before);
  const after = asPayload(event.after);
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => !QUIET_FIELDS.has(f) && (!(f in before) || !(f in after) || !same(before[f], after[f])));
  const changes = fields
    .map((field) => ({
      field,
      label: t.has(`audit.fields.${field}`) ? t(`audit.fields.${field}`) : field,
      before: field in before ? formatValue(field, before[field], event, names, t, locale) : null,
      after: field in after ? formatValue(field, after[field], event, names, t, locale) : null,
    }))
    .filter((c) => c.before !== null || c.after !== null);
  return { sentence, changes };
}
