import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authenticate } from "@/lib/dal/authentication";
import { sessionToken } from "@/lib/auth/session-token";
import { clientFromHeaders } from "@/lib/auth/client";

class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}
class Throttled extends CredentialsSignin {
  code = "throttled";
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
