import { describe, expect, it } from "vitest";
import { passwordProblem, temporaryPassword } from "@/lib/auth/password-policy";
import { addMonths, clampMonth, defaultPeriod, parsePeriod, vnToday } from "@/lib/domain/period";
import { formatDate, formatNumber, formatPercent } from "@/lib/format";
import { coversUnit } from "@/lib/dal/actor";

describe("password policy", () => {
  it("requires ten characters, no username, no common password", () => {
    expect(passwordProblem("short", "an")).toBe("password_too_short");
    expect(passwordProblem("nguyenvan-2025", "nguyenvan")).toBe("password_contains_username");
    expect(passwordProblem("Password123", "an")).toBe("password_common");
    expect(passwordProblem("aaaaaaaaaaaa", "an")).toBe("password_common");
    expect(passwordProblem("song-tien-chay-mai", "an")).toBeNull();
  });
  it("makes temporary passwords that pass the policy", () => {
    let i = 0;
    const pw = temporaryPassword((n) => i++ % n);
    expect(pw).toMatch(/^.{4}-.{4}-.{4}$/);
    expect(passwordProblem(pw, "someone")).toBeNull();
  });
});

describe("Vietnam time periods", () => {
  it("puts 23:30 on the last day of a month (Vietnam time) in that month", () => {
    expect(vnToday(new Date("2026-10-31T16:30:00Z"))).toBe("2026-10-31");
    expect(vnToday(new Date("2026-10-31T17:30:00Z"))).toBe("2026-11-01");
  });
  it("adds months across years and defaults to the last twelve months", () => {
    expect(addMonths("2026-01-01", -1)).toBe("2025-12-01");
    expect(addMonths("2025-12-01", 13)).toBe("2027-01-01");
    expect(defaultPeriod(new Date("2026-11-29T03:00:00Z"))).toEqual({ from: "2025-12-01", to: "2026-11-30" });
  });
  it("parses whole-month periods and falls back on bad input", () => {
    expect(parsePeriod("2026-02-14", "2026-02-03")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    const now = new Date("2026-11-29T03:00:00Z");
    expect(parsePeriod("garbage", null, now)).toEqual(defaultPeriod(now));
    expect(parsePeriod("2026-05-01", "2026-01-01", now)).toEqual(defaultPeriod(now));
  });

  it("clamps a list's month filter to the months a period may cover", () => {
    const now = new Date("2026-12-04T10:00:00Z");
    expect([clampMonth("9999-12-01", now), clampMonth("0001-01-01", now), clampMonth("2026-00-01", now), clampMonth("2025-07-01", now)]).toEqual([
      "2027-12-01",
      "2020-01-01",
      "2025-12-01",
      "2025-07-01",
    ]);
  });
});

describe("formats", () => {
  it("writes Vietnamese numbers and dates", () => {
    expect(formatNumber("vi", 74422)).toBe("74.422");
    expect(formatNumber("en", 74422)).toBe("74,422");
    expect(formatDate("vi", "2026-07-01")).toBe("01/07/2026");
    expect(formatPercent("vi", 52, 63)).toBe("82,5%");
    expect(formatPercent("vi", 1, 0)).toBe("—");
  });
});

describe("unit coverage", () => {
  const prov = { role: "provincial" as const, provinceCode: "86", communeCode: null };
  const com = { role: "commune" as const, provinceCode: "86", communeCode: "28756" };
  it("lets a province see itself and its communes only", () => {
    expect(coversUnit(prov, { code: "86" })).toBe(true);
    expect(coversUnit(prov, { code: "28756", provinceCode: "86" })).toBe(true);
    expect(coversUnit(prov, { code: "00004", provinceCode: "01" })).toBe(false);
    expect(coversUnit(prov, { code: "01" })).toBe(false);
  });
  it("lets a commune see only itself", () => {
    expect(coversUnit(com, { code: "28756", provinceCode: "86" })).toBe(true);
    expect(coversUnit(com, { code: "86" })).toBe(false);
    expect(coversUnit(com, { code: "28757", provinceCode: "86" })).toBe(false);
  });
});
