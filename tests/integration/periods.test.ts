import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { queryRows, sql } from "@/db/client";
import { members, monthlyReports, teams, trainingAttendance, trainings } from "@/db/schema";
import { setClock } from "@/lib/dal/clock";
import { communeDetails, rawUnitIndicators, unitIndicators, type UnitIndicators } from "@/lib/dal/indicators";
import { communeReportDue, unsubmittedReports } from "@/lib/dal/reports-owed";
import { lastDayOfMonth, vnToday } from "@/lib/domain/period";
import { communeActor, nationalActor, provincialActor } from "../support/actors";
import { setupTestDatabase } from "../support/test-database";

/**
 * Hand-computed fixtures for the dated rosters and the owed-reports rule. Read on 12/03/2026
 * (February's deadline, the 5th of March, has passed) unless a test says otherwise.
 *
 * Phú Khương (A, 28756): team founded 01/05/2024 with members An (trained 10/10/2025 and again
 *   10/11/2025) and Bình (trained 01/08/2024 only); reports: 12/2025 on time, 03/2024 (before the
 *   team existed).
 * B (another commune of Vĩnh Long): its first team founded 05/03/2026, a week before the reading.
 * Ba Đình (C, 00004): team founded 01/01/2025, dissolved 15/09/2025.
 * E (another commune of Hà Nội): team founded 20/06/2025.
 */
const ctx = setupTestDatabase();
const NOW = new Date("2026-03-12T10:00:00+07:00");
const month = (m: string) => ({ from: `${m}-01`, to: lastDayOfMonth(`${m}-01`) });
const year = (y: string) => ({ from: `${y}-01-01`, to: `${y}-12-31` });
let communeB = "";
let communeE = "";
let teamA = 0;

async function both(actor: Parameters<typeof unitIndicators>[0], code: string, period: { from: string; to: string }): Promise<UnitIndicators> {
  const fast = await unitIndicators(actor, code, period);
  const raw = await rawUnitIndicators(actor, code, period);
  expect({ ...fast, as_of: null }).toEqual({ ...raw, as_of: null });
  return fast;
}

async function team(province: string, commune: string, name: string, establishedOn: string, dissolvedOn: string | null = null) {
  const [row] = await ctx.db
    .insert(teams)
    .values({ provinceCode: province, communeCode: commune, name, establishedOn, status: dissolvedOn ? "dissolved" : "active", dissolvedOn })
    .returning();
  return row.id;
}

async function training(commune: string, province: string, heldOn: string, memberIds: number[]) {
  const [row] = await ctx.db
    .insert(trainings)
    .values({ level: "commune", provinceCode: province, communeCode: commune, title: `Tập huấn ${heldOn}`, heldOn, hours: 2, format: "in_person" })
    .returning();
  if (memberIds.length) await ctx.db.insert(trainingAttendance).values(memberIds.map((memberId) => ({ trainingId: row.id, memberId, heldOn })));
  return row.id;
}

beforeAll(async () => {
  setClock(NOW);
  [{ code: communeB }] = await queryRows<{ code: string }>(ctx.db, sql`SELECT code FROM communes WHERE province_code = '86' AND code <> '28756' ORDER BY code LIMIT 1`);
  [{ code: communeE }] = await queryRows<{ code: string }>(ctx.db, sql`SELECT code FROM communes WHERE province_code = '01' AND code <> '00004' ORDER BY code LIMIT 1`);
  teamA = await team("86", "28756", "Tổ A", "2024-05-01");
  const [an, binh] = await ctx.db
    .insert(members)
    .values([
      { teamId: teamA, provinceCode: "86", communeCode: "28756", fullName: "Nguyễn Văn An", gender: "male", affiliations: ["youth_union"], joinedOn: "2024-05-01" },
      { teamId: teamA, provinceCode: "86", communeCode: "28756", fullName: "Trần Thị Bình", gender: "female", affiliations: ["women_union"], joinedOn: "2024-05-01" },
    ])
    .returning();
  await training("28756", "86", "2025-10-10", [an.id]);
  await training("28756", "86", "2025-11-10", [an.id]);
  await training("28756", "86", "2024-08-01", [binh.id]);
  await team("86", communeB, "Tổ B", "2026-03-05");
  await team("01", "00004", "Tổ C", "2025-01-01", "2025-09-15");
  await team("01", communeE, "Tổ E", "2025-06-20");
  await ctx.db.insert(monthlyReports).values([
    { provinceCode: "86", communeCode: "28756", month: "2025-12-01", status: "submitted", submittedAt: new Date("2026-01-03T09:00:00+07:00"), submittedLate: false },
    { provinceCode: "86", communeCode: "28756", month: "2024-03-01", status: "submitted", submittedAt: new Date("2024-04-03T09:00:00+07:00"), submittedLate: false },
  ]);
});
afterAll(() => setClock(null));

describe("dated rosters: figures as at the period's last day", () => {
  it("counts a member trained twice in the 12 months to the end of the month (not only by the latest training)", async () => {
    const october = await both(communeActor("86", "28756"), "28756", month("2025-10"));
    expect(october.as_at).toBe("2025-10-31");
    // An: trained 10/10/2025 (again 10/11/2025, after October). Bình: 01/08/2024, more than 12 months before.
    expect(october.indicators).toMatchObject({ members_active: 2, members_trained_12m: 1, teams_active: 1 });
    const july2025 = await both(communeActor("86", "28756"), "28756", month("2025-07"));
    // Bình's training of 01/08/2024 still counts on 31/07/2025; An had none yet.
    expect(july2025.indicators.members_trained_12m).toBe(1);
    const august2025 = await both(communeActor("86", "28756"), "28756", month("2025-08"));
    expect(august2025.indicators.members_trained_12m).toBe(0);
  });

  it("counts a team dissolved mid-month as gone at the month's end, but the month's report as owed", async () => {
    const august = await both(communeActor("01", "00004"), "00004", month("2025-08"));
    expect(august.indicators).toMatchObject({ teams_active: 1, communes_with_team: 1, reports_expected: 1 });
    const september = await both(communeActor("01", "00004"), "00004", month("2025-09"));
    expect(september.indicators).toMatchObject({ teams_active: 0, communes_with_team: 0, reports_expected: 1, reports_submitted: 0 });
    const october = await both(communeActor("01", "00004"), "00004", month("2025-10"));
    expect(october.indicators).toMatchObject({ teams_active: 0, reports_expected: 0 });
  });

  it("counts a commune founded mid-month from that month on, never for the months before", async () => {
    const may = await both(communeActor("01", communeE), communeE, month("2025-05"));
    expect(may.indicators).toMatchObject({ teams_active: 0, communes_with_team: 0, reports_expected: 0 });
    const june = await both(communeActor("01", communeE), communeE, month("2025-06"));
    expect(june.indicators).toMatchObject({ teams_active: 1, communes_with_team: 1, reports_expected: 1 });
    // Founded a week ago: nothing owed this year (January and February before it; March not due).
    const b = await both(communeActor("86", communeB), communeB, year("2026"));
    expect(b.as_at).toBe("2026-03-12");
    expect(b.indicators).toMatchObject({ teams_active: 1, reports_expected: 0 });
  });

  it("shows a monthly trend of active teams and members, each month as at its end and the current month as at today", async () => {
    const data = await both(nationalActor(), "VN", { from: "2025-05-01", to: "2026-03-31" });
    const at = Object.fromEntries(data.roster_trend.map((p) => [p.month, [p.as_at, p.teams_active, p.members_active]]));
    expect(at["2025-05-01"]).toEqual(["2025-05-31", 2, 2]); // A and C
    expect(at["2025-06-01"]).toEqual(["2025-06-30", 3, 2]); // + E
    expect(at["2025-09-01"]).toEqual(["2025-09-30", 2, 2]); // C dissolved on 15/09
    expect(at["2026-03-01"]).toEqual(["2026-03-12", 3, 2]); // + B on 05/03
    expect(data.roster_trend).toHaveLength(11);
  });
});

describe("owed reports: one rule", () => {
  it("never counts more submitted than owed, and counts only months with an active team whose deadline has passed", async () => {
    const a = await both(communeActor("86", "28756"), "28756", { from: "2020-01-01", to: "2030-12-31" });
    // Owed: 05/2024 … 02/2026 = 22 months; the report of 03/2024 (before the team) is not counted.
    expect(a.indicators).toMatchObject({ reports_expected: 22, reports_submitted: 1, reports_on_time: 1 });
    const province = await both(provincialActor("86"), "86", year("2026"));
    // January and February from A; B founded in March, not yet due.
    expect(province.indicators).toMatchObject({ reports_expected: 2, reports_submitted: 0 });
  });

  it("shows the month before its deadline as open, never missing", async () => {
    setClock(new Date("2026-03-03T12:00:00+07:00"));
    try {
      const a = await both(communeActor("86", "28756"), "28756", year("2026"));
      expect(a.indicators.reports_expected).toBe(1);
      const details = await communeDetails(communeActor("86", "28756"), "28756", year("2026"));
      expect(details.reports.map((r) => [r.month, r.status])).toEqual([["2026-03-01", "open"], ["2026-02-01", "open"], ["2026-01-01", "missing"]]);
      const february = await unsubmittedReports(provincialActor("86"), { month: "2026-02-01" });
      expect(february).toMatchObject({ owed: false, count: 0, deadline: "2026-03-05" });
      expect(await communeReportDue(communeActor("86", "28756"), "28756")).toMatchObject({
        month: "2026-02-01",
        deadline: "2026-03-05",
        active: true,
        status: "open",
        // Owed in the twelve months 02/2025 … 01/2026, all but December unsubmitted.
        overdue: { count: 11, months: ["2026-01-01", "2025-11-01", "2025-10-01", "2025-09-01", "2025-08-01", "2025-07-01", "2025-06-01", "2025-05-01", "2025-04-01", "2025-03-01", "2025-02-01"] },
      });
    } finally {
      setClock(NOW);
    }
  });

  it("lists exactly the owed reports without a submission, with a count", async () => {
    const january = await unsubmittedReports(provincialActor("86"), { month: "2026-01-01" });
    expect(january).toMatchObject({ owed: true, count: 1 });
    expect(january.communes.map((c) => [c.code, c.status])).toEqual([["28756", "missing"]]);
    const country = await unsubmittedReports(nationalActor(), { month: "2026-01-01" });
    // Ordered by province (Hà Nội 01 first), then commune; Ba Đình's team was dissolved in 2025.
    expect(country.communes.map((c) => c.code)).toEqual([communeE, "28756"]);
    expect(country.count).toBe(2);
    expect((await unsubmittedReports(provincialActor("86"), { month: "2025-12-01" })).count).toBe(0);
    // Default: the latest month whose deadline has passed (February on 12/03).
    expect((await unsubmittedReports(communeActor("86", "28756"))).month).toBe("2026-02-01");
    expect((await unsubmittedReports(communeActor("86", communeB))).count).toBe(0);
    expect((await communeReportDue(communeActor("86", "28756"), "28756")).month).toBe("2026-03-01");
  });
});

describe("events stay where they happened", () => {
  it("keeps an attendance in the commune of the day after a move and an edit of the training; refuses hard deletes", async () => {
    setClock(null);
    try {
      const [cuong] = await ctx.db
        .insert(members)
        .values({ teamId: teamA, provinceCode: "86", communeCode: "28756", fullName: "Lê Văn Cường", gender: "male", joinedOn: "2024-05-01" })
        .returning();
      const trainingId = await training("28756", "86", "2025-10-20", [cuong.id]);
      const before = await both(communeActor("86", "28756"), "28756", month("2025-10"));
      // Moves to B's team today.
      const [teamB] = await ctx.db.select().from(teams).where(eq(teams.communeCode, communeB));
      await ctx.db.update(members).set({ teamId: teamB.id, communeCode: communeB }).where(eq(members.id, cuong.id));
      await ctx.db.update(trainings).set({ title: "Tập huấn (sửa)", heldOn: "2025-10-21" }).where(eq(trainings.id, trainingId));
      const after = await both(communeActor("86", "28756"), "28756", month("2025-10"));
      expect(after.indicators).toEqual(before.indicators);
      expect(after.indicators).toMatchObject({ attendances: 2, members_active: 3, members_trained_12m: 2 });
      const b = await both(communeActor("86", communeB), communeB, month("2025-10"));
      expect(b.indicators).toMatchObject({ attendances: 0, members_active: 0 });
      const place = await queryRows(ctx.db, sql`SELECT commune_code FROM training_attendance WHERE training_id = ${trainingId}`);
      expect(place).toEqual([{ commune_code: "28756" }]);
      const today = await both(communeActor("86", communeB), communeB, month(vnToday().slice(0, 7)));
      expect(today.indicators.members_active).toBe(1);
      const history = await queryRows(ctx.db, sql`SELECT commune_code, ended_on FROM memberships WHERE member_id = ${cuong.id} ORDER BY started_on`);
      expect(history).toEqual([{ commune_code: "28756", ended_on: vnToday() }, { commune_code: communeB, ended_on: null }]);

      await expect(ctx.db.delete(trainings).where(eq(trainings.id, trainingId))).rejects.toThrow();
      expect((await both(communeActor("86", "28756"), "28756", month("2025-10"))).indicators).toEqual(before.indicators);
      expect(await queryRows(ctx.db, sql`SELECT * FROM rollup_differences()`)).toEqual([]);
    } finally {
      setClock(NOW);
    }
  });
});
