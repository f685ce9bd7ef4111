/**
 * Times the member list query the /members page runs (lib/dal/members.ts listMembers: the page of
 * ids, the total and the page's details) against a large PostgreSQL database.
 *
 *   DATABASE_URL=postgres://… npm run bench:members [-- --runs 40]
 *
 * Prints p50/p95/max in milliseconds per query, for a national and a provincial caller.
 */
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { openDatabase, queryRows, setDatabase, sql } from "@/db/client";
import type { Actor } from "@/lib/dal/actor";
import { listMembers } from "@/lib/dal/members";
import { memberListSchema } from "@/lib/validation/rosters";

const { values } = parseArgs({ options: { runs: { type: "string", default: "40" }, warmup: { type: "string", default: "3" } } });
const runs = Number(values.runs);
const warmup = Number(values.warmup);

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL to the PostgreSQL database to measure.");
  process.exit(1);
}

const handle = await openDatabase({ url });
setDatabase(handle);

// The busiest province and, within it, the busiest commune; a phone fragment that exists there.
const [busiest] = await queryRows<{ province: string; commune: string; n: number }>(
  handle.db,
  sql`SELECT province_code AS province, commune_code AS commune, count(*)::int AS n FROM members WHERE deleted_at IS NULL
      GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1`,
);
const [{ total }] = await queryRows<{ total: number }>(handle.db, sql`SELECT count(*)::int AS total FROM members`);
const [sample] = await queryRows<{ phone: string }>(
  handle.db,
  sql`SELECT phone FROM members WHERE province_code = ${busiest.province} AND phone IS NOT NULL ORDER BY id LIMIT 1 OFFSET 500`,
);
const fragment = sample.phone.slice(3, 9);

const base = { mustChangePassword: false, ip: null, userAgent: null, fullName: "bench" };
const actors: Actor[] = [
  { ...base, userId: 0, username: "bench.national", role: "national", provinceCode: null, communeCode: null },
  { ...base, userId: 0, username: "bench.provincial", role: "provincial", provinceCode: busiest.province, communeCode: null },
];

const cases: { name: string; query: Record<string, string> }[] = [
  { name: 'search "nguyen van"', query: { q: "nguyen van" } },
  { name: 'search "tran thi"', query: { q: "tran thi" } },
  { name: `phone fragment "${fragment}"`, query: { q: fragment } },
  { name: `commune ${busiest.commune} + search "nguyen"`, query: { commune: busiest.commune, q: "nguyen" } },
  { name: "page 50, sorted by name desc", query: { page: "50", sort: "fullName", dir: "desc" } },
  { name: "page 1, filter position + affiliation", query: { position: "leader", affiliation: "youth_union" } },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

console.log(`members: ${total.toLocaleString("en")} rows; provincial caller: province ${busiest.province}; ${runs} runs after ${warmup} warm-up runs\n`);
console.log(["caller", "query", "rows", "total", "p50 ms", "p95 ms", "max ms"].join("\t"));
let worst = 0;
for (const actor of actors) {
  for (const c of cases) {
    const params = memberListSchema.parse(c.query);
    let result = await listMembers(actor, params);
    for (let i = 1; i < warmup; i++) await listMembers(actor, params);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      result = await listMembers(actor, params);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const p95 = percentile(times, 95);
    worst = Math.max(worst, p95);
    console.log([actor.role, c.name, result.rows.length, result.total, percentile(times, 50).toFixed(1), p95.toFixed(1), times[times.length - 1].toFixed(1)].join("\t"));
  }
}
console.log(`\nworst p95: ${worst.toFixed(1)} ms (target ≤ 50 ms)`);
await handle.close();
