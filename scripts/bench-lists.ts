/**
 * Times the long lists' data-access calls as their pages make them — guidance, trainings, the
 * audit log (a page of rows and the capped count, keyset-paged) and the monthly reports overview —
 * for a national and a provincial caller, on the first page and on the 100th page reached by
 * following "next" cursors as a reader would.
 *
 *   DATABASE_URL=postgres://… npm run bench:lists [-- --runs 40] [--audit-events 1000000]
 *
 * Run it against a copy of the national-scale database. Prints p50/p95/max in milliseconds. The
 * seed records no audit events; `--audit-events N` first adds synthetic ones to the copy until it
 * holds N (user0…user9999 acting on members, one every 30 seconds back from now, spread over
 * every commune), so that the audit log is measured at a national size.
 */
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { openDatabase, queryRows, setDatabase, sql } from "@/db/client";
import type { Actor } from "@/lib/dal/actor";
import { auditListSchema, listAuditEvents } from "@/lib/dal/audit-log";
import { listGuidance } from "@/lib/dal/guidance";
import { communeReports, currentMonth, nationalReportOverview, provinceReportOverview } from "@/lib/dal/reports";
import { listTrainings } from "@/lib/dal/trainings";
import { addMonths, vnToday } from "@/lib/domain/period";
import { guidanceListSchema } from "@/lib/validation/guidance";
import { trainingListSchema } from "@/lib/validation/trainings";
import { percentile } from "./bench-stats";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "40" }, warmup: { type: "string", default: "3" }, "audit-events": { type: "string", default: "0" } },
});
const runs = Number(values.runs);
const warmup = Number(values.warmup);
const auditEvents = Number(values["audit-events"]);

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL to the PostgreSQL database to measure (a copy of the national-scale one).");
  process.exit(1);
}

const handle = await openDatabase({ url });
setDatabase(handle);

if (auditEvents > 0) {
  const [{ n }] = await queryRows<{ n: number }>(handle.db, sql`SELECT count(*)::int AS n FROM audit_events`);
  if (n < auditEvents) {
    console.log(`adding ${(auditEvents - n).toLocaleString("en")} synthetic audit events…`);
    await handle.db.execute(sql`INSERT INTO audit_events (at, actor_username, action, entity, entity_id, province_code, commune_code, after)
      SELECT now() - g * interval '30 seconds', 'user' || (g % 10000),
             (ARRAY['member.create', 'member.update', 'guidance.create', 'team.update', 'training.create'])[1 + g % 5],
             'member', (g::bigint * 7919 % 400000)::text, c.province_code, c.code, '{}'::jsonb
      FROM generate_series(1, ${auditEvents - n}) g
      JOIN (SELECT code, province_code, row_number() OVER (ORDER BY code) - 1 AS k, count(*) OVER () AS total FROM communes) c
        ON c.k = g::bigint * 2654435761 % c.total`);
    // As autovacuum leaves an append-only table: statistics current, pages marked all-visible.
    await handle.db.execute(sql`VACUUM ANALYZE audit_events`);
  }
}

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
  // "user42" matches one event in ninety (user42, user420…, user4200…); "user4" one in nine, enough for 100 pages in a province.
  { name: 'audit log, search "user42"', call: (a, q) => listAuditEvents(a, auditListSchema.parse({ pageSize: "20", q: "user42", ...q })) },
  { name: 'audit log, search "user4"', call: (a, q) => listAuditEvents(a, auditListSchema.parse({ pageSize: "20", q: "user4", ...q })) },
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

const load = () => loadavg().map((l) => l.toFixed(2)).join(", ");
console.log(`${new Date().toISOString()}, load average ${load()}`);
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
// A commune's own reports: its last twelve months, for its lead (the commune with the most teams in that province).
const [busiestCommune] = await queryRows<{ commune: string }>(
  handle.db,
  sql`SELECT commune_code AS commune FROM teams WHERE province_code = ${busiest.province} GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
);
const lead: Actor = { ...base, userId: 0, username: "bench.commune", role: "commune", provinceCode: busiest.province, communeCode: busiestCommune.commune };
const commune = await time(() => communeReports(lead, busiestCommune.commune));
row(["commune", `own reports, ${busiestCommune.commune} (twelve months)`, 1, (await communeReports(lead, busiestCommune.commune)).months.length, "-", ...ms(commune)]);
worst = Math.max(worst, national.p95, province.p95, commune.p95);

console.log(`\nworst p95: ${worst.toFixed(1)} ms (target ≤ 50 ms); ${new Date().toISOString()}, load average ${load()}`);
await handle.close();
