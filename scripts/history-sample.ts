import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readAdministrativeUnits } from "../db/units";
import { SAMPLE_DIRECTORY } from "../lib/dal/history-sample";
import { oldProvinceByName } from "../lib/history/mapping";
import { sampleHistoryFiles } from "../lib/history/sample";

/** Regenerates the sample history files (deterministic): `npx tsx scripts/history-sample.ts`. */
const communes = new Map<string, number>();
for (const m of readAdministrativeUnits().mappings) {
  const province = m.oldProvinceName && m.oldCode ? oldProvinceByName(m.oldProvinceName) : undefined;
  if (province) communes.set(province.oldCode, (communes.get(province.oldCode) ?? 0) + 1);
}
mkdirSync(SAMPLE_DIRECTORY, { recursive: true });
for (const name of readdirSync(SAMPLE_DIRECTORY)) if (name.endsWith(".csv")) rmSync(path.join(SAMPLE_DIRECTORY, name));
const files = sampleHistoryFiles(communes);
for (const f of files) writeFileSync(path.join(SAMPLE_DIRECTORY, f.name), f.csv);
console.log(`Wrote ${files.length} sample files to ${path.relative(process.cwd(), SAMPLE_DIRECTORY)}.`);
