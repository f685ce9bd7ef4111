import { describe, expect, it } from "vitest";
import { parseCount, parsePeriodCell } from "@/lib/history/file";
import { oldProvinceByName, shareOut } from "@/lib/history/mapping";
import { apportion } from "@/lib/history/sample";
import { longTrend } from "@/lib/history/trend";
import { change, dateLine, periodName } from "@/lib/report-doc/model";
import type { HistoryFigures } from "@/lib/dal/history";
import type { UnitIndicators } from "@/lib/dal/indicators";

describe("history files", () => {
  it("reads months and years in the forms officials write", () => {
    expect(parsePeriodCell("2023-07")).toEqual({ kind: "month", start: "2023-07-01" });
    expect(parsePeriodCell("7/2023")).toEqual({ kind: "month", start: "2023-07-01" });
    expect(parsePeriodCell("Tháng 07/2023")).toEqual({ kind: "month", start: "2023-07-01" });
    expect(parsePeriodCell("2023")).toEqual({ kind: "year", start: "2023-01-01" });
    expect(parsePeriodCell("13/2023")).toBeNull();
    expect(parsePeriodCell("quý 3")).toBeNull();
  });

  it("reads counts with Vietnamese or English thousands separators, and nothing else", () => {
    expect(parseCount("74.422")).toBe(74422);
    expect(parseCount("74,422")).toBe(74422);
    expect(parseCount("348362")).toBe(348362);
    expect(parseCount("-3")).toBeNull();
    expect(parseCount("1.5")).toBeNull();
    expect(parseCount("abc")).toBeNull();
  });

  it("finds old provinces by name with or without diacritics and prefix", () => {
    expect(oldProvinceByName("Tỉnh Bến Tre")?.oldCode).toBe("83");
    expect(oldProvinceByName("ben tre")?.newCode).toBe("86");
    expect(oldProvinceByName("Thành phố Huế")?.oldCode).toBe("46");
    expect(oldProvinceByName("Tỉnh Hoà Bình")?.oldCode).toBe("17");
    expect(oldProvinceByName("Bà Rịa - Vũng Tàu")?.oldCode).toBe("77");
  });

  it("shares a figure among the new communes so that the shares add up to it", () => {
    expect(shareOut(101, 2, "equal")).toEqual([51, 50]);
    expect(shareOut(7, 3, "equal")).toEqual([3, 2, 2]);
    expect(shareOut(7, 3, "primary")).toEqual([7, 0, 0]);
    expect(shareOut(5, 1, "equal")).toEqual([5]);
    expect(apportion(74_422, [1, 2, 3]).reduce((a, b) => a + b)).toBe(74_422);
  });

  it("puts imported and recorded months side by side from where history starts", () => {
    const history = { first_month: "2025-05-01", months: [{ month: "2025-05-01", people_guided: 10, teams: 3 }, { month: "2025-06-01", people_guided: 12, teams: 4 }] } as HistoryFigures;
    const recorded = {
      period: { from: "2025-06-01", to: "2025-07-31" },
      trend: [{ month: "2025-07-01", skill: 1, people_guided: 5, people_completed: 1 }, { month: "2025-07-01", skill: 2, people_guided: 2, people_completed: 1 }],
      roster_trend: [{ month: "2025-07-01", as_at: "2025-07-31", teams_active: 6, members_active: 30 }],
    } as unknown as UnitIndicators;
    expect(longTrend(history, recorded)).toEqual([
      { month: "2025-05-01", imported: { people_guided: 10, teams: 3 }, recorded: { people_guided: 0, teams: null } },
      { month: "2025-06-01", imported: { people_guided: 12, teams: 4 }, recorded: { people_guided: 0, teams: null } },
      { month: "2025-07-01", imported: { people_guided: null, teams: null }, recorded: { people_guided: 7, teams: 6 } },
    ]);
  });
});

describe("periodic report wording", () => {
  it("writes the place and date line as Decree 30 asks", () => {
    expect(dateLine("Vĩnh Long", "2026-12-05")).toBe("Vĩnh Long, ngày 05 tháng 12 năm 2026");
    expect(dateLine("Hà Nội", "2026-02-15")).toBe("Hà Nội, ngày 15 tháng 02 năm 2026");
    expect(dateLine("Hà Nội", "2026-03-01")).toBe("Hà Nội, ngày 01 tháng 3 năm 2026");
  });

  it("names the period as officials do", () => {
    expect(periodName({ from: "2026-06-01", to: "2026-06-30" })).toBe("tháng 6 năm 2026");
    expect(periodName({ from: "2026-04-01", to: "2026-06-30" })).toBe("quý II năm 2026");
    expect(periodName({ from: "2026-01-01", to: "2026-06-30" })).toBe("6 tháng đầu năm 2026");
    expect(periodName({ from: "2023-01-01", to: "2023-12-31" })).toBe("năm 2023");
    expect(periodName({ from: "2026-02-01", to: "2026-04-30" })).toBe("từ ngày 01/02/2026 đến ngày 30/04/2026");
  });

  it("states the change from an earlier figure", () => {
    expect(change(110, 100)).toBe("+10,0%");
    expect(change(97, 100)).toBe("−3,0%");
    expect(change(5, 0)).toBe("—");
  });
});
