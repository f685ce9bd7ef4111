/**
 * Recomputes every roll-up and the dashboard indicators from raw rows and reports any difference.
 * Exit 0 when they agree, 1 when they differ. Runs on DATABASE_URL, else on the embedded database
 * in DATA_DIR (stop the app first: the embedded database has one process at a time).
 *
 * By default it checks every month of the last 24 (each as at its last day, the current one as at
 * today), the current year and the default 12-month period; --from/--to check one period instead.
 *
 *   npm run indicators:verify [-- --months 24] [-- --from YYYY-MM-DD --to YYYY-MM-DD] [-- --units VN,86,28756] [-- --all-provinces]
 */
import { parseArgs } from "node:util";
import { getDatabase, queryRows, sql } from "../db/client";
import { rawUnitIndicators, unitIndicators, type UnitIndicators } from "../lib/dal/indicators";
import type { Actor } from "../lib/dal/actor";
import { addMonths, defaultPeriod, lastDayOfMonth, monthStart, parsePeriod, vnToday, type Period } from "../lib/domain/period";

const { values } = parseArgs({
  options: {
    from: { type: "string" },
    to: { type: "string" },
    units: { type: "string", default: "VN" },
    months: { type: "string", default: "24" },
    "all-provinces": { type: "boolean", default: false },
  },
});

const operator: Actor = {
  userId: 0, username: "indicators:verify", fullName: "indicators:verify", role: "national",
  provinceCode: null, communeCode: null, mustChangePassword: false, ip: null, userAgent: null,
};

/** Paths where two results differ, ignoring the read time. */
function differences(a: unknown, b: unknown, path = ""): string[] {
  if (path === ".as_of") return [];
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) {
    return Object.is(a, b) ? [] : [`${path || "."}: roll-ups ${JSON.stringify(a)} ≠ raw ${JSON.stringify(b)}`];
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`));
}

const started = Date.now();
const handle = await getDatabase();
let problems = 0;

console.log(`Checking roll-up tables against raw rows (${handle.kind})…`);
const rows = await queryRows<{ rollup: string; key: string; stored: string | null; recomputed: string | null }>(
  handle.db,
  sql`SELECT * FROM rollup_differences() ORDER BY 1, 2`,
);
for (const r of rows.slice(0, 50)) console.log(`  ${r.rollup} ${r.key}: stored ${r.stored ?? "∅"} ≠ recomputed ${r.recomputed ?? "∅"}`);
if (rows.length > 50) console.log(`  … and ${rows.length - 50} more`);
console.log(rows.length ? `  ${rows.length} roll-up rows differ.` : "  roll-up tables agree.");
problems += rows.length;

const periods: Period[] = [];
if (values.from || values.to) periods.push(parsePeriod(values.from, values.to));
else {
  const current = monthStart(vnToday());
  for (let k = Number(values.months) - 1; k >= 0; k--) {
    const month = addMonths(current, -k);
    periods.push({ from: month, to: lastDayOfMonth(month) });
  }
  periods.push({ from: `${current.slice(0, 4)}-01-01`, to: `${current.slice(0, 4)}-12-31` }, defaultPeriod());
}
const units = values.units.split(",").map((u) => u.trim()).filter(Boolean);
if (values["all-provinces"]) {
  const provinces = await queryRows<{ code: string }>(handle.db, sql`SELECT code FROM provinces ORDER BY code`);
  units.push(...provinces.map((p) => p.code).filter((c) => !units.includes(c)));
}
for (const unit of units) {
  for (const period of periods) {
    const t0 = Date.now();
    const [fast, raw]: UnitIndicators[] = [await unitIndicators(operator, unit, period), await rawUnitIndicators(operator, unit, period)];
    const diff = differences(fast, raw);
    console.log(
      `Indicators of ${unit} for ${period.from} – ${period.to} (as at ${fast.as_at}): ${diff.length ? `${diff.length} differences` : "agree"} (${Date.now() - t0} ms)`,
    );
    for (const d of diff.slice(0, 20)) console.log(`  ${d}`);
    problems += diff.length;
  }
}

console.log(`${problems ? "DIFFERENCES FOUND" : "OK"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
await handle.close();
process.exit(problems ? 1 : 0);
