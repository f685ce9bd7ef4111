import { afterAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows, type DatabaseHandle } from "@/db/client";
import { SCALES, seedDemo } from "@/db/seed/demo";
import { createTestDatabase } from "../support/test-database";

const handles: DatabaseHandle[] = [];
afterAll(async () => {
  for (const h of handles) await h.close();
});

async function fingerprint(h: DatabaseHandle) {
  const tables = ["hamlets", "teams", "members", "trainings", "training_attendance", "guidance_records", "monthly_reports"];
  const out: Record<string, string> = {};
  for (const t of tables) {
    const [row] = await queryRows(
      h.db,
      sql.raw(`SELECT count(*)::int AS n, md5(string_agg(x::text, '|' ORDER BY x::text)) AS digest
        FROM (SELECT to_jsonb(r) - 'created_at' - 'updated_at' - 'submitted_at' - 'reviewed_at' AS x FROM ${t} r) s`),
    );
    out[t] = `${row.n}:${row.digest}`;
  }
  return out;
}

describe("demo seed", () => {
  it("produces the same rows from the same scale and date, with consistent roll-ups", async () => {
    const prints = [];
    for (let i = 0; i < 2; i++) {
      const h = await createTestDatabase();
      handles.push(h);
      await seedDemo(h.db, { scale: SCALES.small, anchor: "2026-11-29" });
      prints.push(await fingerprint(h));
    }
    expect(prints[0]).toEqual(prints[1]);
    expect(Number(prints[0].members.split(":")[0])).toBeGreaterThan(100);
    expect(await queryRows(handles[0].db, sql`SELECT * FROM rollup_differences()`)).toEqual([]);
    const [coverage] = await queryRows(handles[0].db, sql`SELECT
      (SELECT count(*)::int FROM users) AS users,
      (SELECT count(*)::int FROM commune_stats WHERE teams_active > 0 AND commune_code IN ('28756', '00004')) AS demo_communes,
      (SELECT count(*)::int FROM members WHERE position = 'leader' AND left_on IS NULL AND deleted_at IS NULL)
        = (SELECT count(DISTINCT team_id)::int FROM members WHERE position = 'leader' AND left_on IS NULL AND deleted_at IS NULL) AS one_leader`);
    expect(coverage).toEqual({ users: 5, demo_communes: 2, one_leader: true });
    // The dated history is built too: every team has a period and every member a membership.
    const [history] = await queryRows(handles[0].db, sql`SELECT
      (SELECT count(*)::int FROM teams t WHERE NOT EXISTS (SELECT 1 FROM team_periods p WHERE p.team_id = t.id)) AS teams_without,
      (SELECT count(*)::int FROM members m WHERE NOT EXISTS (SELECT 1 FROM memberships p WHERE p.member_id = m.id)) AS members_without,
      (SELECT count(*)::int FROM training_attendance WHERE commune_code IS NULL) AS attendance_without_place`);
    expect(history).toEqual({ teams_without: 0, members_without: 0, attendance_without_place: 0 });
    // Two seeds and their roll-ups on a shared two-core machine: the default minute is not enough.
  }, 300_000);
});
