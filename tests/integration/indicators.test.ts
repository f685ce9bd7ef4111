import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, sql } from "@/db/client";
import { guidanceRecords, hamlets, members, monthlyReports, teams, trainingAttendance, trainings } from "@/db/schema";
import { listAuditEvents, auditListSchema } from "@/lib/dal/audit-log";
import { writeAudit } from "@/lib/dal/audit";
import { setClock } from "@/lib/dal/clock";
import { NotFoundError } from "@/lib/dal/errors";
import { communeDetails, rawUnitIndicators, unitIndicators } from "@/lib/dal/indicators";
import { getUnit, listCommunes } from "@/lib/dal/units";
import { addMonths, monthStart, vnToday } from "@/lib/domain/period";
import { communeActor, nationalActor, provincialActor } from "../support/actors";
import { setupTestDatabase } from "../support/test-database";

const ctx = setupTestDatabase();
const lastMonth = addMonths(monthStart(vnToday()), -1);
const period = { from: addMonths(lastMonth, -1), to: `${lastMonth.slice(0, 7)}-28` };
// Read on the 20th of the current month: last month's deadline (the 5th) has passed.
const readAt = new Date(`${addMonths(lastMonth, 1).slice(0, 7)}-20T12:00:00+07:00`);
const founded = addMonths(lastMonth, -6);

describe("indicators and units: hand-computed fixture and scope", () => {
  beforeAll(() => setClock(readAt));
  afterAll(() => setClock(null));
  beforeAll(async () => {
    const [h1, h2] = await ctx.db
      .insert(hamlets)
      .values([
        { provinceCode: "86", communeCode: "28756", name: "Khu phố 1", kind: "khu_pho" },
        { provinceCode: "86", communeCode: "28756", name: "Khu phố 2", kind: "khu_pho" },
      ])
      .returning();
    void h2;
    const [team] = await ctx.db.insert(teams).values({ provinceCode: "86", communeCode: "28756", hamletId: h1.id, name: "Tổ 1", establishedOn: founded }).returning();
    await ctx.db.insert(members).values([
      { teamId: team.id, provinceCode: "86", communeCode: "28756", fullName: "Nguyễn Văn An", gender: "male", position: "leader", affiliations: ["village_head"], joinedOn: founded },
      { teamId: team.id, provinceCode: "86", communeCode: "28756", fullName: "Trần Thị Bình", gender: "female", affiliations: ["women_union", "youth_union"], joinedOn: founded },
      { teamId: team.id, provinceCode: "86", communeCode: "28756", fullName: "Lê Văn Cường", gender: "male", joinedOn: addMonths(founded, -12), leftOn: founded },
    ]);
    await ctx.db.insert(guidanceRecords).values([
      { teamId: team.id, provinceCode: "86", communeCode: "28756", guidedOn: `${lastMonth.slice(0, 7)}-03`, skill: 1, targetGroup: "elderly", householdsVisited: 4, peopleGuided: 10, peopleCompleted: 7 },
      { teamId: team.id, provinceCode: "86", communeCode: "28756", guidedOn: `${lastMonth.slice(0, 7)}-20`, skill: 3, targetGroup: "traders", householdsVisited: 2, peopleGuided: 5, peopleCompleted: 5 },
      // Outside the period: not counted.
      { teamId: team.id, provinceCode: "86", communeCode: "28756", guidedOn: `${addMonths(lastMonth, -3).slice(0, 7)}-10`, skill: 1, targetGroup: "elderly", peopleGuided: 100 },
    ]);
    await ctx.db.insert(monthlyReports).values({ provinceCode: "86", communeCode: "28756", month: lastMonth, status: "submitted", submittedAt: new Date(), submittedLate: false });
  });

  it("computes the commune's figures", async () => {
    const data = await unitIndicators(communeActor("86", "28756"), "28756", period);
    expect(data.indicators).toMatchObject({
      hamlets_total: 2,
      hamlets_with_team: 1,
      teams_active: 1,
      members_active: 2,
      members_male: 1,
      members_female: 1,
      households_visited: 6,
      people_guided: 15,
      people_completed: 12,
      reports_expected: 2,
      reports_submitted: 1,
      reports_on_time: 1,
    });
    expect(data.by_skill["1"]).toEqual({ people_guided: 10, people_completed: 7 });
    expect(data.by_target_group.traders).toEqual({ people_guided: 5, people_completed: 5 });
    expect(data.by_affiliation).toEqual({ village_head: 1, women_union: 1, youth_union: 1 });
  });

  it("adds up to the province and the country", async () => {
    const province = await unitIndicators(provincialActor("86"), "86", period);
    expect(province.indicators).toMatchObject({ communes_with_team: 1, teams_active: 1, people_guided: 15 });
    expect(province.children.find((c) => c.code === "28756")?.indicators.people_guided).toBe(15);
    const country = await unitIndicators(nationalActor(), "VN", period);
    expect(country.indicators).toMatchObject({ communes_total: 3321, communes_with_team: 1, provinces_full_coverage: 0, people_guided: 15 });
    expect(country.children).toHaveLength(34);
  });

  it("counts trainings for the organising unit and attendances for the member's unit", async () => {
    const [an, binh] = await ctx.db.select().from(members).orderBy(members.id).limit(2);
    const day = `${lastMonth.slice(0, 7)}-15`;
    const [communeTraining, provincialTraining] = await ctx.db
      .insert(trainings)
      .values([
        { level: "commune", provinceCode: "86", communeCode: "28756", title: "Cài đặt VNeID", topics: ["vneid"], heldOn: day, hours: 2, format: "in_person", outsideParticipants: 5 },
        { level: "provincial", provinceCode: "86", title: "Thanh toán an toàn", topics: ["cashless", "cybersecurity"], heldOn: day, hours: 4, format: "online" },
      ])
      .returning();
    await ctx.db.insert(trainingAttendance).values([
      { trainingId: communeTraining.id, memberId: an.id, heldOn: day },
      { trainingId: communeTraining.id, memberId: binh.id, heldOn: day },
      { trainingId: provincialTraining.id, memberId: an.id, heldOn: day },
    ]);
    const commune = await unitIndicators(communeActor("86", "28756"), "28756", period);
    // One training organised by the commune; three attendances by its members; two members trained.
    expect(commune.indicators).toMatchObject({ trainings: 1, attendances: 3, members_trained_12m: 2 });
    const province = await unitIndicators(provincialActor("86"), "86", period);
    expect(province.indicators).toMatchObject({ trainings: 2, attendances: 3, members_trained_12m: 2 });
    expect(province.children.find((c) => c.code === "28756")?.indicators).toMatchObject({ trainings: 1, attendances: 3 });
    const country = await unitIndicators(nationalActor(), "VN", period);
    expect(country.indicators).toMatchObject({ trainings: 2, attendances: 3, members_trained_12m: 2 });
    expect(country.by_gender).toEqual({ male: 1, female: 1, other: 0 });
  });

  it("lists a commune's hamlets, teams and report status", async () => {
    const details = await communeDetails(communeActor("86", "28756"), "28756", period);
    expect(details.hamlets.map((h) => [h.name, h.team])).toEqual([["Khu phố 2", null], ["Khu phố 1", "Tổ 1"]]);
    expect(details.teams).toEqual([{ id: expect.any(Number), name: "Tổ 1", hamlet: "Khu phố 1", members: 2, trained12m: 2 }]);
    expect(details.reports.map((r) => [r.month, r.status])).toEqual([[lastMonth, "submitted"], [addMonths(lastMonth, -1), "missing"]]);
    await expect(communeDetails(communeActor("01", "00004"), "28756", period)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("counts a province as fully covered once every commune has an active team", async () => {
    await ctx.db.execute(sql`INSERT INTO teams (province_code, commune_code, name, established_on) SELECT province_code, code, 'Tổ xã ' || code, ${founded}::date FROM communes WHERE province_code = '11'`);
    const [{ n }] = await queryRows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM communes WHERE province_code = '11'`);
    const country = await unitIndicators(nationalActor(), "VN", period);
    expect(country.indicators).toMatchObject({ provinces_full_coverage: 1, communes_with_team: n + 1, teams_active: n + 1 });
    expect(country.children.find((c) => c.code === "11")?.indicators).toMatchObject({ communes_total: n, communes_with_team: n });
    expect({ ...country, as_of: null }).toEqual({ ...(await rawUnitIndicators(nationalActor(), "VN", period)), as_of: null });
  });

  it("refuses units outside the caller's scope", async () => {
    await expect(unitIndicators(communeActor("01", "00004"), "28756", period)).rejects.toBeInstanceOf(NotFoundError);
    await expect(unitIndicators(communeActor("86", "28756"), "86", period)).rejects.toBeInstanceOf(NotFoundError);
    await expect(unitIndicators(provincialActor("01"), "86", period)).rejects.toBeInstanceOf(NotFoundError);
    await expect(unitIndicators(provincialActor("01"), "28756", period)).rejects.toBeInstanceOf(NotFoundError);
    await expect(unitIndicators(provincialActor("86"), "VN", period)).rejects.toBeInstanceOf(NotFoundError);
    await expect(rawUnitIndicators(provincialActor("01"), "86", period)).rejects.toBeInstanceOf(NotFoundError);
    await expect(communeDetails(provincialActor("01"), "28756", period)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getUnit(communeActor("86", "28756"), "00004")).rejects.toBeInstanceOf(NotFoundError);
    expect((await getUnit(provincialActor("86"), "28756")).name).toBe("Phường Phú Khương");
  });

  it("lists communes only within scope", async () => {
    expect((await listCommunes(provincialActor("01"), "86")).length).toBe(0);
    expect((await listCommunes(communeActor("86", "28756"), "86")).map((c) => c.code)).toEqual(["28756"]);
    expect((await listCommunes(provincialActor("86"), "86", "phu khuong")).map((c) => c.code)).toContain("28756");
  });

  it("shows audit events only within scope", async () => {
    await writeAudit(ctx.db, { userId: null, username: "vl", ip: null, userAgent: null }, { action: "account.update", entity: "user", entityId: 1, provinceCode: "86", communeCode: "28756" });
    await writeAudit(ctx.db, { userId: null, username: "hn", ip: null, userAgent: null }, { action: "account.update", entity: "user", entityId: 2, provinceCode: "01", communeCode: "00004" });
    const params = auditListSchema.parse({});
    expect((await listAuditEvents(nationalActor(), params)).total).toBe(2);
    expect((await listAuditEvents(provincialActor("86"), params)).rows.map((r) => r.actorUsername)).toEqual(["vl"]);
    expect((await listAuditEvents(communeActor("01", "00004"), params)).rows.map((r) => r.actorUsername)).toEqual(["hn"]);
    expect((await listAuditEvents(communeActor("86", "28757"), params)).total).toBe(0);
  });
});
