import "server-only";
import { and, count, desc, gte, like, lte, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { auditEvents } from "@/db/schema";
import type { Actor } from "./actor";
import { db } from "./db";
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

/** Audit events within the caller's scope: everything for national users, their unit's events otherwise. */
export async function listAuditEvents(actor: Actor, params: AuditListParams) {
  const d = await db();
  const filters: SQL[] = [scopeWhere(actor, { province: auditEvents.provinceCode, commune: auditEvents.communeCode })];
  if (params.q) filters.push(sql`(${auditEvents.actorUsername} ILIKE ${"%" + params.q + "%"} OR ${auditEvents.entityId} ILIKE ${"%" + params.q + "%"})`);
  if (params.action) filters.push(like(auditEvents.action, `${params.action}%`));
  if (params.from) filters.push(gte(auditEvents.at, sql`(${params.from}::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`));
  if (params.to) filters.push(lte(auditEvents.at, sql`(${params.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`));
  const where = and(...filters);
  const [rows, [{ total }]] = await Promise.all([
    d.select().from(auditEvents).where(where).orderBy(desc(auditEvents.at), desc(auditEvents.id)).limit(params.pageSize).offset((params.page - 1) * params.pageSize),
    d.select({ total: count() }).from(auditEvents).where(where),
  ]);
  return { rows: actor.role === "national" ? rows.map(maskRecordedPhones) : rows, total };
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

