import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { openDatabase, setDatabase, type DatabaseHandle } from "@/db/client";
import { loadAdministrativeUnits } from "@/db/units";

/** Opens a brand-new database on the server named by serverUrl; closing the handle drops it. */
async function openServerDatabase(serverUrl: string): Promise<DatabaseHandle> {
  const { default: postgres } = await import("postgres");
  const name = `cnscd_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const opened = await openDatabase({ url: url.toString() });
  return {
    ...opened,
    close: async () => {
      try {
        await opened.close();
        await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end({ timeout: 5 });
      }
    },
  };
}

/**
 * A fresh, migrated database with today's administrative units: a new database on the server
 * named by TEST_DATABASE_URL when set, otherwise an in-memory PGlite. It becomes the app's
 * database for the calling test file; closing it drops a server database.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const handle = serverUrl ? await openServerDatabase(serverUrl) : await openDatabase({ dataDir: "memory://" });
  try {
    await handle.migrate();
    await loadAdministrativeUnits(handle.db);
  } catch (error) {
    await handle.close().catch(() => {});
    throw error;
  }
  setDatabase(handle);
  return handle;
}

/** Gives the test file its own database for all its tests. */
export function setupTestDatabase() {
  let handle: DatabaseHandle | undefined;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
    setDatabase(undefined);
  });
  return {
    get handle() {
      return handle!;
    },
    get db() {
      return handle!.db;
    },
  };
}
