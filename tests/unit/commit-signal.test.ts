import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { commitGeneration, onCommit, recordWrite, type Commit } from "@/db/commit-signal";
import { openDatabase, type DatabaseHandle } from "@/db/client";

describe("commit signal", () => {
  let handle: DatabaseHandle;
  const seen: Commit[] = [];
  let stop: () => void;
  beforeAll(async () => {
    handle = await openDatabase({ dataDir: "memory://" });
    await handle.db.execute(sql`CREATE TABLE t (v int)`);
    stop = onCommit((commit) => void seen.push(commit));
  });
  afterAll(async () => {
    stop();
    await handle.close();
  });

  it("signals a writing transaction only once it has committed, with its writers", async () => {
    const before = commitGeneration();
    seen.length = 0;
    let insideGeneration = -1;
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO t VALUES (1)`);
      recordWrite(7);
      insideGeneration = commitGeneration();
    });
    expect(insideGeneration).toBe(before);
    expect(commitGeneration()).toBe(before + 1);
    expect(seen).toEqual([{ userIds: [7], lsn: null, local: true }]);
  });

  it("signals nothing for a rolled-back transaction or one that recorded no write", async () => {
    const before = commitGeneration();
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO t VALUES (2)`);
        recordWrite(7);
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT 1`);
    });
    expect(commitGeneration()).toBe(before);
  });

  it("leaves a write outside any transaction to its caller", () => {
    expect(recordWrite(7)).toBe(false);
  });
});
