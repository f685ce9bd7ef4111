import { describe, expect, it } from "vitest";
import { formatAxisNumber, niceTicks } from "@/lib/format";

describe("niceTicks", () => {
  it.each([
    [195_000, [0, 50_000, 100_000, 150_000, 200_000]],
    [260_000, [0, 100_000, 200_000, 300_000]],
    [7, [0, 2, 4, 6, 8]],
    [3, [0, 1, 2, 3]],
    [1, [0, 1]],
    [0, [0, 1]],
    [100, [0, 25, 50, 75, 100]],
    [1_234_567, [0, 500_000, 1_000_000, 1_500_000]],
    [19_000_000, [0, 5_000_000, 10_000_000, 15_000_000, 20_000_000]],
  ])("%d → %j", (max, ticks) => {
    expect(niceTicks(max)).toEqual(ticks);
  });

  it("always reaches the largest value in at most six round steps", () => {
    for (let max = 1; max < 5_000_000; max = Math.ceil(max * 1.37)) {
      const ticks = niceTicks(max);
      expect(ticks[0]).toBe(0);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(6);
      const step = ticks[1];
      expect(Number.isInteger(step)).toBe(true);
      expect(String(step)).toMatch(/^(1|2|25|5)0*$/);
    }
  });
});

describe("formatAxisNumber", () => {
  it.each([
    [0, "0", "0"],
    [950, "950", "950"],
    [50_000, "50 nghìn", "50K"],
    [150_000, "150 nghìn", "150K"],
    [1_500_000, "1,5 triệu", "1.5M"],
    [20_000_000, "20 triệu", "20M"],
    [2_500_000_000, "2,5 tỷ", "2.5B"],
  ])("%d → %s / %s", (value, vi, en) => {
    expect(formatAxisNumber("vi", value)).toBe(vi);
    expect(formatAxisNumber("en", value)).toBe(en);
  });
});
