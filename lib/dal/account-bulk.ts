import "server-only";
import { randomInt } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { temporaryPassword } from "@/lib/auth/password-policy";
import { communeUsername, type CommuneLeadsInput } from "@/lib/validation/account-bulk";
import { auditView } from "./accounts";
import type { Actor } from "./actor";
import { writeAudit } from "./audit";
import { db } from "./db";
import { FieldError, NotFoundError } from "./errors";

/** Provincial admins create their communes' lead accounts; nobody else (national users manage only national and provincial accounts). */
function provinceOf(actor: Actor): string {
  if (actor.role !== "provincial" || !actor.provinceCode) throw new NotFoundError("province");
  return actor.provinceCode;
}

/** SQL: the commune has an enabled commune-lead account. */
const HAS_LEAD = sql`EXISTS (SELECT 1 FROM users u WHERE u.role = 'commune' AND u.commune_code = c.code AND u.disabled_at IS NULL)`;

/** The communes of the caller's province without an enabled commune-lead account, with the account name each would get. */
export async function communesWithoutLead(actor: Actor) {
  const province = provinceOf(actor);
  const d = await db();
  const rows = await queryRows(d, sql`SELECT c.code, c.name,
      EXISTS (SELECT 1 FROM commune_stats s WHERE s.commune_code = c.code AND s.teams_active > 0) AS has_team
    FROM communes c WHERE c.province_code = ${province} AND NOT ${HAS_LEAD} ORDER BY c.name, c.code`);
  return rows
    .map((r) => ({ code: String(r.code), name: String(r.name), hasTeam: Boolean(r.has_team), username: communeUsername(String(r.name), String(r.code)) }))
    .sort((a, b) => a.name.localeCompare(b.name, "vi") || a.code.localeCompare(b.code));
}

export interface CreatedLead {
  communeCode: string;
  communeName: string;
  fullName: string;
  username: string;
  phone: string | null;
  /** Shown once on the sheet; only its hash is stored. */
  password: string;
}

/**
 * Creates one commune-lead account for each chosen commune of the caller's province that has none,
 * each with a temporary password that must be changed at first sign-in. All or nothing: one
 * transaction with an audit event per account. Returns the sheet of temporary passwords.
 */
export async function createCommuneLeads(actor: Actor, input: CommuneLeadsInput): Promise<CreatedLead[]> {
  const province = provinceOf(actor);
  const codes = [...new Set(input.leads.map((l) => l.communeCode))];
  if (codes.length === 0) throw new FieldError({ communes: ["week.errors.pick_communes"] });
  const passwords = new Map(codes.map((code) => [code, temporaryPassword(randomInt)]));
  const hashes = new Map(await Promise.all(codes.map(async (code) => [code, await hashPassword(passwords.get(code)!)] as const)));
  const d = await db();
  return d.transaction(async (tx) => {
    const list = sql.join(codes.map((c) => sql`${c}`), sql`, `);
    // Locks the province's commune-lead accounts so two admins cannot both create a commune's lead.
    await queryRows(tx, sql`SELECT id FROM users WHERE role = 'commune' AND province_code = ${province} FOR UPDATE`);
    const eligible = await queryRows(tx, sql`SELECT c.code, c.name FROM communes c
      WHERE c.code IN (${list}) AND c.province_code = ${province} AND NOT ${HAS_LEAD}`);
    const byCode = new Map(eligible.map((r) => [String(r.code), String(r.name)]));
    const refused = codes.filter((c) => !byCode.has(c));
    if (refused.length) throw new FieldError(Object.fromEntries(refused.map((c) => [`pick_${c}`, ["week.errors.commune_unavailable"]])));
    const wanted = codes.map((c) => communeUsername(byCode.get(c)!, c));
    const taken = new Set(
      (await queryRows(tx, sql`SELECT lower(username) AS u FROM users WHERE lower(username) LIKE ANY (ARRAY[${sql.join(wanted.map((w) => sql`${`${w}%`}`), sql`, `)}])`)).map((r) => String(r.u)),
    );
    const created: CreatedLead[] = [];
    for (const [i, code] of codes.entries()) {
      let username = wanted[i];
      for (let n = 2; taken.has(username.toLowerCase()); n++) username = `${wanted[i]}-${n}`;
      taken.add(username.toLowerCase());
      const lead = input.leads.find((l) => l.communeCode === code)!;
      const communeName = byCode.get(code)!;
      const fullName = lead.fullName || `CNSCĐ ${communeName}`;
      const [row] = await tx
        .insert(users)
        .values({ username, fullName, role: "commune", provinceCode: province, communeCode: code, phone: lead.phone, passwordHash: hashes.get(code)!, mustChangePassword: true })
        .returning();
      await writeAudit(tx, actor, {
        action: "account.create",
        entity: "user",
        entityId: row.id,
        provinceCode: province,
        communeCode: code,
        after: { ...auditView(row), phone: row.phone, bulk: true },
      });
      created.push({ communeCode: code, communeName, fullName, username, phone: row.phone, password: passwords.get(code)! });
    }
    return created;
  });
}

/** How many communes of the caller's province have no enabled commune-lead account. */
export async function countCommunesWithoutLead(actor: Actor): Promise<number> {
  const province = provinceOf(actor);
  const [r] = await queryRows(await db(), sql`SELECT count(*)::int AS n FROM communes c WHERE c.province_code = ${province} AND NOT ${HAS_LEAD}`);
  return Number(r.n);
}

/**
 * A commune-lead account the caller administers, as a SQL condition on users: a provincial
 * admin's communes only. National users administer provincial accounts, not commune leads.
 */
function leadWhere(actor: Actor, id: number) {
  if (actor.role !== "provincial" || !actor.provinceCode) return sql`FALSE`;
  return sql`${users.id} = ${id} AND ${users.role} = 'commune' AND ${users.provinceCode} = ${actor.provinceCode}`;
}

/** The phone number of a commune-lead account the caller administers (null when none is on file). */
export async function getLeadPhone(actor: Actor, id: number): Promise<string | null> {
  const [row] = await (await db()).select({ phone: users.phone }).from(users).where(leadWhere(actor, id)).limit(1);
  if (!row) throw new NotFoundError("account");
  return row.phone;
}

/**
 * Sets or clears the phone number of a commune-lead account the caller administers (stored in
 * national form, see `lib/domain/phone.ts`), with the change in the audit trail. The row is locked
 * while it is read, so the recorded "before" is the number actually replaced.
 */
export async function updateLeadPhone(actor: Actor, input: { id: number; phone: string | null }): Promise<void> {
  const d = await db();
  await d.transaction(async (tx) => {
    const [current] = await tx.select().from(users).where(leadWhere(actor, input.id)).for("update").limit(1);
    if (!current) throw new NotFoundError("account");
    if (current.phone === input.phone) return;
    const [row] = await tx.update(users).set({ phone: input.phone, updatedAt: new Date() }).where(leadWhere(actor, input.id)).returning();
    await writeAudit(tx, actor, {
      action: "account.update",
      entity: "user",
      entityId: row.id,
      provinceCode: row.provinceCode,
      communeCode: row.communeCode,
      before: { username: current.username, phone: current.phone },
      after: { username: row.username, phone: row.phone },
    });
  });
}
