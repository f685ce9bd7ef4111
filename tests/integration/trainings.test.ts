import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { hamlets, members, teams, trainingAttendance, trainings, users } from "@/db/schema";
import { vnToday } from "@/lib/domain/period";
import { ConflictError, FieldError, NotFoundError } from "@/lib/dal/errors";
import {
  createTraining,
  exportTrainingAttendance,
  exportTrainings,
  getTraining,
  getTrainingForEdit,
  listTeamAttendees,
  listTrainingAttendance,
  listTrainings,
  removeTraining,
  searchAttendees,
  trainingPlaceProblems,
  updateTraining,
  type TrainingForEdit,
} from "@/lib/dal/trainings";
import { trainingCreateSchema, trainingListSchema, trainingPlace, type TrainingCreateInput } from "@/lib/validation/trainings";
import { communeActor, nationalActor, provincialActor } from "../support/actors";
import { setupTestDatabase } from "../support/test-database";

const ctx = setupTestDatabase();
const ids: Record<string, number> = {};
let otherCommune86: string;
const nat = () => nationalActor(ids.nat);
const vinhLong = () => provincialActor("86", ids.vla);
const haNoi = () => provincialActor("01", ids.hna);
const phuKhuong = () => communeActor("86", "28756", ids.pkh);
const baDinh = () => communeActor("01", "00004", ids.bdi);
const neighbour = () => communeActor("86", otherCommune86, ids.ngb);
const list = (params = {}) => trainingListSchema.parse(params);
const page = { page: 1, pageSize: 100 };

/** Teams and members created for these tests, by key. */
const team: Record<string, number> = {};
const member: Record<string, number> = {};

async function addTeam(key: string, provinceCode: string, communeCode: string, people: { name: string; phone?: string; leader?: boolean }[]) {
  const [h] = await ctx.db.insert(hamlets).values({ provinceCode, communeCode, name: `Khu phố ${key}`, kind: "khu_pho" }).returning();
  const [t] = await ctx.db.insert(teams).values({ provinceCode, communeCode, hamletId: h.id, name: `Tổ CNSCĐ ${key}` }).returning();
  team[key] = t.id;
  for (const p of people) {
    const [m] = await ctx.db
      .insert(members)
      .values({ teamId: t.id, provinceCode, communeCode, fullName: p.name, gender: "female", phone: p.phone ?? null, position: p.leader ? "leader" : "member" })
      .returning();
    member[p.name] = m.id;
  }
}

async function auditRows(action?: string) {
  return queryRows<{ action: string; entity_id: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null; province_code: string | null; commune_code: string | null }>(
    ctx.db,
    action
      ? sql`SELECT action, entity_id, before, after, province_code, commune_code FROM audit_events WHERE action = ${action} ORDER BY id`
      : sql`SELECT action, entity_id, before, after, province_code, commune_code FROM audit_events ORDER BY id`,
  );
}

async function rollupDifferences() {
  return queryRows(ctx.db, sql`SELECT * FROM rollup_differences()`);
}

async function attendanceOf(trainingId: number) {
  const rows = await ctx.db.select().from(trainingAttendance).where(eq(trainingAttendance.trainingId, trainingId));
  return rows.sort((a, b) => a.memberId - b.memberId);
}

function daysAgo(n: number) {
  return new Date(Date.parse(`${vnToday()}T00:00:00Z`) - n * 86400_000).toISOString().slice(0, 10);
}

const base = (over: Partial<TrainingCreateInput> = {}): TrainingCreateInput => ({
  title: "Tập huấn kỹ năng số cơ bản",
  topics: ["vneid", "skill_payment"],
  heldOn: daysAgo(40),
  hours: 2,
  format: "in_person",
  location: "Nhà văn hóa khu phố 1",
  outsideParticipants: 3,
  memberIds: [],
  ...over,
});

async function fieldErrors(work: () => Promise<unknown>): Promise<Record<string, string[]>> {
  const error = await work().then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(FieldError);
  return (error as FieldError).fieldErrors;
}

beforeAll(async () => {
  const [c] = await queryRows<{ code: string }>(ctx.db, sql`SELECT code FROM communes WHERE province_code = '86' AND code <> '28756' ORDER BY code LIMIT 1`);
  otherCommune86 = c.code;
  const rows = await ctx.db
    .insert(users)
    .values(
      [
        { username: "nat", role: "national" as const, provinceCode: null, communeCode: null },
        { username: "vla", role: "provincial" as const, provinceCode: "86", communeCode: null },
        { username: "hna", role: "provincial" as const, provinceCode: "01", communeCode: null },
        { username: "pkh", role: "commune" as const, provinceCode: "86", communeCode: "28756" },
        { username: "bdi", role: "commune" as const, provinceCode: "01", communeCode: "00004" },
        { username: "ngb", role: "commune" as const, provinceCode: "86", communeCode: otherCommune86 },
      ].map((u) => ({ ...u, fullName: u.username, passwordHash: "not-used" })),
    )
    .returning();
  for (const r of rows) ids[r.username] = r.id;
  await addTeam("PK1", "86", "28756", [
    { name: "Nguyễn Thị Ánh", phone: "0912345678", leader: true },
    { name: "Trần Thị Bích" },
    { name: "Lê Thị Cúc" },
  ]);
  await addTeam("PK2", "86", "28756", [{ name: "Phạm Văn Đức", phone: "0987654321", leader: true }, { name: "Võ Thị Én" }]);
  await addTeam("NB", "86", otherCommune86, [{ name: "Huỳnh Thị Giang", leader: true }]);
  await addTeam("BD", "01", "00004", [{ name: "Đỗ Văn Hải", phone: "0901112223", leader: true }]);
});

describe("trainings: create, edit, remove", () => {
  let id: number;

  it("a commune lead finds a whole team and a member by a name without diacritics", async () => {
    const found = await searchAttendees(phuKhuong(), { q: "pham van duc" });
    expect(found.members.map((m) => m.fullName)).toEqual(["Phạm Văn Đức"]);
    expect(found.members[0].phone).toBe("0987 654 321");
    const teamsFound = await searchAttendees(phuKhuong(), { q: "" });
    expect(teamsFound.teams.map((t) => t.name)).toEqual(["Tổ CNSCĐ PK1", "Tổ CNSCĐ PK2"]);
    expect(teamsFound.teams[0].members).toBe(3);
    const whole = await listTeamAttendees(phuKhuong(), team.PK1);
    expect(whole.map((m) => m.fullName).sort()).toEqual(["Lê Thị Cúc", "Nguyễn Thị Ánh", "Trần Thị Bích"]);
  });

  it("creates a commune training with a whole team and one searched member, audited, roll-ups in step", async () => {
    const whole = await listTeamAttendees(phuKhuong(), team.PK1);
    const [searched] = (await searchAttendees(phuKhuong(), { q: "duc" })).members;
    id = await createTraining(phuKhuong(), base({ memberIds: [...whole.map((m) => m.id), searched.id], unitCode: "28756" }));
    const t = await getTraining(phuKhuong(), id);
    expect(t).toMatchObject({ level: "commune", provinceCode: "86", communeCode: "28756", attendance: 4, canManage: true, hours: 2, outsideParticipants: 3 });
    expect(t.topics).toEqual(["skill_payment", "vneid"]);
    const [audit] = await auditRows("training.create");
    expect(audit).toMatchObject({ entity_id: String(id), province_code: "86", commune_code: "28756" });
    expect(audit.after).toMatchObject({ title: "Tập huấn kỹ năng số cơ bản", attendance: 4 });
    expect(await rollupDifferences()).toEqual([]);
    const [stats] = await queryRows(
      ctx.db,
      sql`SELECT trainings, attendances, outside_participants FROM training_unit_month WHERE unit_code = '28756' AND month = date_trunc('month', ${base().heldOn}::date)::date`,
    );
    expect(stats).toEqual({ trainings: 1, attendances: 4, outside_participants: 3 });
  });

  it("edits the training and its attendance in one transaction: moved date, a member removed, a team added", async () => {
    const current = await getTrainingForEdit(phuKhuong(), id);
    const keep = current.attendees.filter((a) => a.fullName !== "Trần Thị Bích").map((a) => a.id);
    const secondTeam = await listTeamAttendees(phuKhuong(), team.PK2);
    const newDate = daysAgo(75);
    await updateTraining(phuKhuong(), {
      ...base({ title: "Tập huấn VNeID mức 2", heldOn: newDate, hours: "1,5", memberIds: [...keep, ...secondTeam.map((m) => m.id)] }),
      id,
      version: current.version,
    });
    const after = await getTraining(phuKhuong(), id);
    expect(after).toMatchObject({ title: "Tập huấn VNeID mức 2", heldOn: newDate, hours: 1.5, version: current.version + 1, attendance: 4 });
    const attendance = await attendanceOf(id);
    expect(attendance.map((a) => a.memberId)).not.toContain(member["Trần Thị Bích"]);
    expect(attendance.map((a) => a.memberId)).toContain(member["Võ Thị Én"]);
    expect(attendance.every((a) => a.heldOn === newDate)).toBe(true);
    const [bich] = await ctx.db.select().from(members).where(eq(members.id, member["Trần Thị Bích"]));
    expect(bich.lastTrainedOn).toBeNull();
    const [en] = await ctx.db.select().from(members).where(eq(members.id, member["Võ Thị Én"]));
    expect(en.lastTrainedOn).toBe(newDate);
    const [audit] = await auditRows("training.update");
    expect(audit.before).toMatchObject({ title: "Tập huấn kỹ năng số cơ bản", attendance: 4 });
    expect(audit.after).toMatchObject({ title: "Tập huấn VNeID mức 2", heldOn: newDate, attendance: 4, attendanceRemoved: [member["Trần Thị Bích"]] });
    expect(audit.after?.attendanceAdded).toEqual([member["Võ Thị Én"]]);
    expect(await rollupDifferences()).toEqual([]);
  });

  it("detects a concurrent edit and returns the current version instead of overwriting", async () => {
    const seen = await getTrainingForEdit(phuKhuong(), id);
    const memberIds = seen.attendees.map((a) => a.id);
    await updateTraining(phuKhuong(), { ...base({ title: "Sửa lần thứ nhất", heldOn: seen.heldOn, memberIds }), id, version: seen.version });
    const error = await updateTraining(phuKhuong(), { ...base({ title: "Sửa lần thứ hai", heldOn: seen.heldOn, memberIds: [] }), id, version: seen.version }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConflictError);
    const current = (error as ConflictError<TrainingForEdit>).current;
    expect(current.title).toBe("Sửa lần thứ nhất");
    expect(current.version).toBe(seen.version + 1);
    expect(current.attendees).toHaveLength(memberIds.length);
    expect((await attendanceOf(id)).length).toBe(memberIds.length);
    await expect(removeTraining(phuKhuong(), { id, version: seen.version })).rejects.toBeInstanceOf(ConflictError);
    expect((await getTraining(phuKhuong(), id)).title).toBe("Sửa lần thứ nhất");
  });

  it("removes the training: audited, gone from lists and roll-ups, members no longer counted as trained", async () => {
    const current = await getTrainingForEdit(phuKhuong(), id);
    await removeTraining(phuKhuong(), { id, version: current.version });
    await expect(getTraining(phuKhuong(), id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listTrainings(phuKhuong(), list())).rows.map((r) => r.id)).not.toContain(id);
    const [audit] = await auditRows("training.remove");
    expect(audit).toMatchObject({ entity_id: String(id), commune_code: "28756" });
    expect(audit.before).toMatchObject({ title: "Sửa lần thứ nhất" });
    const [en] = await ctx.db.select().from(members).where(eq(members.id, member["Võ Thị Én"]));
    expect(en.lastTrainedOn).toBeNull();
    expect(await rollupDifferences()).toEqual([]);
    await expect(removeTraining(phuKhuong(), { id, version: current.version + 1 })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("trainings: validation messages", () => {
  it("returns a message key for every bad field", async () => {
    const cases: [Partial<TrainingCreateInput>, string, string][] = [
      [{ hours: -1 }, "hours", "trainings.errors.hours_invalid"],
      [{ hours: "abc" }, "hours", "trainings.errors.hours_invalid"],
      [{ hours: "" }, "hours", "errors.required"],
      [{ hours: 2.25 }, "hours", "trainings.errors.hours_invalid"],
      [{ outsideParticipants: -3 }, "outsideParticipants", "trainings.errors.outside_invalid"],
      [{ outsideParticipants: "nhiều" }, "outsideParticipants", "trainings.errors.outside_invalid"],
      [{ outsideParticipants: 1.5 }, "outsideParticipants", "trainings.errors.outside_invalid"],
      [{ title: "  " }, "title", "errors.required"],
      [{ title: undefined }, "title", "errors.required"],
      [{ format: "online", location: "" }, "location", "trainings.errors.link_required"],
      [{ format: "online", location: "Hội trường UBND" }, "location", "trainings.errors.link_invalid"],
      [{ format: "in_person", location: "" }, "location", "trainings.errors.location_required"],
      [{ topics: ["vneid", "astrology"] }, "topics", "trainings.errors.topic_unknown"],
      [{ topics: [] }, "topics", "trainings.errors.topics_required"],
      [{ heldOn: "2026-02-30" }, "heldOn", "trainings.errors.date_invalid"],
      [{ heldOn: "2019-12-31" }, "heldOn", "trainings.errors.date_out_of_range"],
      [{ heldOn: "2099-01-01" }, "heldOn", "trainings.errors.date_out_of_range"],
    ];
    for (const [over, field, key] of cases) {
      const parsed = trainingCreateSchema.safeParse(base(over));
      expect(parsed.success, JSON.stringify(over)).toBe(false);
      const errors = await fieldErrors(() => createTraining(phuKhuong(), base(over)));
      expect(errors[field], JSON.stringify(over)).toContain(key);
    }
  });

  it("accepts an online training with a link, comma decimals and planned dates without attendance", async () => {
    const tomorrow = new Date(Date.parse(`${vnToday()}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);
    const parsed = trainingCreateSchema.parse(base({ format: "online", location: "https://meet.example.vn/abc", hours: "1,5", outsideParticipants: "", heldOn: tomorrow }));
    expect(parsed).toMatchObject({ hours: 1.5, outsideParticipants: 0, heldOn: tomorrow });
    const errors = await fieldErrors(() => createTraining(phuKhuong(), base({ heldOn: tomorrow, memberIds: [member["Lê Thị Cúc"]] })));
    expect(errors.memberIds).toContain("trainings.errors.attendance_future");
  });

  it("writes nothing for invalid input", async () => {
    const [{ n }] = await queryRows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM trainings WHERE title LIKE 'Tập huấn kỹ năng số cơ bản'`);
    expect(n).toBe(0);
  });
});

describe("trainings: scope of every function", () => {
  let communeTraining: number;
  let provincialTraining: number;
  let nationalTraining: number;

  beforeAll(async () => {
    communeTraining = await createTraining(phuKhuong(), base({ title: "Lớp Phú Khương", memberIds: [member["Nguyễn Thị Ánh"], member["Lê Thị Cúc"]] }));
    provincialTraining = await createTraining(
      vinhLong(),
      base({ title: "Lớp tỉnh Vĩnh Long", memberIds: [member["Nguyễn Thị Ánh"], member["Huỳnh Thị Giang"]], heldOn: daysAgo(20) }),
    );
    nationalTraining = await createTraining(
      nat(),
      base({ title: "Lớp Trung ương", format: "online", location: "https://meet.example.vn/tw", memberIds: [member["Phạm Văn Đức"], member["Đỗ Văn Hải"]] }),
    );
    expect(await rollupDifferences()).toEqual([]);
  });

  it("places each training at its organiser's level and unit", async () => {
    expect(await getTraining(vinhLong(), provincialTraining)).toMatchObject({ level: "provincial", provinceCode: "86", communeCode: null, attendance: 2 });
    expect(await getTraining(nat(), nationalTraining)).toMatchObject({ level: "national", provinceCode: null, communeCode: null, attendance: 2 });
  });

  it("lists what each caller may see", async () => {
    const titles = async (actor: Parameters<typeof listTrainings>[0]) => (await listTrainings(actor, list())).rows.map((r) => r.title).sort();
    expect(await titles(nat())).toEqual(["Lớp Phú Khương", "Lớp Trung ương", "Lớp tỉnh Vĩnh Long"]);
    expect(await titles(vinhLong())).toEqual(["Lớp Phú Khương", "Lớp Trung ương", "Lớp tỉnh Vĩnh Long"]);
    expect(await titles(phuKhuong())).toEqual(["Lớp Phú Khương", "Lớp Trung ương", "Lớp tỉnh Vĩnh Long"]);
    expect(await titles(neighbour())).toEqual(["Lớp tỉnh Vĩnh Long"]);
    expect(await titles(haNoi())).toEqual(["Lớp Trung ương"]);
    expect(await titles(baDinh())).toEqual(["Lớp Trung ương"]);
  });

  it("filters, searches without diacritics and sorts in SQL", async () => {
    const titles = async (params: Record<string, string>) => (await listTrainings(nat(), list(params))).rows.map((r) => r.title);
    expect(await titles({ q: "lop tinh" })).toEqual(["Lớp tỉnh Vĩnh Long"]);
    expect(await titles({ level: "commune" })).toEqual(["Lớp Phú Khương"]);
    expect(await titles({ format: "online" })).toEqual(["Lớp Trung ương"]);
    expect(await titles({ topic: "vneid", province: "86", sort: "title", dir: "asc" })).toEqual(["Lớp Phú Khương", "Lớp tỉnh Vĩnh Long"]);
    expect(await titles({ commune: "28756" })).toEqual(["Lớp Phú Khương"]);
    expect(await titles({ from: daysAgo(30), to: vnToday() })).toEqual(["Lớp tỉnh Vĩnh Long"]);
    expect(await titles({ sort: "heldOn", dir: "desc" })).toEqual(["Lớp tỉnh Vĩnh Long", "Lớp Trung ương", "Lớp Phú Khương"]);
    expect(await titles({ sort: "attendance", dir: "asc", level: "commune" })).toEqual(["Lớp Phú Khương"]);
    expect(await titles({ sort: "unit", dir: "asc", province: "86" })).toEqual(["Lớp Phú Khương", "Lớp tỉnh Vĩnh Long"]);
    // Nationwide only the date order has an index: another order falls back to it.
    expect(await titles({ sort: "unit", dir: "asc" })).toEqual(["Lớp tỉnh Vĩnh Long", "Lớp Trung ương", "Lớp Phú Khương"]);
    expect(await titles({ sort: "unit", dir: "asc", level: "commune" })).toEqual(["Lớp Phú Khương"]);
    const { total } = await listTrainings(nat(), list({ pageSize: "10", page: "2" }));
    expect(total).toBe(3);
  });

  it("reads a training only within scope; attendance only of the caller's own members", async () => {
    await expect(getTraining(baDinh(), communeTraining)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getTraining(haNoi(), communeTraining)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getTraining(neighbour(), communeTraining)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getTraining(haNoi(), provincialTraining)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getTraining(vinhLong(), communeTraining)).canManage).toBe(false);
    expect((await getTraining(phuKhuong(), provincialTraining)).canManage).toBe(false);
    await expect(listTrainingAttendance(baDinh(), communeTraining, page)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listTrainingAttendance(haNoi(), communeTraining, page)).rejects.toBeInstanceOf(NotFoundError);
    const ownOnly = await listTrainingAttendance(phuKhuong(), provincialTraining, page);
    expect(ownOnly.rows.map((r) => r.fullName)).toEqual(["Nguyễn Thị Ánh"]);
    expect(ownOnly.training.attendance).toBe(2);
    const hanoiView = await listTrainingAttendance(haNoi(), nationalTraining, page);
    expect(hanoiView.rows.map((r) => r.fullName)).toEqual(["Đỗ Văn Hải"]);
    expect(hanoiView.rows[0].phone).toBe("0901 112 223");
  });

  it("masks phone numbers for national users", async () => {
    const all = await listTrainingAttendance(nat(), nationalTraining, page);
    const duc = all.rows.find((r) => r.fullName === "Phạm Văn Đức")!;
    expect(duc.phone).toBe("09xx xxx 321");
    const found = await searchAttendees(nat(), { q: "nguyen thi anh" });
    expect(found.members[0].phone).toBe("09xx xxx 678");
  });

  it("opens the edit view only for the organiser", async () => {
    for (const actor of [vinhLong(), haNoi(), baDinh(), neighbour(), nat()]) {
      await expect(getTrainingForEdit(actor, communeTraining)).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(getTrainingForEdit(phuKhuong(), provincialTraining)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getTrainingForEdit(vinhLong(), nationalTraining)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("searches candidates and teams only within the caller's scope", async () => {
    expect((await searchAttendees(baDinh(), { q: "nguyen thi anh" })).members).toEqual([]);
    expect((await searchAttendees(haNoi(), { q: "" })).teams.map((t) => t.name)).toEqual(["Tổ CNSCĐ BD"]);
    expect((await searchAttendees(vinhLong(), { q: "giang" })).members.map((m) => m.fullName)).toEqual(["Huỳnh Thị Giang"]);
    await expect(listTeamAttendees(baDinh(), team.PK1)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listTeamAttendees(neighbour(), team.PK1)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listTeamAttendees(haNoi(), team.PK1)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses creations outside the caller's unit or with attendees outside it, writing nothing", async () => {
    const before = (await auditRows()).length;
    const refusals: [() => Promise<unknown>, string][] = [
      [() => createTraining(nat(), base({ title: "Từ chối 1", unitCode: "28756" })), "unitCode"],
      [() => createTraining(vinhLong(), base({ title: "Từ chối 2", unitCode: "28756" })), "unitCode"],
      [() => createTraining(haNoi(), base({ title: "Từ chối 3", unitCode: "86" })), "unitCode"],
      [() => createTraining(baDinh(), base({ title: "Từ chối 4", unitCode: "28756" })), "unitCode"],
      [() => createTraining(phuKhuong(), base({ title: "Từ chối 5", unitCode: "VN" })), "unitCode"],
      [() => createTraining(phuKhuong(), base({ title: "Từ chối 6", memberIds: [member["Lê Thị Cúc"], member["Đỗ Văn Hải"]] })), "memberIds"],
      [() => createTraining(phuKhuong(), base({ title: "Từ chối 7", memberIds: [member["Huỳnh Thị Giang"]] })), "memberIds"],
      [() => createTraining(haNoi(), base({ title: "Từ chối 8", memberIds: [member["Nguyễn Thị Ánh"]] })), "memberIds"],
      [() => createTraining(phuKhuong(), base({ title: "Từ chối 9", memberIds: [999999] })), "memberIds"],
    ];
    for (const [attempt, field] of refusals) {
      const errors = await fieldErrors(attempt);
      expect(Object.keys(errors)).toEqual([field]);
    }
    const [{ n }] = await queryRows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM trainings WHERE title LIKE 'Từ chối%'`);
    expect(n).toBe(0);
    expect((await auditRows()).length).toBe(before);
  });

  it("refuses edits and removals by anyone but the organiser, and out-of-scope attendees, changing nothing", async () => {
    const current = await getTrainingForEdit(phuKhuong(), communeTraining);
    const edit = (over: Partial<TrainingCreateInput> = {}) => ({
      ...base({ title: "Sửa trái phép", heldOn: current.heldOn, memberIds: current.attendees.map((a) => a.id), ...over }),
      id: communeTraining,
      version: current.version,
    });
    const before = (await auditRows()).length;
    for (const actor of [baDinh(), haNoi(), vinhLong(), neighbour(), nat()]) {
      await expect(updateTraining(actor, edit())).rejects.toBeInstanceOf(NotFoundError);
      await expect(removeTraining(actor, { id: communeTraining, version: current.version })).rejects.toBeInstanceOf(NotFoundError);
    }
    const errors = await fieldErrors(() => updateTraining(phuKhuong(), edit({ memberIds: [...current.attendees.map((a) => a.id), member["Đỗ Văn Hải"]] })));
    expect(errors.memberIds).toEqual(["trainings.errors.member_out_of_scope"]);
    const unitErrors = await fieldErrors(() => updateTraining(phuKhuong(), edit({ unitCode: "86" })));
    expect(Object.keys(unitErrors)).toEqual(["unitCode"]);
    const after = await getTrainingForEdit(phuKhuong(), communeTraining);
    expect(after).toMatchObject({ title: "Lớp Phú Khương", version: current.version });
    expect(after.attendees.map((a) => a.id).sort()).toEqual(current.attendees.map((a) => a.id).sort());
    const [row] = await ctx.db.select().from(trainings).where(and(eq(trainings.id, communeTraining)));
    expect(row.deletedAt).toBeNull();
    expect((await auditRows()).length).toBe(before);
    expect(await rollupDifferences()).toEqual([]);
  });

  it("exports only what the caller may see", async () => {
    const collect = async <T,>(rows: AsyncIterable<T>) => {
      const out: T[] = [];
      for await (const r of rows) out.push(r);
      return out;
    };
    expect((await collect(exportTrainings(baDinh(), {}))).map((t) => t.title)).toEqual(["Lớp Trung ương"]);
    expect((await collect(exportTrainings(vinhLong(), { level: "commune" }))).map((t) => t.title)).toEqual(["Lớp Phú Khương"]);
    const attendance = await collect(exportTrainingAttendance(baDinh(), {}));
    expect(attendance.map((a) => [a.training.title, a.attendee.fullName])).toEqual([["Lớp Trung ương", "Đỗ Văn Hải"]]);
    const national = await collect(exportTrainingAttendance(nat(), { q: "trung uong" }));
    expect(national.map((a) => a.attendee.phone).sort()).toEqual(["09xx xxx 223", "09xx xxx 321"]);
    expect(await collect(exportTrainings(haNoi(), { commune: "28756" }))).toEqual([]);
  });
});

describe("the edit form's member scope", () => {
  it("shows and changes only the attendance of members within the caller's scope, like the attendance list", async () => {
    const id = await createTraining(phuKhuong(), base({ title: "Bồi dưỡng trước khi chuyển", memberIds: [member["Lê Thị Cúc"], member["Võ Thị Én"]] }));
    // Võ Thị Én moves to the neighbouring commune's team.
    await ctx.db.update(members).set({ teamId: team.NB, communeCode: otherCommune86 }).where(eq(members.id, member["Võ Thị Én"]));
    const edit = await getTrainingForEdit(phuKhuong(), id);
    expect(edit.attendees.map((a) => a.fullName)).toEqual(["Lê Thị Cúc"]);
    expect(edit.hiddenAttendance).toBe(1);
    expect(JSON.stringify(edit)).not.toContain("Võ Thị Én");
    // Saving the form (which only knows the visible attendees) keeps the moved member's attendance.
    await updateTraining(phuKhuong(), { ...base({ title: "Bồi dưỡng (sửa)", memberIds: [member["Lê Thị Cúc"]] }), id, version: edit.version });
    expect((await attendanceOf(id)).map((a) => a.memberId).sort((a, b) => a - b)).toEqual([member["Lê Thị Cúc"], member["Võ Thị Én"]].sort((a, b) => a - b));
    // Nor can a crafted post drop it.
    const again = await getTrainingForEdit(phuKhuong(), id);
    await updateTraining(phuKhuong(), { ...base({ title: "Bồi dưỡng (sửa)", memberIds: [] }), id, version: again.version });
    expect((await attendanceOf(id)).map((a) => a.memberId)).toEqual([member["Võ Thị Én"]]);
  });
});

describe("attendance search beyond the names shown", () => {
  it("says how many more members match than the thirty it lists, counting only the caller's scope", async () => {
    const people = Array.from({ length: 34 }, (_, i) => ({ name: `Quách Văn Xuyến ${String(i + 1).padStart(2, "0")}` }));
    await addTeam("XY", "86", "28756", people);
    await addTeam("XZ", "86", otherCommune86, [{ name: "Quách Văn Xuyến 99" }]);
    const commune = await searchAttendees(phuKhuong(), { q: "quach van xuyen" });
    expect(commune.members).toHaveLength(30);
    expect(commune.moreMembers).toBe(4);
    const province = await searchAttendees(vinhLong(), { q: "quach van xuyen" });
    expect(province.moreMembers).toBe(5);
    expect((await searchAttendees(phuKhuong(), { q: "quach van xuyen 01" })).moreMembers).toBe(0);
    expect((await searchAttendees(phuKhuong(), { q: "" })).moreMembers).toBe(0);
  });
});

describe("a refused training form: every error in one round", () => {
  let kept: number;
  const count = async () => (await queryRows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM trainings`))[0].n;

  beforeAll(async () => {
    await addTeam("PK3", "86", "28756", [{ name: "Mai Văn Còn", leader: true }, { name: "Mai Thị Rời" }, { name: "Mai Văn Xóa" }]);
    // One member left the team 20 days ago, another was removed from the roster.
    await ctx.db.update(members).set({ leftOn: daysAgo(20) }).where(eq(members.id, member["Mai Thị Rời"]));
    await ctx.db.update(members).set({ deletedAt: new Date() }).where(eq(members.id, member["Mai Văn Xóa"]));
    kept = await createTraining(phuKhuong(), base({ title: "Lớp giữ nguyên", heldOn: daysAgo(30), memberIds: [member["Mai Văn Còn"], member["Mai Thị Rời"]] }));
  });

  it("names each problem of the organiser and attendees together with the schema's, writing nothing", async () => {
    const before = { trainings: await count(), audit: (await auditRows()).length };
    const cases: [Partial<TrainingCreateInput>, Record<string, string>][] = [
      // A member of another province, with a missing title.
      [{ title: "", memberIds: [member["Mai Văn Còn"], member["Đỗ Văn Hải"]] }, { title: "errors.required", memberIds: "trainings.errors.member_out_of_scope" }],
      // A member of the neighbouring commune, with no topic.
      [{ topics: [], memberIds: [member["Huỳnh Thị Giang"]] }, { topics: "trainings.errors.topics_required", memberIds: "trainings.errors.member_out_of_scope" }],
      // A member who left before the day, with bad hours.
      [{ hours: "abc", heldOn: daysAgo(10), memberIds: [member["Mai Thị Rời"]] }, { hours: "trainings.errors.hours_invalid", memberIds: "trainings.errors.member_out_of_scope" }],
      // A removed member, with no location.
      [{ location: "", memberIds: [member["Mai Văn Xóa"]] }, { location: "trainings.errors.location_required", memberIds: "trainings.errors.member_out_of_scope" }],
      // A member who does not exist, with a bad participant count.
      [{ outsideParticipants: -1, memberIds: [999999] }, { outsideParticipants: "trainings.errors.outside_invalid", memberIds: "trainings.errors.member_out_of_scope" }],
      // Another unit as organiser, with a bad link.
      [{ unitCode: "86", format: "online", location: "phòng họp" }, { location: "trainings.errors.link_invalid", unitCode: "trainings.errors.organiser_out_of_scope" }],
      // An unreadable day: the attendees are still checked for scope.
      [{ heldOn: "2026-02-30", memberIds: [member["Đỗ Văn Hải"]] }, { heldOn: "trainings.errors.date_invalid", memberIds: "trainings.errors.member_out_of_scope" }],
      // Organiser and attendees both wrong in a form the schema accepts.
      [{ unitCode: "VN", memberIds: [member["Mai Văn Xóa"]] }, { unitCode: "trainings.errors.organiser_out_of_scope", memberIds: "trainings.errors.member_out_of_scope" }],
    ];
    for (const [over, expected] of cases) {
      const errors = await fieldErrors(() => createTraining(phuKhuong(), base({ title: "Lớp bị từ chối", ...over })));
      expect(Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, v.join(" ")])), JSON.stringify(over)).toEqual(expected);
    }
    // A member who left after the day may attend; an unreadable member list is the schema's only.
    expect(await fieldErrors(() => createTraining(phuKhuong(), base({ title: "", heldOn: daysAgo(30), memberIds: [member["Mai Thị Rời"]] })))).toEqual({ title: ["errors.required"] });
    expect(await fieldErrors(() => createTraining(phuKhuong(), base({ title: "", memberIds: "abc" as never })))).toEqual({ title: ["errors.required"], memberIds: ["errors.not_found"] });
    expect({ trainings: await count(), audit: (await auditRows()).length }).toEqual(before);
  });

  it("checks across fields in the same round as the fields' own errors", async () => {
    const tomorrow = new Date(Date.parse(`${vnToday()}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);
    expect(await fieldErrors(() => createTraining(phuKhuong(), base({ hours: "abc", format: "hybrid", location: "" })))).toEqual({
      hours: ["trainings.errors.hours_invalid"],
      location: ["trainings.errors.location_required"],
    });
    expect(await fieldErrors(() => createTraining(phuKhuong(), base({ title: "", format: "online", location: "phòng họp" })))).toEqual({
      title: ["errors.required"],
      location: ["trainings.errors.link_invalid"],
    });
    expect(await fieldErrors(() => createTraining(phuKhuong(), base({ topics: [], heldOn: tomorrow, memberIds: [member["Mai Văn Còn"]] })))).toEqual({
      topics: ["trainings.errors.topics_required"],
      memberIds: ["trainings.errors.attendance_future"],
    });
    // A check whose own fields do not read stays silent rather than guessing.
    expect(await fieldErrors(() => createTraining(phuKhuong(), base({ format: "x" as never, location: "" })))).toEqual({ format: ["errors.required"] });
  });

  it("checks on an edit only the members added, like saving does", async () => {
    const current = await getTrainingForEdit(phuKhuong(), kept);
    const edit = (over: Partial<TrainingCreateInput>) => ({ ...base({ title: "Lớp giữ nguyên", heldOn: current.heldOn, memberIds: current.attendees.map((a) => a.id), ...over }), id: kept, version: current.version });
    const before = (await auditRows()).length;
    // Mai Thị Rời attends already and stays; Mai Văn Xóa (removed) is added along with a bad title.
    expect(await fieldErrors(() => updateTraining(phuKhuong(), edit({ title: " ", heldOn: daysAgo(5), memberIds: [...current.attendees.map((a) => a.id), member["Mai Văn Xóa"]] })))).toEqual({
      title: ["errors.required"],
      memberIds: ["trainings.errors.member_out_of_scope"],
    });
    expect(await fieldErrors(() => updateTraining(phuKhuong(), edit({ unitCode: "86", memberIds: [member["Huỳnh Thị Giang"]] })))).toEqual({
      unitCode: ["trainings.errors.organiser_out_of_scope"],
      memberIds: ["trainings.errors.member_out_of_scope"],
    });
    expect(await fieldErrors(() => updateTraining(phuKhuong(), edit({ hours: 0, heldOn: daysAgo(5) })))).toEqual({ hours: ["trainings.errors.hours_invalid"] });
    expect((await getTrainingForEdit(phuKhuong(), kept)).version).toBe(current.version);
    expect((await auditRows()).length).toBe(before);
  });

  it("gives a form's action the same answers from the submitted text, reading only", async () => {
    const form = (values: Record<string, string>) => trainingPlaceProblems(phuKhuong(), trainingPlace(values));
    const before = { trainings: await count(), audit: (await auditRows()).length };
    expect(await form({ unitCode: "28756", memberIds: `${member["Mai Văn Còn"]},${member["Đỗ Văn Hải"]}`, heldOn: daysAgo(30), title: "" })).toEqual({ memberIds: ["trainings.errors.member_out_of_scope"] });
    expect(await form({ unitCode: "01", memberIds: "", heldOn: "" })).toEqual({ unitCode: ["trainings.errors.organiser_out_of_scope"] });
    expect(await form({ unitCode: "28756", memberIds: String(member["Mai Thị Rời"]), heldOn: daysAgo(10) })).toEqual({ memberIds: ["trainings.errors.member_out_of_scope"] });
    expect(await form({ unitCode: "28756", memberIds: String(member["Mai Thị Rời"]), heldOn: "30/02/2026" })).toEqual({});
    // On the edit of a training she attends already, the member who left is not refused again.
    expect(await form({ id: String(kept), unitCode: "28756", memberIds: String(member["Mai Thị Rời"]), heldOn: daysAgo(10) })).toEqual({});
    expect(await form({ id: String(kept), unitCode: "28756", memberIds: `${member["Mai Thị Rời"]},${member["Mai Văn Xóa"]}`, heldOn: daysAgo(10) })).toEqual({ memberIds: ["trainings.errors.member_out_of_scope"] });
    // Someone who does not organise it gets no exemption from its attendance.
    expect(await trainingPlaceProblems(vinhLong(), trainingPlace({ id: String(kept), memberIds: String(member["Mai Thị Rời"]), heldOn: daysAgo(10) }))).toEqual({ memberIds: ["trainings.errors.member_out_of_scope"] });
    expect(await form({ memberIds: "x,y", heldOn: "x", unitCode: "?" })).toEqual({});
    expect({ trainings: await count(), audit: (await auditRows()).length }).toEqual(before);
  });
});
