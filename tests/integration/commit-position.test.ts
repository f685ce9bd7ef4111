import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { onCommit, recordWrite, type Commit } from "@/db/commit-signal";
import { queryRows } from "@/db/client";
import { parseLsn } from "@/db/replicas";
import { setupTestDatabase } from "../support/test-database";

/**
 * The WAL position announced after a commit decides whether a replica may serve the writer's
 * next read: a replica that has replayed it must hold the change. That must hold also when
 * commits do not wait for the disk (`synchronous_commit = off`, a common setting on busy
 * primaries), where WAL written so far can still end before the commit record.
 */
const ctx = setupTestDatabase();

describe.skipIf(!process.env.TEST_DATABASE_URL)("the position announced after a commit", () => {
  const seen: Commit[] = [];
  let stop: () => void;
  beforeAll(async () => {
    await ctx.db.execute(sql`CREATE TABLE commit_position_probe (v int)`);
    stop = onCommit((commit) => void seen.push(commit));
  });
  afterAll(() => stop());

  it("lies past the commit record, with asynchronous commit too", async () => {
    for (let round = 0; round < 20; round++) {
      seen.length = 0;
      let written = 0n;
      await ctx.db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL synchronous_commit = off`);
        await tx.execute(sql`INSERT INTO commit_position_probe VALUES (${round})`);
        recordWrite(1);
        // Everything this transaction wrote before its commit record ends here.
        const [row] = await queryRows<{ lsn: string }>(tx, sql`SELECT pg_current_wal_insert_lsn()::text AS lsn`);
        written = parseLsn(row.lsn)!;
      });
      expect(seen).toHaveLength(1);
      const announced = parseLsn(seen[0].lsn);
      expect(announced, `round ${round}: ${seen[0].lsn}`).not.toBeNull();
      // The commit record follows the transaction's last change, so the announced position must be beyond it.
      expect(announced! > written, `round ${round}: announced ${seen[0].lsn} is not past the transaction's own changes`).toBe(true);
    }
  });
});
