/**
 * Times the long lists' data-access calls as their pages make them — guidance, trainings, the
 * audit log (a page of rows and the capped count, keyset-paged) and the monthly reports overview —
 * for a national and a provincial caller, on the first page and on the 100th page reached by
 * following "next" cursors as a reader would.
 *
 *   DATABASE_URL=postgres://… npm run bench:lists [-- --runs 40]
 *
 * Run it against a copy of the national-scale database. Prints p50/p95/max in milliseconds.
 */
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { openDatabase, queryRows, setDatabase, sql } from "@/db/client";
import type { Actor } from "@/lib/dal/actor";
import { auditListSchema, listAuditEvents } from "@/lib/dal/audit-log";
import { listGuidance } from "@/lib/dal/guidance";
import { currentMonth, nationalReportOverview, provinceReportOverview } from "@/lib/dal/reports";
import { listTrainings } from "@/lib/dal/trainings";
import { addMonths, vnToday } from "@/lib/domain/period";
import { guidanceListSchema } from "@/lib/validation/guidance";
import { trainingListSchema } from "@/lib/validation/trainings";
import { percentile } from "./bench-stats";

const { values } = parseArgs({ options: { runs: { type: "string", default: "40" }, warmup: { type: "string", default: "3" } } });
const runs = Number(values.runs);
const warmup = Number(values.warmup);

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL to the PostgreSQL database to measure (a copy of the national-scale one).");
  process.exit(1);
}

const handle = await openDatabase({ url });
setDatabase(handle);

const [busiest] = await queryRows<{ province: string }>(
  handle.db,
  sql`SELECT province_code AS province FROM communes GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
);
const sizes = await queryRows<{ name: string; n: number }>(
  handle.db,
  sql`SELECT 'guidance_records' AS name, count(*)::int AS n FROM guidance_records UNION ALL SELECT 'trainings', count(*)::int FROM trainings
      UNION ALL SELECT 'audit_events', count(*)::int FROM audit_events UNION ALL SELECT 'monthly_reports', count(*)::int FROM monthly_reports`,
);

const base = { mustChangePassword: false, ip: null, userAgent: null, fullName: "bench" };
const actors: Actor[] = [
  { ...base, userId: 0, username: "bench.national", role: "national", provinceCode: null, communeCode: null },
  { ...base, userId: 0, username: "bench.provincial", role: "provincial", provinceCode: busiest.province, communeCode: null },
];

type Page = { rows: unknown[]; next: string | null; total: number; capped: boolean };
type List = { name: string; call: (actor: Actor, query: Record<string, string>) => Promise<Page> };

// The guidance page shows the current month when nothing narrows it above the commune; the bench asks for the same.
const month = vnToday().slice(0, 7);
const lists: List[] = [
  { name: "guidance (this month)", call: (a, q) => listGuidance(a, guidanceListSchema.parse({ from: month, to: month, ...q })) },
  { name: "trainings", call: (a, q) => listTrainings(a, trainingListSchema.parse(q)) },
  { name: "audit log", call: (a, q) => listAuditEvents(a, auditListSchema.parse({ pageSize: "20", ...q })) },
  { name: 'audit log, search "user42"', call: (a, q) => listAuditEvents(a, auditListSchema.parse({ pageSize: "20", q: "user42", ...q })) },
];

async function time(call: () => Promise<unknown>): Promise<{ p50: number; p95: number; max: number }> {
  for (let i = 0; i < warmup; i++) await call();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await call();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1] };
}

const row = (cells: (string | number)[]) => console.log(cells.join("\t"));
const ms = (t: { p50: number; p95: number; max: number }) => [t.p50.toFixed(1), t.p95.toFixed(1), t.max.toFixed(1)];

console.log(`${sizes.map((s) => `${s.name}: ${s.n.toLocaleString("en")}`).join(", ")}; provincial caller: province ${busiest.province}; ${runs} runs after ${warmup} warm-up runs\n`);
row(["caller", "list", "page", "rows", "total", "p50 ms", "p95 ms", "max ms"]);
let worst = 0;
for (const actor of actors) {
  for (const list of lists) {
    const first = await list.call(actor, {});
    const t1 = await time(() => list.call(actor, {}));
    row([actor.role, list.name, 1, first.rows.length, `${first.capped ? ">" : ""}${first.total}`, ...ms(t1)]);
    worst = Math.max(worst, t1.p95);
    // Page 100 as a reader reaches it: following "next" from the first page; then that page's call is timed.
    let page = first;
    let cursor: string | null = null;
    let n = 1;
    while (n < 100 && page.next) {
      cursor = page.next;
      page = await list.call(actor, { page: String(++n), after: cursor });
    }
    if (n < 100 || !cursor) {
      row([actor.role, list.name, 100, "-", `only ${n} pages`, "-", "-", "-"]);
      continue;
    }
    const after = cursor;
    const t100 = await time(() => list.call(actor, { page: "100", after }));
    row([actor.role, list.name, 100, page.rows.length, `${page.capped ? ">" : ""}${page.total}`, ...ms(t100)]);
    worst = Math.max(worst, t100.p95);
  }
}

// The reports overview lists one row per province (national) or per commune of a province: there is no page 100.
const reportMonth = addMonths(currentMonth(), -1);
const national = await time(() => nationalReportOverview(actors[0], reportMonth));
row(["national", `reports overview ${reportMonth.slice(0, 7)} (one row per province)`, 1, (await nationalReportOverview(actors[0], reportMonth)).provinces.length, "-", ...ms(national)]);
const province = await time(() => provinceReportOverview(actors[1], busiest.province, reportMonth));
row(["provincial", `reports overview ${reportMonth.slice(0, 7)} (one row per commune)`, 1, (await provinceReportOverview(actors[1], busiest.province, reportMonth)).communes.length, "-", ...ms(province)]);
worst = Math.max(worst, national.p95, province.p95);

console.log(`\nworst p95: ${worst.toFixed(1)} ms (target ≤ 50 ms)`);
await handle.close();
