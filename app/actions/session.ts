"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { signIn, signOut } from "@/auth";
import { clientFromHeaders } from "@/lib/auth/client";
import type { FormState } from "@/lib/actions/form-state";
import { lockedUntil } from "@/lib/dal/authentication";
import { recordSignOut } from "@/lib/dal/session-events";
import { getCallerAllowingTemporaryPassword } from "@/lib/dal/session";
import { isLocale, LOCALE_COOKIE } from "@/i18n/config";
import { echo, localPath } from "@/lib/validation/primitives";

export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState<{ until?: string }>> {
  const username = String(formData.get("username") ?? "").trim();
  const password = String(formData.get("password") ?? "");
  const values = { username: echo(username) };
  if (!username || !password) {
    return {
      ok: false,
      values,
      fieldErrors: { username: username ? undefined : ["required"], password: password ? undefined : ["required"] },
    };
  }
  try {
    await signIn("credentials", { username, password, redirectTo: "/" });
  } catch (error) {
    if (error instanceof AuthError) {
      if (error instanceof CredentialsSignin && error.code === "throttled") {
        const until = await lockedUntil(username, clientFromHeaders(await headers()).ip);
        return { ok: false, values, error: "throttled", data: { until: until?.toISOString() } };
      }
      return { ok: false, values, error: "invalid" };
    }
    throw error;
  }
  return { ok: true };
}

export async function signOutAction() {
  const actor = await getCallerAllowingTemporaryPassword();
  if (actor) await recordSignOut(actor);
  await signOut({ redirectTo: "/login" });
}

export async function setLocaleAction(formData: FormData) {
  const locale = String(formData.get("locale") ?? "");
  if (isLocale(locale)) {
    (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax", httpOnly: true });
  }
  redirect(localPath(formData.get("back")));
}
