import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import { signInThrottle, users } from "@/db/schema";
import { verifyAgainstDummy, verifyPassword } from "@/lib/auth/password";
import { writeAudit } from "./audit";
import { db } from "./db";

export const THROTTLE_MAX_FAILURES = 5;
const BASE_LOCK_MINUTES = 15;
const MAX_LOCK_MINUTES = 24 * 60;

export type AuthenticationResult =
  | { ok: true; user: { id: number; username: string; sessionVersion: number } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; until: Date };

function throttleKeys(username: string, ip: string | null): string[] {
  return [`user:${username.toLowerCase()}`, ...(ip ? [`ip:${ip}`] : [])];
}

/** When the account or the address is locked, the time the lock ends. */
export async function lockedUntil(username: string, ip: string | null): Promise<Date | null> {
  const d = await db();
  const rows = await d
    .select({ lockedUntil: signInThrottle.lockedUntil })
    .from(signInThrottle)
    .where(inArray(signInThrottle.key, throttleKeys(username, ip)));
  const now = Date.now();
  const until = rows.map((r) => r.lockedUntil?.getTime() ?? 0).filter((t) => t > now);
  return until.length ? new Date(Math.max(...until)) : null;
}

/**
 * Checks a username and password. After THROTTLE_MAX_FAILURES failures for an account or from
 * an address, both are locked for 15 minutes, doubling with each further lock (at most a day).
 * Every outcome is audited; the result never says whether the account exists.
 */
export async function authenticate(
  input: { username: string; password: string },
  client: { ip: string | null; userAgent: string | null },
): Promise<AuthenticationResult> {
  const d = await db();
  const username = input.username.trim();
  const auditActor = (userId: number | null, name = username) => ({ userId, username: name, ip: client.ip, userAgent: client.userAgent });
  const until = await lockedUntil(username, client.ip);
  if (until) {
    await writeAudit(d, auditActor(null), { action: "auth.throttled", entity: "session", entityId: username });
    return { ok: false, reason: "throttled", until };
  }
  const [user] = await d
    .select()
    .from(users)
    .where(eq(sql`lower(${users.username})`, username.toLowerCase()))
    .limit(1);
  const valid = user ? await verifyPassword(user.passwordHash, input.password) : (await verifyAgainstDummy(input.password), false);
  if (!valid || !user || user.disabledAt) {
    const lock = await d.transaction(async (tx) => {
      let lockEnd: Date | null = null;
      for (const key of throttleKeys(username, client.ip)) {
        const [row] = await tx
          .insert(signInThrottle)
          .values({ key, failures: 1, lastFailureAt: new Date() })
          .onConflictDoUpdate({
            target: signInThrottle.key,
            set: { failures: sql`${signInThrottle.failures} + 1`, lastFailureAt: new Date() },
          })
          .returning();
        if (row.failures >= THROTTLE_MAX_FAILURES) {
          const minutes = Math.min(BASE_LOCK_MINUTES * 2 ** row.lockouts, MAX_LOCK_MINUTES);
          const end = new Date(Date.now() + minutes * 60_000);
          await tx
            .update(signInThrottle)
            .set({ failures: 0, lockouts: row.lockouts + 1, lockedUntil: end })
            .where(eq(signInThrottle.key, key));
          lockEnd = end;
        }
      }
      await writeAudit(tx, auditActor(user?.id ?? null), {
        action: "auth.sign_in_failed",
        entity: "session",
        entityId: username,
        provinceCode: user?.provinceCode,
        communeCode: user?.communeCode,
      });
      return lockEnd;
    });
    return lock ? { ok: false, reason: "throttled", until: lock } : { ok: false, reason: "invalid" };
  }
  await d.transaction(async (tx) => {
    await tx.delete(signInThrottle).where(eq(signInThrottle.key, `user:${username.toLowerCase()}`));
    await tx.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
    await writeAudit(tx, auditActor(user.id, user.username), {
      action: "auth.sign_in",
      entity: "session",
      entityId: user.username,
      provinceCode: user.provinceCode,
      communeCode: user.communeCode,
    });
  });
  return { ok: true, user: { id: user.id, username: user.username, sessionVersion: user.sessionVersion } };
}

/**
 * Resolves a session token's claims against the database: the account must still exist, be
 * enabled, and carry the session version the token was issued with.
 */
export async function resolveSessionUser(claims: { userId: number; sessionVersion: number }) {
  const d = await db();
  const [user] = await d.select().from(users).where(eq(users.id, claims.userId)).limit(1);
  if (!user || user.disabledAt || user.sessionVersion !== claims.sessionVersion) return null;
  return user;
}
