import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { isEmpty, openMigrated, resetData, SCALES, seedDemo } from "../db/setup";

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "demo" },
    anchor: { type: "string" },
    reset: { type: "boolean", default: false },
  },
});
const scale = SCALES[values.scale as keyof typeof SCALES];
if (!scale) {
  console.error(`Unknown scale "${values.scale}". Use one of: ${Object.keys(SCALES).join(", ")}.`);
  process.exit(2);
}
if (scale.name === "national" && !process.env.DATABASE_URL) {
  console.error("The national scale needs a PostgreSQL server: set DATABASE_URL.");
  process.exit(2);
}
const handle = await openMigrated();
if (!(await isEmpty(handle))) {
  if (!values.reset) {
    console.error("The database already holds data. Run with --reset to replace it with demo data.");
    await handle.close();
    process.exit(1);
  }
  await resetData(handle);
}
const started = Date.now();
await seedDemo(handle.db, { scale, anchor: values.anchor });
if (handle.kind === "postgres") {
  // Bulk-loaded tables start without a visibility map; do what autovacuum would do on a live server.
  const vacuumStarted = Date.now();
  await handle.db.execute(sql`VACUUM (ANALYZE)`);
  console.log(`Vacuumed and analysed in ${((Date.now() - vacuumStarted) / 1000).toFixed(1)} s.`);
}
console.log(`Seeded ${scale.name} data into the ${handle.kind} database in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
await handle.close();
