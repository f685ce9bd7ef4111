import "server-only";
import { and, eq, gte, like, sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { Actor } from "./actor";
import { writeAudit } from "./audit";
import { db } from "./db";
import { now } from "./clock";

/** Downloads of personal data: rosters of members, trainings' attendance, guidance records. */
export const PERSONAL_DATA_DOWNLOADS = ["members", "attendance", "guidance"] as const;
export type PersonalDataDownload = (typeof PERSONAL_DATA_DOWNLOADS)[number];

/** At most this many personal-data downloads per user in DOWNLOAD_WINDOW_MINUTES. */
export const DOWNLOAD_LIMIT = 30;
export const DOWNLOAD_WINDOW_MINUTES = 60;

export class DownloadLimitError extends Error {
  constructor(public readonly retryAt: Date) {
    super("download limit reached");
    this.name = "DownloadLimitError";
  }
}

const ACTIONS: Record<PersonalDataDownload, string> = {
  members: "download.members",
  attendance: "download.attendance",
  guidance: "download.guidance",
};

/**
 * Records the start of a personal-data download in the audit trail (who, which, filters, format),
 * after checking the caller's limit; the row count is added by `finishDownload` once the file is
 * complete. Throws DownloadLimitError when the caller has reached the limit.
 */
export async function startDownload(actor: Actor, kind: PersonalDataDownload, details: { filters: Record<string, unknown>; format: string }): Promise<number> {
  const d = await db();
  const since = new Date(now().getTime() - DOWNLOAD_WINDOW_MINUTES * 60_000);
  return d.transaction(async (tx) => {
    // One download check at a time per user, so parallel requests cannot all pass the count.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('download'), ${actor.userId})`);
    const recent = await tx
      .select({ at: auditEvents.at })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, actor.userId), like(auditEvents.action, "download.%"), gte(auditEvents.at, since)))
      .orderBy(auditEvents.at)
      .limit(DOWNLOAD_LIMIT);
    if (recent.length >= DOWNLOAD_LIMIT) throw new DownloadLimitError(new Date(recent[0].at.getTime() + DOWNLOAD_WINDOW_MINUTES * 60_000));
    await writeAudit(tx, actor, {
      action: ACTIONS[kind],
      entity: "download",
      entityId: kind,
      provinceCode: actor.provinceCode,
      communeCode: actor.communeCode,
      after: { ...details.filters, format: details.format, rows: null },
    });
    const [row] = await queryRows<{ id: number }>(tx, sql`SELECT max(id)::bigint AS id FROM audit_events WHERE actor_user_id = ${actor.userId} AND action = ${ACTIONS[kind]}`);
    return Number(row.id);
  });
}

/** Adds the number of rows sent (or that the file was cut off) to the download's audit event. */
export async function finishDownload(actor: Actor, eventId: number, outcome: { rows: number; complete: boolean }): Promise<void> {
  const d = await db();
  await d
    .update(auditEvents)
    .set({ after: sql`coalesce(${auditEvents.after}, '{}'::jsonb) || ${JSON.stringify({ rows: outcome.rows, ...(outcome.complete ? {} : { incomplete: true }) })}::jsonb` })
    .where(and(eq(auditEvents.id, eventId), eq(auditEvents.actorUserId, actor.userId), like(auditEvents.action, "download.%")));
}
