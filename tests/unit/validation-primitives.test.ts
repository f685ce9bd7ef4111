import { describe, expect, it } from "vitest";
import { accountCreateSchema, accountListSchema } from "@/lib/validation/accounts";
import { guidanceBatchSchema, guidanceListSchema, guidanceUpdateSchema } from "@/lib/validation/guidance";
import { indicatorQuerySchema } from "@/lib/validation/indicators";
import { cleanText, echo, isAllowedDate, lastDate, parseMonthText, parseQuery, readQuery } from "@/lib/validation/primitives";
import { reportListSchema, reportSubmitSchema } from "@/lib/validation/reports";
import { hamletInputSchema, memberFormSchema, memberListSchema, recordRefSchema, teamInputSchema } from "@/lib/validation/rosters";
import { trainingCreateSchema, trainingListSchema } from "@/lib/validation/trainings";

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message) ?? [];

describe("text", () => {
  it("stores names in NFC, so the same name typed two ways is one name", () => {
    const nfd = "Nguyễn Văn An".normalize("NFD");
    expect(nfd).not.toBe("Nguyễn Văn An");
    expect(cleanText(nfd, { max: 120 })).toEqual({ ok: true, value: "Nguyễn Văn An" });
    const team = teamInputSchema.parse({ communeCode: "28756", name: `  ${"Tổ Ấp Mỹ".normalize("NFD")} `, hamletId: "", establishedOn: "", zaloUrl: "", note: "" });
    expect(team.name).toBe("Tổ Ấp Mỹ".normalize("NFC"));
  });

  it.each([
    ["a NUL byte", "Tổ\u00001"],
    ["a control character", "Tổ\u00071"],
    ["a zero-width space", "Tổ\u200B1"],
    ["a right-to-left override", "\u202EmoT"],
    ["a bidirectional isolate", "Tổ \u2067x\u2069"],
    ["a byte order mark", "Tổ\uFEFF1"],
    ["a lone surrogate", "Tổ \uD800"],
    ["a line break in a one-line field", "Tổ\n1"],
  ])("refuses %s in a name", (_label, value) => {
    expect(messages(hamletInputSchema.safeParse({ communeCode: "28756", name: value, kind: "thon", households: "" }))).toEqual(["errors.invalid_characters"]);
  });

  it("refuses a name made only of zero-width characters", () => {
    expect(messages(hamletInputSchema.safeParse({ communeCode: "28756", name: "\u200B\u200C\u200D", kind: "thon", households: "" }))).toEqual(["errors.invalid_characters"]);
  });

  it("keeps line breaks in notes and refuses a NUL there too", () => {
    expect(cleanText("một\r\nhai", { max: 10, multiline: true })).toEqual({ ok: true, value: "một\nhai" });
    expect(cleanText("một\u0000hai", { max: 10, multiline: true })).toEqual({ ok: false, problem: "characters" });
  });

  it("bounds sizes by characters, and refuses a huge value before normalising it", () => {
    expect(cleanText("ệ".repeat(120), { max: 120 }).ok).toBe(true);
    expect(cleanText("ệ".repeat(121), { max: 120 })).toEqual({ ok: false, problem: "too_long" });
    expect(cleanText("x".repeat(5_000_000), { max: 120 })).toEqual({ ok: false, problem: "too_long" });
  });

  it("echoes at most 100 characters", () => {
    expect(echo("x".repeat(5_000_000))).toHaveLength(100);
    expect(echo("ngắn")).toBe("ngắn");
  });

  it("refuses a NUL in a search instead of sending it to the database", () => {
    expect(parseQuery(memberListSchema, new URLSearchParams("q=a%00b")).ok).toBe(false);
    expect(readQuery(memberListSchema, { q: "a\u0000b" })).toMatchObject({ data: { q: "" }, invalid: ["q"] });
  });
});

describe("dates and months", () => {
  it.each(["0000-01-01", "2026-02-30", "2026-13-01", "1900-01-15", "2019-12-31", "99999-01-01", "2026-1-1", ""])("refuses %j as a guidance date", (value) => {
    const row = { teamId: "1", guidedOn: value, skill: "1", targetGroup: "elderly", peopleGuided: "3" };
    const r = guidanceBatchSchema.safeParse(Object.fromEntries(Object.entries(row).map(([k, v]) => [`rows.0.${k}`, v])));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(["rows.0.guidedOn"]);
  });

  it("allows 2020-01-01 up to one year ahead, and no further", () => {
    const now = new Date("2026-12-04T10:00:00Z");
    expect(lastDate(now)).toBe("2027-12-04");
    expect(isAllowedDate("2020-01-01", now)).toBe(true);
    expect(isAllowedDate("2027-12-04", now)).toBe(true);
    expect(isAllowedDate("2027-12-05", now)).toBe(false);
    expect(lastDate(new Date("2028-02-29T10:00:00Z"))).toBe("2029-02-28");
  });

  it.each(["1900-01", "2026-13", "2026-00", "0000-01", "3000-01", "2026-1"])("refuses the month %j", (month) => {
    expect(parseMonthText(month)).toBeNull();
    expect(reportSubmitSchema.safeParse({ communeCode: "28756", month, version: "1" }).success).toBe(false);
    expect(parseQuery(guidanceListSchema, { from: month }).ok).toBe(false);
    expect(parseQuery(reportListSchema, { month }).ok).toBe(false);
  });

  it("reads 2026-05 and its first day as the same month", () => {
    expect(parseMonthText("2026-05")).toBe("2026-05-01");
    expect(parseMonthText("2026-05-01")).toBe("2026-05-01");
    expect(parseMonthText("2026-05-02")).toBeNull();
  });

  it("refuses impossible dates in dashboard and list queries", () => {
    for (const from of ["0000-01-01", "2026-02-30", "1900-01-15"]) {
      expect(indicatorQuerySchema.safeParse({ unit: "VN", from }).success).toBe(false);
      expect(parseQuery(trainingListSchema, { from }).ok).toBe(false);
    }
  });

  it("refuses a training dated before 2020", () => {
    const training = { title: "Tập huấn", topics: "digital_skills", heldOn: "1999-05-01", hours: "2", format: "in_person", location: "Hội trường" };
    expect(messages(trainingCreateSchema.safeParse(training))).toContain("trainings.errors.date_out_of_range");
  });
});

describe("ids and numbers", () => {
  it("refuses ids beyond the column type", () => {
    expect(parseQuery(memberListSchema, { team: "2147483648" }).ok).toBe(false);
    expect(parseQuery(memberListSchema, { team: "2147483647" }).ok).toBe(true);
    expect(recordRefSchema.safeParse({ id: "99999999999999999999", version: "1" }).success).toBe(false);
    expect(guidanceUpdateSchema.safeParse({ id: "1", version: "2147483648" }).success).toBe(false);
    expect(parseQuery(accountListSchema, { page: "1e9" }).ok).toBe(false);
  });

  it("needs a version to remove a record, so the conflict check always runs", () => {
    expect(recordRefSchema.safeParse({ id: "5" }).success).toBe(false);
    expect(recordRefSchema.parse({ id: "5", version: "2" })).toEqual({ id: 5, version: 2 });
  });

  it("gives field messages, never a type error, for values of the wrong type", () => {
    const r = memberFormSchema.safeParse({ teamId: { x: 1 }, fullName: 42, gender: [], birthYear: true });
    expect(r.success).toBe(false);
    for (const m of messages(r)) expect(m).toMatch(/^[a-z]+(\.[a-z_]+)+$/);
  });

  it("bounds the password before it is hashed", () => {
    const r = accountCreateSchema.safeParse({ username: "abc", fullName: "A", role: "national", password: "x".repeat(100_000) });
    expect(r.error?.issues.find((i) => i.path[0] === "password")?.message).toBe("password_too_long");
  });
});

describe("dashboard periods", () => {
  it("falls back to the default period for impossible or far dates instead of querying them", async () => {
    const { parsePeriod, defaultPeriod } = await import("@/lib/domain/period");
    const now = new Date("2026-12-04T10:00:00Z");
    for (const from of ["0000-01-01", "2026-02-30", "1900-01-15", "9999-12-01"]) expect(parsePeriod(from, undefined, now).from).toBe(defaultPeriod(now).from);
    expect(parsePeriod("2024-03-09", "2024-05-02", now)).toEqual({ from: "2024-03-01", to: "2024-05-31" });
  });
});
