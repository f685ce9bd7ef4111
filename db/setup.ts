import { count, sql } from "drizzle-orm";
import { openDatabase, type DatabaseHandle, type Queryable } from "./client";
import { teams, users } from "./schema";
import { loadAdministrativeUnits } from "./units";
import { loadSampleHistory } from "../lib/dal/history-sample";
import { SCALES, seedDemo as seedDemoRecords, type SeedScale } from "./seed/demo";

/** Opens the configured database and brings it to the latest schema with today's units. */
export async function openMigrated(): Promise<DatabaseHandle> {
  const handle = await openDatabase({ url: process.env.DATABASE_URL || undefined });
  await handle.migrate();
  await loadAdministrativeUnits(handle.db);
  return handle;
}

export async function isEmpty(handle: DatabaseHandle): Promise<boolean> {
  const [t] = await handle.db.select({ n: count() }).from(teams);
  const [u] = await handle.db.select({ n: count() }).from(users);
  return t.n === 0 && u.n === 0;
}

/** Removes all recorded data (not the administrative units) before a fresh seed. */
export async function resetData(handle: DatabaseHandle): Promise<void> {
  await handle.db.execute(sql`TRUNCATE guidance_records, training_attendance, trainings, monthly_reports, members,
    teams, hamlets, audit_events, sign_in_throttle, users, settings, commune_stats, commune_affiliation_stats,
    commune_trained_month, guidance_commune_month, guidance_province_month, training_unit_month,
    training_topic_month, history_unit_figures, history_figures, history_imports RESTART IDENTITY CASCADE`);
  await loadAdministrativeUnits(handle.db);
}

/** Demo records, then the sample history before July 2025 loaded through the history importer. */
export async function seedDemo(db: Queryable, options: Parameters<typeof seedDemoRecords>[1] = {}) {
  await seedDemoRecords(db, options);
  await loadSampleHistory(db);
}

export { SCALES, type SeedScale };
