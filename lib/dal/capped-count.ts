import "server-only";
import { count, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";

/**
 * Totals of the long lists above this are reported as "more than": counting a country's rows on
 * every page view would cost more than the page itself.
 */
export const COUNT_CAP = 10_000;

/** How many rows match, counted up to the cap + 1 and no further (a query, so tests can read its plan). */
export function cappedCountQuery(d: Queryable, table: PgTable, where: SQL | undefined, cap = COUNT_CAP) {
  return d.select({ total: count() }).from(d.select({ one: sql`1` }).from(table).where(where).limit(cap + 1).as("matches"));
}

/** A total from `cappedCountQuery`, and whether it reached the cap. */
export function cappedTotal(total: number, cap = COUNT_CAP): { total: number; capped: boolean } {
  return total > cap ? { total: cap, capped: true } : { total, capped: false };
}
