import { describe, expect, it } from "vitest";
import { formatNumber, formatPercent } from "@/lib/format";
import { colorFor, legendClasses, legendLabel, metricValue, NO_DATA_COLOR, ranks } from "@/lib/indicators/metrics";
import { periodOf, periodValue } from "@/lib/indicators/period-kinds";
import { trendRows } from "@/lib/indicators/series";
import { mapSprite, mapView } from "@/lib/map/projection";

const zero = {
  communes_total: 0, communes_with_team: 0, teams_active: 0, members_active: 0, members_trained_12m: 0,
  people_guided: 0, people_completed: 0, reports_expected: 0, reports_submitted: 0,
};

describe("map metrics", () => {
  it("gives shares, counts and no data without a denominator", () => {
    expect(metricValue("coverage", { ...zero, communes_total: 4, communes_with_team: 3 })).toBe(0.75);
    expect(metricValue("completion", zero)).toBeNull();
    expect(metricValue("teams", { ...zero, teams_active: 7 })).toBe(7);
  });

  it("ranks highest first, ties shared, no data unranked", () => {
    expect(ranks([3, null, 5, 3])).toEqual([2, null, 1, 2]);
  });

  it("colours shares by fixed classes with 100 % on its own and no data in grey", () => {
    const classes = legendClasses("coverage", []);
    expect(classes).toHaveLength(5);
    expect(colorFor(1, classes)).toBe(classes[4].color);
    expect(colorFor(0.95, classes)).toBe(classes[3].color);
    expect(colorFor(0.2, classes)).toBe(classes[0].color);
    expect(colorFor(null, classes)).toBe(NO_DATA_COLOR);
  });

  it("builds increasing count classes that cover the largest value", () => {
    const values = [5, 120, 3400, 800, 45, 2000, null];
    const classes = legendClasses("members", values);
    for (let i = 1; i < classes.length; i++) expect(classes[i].min).toBeGreaterThan(classes[i - 1].min);
    expect(colorFor(3400, classes)).toBe(classes[4].color);
  });

  it("names a count class that holds a single value by that value, not as a range from it to itself", () => {
    const show = { count: (v: number) => formatNumber("vi", v), share: (v: number) => formatPercent("vi", v, 1) };
    // Most provinces with 100,000 members: the quantile breaks collapse into one-value classes.
    const classes = legendClasses("members", [100_000, 100_000, 100_000, 100_000, 250_000]);
    const labels = classes.map((c, i) => legendLabel("members", c, i === classes.length - 1, show));
    expect(labels).not.toContain("100.000 – 100.000");
    expect(labels).toContain("100.000");
    expect(legendLabel("members", { min: 0, max: 50, color: "" }, false, show)).toBe("0 – 49");
    expect(legendLabel("members", { min: 250, max: 400, color: "" }, true, show)).toBe("≥ 250");
    expect(legendLabel("coverage", { min: 0.5, max: 0.75, color: "" }, false, show)).toBe("50% – <75%");
    expect(legendLabel("coverage", { min: 1, max: 1, color: "" }, true, show)).toBe("100%");
  });
});

describe("period picker", () => {
  it("turns a month, quarter and year into whole-month periods", () => {
    expect(periodOf("month", "2026-02")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(periodOf("quarter", "2026-Q3")).toEqual({ from: "2026-07-01", to: "2026-09-30" });
    expect(periodOf("year", "2025")).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    expect(periodOf("month", "2026-13")).toBeNull();
    expect(periodValue("quarter", { from: "2026-08-01", to: "2026-08-31" })).toBe("2026-Q3");
  });
});

describe("chart series", () => {
  it("has one trend row per month of the period, zeros included", () => {
    const rows = trendRows({
      period: { from: "2026-01-01", to: "2026-03-31" },
      trend: [{ month: "2026-02-01", skill: 2, people_guided: 9, people_completed: 4 }],
      by_skill: {}, by_target_group: {}, by_affiliation: {}, by_gender: { male: 0, female: 0, other: 0 }, children: [], roster_trend: [],
    });
    expect(rows.map((r) => [r.month, r.total, r.s2, r.completed])).toEqual([
      ["2026-01-01", 0, 0, 0],
      ["2026-02-01", 9, 9, 4],
      ["2026-03-01", 0, 0, 0],
    ]);
  });
});

describe("map projection", () => {
  it("draws the 34 provinces and both archipelagos in the national view", () => {
    const view = mapView();
    expect(view.provinces).toHaveLength(34);
    expect(view.archipelagos.map((a) => [a.id, a.province])).toEqual([["hoang-sa", "48"], ["truong-sa", "56"]]);
    for (const a of view.archipelagos) {
      expect(a.d).toMatch(/^M/);
      expect(a.box[2]).toBeLessThanOrEqual(view.width);
    }
  });

  it("zooms a province view onto the province", () => {
    const view = mapView("86");
    const own = view.provinces.find((p) => p.code === "86")!;
    expect(own.center[0]).toBeGreaterThan(view.width * 0.3);
    expect(own.center[0]).toBeLessThan(view.width * 0.7);
    expect(view.archipelagos).toEqual([]);
  });

  it("serves each view's shapes as a sprite versioned by its content", () => {
    const view = mapView();
    const sprite = mapSprite("VN")!;
    expect(view.sprite).toBe(`/map/VN.svg?v=${sprite.version}`);
    const ids = [...sprite.body.matchAll(/<path id="([^"]+)" d="M[^"]+"\/>/g)].map((m) => m[1]);
    expect(ids).toEqual([...view.provinces.map((p) => `p-${p.code}`), "a-hoang-sa", "a-truong-sa"]);
    expect(sprite.body).not.toMatch(/fill=/);
    expect(mapSprite("86")!.version).not.toBe(sprite.version);
    expect(mapSprite("99")).toBeNull();
    expect(mapSprite("../VN")).toBeNull();
  });
});
