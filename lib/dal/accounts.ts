import "server-only";
import { randomInt } from "node:crypto";
import { and, asc, count, desc, eq, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { communes, provinces, users } from "@/db/schema";
import type { Role } from "@/lib/domain/catalog";
import { HashingBusyError, hashPassword, verifyPassword } from "@/lib/auth/password";
import { passwordProblem, temporaryPassword } from "@/lib/auth/password-policy";
import type { AccountCreateInput, AccountListParams, AccountUpdateInput } from "@/lib/validation/accounts";
import type { Actor } from "./actor";
import { writeAudit } from "./audit";
import { db } from "./db";
import { ConflictError, FieldError, fieldErrorsOf, mergeFieldErrors, NotFoundError } from "./errors";
import { clearAttempts, countAttempt, passwordChangeRules } from "./throttle";

/**
 * Which accounts the caller sees in account administration, as a SQL condition on users. National
 * users see the national accounts too, but administer only provincial ones: a national account is
 * created, reset or disabled only on the server (`npm run user:create`), so that one national
 * account can never take over another.
 */
function visibleWhere(actor: Actor): SQL {
  return actor.role === "national" ? inArray(users.role, ["national", "provincial"]) : manageableWhere(actor);
}

/** Which accounts the caller administers (creates, edits, resets, disables), as a SQL condition on users. */
function manageableWhere(actor: Actor): SQL {
  switch (actor.role) {
    case "national":
      return eq(users.role, "provincial");
    case "provincial":
      return and(eq(users.role, "commune"), eq(users.provinceCode, actor.provinceCode!))!;
    case "commune":
      return sql`FALSE`;
  }
}

/** Whether the caller administers an account of this role and province (the rule of `manageableWhere`). */
export function canManage(actor: Actor, target: { role: Role; provinceCode: string | null }): boolean {
  if (actor.role === "national") return target.role === "provincial";
  if (actor.role === "provincial") return target.role === "commune" && target.provinceCode === actor.provinceCode;
  return false;
}

const accountColumns = {
  id: users.id,
  username: users.username,
  fullName: users.fullName,
  role: users.role,
  provinceCode: users.provinceCode,
  communeCode: users.communeCode,
  provinceName: provinces.shortName,
  communeName: communes.name,
  disabledAt: users.disabledAt,
  mustChangePassword: users.mustChangePassword,
  lastSignInAt: users.lastSignInAt,
  version: users.version,
  createdAt: users.createdAt,
};
export type Account = Awaited<ReturnType<typeof getAccount>>;

export function auditView(row: { username: string; fullName: string; role: string; provinceCode: string | null; communeCode: string | null; disabledAt?: Date | null }) {
  return {
    username: row.username,
    fullName: row.fullName,
    role: row.role,
    provinceCode: row.provinceCode,
    communeCode: row.communeCode,
    disabled: Boolean(row.disabledAt),
  };
}

export async function listAccounts(actor: Actor, params: AccountListParams) {
  const d = await db();
  const filters: SQL[] = [visibleWhere(actor)];
  if (params.q) {
    const like = `%${params.q}%`;
    filters.push(or(ilike(users.username, like), sql`search_key(${users.fullName}) LIKE '%' || search_key(${params.q}) || '%'`)!);
  }
  if (params.role) filters.push(eq(users.role, params.role));
  if (params.status === "active") filters.push(isNull(users.disabledAt));
  if (params.status === "disabled") filters.push(isNotNull(users.disabledAt));
  const where = and(...filters);
  const sortColumn = {
    username: users.username,
    fullName: users.fullName,
    role: users.role,
    unit: sql`coalesce(${users.communeCode}, ${users.provinceCode}, '')`,
    lastSignInAt: users.lastSignInAt,
  }[params.sort];
  const order = params.dir === "desc" ? desc(sortColumn) : asc(sortColumn);
  const [rows, [{ total }]] = await Promise.all([
    d
      .select(accountColumns)
      .from(users)
      .leftJoin(provinces, eq(provinces.code, users.provinceCode))
      .leftJoin(communes, eq(communes.code, users.communeCode))
      .where(where)
      .orderBy(order, asc(users.id))
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    d.select({ total: count() }).from(users).where(where),
  ]);
  return { rows, total };
}

export async function getAccount(actor: Actor, id: number) {
  const d = await db();
  const [row] = await d
    .select(accountColumns)
    .from(users)
    .leftJoin(provinces, eq(provinces.code, users.provinceCode))
    .leftJoin(communes, eq(communes.code, users.communeCode))
    .where(and(eq(users.id, id), visibleWhere(actor)))
    .limit(1);
  if (!row) throw new NotFoundError("account");
  return row;
}

/** Checks that the unit fields fit the role and exist, returning field errors otherwise. */
async function validateUnit(role: Role, provinceCode: string | null, communeCode: string | null) {
  const d = await db();
  if (role === "national") return { provinceCode: null, communeCode: null };
  if (role === "commune") {
    const [c] = await d.select().from(communes).where(eq(communes.code, communeCode ?? "")).limit(1);
    if (!c || (provinceCode && c.provinceCode !== provinceCode)) throw new FieldError({ communeCode: ["invalid_unit"] });
    return { provinceCode: c.provinceCode, communeCode: c.code };
  }
  const [p] = await d.select().from(provinces).where(eq(provinces.code, provinceCode ?? "")).limit(1);
  if (!p) throw new FieldError({ provinceCode: ["invalid_unit"] });
  return { provinceCode: p.code, communeCode: null };
}

/**
 * What the database refuses in an account form: a unit that does not exist or that the caller does
 * not administer, a username already taken (told only to callers who administer accounts). Read
 * without writing, on whatever of the form reads, so that a refused form shows them in one round.
 */
export async function accountCreateProblems(
  actor: Actor,
  place: { username: string | null; role: Role | null; provinceCode: string | null; communeCode: string | null },
): Promise<Record<string, string[]>> {
  const errors: Record<string, string[]> = {};
  const { role, provinceCode, communeCode } = place;
  // A missing unit is the schema's to report.
  if (role !== null && !(role === "commune" && !communeCode) && !(role === "provincial" && !provinceCode)) {
    const invalid = await fieldErrorsOf(async () => {
      const unit = await validateUnit(role, provinceCode, communeCode);
      if (!canManage(actor, { role, provinceCode: unit.provinceCode })) errors.role = ["out_of_scope"];
    });
    if (invalid) mergeFieldErrors(errors, invalid);
  }
  if (place.username !== null && actor.role !== "commune") {
    const d = await db();
    const [existing] = await d.select({ id: users.id }).from(users).where(eq(sql`lower(${users.username})`, place.username.toLowerCase())).limit(1);
    if (existing) errors.username = ["username_taken"];
  }
  return errors;
}

export async function createAccount(actor: Actor, input: AccountCreateInput) {
  const errors = await accountCreateProblems(actor, input);
  const problem = passwordProblem(input.password, input.username);
  if (problem) errors.password = [problem];
  if (Object.keys(errors).length) throw new FieldError(errors);
  const unit = await validateUnit(input.role, input.provinceCode, input.communeCode);
  const passwordHash = await hashPassword(input.password);
  const d = await db();
  return d.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(sql`lower(${users.username})`, input.username.toLowerCase()))
      .limit(1);
    if (existing) throw new FieldError({ username: ["username_taken"] });
    const [row] = await tx
      .insert(users)
      .values({ username: input.username, fullName: input.fullName, role: input.role, ...unit, passwordHash, mustChangePassword: true })
      .returning();
    await writeAudit(tx, actor, {
      action: "account.create",
      entity: "user",
      entityId: row.id,
      provinceCode: row.provinceCode,
      communeCode: row.communeCode,
      after: auditView(row),
    });
    return row.id;
  });
}

export async function updateAccount(actor: Actor, input: AccountUpdateInput) {
  const current = await getManagedAccount(actor, input.id);
  const unit = await validateUnit(current.role, input.provinceCode ?? current.provinceCode, input.communeCode);
  if (!canManage(actor, { role: current.role, provinceCode: unit.provinceCode })) {
    throw new FieldError({ provinceCode: ["out_of_scope"] });
  }
  const d = await db();
  const updated = await d.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ fullName: input.fullName, ...unit, version: sql`${users.version} + 1`, updatedAt: new Date() })
      .where(and(eq(users.id, input.id), eq(users.version, input.version), manageableWhere(actor)))
      .returning();
    if (!row) return false;
    await writeAudit(tx, actor, {
      action: "account.update",
      entity: "user",
      entityId: row.id,
      provinceCode: row.provinceCode,
      communeCode: row.communeCode,
      before: auditView(current),
      after: auditView(row),
    });
    return true;
  });
  // Read the current version outside the transaction: the embedded database has one connection.
  if (!updated) throw new ConflictError(await getAccount(actor, input.id));
}

/** The account, when the caller administers it; a visible account they do not administer is not found. */
async function getManagedAccount(actor: Actor, id: number) {
  const current = await getAccount(actor, id);
  if (!canManage(actor, current)) throw new NotFoundError("account");
  return current;
}

export async function setAccountDisabled(actor: Actor, id: number, disabled: boolean) {
  const current = await getManagedAccount(actor, id);
  if (current.id === actor.userId) throw new FieldError({ id: ["cannot_disable_self"] });
  const d = await db();
  await d.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({
        disabledAt: disabled ? new Date() : null,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        version: sql`${users.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(users.id, id), manageableWhere(actor)))
      .returning();
    if (!row) throw new NotFoundError("account");
    await writeAudit(tx, actor, {
      action: disabled ? "account.disable" : "account.enable",
      entity: "user",
      entityId: id,
      provinceCode: row.provinceCode,
      communeCode: row.communeCode,
      before: auditView(current),
      after: auditView(row),
    });
  });
}

/** Sets a temporary password that must be changed at next sign-in, ending the user's sessions. */
export async function resetAccountPassword(actor: Actor, id: number): Promise<string> {
  const current = await getManagedAccount(actor, id);
  const password = temporaryPassword(randomInt);
  const passwordHash = await hashPassword(password);
  const d = await db();
  await d.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({
        passwordHash,
        mustChangePassword: true,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        version: sql`${users.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(users.id, id), manageableWhere(actor)))
      .returning({ id: users.id });
    if (!row) throw new NotFoundError("account");
    await writeAudit(tx, actor, {
      action: "account.reset_password",
      entity: "user",
      entityId: id,
      provinceCode: current.provinceCode,
      communeCode: current.communeCode,
    });
  });
  return password;
}

/**
 * The caller's own password; every user may change it. Every session of the account ends,
 * this one included: the caller signs in again with the new password.
 */
/**
 * What the account refuses in a password change: a wrong current password (each check counted and
 * throttled like a sign-in) and a new password against the policy, together, so that a form learns
 * of both in one round; either may be absent when it does not read.
 */
export async function passwordChangeProblems(actor: Actor, input: { currentPassword: string | null; newPassword: string | null }): Promise<Record<string, string[]>> {
  return (await checkPasswordChange(actor, input)).errors;
}

async function checkPasswordChange(actor: Actor, input: { currentPassword: string | null; newPassword: string | null }) {
  const d = await db();
  const [user] = await d.select().from(users).where(eq(users.id, actor.userId)).limit(1);
  if (!user) throw new NotFoundError("account");
  const errors: Record<string, string[]> = {};
  if (input.currentPassword !== null) {
    // Counted before the check, like sign-in: a stolen session cannot guess the password quickly.
    const rules = passwordChangeRules(actor.userId, actor.ip);
    let correct = false;
    if (!(await countAttempt(rules)).allowed) errors.currentPassword = ["password_throttled"];
    else {
      try {
        correct = await verifyPassword(user.passwordHash, input.currentPassword);
        if (!correct) errors.currentPassword = ["password_wrong"];
      } catch (error) {
        if (!(error instanceof HashingBusyError)) throw error;
        errors.currentPassword = ["password_throttled"];
      }
    }
    if (correct) await clearAttempts(rules);
  }
  const problem = input.newPassword === null ? null : passwordProblem(input.newPassword, user.username);
  if (problem) errors.newPassword = [problem];
  return { user, errors };
}

export async function changeOwnPassword(actor: Actor, input: { currentPassword: string; newPassword: string }) {
  const d = await db();
  const { user, errors } = await checkPasswordChange(actor, input);
  if (Object.keys(errors).length) throw new FieldError(errors);
  const passwordHash = await hashPassword(input.newPassword);
  await d.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, sessionVersion: sql`${users.sessionVersion} + 1`, version: sql`${users.version} + 1`, updatedAt: new Date() })
      .where(eq(users.id, actor.userId));
    await writeAudit(tx, actor, {
      action: "account.change_password",
      entity: "user",
      entityId: actor.userId,
      provinceCode: user.provinceCode,
      communeCode: user.communeCode,
    });
  });
}
