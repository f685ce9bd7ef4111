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
 * a reset password, a sign-out elsewhere or a changed role or unit takes effect at once, whatever
 * the token says.
 */
const resolveCaller = cache(async (): Promise<Actor | null> => {
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

/**
 * The caller for every page, action, API and download. An account with a temporary password is
 * nobody here until it has chosen its own: it may only change its password and sign out.
 */
export async function getActor(): Promise<Actor | null> {
  const actor = await resolveCaller();
  return actor && !actor.mustChangePassword ? actor : null;
}

/** The caller, or a redirect to the sign-in page (or to the password page for a temporary password). */
export async function requireActor(): Promise<Actor> {
  const actor = await resolveCaller();
  if (!actor) redirect("/login");
  if (actor.mustChangePassword) redirect("/account/password");
  return actor;
}

/** The caller on the two ways out of a temporary password: the password page and sign-out. */
export async function getCallerAllowingTemporaryPassword(): Promise<Actor | null> {
  return resolveCaller();
}

/** Like `getCallerAllowingTemporaryPassword`, redirecting to the sign-in page when signed out. */
export async function requireCallerAllowingTemporaryPassword(): Promise<Actor> {
  const actor = await resolveCaller();
  if (!actor) redirect("/login");
  return actor;
}
