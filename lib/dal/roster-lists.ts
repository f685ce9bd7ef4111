import "server-only";
import { and, eq, isNull, sql, type Column, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { communes, hamlets, teams } from "@/db/schema";
import { coversUnit, type Actor } from "./actor";
import { FieldError, fieldErrorsOf } from "./errors";
import { scopeWhere } from "./scope";

/** What hamlets, teams and members share: the caller's scope plus the unit filters of a list. */
export function unitFilters(actor: Actor, columns: { province: Column; commune: Column }, params: { province?: string; commune?: string }): SQL[] {
  const filters: SQL[] = [scopeWhere(actor, columns)];
  if (params.province) filters.push(eq(columns.province, params.province));
  if (params.commune) filters.push(eq(columns.commune, params.commune));
  return filters;
}

/**
 * The caller's scope for writes: national users browse everything but change nothing, so a
 * record they name is "not found" for a write.
 */
export function writeScopeWhere(actor: Actor, columns: { province: Column; commune: Column }): SQL {
  return actor.role === "national" ? sql`FALSE` : scopeWhere(actor, columns);
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Diacritics- and case-insensitive containment on a generated `search_key` column, served by its
 * trigram index: "nguyen van" finds "Nguyễn Văn".
 */
export function searchMatches(searchKey: Column | SQL, q: string): SQL {
  return sql`${searchKey} LIKE '%' || search_key(${escapeLike(q)}) || '%'`;
}

/** Whether a search is a phone fragment (digits with the usual separators), and its digits. */
export function phoneFragment(q: string): string | null {
  const international = /^\s*(\+|00)84/.test(q);
  const compact = q.replace(/^\s*(\+|00)84/, "").replace(/[\s.\-()]/g, "");
  if (!/^[0-9]{3,11}$/.test(compact)) return null;
  if (international) return `0${compact.replace(/^0/, "")}`;
  return compact.startsWith("84") && compact.length >= 11 ? `0${compact.slice(2)}` : compact;
}

/**
 * `ORDER BY` for a sort expression with the id as tie-breaker in the same direction, so that an
 * index on (expression, id) serves both directions.
 */
export function orderBy(expression: Column | SQL, dir: "asc" | "desc", id: Column): SQL[] {
  return dir === "desc" ? [sql`${expression} DESC`, sql`${id} DESC`] : [sql`${expression} ASC`, sql`${id} ASC`];
}

/** The commune a new record goes to, if the caller may write there; otherwise a field error. */
export async function writableCommune(q: Queryable, actor: Actor, code: string): Promise<{ code: string; provinceCode: string }> {
  if (actor.role !== "national") {
    const [row] = await q.select({ code: communes.code, provinceCode: communes.provinceCode }).from(communes).where(eq(communes.code, code)).limit(1);
    if (row && coversUnit(actor, row)) return row;
  }
  throw new FieldError({ communeCode: ["errors.out_of_scope"] });
}

/**
 * The commune a refused hamlet or team form would write to, for the checks that run on it anyway:
 * the record's own on an edit (none when the caller may not edit it, which the form learns once it
 * reads), else the chosen commune, or why the caller may not write to it.
 */
export async function formCommune(
  q: Queryable,
  actor: Actor,
  table: typeof hamlets | typeof teams,
  place: { communeCode: string | null; id: number | null },
): Promise<{ communeCode: string | null; errors?: Record<string, string[]> }> {
  if (place.id !== null) {
    const [own] = await q
      .select({ communeCode: table.communeCode })
      .from(table)
      .where(and(eq(table.id, place.id), isNull(table.deletedAt), writeScopeWhere(actor, { province: table.provinceCode, commune: table.communeCode })))
      .limit(1);
    return { communeCode: own?.communeCode ?? null };
  }
  if (place.communeCode === null) return { communeCode: null };
  const outside = await fieldErrorsOf(() => writableCommune(q, actor, place.communeCode!));
  return outside ? { communeCode: null, errors: outside } : { communeCode: place.communeCode };
}

/** The constraint a failed statement violated (unique, check, foreign key), if any. */
export function violatedConstraint(error: unknown): string | null {
  for (let e = error as Record<string, unknown> | undefined, depth = 0; e && depth < 4; e = e.cause as Record<string, unknown> | undefined, depth++) {
    const code = e.code;
    if (typeof code === "string" && code.startsWith("23")) {
      const name = (e.constraint ?? e.constraint_name) as string | undefined;
      return name ?? code;
    }
  }
  return null;
}

/** Runs a write, turning the named constraint violations into field errors. */
export async function withConstraintMessages<T>(write: () => Promise<T>, messages: Record<string, Record<string, string[]>>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const constraint = violatedConstraint(error);
    if (constraint && messages[constraint]) throw new FieldError(messages[constraint]);
    throw error;
  }
}

/**
 * Iterates over a result in keyset-paged batches (by ascending id) so that an export of hundreds
 * of thousands of rows never holds more than one batch in memory.
 */
export async function* inBatches<T extends { id: number }>(fetch: (afterId: number, limit: number) => Promise<T[]>, size = 2000): AsyncGenerator<T> {
  let afterId = 0;
  for (;;) {
    const batch = await fetch(afterId, size);
    for (const row of batch) yield row;
    if (batch.length < size) return;
    afterId = batch[batch.length - 1].id;
  }
}
