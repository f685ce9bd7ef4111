import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { members, trainings, users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password";
import { communesWithoutLead, createCommuneLeads, getLeadPhone, updateLeadPhone } from "@/lib/dal/account-bulk";
import { setClock } from "@/lib/dal/clock";
import { communeTodo } from "@/lib/dal/commune-home";
import { FieldError, NotFoundError } from "@/lib/dal/errors";
import { recordGuidance } from "@/lib/dal/guidance";
import { reportReminders } from "@/lib/dal/report-reminders";
import { approveReport, returnReport, submitReport } from "@/lib/dal/reports";
import { communeLeadsSchema, leadPhoneSchema } from "@/lib/validation/account-bulk";
import { seedGuidanceFixtures, tableCount } from "../support/guidance-fixtures";
import { setupTestDatabase } from "../support/test-database";

const ctx = setupTestDatabase();
let f: Awaited<ReturnType<typeof seedGuidanceFixtures>>;
/** Two days before February's deadline (5 March): February is open, January is owed. */
const NOW = new Date("2026-03-03T12:00:00+07:00");

beforeAll(async () => {
  f = await seedGuidanceFixtures(ctx.db);
  setClock(NOW);
});
afterAll(() => setClock(null));

describe("commune lead's to-do list", () => {
  it("names the report due next with its deadline and the earlier months still owed", async () => {
    const todo = await communeTodo(f.actors.phuKhuong());
    expect(todo.due).toMatchObject({ month: "2026-02-01", status: "open", deadline: "2026-03-05", daysLeft: 2 });
    expect(todo.overdue.map((r) => r.month)).toContain("2026-01-01");
    expect(todo.overdue.every((r) => r.status === "missing")).toBe(true);
  });

  it("drops a month from the owed list once its report is sent, and shows a returned one again", async () => {
    const lead = f.actors.phuKhuong();
    await submitReport(lead, { communeCode: "28756", month: "2026-01-01", version: 1 });
    expect((await communeTodo(lead)).overdue.map((r) => r.month)).not.toContain("2026-01-01");
    await returnReport(f.actors.vinhLong(), { communeCode: "28756", month: "2026-01-01", version: 2, comment: "Thiếu số liệu kỹ năng 3" });
    const back = (await communeTodo(lead)).overdue.find((r) => r.month === "2026-01-01");
    expect(back?.status).toBe("returned");
  });

  it("does not count as owed a month in which the commune had no active team", async () => {
    const [{ code }] = await queryRows<{ code: string }>(ctx.db, sql`SELECT code FROM communes WHERE province_code = '86' AND code NOT IN ('28756', ${f.otherCommune}) ORDER BY code LIMIT 1`);
    const [u] = await ctx.db.insert(users).values({ username: "noteam", fullName: "x", passwordHash: "x", role: "commune", provinceCode: "86", communeCode: code }).returning();
    const todo = await communeTodo({ ...f.actors.otherLead(), userId: u.id, communeCode: code });
    expect(todo.overdue).toEqual([]);
    expect(todo.due).toBeNull();
    expect(todo.dueMonth).toBe("2026-02-01");
  });

  it("lists what the due month lacks: teams without records, teams without a leader, trainings without attendance", async () => {
    const lead = f.actors.phuKhuong();
    await recordGuidance(lead, [{ teamId: f.teams.pk1, guidedOn: "2026-02-10", skill: 1, targetGroup: "elderly", householdsVisited: 3, peopleGuided: 7, peopleCompleted: 2, note: null }]);
    await ctx.db.insert(members).values({ teamId: f.teams.pk1, provinceCode: "86", communeCode: "28756", fullName: "Tổ trưởng", gender: "female", position: "leader" });
    const [training] = await ctx.db
      .insert(trainings)
      .values({ level: "commune", provinceCode: "86", communeCode: "28756", title: "Tập huấn VNeID", heldOn: "2026-02-20", hours: 2, format: "in_person" })
      .returning();
    const todo = await communeTodo(lead);
    expect(todo.gaps.teamsWithoutGuidance.map((t) => t.id)).toEqual([f.teams.pk2]);
    expect(todo.gaps.teamsWithoutLeader.map((t) => t.id)).toEqual([f.teams.pk2]);
    expect(todo.gaps.trainingsWithoutAttendance.map((t) => t.id)).toEqual([training.id]);
    expect(todo.due).toMatchObject({ records: 1, peopleGuided: 7 });
    expect(todo.recent.guidance[0]).toMatchObject({ team: "Tổ CNSCĐ Khóm 1", peopleGuided: 7 });
    expect(todo.recent.trainings[0]).toMatchObject({ id: training.id, attendees: 0 });
  });

  it("shows a commune lead only their own commune's records", async () => {
    const todo = await communeTodo(f.actors.baDinh());
    expect(todo.communeCode).toBe("00004");
    expect(todo.recent.guidance).toEqual([]);
    expect(todo.gaps.teamsWithoutGuidance.map((t) => t.id)).toEqual([f.teams.baDinh]);
  });

  it("is refused to provincial and national users", async () => {
    await expect(communeTodo(f.actors.vinhLong())).rejects.toBeInstanceOf(NotFoundError);
    await expect(communeTodo(f.actors.nat())).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("report reminders", () => {
  it("lists the province's communes that still owe last month's report, with their leads", async () => {
    await ctx.db.update(users).set({ phone: "0912345678" }).where(sql`username = 'pkh'`);
    const r = await reportReminders(f.actors.vinhLong());
    expect(r.month).toBe("2026-02-01");
    expect(r.deadline).toBe("2026-03-05");
    expect(r.daysLeft).toBe(2);
    const codes = r.communes.map((c) => c.code);
    expect(codes).toEqual(expect.arrayContaining(["28756", f.otherCommune]));
    expect(codes.every((c) => c !== "00004")).toBe(true);
    expect(r.communes.find((c) => c.code === "28756")).toMatchObject({ status: "open", leads: [{ fullName: "pkh", phone: "0912345678" }] });
    expect(r.expected).toBe(2);
  });

  it("leaves out communes whose report is sent and shows a returned one", async () => {
    const lead = f.actors.phuKhuong();
    await submitReport(lead, { communeCode: "28756", month: "2026-02-01", version: 1 });
    let r = await reportReminders(f.actors.vinhLong(), "2026-02-01");
    expect(r.communes.map((c) => c.code)).not.toContain("28756");
    expect(r.submitted).toBe(1);
    await returnReport(f.actors.vinhLong(), { communeCode: "28756", month: "2026-02-01", version: 2, comment: "Bổ sung" });
    r = await reportReminders(f.actors.vinhLong(), "2026-02-01");
    expect(r.communes.find((c) => c.code === "28756")?.status).toBe("returned");
    await submitReport(lead, { communeCode: "28756", month: "2026-02-01", version: 3 });
    await approveReport(f.actors.vinhLong(), { communeCode: "28756", month: "2026-02-01", version: 4 });
  });

  it("marks an earlier month's unsent reports as missing", async () => {
    const r = await reportReminders(f.actors.vinhLong(), "2025-12-01");
    expect(r.communes.find((c) => c.code === f.otherCommune)?.status).toBe("missing");
  });

  it("leaves out communes without an active team in the month: they owe no report for it", async () => {
    // Every fixture team was established on 1 January 2024.
    const r = await reportReminders(f.actors.vinhLong(), "2023-12-01");
    expect(r).toMatchObject({ expected: 0, communes: [] });
    expect((await reportReminders(f.actors.vinhLong(), "2024-01-01")).expected).toBe(2);
  });

  it("shows a provincial admin only their own province", async () => {
    const r = await reportReminders(f.actors.haNoi());
    expect(r.communes.map((c) => c.code)).toEqual(["00004"]);
  });

  it("is refused to commune leads and national users", async () => {
    await expect(reportReminders(f.actors.phuKhuong())).rejects.toBeInstanceOf(NotFoundError);
    await expect(reportReminders(f.actors.nat())).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("bulk commune-lead accounts", () => {
  const form = (entries: Record<string, string>) => communeLeadsSchema.parse(entries);

  it("lists only the caller's communes without an enabled lead account", async () => {
    const list = await communesWithoutLead(f.actors.vinhLong());
    const codes = list.map((c) => c.code);
    expect(codes).not.toContain("28756");
    expect(codes).not.toContain(f.otherCommune);
    expect(codes.length).toBeGreaterThan(50);
    expect(list.every((c) => /^[a-z0-9]+\.\d{5}$/.test(c.username))).toBe(true);
    const [{ n }] = await queryRows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM communes WHERE province_code = '86'`);
    const [{ led }] = await queryRows<{ led: number }>(ctx.db, sql`SELECT count(DISTINCT commune_code)::int AS led FROM users WHERE role = 'commune' AND province_code = '86'`);
    expect(led).toBeGreaterThanOrEqual(2);
    expect(codes.length).toBe(n - led);
  });

  it("creates every chosen account in one go with temporary passwords that must be changed, audited", async () => {
    const [a, b] = await communesWithoutLead(f.actors.vinhLong());
    const auditsBefore = await tableCount(ctx.db, "audit_events");
    const sheet = await createCommuneLeads(f.actors.vinhLong(), form({ [`pick_${a.code}`]: "1", [`name_${a.code}`]: "Nguyễn Văn An", [`phone_${a.code}`]: "0912 345 678", [`pick_${b.code}`]: "1" }));
    expect(sheet.map((s) => s.username)).toEqual([a.username, b.username]);
    expect(sheet[0]).toMatchObject({ fullName: "Nguyễn Văn An", phone: "0912345678" });
    expect(sheet[1].fullName).toBe(`CNSCĐ ${b.name}`);
    const rows = await queryRows(ctx.db, sql`SELECT username, password_hash, must_change_password, role, province_code, commune_code FROM users WHERE commune_code IN (${a.code}, ${b.code}) ORDER BY username`);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toMatchObject({ must_change_password: true, role: "commune", province_code: "86" });
      const entry = sheet.find((s) => s.username === row.username)!;
      expect(await verifyPassword(String(row.password_hash), entry.password)).toBe(true);
    }
    expect(await tableCount(ctx.db, "audit_events")).toBe(auditsBefore + 2);
    const audits = await queryRows(ctx.db, sql`SELECT after FROM audit_events WHERE action = 'account.create' ORDER BY id DESC LIMIT 2`);
    expect(JSON.stringify(audits)).not.toContain(sheet[0].password);
    expect((await communesWithoutLead(f.actors.vinhLong())).map((c) => c.code)).not.toContain(a.code);
  });

  it("writes nothing when one chosen commune is out of scope or already has a lead", async () => {
    const [free] = await communesWithoutLead(f.actors.vinhLong());
    const usersBefore = await tableCount(ctx.db, "users");
    const auditsBefore = await tableCount(ctx.db, "audit_events");
    for (const other of ["00004", "28756"]) {
      const error = await createCommuneLeads(f.actors.vinhLong(), form({ [`pick_${free.code}`]: "1", [`pick_${other}`]: "1" })).catch((e) => e);
      expect(error).toBeInstanceOf(FieldError);
      expect(Object.keys((error as FieldError).fieldErrors)).toEqual([`pick_${other}`]);
    }
    expect(await tableCount(ctx.db, "users")).toBe(usersBefore);
    expect(await tableCount(ctx.db, "audit_events")).toBe(auditsBefore);
  });

  it("gives a free account name when the proposed one is taken", async () => {
    const [free] = await communesWithoutLead(f.actors.vinhLong());
    await ctx.db.insert(users).values({ username: free.username, fullName: "x", passwordHash: "x", role: "provincial", provinceCode: "86" });
    const [entry] = await createCommuneLeads(f.actors.vinhLong(), form({ [`pick_${free.code}`]: "1" }));
    expect(entry.username).toBe(`${free.username}-2`);
  });

  it("is refused to commune leads and national users, and to another province's communes", async () => {
    await expect(communesWithoutLead(f.actors.phuKhuong())).rejects.toBeInstanceOf(NotFoundError);
    await expect(communesWithoutLead(f.actors.nat())).rejects.toBeInstanceOf(NotFoundError);
    const [free] = await communesWithoutLead(f.actors.vinhLong());
    await expect(createCommuneLeads(f.actors.nat(), form({ [`pick_${free.code}`]: "1" }))).rejects.toBeInstanceOf(NotFoundError);
    await expect(createCommuneLeads(f.actors.phuKhuong(), form({ [`pick_${free.code}`]: "1" }))).rejects.toBeInstanceOf(NotFoundError);
    await expect(createCommuneLeads(f.actors.haNoi(), form({ [`pick_${free.code}`]: "1" }))).rejects.toBeInstanceOf(FieldError);
    expect((await communesWithoutLead(f.actors.vinhLong())).map((c) => c.code)).toContain(free.code);
  });

  it("reports each bad field of the form at once", () => {
    const r = communeLeadsSchema.safeParse({ pick_86001: "1", phone_86001: "12345", name_86001: "x".repeat(121) });
    expect(r.success).toBe(false);
    expect(Object.keys(r.error!.flatten().fieldErrors).sort()).toEqual(["name_86001", "phone_86001"]);
    expect(communeLeadsSchema.safeParse({}).success).toBe(false);
  });
});

describe("a commune lead's phone number", () => {
  const leadId = async () => {
    const [r] = await queryRows<{ id: number }>(ctx.db, sql`SELECT id FROM users WHERE role = 'commune' AND commune_code = '28756' ORDER BY id LIMIT 1`);
    return Number(r.id);
  };

  it("is set in national form from the usual ways of writing it, cleared when empty, and each change audited with before and after", async () => {
    const id = await leadId();
    const admin = f.actors.vinhLong();
    const initial = await getLeadPhone(admin, id);
    const auditsBefore = await tableCount(ctx.db, "audit_events");
    await updateLeadPhone(admin, leadPhoneSchema.parse({ id: String(id), phone: "+84 358.123.456" }));
    expect(await getLeadPhone(admin, id)).toBe("0358123456");
    await updateLeadPhone(admin, leadPhoneSchema.parse({ id: String(id), phone: "024 3987 6543" }));
    await updateLeadPhone(admin, leadPhoneSchema.parse({ id: String(id), phone: "024 3987 6543" }));
    expect(await getLeadPhone(admin, id)).toBe("02439876543");
    await updateLeadPhone(admin, leadPhoneSchema.parse({ id: String(id), phone: " " }));
    expect(await getLeadPhone(admin, id)).toBeNull();
    expect(await tableCount(ctx.db, "audit_events")).toBe(auditsBefore + 3);
    const audits = await queryRows<{ before: { phone: string | null }; after: { phone: string | null } }>(
      ctx.db,
      sql`SELECT before, after FROM audit_events WHERE action = 'account.update' AND entity_id = ${String(id)} ORDER BY id DESC LIMIT 3`,
    );
    expect(audits.map((a) => [a.before.phone, a.after.phone])).toEqual([
      ["02439876543", null],
      ["0358123456", "02439876543"],
      [initial, "0358123456"],
    ]);
  });

  it("refuses a number that is not Vietnamese, next to the field", () => {
    for (const phone of ["12345", "0112345678", "+1 212 555 0100", "09123456789012345"]) {
      const r = leadPhoneSchema.safeParse({ id: "1", phone });
      expect(r.success).toBe(false);
      expect(r.error!.flatten().fieldErrors).toEqual({ phone: ["phone_invalid"] });
    }
  });

  it("is changed only by the provincial admin of the lead's province", async () => {
    const id = await leadId();
    for (const caller of [f.actors.haNoi(), f.actors.nat(), f.actors.phuKhuong()]) {
      await expect(updateLeadPhone(caller, { id, phone: "0987654321" })).rejects.toBeInstanceOf(NotFoundError);
      await expect(getLeadPhone(caller, id)).rejects.toBeInstanceOf(NotFoundError);
    }
    // A provincial account is not a commune lead, even in the admin's own province.
    const [own] = await queryRows<{ id: number }>(ctx.db, sql`SELECT id FROM users WHERE role = 'provincial' AND province_code = '86' LIMIT 1`);
    await expect(updateLeadPhone(f.actors.vinhLong(), { id: Number(own.id), phone: "0987654321" })).rejects.toBeInstanceOf(NotFoundError);
    expect(await getLeadPhone(f.actors.vinhLong(), id)).not.toBe("0987654321");
  });
});
