import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { queryRows, sql } from "@/db/client";
import { hamlets } from "@/db/schema";
import { rawUnitIndicators, unitIndicators } from "@/lib/dal/indicators";
import { AFFILIATIONS, TARGET_GROUPS } from "@/lib/domain/catalog";
import { addMonths, lastDayOfMonth, monthStart, vnToday } from "@/lib/domain/period";
import { nationalActor } from "../support/actors";
import { setupTestDatabase } from "../support/test-database";

/**
 * After any sequence of inserts, edits, soft deletes and restores of teams, members, trainings,
 * attendance, guidance records and monthly reports, the trigger-maintained roll-ups equal a
 * recomputation from raw rows, and so do the indicators read from them.
 */
const ctx = setupTestDatabase();
const COMMUNES = [
  { province: "86", commune: "28756" },
  { province: "86", commune: "28777" },
  { province: "01", commune: "00004" },
];
const thisMonth = monthStart(vnToday());
let hamletIds: { id: number; commune: string; province: string }[] = [];

const ids = async (table: string) =>
  (await queryRows<{ id: number }>(ctx.db, sql`SELECT id FROM ${sql.raw(table)} ORDER BY id`)).map((r) => Number(r.id));
const pick = <T,>(list: T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);
const month = (offset: number) => addMonths(thisMonth, -offset);
const period = { from: month(11), to: lastDayOfMonth(thisMonth) };
const day = (offset: number, d: number) => `${month(offset).slice(0, 8)}${String(1 + (d % 28)).padStart(2, "0")}`;

type Op = (i: number, j: number, k: number) => Promise<unknown>;

const ops: Record<string, Op> = {
  async insertTeam(i, j, k) {
    const c = COMMUNES[i % COMMUNES.length];
    const local = hamletIds.filter((h) => h.commune === c.commune);
    const hamlet = k % 3 === 0 ? null : (pick(local, j)?.id ?? null);
    await ctx.db.execute(sql`INSERT INTO teams (province_code, commune_code, hamlet_id, name) VALUES (${c.province}, ${c.commune}, ${hamlet}, ${`Tổ ${i}-${j}-${k}`})`);
  },
  async toggleTeamStatus(i) {
    const id = pick(await ids("teams"), i);
    if (id === undefined) return;
    await ctx.db.execute(sql`UPDATE teams SET status = CASE WHEN status = 'active' THEN 'dissolved'::team_status ELSE 'active'::team_status END,
      dissolved_on = CASE WHEN status = 'active' THEN current_date ELSE NULL END, version = version + 1 WHERE id = ${id}`);
  },
  async softDeleteOrRestoreTeam(i) {
    const id = pick(await ids("teams"), i);
    if (id === undefined) return;
    await ctx.db.execute(sql`UPDATE teams SET deleted_at = CASE WHEN deleted_at IS NULL THEN now() END WHERE id = ${id}`);
  },
  async insertMember(i, j, k) {
    const team = pick(await queryRows<{ id: number; province_code: string; commune_code: string }>(ctx.db, sql`SELECT id, province_code, commune_code FROM teams ORDER BY id`), i);
    if (!team) return;
    const affiliations = AFFILIATIONS.filter((_, n) => (j >> n) % 2 === 1).slice(0, 3);
    const gender = ["male", "female", "other"][k % 3];
    await ctx.db.execute(sql`INSERT INTO members (team_id, province_code, commune_code, full_name, gender, affiliations, left_on)
      VALUES (${team.id}, ${team.province_code}, ${team.commune_code}, ${`Người ${i}-${j}-${k}`}, ${gender}::gender,
              ${sql.raw(`ARRAY[${affiliations.map((a) => `'${a}'`).join(",")}]::text[]`)}, ${k % 7 === 0 ? day(1, k) : null})`);
  },
  async editMember(i, j, k) {
    const id = pick(await ids("members"), i);
    if (id === undefined) return;
    const affiliations = AFFILIATIONS.filter((_, n) => (j >> n) % 2 === 1).slice(0, 2);
    await ctx.db.execute(sql`UPDATE members SET gender = ${["male", "female", "other"][k % 3]}::gender,
      affiliations = ${sql.raw(`ARRAY[${affiliations.map((a) => `'${a}'`).join(",")}]::text[]`)},
      left_on = ${k % 4 === 0 ? day(0, k) : null} WHERE id = ${id}`);
  },
  async moveMember(i, j) {
    const id = pick(await ids("members"), i);
    const team = pick(await queryRows<{ id: number; province_code: string; commune_code: string }>(ctx.db, sql`SELECT id, province_code, commune_code FROM teams ORDER BY id`), j);
    if (id === undefined || !team) return;
    await ctx.db.execute(sql`UPDATE members SET team_id = ${team.id}, province_code = ${team.province_code}, commune_code = ${team.commune_code}, position = 'member' WHERE id = ${id}`);
  },
  async softDeleteOrRestoreMember(i) {
    const id = pick(await ids("members"), i);
    if (id === undefined) return;
    await ctx.db.execute(sql`UPDATE members SET deleted_at = CASE WHEN deleted_at IS NULL THEN now() END WHERE id = ${id}`);
  },
  async insertTraining(i, j, k) {
    const c = COMMUNES[i % COMMUNES.length];
    const level = ["national", "provincial", "commune"][k % 3];
    const topics = `ARRAY['vneid'${j % 2 ? ",'cashless'" : ""}]::text[]`;
    await ctx.db.execute(sql`INSERT INTO trainings (level, province_code, commune_code, title, topics, held_on, hours, format, outside_participants)
      VALUES (${level}::training_level, ${level === "national" ? null : c.province}, ${level === "commune" ? c.commune : null}, ${`Lớp ${i}`},
              ${sql.raw(topics)}, ${day(j % 14, k)}, 2, 'in_person', ${k % 5})`);
  },
  async moveOrDeleteTraining(i, j, k) {
    const id = pick(await ids("trainings"), i);
    if (id === undefined) return;
    if (k % 2) await ctx.db.execute(sql`UPDATE trainings SET held_on = ${day(j % 14, k)} WHERE id = ${id}`);
    else await ctx.db.execute(sql`UPDATE trainings SET deleted_at = CASE WHEN deleted_at IS NULL THEN now() END WHERE id = ${id}`);
  },
  async attend(i, j) {
    const training = pick(await queryRows<{ id: number; held_on: string }>(ctx.db, sql`SELECT id, held_on::text FROM trainings ORDER BY id`), i);
    const member = pick(await ids("members"), j);
    if (!training || member === undefined) return;
    await ctx.db.execute(sql`INSERT INTO training_attendance (training_id, member_id, held_on) VALUES (${training.id}, ${member}, ${training.held_on})
      ON CONFLICT DO NOTHING`);
  },
  async unattend(i) {
    const row = pick(await queryRows<{ training_id: number; member_id: number }>(ctx.db, sql`SELECT training_id, member_id FROM training_attendance ORDER BY 1, 2`), i);
    if (!row) return;
    await ctx.db.execute(sql`DELETE FROM training_attendance WHERE training_id = ${row.training_id} AND member_id = ${row.member_id}`);
  },
  async insertGuidance(i, j, k) {
    const team = pick(await queryRows<{ id: number; province_code: string; commune_code: string }>(ctx.db, sql`SELECT id, province_code, commune_code FROM teams ORDER BY id`), i);
    if (!team) return;
    const guided = 1 + (j % 40);
    await ctx.db.execute(sql`INSERT INTO guidance_records (team_id, province_code, commune_code, guided_on, skill, target_group, households_visited, people_guided, people_completed)
      VALUES (${team.id}, ${team.province_code}, ${team.commune_code}, ${day(k % 15, j)}, ${1 + (k % 5)}, ${TARGET_GROUPS[j % TARGET_GROUPS.length]}::target_group,
              ${k % 9}, ${guided}, ${Math.min(guided, k % 30)})`);
  },
  async editGuidance(i, j, k) {
    const id = pick(await ids("guidance_records"), i);
    if (id === undefined) return;
    await ctx.db.execute(sql`UPDATE guidance_records SET guided_on = ${day(j % 15, k)}, skill = ${1 + (j % 5)}, people_guided = ${10 + k},
      people_completed = ${k % 10} WHERE id = ${id}`);
  },
  async softDeleteOrRestoreGuidance(i) {
    const id = pick(await ids("guidance_records"), i);
    if (id === undefined) return;
    await ctx.db.execute(sql`UPDATE guidance_records SET deleted_at = CASE WHEN deleted_at IS NULL THEN now() END WHERE id = ${id}`);
  },
  async insertHamlet(i, j) {
    const c = COMMUNES[i % COMMUNES.length];
    const [h] = await ctx.db.insert(hamlets).values({ provinceCode: c.province, communeCode: c.commune, name: `Ấp ${i}-${j}-${hamletIds.length}`, kind: "ap" }).returning();
    hamletIds.push({ id: h.id, commune: c.commune, province: c.province });
  },
  async softDeleteOrRestoreHamlet(i) {
    const h = pick(hamletIds, i);
    if (!h) return;
    await ctx.db.execute(sql`UPDATE hamlets SET deleted_at = CASE WHEN deleted_at IS NULL THEN now() END WHERE id = ${h.id}`);
  },
  async report(i, j, k) {
    const c = COMMUNES[i % COMMUNES.length];
    const status = ["open", "submitted", "approved", "returned"][k % 4];
    const submitted = status === "submitted" || status === "approved";
    await ctx.db.execute(sql`INSERT INTO monthly_reports (commune_code, province_code, month, status, submitted_at, submitted_late)
      VALUES (${c.commune}, ${c.province}, ${month(1 + (j % 12))}, ${status}::report_status, ${submitted ? sql`now()` : null}, ${submitted ? k % 3 === 0 : null})
      ON CONFLICT (commune_code, month) DO UPDATE SET status = EXCLUDED.status, submitted_at = EXCLUDED.submitted_at, submitted_late = EXCLUDED.submitted_late`);
  },
};

const opArb = fc.tuple(fc.constantFrom(...Object.keys(ops)), fc.nat(1000), fc.nat(1000), fc.nat(1000));

/** Only the unique rules may refuse a random write (a second active team for a hamlet); it changes nothing. */
function ignoreDuplicate(error: unknown) {
  if (!/duplicate key value violates unique constraint/.test(String((error as Error).cause ?? error))) throw error;
}

async function differences() {
  return queryRows(ctx.db, sql`SELECT * FROM rollup_differences()`);
}

/** Each run starts from a few hamlets and nothing else, so that a failure shrinks to a short sequence. */
async function reset() {
  await ctx.db.execute(sql`TRUNCATE training_attendance, trainings, guidance_records, members, teams, hamlets, monthly_reports RESTART IDENTITY CASCADE`);
  await ctx.db.execute(sql`SELECT rebuild_rollups()`);
  hamletIds = [];
  for (let n = 0; n < 4; n++) await ops.insertHamlet(n, n, n);
}

describe("roll-ups under random writes", () => {

  it("equal a recomputation from raw rows after every sequence of writes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 30 }), async (sequence) => {
        await reset();
        await unitIndicators(nationalActor(), "86", period);
        for (const [name, i, j, k] of sequence) await ops[name](i, j, k).catch(ignoreDuplicate);
        expect(await differences()).toEqual([]);
        // Figures read before the writes must not be served again once the roll-ups changed.
        expect({ ...(await unitIndicators(nationalActor(), "86", period)), as_of: null }).toEqual({
          ...(await rawUnitIndicators(nationalActor(), "86", period)),
          as_of: null,
        });
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it("serve new figures at every level after guidance writes alone", async () => {
    await reset();
    for (const [i, j, k] of [[0, 0, 1], [1, 1, 2]]) await ops.insertTeam(i, j, k);
    const codes = ["VN", "86", "28756"];
    const same = async () => {
      for (const code of codes) {
        const fast = await unitIndicators(nationalActor(), code, period);
        expect({ ...fast, as_of: null }).toEqual({ ...(await rawUnitIndicators(nationalActor(), code, period)), as_of: null });
      }
    };
    await same();
    // Each step touches guidance_records only: an insert, an edit, a soft delete.
    await ops.insertGuidance(0, 7, 3);
    await same();
    await ops.editGuidance(0, 2, 4);
    await same();
    await ops.softDeleteOrRestoreGuidance(0, 0, 0);
    await same();
  });

  it("give the same indicators as raw rows at every level", async () => {
    await reset();
    for (const code of ["VN", "86", "28756", "00004"]) await unitIndicators(nationalActor(), code, period);
    const [sequence] = fc.sample(fc.array(opArb, { minLength: 150, maxLength: 150 }), { numRuns: 1, seed: 6 });
    for (const [name, i, j, k] of [...sequence, ["attend", 0, 0, 0], ["attend", 1, 1, 1], ["attend", 2, 3, 0]] as const) {
      await ops[name](i, j, k).catch(ignoreDuplicate);
    }
    const [written] = await queryRows<{ teams: number; members: number; trainings: number; attendance: number; guidance: number }>(
      ctx.db,
      sql`SELECT (SELECT count(*) FROM teams)::int AS teams, (SELECT count(*) FROM members)::int AS members,
        (SELECT count(*) FROM trainings)::int AS trainings, (SELECT count(*) FROM training_attendance)::int AS attendance,
        (SELECT count(*) FROM guidance_records)::int AS guidance`,
    );
    for (const n of Object.values(written)) expect(n).toBeGreaterThan(0);
    for (const code of ["VN", "86", "28756", "00004"]) {
      const fast = await unitIndicators(nationalActor(), code, period);
      const raw = await rawUnitIndicators(nationalActor(), code, period);
      expect({ ...fast, as_of: null }).toEqual({ ...raw, as_of: null });
    }
  });
});
