import { z } from "zod";
import { vnToday } from "@/lib/domain/period";

/**
 * The building blocks of every input schema: forms, query parameters and API routes. Each one
 * refuses what the database or a reader could trip on (NUL and other control characters,
 * invisible or direction-changing characters, impossible dates, numbers outside the column type,
 * unbounded text) with a message key, so no input reaches the database unchecked and no input
 * turns into a server error. Messages are full message keys, translated where they are shown.
 */

/** The earliest date any record may carry, and the first month of any period. */
export const FIRST_DATE = "2020-01-01";
/** The largest value of a PostgreSQL `integer` (int4) column: every id and version. */
export const INT4_MAX = 2_147_483_647;
/** Echoes of rejected input (form values, import cells, API errors) are cut to this many characters. */
export const MAX_ECHO = 100;

export const MESSAGES = {
  required: "errors.required",
  tooLong: "errors.too_long",
  characters: "errors.invalid_characters",
  dateInvalid: "errors.date_invalid",
  dateRange: "errors.date_out_of_range",
  monthInvalid: "errors.month_invalid",
  number: "errors.number_invalid",
  notFound: "errors.not_found",
  choice: "errors.choice_invalid",
} as const;

// ---------------------------------------------------------------- text

/**
 * Characters no name, note or search needs and that an attacker can use: C0/C1 controls (NUL
 * breaks PostgreSQL text), zero-width and other invisible format characters (a name made only of
 * them looks empty), bidirectional overrides and isolates (they reorder what a reader sees), the
 * byte order mark and the line and paragraph separators. Tab and line breaks are allowed only in
 * multi-line fields.
 */
const INVISIBLE = "\\u00AD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F\\u200B-\\u200F\\u2028-\\u202E\\u2060-\\u206F\\u3164\\uFE00-\\uFE0F\\uFEFF\\uFFA0\\uFFF0-\\uFFFB";
const SINGLE_LINE_FORBIDDEN = new RegExp(`[\\u0000-\\u001F\\u007F-\\u009F${INVISIBLE}]`, "u");
const MULTI_LINE_FORBIDDEN = new RegExp(`[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F${INVISIBLE}]`, "u");
/** Unpaired surrogates cannot be stored as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type TextProblem = "too_long" | "characters";

/**
 * Text as stored: NFC (so the same name typed on two keyboards is one name), trimmed, line breaks
 * as "\n". Returns the problem instead when the text is longer than `max` characters or contains
 * a forbidden character.
 */
export function cleanText(raw: string, options: { max: number; multiline?: boolean }): { ok: true; value: string } | { ok: false; problem: TextProblem } {
  // Bound the work before normalising: NFC never more than triples a string's length.
  if (raw.length > options.max * 3 + 64) return { ok: false, problem: "too_long" };
  let value = raw.normalize("NFC").trim();
  if (options.multiline) value = value.replace(/\r\n?/g, "\n");
  if (LONE_SURROGATE.test(value)) return { ok: false, problem: "characters" };
  if ((options.multiline ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).test(value)) return { ok: false, problem: "characters" };
  if ([...value].length > options.max) return { ok: false, problem: "too_long" };
  return { ok: true, value };
}

/** NFC text for comparisons and keys (uniqueness, search), whatever the source. */
export function nfc(value: string): string {
  return value.normalize("NFC");
}

type TextOptions = { max: number; multiline?: boolean; messages?: { required?: string; tooLong?: string; characters?: string } };

function textTransform(options: TextOptions, required: boolean) {
  const m = { required: MESSAGES.required, tooLong: MESSAGES.tooLong, characters: MESSAGES.characters, ...options.messages };
  return (v: unknown, ctx: z.RefinementCtx): string | null => {
    if (v === undefined || v === null || v === "") {
      if (required) ctx.addIssue({ code: "custom", message: m.required });
      return required ? z.NEVER : null;
    }
    if (typeof v !== "string") {
      ctx.addIssue({ code: "custom", message: m.required });
      return z.NEVER;
    }
    const r = cleanText(v, options);
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: r.problem === "too_long" ? m.tooLong : m.characters });
      return z.NEVER;
    }
    if (r.value === "") {
      if (required) ctx.addIssue({ code: "custom", message: m.required });
      return required ? z.NEVER : null;
    }
    return r.value;
  };
}

/** Required text of at most `max` characters (names, titles). */
export function requiredText(options: TextOptions) {
  return z.unknown().transform(textTransform(options, true) as (v: unknown, ctx: z.RefinementCtx) => string);
}

/** Optional text: empty or missing gives null. */
export function optionalText(options: TextOptions) {
  return z.unknown().transform(textTransform(options, false)).default(null);
}

/** A search box: cleaned like any text, at most 100 characters; empty gives "". */
export const searchText = z.unknown().transform((v, ctx): string => {
  if (v === undefined || v === null) return "";
  if (typeof v !== "string") {
    ctx.addIssue({ code: "custom", message: MESSAGES.characters });
    return z.NEVER;
  }
  const r = cleanText(v, { max: 100 });
  if (!r.ok) {
    ctx.addIssue({ code: "custom", message: r.problem === "too_long" ? MESSAGES.tooLong : MESSAGES.characters });
    return z.NEVER;
  }
  return r.value;
}).default("");

/** At most MAX_ECHO characters of a value, for echoing rejected input back. */
export function echo(value: string): string {
  return value.length > MAX_ECHO ? [...value].slice(0, MAX_ECHO).join("") : value;
}

// ---------------------------------------------------------------- numbers

const DIGITS = /^[0-9]{1,16}$/;

/** A whole number from a form field, a query parameter or code; undefined when not one. */
function wholeNumberOf(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isSafeInteger(v) ? v : undefined;
  if (typeof v !== "string") return undefined;
  const s = v.trim();
  return DIGITS.test(s) ? Number(s) : undefined;
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === "string" && v.trim() === "");
}

type IntOptions = { min: number; max: number | (() => number); message: string; requiredMessage?: string };

const maxOf = (options: IntOptions) => (typeof options.max === "function" ? options.max() : options.max);

/** A required whole number between min and max. */
export function intField(options: IntOptions) {
  return z.unknown().transform((v, ctx): number => {
    if (isBlank(v)) {
      ctx.addIssue({ code: "custom", message: options.requiredMessage ?? MESSAGES.required });
      return z.NEVER;
    }
    const n = wholeNumberOf(v);
    if (n === undefined || n < options.min || n > maxOf(options)) {
      ctx.addIssue({ code: "custom", message: options.message });
      return z.NEVER;
    }
    return n;
  });
}

/** An optional whole number between min and max: empty gives null. */
export function optionalIntField(options: IntOptions) {
  return z
    .unknown()
    .transform((v, ctx): number | null => {
      if (isBlank(v)) return null;
      const n = wholeNumberOf(v);
      if (n === undefined || n < options.min || n > maxOf(options)) {
        ctx.addIssue({ code: "custom", message: options.message });
        return z.NEVER;
      }
      return n;
    })
    .default(null);
}

/** A record id (int4, positive); anything else is "not found", like an id out of scope. */
export function idField(message: string = MESSAGES.notFound) {
  return intField({ min: 1, max: INT4_MAX, message, requiredMessage: message });
}

/** The id of a record in a `bigint` table (guidance records): up to the largest exact JavaScript integer. */
export function bigIdField(message: string = MESSAGES.notFound) {
  return intField({ min: 1, max: Number.MAX_SAFE_INTEGER, message, requiredMessage: message });
}

/** The version a change was based on (optimistic concurrency). */
export const versionField = idField();

// ---------------------------------------------------------------- dates and months

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

/** Whether a yyyy-MM-dd string names a day that exists. */
export function isRealDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The last date any record may carry: one year after today in Vietnam (planned trainings). */
export function lastDate(now = new Date()): string {
  const today = vnToday(now);
  const next = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  return isRealDate(next) ? next : `${next.slice(0, 8)}28`;
}

/** Whether a real date lies within FIRST_DATE … lastDate(). */
export function isAllowedDate(value: string, now = new Date()): boolean {
  return isRealDate(value) && value >= FIRST_DATE && value <= lastDate(now);
}

type DateOptions = { invalid?: string; range?: string; required?: string; min?: string };

function dateTransform(options: DateOptions, required: boolean) {
  const m = { invalid: MESSAGES.dateInvalid, range: MESSAGES.dateRange, required: MESSAGES.required, ...options };
  return (v: unknown, ctx: z.RefinementCtx): string | null => {
    if (isBlank(v)) {
      if (required) ctx.addIssue({ code: "custom", message: m.required });
      return required ? z.NEVER : null;
    }
    const s = typeof v === "string" ? v.trim() : "";
    if (!isRealDate(s)) {
      ctx.addIssue({ code: "custom", message: m.invalid });
      return z.NEVER;
    }
    if (s < (options.min ?? FIRST_DATE) || s > lastDate()) {
      ctx.addIssue({ code: "custom", message: m.range });
      return z.NEVER;
    }
    return s;
  };
}

/** A required yyyy-MM-dd date within FIRST_DATE … one year ahead. */
export function dateField(options: DateOptions = {}) {
  return z.unknown().transform(dateTransform(options, true) as (v: unknown, ctx: z.RefinementCtx) => string);
}

/** An optional date: empty gives null. */
export function optionalDateField(options: DateOptions = {}) {
  return z.unknown().transform(dateTransform(options, false)).default(null);
}

/** A month as yyyy-MM (or its first day yyyy-MM-01) within 2020-01 … the month one year ahead. */
export function parseMonthText(value: string): string | null {
  const s = value.trim();
  const m = ISO_MONTH.exec(s) ?? (/^\d{4}-\d{2}-01$/.test(s) ? ISO_MONTH.exec(s.slice(0, 7)) : null);
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  const first = `${m[1]}-${m[2]}-01`;
  return first >= FIRST_DATE && first <= `${lastDate().slice(0, 7)}-01` ? first : null;
}

/** A required month, given as its first day (yyyy-MM-01). */
export function monthField(message: string = MESSAGES.monthInvalid) {
  return z.unknown().transform((v, ctx): string => {
    const first = typeof v === "string" ? parseMonthText(v) : null;
    if (!first) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return first;
  });
}

// ---------------------------------------------------------------- codes and choices

/** An administrative unit code: "VN", a 2-digit province or a 5-digit commune. */
export const UNIT_CODE = /^(VN|[0-9]{2}|[0-9]{5})$/;

/** A province (2 digits) or commune (5 digits) code. */
export function codeField(length: 2 | 5, message = "errors.invalid_unit") {
  const pattern = new RegExp(`^[0-9]{${length}}$`);
  return z.unknown().transform((v, ctx): string => {
    const s = typeof v === "string" ? v.trim() : "";
    if (!pattern.test(s)) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return s;
  });
}

/** One of a fixed list of values. */
export function choiceField<const T extends readonly [string, ...string[]]>(values: T, message: string = MESSAGES.required) {
  return z.enum(values, { error: message });
}

// ---------------------------------------------------------------- query strings

export type QueryInput = URLSearchParams | Record<string, string | string[] | undefined>;

/**
 * A query string as the plain record the query schemas parse: the first value of a repeated key,
 * empty values left out (a filter form submits its empty fields).
 */
export function queryRecord(input: QueryInput): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = input instanceof URLSearchParams ? [...input.entries()] : Object.entries(input);
  for (const [key, raw] of entries) {
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (typeof value === "string" && value !== "" && !(key in out)) out[key] = value;
  }
  return out;
}

export type QueryResult<T> = { ok: true; data: T } | { ok: false; fields: Record<string, string[]> };

/** Parses a query strictly, for routes: any bad parameter is reported (a 400). */
export function parseQuery<S extends z.ZodType>(schema: S, input: QueryInput): QueryResult<z.output<S>> {
  const parsed = schema.safeParse(queryRecord(input));
  if (parsed.success) return { ok: true, data: parsed.data };
  const fields: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "query";
    (fields[key] ??= []).push(issue.message);
  }
  return { ok: false, fields };
}

/**
 * Parses a query leniently, for pages: a bad parameter is left out and its default applies, and
 * its name is returned so the page can say the filter was ignored. Parameters that do not belong
 * to the schema are ignored. `query` is what remains, for links that carry the filters on.
 */
export function readQuery<S extends z.ZodType>(schema: S, input: QueryInput): { data: z.output<S>; invalid: string[]; query: Record<string, string> } {
  const record = queryRecord(input);
  const invalid: string[] = [];
  for (let attempt = 0; attempt < 32; attempt++) {
    const parsed = schema.safeParse(record);
    if (parsed.success) return { data: parsed.data, invalid, query: record };
    const keys = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? "")))].filter((k) => k in record);
    if (keys.length === 0) break;
    for (const key of keys) {
      invalid.push(key);
      delete record[key];
    }
  }
  return { data: schema.parse({}), invalid, query: {} };
}

/** A 400 answer naming the bad parameters, for API routes and downloads. */
export function badQuery(fields: Record<string, string[]>, headers?: HeadersInit): Response {
  return Response.json({ error: "bad_request", fields }, { status: 400, headers });
}

// ---------------------------------------------------------------- list parameters

/** A list page number (1 … 100,000). */
export const pageField = intField({ min: 1, max: 100_000, message: MESSAGES.number }).default(1);

/** A list position from the URL (an opaque keyset cursor); anything malformed is dropped and the list starts at its first page. */
export const pageCursor = z.string().max(600).regex(/^[A-Za-z0-9_-]+$/, MESSAGES.choice).optional();

/** A page size from a fixed set. */
export function pageSizeField(sizes: readonly number[], fallback: number) {
  return intField({ min: 1, max: Math.max(...sizes), message: MESSAGES.number })
    .refine((n) => sizes.includes(n), MESSAGES.number)
    .default(fallback);
}

/** A sort direction. */
export function dirField(fallback: "asc" | "desc") {
  return z.enum(["asc", "desc"], { error: MESSAGES.choice }).default(fallback);
}

/** A list parameter that is one of a fixed list of values (a sort key, a status), with its default. */
export function listChoice<const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) {
  return z.enum(values, { error: MESSAGES.choice }).default(fallback as never);
}

/** An optional filter that is one of a fixed list of values. */
export function optionalChoice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: MESSAGES.choice }).optional();
}

/** An optional province or commune filter. */
export function optionalCode(length: 2 | 5) {
  return codeField(length).optional();
}

/** An optional id filter (a team, a hamlet). */
export const optionalId = idField().optional();

/** An optional month filter, as yyyy-MM. */
export const optionalMonth = monthField()
  .transform((first) => first.slice(0, 7))
  .optional();

/** An optional date filter. */
export const optionalDate = dateField().optional();

// ---------------------------------------------------------------- redirects

const LOCAL_BASE = "http://local.invalid";

/**
 * A path on this site to send the browser back to, or "/". Browsers read "\" as "/" and drop tabs
 * and line breaks, so `/\evil.example` or `/<tab>/evil.example` would leave the site: any of them,
 * and anything that resolves to another origin, gives "/".
 */
export function localPath(value: unknown): string {
  if (typeof value !== "string" || value.length > 2000) return "/";
  if (!value.startsWith("/") || value.startsWith("//") || /[\\\u0000-\u0020\u007F]/.test(value)) return "/";
  try {
    const url = new URL(value, LOCAL_BASE);
    return url.origin === LOCAL_BASE ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}

/**
 * For a check across fields (`superRefine(check, { when: fieldsRead(part) })`): run it as soon as
 * the fields it compares read, not only once the whole form does (zod's default), so that a refused
 * form shows every error in one round.
 */
export function fieldsRead(part: z.ZodType) {
  return (payload: { value: unknown }) => part.safeParse(payload.value).success;
}
