import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Queryable } from "@/db/client";
import { auditWithout, commitHistory } from "./history-store";

/** Kept apart from the importer that pages use: only the seed and the scripts read these files. */
export const SAMPLE_DIRECTORY = path.join(process.cwd(), "db", "history-sample");

/** Loads the generated sample history through the importer, one file per old province. */
export async function loadSampleHistory(q: Queryable, directory = SAMPLE_DIRECTORY): Promise<{ files: number; figures: number }> {
  const author = { userId: null, username: "demo-seed" };
  const names = readdirSync(directory).filter((n) => n.endsWith(".csv")).sort();
  // One transaction for all files: each import is a savepoint inside it, and the seed commits once.
  return q.transaction(async (tx) => {
    let figures = 0;
    for (const name of names) {
      const { preview } = await commitHistory(tx, author, { name, bytes: readFileSync(path.join(directory, name)) }, "equal", auditWithout(author), { sample: true });
      figures += preview.counts.new + preview.counts.updated;
    }
    return { files: names.length, figures };
  });
}
