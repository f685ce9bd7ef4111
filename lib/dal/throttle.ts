import "server-only";
import { inArray, sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { signInThrottle } from "@/db/schema";
import { db } from "./db";

/**
 * Attempt counters for password checks (sign-in, password change). Each attempt is counted in
 * one statement before the password is verified, so parallel guesses cannot slip past the check.
 * The first `free` attempts since the last success pass; each further one makes the next wait
 * twice as long (30 s, 1 min, 2 min … up to `maxDelaySeconds`). An attempt that arrives while a wait
 * runs is refused without being verified or counted. Counters forget after a day without attempts.
 */
const FIRST_DELAY_SECONDS = 30;

export interface ThrottleRule {
  /** The counter's key, e.g. `signin:<account>|<address>`. */
  key: string;
  free: number;
  maxDelaySeconds: number;
}

/** Sign-in: per (account, address), so nobody elsewhere can lock an account out, and per address, against password spraying. */
export function signInRules(username: string, ip: string | null): ThrottleRule[] {
  const account = username.trim().toLowerCase().slice(0, 64);
  return [
    { key: `signin:${account}|${ip ?? "unknown"}`, free: 5, maxDelaySeconds: 15 * 60 },
    ...(ip ? [{ key: `address:${ip}`, free: 30, maxDelaySeconds: 60 * 60 }] : []),
  ];
}

/** Password change: per account and address, like sign-in. */
export function passwordChangeRules(userId: number, ip: string | null): ThrottleRule[] {
  return [
    { key: `password:${userId}|${ip ?? "unknown"}`, free: 5, maxDelaySeconds: 15 * 60 },
    ...(ip ? [{ key: `address:${ip}`, free: 30, maxDelaySeconds: 60 * 60 }] : []),
  ];
}

/** Counts an attempt against every rule; the latest end of a running wait when refused. */
export async function countAttempt(rules: ThrottleRule[]): Promise<{ allowed: true } | { allowed: false; until: Date }> {
  const d = await db();
  let until: Date | null = null;
  for (const rule of rules) {
    // One statement: the upsert locks the row, so concurrent attempts count one after another. While
    // a wait runs, the WHERE leaves the row untouched and nothing is returned: that, not a comparison
    // of timestamps (the database clock may tick in whole milliseconds), tells a refused attempt.
    const next = sql`CASE WHEN t.last_failure_at < statement_timestamp() - interval '1 day' THEN 1 ELSE t.failures + 1 END`;
    const counted = await queryRows<{ failures: number }>(d, sql`
      INSERT INTO sign_in_throttle AS t (key, failures, locked_until, last_failure_at)
      VALUES (${rule.key}, 1, NULL, statement_timestamp())
      ON CONFLICT (key) DO UPDATE SET
        failures = ${next},
        locked_until = CASE
          WHEN ${next} > ${rule.free} THEN statement_timestamp() + make_interval(secs => least(${rule.maxDelaySeconds}, ${FIRST_DELAY_SECONDS} * power(2, least(${next} - ${rule.free} - 1, 20))))
          ELSE NULL END,
        last_failure_at = statement_timestamp()
      WHERE t.locked_until IS NULL OR t.locked_until <= statement_timestamp()
      RETURNING failures`);
    if (counted.length) continue;
    const [row] = await queryRows<{ locked_until: string | Date | null }>(d, sql`SELECT locked_until FROM sign_in_throttle WHERE key = ${rule.key}`);
    // The wait may have ended in between: the attempt is still refused, and may be retried at once.
    const end = row?.locked_until ? new Date(row.locked_until) : new Date();
    if (!until || end > until) until = end;
  }
  return until ? { allowed: false, until } : { allowed: true };
}

/**
 * A success clears the caller's own counters. The address's counter, shared by every account
 * signing in from there (an office behind one address), only takes the successful attempt back,
 * so that it counts failures.
 */
export async function clearAttempts(rules: ThrottleRule[]): Promise<void> {
  const own = rules.filter((r) => !r.key.startsWith("address:")).map((r) => r.key);
  const shared = rules.filter((r) => r.key.startsWith("address:")).map((r) => r.key);
  const d = await db();
  if (own.length) await d.delete(signInThrottle).where(inArray(signInThrottle.key, own));
  if (shared.length) {
    await d
      .update(signInThrottle)
      .set({ failures: sql`greatest(${signInThrottle.failures} - 1, 0)` })
      .where(inArray(signInThrottle.key, shared));
  }
}

/** When a wait runs for any of the rules, the time it ends. */
export async function waitUntil(rules: ThrottleRule[]): Promise<Date | null> {
  const d = await db();
  const rows = await d
    .select({ lockedUntil: signInThrottle.lockedUntil })
    .from(signInThrottle)
    .where(inArray(signInThrottle.key, rules.map((r) => r.key)));
  const now = Date.now();
  const ends = rows.map((r) => r.lockedUntil?.getTime() ?? 0).filter((t) => t > now);
  return ends.length ? new Date(Math.max(...ends)) : null;
}

