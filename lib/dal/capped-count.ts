import "server-only";
import { count, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";

/**
 * Totals of the long lists above this are reported as "more than": counting a country's rows on
 * every page view would cost more than the page itself.
 */
export const COUNT_CAP = 10_000;

/** How many rows match, counted up to COUNT_CAP + 1 and no further (a query, so tests can read its plan). */
export function cappedCountQuery(d: Queryable, table: PgTable, where: SQL | undefined) {
  return d.select({ total: count() }).from(d.select({ one: sql`1` }).from(table).where(where).limit(COUNT_CAP + 1).as("matches"));
}

/** A total from `cappedCountQuery`, and whether it reached the cap. */
export function cappedTotal(total: number): { total: number; capped: boolean } {
  return total > COUNT_CAP ? { total: COUNT_CAP, capped: true } : { total, capped: false };
}
