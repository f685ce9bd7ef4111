import { describe, expect, it } from "vitest";
import { defaultPeriod, readPeriod } from "@/lib/domain/period";

const now = new Date("2026-12-04T10:00:00Z");

describe("readPeriod", () => {
  it("reads a valid period in whole months and reports nothing", () => {
    expect(readPeriod("2026-03-17", "2026-05-02", now)).toEqual({ period: { from: "2026-03-01", to: "2026-05-31" }, invalid: [] });
    expect(readPeriod(undefined, undefined, now)).toEqual({ period: defaultPeriod(now), invalid: [] });
  });

  it.each([
    ["0000-01-01", "2026-05-01", ["from"]],
    ["2026-02-30", "2026-05-01", ["from"]],
    ["2026-01-01", "2026-13-01", ["to"]],
    ["2019-12-01", "2026-05-01", ["from"]],
    ["2026-01-01", "2028-01-01", ["to"]],
    ["x", "y", ["from", "to"]],
  ])("names %s … %s as not used", (from, to, invalid) => {
    expect(readPeriod(from, to, now).invalid).toEqual(invalid);
  });

  it("falls back to the default period when the start comes after the end, naming both", () => {
    expect(readPeriod("2026-06-01", "2026-02-01", now)).toEqual({ period: defaultPeriod(now), invalid: ["from", "to"] });
  });
});
