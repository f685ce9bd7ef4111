import "server-only";
import { and, getTableColumns, gte, inArray, like, lt, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { z } from "zod";
import { auditEvents } from "@/db/schema";
import type { Actor } from "./actor";
import { COUNT_CAP, cappedCountQuery, cappedTotal } from "./capped-count";
import { withReadDb } from "./db";
import { searchMatches } from "./roster-lists";
import { maskPhone } from "@/lib/domain/phone";
import { optionalDate, pageCursor, pageField, pageSizeField, searchText } from "@/lib/validation/primitives";
import { cursorKeySql, finishPage, keysetQuery, type SortKey } from "./keyset";
import { scopeWhere } from "./scope";

export const auditListSchema = z.object({
  q: searchText,
  action: z.string().trim().max(60).regex(/^[a-z_.]*$/).default(""),
  from: optionalDate,
  to: optionalDate,
  page: pageField,
  after: pageCursor,
  before: pageCursor,
  pageSize: pageSizeField([20, 50, 100], 50),
});
export type AuditListParams = z.infer<typeof auditListSchema>;

function listWhere(actor: Actor, params: Partial<AuditListParams>): SQL {
  const filters: SQL[] = [scopeWhere(actor, { province: auditEvents.provinceCode, commune: auditEvents.communeCode })];
  // Who acted or which record: a diacritics-free key with a trigram index.
  if (params.q) filters.push(searchMatches(auditEvents.searchKey, params.q));
  if (params.action) filters.push(like(auditEvents.action, `${params.action}%`));
  if (params.from) filters.push(gte(auditEvents.at, sql`(${params.from}::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`));
  if (params.to) filters.push(lt(auditEvents.at, sql`(${params.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`));
  return and(...filters)!;
}

const AT: SortKey = { expression: auditEvents.at, type: "timestamp" };
const pageRequest = (params: AuditListParams) => ({ ...params, dir: "desc" as const });

/**
 * One page, newest first, read in the order of the (scope, at, id, search key) indexes from the
 * cursor on (as a query, for the tests). The page's ids come first from the index alone, so that a
 * search filters index entries and fetches from the table only the events it shows.
 */
export function auditPageQuery(d: Queryable, actor: Actor, params: AuditListParams) {
  const keyset = keysetQuery(AT, auditEvents.id, pageRequest(params));
  const ids = d
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(and(listWhere(actor, params), keyset.where))
    .orderBy(...keyset.orderBy)
    .limit(keyset.limit);
  return d
    .select({ ...getTableColumns(auditEvents), cursorKey: cursorKeySql(AT) })
    .from(auditEvents)
    .where(inArray(auditEvents.id, ids))
    .orderBy(...keyset.orderBy);
}

/**
 * A search is counted up to a lower cap than the rest of the list: every match is checked against
 * the table (the trigram index only narrows the candidates), and a name shared by more than a
 * thousand events is one the reader narrows by date or action anyway; "more than 1,000" says so.
 */
export const AUDIT_SEARCH_COUNT_CAP = 1_000;

const countCap = (params: Partial<AuditListParams>) => (params.q ? AUDIT_SEARCH_COUNT_CAP : COUNT_CAP);

export function auditCountQuery(d: Queryable, actor: Actor, params: Partial<AuditListParams>) {
  return cappedCountQuery(d, auditEvents, listWhere(actor, params), countCap(params));
}

/** Audit events within the caller's scope, with the cursors around the page: everything for national users, their unit's events otherwise. */
export async function listAuditEvents(actor: Actor, params: AuditListParams) {
  const { page, total } = await withReadDb(actor, async (d) => {
    const [rows, [{ total }]] = await Promise.all([auditPageQuery(d, actor, params), auditCountQuery(d, actor, params)]);
    return { page: finishPage(rows, pageRequest(params), keysetQuery(AT, auditEvents.id, pageRequest(params))), total };
  });
  const rows = page.rows.map(({ cursorKey: _key, ...row }) => row);
  return { ...page, rows: actor.role === "national" ? rows.map(maskRecordedPhones) : rows, ...cappedTotal(total, countCap(params)) };
}

function maskValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskValue);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, /phone/i.test(k) && typeof v === "string" ? maskPhone(v) : maskValue(v)]),
    );
  }
  return value;
}

/** National users see recorded contact data masked, as everywhere else. */
function maskRecordedPhones<T extends { before: unknown; after: unknown }>(row: T): T {
  return { ...row, before: maskValue(row.before), after: maskValue(row.after) };
}

