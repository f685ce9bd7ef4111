import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { users } from "@/db/schema";
import { clientAddress, clientAddressHeader, clientFromHeaders, CLIENT_ADDRESS_HEADER } from "@/lib/auth/client";
import { hashPassword } from "@/lib/auth/password";
import { changeOwnPassword } from "@/lib/dal/accounts";
import { authenticate } from "@/lib/dal/authentication";
import { countAttempt, signInRules } from "@/lib/dal/throttle";
import { FieldError } from "@/lib/dal/errors";
import { communeActor } from "../support/actors";
import { setupTestDatabase } from "../support/test-database";

const ctx = setupTestDatabase();
const PASSWORD = "mat-khau-rat-dai-2025";
const ids: Record<string, number> = {};
const client = (ip: string) => ({ ip, userAgent: "vitest" });

async function failuresAudited(username: string): Promise<number> {
  const [r] = await queryRows(ctx.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'auth.sign_in_failed' AND entity_id = ${username}`);
  return r.n as number;
}

beforeAll(async () => {
  const passwordHash = await hashPassword(PASSWORD);
  const rows = await ctx.db
    .insert(users)
    .values(
      ["victim", "sprayed1", "sprayed2", "racer", "clerk", "changer"].map((username) => ({
        username,
        fullName: username,
        role: "commune" as const,
        provinceCode: "86",
        communeCode: "28756",
        passwordHash,
      })),
    )
    .returning();
  for (const r of rows) ids[r.username] = r.id;
});

describe("the client address", () => {
  it("comes from the socket: a forged X-Forwarded-For changes nothing without trusted proxies", () => {
    expect(clientAddress("::ffff:203.0.113.5", "1.2.3.4, 5.6.7.8", 0)).toBe("203.0.113.5");
    expect(clientAddress("203.0.113.5", undefined, 0)).toBe("203.0.113.5");
  });

  it("is the entry the outermost trusted proxy appended, whatever the client prepended", () => {
    // client → proxy A (appends client's address) → proxy B (appends A's) → app socket sees B.
    expect(clientAddress("10.0.0.2", "6.6.6.6, 198.51.100.20, 10.0.0.1", 2)).toBe("198.51.100.20");
    expect(clientAddress("10.0.0.1", "6.6.6.6, 198.51.100.20", 1)).toBe("198.51.100.20");
    expect(clientAddress("10.0.0.1", "", 1)).toBeNull();
    expect(clientAddress("10.0.0.1", "not-an-address", 1)).toBeNull();
  });

  it("is read only from the header the server itself wrote", () => {
    const previous = process.env.CNSCD_CLIENT_ADDRESS_KEY;
    process.env.CNSCD_CLIENT_ADDRESS_KEY = "k3y";
    try {
      const forged = new Headers({ [CLIENT_ADDRESS_HEADER]: "guess 1.2.3.4", "x-forwarded-for": "1.2.3.4" });
      expect(clientFromHeaders(forged).ip).toBeNull();
      const real = new Headers({ [CLIENT_ADDRESS_HEADER]: clientAddressHeader("k3y", "203.0.113.5"), "x-forwarded-for": "1.2.3.4" });
      expect(clientFromHeaders(real).ip).toBe("203.0.113.5");
    } finally {
      process.env.CNSCD_CLIENT_ADDRESS_KEY = previous;
    }
  });
});

describe("sign-in throttling", () => {
  it("cannot be used to lock a victim out: failures from other addresses leave the victim's own address alone", async () => {
    for (let i = 0; i < 40; i++) await authenticate({ username: "victim", password: "wrong" }, client(`198.51.100.${i % 8}`));
    expect((await authenticate({ username: "victim", password: PASSWORD }, client("203.0.113.10"))).ok).toBe(true);
  });

  it("makes a guesser wait after five failures from one address, with longer waits after each", async () => {
    const from = client("192.0.2.1");
    for (let i = 0; i < 5; i++) expect(await authenticate({ username: "clerk", password: "wrong" }, from)).toEqual({ ok: false, reason: "invalid" });
    // The sixth is still checked, and starts a wait of 30 seconds.
    expect(await authenticate({ username: "clerk", password: "wrong" }, from)).toEqual({ ok: false, reason: "invalid" });
    const refused = await authenticate({ username: "clerk", password: PASSWORD }, from);
    expect(refused.ok === false && refused.reason).toBe("throttled");
    const wait = refused.ok === false && refused.reason === "throttled" ? refused.until.getTime() - Date.now() : 0;
    expect(wait).toBeGreaterThan(20_000);
    expect(wait).toBeLessThanOrEqual(30_000);
    // Refused attempts are neither checked nor audited as failures.
    expect(await failuresAudited("clerk")).toBe(6);
    // The wait doubles: end the running one by hand and fail once more.
    await ctx.db.execute(sql`UPDATE sign_in_throttle SET locked_until = now() - interval '1 second' WHERE key = 'signin:clerk|192.0.2.1'`);
    expect((await authenticate({ username: "clerk", password: "wrong" }, from)).ok).toBe(false);
    const [row] = await queryRows(ctx.db, sql`SELECT extract(epoch FROM locked_until - now())::int AS s FROM sign_in_throttle WHERE key = 'signin:clerk|192.0.2.1'`);
    expect(row.s).toBeGreaterThan(50);
    expect(row.s).toBeLessThanOrEqual(60);
    // Meanwhile the account signs in from anywhere else.
    expect((await authenticate({ username: "clerk", password: PASSWORD }, client("192.0.2.2"))).ok).toBe(true);
  });

  it("counts parallel guesses before checking them, so a burst cannot slip through", async () => {
    const from = client("192.0.2.77");
    const results = await Promise.all(Array.from({ length: 20 }, () => authenticate({ username: "racer", password: "wrong" }, from)));
    expect(results.filter((r) => r.ok === false && r.reason === "throttled").length).toBe(14);
    expect(await failuresAudited("racer")).toBe(6);
  });

  it("slows an address that tries many accounts (password spraying), and address rotation gains nothing over one address", async () => {
    const from = client("192.0.2.200");
    const outcomes = [];
    for (let i = 0; i < 32; i++) outcomes.push((await authenticate({ username: `sprayed${(i % 2) + 1}`, password: `guess-${i}` }, from)).ok === false);
    expect(outcomes.every(Boolean)).toBe(true);
    const blocked = await authenticate({ username: "victim", password: PASSWORD }, from);
    expect(blocked.ok === false && blocked.reason).toBe("throttled");
    // The accounts themselves are untouched elsewhere.
    expect((await authenticate({ username: "sprayed1", password: PASSWORD }, client("192.0.2.201"))).ok).toBe(true);
  });

  it("lets a success take back its own count from a shared address, so an office is not slowed by its own sign-ins", async () => {
    const office = client("192.0.2.150");
    for (let i = 0; i < 40; i++) expect((await authenticate({ username: "victim", password: PASSWORD }, office)).ok).toBe(true);
  });
});

describe("password change throttling", () => {
  it("makes a guesser of the current password wait, like sign-in", async () => {
    const actor = { ...communeActor("86", "28756", ids.changer), username: "changer", ip: "192.0.2.99" };
    for (let i = 0; i < 6; i++) {
      await expect(changeOwnPassword(actor, { currentPassword: `wrong-${i}`, newPassword: "mot-mat-khau-moi-dai" })).rejects.toMatchObject({ fieldErrors: { currentPassword: ["password_wrong"] } });
    }
    const refused = changeOwnPassword(actor, { currentPassword: PASSWORD, newPassword: "mot-mat-khau-moi-dai" });
    await expect(refused).rejects.toBeInstanceOf(FieldError);
    await expect(refused).rejects.toMatchObject({ fieldErrors: { currentPassword: ["password_throttled"] } });
  });
});

describe("the attempt counter", () => {
  it("never lets an attempt through while a wait runs, even in the instant the wait started", async () => {
    // The database clock may tick in milliseconds: the attempts of a burst share their timestamp
    // with the one that started the wait, and still none of them may be counted or checked.
    const rules = signInRules("burst", null);
    for (let round = 0; round < 5; round++) {
      await ctx.db.execute(sql`DELETE FROM sign_in_throttle WHERE key = ${rules[0].key}`);
      const burst = await Promise.all(Array.from({ length: 100 }, () => countAttempt(rules)));
      expect(burst.filter((r) => r.allowed).length).toBe(6);
    }
    const [row] = await queryRows(ctx.db, sql`SELECT failures FROM sign_in_throttle WHERE key = ${rules[0].key}`);
    expect(row.failures).toBe(6);
  });
});
