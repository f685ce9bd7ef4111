import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { openDatabase, setDatabase, type DatabaseHandle } from "@/db/client";
import { loadAdministrativeUnits } from "@/db/units";

/**
 * A fresh, migrated database with today's administrative units: a new database on the server
 * named by TEST_DATABASE_URL when set, otherwise an in-memory PGlite. It becomes the app's
 * database for the calling test file; closing it drops a server database.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let handle: DatabaseHandle;
  if (serverUrl) {
    const { default: postgres } = await import("postgres");
    const name = `cnscd_test_${process.pid}_${randomBytes(4).toString("hex")}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const opened = await openDatabase({ url: url.toString() });
    handle = {
      ...opened,
      close: async () => {
        await opened.close();
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  } else {
    handle = await openDatabase({ dataDir: "memory://" });
  }
  await handle.migrate();
  await loadAdministrativeUnits(handle.db);
  setDatabase(handle);
  return handle;
}

/** Gives the test file its own database for all its tests. */
export function useTestDatabase() {
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
