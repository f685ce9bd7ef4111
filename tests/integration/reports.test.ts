import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { setClock } from "@/lib/dal/clock";
import { ConflictError, FieldError, NotFoundError } from "@/lib/dal/errors";
import { getGuidance, recordGuidance } from "@/lib/dal/guidance";
import {
  approveReport,
  communeReports,
  exportReports,
  getReport,
  nationalReportOverview,
  provinceReportOverview,
  returnReport,
  submitReport,
} from "@/lib/dal/reports";
import { getReportSettings, reportDeadlineDay, updateReportSettings } from "@/lib/dal/settings";
import { deadlineSettingSchema, displayStatus, reportReturnSchema } from "@/lib/validation/reports";
import vi from "@/messages/vi";
import { rollupDifferences, seedGuidanceFixtures, tableCount } from "../support/guidance-fixtures";
import { setupTestDatabase } from "../support/test-database";

const ctx = setupTestDatabase();
let f: Awaited<ReturnType<typeof seedGuidanceFixtures>>;
const NOW = new Date("2026-03-03T12:00:00+07:00");

async function version(communeCode: string, month: string): Promise<number> {
  const [r] = await queryRows<{ version: number }>(ctx.db, sql`SELECT version FROM monthly_reports WHERE commune_code = ${communeCode} AND month = ${month}`);
  return r?.version ?? 1;
}

async function stored(communeCode: string, month: string) {
  const [r] = await queryRows(ctx.db, sql`SELECT status, submitted_late, review_comment FROM monthly_reports WHERE commune_code = ${communeCode} AND month = ${month}`);
  return r;
}

async function withZone<T>(zone: string, body: () => Promise<T>): Promise<T> {
  const previous = process.env.TZ;
  process.env.TZ = zone;
  try {
    return await body();
  } finally {
    process.env.TZ = previous;
  }
}

beforeAll(async () => {
  f = await seedGuidanceFixtures(ctx.db);
  setClock(NOW);
});
afterAll(() => setClock(null));

describe("reports: submit, return, approve", () => {
  it("shows the month's totals by skill and target group", async () => {
    const lead = f.actors.phuKhuong();
    await recordGuidance(lead, [
      { teamId: f.teams.pk1, guidedOn: "2026-02-03", skill: 1, targetGroup: "elderly", householdsVisited: 4, peopleGuided: 10, peopleCompleted: 6, note: null },
      { teamId: f.teams.pk2, guidedOn: "2026-02-04", skill: 3, targetGroup: "traders", householdsVisited: 2, peopleGuided: 5, peopleCompleted: 5, note: null },
    ]);
    const report = await getReport(lead, "28756", "2026-02-01");
    expect(report.totals).toEqual({ records: 2, householdsVisited: 6, peopleGuided: 15, peopleCompleted: 11 });
    expect(report.skills.map((s) => s.skill)).toEqual([1, 3]);
    expect(report.groups.find((g) => g.targetGroup === "traders")?.peopleGuided).toBe(5);
    expect(report.status).toBe("open");
    expect(report.canSubmit).toBe(true);
  });

  it("submission locks, return (comment required) unlocks, resubmission and approval keep it locked", async () => {
    const lead = f.actors.phuKhuong();
    const province = f.actors.vinhLong();
    const [id] = await recordGuidance(lead, [{ teamId: f.teams.pk1, guidedOn: "2026-02-10", skill: 2, targetGroup: "students", householdsVisited: 1, peopleGuided: 3, peopleCompleted: 1, note: null }]);
    await submitReport(lead, { communeCode: "28756", month: "2026-02-01", version: await version("28756", "2026-02-01") });
    expect(await stored("28756", "2026-02-01")).toMatchObject({ status: "submitted", submitted_late: false });
    expect((await getGuidance(lead, id)).locked).toBe(true);
    await expect(submitReport(lead, { communeCode: "28756", month: "2026-02-01", version: await version("28756", "2026-02-01") })).rejects.toBeInstanceOf(FieldError);

    expect(reportReturnSchema.safeParse({ communeCode: "28756", month: "2026-02", version: "2", comment: "  " }).error?.issues[0].message).toBe("reports.errors.comment_required");
    expect(vi.reports.errors.comment_required).toBeTruthy();
    await expect(returnReport(province, { communeCode: "28756", month: "2026-02-01", version: 2, comment: " " })).rejects.toBeInstanceOf(FieldError);
    await returnReport(province, { communeCode: "28756", month: "2026-02-01", version: 2, comment: "Đề nghị bổ sung kỹ năng 2" });
    expect(await stored("28756", "2026-02-01")).toMatchObject({ status: "returned", review_comment: "Đề nghị bổ sung kỹ năng 2" });
    expect((await getGuidance(lead, id)).locked).toBe(false);
    expect((await getReport(lead, "28756", "2026-02-01")).status).toBe("returned");

    await submitReport(lead, { communeCode: "28756", month: "2026-02-01", version: 3 });
    expect((await getGuidance(lead, id)).locked).toBe(true);
    await approveReport(province, { communeCode: "28756", month: "2026-02-01", version: 4 });
    expect(await stored("28756", "2026-02-01")).toMatchObject({ status: "approved", review_comment: null });
    expect((await getGuidance(lead, id)).locked).toBe(true);
    await expect(approveReport(province, { communeCode: "28756", month: "2026-02-01", version: 5 })).rejects.toBeInstanceOf(FieldError);

    const actions = await queryRows(ctx.db, sql`SELECT action FROM audit_events WHERE entity = 'monthly_report' AND entity_id = '28756/2026-02-01' ORDER BY id`);
    expect(actions.map((a) => a.action)).toEqual(["report.submit", "report.return", "report.submit", "report.approve"]);
    expect(await rollupDifferences(ctx.db)).toEqual([]);
  });

  it("detects a concurrent review from the version", async () => {
    const lead = f.actors.otherLead();
    await submitReport(lead, { communeCode: f.otherCommune, month: "2026-02-01", version: 1 });
    await approveReport(f.actors.vinhLong(), { communeCode: f.otherCommune, month: "2026-02-01", version: 2 });
    const error = await returnReport(f.actors.vinhLong(), { communeCode: f.otherCommune, month: "2026-02-01", version: 2, comment: "Trả lại" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(((error as ConflictError).current as { report: { status: string } }).report.status).toBe("approved");
  });

  it("refuses a month that has not started", async () => {
    await expect(submitReport(f.actors.phuKhuong(), { communeCode: "28756", month: "2026-04-01", version: 1 })).rejects.toBeInstanceOf(FieldError);
  });
});

describe("reports: lateness in Vietnam time", () => {
  it("is on time at 23:59 on the deadline day and late from 00:00 the next day, whatever the server zone", async () => {
    for (const zone of ["America/Los_Angeles", "Pacific/Kiritimati", "UTC"]) {
      await withZone(zone, async () => {
        await ctx.db.execute(sql`DELETE FROM monthly_reports WHERE month = '2025-12-01'`);
        setClock(new Date("2026-01-05T23:59:00+07:00"));
        await submitReport(f.actors.phuKhuong(), { communeCode: "28756", month: "2025-12-01", version: 1 });
        setClock(new Date("2026-01-06T00:00:00+07:00"));
        await submitReport(f.actors.otherLead(), { communeCode: f.otherCommune, month: "2025-12-01", version: 1 });
        expect((await stored("28756", "2025-12-01")).submitted_late, zone).toBe(false);
        expect((await stored(f.otherCommune, "2025-12-01")).submitted_late, zone).toBe(true);
        const overview = await provinceReportOverview(f.actors.vinhLong(), "86", "2025-12-01");
        expect(overview.communes.find((c) => c.code === "28756")?.status).toBe("submitted");
        expect(overview.communes.find((c) => c.code === f.otherCommune)?.status).toBe("submitted_late");
        expect(overview.counts).toMatchObject({ expected: 2, submitted: 2, onTime: 1, late: 1, missing: 0 });
      });
    }
    setClock(NOW);
  });

  it("follows a changed deadline day, set by national users only and audited", async () => {
    expect(await reportDeadlineDay()).toBe(5);
    await expect(updateReportSettings(f.actors.vinhLong(), { deadlineDay: 10 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateReportSettings(f.actors.phuKhuong(), { deadlineDay: 10 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateReportSettings(f.actors.nat(), { deadlineDay: 31 })).rejects.toBeInstanceOf(FieldError);
    expect(deadlineSettingSchema.safeParse({ deadlineDay: "0" }).error?.issues[0].message).toBe("reports.errors.deadline_day_invalid");
    expect(await reportDeadlineDay()).toBe(5);
    await updateReportSettings(f.actors.nat(), { deadlineDay: 10 });
    expect((await getReportSettings(f.actors.phuKhuong())).deadlineDay).toBe(10);
    const [audit] = await queryRows(ctx.db, sql`SELECT action, before, after FROM audit_events WHERE action = 'settings.update'`);
    expect(audit).toMatchObject({ before: { deadlineDay: 5 }, after: { deadlineDay: 10 } });

    await ctx.db.execute(sql`DELETE FROM monthly_reports WHERE month = '2025-11-01'`);
    setClock(new Date("2025-12-10T23:59:00+07:00"));
    await submitReport(f.actors.phuKhuong(), { communeCode: "28756", month: "2025-11-01", version: 1 });
    setClock(new Date("2025-12-11T00:00:00+07:00"));
    await submitReport(f.actors.otherLead(), { communeCode: f.otherCommune, month: "2025-11-01", version: 1 });
    expect((await stored("28756", "2025-11-01")).submitted_late).toBe(false);
    expect((await stored(f.otherCommune, "2025-11-01")).submitted_late).toBe(true);
    expect(displayStatus(null, "2025-11-01", new Date("2025-12-10T23:59:59+07:00"), 10)).toBe("open");
    expect(displayStatus(null, "2025-11-01", new Date("2025-12-11T00:00:00+07:00"), 10)).toBe("missing");
    await updateReportSettings(f.actors.nat(), { deadlineDay: 5 });
    setClock(NOW);
  });
});

describe("reports: overviews", () => {
  it("lists missing communes for the province and counts by province for the country", async () => {
    const overview = await provinceReportOverview(f.actors.vinhLong(), "86", "2026-01-01");
    expect(overview.communes.map((c) => [c.code, c.status])).toEqual(
      [["28756", "missing"], [f.otherCommune, "missing"]].sort((a, b) => a[0].localeCompare(b[0])),
    );
    const national = await nationalReportOverview(f.actors.nat(), "2026-02-01");
    const vl = national.provinces.find((p) => p.code === "86")!;
    expect(vl.counts).toMatchObject({ expected: 2, submitted: 2, approved: 2, missing: 0 });
    const hn = national.provinces.find((p) => p.code === "01")!;
    expect(hn.counts).toMatchObject({ expected: 1, submitted: 0, open: 1, missing: 0 });
    const january = await nationalReportOverview(f.actors.nat(), "2026-01-01");
    expect(january.provinces.find((p) => p.code === "01")!.counts).toMatchObject({ expected: 1, open: 0, missing: 1 });
    expect(january.counts).toMatchObject({ expected: 3, missing: 3 });
    expect(national.provinces).toHaveLength(34);
    const months = await communeReports(f.actors.phuKhuong(), "28756");
    expect(months.months[0].month).toBe("2026-03-01");
    expect(months.months[0].status).toBe("open");
    expect(months.months.find((m) => m.month === "2026-02-01")?.status).toBe("approved");
    expect(months.months.find((m) => m.month === "2026-01-01")?.status).toBe("missing");
  });

  it("exports one row per expected commune and month within scope", async () => {
    const rows: { code: string; month: string; status: string }[] = [];
    for await (const r of exportReports(f.actors.vinhLong(), { from: "2026-01", to: "2026-02" })) rows.push(r);
    expect(rows.map((r) => `${r.code}/${r.month}/${r.status}`).sort()).toEqual(
      [`28756/2026-01-01/missing`, `28756/2026-02-01/approved`, `${f.otherCommune}/2026-01-01/missing`, `${f.otherCommune}/2026-02-01/approved`].sort(),
    );
    const missing: string[] = [];
    for await (const r of exportReports(f.actors.nat(), { month: "2026-02", status: "open" })) missing.push(r.code);
    expect(missing).toEqual(["00004"]);
  });
});

describe("reports: scope of every function", () => {
  it("refuses reads outside scope", async () => {
    for (const actor of [f.actors.baDinh(), f.actors.haNoi(), f.actors.otherLead()]) {
      await expect(getReport(actor, "28756", "2026-02-01")).rejects.toBeInstanceOf(NotFoundError);
      await expect(communeReports(actor, "28756")).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(provinceReportOverview(f.actors.haNoi(), "86", "2026-02-01")).rejects.toBeInstanceOf(NotFoundError);
    await expect(provinceReportOverview(f.actors.phuKhuong(), "86", "2026-02-01")).rejects.toBeInstanceOf(NotFoundError);
    await expect(nationalReportOverview(f.actors.vinhLong(), "2026-02-01")).rejects.toBeInstanceOf(NotFoundError);
    await expect(nationalReportOverview(f.actors.phuKhuong(), "2026-02-01")).rejects.toBeInstanceOf(NotFoundError);
    expect((await getReport(f.actors.nat(), "28756", "2026-02-01")).status).toBe("approved");
    expect((await provinceReportOverview(f.actors.nat(), "86", "2026-02-01")).communes).toHaveLength(2);
    const exported: string[] = [];
    for await (const r of exportReports(f.actors.baDinh(), { from: "2026-01", to: "2026-02" })) exported.push(r.code);
    expect(new Set(exported)).toEqual(new Set(["00004"]));
  });

  it("refuses submission and review by anyone but the commune's lead and its province, changing nothing", async () => {
    const before = { reports: await tableCount(ctx.db, "monthly_reports"), audit: await tableCount(ctx.db, "audit_events") };
    const key = { communeCode: "28756", month: "2026-03-01", version: 1 };
    for (const actor of [f.actors.baDinh(), f.actors.otherLead(), f.actors.vinhLong(), f.actors.haNoi(), f.actors.nat()]) {
      await expect(submitReport(actor, key)).rejects.toBeInstanceOf(NotFoundError);
    }
    await submitReport(f.actors.phuKhuong(), key);
    const after = { reports: await tableCount(ctx.db, "monthly_reports"), audit: await tableCount(ctx.db, "audit_events") };
    expect(after).toEqual({ reports: before.reports + 1, audit: before.audit + 1 });
    const submitted = { ...key, version: 2 };
    for (const actor of [f.actors.haNoi(), f.actors.phuKhuong(), f.actors.baDinh(), f.actors.nat()]) {
      await expect(approveReport(actor, submitted)).rejects.toBeInstanceOf(NotFoundError);
      await expect(returnReport(actor, { ...submitted, comment: "Không hợp lệ" })).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(await stored("28756", "2026-03-01")).toMatchObject({ status: "submitted" });
    expect(await tableCount(ctx.db, "audit_events")).toBe(after.audit);
  });
});
