import "server-only";
import { and, desc, gte, like, lt, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { z } from "zod";
import { auditEvents } from "@/db/schema";
import type { Actor } from "./actor";
import { cappedCountQuery, cappedTotal } from "./capped-count";
import { withReadDb } from "./db";
import { searchMatches } from "./roster-lists";
import { maskPhone } from "@/lib/domain/phone";
import { optionalDate, pageField, pageSizeField, searchText } from "@/lib/validation/primitives";
import { scopeWhere } from "./scope";

export const auditListSchema = z.object({
  q: searchText,
  action: z.string().trim().max(60).regex(/^[a-z_.]*$/).default(""),
  from: optionalDate,
  to: optionalDate,
  page: pageField,
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

/** One page, newest first, read in the order of the (scope, at, id) indexes (as a query, for the tests). */
export function auditPageQuery(d: Queryable, actor: Actor, params: AuditListParams) {
  return d
    .select()
    .from(auditEvents)
    .where(listWhere(actor, params))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(params.pageSize)
    .offset((params.page - 1) * params.pageSize);
}

export function auditCountQuery(d: Queryable, actor: Actor, params: Partial<AuditListParams>) {
  return cappedCountQuery(d, auditEvents, listWhere(actor, params));
}

/** Audit events within the caller's scope: everything for national users, their unit's events otherwise. */
export async function listAuditEvents(actor: Actor, params: AuditListParams) {
  const { rows, total } = await withReadDb(actor, async (d) => {
    const [page, [{ total }]] = await Promise.all([auditPageQuery(d, actor, params), auditCountQuery(d, actor, params)]);
    return { rows: page, total };
  });
  return { rows: actor.role === "national" ? rows.map(maskRecordedPhones) : rows, ...cappedTotal(total) };
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

