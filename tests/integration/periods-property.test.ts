import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { queryRows, sql } from "@/db/client";
import { rawUnitIndicators, unitIndicators, type UnitIndicators } from "@/lib/dal/indicators";
import { addMonths, lastDayOfMonth, monthStart, vnToday } from "@/lib/domain/period";
import { nationalActor } from "../support/actors";
import { setupTestDatabase } from "../support/test-database";

/**
 * A closed month keeps its figures: record every indicator of month M for the country, a
 * province and a commune, apply a random sequence of writes dated after M (moves, dissolutions
 * and reactivations, new teams, new trainings and attendance, report submissions, removals and
 * restores), and the figures of M are unchanged while the roll-ups still equal a recomputation
 * from raw rows. The sequence "attend, then move to another commune, then edit the training"
 * is always part of it.
 */
const ctx = setupTestDatabase();
const today = vnToday();
const M = addMonths(monthStart(today), -3);
const closed = { from: M, to: lastDayOfMonth(M) };
const current = { from: addMonths(monthStart(today), -11), to: lastDayOfMonth(monthStart(today)) };
const UNITS = ["VN", "86", "28756"];
const COMMUNES = [
  { province: "86", commune: "28756" },
  { province: "86", commune: "28777" },
  { province: "01", commune: "00004" },
];
/** A day after M and not after today, chosen by n. */
function after(n: number): string {
  const first = Date.parse(`${addMonths(M, 1)}T00:00:00Z`);
  const span = Math.max(1, Math.round((Date.parse(`${today}T00:00:00Z`) - first) / 86400_000) + 1);
  return new Date(first + (n % span) * 86400_000).toISOString().slice(0, 10);
}
const inM = (d: number) => `${M.slice(0, 8)}${String(1 + (d % 28)).padStart(2, "0")}`;
const pick = <T,>(list: T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);
const rows = <T extends Record<string, unknown>>(q: ReturnType<typeof sql>) => queryRows<T>(ctx.db, q);
type Team = { id: number; province_code: string; commune_code: string };
const teamsOf = () => rows<Team>(sql`SELECT id, province_code, commune_code FROM teams WHERE deleted_at IS NULL ORDER BY id`);
const memberIds = async () => (await rows<{ id: number }>(sql`SELECT id FROM members ORDER BY id`)).map((r) => Number(r.id));
/** Trainings dated after M (editing those before M would change M legitimately). */
const laterTrainings = () => rows<{ id: number; held_on: string }>(sql`SELECT id, held_on::text FROM trainings WHERE held_on > ${closed.to}::date ORDER BY id`);

async function move(memberId: number, teamIndex: number) {
  const all = await teamsOf();
  const [m] = await rows<{ commune_code: string }>(sql`SELECT commune_code FROM members WHERE id = ${memberId}`);
  const elsewhere = all.filter((t) => t.commune_code !== m.commune_code);
  const team = pick(elsewhere, teamIndex);
  if (!team) return;
  await ctx.db.execute(sql`UPDATE members SET team_id = ${team.id}, province_code = ${team.province_code}, commune_code = ${team.commune_code},
    position = 'member', version = version + 1 WHERE id = ${memberId}`);
}

const ops: Record<string, (i: number, j: number, k: number) => Promise<unknown>> = {
  async newTeam(i, j) {
    const c = COMMUNES[i % COMMUNES.length];
    await ctx.db.execute(sql`INSERT INTO teams (province_code, commune_code, name, established_on) VALUES (${c.province}, ${c.commune}, ${`Tổ mới ${i}-${j}`}, ${after(j)})`);
  },
  async newMember(i, j, k) {
    const team = pick(await teamsOf(), i);
    if (!team) return;
    await ctx.db.execute(sql`INSERT INTO members (team_id, province_code, commune_code, full_name, gender, affiliations, joined_on)
      VALUES (${team.id}, ${team.province_code}, ${team.commune_code}, ${`Người mới ${i}-${j}`}, ${k % 2 ? "male" : "female"}::gender, ARRAY['youth_union'], ${after(j)})`);
  },
  async dissolveOrReactivate(i, j) {
    const team = pick(await rows<{ id: number; status: string }>(sql`SELECT id, status FROM teams WHERE deleted_at IS NULL ORDER BY id`), i);
    if (!team) return;
    if (team.status === "active") await ctx.db.execute(sql`UPDATE teams SET status = 'dissolved', dissolved_on = ${after(j)} WHERE id = ${team.id}`);
    else await ctx.db.execute(sql`UPDATE teams SET status = 'active', dissolved_on = NULL WHERE id = ${team.id}`);
  },
  async moveMember(i, j) {
    const id = pick(await memberIds(), i);
    if (id !== undefined) await move(id, j);
  },
  async leave(i, j) {
    // A member who joined after M leaves on or after the day they joined.
    const id = pick(await memberIds(), i);
    if (id !== undefined) await ctx.db.execute(sql`UPDATE members SET left_on = GREATEST(${after(j)}::date, joined_on) WHERE id = ${id} AND left_on IS NULL AND deleted_at IS NULL`);
  },
  async removeOrRestoreMember(i) {
    const [m] = await rows<{ id: number }>(sql`SELECT id FROM members ORDER BY id OFFSET ${i % 7} LIMIT 1`);
    if (m) await ctx.db.execute(sql`UPDATE members SET deleted_at = CASE WHEN deleted_at IS NULL THEN now() END WHERE id = ${m.id}`);
  },
  async removeOrRestoreTeam(i) {
    const [t] = await rows<{ id: number }>(sql`SELECT id FROM teams ORDER BY id OFFSET ${i % 5} LIMIT 1`);
    if (t) await ctx.db.execute(sql`UPDATE teams SET deleted_at = CASE WHEN deleted_at IS NULL THEN now() END WHERE id = ${t.id}`);
  },
  async newTraining(i, j) {
    const c = COMMUNES[i % COMMUNES.length];
    await ctx.db.execute(sql`INSERT INTO trainings (level, province_code, commune_code, title, held_on, hours, format)
      VALUES ('commune', ${c.province}, ${c.commune}, ${`Lớp ${i}-${j}`}, ${after(j)}, 2, 'in_person')`);
  },
  async attend(i, j) {
    const training = pick(await laterTrainings(), i);
    const member = pick(await memberIds(), j);
    if (!training || member === undefined) return;
    await ctx.db.execute(sql`INSERT INTO training_attendance (training_id, member_id, held_on) VALUES (${training.id}, ${member}, ${training.held_on}) ON CONFLICT DO NOTHING`);
  },
  async editOrRemoveTraining(i, j, k) {
    const training = pick(await laterTrainings(), i);
    if (!training) return;
    if (k % 3 === 0) await ctx.db.execute(sql`UPDATE trainings SET deleted_at = CASE WHEN deleted_at IS NULL THEN now() END WHERE id = ${training.id}`);
    else await ctx.db.execute(sql`UPDATE trainings SET title = ${`Sửa ${j}`}, held_on = ${after(j)}, version = version + 1 WHERE id = ${training.id}`);
  },
  async submitLaterReport(i, j, k) {
    const c = COMMUNES[i % COMMUNES.length];
    const monthAfter = addMonths(M, 1 + (j % 3));
    await ctx.db.execute(sql`INSERT INTO monthly_reports (commune_code, province_code, month, status, submitted_at, submitted_late)
      VALUES (${c.commune}, ${c.province}, ${monthAfter}, 'submitted', now(), ${k % 2 === 0})
      ON CONFLICT (commune_code, month) DO UPDATE SET status = 'submitted', submitted_at = now(), submitted_late = EXCLUDED.submitted_late`);
  },
};

/** Attend a training after M, move to another commune, then edit the training. */
async function attendMoveEdit(i: number) {
  await ops.newTraining(i, i + 3, 0);
  const [training] = await rows<{ id: number; held_on: string }>(sql`SELECT id, held_on::text FROM trainings ORDER BY id DESC LIMIT 1`);
  const member = pick(await rows<{ id: number }>(sql`SELECT id FROM members WHERE deleted_at IS NULL ORDER BY id`), i);
  if (!member) return;
  await ctx.db.execute(sql`INSERT INTO training_attendance (training_id, member_id, held_on) VALUES (${training.id}, ${member.id}, ${training.held_on})`);
  await move(Number(member.id), i + 1);
  await ctx.db.execute(sql`UPDATE trainings SET title = 'Lớp đã sửa', held_on = ${after(i + 9)} WHERE id = ${training.id}`);
}

/** Teams founded before M (one dissolved before M), members with trainings and reports in and before M. */
async function reset() {
  await ctx.db.execute(sql`TRUNCATE training_attendance, trainings, guidance_records, members, teams, hamlets, monthly_reports RESTART IDENTITY CASCADE`);
  await ctx.db.execute(sql`SELECT rebuild_rollups()`);
  const founded = addMonths(M, -14);
  for (const [n, c] of COMMUNES.entries()) {
    // Ids come back from each insert: on PostgreSQL consecutive queries may run on different pooled connections.
    const [team] = await rows<{ id: number }>(
      sql`INSERT INTO teams (province_code, commune_code, name, established_on) VALUES (${c.province}, ${c.commune}, ${`Tổ ${n}`}, ${founded}) RETURNING id`,
    );
    await ctx.db.execute(sql`INSERT INTO members (team_id, province_code, commune_code, full_name, gender, affiliations, joined_on)
      SELECT ${team.id}::int, ${c.province}, ${c.commune}, 'Thành viên ' || g, (CASE WHEN g % 2 = 0 THEN 'male' ELSE 'female' END)::gender,
        ARRAY[(ARRAY['youth_union', 'women_union', 'teacher'])[1 + g % 3]], ${founded}::date + g
      FROM generate_series(1, 4) g`);
    const [training] = await rows<{ id: number }>(sql`INSERT INTO trainings (level, province_code, commune_code, title, held_on, hours, format)
      VALUES ('commune', ${c.province}, ${c.commune}, 'Lớp trong tháng', ${inM(n * 5)}, 2, 'in_person') RETURNING id`);
    await ctx.db.execute(sql`INSERT INTO training_attendance (training_id, member_id, held_on)
      SELECT ${training.id}::int, id, ${inM(n * 5)} FROM members WHERE commune_code = ${c.commune} AND id % 2 = 0`);
    await ctx.db.execute(sql`INSERT INTO monthly_reports (commune_code, province_code, month, status, submitted_at, submitted_late)
      VALUES (${c.commune}, ${c.province}, ${addMonths(M, -1)}, 'approved', now(), false)`);
  }
  await ctx.db.execute(sql`INSERT INTO teams (province_code, commune_code, name, established_on, status, dissolved_on)
    VALUES ('86', '28777', 'Tổ đã giải thể', ${addMonths(M, -10)}, 'dissolved', ${addMonths(M, -2)})`);
}

const opArb = fc.tuple(fc.constantFrom(...Object.keys(ops)), fc.nat(1000), fc.nat(1000), fc.nat(1000));
const withoutReadTime = (x: UnitIndicators) => ({ ...x, as_of: null });

describe("a closed month under later writes", () => {
  it("keeps every figure of the month, and the roll-ups equal a recomputation from raw rows", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 20 }), fc.nat(20), async (sequence, at) => {
        await reset();
        const before = await Promise.all(UNITS.map((u) => unitIndicators(nationalActor(), u, closed)));
        expect(before[0].indicators).toMatchObject({ teams_active: 3, members_active: 12, reports_expected: 3 });
        const all = [...sequence];
        all.splice(at % (all.length + 1), 0, ["attendMoveEdit", at, 0, 0]);
        for (const [name, i, j, k] of all) {
          if (name === "attendMoveEdit") await attendMoveEdit(i);
          else await ops[name](i, j, k);
        }
        const afterwards = await Promise.all(UNITS.map((u) => unitIndicators(nationalActor(), u, closed)));
        expect(afterwards.map(withoutReadTime)).toEqual(before.map(withoutReadTime));
        expect(await queryRows(ctx.db, sql`SELECT * FROM rollup_differences()`)).toEqual([]);
        for (const [u, period] of [["86", closed], ["VN", current], ["28777", current]] as const) {
          expect(withoutReadTime(await unitIndicators(nationalActor(), u, period))).toEqual(withoutReadTime(await rawUnitIndicators(nationalActor(), u, period)));
        }
      }),
      { numRuns: 12 },
    );
  }, 600_000);
});
