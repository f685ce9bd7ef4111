import { afterEach, describe, expect, it, vi } from "vitest";
import { noteWrite, shortLived } from "@/lib/dal/freshness";

describe("shortLived", () => {
  afterEach(() => vi.useRealTimers());

  it("shares one load between concurrent and later callers within the window", async () => {
    vi.useFakeTimers();
    let loads = 0;
    const load = async () => ++loads;
    const [a, b] = await Promise.all([shortLived("k1", 1000, load), shortLived("k1", 1000, load)]);
    expect([a, b, loads]).toEqual([1, 1, 1]);
    vi.advanceTimersByTime(999);
    expect(await shortLived("k1", 1000, load)).toBe(1);
    vi.advanceTimersByTime(1);
    expect(await shortLived("k1", 1000, load)).toBe(2);
  });

  it("loads again after a write made through this process", async () => {
    let loads = 0;
    const load = async () => ++loads;
    expect(await shortLived("k2", 60_000, load)).toBe(1);
    expect(await shortLived("k2", 60_000, load)).toBe(1);
    noteWrite();
    expect(await shortLived("k2", 60_000, load)).toBe(2);
  });

  it("keeps values apart by key and does not keep a failed load", async () => {
    let loads = 0;
    const failing = async () => {
      loads++;
      throw new Error("database unavailable");
    };
    await expect(shortLived("k3", 60_000, failing)).rejects.toThrow("database unavailable");
    await expect(shortLived("k3", 60_000, failing)).rejects.toThrow("database unavailable");
    expect(loads).toBe(2);
    expect(await shortLived("k4", 60_000, async () => "other")).toBe("other");
  });

  it("does not cache at all with a window of zero", async () => {
    let loads = 0;
    const load = async () => ++loads;
    await shortLived("k5", 0, load);
    await shortLived("k5", 0, load);
    expect(loads).toBe(2);
  });
});
