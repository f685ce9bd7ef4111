import path from "node:path";
import { mkdirSync } from "node:fs";
import { sql, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Anything that runs queries: the database or a transaction inside it. */
export type Queryable = Database | Transaction;
export type DatabaseKind = "pglite" | "postgres";

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

export function dataDirectory(): string {
  return path.resolve(process.env.DATA_DIR ?? path.join(process.cwd(), ".data"));
}

/**
 * Opens PostgreSQL through postgres.js when a URL is given, otherwise an embedded PGlite
 * database: in memory when dataDir is "memory://", else persisted in dataDir.
 */
export async function openDatabase(options: { url?: string; dataDir?: string } = {}): Promise<DatabaseHandle> {
  if (options.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    const client = postgres(options.url, {
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      onnotice: () => {},
      types: { bigint: postgres.BigInt },
    });
    const db = drizzle({ client, schema, casing: "snake_case" });
    return {
      db: db as unknown as Database,
      kind: "postgres",
      migrate: () => migrate(db, { migrationsFolder: MIGRATIONS_FOLDER }),
      close: () => client.end({ timeout: 5 }),
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { unaccent } = await import("@electric-sql/pglite/contrib/unaccent");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const dir = options.dataDir ?? path.join(dataDirectory(), "pgdata");
  if (!dir.startsWith("memory://")) mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir, { extensions: { unaccent, pg_trgm } });
  const db = drizzle({ client, schema, casing: "snake_case" });
  return {
    db: db as unknown as Database,
    kind: "pglite",
    migrate: () => migrate(db, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => client.close(),
  };
}

const globalForDb = globalThis as unknown as { __cnscdDb?: Promise<DatabaseHandle> };

/**
 * The process-wide database. Kept on globalThis so that hot reloads in development reuse the one
 * PGlite instance instead of opening the data directory twice.
 */
export function getDatabase(): Promise<DatabaseHandle> {
  globalForDb.__cnscdDb ??= (async () => {
    const handle = await openDatabase({ url: process.env.DATABASE_URL || undefined });
    if (handle.kind === "pglite") await handle.migrate();
    return handle;
  })();
  return globalForDb.__cnscdDb;
}

/** Replaces the process-wide database (tests give each file its own). */
export function setDatabase(handle: DatabaseHandle | undefined): void {
  globalForDb.__cnscdDb = handle ? Promise.resolve(handle) : undefined;
}

/** Rows of a raw query, whichever driver ran it. */
export async function queryRows<T extends Record<string, unknown>>(q: Queryable, query: SQL): Promise<T[]> {
  const result = (await q.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export { sql };
