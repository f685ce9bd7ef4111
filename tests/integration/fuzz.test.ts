import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { hamlets, members, teams, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { setupTestDatabase } from "../support/test-database";

/**
 * Random and hostile values (NUL and other control characters, direction overrides, huge and
 * negative numbers, impossible dates, megabyte strings, wrong shapes) posted to every server action
 * and sent as the query of every route: no answer may be a server error, and a refused action
 * writes nothing.
 */
const state = vi.hoisted(() => ({ token: null as { uid: number; sv: number } | null }));
vi.mock("@/auth", () => ({ auth: async () => state.token, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "fuzz" }), cookies: async () => ({ get: () => undefined, set: () => {} }) }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Error(`REDIRECT ${to}`);
  },
  notFound: () => {
    throw new Error("NOT_FOUND");
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next-auth", () => {
  class AuthError extends Error {}
  class CredentialsSignin extends AuthError {
    code = "credentials";
  }
  return { AuthError, CredentialsSignin };
});
vi.mock("@/i18n/server", () => ({ getTranslations: async () => (key: string) => key, getLocale: async () => "vi" }));

const actionModules = {
  accounts: await import("@/app/(app)/accounts/actions"),
  guidance: await import("@/app/(app)/guidance/actions"),
  hamlets: await import("@/app/(app)/hamlets/actions"),
  members: await import("@/app/(app)/members/actions"),
  reports: await import("@/app/(app)/reports/actions"),
  teams: await import("@/app/(app)/teams/actions"),
  trainings: await import("@/app/(app)/trainings/actions"),
  session: await import("@/app/actions/session"),
};
const routes = {
  "export/guidance": await import("@/app/api/export/guidance/route"),
  "export/hamlets": await import("@/app/api/export/hamlets/route"),
  "export/indicators": await import("@/app/api/export/indicators/route"),
  "export/members": await import("@/app/api/export/members/route"),
  "export/reports": await import("@/app/api/export/reports/route"),
  "export/teams": await import("@/app/api/export/teams/route"),
  "export/trainings": await import("@/app/api/export/trainings/route"),
  indicators: await import("@/app/api/indicators/route"),
  health: await import("@/app/api/health/route"),
};

const ctx = setupTestDatabase();
const ids: Record<string, number> = {};
const RUNS = 25;

const hostile = fc.oneof(
  fc.constantFrom(
    "\u0000", "a\u0000b", "\u202Eevil", "\u200B\u200B", "\uFEFF", "\uD800", "-1", "0", "2147483648", "99999999999999999999", "1e309", "NaN", "Infinity",
    "-0", "0x10", "1.5", "0000-01-01", "2026-02-30", "2026-13", "1900-01-15", "9999-12-31", "2026-1-1", "' OR 1=1 --", "<script>alert(1)</script>",
    "../../etc/passwd", "=HYPERLINK(\"x\")", "true", "null", "[]", "{}", "national", "28756", "86", "VN", "csv", "xlsx", "attendance",
  ),
  fc.string({ maxLength: 40 }),
  fc.integer().map(String),
  fc.constant("x".repeat(200_000)),
  fc.constant("ệ".repeat(5000)),
);
const FIELDS = [
  "id", "version", "name", "fullName", "username", "password", "role", "provinceCode", "communeCode", "kind", "households", "hamletId", "teamId",
  "establishedOn", "zaloUrl", "note", "status", "dissolvedOn", "gender", "birthYear", "phone", "position", "affiliations", "affiliations.youth_union",
  "joinedOn", "leftOn", "title", "topics", "heldOn", "hours", "format", "location", "outsideParticipants", "memberIds", "unitCode", "q", "month",
  "comment", "deadlineDay", "disabled", "currentPassword", "newPassword", "confirmPassword", "rows.0.teamId", "rows.0.guidedOn", "rows.0.skill",
  "rows.0.targetGroup", "rows.0.peopleGuided", "rows.0.householdsVisited", "rows.0.peopleCompleted", "rows.0.note", "rows.999.skill", "locale", "back",
];
const QUERY = ["unit", "from", "to", "chart", "format", "metric", "q", "page", "pageSize", "sort", "dir", "province", "commune", "hamlet", "team", "status", "month", "skill", "group", "detail", "level", "topic", "kind", "position", "gender", "affiliation"];
const formInput = fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 12 })), hostile, { maxKeys: 12 });
const queryInput = fc.dictionary(fc.oneof(fc.constantFrom(...QUERY), fc.string({ maxLength: 8 })), hostile, { maxKeys: 8 });

async function snapshot(): Promise<string> {
  const rows = await queryRows(
    ctx.db,
    sql`SELECT (SELECT count(*) FROM audit_events WHERE action NOT LIKE 'auth.%')::text || '/' ||
      (SELECT coalesce(sum(version), 0) FROM hamlets)::text || '/' || (SELECT coalesce(sum(version), 0) FROM teams)::text || '/' ||
      (SELECT coalesce(sum(version), 0) FROM members)::text || '/' || (SELECT count(*) FROM guidance_records)::text || '/' ||
      (SELECT count(*) FROM trainings)::text || '/' || (SELECT count(*) FROM users)::text AS s`,
  );
  return String(rows[0].s);
}

beforeAll(async () => {
  const passwordHash = await hashPassword("mat-khau-rat-dai-2025");
  const rows = await ctx.db
    .insert(users)
    .values([
      { username: "pkh", fullName: "Phú Khương", role: "commune" as const, provinceCode: "86", communeCode: "28756", passwordHash },
      { username: "vla", fullName: "Vĩnh Long", role: "provincial" as const, provinceCode: "86", passwordHash },
      { username: "nat", fullName: "Quốc gia", role: "national" as const, passwordHash },
    ])
    .returning();
  for (const r of rows) ids[r.username] = r.id;
  const [h] = await ctx.db.insert(hamlets).values({ provinceCode: "86", communeCode: "28756", name: "Khóm 1", kind: "khom" }).returning();
  const [t] = await ctx.db.insert(teams).values({ provinceCode: "86", communeCode: "28756", hamletId: h.id, name: "Tổ 1" }).returning();
  await ctx.db.insert(members).values({ teamId: t.id, provinceCode: "86", communeCode: "28756", fullName: "Nguyễn Văn An", gender: "male" });
});

const callers = ["pkh", "vla", "nat"] as const;
const signInAs = (who: (typeof callers)[number]) => {
  state.token = { uid: ids[who], sv: 1 };
};

describe("fuzzing server actions", () => {
  const actions = Object.entries(actionModules).flatMap(([module, exports]) =>
    Object.entries(exports as Record<string, unknown>)
      .filter(([, v]) => typeof v === "function")
      .map(([name, action]) => ({ name: `${module}.${name}`, action: action as (...args: unknown[]) => Promise<unknown> })),
  );

  it("found every action", () => expect(actions.length).toBeGreaterThan(20));

  it.each(actions.map((a) => [a.name, a] as const))("%s answers hostile input without a server error and writes nothing on refusal", async (_name, { action }) => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...callers), formInput, async (who, fields) => {
        signInAs(who);
        const form = new FormData();
        for (const [k, v] of Object.entries(fields)) form.append(k, v);
        const before = await snapshot();
        let result: unknown;
        try {
          result = action.length >= 2 ? await action({ ok: false }, form) : await action(form);
        } catch (error) {
          // A redirect is the framework's answer (success, sign-in, not found), not a failure.
          if (/^(REDIRECT|NOT_FOUND)/.test((error as Error).message)) return;
          throw error;
        }
        if (result && typeof result === "object" && (result as { ok?: boolean }).ok === false) {
          expect(await snapshot()).toBe(before);
          const values = (result as { values?: Record<string, string> }).values ?? {};
          for (const v of Object.values(values)) expect(v.length).toBeLessThanOrEqual(5000);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe("fuzzing route query parameters", () => {
  it.each(Object.entries(routes))("GET /api/%s never answers with a server error", async (path, route) => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...callers), queryInput, async (who, query) => {
        signInAs(who);
        const url = new URL(`http://localhost/api/${path}`);
        for (const [k, v] of Object.entries(query)) url.searchParams.append(k, v);
        const response = (await (route.GET as (r: Request) => Promise<Response>)(new Request(url))) as Response;
        expect(response.status).toBeLessThan(500);
        // A download that started must finish: read the whole body.
        if (response.body) await response.arrayBuffer();
      }),
      { numRuns: RUNS },
    );
  });
});
