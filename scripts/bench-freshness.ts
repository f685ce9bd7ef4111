/**
 * How soon a committed guidance record shows in the dashboard figures of every app server.
 *
 *   npm run build && DATABASE_URL=postgres://… npm run bench:freshness [-- --writes 20]
 *
 * Starts two production servers (`scripts/serve.ts`, one process each, free ports) on one
 * PostgreSQL database, as two hosts behind a load balancer would run. Each write records one
 * guidance row for a commune through the data-access layer — the code a server action runs, in a
 * process of its own, so neither server hears of it except through the database — and, from the
 * moment the write has committed, polls `/api/indicators` for that commune's month on server A and
 * on server B every 50 ms until the people-guided figure includes it. Prints p50/p95/max per
 * server (target p95 ≤ 1 s).
 *
 * It writes: run it on a copy of a database (the national-scale one, or a seeded one), never on
 * one in use. Signs its session cookie locally with the servers' secret instead of signing in.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { openDatabase, queryRows, setDatabase, sql } from "@/db/client";
import type { Actor } from "@/lib/dal/actor";
import { recordGuidance } from "@/lib/dal/guidance";
import { vnToday } from "@/lib/domain/period";
import { percentile } from "./bench-stats";
import { resolveE2ePort } from "./e2e-port";

const { values } = parseArgs({ options: { writes: { type: "string", default: "20" }, user: { type: "string", default: "badinh.demo" }, "timeout-ms": { type: "string", default: "10000" } } });
const writes = Number(values.writes);
const giveUpAfter = Number(values["timeout-ms"]);
const POLL_MS = 50;

const url = process.env.DATABASE_URL;
if (!url?.startsWith("postgres")) {
  console.error("Set DATABASE_URL to a PostgreSQL database this benchmark may write to (a copy).");
  process.exit(2);
}

const handle = await openDatabase({ url });
setDatabase(handle);

const [user] = await queryRows<{ id: number; sv: number; province: string; commune: string; name: string }>(
  handle.db,
  sql`SELECT id, session_version AS sv, province_code AS province, commune_code AS commune, full_name AS name FROM users
      WHERE username = ${values.user} AND role = 'commune' AND disabled_at IS NULL`,
);
if (!user) throw new Error(`no enabled commune account ${values.user}`);
const [team] = await queryRows<{ id: number }>(
  handle.db,
  sql`SELECT id FROM teams WHERE commune_code = ${user.commune} AND status = 'active' AND deleted_at IS NULL ORDER BY id LIMIT 1`,
);
if (!team) throw new Error(`commune ${user.commune} has no active team`);
const actor: Actor = {
  userId: Number(user.id),
  username: values.user,
  fullName: String(user.name),
  role: "commune",
  provinceCode: String(user.province),
  communeCode: String(user.commune),
  mustChangePassword: false,
  ip: "127.0.0.1",
  userAgent: "bench-freshness",
};

const secret = randomBytes(32).toString("base64url");
const require = createRequire(import.meta.url);
const tsxBin = require.resolve("tsx/cli");
const servers: { name: string; base: string; process: ChildProcess }[] = [];
for (const name of ["A", "B"]) {
  const port = resolveE2ePort({});
  const child = spawn(process.execPath, [tsxBin, "scripts/serve.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      WEB_CONCURRENCY: "1",
      AUTH_SECRET: secret,
      AUTH_TRUST_HOST: "true",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  servers.push({ name, base: `http://127.0.0.1:${port}`, process: child });
}
const stop = () => servers.forEach((s) => s.process.exitCode === null && s.process.kill("SIGTERM"));
process.on("exit", stop);

async function waitForServer(base: string) {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server at ${base} did not start (run \`npm run build\` first)`);
}

const { encode } = await import("next-auth/jwt");
const cookieName = "authjs.session-token";
const cookie = `${cookieName}=${await encode({ token: { sub: String(user.id), name: values.user, uid: Number(user.id), sv: Number(user.sv) }, secret, salt: cookieName, maxAge: 3600 })}`;
const today = vnToday();
const month = today.slice(0, 7);
const indicatorsPath = `/api/indicators?unit=${user.commune}&from=${month}-01&to=${month}-01`;

async function guided(base: string): Promise<number> {
  const res = await fetch(base + indicatorsPath, { headers: { cookie } });
  if (!res.ok) throw new Error(`${base}${indicatorsPath} answered ${res.status}`);
  return Number((await res.json()).indicators.people_guided);
}

/** Milliseconds from `since` until the server reports at least `expected`, polling every 50 ms. */
async function seen(base: string, expected: number, since: number): Promise<number> {
  for (;;) {
    if ((await guided(base)) >= expected) return performance.now() - since;
    if (performance.now() - since > giveUpAfter) return Number.POSITIVE_INFINITY;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

try {
  await Promise.all(servers.map((s) => waitForServer(s.base)));
  // Both servers have read (and may cache) the figure before the first write.
  const before = await Promise.all(servers.map((s) => guided(s.base)));
  if (before[0] !== before[1]) throw new Error(`the servers disagree before any write: ${before.join(" vs ")}`);
  let figure = before[0];
  const delays: Record<string, number[]> = { A: [], B: [] };
  console.log(`${writes} writes of one guidance record to commune ${user.commune} (team ${team.id}); servers ${servers.map((s) => `${s.name} ${s.base}`).join(", ")}; polling every ${POLL_MS} ms`);
  for (let i = 0; i < writes; i++) {
    await Promise.all(servers.map((s) => guided(s.base))); // keep both caches warm with the current figure
    await recordGuidance(actor, [{ teamId: Number(team.id), guidedOn: today, skill: 1, targetGroup: "elderly", householdsVisited: 1, peopleGuided: 1, peopleCompleted: 0, note: "bench:freshness" }]);
    const committed = performance.now();
    figure += 1;
    const [a, b] = await Promise.all(servers.map((s) => seen(s.base, figure, committed)));
    delays.A.push(a);
    delays.B.push(b);
    // Writes arrive at a person's pace, not back to back.
    await new Promise((r) => setTimeout(r, 200));
  }
  console.log("\n| server | writes | p50 | p95 | max |");
  console.log("|---|---|---|---|---|");
  let worst = 0;
  for (const [name, list] of Object.entries(delays)) {
    const sorted = [...list].sort((x, y) => x - y);
    const p95 = percentile(sorted, 95);
    worst = Math.max(worst, p95);
    const f = (v: number) => (Number.isFinite(v) ? `${v.toFixed(0)} ms` : `> ${giveUpAfter} ms`);
    console.log(`| ${name} | ${sorted.length} | ${f(percentile(sorted, 50))} | ${f(p95)} | ${f(sorted[sorted.length - 1])} |`);
  }
  console.log(`\nworst p95 ${Number.isFinite(worst) ? `${worst.toFixed(0)} ms` : "never seen"} (target ≤ 1000 ms)`);
} finally {
  stop();
  await handle.close();
}
process.exit(0);
