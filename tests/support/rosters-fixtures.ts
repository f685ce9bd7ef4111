import { and, eq, ne, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/client";
import { communes, users } from "@/db/schema";
import type { Actor } from "@/lib/dal/actor";
import { communeActor, nationalActor, provincialActor } from "./actors";

export const PHU_KHUONG = "28756";

/** Accounts for roster tests (audit rows reference them) and the actors that stand for them. */
export async function seedRosterActors(db: Database) {
  const [other] = await db
    .select({ code: communes.code })
    .from(communes)
    .where(and(eq(communes.provinceCode, "86"), ne(communes.code, PHU_KHUONG)))
    .orderBy(communes.code)
    .limit(1);
  const rows = await db
    .insert(users)
    .values([
      { username: "r.nat", fullName: "Quốc Gia", role: "national", passwordHash: "x" },
      { username: "r.vla", fullName: "Vĩnh Long", role: "provincial", provinceCode: "86", passwordHash: "x" },
      { username: "r.hna", fullName: "Hà Nội", role: "provincial", provinceCode: "01", passwordHash: "x" },
      { username: "r.pkh", fullName: "Phú Khương", role: "commune", provinceCode: "86", communeCode: PHU_KHUONG, passwordHash: "x" },
      { username: "r.oth", fullName: "Xã khác", role: "commune", provinceCode: "86", communeCode: other.code, passwordHash: "x" },
    ])
    .returning();
  const id = (u: string) => rows.find((r) => r.username === u)!.id;
  const actors = {
    nat: nationalActor(id("r.nat")),
    vinhLong: provincialActor("86", id("r.vla")),
    haNoi: provincialActor("01", id("r.hna")),
    phuKhuong: communeActor("86", PHU_KHUONG, id("r.pkh")),
    otherCommune: communeActor("86", other.code, id("r.oth")),
  } satisfies Record<string, Actor>;
  return { ...actors, otherCommuneCode: other.code };
}

export async function auditActions(db: Database, entity: string, entityId: number): Promise<string[]> {
  const rows = await queryRows<{ action: string }>(db, sql`SELECT action FROM audit_events WHERE entity = ${entity} AND entity_id = ${String(entityId)} ORDER BY id`);
  return rows.map((r) => r.action);
}

export async function auditTotal(db: Database): Promise<number> {
  const [r] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_events`);
  return r.n;
}

export async function tableSnapshot(db: Database, table: "hamlets" | "teams" | "members"): Promise<string> {
  const rows = await queryRows(db, sql`SELECT * FROM ${sql.identifier(table)} ORDER BY id`);
  return JSON.stringify(rows);
}
