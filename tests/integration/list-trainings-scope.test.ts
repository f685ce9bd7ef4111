import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { hamlets, members, teams, users } from "@/db/schema";
import type { Actor } from "@/lib/dal/actor";
import { NotFoundError } from "@/lib/dal/errors";
import { createTraining, getTraining, getTrainingForEdit, listTrainings, removeTraining, updateTraining } from "@/lib/dal/trainings";
import { vnToday } from "@/lib/domain/period";
import { trainingListSchema, type TrainingCreateInput } from "@/lib/validation/trainings";
import { communeActor } from "../support/actors";
import { seedRosterActors } from "../support/rosters-fixtures";
import { setupTestDatabase } from "../support/test-database";

/**
 * Which trainings each role sees, as attendance, rosters and trainings change: the list and the
 * detail must show exactly the set the visibility rule gives when evaluated from raw rows (own
 * unit's trainings, plus trainings organised above the unit that its current members attended),
 * and the reach table the rule reads must equal its recomputation after every write.
 */
const ctx = setupTestDatabase();
let actors: Record<"nat" | "vinhLong" | "haNoi" | "phuKhuong" | "otherCommune" | "baDinh", Actor>;
const member: Record<string, number> = {};
const team: Record<string, number> = {};
let neighbourCode: string;

const nat = () => actors.nat;
const vinhLong = () => actors.vinhLong;
const haNoi = () => actors.haNoi;
const phuKhuong = () => actors.phuKhuong;
const baDinh = () => actors.baDinh;
const neighbour = () => actors.otherCommune;
const everyone = () => [nat(), vinhLong(), haNoi(), phuKhuong(), baDinh(), neighbour()];

/** The visibility rule evaluated from raw rows, written out independently of the data-access layer. */
async function expectedVisible(actor: Actor): Promise<number[]> {
  const attendedFrom = (column: "province_code" | "commune_code", code: string) =>
    sql`EXISTS (SELECT 1 FROM training_attendance ta JOIN members m ON m.id = ta.member_id
                WHERE ta.training_id = t.id AND ${sql.raw(`m.${column}`)} = ${code})`;
  const scope =
    actor.role === "national"
      ? sql`TRUE`
      : actor.role === "provincial"
        ? sql`t.province_code = ${actor.provinceCode} OR (t.level = 'national' AND ${attendedFrom("province_code", actor.provinceCode!)})`
        : sql`t.commune_code = ${actor.communeCode} OR ((t.level = 'national' OR (t.level = 'provincial' AND t.province_code = ${actor.provinceCode}))
               AND ${attendedFrom("commune_code", actor.communeCode!)})`;
  const rows = await queryRows<{ id: number }>(ctx.db, sql`SELECT t.id FROM trainings t WHERE t.deleted_at IS NULL AND (${scope}) ORDER BY t.id`);
  return rows.map((r) => Number(r.id));
}

async function listed(actor: Actor): Promise<number[]> {
  const page = await listTrainings(actor, trainingListSchema.parse({ pageSize: "100" }));
  expect(page.next).toBeNull();
  expect(page.total).toBe(page.rows.length);
  return page.rows.map((r) => r.id).sort((a, b) => a - b);
}

/** Every role sees the expected set in the list, opens each training in it and none outside it; the reach equals its recomputation. */
async function expectScopesHold() {
  expect(await queryRows(ctx.db, sql`SELECT * FROM rollup_differences()`)).toEqual([]);
  const allIds = await expectedVisible(nat());
  expect(allIds.length).toBeGreaterThan(0);
  for (const actor of everyone()) {
    const expected = await expectedVisible(actor);
    expect(await listed(actor), `${actor.role} ${actor.communeCode ?? actor.provinceCode ?? ""}`).toEqual(expected);
    for (const id of allIds) {
      const opened = await getTraining(actor, id).then(
        () => true,
        (e: unknown) => (e instanceof NotFoundError ? false : Promise.reject(e)),
      );
      expect(opened, `${actor.username} opens ${id}`).toBe(expected.includes(id));
    }
  }
}

async function reach(trainingId: number) {
  return queryRows<{ province_code: string; commune_code: string; attendees: number }>(
    ctx.db,
    sql`SELECT province_code, commune_code, attendees FROM training_reach WHERE training_id = ${trainingId} ORDER BY commune_code`,
  );
}

async function addTeam(key: string, provinceCode: string, communeCode: string, names: string[]) {
  const [h] = await ctx.db.insert(hamlets).values({ provinceCode, communeCode, name: `Khu phố ${key}`, kind: "khu_pho" }).returning();
  const [t] = await ctx.db.insert(teams).values({ provinceCode, communeCode, hamletId: h.id, name: `Tổ CNSCĐ ${key}` }).returning();
  team[key] = t.id;
  for (const [i, name] of names.entries()) {
    const [m] = await ctx.db
      .insert(members)
      .values({ teamId: t.id, provinceCode, communeCode, fullName: name, gender: "female", position: i === 0 ? "leader" : "member" })
      .returning();
    member[name] = m.id;
  }
}

const heldOn = new Date(Date.parse(`${vnToday()}T00:00:00Z`) - 30 * 86400_000).toISOString().slice(0, 10);
const training = (title: string, memberIds: number[]): TrainingCreateInput => ({
  title,
  topics: ["vneid"],
  heldOn,
  hours: 2,
  format: "in_person",
  location: "Nhà văn hóa xã",
  outsideParticipants: 0,
  memberIds,
});

async function editAttendance(actor: Actor, id: number, memberIds: number[], over: Partial<TrainingCreateInput> = {}) {
  const current = await getTrainingForEdit(actor, id);
  await updateTraining(actor, { ...training(current.title, memberIds), heldOn: current.heldOn, ...over, id, version: current.version });
}

/** Moves a member to another team (and so another commune), as a roster change does. */
async function moveMember(name: string, teamKey: string) {
  await ctx.db.execute(sql`UPDATE members SET team_id = t.id, province_code = t.province_code, commune_code = t.commune_code
    FROM teams t WHERE t.id = ${team[teamKey]} AND members.id = ${member[name]}`);
}

const trainingId: Record<string, number> = {};

describe("who sees which training, as attendance and rosters change", () => {
  beforeAll(async () => {
    const seeded = await seedRosterActors(ctx.db);
    neighbourCode = seeded.otherCommuneCode;
    const [bdi] = await ctx.db.insert(users).values({ username: "bdi", fullName: "Ba Đình", role: "commune", provinceCode: "01", communeCode: "00004", passwordHash: "x" }).returning();
    actors = { ...seeded, baDinh: communeActor("01", "00004", bdi.id) };
    // The first of each team leads it; the others move between teams below.
    await addTeam("PK", "86", "28756", ["Lan", "Ánh", "Bích"]);
    await addTeam("NB", "86", neighbourCode, ["Mai", "Cúc"]);
    await addTeam("BD", "01", "00004", ["Nga", "Dung", "Én"]);
    await addTeam("BD2", "01", "00004", ["Giang"]);
  });

  it("starts from trainings at every level, attended from several units", async () => {
    trainingId.national = await createTraining(nat(), training("Tập huấn toàn quốc", [member["Ánh"], member["Bích"], member["Dung"]]));
    trainingId.unattended = await createTraining(nat(), training("Tập huấn toàn quốc chưa ai dự", []));
    trainingId.vinhLong = await createTraining(vinhLong(), training("Tập huấn tỉnh Vĩnh Long", [member["Ánh"], member["Cúc"]]));
    trainingId.haNoi = await createTraining(haNoi(), training("Tập huấn Hà Nội", [member["Dung"]]));
    trainingId.phuKhuong = await createTraining(phuKhuong(), training("Lớp Phú Khương", [member["Bích"]]));
    trainingId.baDinh = await createTraining(baDinh(), training("Lớp Ba Đình", [member["Én"]]));
    expect(await reach(trainingId.national)).toEqual([
      { province_code: "01", commune_code: "00004", attendees: 1 },
      { province_code: "86", commune_code: "28756", attendees: 2 },
    ]);
    // Commune trainings are seen through their own commune and province: they need no reach.
    expect(await reach(trainingId.phuKhuong)).toEqual([]);
    await expectScopesHold();
    expect(await listed(haNoi())).toContain(trainingId.national);
    expect(await listed(neighbour())).toEqual([trainingId.vinhLong].sort((a, b) => a - b));
  });

  it("follows attendance added and removed", async () => {
    // Cúc (the neighbouring commune) joins the national training: that commune now sees it.
    await editAttendance(nat(), trainingId.national, [member["Ánh"], member["Bích"], member["Dung"], member["Cúc"]]);
    expect(await listed(neighbour())).toContain(trainingId.national);
    await expectScopesHold();
    // One of two attendees from Phú Khương leaves: still seen there. Then the other: no longer.
    await editAttendance(nat(), trainingId.national, [member["Ánh"], member["Dung"], member["Cúc"]]);
    expect(await listed(phuKhuong())).toContain(trainingId.national);
    await editAttendance(nat(), trainingId.national, [member["Dung"], member["Cúc"]]);
    expect(await listed(phuKhuong())).not.toContain(trainingId.national);
    expect(await listed(vinhLong())).toContain(trainingId.national);
    await expectScopesHold();
    // The last attendee from Vĩnh Long leaves: the province no longer sees the national training.
    await editAttendance(nat(), trainingId.national, [member["Dung"]]);
    expect(await listed(vinhLong())).not.toContain(trainingId.national);
    expect(await reach(trainingId.national)).toEqual([{ province_code: "01", commune_code: "00004", attendees: 1 }]);
    await expectScopesHold();
  });

  it("follows members who move to another commune or province", async () => {
    // Dung moves within Ba Đình's province to another team of the same commune: nothing changes.
    await moveMember("Dung", "BD2");
    await expectScopesHold();
    // Dung moves to Vĩnh Long (Phú Khương): the national training follows her there; Hà Nội's
    // provincial training is Hà Nội's own and stays with Hà Nội.
    await moveMember("Dung", "PK");
    expect(await listed(vinhLong())).toContain(trainingId.national);
    expect(await listed(phuKhuong())).toContain(trainingId.national);
    expect(await listed(haNoi())).not.toContain(trainingId.national);
    expect(await listed(baDinh())).not.toContain(trainingId.national);
    expect(await reach(trainingId.haNoi)).toEqual([{ province_code: "86", commune_code: "28756", attendees: 1 }]);
    await expectScopesHold();
    // Ánh moves to the neighbouring commune: Vĩnh Long's provincial training is seen there through her too.
    await moveMember("Ánh", "NB");
    expect(await reach(trainingId.vinhLong)).toEqual([{ province_code: "86", commune_code: neighbourCode, attendees: 2 }]);
    expect(await listed(phuKhuong())).not.toContain(trainingId.vinhLong);
    await expectScopesHold();
  });

  it("follows trainings moved to another day, removed, or organised at another level", async () => {
    await editAttendance(nat(), trainingId.national, [member["Dung"], member["Én"]], {
      heldOn: new Date(Date.parse(`${heldOn}T00:00:00Z`) - 5 * 86400_000).toISOString().slice(0, 10),
    });
    expect(await listed(baDinh())).toContain(trainingId.national);
    await expectScopesHold();
    // A training recorded at the wrong level is corrected in the database: its reach follows.
    await ctx.db.execute(sql`UPDATE trainings SET level = 'national', province_code = NULL WHERE id = ${trainingId.haNoi}`);
    expect(await listed(vinhLong())).toContain(trainingId.haNoi);
    await expectScopesHold();
    await ctx.db.execute(sql`UPDATE trainings SET level = 'commune', province_code = '01', commune_code = '00004' WHERE id = ${trainingId.haNoi}`);
    expect(await reach(trainingId.haNoi)).toEqual([]);
    await expectScopesHold();
    const current = await getTrainingForEdit(nat(), trainingId.national);
    await removeTraining(nat(), { id: trainingId.national, version: current.version });
    for (const actor of everyone()) expect(await listed(actor)).not.toContain(trainingId.national);
    await expectScopesHold();
  });

  it("rebuilds the reach from raw rows after a bulk load with the triggers off", async () => {
    await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      await tx.execute(sql`INSERT INTO training_attendance (training_id, member_id, held_on, province_code, commune_code)
        SELECT ${trainingId.unattended}, id, ${heldOn}::date, province_code, commune_code FROM members WHERE id = ${member["Giang"]}`);
    });
    expect((await queryRows<{ rollup: string }>(ctx.db, sql`SELECT * FROM rollup_differences()`)).map((r) => r.rollup)).toContain("training_reach");
    await ctx.db.execute(sql`SELECT rebuild_rollups()`);
    expect(await listed(baDinh())).toContain(trainingId.unattended);
    await expectScopesHold();
  });
});
