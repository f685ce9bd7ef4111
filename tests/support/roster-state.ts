import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";

/**
 * Every member row, membership period, roster span and roll-up row, without the columns that only
 * say when or how often a row was written; roll-up rows that add nothing are left out.
 */
export async function rosterState(db: Database, communeCode: string): Promise<string> {
  const rows = await queryRows(
    db,
    sql`SELECT id, team_id, province_code, commune_code, full_name, gender, birth_year, phone, position, affiliations, joined_on, left_on,
          team_active, last_trained_on, search_key, created_at, deleted_at FROM members ORDER BY id`,
  );
  const memberships = await queryRows(db, sql`SELECT * FROM memberships ORDER BY member_id, started_on`);
  const spans = await queryRows(db, sql`SELECT * FROM roster_spans ORDER BY kind, entity, started_on`);
  const counts = sql.raw(`(teams, communes, hamlets, members, male, female, trained, owed, submitted, on_time) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)`);
  const days = await queryRows(db, sql`SELECT * FROM roster_day WHERE ${counts} ORDER BY 1, 2`);
  const months = await queryRows(db, sql`SELECT * FROM roster_month WHERE ${counts} ORDER BY 1, 2`);
  const affDays = await queryRows(db, sql`SELECT * FROM roster_affiliation_day WHERE members <> 0 ORDER BY 1, 2, 3`);
  const affMonths = await queryRows(db, sql`SELECT * FROM roster_affiliation_month WHERE members <> 0 ORDER BY 1, 2, 3`);
  const stats = await queryRows(db, sql`SELECT * FROM commune_stats WHERE commune_code = ${communeCode}`);
  const affiliations = await queryRows(db, sql`SELECT commune_code, affiliation, members FROM commune_affiliation_stats WHERE members <> 0 ORDER BY 1, 2`);
  const trained = await queryRows(db, sql`SELECT commune_code, month, members FROM commune_trained_month WHERE members <> 0 ORDER BY 1, 2`);
  return JSON.stringify({ rows, memberships, spans, days, months, affDays, affMonths, stats: stats.map(({ updated_at: _, ...rest }) => rest), affiliations, trained });
}

/** Roll-up rows that differ from a recomputation from the members, teams, spans and trainings themselves. */
export function rollupDifferences(db: Database) {
  return queryRows(db, sql`SELECT * FROM rollup_differences()`);
}
