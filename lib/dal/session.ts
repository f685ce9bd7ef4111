import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import { clientFromHeaders } from "@/lib/auth/client";
import type { Actor } from "./actor";
import { resolveSessionUser } from "./authentication";

/**
 * The signed-in caller, re-checked against the database on every request: a disabled account,
 * a reset password or a changed role or unit takes effect at once, whatever the token says.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = (await auth()) as { uid?: number; sv?: number } | null;
  if (!session?.uid) return null;
  const user = await resolveSessionUser({ userId: session.uid, sessionVersion: session.sv ?? -1 });
  if (!user) return null;
  const client = clientFromHeaders(await headers());
  return {
    userId: user.id,
    username: user.username,
    fullName: user.fullName,
    role: user.role,
    provinceCode: user.provinceCode,
    communeCode: user.communeCode,
    mustChangePassword: user.mustChangePassword,
    ...client,
  };
});

/** The caller, or a redirect to the sign-in page. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  return actor;
}
