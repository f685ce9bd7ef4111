import { readFileSync } from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { desc } from "drizzle-orm";
import { historyImports } from "../db/schema";
import { openMigrated } from "../db/setup";
import { analyseHistory, auditWithout, commitHistory, HistoryRejectedError, undoHistory, type HistoryPreview } from "../lib/dal/history-store";
import { SPLIT_RULES, type SplitRule } from "../lib/history/mapping";

const usage = `Usage:
  npm run history:import -- FILE…            dry run: what each file would change (nothing is written)
  npm run history:import -- --commit FILE…   write the files' figures
  npm run history:import -- --list           the imports so far
  npm run history:import -- --undo ID        undo an import
Options: --rule equal|primary (how an old commune split among several new ones is shared; default equal)`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    commit: { type: "boolean", default: false },
    rule: { type: "string", default: "equal" },
    undo: { type: "string" },
    list: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (values.help || (!values.list && !values.undo && positionals.length === 0)) {
  console.log(usage);
  process.exit(values.help ? 0 : 2);
}
if (!(SPLIT_RULES as readonly string[]).includes(values.rule!)) {
  console.error(`Unknown rule "${values.rule}". Use one of: ${SPLIT_RULES.join(", ")}.`);
  process.exit(2);
}
const rule = values.rule as SplitRule;
const author = { userId: null, username: `cli:${userInfo().username}` };
const handle = await openMigrated();
let failed = false;

function report(preview: HistoryPreview) {
  const c = preview.counts;
  console.log(`${preview.fileName}: ${c.rows} rows — ${c.new} new, ${c.updated} changed, ${c.unchanged} unchanged, ${c.errors} with problems, ${c.split} split communes (rule: ${preview.rule})`);
  if (preview.marker) console.log(`  note: ${preview.marker}`);
  for (const p of preview.provinces) if (p.oldCode !== p.newCode || p.oldName !== p.newName) console.log(`  old province ${p.oldCode} ${p.oldName} → ${p.newCode} ${p.newName} (${p.rows} rows)`);
  for (const s of preview.splits.slice(0, 20)) console.log(`  row ${s.row}: ${s.oldName} (${s.period}) split → ${s.targets.map((t) => `${t.name}: ${t.people_guided ?? "–"} guided`).join(", ")}`);
  for (const i of preview.issues.slice(0, 50)) console.log(`  row ${i.row}${i.column ? ` [${i.column}]` : ""}: ${i.code} ${i.values ? JSON.stringify(i.values) : ""}`);
  if (preview.issues.length > 50) console.log(`  … and ${preview.issues.length - 50} more problems`);
}

try {
  if (values.list) {
    for (const i of await handle.db.select().from(historyImports).orderBy(desc(historyImports.id))) {
      console.log(`${i.id}\t${i.createdAt.toISOString()}\t${i.fileName}\t+${i.figuresNew} ~${i.figuresUpdated} =${i.figuresUnchanged}${i.sample ? "\tsample" : ""}${i.undoneAt ? `\tundone ${i.undoneAt.toISOString()}` : ""}`);
    }
  } else if (values.undo) {
    const result = await undoHistory(handle.db, author, Number(values.undo), auditWithout(author));
    console.log(`Import ${values.undo} undone: ${result.removed} figures removed, ${result.restored} earlier figures current again.`);
  } else {
    for (const file of positionals) {
      const bytes = readFileSync(file);
      const f = { name: path.basename(file), bytes };
      if (values.commit) {
        const { importId, preview } = await commitHistory(handle.db, author, f, rule, auditWithout(author));
        report(preview);
        console.log(`  written as import ${importId}`);
      } else {
        report((await analyseHistory(handle.db, f, rule)).preview);
      }
    }
    if (!values.commit) console.log("Dry run: nothing written. Add --commit to write.");
  }
} catch (error) {
  if (!(error instanceof HistoryRejectedError)) throw error;
  if (error.preview) report(error.preview);
  console.error(`Refused: ${error.code} ${JSON.stringify(error.values)}`);
  failed = true;
} finally {
  await handle.close();
}
process.exit(failed ? 1 : 0);
