import NextAuth, { CredentialsSignin, type User } from "next-auth";
import type { AdapterUser } from "next-auth/adapters";
import type { JWT } from "next-auth/jwt";
import Credentials from "next-auth/providers/credentials";
import { authenticate, resolveSessionUser } from "@/lib/dal/authentication";
import { clientFromHeaders } from "@/lib/auth/client";

class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}
class Throttled extends CredentialsSignin {
  code = "throttled";
}

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

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { username: { label: "username" }, password: { label: "password", type: "password" } },
      async authorize(credentials, request) {
        const username = typeof credentials?.username === "string" ? credentials.username : "";
        const password = typeof credentials?.password === "string" ? credentials.password : "";
        if (!username || !password) throw new InvalidCredentials();
        const result = await authenticate({ username, password }, clientFromHeaders(request.headers));
        if (result.ok) return { id: String(result.user.id), name: result.user.username, sessionVersion: result.user.sessionVersion };
        throw result.reason === "throttled" ? new Throttled() : new InvalidCredentials();
      },
    }),
  ],
  callbacks: {
    jwt: sessionToken,
    session({ session, token }) {
      return { ...session, uid: token.uid as number, sv: token.sv as number };
    },
  },
});
