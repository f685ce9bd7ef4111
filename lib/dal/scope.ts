import "server-only";
import { eq, sql, type Column, type SQL } from "drizzle-orm";
import type { Actor } from "./actor";

/**
 * The caller's scope as a SQL condition on a record's province and commune columns. Every
 * data-access query that reads or writes scoped rows includes it.
 */
export function scopeWhere(actor: Actor, columns: { province: Column; commune?: Column }): SQL {
  switch (actor.role) {
    case "national":
      return sql`TRUE`;
    case "provincial":
      return eq(columns.province, actor.provinceCode!);
    case "commune":
      return columns.commune ? eq(columns.commune, actor.communeCode!) : sql`FALSE`;
  }
}
