import "server-only";
import type { User } from "next-auth";
import type { AdapterUser } from "next-auth/adapters";
import type { JWT } from "next-auth/jwt";
import { resolveSessionUser } from "@/lib/dal/authentication";

/**
 * The session token, on sign-in and on every read. A token is renewed (by /api/auth/session) only
 * while its session is alive: after a sign-out, a password change or reset, or disabling, the
 * session version has moved on and the answer is no session, with the cookie cleared.
 */
export async function sessionToken({ token, user }: { token: JWT; user?: User | AdapterUser | null }): Promise<JWT | null> {
  if (user) {
    token.uid = Number(user.id);
    token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
    return token;
  }
  if (typeof token.uid !== "number" || typeof token.sv !== "number") return null;
  return (await resolveSessionUser({ userId: token.uid, sessionVersion: token.sv })) ? token : null;
}
