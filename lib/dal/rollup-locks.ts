import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";

/**
 * Takes the roll-up rows of the communes a bulk write will touch, in commune-code order, before
 * it writes. Each row written bumps its commune's roll-up row; two bulk writes that reached the
 * same communes in different orders could each hold one and wait for the other. Taken up front
 * in one order, the second simply waits for the first.
 */
export async function lockCommuneRollups(tx: Queryable, communeCodes: string[], memberIds: number[] = []): Promise<void> {
  const codes = [...new Set(communeCodes)];
  if (!codes.length && !memberIds.length) return;
  const listed = codes.length ? sql`SELECT code FROM communes WHERE code IN (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})` : sql`SELECT NULL::varchar WHERE FALSE`;
  const ofMembers = memberIds.length ? sql`SELECT commune_code FROM members WHERE id IN (${sql.join(memberIds.map((id) => sql`${id}`), sql`, `)})` : sql`SELECT NULL::varchar WHERE FALSE`;
  const touched = sql`SELECT c.code, c.province_code FROM communes c WHERE c.code IN (${listed} UNION ${ofMembers})`;
  await tx.execute(sql`INSERT INTO commune_stats (commune_code, province_code) SELECT code, province_code FROM (${touched}) t ORDER BY code ON CONFLICT DO NOTHING`);
  await tx.execute(sql`SELECT 1 FROM commune_stats WHERE commune_code IN (SELECT code FROM (${touched}) t) ORDER BY commune_code FOR NO KEY UPDATE`);
}
