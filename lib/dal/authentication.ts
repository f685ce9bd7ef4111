import "server-only";
import { eq, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import { HashingBusyError, verifyAgainstDummy, verifyPassword } from "@/lib/auth/password";
import { writeAudit } from "./audit";
import { db } from "./db";
import { clearAttempts, countAttempt, signInRules, waitUntil } from "./throttle";

export type AuthenticationResult =
  | { ok: true; user: { id: number; username: string; sessionVersion: number } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; until: Date };

/** Longer passwords are refused unhashed: the policy allows at most 200 characters. */
const MAX_PASSWORD = 200;

/** When a wait runs for this account from this address (or for the address), the time it ends. */
export async function lockedUntil(username: string, ip: string | null): Promise<Date | null> {
  return waitUntil(signInRules(username, ip));
}

/**
 * Checks a username and password. The attempt is counted per (account, address) and per address
 * before the password is verified (see `./throttle`); a wait in progress refuses it unverified.
 * Every outcome is audited; the result never says whether the account exists.
 */
export async function authenticate(
  input: { username: string; password: string },
  client: { ip: string | null; userAgent: string | null },
): Promise<AuthenticationResult> {
  const d = await db();
  const username = input.username.trim().slice(0, 64);
  const auditActor = (userId: number | null, name = username) => ({ userId, username: name, ip: client.ip, userAgent: client.userAgent });
  const rules = signInRules(username, client.ip);
  const attempt = await countAttempt(rules);
  if (!attempt.allowed) {
    await writeAudit(d, auditActor(null), { action: "auth.throttled", entity: "session", entityId: username });
    return { ok: false, reason: "throttled", until: attempt.until };
  }
  const [user] = await d
    .select()
    .from(users)
    .where(eq(sql`lower(${users.username})`, username.toLowerCase()))
    .limit(1);
  let valid = false;
  try {
    if (input.password.length <= MAX_PASSWORD) {
      valid = user ? await verifyPassword(user.passwordHash, input.password) : (await verifyAgainstDummy(input.password), false);
    }
  } catch (error) {
    if (!(error instanceof HashingBusyError)) throw error;
    // Too many checks at once: refuse for a moment; the attempt stays counted.
    return { ok: false, reason: "throttled", until: new Date(Date.now() + 1000) };
  }
  if (!valid || !user || user.disabledAt) {
    await writeAudit(d, auditActor(user?.id ?? null), {
      action: "auth.sign_in_failed",
      entity: "session",
      entityId: username,
      provinceCode: user?.provinceCode,
      communeCode: user?.communeCode,
    });
    return { ok: false, reason: "invalid" };
  }
  await clearAttempts(rules);
  await d.transaction(async (tx) => {
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
