import "server-only";
import { sql, type AnyColumn, type SQL } from "drizzle-orm";

/**
 * Keyset paging: a page after (or before) a position in the list is read by a condition on the
 * sort key and the id, `(key, id) < (k, i)`, which an index on (…, key, id) answers by seeking
 * straight to the position. OFFSET would read and discard every earlier row: at the 100th page of
 * a national list that is thousands of rows per view, and millions for deep links.
 *
 * A position travels in the URL as an opaque cursor (base64url of `[key, id]`), so links, reloads
 * and back/forward show the same page.
 */

/** How a sort key is written in a cursor and read back in SQL. */
export type KeyType = "date" | "int" | "decimal" | "text" | "timestamp";

export interface SortKey {
  expression: SQL | AnyColumn;
  type: KeyType;
}

export interface Position {
  key: string | number;
  id: number;
}

export interface PageRequest {
  after?: string;
  before?: string;
  pageSize: number;
  dir: "asc" | "desc";
}

export interface KeysetPage<T> {
  rows: T[];
  /** Cursor of the page after this one, when there is one. */
  next: string | null;
  /** Cursor of the page before this one; null on the first page. */
  previous: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function validKey(type: KeyType, key: unknown): key is string | number {
  switch (type) {
    case "date":
      return typeof key === "string" && DATE.test(key) && sameInstant(`${key}T00:00:00.000Z`, key.length);
    case "timestamp":
      return typeof key === "string" && TIMESTAMP.test(key) && sameInstant(`${key.slice(0, 23)}Z`, 23);
    case "int":
      return typeof key === "number" && Number.isSafeInteger(key) && Math.abs(key) <= 2_147_483_647;
    case "decimal":
      return typeof key === "string" && /^-?\d{1,12}(\.\d{1,6})?$/.test(key);
    case "text":
      return typeof key === "string" && key.length <= 300;
  }
}

/** Whether a date or time names a real instant (no 30 February) that PostgreSQL reads the same way. */
function sameInstant(iso: string, length: number): boolean {
  const time = Date.parse(iso);
  return !Number.isNaN(time) && iso.slice(0, 4) >= "1000" && new Date(time).toISOString().slice(0, length) === iso.slice(0, length);
}

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.key, position.id]), "utf8").toString("base64url");
}

/** The position a cursor names, or null when it is not one this sort key could have written. */
export function decodeCursor(raw: string | undefined, type: KeyType): Position | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [key, id] = value;
    if (!validKey(type, key) || typeof id !== "number" || !Number.isSafeInteger(id) || id < 0) return null;
    return { key, id };
  } catch {
    return null;
  }
}

/** The sort key as text in a cursor: timestamps to the microsecond, which a JavaScript Date would cut to milliseconds. */
export function cursorKeySql(key: SortKey): SQL<string | number> {
  return keyText(key).mapWith(key.type === "int" ? Number : String);
}

function keyText(key: SortKey): SQL<string | number> {
  switch (key.type) {
    case "date":
      return sql`to_char(${key.expression}, 'YYYY-MM-DD')`;
    case "timestamp":
      return sql`to_char(${key.expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
    case "int":
      return sql`(${key.expression})::int`;
    case "decimal":
    case "text":
      return sql`(${key.expression})::text`;
  }
}

function literal(type: KeyType, key: string | number): SQL {
  switch (type) {
    case "date":
      return sql`${key}::date`;
    case "timestamp":
      return sql`${key}::timestamptz`;
    case "int":
      return sql`${key}::int`;
    case "decimal":
      return sql`${key}::numeric`;
    case "text":
      return sql`${key}::text`;
  }
}

/**
 * The condition, order and limit of one page. Reading backwards (the page before a cursor) runs
 * the order reversed and `finishPage` turns the rows around again. One row more than the page is
 * read, to tell whether another page follows.
 */
export function keysetQuery(key: SortKey, id: AnyColumn, request: PageRequest) {
  const before = decodeCursor(request.before, key.type);
  const after = before ? null : decodeCursor(request.after, key.type);
  const backward = Boolean(before);
  const position = before ?? after;
  // Reading forward in descending order, or backward in ascending order, goes down the index.
  const down = (request.dir === "desc") !== backward;
  const where = position ? sql`(${key.expression}, ${id}) ${down ? sql`<` : sql`>`} (${literal(key.type, position.key)}, ${position.id}::bigint)` : undefined;
  const orderBy = down ? [sql`${key.expression} DESC`, sql`${id} DESC`] : [sql`${key.expression} ASC`, sql`${id} ASC`];
  return { where, orderBy, limit: request.pageSize + 1, backward, fromCursor: Boolean(position) };
}

/**
 * The page a list shows in the order it actually applies (`applied`, which may differ from the
 * requested one where an order has no index at that scope). A cursor written for another order
 * names no position in this one: the list starts again at its first page.
 */
export function sortedPage<S extends string>(keys: Record<S, SortKey>, id: AnyColumn, applied: { sort: S; dir: "asc" | "desc" }, params: PageRequest & { sort: S }) {
  const key = keys[applied.sort];
  const request: PageRequest = params.sort === applied.sort && params.dir === applied.dir ? params : { pageSize: params.pageSize, dir: applied.dir };
  return { key, request, keyset: keysetQuery(key, id, request), ...applied };
}

/** The page's rows in display order and the cursors around it, from the rows `keysetQuery` read. */
export function finishPage<T extends { id: number; cursorKey: string | number }>(rows: T[], request: PageRequest, query: ReturnType<typeof keysetQuery>): KeysetPage<T> {
  const more = rows.length > request.pageSize;
  const page = rows.slice(0, request.pageSize);
  if (query.backward) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const at = (row: T) => encodeCursor({ key: row.cursorKey, id: Number(row.id) });
  if (query.backward) {
    // Reading back reached the start of the list when no extra row came.
    return { rows: page, previous: more && first ? at(first) : null, next: last ? at(last) : null };
  }
  return { rows: page, previous: query.fromCursor && first ? at(first) : null, next: more && last ? at(last) : null };
}
