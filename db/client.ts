import path from "node:path";
import { mkdirSync } from "node:fs";
import { sql, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";
import { COMMIT_CHANNEL, bumpGeneration, publishCommit, trackTransaction } from "./commit-signal";
import { ReplicaSet, parseLsn } from "./replicas";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Anything that runs queries: the database or a transaction inside it. */
export type Queryable = Database | Transaction;
export type DatabaseKind = "pglite" | "postgres";

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  /** Streaming replicas for reads that may lag a moment (null without `DATABASE_REPLICA_URL`). */
  replicas: ReplicaSet | null;
  /** Publishes a change that committed outside a transaction of `db` (an autocommitted statement). */
  signalCommit(userIds: number[]): Promise<void>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

export function dataDirectory(): string {
  return path.resolve(process.env.DATA_DIR ?? path.join(process.cwd(), ".data"));
}

/** A positive integer from the environment, or the default. */
function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** How the PostgreSQL connections are sized and where they go, from the environment. */
export function postgresSettings(env: NodeJS.ProcessEnv = process.env) {
  const poolSize = positiveInt(env.DATABASE_POOL_SIZE, 10);
  return {
    poolSize,
    replicaUrls: (env.DATABASE_REPLICA_URL ?? "")
      .split(",")
      .map((u) => u.trim())
      .filter(Boolean),
    replicaPoolSize: positiveInt(env.DATABASE_REPLICA_POOL_SIZE, poolSize),
    /** LISTEN holds a session, so it needs a direct connection when DATABASE_URL goes through PgBouncer. */
    listenUrl: env.DATABASE_LISTEN_URL || env.DATABASE_URL,
    /** PgBouncer before 1.21 in transaction mode cannot keep named prepared statements. */
    prepare: env.DATABASE_PREPARED_STATEMENTS !== "false",
    replicaCheckMs: positiveInt(env.DATABASE_REPLICA_CHECK_MS, 200),
    replicaMaxLagMs: positiveInt(env.DATABASE_REPLICA_MAX_LAG_MS, 5000),
  };
}

/** Reports each committed transaction of `db` that wrote something (see `db/commit-signal.ts`). */
function trackCommits(db: Database, signal: (userIds: number[]) => Promise<void>): void {
  const transaction = db.transaction.bind(db);
  db.transaction = ((run, config) => trackTransaction(() => transaction(run, config), signal)) as Database["transaction"];
}

interface OpenOptions {
  url?: string;
  dataDir?: string;
  /** Replica URLs; defaults to none (the app's database passes `DATABASE_REPLICA_URL`). */
  replicaUrls?: string[];
  /** Listen for other processes' commits (the app's database does; scripts and tests need not). */
  listenUrl?: string;
}

/**
 * Opens PostgreSQL through postgres.js when a URL is given, otherwise an embedded PGlite
 * database: in memory when dataDir is "memory://", else persisted in dataDir.
 */
export async function openDatabase(options: OpenOptions = {}): Promise<DatabaseHandle> {
  if (options.url) return openPostgres(options.url, options);
  const { PGlite } = await import("@electric-sql/pglite");
  const { unaccent } = await import("@electric-sql/pglite/contrib/unaccent");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const dir = options.dataDir ?? path.join(dataDirectory(), "pgdata");
  if (!dir.startsWith("memory://")) mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir, { extensions: { unaccent, pg_trgm } });
  const db = drizzle({ client, schema, casing: "snake_case" }) as unknown as Database;
  // One process owns an embedded database, so the in-process signal reaches every reader.
  const signalCommit = (userIds: number[]) => publishCommit({ userIds, lsn: null, local: true });
  trackCommits(db, signalCommit);
  return {
    db,
    kind: "pglite",
    replicas: null,
    signalCommit,
    migrate: () => migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => client.close(),
  };
}

async function openPostgres(url: string, options: OpenOptions): Promise<DatabaseHandle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const settings = postgresSettings();
  const connect = (target: string, max: number, extra: Record<string, unknown> = {}) =>
    postgres(target, { max, prepare: settings.prepare, onnotice: () => {}, types: { bigint: postgres.BigInt }, ...extra });
  const client = connect(url, settings.poolSize);
  const db = drizzle({ client, schema, casing: "snake_case" }) as unknown as Database;
  const origin = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;

  const replicaClients = (options.replicaUrls ?? []).map((replicaUrl) => connect(replicaUrl, settings.replicaPoolSize, { connect_timeout: 2 }));
  const replicas = replicaClients.length
    ? new ReplicaSet({
        checkMs: settings.replicaCheckMs,
        maxLagMs: settings.replicaMaxLagMs,
        primaryLsn: async () => (await client`SELECT pg_current_wal_insert_lsn()::text AS lsn`)[0].lsn as string,
        replicas: replicaClients.map((replica, i) => ({
          name: `replica ${i + 1}`,
          db: drizzle({ client: replica, schema, casing: "snake_case" }) as unknown as Database,
          replayLsn: async () => (await replica`SELECT pg_last_wal_replay_lsn()::text AS lsn`)[0].lsn as string | null,
        })),
      })
    : null;

  /** After a commit: drop cached figures now, and again once the replicas have replayed it. */
  const settle = (lsn: string | null) => {
    const position = parseLsn(lsn);
    if (replicas && position !== null) {
      void replicas.check();
      void replicas.caughtUp(position).then(bumpGeneration);
    }
  };

  const signalCommit = async (userIds: number[]) => {
    let lsn: string | null = null;
    try {
      // Sent after the commit; the insert position is past the commit record, so a replica that has
      // replayed it holds the change. The write position is not: with asynchronous commit the
      // commit record may still wait in the WAL buffers, before what has been written out.
      const [row] = await client`SELECT x.lsn, pg_notify(${COMMIT_CHANNEL}, json_build_object('o', ${origin}::text, 'l', x.lsn)::text)
        FROM (SELECT pg_current_wal_insert_lsn()::text AS lsn) x`;
      lsn = row.lsn as string;
    } catch (error) {
      console.error("could not announce a commit to the other servers", error);
    }
    await publishCommit({ userIds, lsn, local: true });
    settle(lsn);
  };
  trackCommits(db, signalCommit);

  let listener: ReturnType<typeof postgres> | null = null;
  if (options.listenUrl) {
    listener = postgres(options.listenUrl, { max: 1, onnotice: () => {} });
    listener
      .listen(
        COMMIT_CHANNEL,
        (payload) => {
          let message: { o?: string; l?: string } = {};
          try {
            message = JSON.parse(payload);
          } catch {
            // A notification from elsewhere still means data changed.
          }
          if (message.o === origin) return;
          void publishCommit({ userIds: [], lsn: message.l ?? null, local: false });
          settle(message.l ?? null);
        },
        // Notifications sent while the connection was down are lost: treat every (re)connection as a change.
        bumpGeneration,
      )
      .catch((error) => console.error("could not listen for commits of the other servers", error));
  }
  if (replicas) await replicas.start();

  return {
    db,
    kind: "postgres",
    replicas,
    signalCommit,
    migrate: () => migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: async () => {
      replicas?.stop();
      await Promise.all([client.end({ timeout: 5 }), listener?.end({ timeout: 5 }), ...replicaClients.map((r) => r.end({ timeout: 5 }))]);
    },
  };
}

const globalForDb = globalThis as unknown as { __cnscdDb?: Promise<DatabaseHandle> };

/**
 * The process-wide database. Kept on globalThis so that hot reloads in development reuse the one
 * PGlite instance instead of opening the data directory twice.
 */
export function getDatabase(): Promise<DatabaseHandle> {
  globalForDb.__cnscdDb ??= (async () => {
    const url = process.env.DATABASE_URL || undefined;
    const settings = postgresSettings();
    const handle = await openDatabase({ url, replicaUrls: settings.replicaUrls, listenUrl: url && settings.listenUrl });
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
