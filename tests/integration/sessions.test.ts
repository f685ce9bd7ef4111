import { beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { setupTestDatabase } from "../support/test-database";

/**
 * Sessions end where the caller is resolved: the session cookie is stood in for by `token`, and
 * every page, action, API and download below resolves it through the real `lib/dal/session`.
 */
const state = vi.hoisted(() => ({ token: null as { uid: number; sv: number } | null }));
vi.mock("@/auth", () => ({ auth: async () => state.token, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "vitest" }), cookies: async () => ({ get: () => undefined, set: () => {} }) }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Error(`REDIRECT ${to}`);
  },
  notFound: () => {
    throw new Error("NOT_FOUND");
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/i18n/server", () => ({ getTranslations: async () => (key: string) => key, getLocale: async () => "vi" }));

const { sessionToken } = await import("@/lib/auth/session-token");
const { getActor, requireActor, getCallerAllowingTemporaryPassword } = await import("@/lib/dal/session");
const { recordSignOut } = await import("@/lib/dal/session-events");
const { authenticate } = await import("@/lib/dal/authentication");
const { changeOwnPassword, resetAccountPassword, setAccountDisabled } = await import("@/lib/dal/accounts");
const { createHamletAction } = await import("@/app/(app)/hamlets/actions");
const { changePasswordAction } = await import("@/app/(app)/accounts/actions");
const indicatorsApi = await import("@/app/api/indicators/route");
const membersExport = await import("@/app/api/export/members/route");
const guidanceExport = await import("@/app/api/export/guidance/route");
const templateRoute = await import("@/app/(app)/members/import/template/route");

const ctx = setupTestDatabase();
const PASSWORD = "mat-khau-rat-dai-2025";
const ids: Record<string, number> = {};
const where = { ip: null, userAgent: "vitest" };

async function signIn(username: string, password = PASSWORD) {
  const result = await authenticate({ username, password }, where);
  if (!result.ok) throw new Error(`sign-in refused: ${result.reason}`);
  state.token = { uid: result.user.id, sv: result.user.sessionVersion };
  return { ...state.token };
}

function hamletForm() {
  const form = new FormData();
  for (const [k, v] of Object.entries({ communeCode: "28756", name: `Khóm ${Math.random()}`, kind: "khom", households: "" })) form.set(k, v);
  return form;
}

/** What each door answers the current token: the caller, a page, an action, the API, two downloads, the template. */
async function doors() {
  const outcome = async (work: () => Promise<unknown>) => {
    try {
      const r = await work();
      return r instanceof Response ? r.status : "ok";
    } catch (error) {
      return (error as Error).message;
    }
  };
  return {
    actor: (await getActor())?.username ?? null,
    page: await outcome(() => requireActor()),
    action: await outcome(() => createHamletAction({ ok: false }, hamletForm())),
    api: await outcome(() => indicatorsApi.GET(new Request("http://localhost/api/indicators?unit=28756"))),
    members: await outcome(() => membersExport.GET(new Request("http://localhost/api/export/members?format=csv"))),
    guidance: await outcome(() => guidanceExport.GET(new Request("http://localhost/api/export/guidance?format=csv"))),
    template: await outcome(() => templateRoute.GET()),
  };
}

const REFUSED = { actor: null, page: "REDIRECT /login", action: "REDIRECT /login", api: 401, members: 401, guidance: 401, template: "REDIRECT /login" };

beforeAll(async () => {
  const passwordHash = await hashPassword(PASSWORD);
  const rows = await ctx.db
    .insert(users)
    .values([
      { username: "vla", fullName: "Vĩnh Long", role: "provincial" as const, provinceCode: "86", passwordHash },
      { username: "pkh", fullName: "Phú Khương", role: "commune" as const, provinceCode: "86", communeCode: "28756", passwordHash },
    ])
    .returning();
  for (const r of rows) ids[r.username] = r.id;
});

describe("sessions", () => {
  it("a signed-in commune lead passes every door", async () => {
    await signIn("pkh");
    const open = await doors();
    expect(open).toMatchObject({ actor: "pkh", page: "ok", api: 200, members: 200, guidance: 200, template: 200 });
    expect(open.action).toMatch(/^REDIRECT \/hamlets\/\d+\?created=1$/);
  });

  it("sign-out ends every session of the account, on every device, and the token is not renewed", async () => {
    const laptop = await signIn("pkh");
    const phone = await signIn("pkh");
    await recordSignOut((await getActor())!);
    for (const token of [laptop, phone]) {
      state.token = token;
      expect(await doors()).toEqual(REFUSED);
      expect(await sessionToken({ token })).toBeNull();
    }
  });

  it("changing one's own password ends the other sessions", async () => {
    const other = await signIn("pkh");
    await signIn("pkh");
    await changeOwnPassword((await getActor())!, { currentPassword: PASSWORD, newPassword: "mat-khau-moi-cua-xa-2026" });
    state.token = other;
    expect(await doors()).toEqual(REFUSED);
    expect(await sessionToken({ token: other })).toBeNull();
    await ctx.db.update(users).set({ passwordHash: await hashPassword(PASSWORD) }).where(eq(users.id, ids.pkh));
  });

  it("disabling an account ends its sessions at once", async () => {
    const token = await signIn("pkh");
    const admin = await signIn("vla");
    await setAccountDisabled((await getActor())!, ids.pkh, true);
    state.token = token;
    expect(await doors()).toEqual(REFUSED);
    state.token = admin;
    await setAccountDisabled((await getActor())!, ids.pkh, false);
  });

  it("a reset ends the sessions, and a temporary password opens nothing but the password page and sign-out", async () => {
    const before = await signIn("pkh");
    await signIn("vla");
    const temporary = await resetAccountPassword((await getActor())!, ids.pkh);
    state.token = before;
    expect(await doors()).toEqual(REFUSED);
    expect(await sessionToken({ token: before })).toBeNull();

    const token = await signIn("pkh", temporary);
    expect(await sessionToken({ token })).toEqual(token);
    expect(await doors()).toEqual({ ...REFUSED, page: "REDIRECT /account/password", action: "REDIRECT /account/password", template: "REDIRECT /login" });
    expect((await getCallerAllowingTemporaryPassword())?.username).toBe("pkh");

    const form = new FormData();
    form.set("currentPassword", temporary);
    form.set("newPassword", "mat-khau-rieng-cua-toi");
    form.set("confirmPassword", "mat-khau-rieng-cua-toi");
    expect(await changePasswordAction({ ok: false }, form)).toEqual({ ok: true, notice: { key: "password.saved" } });
    const [row] = await ctx.db.select().from(users).where(eq(users.id, ids.pkh));
    expect(row.mustChangePassword).toBe(false);
    // The session that changed the password ended too; signing in with the new password opens every door.
    expect(await doors()).toEqual(REFUSED);
    await signIn("pkh", "mat-khau-rieng-cua-toi");
    expect(await doors()).toMatchObject({ actor: "pkh", page: "ok", api: 200, members: 200 });
  });
});
