import "server-only";
import type { Queryable } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { Actor } from "./actor";
import { recordWrite } from "@/db/commit-signal";
import { getDatabase } from "@/db/client";

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | number | null;
  provinceCode?: string | null;
  communeCode?: string | null;
  before?: unknown;
  after?: unknown;
}

const SECRET_FIELDS = new Set(["passwordHash", "password_hash", "password"]);

function redact(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([k]) => !SECRET_FIELDS.has(k)));
}

export type AuditActor = Pick<Actor, "ip" | "userAgent"> & { userId: number | null; username: string | null };

/**
 * Writes one audit event; call it with the transaction that makes the change. Caches everywhere
 * are told of the change once it has committed, never before.
 */
export async function writeAudit(q: Queryable, actor: AuditActor | null, entry: AuditEntry) {
  const inTransaction = recordWrite(actor?.userId);
  await q.insert(auditEvents).values({
    actorUserId: actor?.userId ?? null,
    actorUsername: actor?.username ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    provinceCode: entry.provinceCode ?? null,
    communeCode: entry.communeCode ?? null,
    before: redact(entry.before),
    after: redact(entry.after),
    ip: actor?.ip ?? null,
    userAgent: actor?.userAgent?.slice(0, 300) ?? null,
  });
  if (!inTransaction) await (await getDatabase()).signalCommit(actor?.userId ? [actor.userId] : []);
}
