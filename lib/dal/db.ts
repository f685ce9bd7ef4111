import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { cookies } from "next/headers";
import { onCommit } from "@/db/commit-signal";
import { getDatabase, postgresSettings, type Database } from "@/db/client";
import { parseLsn, type Replica } from "@/db/replicas";

/** The primary: every write, and reads that must see the latest state. */
export async function db(): Promise<Database> {
  return (await getDatabase()).db;
}

/**
 * Read-your-writes. After a user's change commits, the primary's WAL position is remembered for
 * that user in this process and in a short-lived signed cookie (the next request may reach
 * another server). Until a replica has replayed that position, the user's reads go to the primary.
 */
const WROTE_COOKIE = "cnscd_wrote";
const globalForMarks = globalThis as unknown as { __cnscdWriteMarks?: Map<number, { lsn: bigint; at: number }> };
const marks: Map<number, { lsn: bigint; at: number }> = (globalForMarks.__cnscdWriteMarks ??= new Map());
/** After this long every replica still in service has replayed the write. */
const markLifetimeMs = () => postgresSettings().replicaMaxLagMs + 60_000;
const MARK_LIMIT = 10_000;

function signature(value: string): string | null {
  const secret = process.env.AUTH_SECRET;
  return secret ? createHmac("sha256", secret).update(`${WROTE_COOKIE}:${value}`).digest("base64url").slice(0, 32) : null;
}

/**
 * The position in a cookie `userId.HI-LO.signature` (the WAL position with "-" for "/", which
 * cookies would escape), or null when it is absent, forged or another user's.
 */
export function markFromCookie(cookie: string | undefined, userId: number): bigint | null {
  const match = /^(\d+)\.([0-9A-F]+)-([0-9A-F]+)\.([A-Za-z0-9_-]+)$/.exec(cookie ?? "");
  if (!match || Number(match[1]) !== userId) return null;
  const expected = signature(`${match[1]}.${match[2]}-${match[3]}`);
  if (!expected || expected.length !== match[4].length || !timingSafeEqual(Buffer.from(expected), Buffer.from(match[4]))) return null;
  return parseLsn(`${match[2]}/${match[3]}`);
}

export function markCookie(userId: number, lsn: string): string | null {
  const position = lsn.replace("/", "-");
  const sig = signature(`${userId}.${position}`);
  return sig ? `${userId}.${position}.${sig}` : null;
}

onCommit(async ({ userIds, lsn, local }) => {
  const position = parseLsn(lsn);
  if (!local || position === null || !userIds.length) return;
  for (const userId of userIds) {
    marks.delete(userId);
    marks.set(userId, { lsn: position, at: Date.now() });
  }
  if (marks.size > MARK_LIMIT) marks.delete(marks.keys().next().value!);
  const value = markCookie(userIds[0], lsn!);
  if (!value) return;
  try {
    const maxAge = Math.ceil(markLifetimeMs() / 1000);
    (await cookies()).set(WROTE_COOKIE, value, { httpOnly: true, sameSite: "lax", path: "/", maxAge, secure: process.env.NODE_ENV === "production" && process.env.AUTH_URL?.startsWith("https:") });
  } catch {
    // Outside a server action or route handler (a script, a test) there is no response to carry it.
  }
});

async function writeMark(userId: number): Promise<bigint | null> {
  const local = marks.get(userId);
  let mark = local && Date.now() - local.at < markLifetimeMs() ? local.lsn : null;
  try {
    const fromCookie = markFromCookie((await cookies()).get(WROTE_COOKIE)?.value, userId);
    if (fromCookie !== null && (mark === null || fromCookie > mark)) mark = fromCookie;
  } catch {
    // No request (a script, a test): the process's own record is all there is.
  }
  return mark;
}

/** Errors after which a replica is taken out of service and the primary answers instead. */
const UNAVAILABLE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up or shutting down)
  "53300", // too_many_connections
  "40001", // canceling statement due to conflict with recovery
]);

export function replicaUnavailable(error: unknown): boolean {
  for (let e = error as Record<string, unknown> | undefined, depth = 0; e && depth < 5; e = e.cause as Record<string, unknown> | undefined, depth++) {
    if (typeof e.code === "string" && UNAVAILABLE.has(e.code)) return true;
  }
  return false;
}

/**
 * Where a read ran. Values cached from a replica may trail the primary's by a moment; a user who
 * has just written ("own-write") must not be served from any shared cache, since this server may
 * not yet have heard of that write from the server that made it.
 */
export type ReadSource = "primary" | "replica" | "own-write";

/**
 * Runs a read on a replica when one is current enough for this user (dashboards, lists,
 * exports), else on the primary. A replica that fails mid-read is taken out of service and the
 * primary answers, so a replica going down costs no error.
 */
export async function withReadDb<T>(actor: { userId: number } | null, read: (d: Database, source: ReadSource) => Promise<T>): Promise<T> {
  const handle = await getDatabase();
  const mark = actor && handle.kind === "postgres" ? await writeMark(actor.userId) : null;
  const onPrimary: ReadSource = mark === null ? "primary" : "own-write";
  const replica: Replica | null = handle.replicas?.pick(mark) ?? null;
  if (!replica) return read(handle.db, onPrimary);
  try {
    return await read(replica.db, mark === null ? "replica" : "own-write");
  } catch (error) {
    if (!replicaUnavailable(error)) throw error;
    handle.replicas!.markDown(replica, error);
    return read(handle.db, onPrimary);
  }
}
