import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { setClock } from "@/lib/dal/clock";
import { ConflictError, FieldError, NotFoundError } from "@/lib/dal/errors";
import { exportGuidance, getGuidance, guidancePlaceProblems, listGuidance, listGuidanceTeams, recordGuidance, removeGuidance, updateGuidance } from "@/lib/dal/guidance";
import { approveReport, returnReport, submitReport } from "@/lib/dal/reports";
import { guidanceBatchSchema, guidanceListSchema, guidanceRowSchema, type GuidanceRowInput } from "@/lib/validation/guidance";
import vi from "@/messages/vi";
import { rollupDifferences, seedGuidanceFixtures, tableCount } from "../support/guidance-fixtures";
import { setupTestDatabase } from "../support/test-database";

const ctx = setupTestDatabase();
let f: Awaited<ReturnType<typeof seedGuidanceFixtures>>;
const list = (params = {}) => guidanceListSchema.parse(params);

/** Noon on 15 March 2026 in Vietnam. */
const NOW = new Date("2026-03-15T12:00:00+07:00");

function row(overrides: Partial<GuidanceRowInput> = {}): GuidanceRowInput {
  return { teamId: f.teams.pk1, guidedOn: "2026-03-10", skill: 1, targetGroup: "elderly", householdsVisited: 5, peopleGuided: 12, peopleCompleted: 8, note: null, ...overrides };
}

/** The Vietnamese text of a full message key such as "guidance.errors.count_invalid". */
function viMessage(key: string): string | undefined {
  return key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], vi) as string | undefined;
}

async function expectFieldErrors(attempt: Promise<unknown>, expected: Record<string, string>) {
  const error = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FieldError);
  const fieldErrors = (error as FieldError).fieldErrors;
  for (const [field, key] of Object.entries(expected)) {
    expect(fieldErrors[field], field).toContain(key);
    expect(viMessage(key), key).toBeTruthy();
  }
}

async function counts() {
  return { records: await tableCount(ctx.db, "guidance_records"), audit: await tableCount(ctx.db, "audit_events") };
}

beforeAll(async () => {
  f = await seedGuidanceFixtures(ctx.db);
  setClock(NOW);
});
afterAll(() => setClock(null));

describe("guidance: recording several rows in one submission", () => {
  it("writes every row and an audit event for each, keeping roll-ups equal to recomputation", async () => {
    const before = await counts();
    const ids = await recordGuidance(f.actors.phuKhuong(), [
      row({ guidedOn: "2026-03-09" }),
      row({ teamId: f.teams.pk2, guidedOn: "2026-03-10", skill: 3, targetGroup: "traders" }),
      row({ teamId: f.teams.pk2, guidedOn: "2026-03-11", peopleGuided: 0, peopleCompleted: 0, householdsVisited: 0 }),
    ]);
    expect(ids).toHaveLength(3);
    expect(await counts()).toEqual({ records: before.records + 3, audit: before.audit + 3 });
    const [audit] = await queryRows(ctx.db, sql`SELECT action, commune_code FROM audit_events ORDER BY id DESC LIMIT 1`);
    expect(audit).toEqual({ action: "guidance.create", commune_code: "28756" });
    const [rollup] = await queryRows(ctx.db, sql`SELECT sum(people_guided)::int AS g FROM guidance_commune_month WHERE commune_code = '28756' AND month = '2026-03-01'`);
    expect(rollup.g).toBe(24);
    expect(await rollupDifferences(ctx.db)).toEqual([]);
  });

  it("lets a provincial admin record for any team of the province", async () => {
    const [id] = await recordGuidance(f.actors.vinhLong(), [row({ teamId: f.teams.otherTeam, guidedOn: "2026-03-02" })]);
    expect((await getGuidance(f.actors.vinhLong(), id)).communeCode).toBe(f.otherCommune);
    await expect(getGuidance(f.actors.phuKhuong(), id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("guidance: validation", () => {
  it("rejects completed > guided, bad counts and dates in the form schema with the field's message key", () => {
    const parsed = guidanceBatchSchema.safeParse({
      "rows.0.teamId": String(f.teams.pk1), "rows.0.guidedOn": "2026-03-10", "rows.0.skill": "1", "rows.0.targetGroup": "elderly",
      "rows.0.householdsVisited": "2", "rows.0.peopleGuided": "5", "rows.0.peopleCompleted": "6",
      "rows.3.teamId": String(f.teams.pk1), "rows.3.guidedOn": "2026-02-30", "rows.3.skill": "2", "rows.3.targetGroup": "farmers",
      "rows.3.householdsVisited": "-1", "rows.3.peopleGuided": "abc", "rows.3.peopleCompleted": "1.5",
    });
    expect(parsed.success).toBe(false);
    const fieldErrors = Object.fromEntries(parsed.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(fieldErrors).toEqual({
      "rows.0.peopleCompleted": "guidance.errors.completed_exceeds_guided",
      "rows.3.guidedOn": "guidance.errors.date_invalid",
      "rows.3.householdsVisited": "guidance.errors.count_invalid",
      "rows.3.peopleGuided": "guidance.errors.count_invalid",
      "rows.3.peopleCompleted": "guidance.errors.count_invalid",
    });
    for (const key of Object.values(fieldErrors)) expect(viMessage(key), key).toBeTruthy();
    expect(guidanceRowSchema.safeParse({ ...row(), peopleGuided: -3 }).success).toBe(false);
    expect(guidanceRowSchema.safeParse({ ...row(), peopleGuided: "" }).error?.issues[0].message).toBe("errors.required");
  });

  it("rejects each bad row in the data-access layer with a Vietnamese field message and writes nothing", async () => {
    const lead = f.actors.phuKhuong();
    const cases: [Partial<GuidanceRowInput>, string, string][] = [
      [{ peopleGuided: 3, peopleCompleted: 4 }, "rows.0.peopleCompleted", "guidance.errors.completed_exceeds_guided"],
      [{ guidedOn: "2026-03-16" }, "rows.0.guidedOn", "guidance.errors.future_date"],
      [{ teamId: f.teams.baDinh }, "rows.0.teamId", "guidance.errors.team_out_of_scope"],
      [{ teamId: f.teams.otherTeam }, "rows.0.teamId", "guidance.errors.team_out_of_scope"],
      [{ teamId: f.teams.pkDissolved }, "rows.0.teamId", "guidance.errors.team_inactive"],
      [{ householdsVisited: -1 }, "rows.0.householdsVisited", "guidance.errors.count_invalid"],
      [{ peopleGuided: Number.NaN }, "rows.0.peopleGuided", "guidance.errors.count_invalid"],
    ];
    const before = await counts();
    for (const [overrides, field, key] of cases) await expectFieldErrors(recordGuidance(lead, [row(overrides)]), { [field]: key });
    expect(await counts()).toEqual(before);
  });

  it("writes no row of a multi-row submission when one row is bad, and reports the bad row by its index", async () => {
    const before = await counts();
    await expectFieldErrors(
      recordGuidance(f.actors.phuKhuong(), [row({ index: 0 }), row({ index: 1, teamId: f.teams.pk2 }), row({ index: 4, peopleCompleted: 99 })]),
      { "rows.4.peopleCompleted": "guidance.errors.completed_exceeds_guided" },
    );
    expect(await counts()).toEqual(before);
  });

  it("refuses a date in a closed month (report submitted) and accepts it again once returned", async () => {
    const lead = f.actors.phuKhuong();
    await recordGuidance(lead, [row({ guidedOn: "2026-02-20" })]);
    await submitReport(lead, { communeCode: "28756", month: "2026-02-01", version: 1 });
    const before = await counts();
    await expectFieldErrors(recordGuidance(lead, [row({ index: 0, guidedOn: "2026-03-01" }), row({ index: 1, guidedOn: "2026-02-27" })]), {
      "rows.1.guidedOn": "guidance.errors.month_closed",
    });
    expect(await counts()).toEqual(before);
    // Every problem of the submission at once: a bad count in one row, a closed month in another,
    // and the same closed month for a form that the schema refused (read without writing).
    await expectFieldErrors(recordGuidance(lead, [row({ index: 0, peopleCompleted: 99 }), row({ index: 1, guidedOn: "2026-02-27" })]), {
      "rows.0.peopleCompleted": "guidance.errors.completed_exceeds_guided",
      "rows.1.guidedOn": "guidance.errors.month_closed",
    });
    const reportsBefore = await tableCount(ctx.db, "monthly_reports");
    expect(
      await guidancePlaceProblems(lead, [
        { index: 2, teamId: f.teams.pk1, guidedOn: "2026-02-27" },
        { index: 3, teamId: f.teams.pk1, guidedOn: "2026-01-27" },
        { index: 5, teamId: f.teams.baDinh, guidedOn: "2026-02-27" },
        { index: 6, teamId: f.teams.pkDissolved, guidedOn: "2026-03-02" },
      ]),
    ).toEqual({
      "rows.2.guidedOn": ["guidance.errors.month_closed"],
      "rows.5.teamId": ["guidance.errors.team_out_of_scope"],
      "rows.6.teamId": ["guidance.errors.team_inactive"],
    });
    expect(await tableCount(ctx.db, "monthly_reports")).toBe(reportsBefore);
    expect(await counts()).toEqual(before);
    await returnReport(f.actors.vinhLong(), { communeCode: "28756", month: "2026-02-01", version: 2, comment: "Bổ sung số liệu" });
    expect(await guidancePlaceProblems(lead, [{ index: 2, teamId: f.teams.pk1, guidedOn: "2026-02-27" }])).toEqual({});
    expect(await recordGuidance(lead, [row({ guidedOn: "2026-02-27" })])).toHaveLength(1);
    expect(await rollupDifferences(ctx.db)).toEqual([]);
  });
});

describe("guidance: Vietnam time", () => {
  it("a record entered at 23:30 Vietnam time on the last day of a month belongs to that month, whatever the server zone", async () => {
    const zone = process.env.TZ;
    process.env.TZ = "America/Los_Angeles";
    try {
      setClock(new Date("2026-03-31T23:30:00+07:00"));
      const [id] = await recordGuidance(f.actors.phuKhuong(), [row({ guidedOn: "2026-03-31", peopleGuided: 7, peopleCompleted: 7, skill: 5, targetGroup: "workers" })]);
      expect((await getGuidance(f.actors.phuKhuong(), id)).guidedOn).toBe("2026-03-31");
      const [r] = await queryRows(ctx.db, sql`SELECT month::text AS month, people_guided FROM guidance_commune_month
        WHERE commune_code = '28756' AND skill = 5 AND target_group = 'workers'`);
      expect(r).toEqual({ month: "2026-03-01", people_guided: 7 });
      await expectFieldErrors(recordGuidance(f.actors.phuKhuong(), [row({ guidedOn: "2026-04-01" })]), { "rows.0.guidedOn": "guidance.errors.future_date" });
    } finally {
      process.env.TZ = zone;
      setClock(NOW);
    }
  });
});

describe("guidance: edits, removal, locking and conflicts", () => {
  it("edits while the month is open and detects a concurrent edit, returning their version", async () => {
    const lead = f.actors.phuKhuong();
    const [id] = await recordGuidance(lead, [row({ guidedOn: "2026-03-12" })]);
    const original = await getGuidance(lead, id);
    await updateGuidance(lead, { ...row({ guidedOn: "2026-03-12", peopleGuided: 20 }), id, version: original.version });
    const error = await updateGuidance(f.actors.vinhLong(), { ...row({ guidedOn: "2026-03-12", peopleGuided: 30 }), id, version: original.version }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(((error as ConflictError).current as { peopleGuided: number; version: number }).peopleGuided).toBe(20);
    expect((await getGuidance(lead, id)).peopleGuided).toBe(20);
    expect(await rollupDifferences(ctx.db)).toEqual([]);
  });

  it("locks a month's records on submission, keeps them locked on approval, unlocks them on return", async () => {
    const lead = f.actors.phuKhuong();
    const [id] = await recordGuidance(lead, [row({ guidedOn: "2026-01-15" })]);
    await submitReport(lead, { communeCode: "28756", month: "2026-01-01", version: 1 });
    const g = await getGuidance(lead, id);
    expect(g.locked).toBe(true);
    await expectFieldErrors(updateGuidance(lead, { ...row({ guidedOn: "2026-01-15", peopleGuided: 40 }), id, version: g.version }), {
      guidedOn: "guidance.errors.record_locked",
    });
    await expectFieldErrors(removeGuidance(lead, { id, version: g.version }), { guidedOn: "guidance.errors.record_locked" });
    await approveReport(f.actors.vinhLong(), { communeCode: "28756", month: "2026-01-01", version: 2 });
    await expectFieldErrors(updateGuidance(lead, { ...row({ guidedOn: "2026-01-15", peopleGuided: 40 }), id, version: g.version }), {
      guidedOn: "guidance.errors.record_locked",
    });
    await returnReport(f.actors.vinhLong(), { communeCode: "28756", month: "2026-01-01", version: 3, comment: "Sửa lại" });
    expect((await getGuidance(lead, id)).locked).toBe(false);
    await updateGuidance(lead, { ...row({ guidedOn: "2026-01-15", peopleGuided: 40 }), id, version: g.version });
    // Moving a record into a closed month is refused too.
    await submitReport(lead, { communeCode: "28756", month: "2026-02-01", version: 3 });
    const moved = await getGuidance(lead, id);
    await expectFieldErrors(updateGuidance(lead, { ...row({ guidedOn: "2026-02-03" }), id, version: moved.version }), { guidedOn: "guidance.errors.month_closed" });
    await removeGuidance(lead, { id, version: moved.version });
    await expect(getGuidance(lead, id)).rejects.toBeInstanceOf(NotFoundError);
    const [audit] = await queryRows(ctx.db, sql`SELECT action FROM audit_events WHERE entity = 'guidance_record' AND entity_id = ${String(id)} ORDER BY id DESC LIMIT 1`);
    expect(audit.action).toBe("guidance.remove");
    expect(await rollupDifferences(ctx.db)).toEqual([]);
  });
});

describe("guidance: scope of every function", () => {
  it("reads only within scope", async () => {
    const [id] = await recordGuidance(f.actors.phuKhuong(), [row({ guidedOn: "2026-03-13" })]);
    expect((await getGuidance(f.actors.nat(), id)).id).toBe(id);
    expect((await getGuidance(f.actors.vinhLong(), id)).id).toBe(id);
    for (const other of [f.actors.baDinh(), f.actors.haNoi(), f.actors.otherLead()]) {
      await expect(getGuidance(other, id)).rejects.toBeInstanceOf(NotFoundError);
      expect((await listGuidance(other, list({ pageSize: 100 }))).rows.map((r) => r.id)).not.toContain(id);
    }
    const own = await listGuidance(f.actors.phuKhuong(), list({ pageSize: 100 }));
    expect(own.rows.every((r) => r.communeCode === "28756")).toBe(true);
    expect(own.total).toBeGreaterThan(0);
    const filtered = await listGuidance(f.actors.phuKhuong(), list({ skill: "3", group: "traders", from: "2026-03", to: "2026-03" }));
    expect(filtered.rows.every((r) => r.skill === 3 && r.targetGroup === "traders")).toBe(true);
    expect(filtered.total).toBe(1);
    const exported: number[] = [];
    for await (const r of exportGuidance(f.actors.baDinh(), {})) exported.push(r.id);
    expect(exported).toEqual([]);
    const all: string[] = [];
    for await (const r of exportGuidance(f.actors.vinhLong(), {})) all.push(r.communeCode);
    expect(new Set(all)).toEqual(new Set(["28756", f.otherCommune]));
    expect((await listGuidanceTeams(f.actors.phuKhuong())).map((t) => t.id).sort()).toEqual([f.teams.pk1, f.teams.pk2].sort());
    expect(await listGuidanceTeams(f.actors.nat())).toEqual([]);
    expect((await listGuidanceTeams(f.actors.haNoi())).map((t) => t.id)).toEqual([f.teams.baDinh]);
  });

  it("refuses writes by another commune's lead, another province's admin and national users, changing nothing", async () => {
    const [id] = await recordGuidance(f.actors.phuKhuong(), [row({ guidedOn: "2026-03-14" })]);
    const g = await getGuidance(f.actors.phuKhuong(), id);
    const before = await counts();
    for (const actor of [f.actors.baDinh(), f.actors.haNoi(), f.actors.otherLead(), f.actors.nat()]) {
      await expectFieldErrors(recordGuidance(actor, [row()]), { "rows.0.teamId": "guidance.errors.team_out_of_scope" });
      await expect(updateGuidance(actor, { ...row({ peopleGuided: 50 }), id, version: g.version })).rejects.toBeInstanceOf(NotFoundError);
      await expect(removeGuidance(actor, { id, version: g.version })).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(await counts()).toEqual(before);
    expect((await getGuidance(f.actors.phuKhuong(), id)).peopleGuided).toBe(g.peopleGuided);
  });
});
