import { openMigrated } from "../db/setup";

const handle = await openMigrated();
console.log(`Migrated the ${handle.kind} database and loaded the administrative units.`);
await handle.close();
