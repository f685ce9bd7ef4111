import { describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { ReplicaSet, parseLsn } from "@/db/replicas";

function fixture() {
  let now = 1_000_000;
  let primary = "0/100";
  const replayed: (string | Error)[] = ["0/100", "0/100"];
  const set = new ReplicaSet({
    checkMs: 1000,
    maxLagMs: 5000,
    now: () => now,
    primaryLsn: async () => primary,
    replicas: replayed.map((_, i) => ({
      name: `r${i}`,
      db: {} as Database,
      replayLsn: async () => {
        const v = replayed[i];
        if (v instanceof Error) throw v;
        return v;
      },
    })),
  });
  return {
    set,
    advance: (ms: number) => (now += ms),
    setPrimary: (lsn: string) => (primary = lsn),
    setReplayed: (i: number, v: string | Error) => (replayed[i] = v),
  };
}

describe("replica set", () => {
  it("parses WAL positions so that they compare in order", () => {
    expect(parseLsn("0/FF")! < parseLsn("1/0")!).toBe(true);
    expect(parseLsn("16/B374D848")).toBe((0x16n << 32n) | 0xb374d848n);
    expect(parseLsn("nonsense")).toBeNull();
  });

  it("serves reads from a current replica, in turn, and only from one that has replayed a user's write", async () => {
    const f = fixture();
    await f.set.check();
    const first = f.set.pick();
    const second = f.set.pick();
    expect(first && second && first !== second).toBe(true);
    f.setPrimary("0/200");
    f.setReplayed(1, "0/200");
    await f.set.check();
    expect(f.set.pick(parseLsn("0/200"))?.name).toBe("r1");
    expect(f.set.pick(parseLsn("0/300"))).toBeNull();
  });

  it("takes a replica out of service while it is down or lags too far, and back once it catches up", async () => {
    const f = fixture();
    await f.set.check();
    f.setReplayed(0, new Error("connection refused"));
    f.setPrimary("0/200");
    f.advance(6000);
    await f.set.check();
    // r1 has not replayed 0/200 for six seconds: more than the five allowed.
    f.advance(6000);
    await f.set.check();
    expect(f.set.pick()).toBeNull();
    f.setReplayed(1, "0/200");
    f.advance(100);
    await f.set.check();
    expect(f.set.pick()?.name).toBe("r1");
  });

  it("resolves a wait for a position once every usable replica has replayed it", async () => {
    const f = fixture();
    await f.set.check();
    f.setPrimary("0/200");
    let done = false;
    const waiting = f.set.caughtUp(parseLsn("0/200")!).then(() => (done = true));
    await f.set.check();
    expect(done).toBe(false);
    f.setReplayed(0, "0/200");
    f.setReplayed(1, "0/200");
    await f.set.check();
    await waiting;
    expect(done).toBe(true);
  });
});
