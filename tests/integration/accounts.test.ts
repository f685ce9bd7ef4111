import { beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import {
  accountCreateProblems,
  changeOwnPassword,
  createAccount,
  passwordChangeProblems,
  getAccount,
  listAccounts,
  resetAccountPassword,
  setAccountDisabled,
  updateAccount,
} from "@/lib/dal/accounts";
import { authenticate, resolveSessionUser } from "@/lib/dal/authentication";
import { ConflictError, FieldError, NotFoundError } from "@/lib/dal/errors";
import { z } from "zod";
import { accountCreateSchema, accountListSchema, accountPlace, passwordChangeFields, passwordChangeSchema } from "@/lib/validation/accounts";
import { communeActor, nationalActor, provincialActor } from "../support/actors";
import { setupTestDatabase } from "../support/test-database";

const ctx = setupTestDatabase();
const PASSWORD = "mat-khau-rat-dai-2025";
const ids: Record<string, number> = {};
const nat = () => nationalActor(ids.nat);
const vinhLong = () => provincialActor("86", ids.vla);
const haNoi = () => provincialActor("01", ids.hna);
const phuKhuong = () => communeActor("86", "28756", ids.pkh);
const list = (params = {}) => accountListSchema.parse(params);

async function auditCount() {
  const [r] = await queryRows(ctx.db, sql`SELECT count(*)::int AS n FROM audit_events`);
  return r.n as number;
}

describe("accounts: scope of every function", () => {
  beforeAll(async () => {
    const passwordHash = await hashPassword(PASSWORD);
    const rows = await ctx.db
      .insert(users)
      .values([
        { username: "nat", fullName: "Quốc Gia", role: "national", passwordHash },
        { username: "vla", fullName: "Vĩnh Long", role: "provincial", provinceCode: "86", passwordHash },
        { username: "hna", fullName: "Hà Nội", role: "provincial", provinceCode: "01", passwordHash },
        { username: "pkh", fullName: "Phú Khương", role: "commune", provinceCode: "86", communeCode: "28756", passwordHash },
        { username: "bdi", fullName: "Ba Đình", role: "commune", provinceCode: "01", communeCode: "00004", passwordHash },
      ])
      .returning();
    for (const r of rows) ids[r.username] = r.id;
  });

  it("lists only the accounts the caller administers", async () => {
    expect((await listAccounts(nat(), list())).rows.map((r) => r.username).sort()).toEqual(["hna", "nat", "vla"]);
    expect((await listAccounts(vinhLong(), list())).rows.map((r) => r.username)).toEqual(["pkh"]);
    expect((await listAccounts(haNoi(), list())).rows.map((r) => r.username)).toEqual(["bdi"]);
    expect((await listAccounts(phuKhuong(), list())).rows).toEqual([]);
  });

  it("searches names without diacritics", async () => {
    expect((await listAccounts(nat(), list({ q: "vinh long" }))).rows.map((r) => r.username)).toEqual(["vla"]);
  });

  it("reads an account only within scope", async () => {
    expect((await getAccount(vinhLong(), ids.pkh)).username).toBe("pkh");
    await expect(getAccount(haNoi(), ids.pkh)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getAccount(phuKhuong(), ids.pkh)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getAccount(vinhLong(), ids.vla)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("creates accounts within scope and refuses the rest without writing", async () => {
    const id = await createAccount(vinhLong(), { username: "xa.moi", fullName: "Xã Mới", role: "commune", provinceCode: "86", communeCode: "28756", password: PASSWORD });
    expect((await getAccount(vinhLong(), id)).mustChangePassword).toBe(true);
    const before = await auditCount();
    const refused = [
      () => createAccount(vinhLong(), { username: "x1", fullName: "X", role: "commune", provinceCode: "01", communeCode: "00004", password: PASSWORD }),
      () => createAccount(vinhLong(), { username: "x2", fullName: "X", role: "provincial", provinceCode: "86", communeCode: null, password: PASSWORD }),
      () => createAccount(phuKhuong(), { username: "x3", fullName: "X", role: "commune", provinceCode: "86", communeCode: "28756", password: PASSWORD }),
      () => createAccount(nat(), { username: "x4", fullName: "X", role: "commune", provinceCode: "86", communeCode: "28756", password: PASSWORD }),
      () => createAccount(nat(), { username: "VLA", fullName: "X", role: "provincial", provinceCode: "86", communeCode: null, password: PASSWORD }),
      () => createAccount(nat(), { username: "x5", fullName: "X", role: "provincial", provinceCode: "86", communeCode: null, password: "x5-password" }),
    ];
    for (const attempt of refused) await expect(attempt()).rejects.toBeInstanceOf(FieldError);
    const [n] = await queryRows(ctx.db, sql`SELECT count(*)::int AS n FROM users WHERE username LIKE 'x_'`);
    expect(n.n).toBe(0);
    expect(await auditCount()).toBe(before);
  });

  it("gives every error of a refused account form in one round: the schema's, the unit's and a taken username, reading only", async () => {
    const errorsOf = (r: ReturnType<typeof accountCreateSchema.safeParse>) => (r.success ? {} : z.flattenError(r.error).fieldErrors);
    // Checks across fields run even though other fields are wrong.
    expect(errorsOf(accountCreateSchema.safeParse({ username: "a", fullName: "", role: "commune", provinceCode: "86", communeCode: "", password: "ngan" }))).toEqual({
      username: ["username_format"],
      fullName: ["required"],
      communeCode: ["required"],
      password: ["password_too_short"],
    });
    const before = await auditCount();
    const form = (actor: ReturnType<typeof vinhLong>, values: Record<string, string>) => accountCreateProblems(actor, accountPlace(values));
    expect(await form(vinhLong(), { username: "XA.MOI", role: "commune", provinceCode: "86", communeCode: "28756", fullName: "" })).toEqual({ username: ["username_taken"] });
    expect(await form(vinhLong(), { username: "xa.khac", role: "commune", provinceCode: "86", communeCode: "00004" })).toEqual({ communeCode: ["invalid_unit"] });
    expect(await form(vinhLong(), { username: "vla", role: "commune", provinceCode: "01", communeCode: "00004" })).toEqual({ username: ["username_taken"], role: ["out_of_scope"] });
    expect(await form(vinhLong(), { username: "xa.khac", role: "commune", provinceCode: "86", communeCode: "28756", password: "x" })).toEqual({});
    // What cannot be read is left to the schema; a caller who administers no one learns nothing of usernames.
    expect(await form(vinhLong(), { username: "?", role: "", communeCode: "abc" })).toEqual({});
    expect(await form(phuKhuong(), { username: "vla", role: "commune", provinceCode: "86", communeCode: "28756" })).toEqual({ role: ["out_of_scope"] });
    // The same in one round from the write itself, when the form reads.
    await expect(createAccount(vinhLong(), { username: "Xa.Moi", fullName: "X", role: "commune", provinceCode: "01", communeCode: "00004", password: PASSWORD })).rejects.toMatchObject({
      fieldErrors: { username: ["username_taken"], role: ["out_of_scope"] },
    });
    expect(await auditCount()).toBe(before);
  });

  it("updates within scope, refuses out of scope, and detects concurrent edits", async () => {
    const account = await getAccount(vinhLong(), ids.pkh);
    await updateAccount(vinhLong(), { id: ids.pkh, version: account.version, fullName: "Phú Khương mới", provinceCode: "86", communeCode: "28756" });
    await expect(
      updateAccount(vinhLong(), { id: ids.pkh, version: account.version, fullName: "Ghi đè", provinceCode: "86", communeCode: "28756" }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(
      updateAccount(haNoi(), { id: ids.pkh, version: account.version + 1, fullName: "Hà Nội sửa", provinceCode: "01", communeCode: "00004" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      updateAccount(vinhLong(), { id: ids.pkh, version: account.version + 1, fullName: "Chuyển tỉnh", provinceCode: "01", communeCode: "00004" }),
    ).rejects.toBeInstanceOf(FieldError);
    const [row] = await ctx.db.select().from(users).where(eq(users.id, ids.pkh));
    expect(row.fullName).toBe("Phú Khương mới");
    expect(row.communeCode).toBe("28756");
  });

  it("disables and enables within scope; a disabled user's session is refused at once", async () => {
    const [before] = await ctx.db.select().from(users).where(eq(users.id, ids.pkh));
    expect(await resolveSessionUser({ userId: ids.pkh, sessionVersion: before.sessionVersion })).not.toBeNull();
    await expect(setAccountDisabled(haNoi(), ids.pkh, true)).rejects.toBeInstanceOf(NotFoundError);
    await expect(setAccountDisabled(phuKhuong(), ids.pkh, true)).rejects.toBeInstanceOf(NotFoundError);
    expect(await resolveSessionUser({ userId: ids.pkh, sessionVersion: before.sessionVersion })).not.toBeNull();
    await setAccountDisabled(vinhLong(), ids.pkh, true);
    expect(await resolveSessionUser({ userId: ids.pkh, sessionVersion: before.sessionVersion })).toBeNull();
    const [after] = await ctx.db.select().from(users).where(eq(users.id, ids.pkh));
    expect(await resolveSessionUser({ userId: ids.pkh, sessionVersion: after.sessionVersion })).toBeNull();
    expect((await authenticate({ username: "pkh", password: PASSWORD }, { ip: "10.0.0.9", userAgent: null })).ok).toBe(false);
    await setAccountDisabled(vinhLong(), ids.pkh, false);
    expect((await authenticate({ username: "pkh", password: PASSWORD }, { ip: "10.0.0.9", userAgent: null })).ok).toBe(true);
    await expect(setAccountDisabled(vinhLong(), ids.vla, true)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("resets passwords within scope: the old password and old sessions stop working", async () => {
    await expect(resetAccountPassword(haNoi(), ids.pkh)).rejects.toBeInstanceOf(NotFoundError);
    const [before] = await ctx.db.select().from(users).where(eq(users.id, ids.pkh));
    const temporary = await resetAccountPassword(vinhLong(), ids.pkh);
    expect(temporary).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
    expect(await resolveSessionUser({ userId: ids.pkh, sessionVersion: before.sessionVersion })).toBeNull();
    expect((await authenticate({ username: "pkh", password: PASSWORD }, { ip: "10.0.0.8", userAgent: null })).ok).toBe(false);
    expect((await authenticate({ username: "pkh", password: temporary }, { ip: "10.0.0.8", userAgent: null })).ok).toBe(true);
    const [after] = await ctx.db.select().from(users).where(eq(users.id, ids.pkh));
    expect(after.mustChangePassword).toBe(true);
    await expect(changeOwnPassword(phuKhuong(), { currentPassword: "wrong-password", newPassword: "another-long-pass" })).rejects.toBeInstanceOf(FieldError);
    await expect(changeOwnPassword(phuKhuong(), { currentPassword: temporary, newPassword: "pkh-is-in-here-2025" })).rejects.toBeInstanceOf(FieldError);
    await changeOwnPassword(phuKhuong(), { currentPassword: temporary, newPassword: "song-tien-chay-mai" });
    const [changed] = await ctx.db.select().from(users).where(eq(users.id, ids.pkh));
    expect(changed.mustChangePassword).toBe(false);
  });

  it("gives every error of a refused password change in one round", async () => {
    const baDinh = communeActor("01", "00004", ids.bdi);
    const errorsOf = (values: Record<string, string>) => {
      const r = passwordChangeSchema.safeParse(values);
      return r.success ? {} : z.flattenError(r.error).fieldErrors;
    };
    // The new password's confirmation is compared even though the current one is missing.
    expect(errorsOf({ currentPassword: "", newPassword: "song-nuoc-mien-tay", confirmPassword: "song-nuoc" })).toEqual({ currentPassword: ["required"], confirmPassword: ["password_mismatch"] });
    // A wrong current password and a new one against the policy, together.
    await expect(changeOwnPassword(baDinh, { currentPassword: "wrong-password", newPassword: "bdi-in-the-password" })).rejects.toMatchObject({
      fieldErrors: { currentPassword: ["password_wrong"], newPassword: ["password_contains_username"] },
    });
    // The same for a form that the schema refused, on whatever of it reads.
    expect(await passwordChangeProblems(baDinh, passwordChangeFields({ currentPassword: "wrong-password", newPassword: "bdi-in-the-password", confirmPassword: "x" }))).toEqual({
      currentPassword: ["password_wrong"],
      newPassword: ["password_contains_username"],
    });
    expect(await passwordChangeProblems(baDinh, passwordChangeFields({ currentPassword: PASSWORD, newPassword: "", confirmPassword: "" }))).toEqual({});
    const [row] = await ctx.db.select().from(users).where(eq(users.id, ids.bdi));
    expect(row.version).toBe(1);
  });

  it("never lets a national user reset, disable, edit or create another national account", async () => {
    const [other] = await ctx.db.insert(users).values({ username: "nat2", fullName: "Quốc Gia 2", role: "national", passwordHash: "x" }).returning();
    expect((await getAccount(nat(), other.id)).username).toBe("nat2");
    await expect(resetAccountPassword(nat(), other.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(setAccountDisabled(nat(), other.id, true)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateAccount(nat(), { id: other.id, version: other.version, fullName: "Chiếm quyền", provinceCode: null, communeCode: null })).rejects.toBeInstanceOf(NotFoundError);
    await expect(createAccount(nat(), { username: "nat3", fullName: "X", role: "national", provinceCode: null, communeCode: null, password: PASSWORD })).rejects.toBeInstanceOf(FieldError);
    const [after] = await ctx.db.select().from(users).where(eq(users.id, other.id));
    expect(after).toEqual(other);
    // Provincial accounts stay theirs to administer.
    await resetAccountPassword(nat(), ids.hna);
    await ctx.db.delete(users).where(eq(users.id, other.id));
  });

  it("audits every change with before and after, never the password hash", async () => {
    const rows = await queryRows(ctx.db, sql`SELECT action, actor_username, before, after FROM audit_events WHERE entity = 'user' ORDER BY id`);
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(["account.create", "account.update", "account.disable", "account.enable", "account.reset_password", "account.change_password"]),
    );
    const update = rows.find((r) => r.action === "account.update")!;
    expect((update.before as { fullName: string }).fullName).toBe("Phú Khương");
    expect((update.after as { fullName: string }).fullName).toBe("Phú Khương mới");
    expect(JSON.stringify(rows)).not.toContain("argon2");
  });
});

describe("sign-in", () => {
  it("gives the same answer for an unknown account as for a wrong password", async () => {
    const client = { ip: "192.0.2.50", userAgent: null };
    expect(await authenticate({ username: "khong-ton-tai", password: "x" }, client)).toEqual(await authenticate({ username: "bdi", password: "x" }, client));
  });
});
