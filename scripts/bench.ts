/**
 * Dashboard benchmark on PostgreSQL (DATABASE_URL, e.g. the national-scale seed). Read-only: every
 * connection it opens, and the server it starts, runs with default_transaction_read_only=on, and
 * the session cookie is signed locally instead of signing in (which would write audit rows).
 *
 *   npm run build && DATABASE_URL=postgres://… npm run bench [-- --lighthouse | --data-only | --html-only]
 *
 * Prints, side by side, the dashboard data of the country, a province and a commune read from
 * the roll-ups and computed from raw rows (p50/p95), the dashboard HTML throughput with 20
 * concurrent signed-in users (autocannon against `scripts/serve.ts`, the server `npm start` runs:
 * one process per CPU on PostgreSQL) as a ratio of the password page's — the smallest signed-in
 * page — measured in the same run, before and after the dashboards (target ≥ 0.5), the dashboard's first-load JavaScript (gzipped) and, with --lighthouse, the
 * Lighthouse performance score.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { fieldLighthouse, medianScore } from "./bench-lighthouse";
import { resolveE2ePort } from "./e2e-port";

const { values: args } = parseArgs({
  options: {
    port: { type: "string" },
    lighthouse: { type: "boolean", default: false },
    "lighthouse-runs": { type: "string", default: "3" },
    runs: { type: "string", default: "40" },
    "raw-runs": { type: "string", default: "3" },
    connections: { type: "string", default: "20" },
    duration: { type: "string", default: "20" },
    "data-only": { type: "boolean", default: false },
    // The pages alone (sizes, single-request times, throughput, first-load JS), without the data part.
    "html-only": { type: "boolean", default: false },
    // A folder to write each measured page's HTML to, to see what makes it large.
    "save-html": { type: "string" },
  },
});

if (!process.env.DATABASE_URL?.startsWith("postgres")) {
  console.error("Set DATABASE_URL to the PostgreSQL database to benchmark (e.g. the national-scale seed).");
  process.exit(2);
}
const readOnly = new URL(process.env.DATABASE_URL);
readOnly.searchParams.set("default_transaction_read_only", "on");
process.env.DATABASE_URL = readOnly.toString();

// The data figures are the cost of one read with its roll-up check, as for the first reader after
// the freshness window; the server started below keeps the configured window.
const serverFreshness = process.env.INDICATORS_FRESHNESS_MS;
process.env.INDICATORS_FRESHNESS_MS = "0";

const { getDatabase, queryRows, sql } = await import("../db/client");
const { communeDetails, rawUnitIndicators, unitIndicators } = await import("../lib/dal/indicators");
const { addMonths, lastDayOfMonth, monthStart, vnToday } = await import("../lib/domain/period");
type Actor = import("../lib/dal/actor").Actor;

const handle = await getDatabase();
const db = handle.db;
// The current year (read as at today) and a closed month (as at its last day).
const thisYear = vnToday().slice(0, 4);
const pastMonth = addMonths(monthStart(vnToday()), -3);
const periods = [
  { label: `year ${thisYear}`, period: { from: `${thisYear}-01-01`, to: `${thisYear}-12-31` } },
  { label: `month ${pastMonth.slice(0, 7)}`, period: { from: pastMonth, to: lastDayOfMonth(pastMonth) } },
];
const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : "—");

async function time(fn: () => Promise<unknown>, runs: number): Promise<{ p50: number; p95: number }> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

const [sizes] = await queryRows<Record<string, number>>(
  db,
  sql`SELECT (SELECT count(*) FROM teams)::int AS teams, (SELECT count(*) FROM members)::int AS members,
    (SELECT count(*) FROM guidance_records)::int AS guidance, (SELECT count(*) FROM training_attendance)::int AS attendances,
    (SELECT count(*) FROM trainings)::int AS trainings, version() AS version`,
);
const [busiest] = await queryRows<{ province: string; commune: string }>(
  db,
  sql`SELECT province_code AS province, commune_code AS commune FROM commune_stats ORDER BY members_active DESC, commune_code LIMIT 1`,
);

const actor = (role: Actor["role"], provinceCode: string | null = null, communeCode: string | null = null): Actor => ({
  userId: 0, username: "bench", fullName: "bench", role, provinceCode, communeCode, mustChangePassword: false, ip: null, userAgent: null,
});

console.log(`# Dashboard benchmark — ${new Date().toISOString()}`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`);
console.log(`database: ${String(sizes.version).split(" on ")[0]}; ${sizes.teams} teams, ${sizes.members} members, ${sizes.trainings} trainings, ${sizes.attendances} attendances, ${sizes.guidance} guidance records`);
console.log(`periods: ${periods.map((p) => `${p.label} (${p.period.from} – ${p.period.to})`).join(", ")}\n`);

const runs = Number(args.runs);
const rawRuns = Number(args["raw-runs"]);
const levels = [
  { label: "national (VN)", code: "VN", actor: actor("national"), details: false },
  { label: `province (${busiest.province})`, code: busiest.province, actor: actor("provincial", busiest.province), details: false },
  { label: `commune (${busiest.commune})`, code: busiest.commune, actor: actor("commune", busiest.province, busiest.commune), details: true },
];
const dataResults: { label: string; p50: number; p95: number; raw: number; speedup: number }[] = [];
if (!args["html-only"]) {
  console.log("## Dashboard data: roll-ups vs raw rows");
  console.log("Everything a dashboard reads (the commune's also lists its hamlets, teams and reports), then the indicators");
  console.log("alone from the roll-ups against the same indicators computed from raw rows.\n");
  console.log("| period | level | dashboard data p50 | p95 | indicators p50 | p95 | raw rows p50 | p95 | speed-up (p50) |");
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const { label: periodLabel, period: p } of periods) {
    for (const level of levels) {
      const indicators = () => unitIndicators(level.actor, level.code, p);
      const read = () => Promise.all([indicators(), level.details ? communeDetails(level.actor, level.code, p) : null]);
      await read();
      const page = await time(read, runs);
      const fast = await time(indicators, runs);
      const slow = await time(() => rawUnitIndicators(level.actor, level.code, p), rawRuns);
      const speedup = slow.p50 / fast.p50;
      dataResults.push({ label: `${periodLabel}, ${level.label}`, p50: page.p50, p95: page.p95, raw: slow.p50, speedup });
      console.log(
        `| ${periodLabel} | ${level.label} | ${ms(page.p50)} | ${ms(page.p95)} | ${ms(fast.p50)} | ${ms(fast.p95)} | ${ms(slow.p50)} | ${ms(slow.p95)} | ${speedup.toFixed(0)}× |`,
      );
    }
  }
}
if (args["data-only"]) {
  const misses = [
    ...dataResults.filter((r) => r.p50 > 50 || r.p95 > 50).map((r) => `${r.label} data p95 ${ms(r.p95)} > 50 ms`),
    ...dataResults.filter((r) => r.speedup < 100).map((r) => `${r.label} only ${r.speedup.toFixed(0)}× faster than raw rows`),
  ];
  console.log(misses.length ? `\nMissed: ${misses.join("; ")}` : "\nDashboard data targets met.");
  await handle.close();
  process.exit(0);
}

// ---- HTML under load, first-load JS, Lighthouse: against the production server ----
// A port that is free now unless one is given, so the benchmark runs beside anything else.
const port = resolveE2ePort({ E2E_PORT: args.port });
const base = `http://127.0.0.1:${port}`;
const secret = randomBytes(32).toString("base64url");
const require = createRequire(import.meta.url);
const tsxBin = require.resolve("tsx/cli");
function serverEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --max-semi-space-size=32`.trim(), // as scripts/start.ts
    PORT: String(port),
    HOST: "127.0.0.1",
    AUTH_SECRET: secret,
    AUTH_TRUST_HOST: "true",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  if (serverFreshness === undefined) delete env.INDICATORS_FRESHNESS_MS;
  else env.INDICATORS_FRESHNESS_MS = serverFreshness;
  return env;
}
// The same server as `npm start`: one process per CPU on PostgreSQL.
const server: ChildProcess = spawn(process.execPath, [tsxBin, "scripts/serve.ts"], {
  env: serverEnv(),
  stdio: ["ignore", "ignore", "inherit"],
  detached: false,
});
const stop = () => server.exitCode === null && server.kill("SIGTERM");
process.on("exit", stop);

async function waitForServer() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not start (run `npm run build` first)");
}

/** A session cookie for a seeded account, signed like Auth.js would after a sign-in. */
async function sessionCookie(username: string): Promise<string> {
  const check = await queryRows<{ id: number; sv: number }>(db, sql`SELECT id, session_version AS sv FROM users WHERE username = ${username}`);
  if (!check[0]) throw new Error(`no account ${username} in the benchmark database`);
  const { encode } = await import("next-auth/jwt");
  const name = "authjs.session-token";
  const token = await encode({ token: { sub: String(check[0].id), name: username, uid: Number(check[0].id), sv: Number(check[0].sv) }, secret, salt: name, maxAge: 3600 });
  return `${name}=${token}`;
}

type Autocannon = (opts: Record<string, unknown>) => { on(event: "response", cb: (client: unknown, status: number, bytes: number, time: number) => void): void } & PromiseLike<{
  requests: { total: number; average: number };
  non2xx: number;
  errors: number;
}>;

try {
  await waitForServer();
  const cookies = {
    national: await sessionCookie("national.demo"),
    province: await sessionCookie("hanoi.demo"),
    commune: await sessionCookie("badinh.demo"),
  };
  const pages = [
    { label: "national dashboard /", path: "/", cookie: cookies.national },
    { label: "province dashboard /units/01", path: "/units/01", cookie: cookies.province },
    { label: "commune dashboard /units/00004", path: "/units/00004", cookie: cookies.commune },
  ];
  for (const p of pages) {
    const res = await fetch(base + p.path, { headers: { cookie: p.cookie } });
    const hasMap = (await res.text()).includes('data-testid="province-map"');
    // The country's dashboard draws the province map; a province's shows its communes as bars.
    if (res.status !== 200 || hasMap !== (p.path === "/")) throw new Error(`${p.path} answered ${res.status}, map drawn: ${hasMap}`);
  }

  console.log("\n## Dashboard HTML, one request at a time (server time per page, 10 requests after a warm-up)");
  console.log("| page | p50 | p95 | HTML size | of which RSC payload |");
  console.log("|---|---|---|---|---|");
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  for (const p of [{ label: "password page /account/password", path: "/account/password", cookie: cookies.national }, ...pages]) {
    let html = "";
    await fetch(base + p.path, { headers: { cookie: p.cookie } });
    const single = await time(async () => {
      html = await (await fetch(base + p.path, { headers: { cookie: p.cookie } })).text();
    }, 10);
    // The React Server Components payload the page inlines for hydration and client navigation.
    const payload = [...html.matchAll(/<script[^>]*>self\.__next_f\.push\(([\s\S]*?)\)<\/script>/g)].reduce((sum, m) => sum + Buffer.byteLength(m[1]), 0);
    if (args["save-html"]) writeFileSync(join(args["save-html"], `${p.path.replace(/\W+/g, "_") || "_"}.html`), html);
    console.log(`| ${p.label} | ${ms(single.p50)} | ${ms(single.p95)} | ${kb(Buffer.byteLength(html))} | ${kb(payload)} |`);
  }

  console.log(`\n## Dashboard HTML with ${args.connections} concurrent signed-in users (autocannon, ${args.duration} s each)`);
  // On a shared machine absolute times say more about the neighbours than about the page, so each
  // dashboard's throughput is compared with the smallest signed-in page measured in the same run:
  // the password page (the same session check and one small form, without the navigation of the
  // signed-in layout). The
  // sign-in page (no session) is printed as the framework's floor. The password page is measured
  // before and after the dashboards and their mean is the reference: the servers' speed drifts
  // during a run, and a reference taken on one side only would carry that drift into every ratio.
  const floor = { label: "password page /account/password (smallest signed-in page), before", path: "/account/password", cookie: cookies.national };
  const floorAfter = { ...floor, label: "password page /account/password, after" };
  const signInPage = { label: "sign-in page /login (for comparison)", path: "/login", cookie: "" };
  const autocannon = require("autocannon") as Autocannon;
  const loaded: { label: string; total: number; rate: number; p50: number; p95: number; p99: number; failed: number }[] = [];
  // Every server process first serves every page for a while (first renders, memo of the figures,
  // the runtime's optimised code): the framework's code that all pages share keeps getting faster
  // for a minute, and a page measured before the others would be measured on colder code.
  for (const p of [floor, ...pages, signInPage])
    await autocannon({ url: base + p.path, connections: Number(args.connections), duration: 5, timeout: 60, headers: { cookie: p.cookie, "accept-language": "vi" } });
  for (const p of [floor, ...pages, floorAfter, signInPage]) {
    await autocannon({ url: base + p.path, connections: Number(args.connections), duration: 3, timeout: 60, headers: { cookie: p.cookie, "accept-language": "vi" } });
    const latencies: number[] = [];
    const run = autocannon({
      url: base + p.path,
      connections: Number(args.connections),
      duration: Number(args.duration),
      timeout: 60,
      headers: { cookie: p.cookie, "accept-language": "vi" },
    });
    run.on("response", (_c, _s, _b, t) => latencies.push(t));
    const result = await run;
    latencies.sort((a, b) => a - b);
    loaded.push({
      label: p.label,
      total: result.requests.total,
      rate: result.requests.average,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      failed: result.non2xx + result.errors,
    });
  }
  const floorRate = (loaded[0].rate + loaded[pages.length + 1].rate) / 2;
  console.log(`Reference: the password page's mean, ${floorRate.toFixed(1)} req/s (${loaded[0].rate.toFixed(1)} before the dashboards, ${loaded[pages.length + 1].rate.toFixed(1)} after).\n`);
  console.log("| page | requests | req/s | ratio to the password page's mean | p50 | p95 | p99 | non-2xx |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const r of loaded) {
    console.log(`| ${r.label} | ${r.total} | ${r.rate.toFixed(1)} | ${(r.rate / floorRate).toFixed(2)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.failed} |`);
  }
  const htmlResults = loaded.filter((r) => pages.some((p) => p.label === r.label)).map((r) => ({ label: r.label, ratio: r.rate / floorRate, failed: r.failed }));

  console.log("\n## First-load JavaScript of the dashboard route (scripts in the HTML, gzipped)");
  const html = await (await fetch(`${base}/`, { headers: { cookie: cookies.national } })).text();
  const tags = [...html.matchAll(/<script\b[^>]*>/g)]
    .map((m) => ({ src: /\ssrc="([^"]+)"/.exec(m[0])?.[1], legacy: /\snoModule\b/i.test(m[0]) }))
    .filter((t): t is { src: string; legacy: boolean } => !!t.src);
  const unique = [...new Map(tags.map((t) => [t.src, t])).values()];
  const sizes = async (list: typeof unique) => {
    let raw = 0;
    let gz = 0;
    for (const { src } of list) {
      const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
      raw += body.length;
      gz += gzipSync(body, { level: 9 }).length;
    }
    return { raw, gz };
  };
  const modern = unique.filter((t) => !t.legacy);
  const { raw, gz } = await sizes(modern);
  const legacy = await sizes(unique.filter((t) => t.legacy));
  console.log(
    `${modern.length} scripts, ${(raw / 1024).toFixed(1)} KB raw, **${(gz / 1024).toFixed(1)} KB gzipped** (charts are drawn on the server and load no code; ` +
      `the \`noModule\` polyfills, ${(legacy.gz / 1024).toFixed(1)} KB gzipped, are skipped by every browser with ES modules)`,
  );

  const lighthouseScores: number[] = [];
  if (args.lighthouse) {
    const runs = Number(args["lighthouse-runs"]);
    console.log(`\n## Lighthouse 12.8.2 (performance, default mobile emulation; median of ${runs} runs, each run listed)`);
    // The sign-in page is the framework's floor: the same runtime, almost no page of its own.
    lighthouseScores.push(medianScore("national dashboard /", `${base}/`, runs, { cookie: cookies.national }));
    medianScore("sign-in page /login (for comparison)", `${base}/login`, runs, {});
  }

  const fieldScores = args.lighthouse ? fieldLighthouse(base, { commune: cookies.commune, national: cookies.national }, Number(args["lighthouse-runs"])) : [];

  const failures = [
    ...dataResults.filter((r) => r.p50 > 50 || r.p95 > 50).map((r) => `${r.label} data p95 ${ms(r.p95)} > 50 ms`),
    ...dataResults.filter((r) => r.speedup < 100).map((r) => `${r.label} only ${r.speedup.toFixed(0)}× faster than raw rows`),
    ...htmlResults.filter((r) => r.ratio < 0.5).map((r) => `${r.label} serves ${r.ratio.toFixed(2)}× the password page's pages per second < 0.5`),
    ...htmlResults.filter((r) => r.failed > 0).map((r) => `${r.label} ${r.failed} failed responses under load`),
    ...(gz / 1024 > 250 ? [`first-load JS ${(gz / 1024).toFixed(1)} KB > 250 KB`] : []),
    ...lighthouseScores.filter((score) => !(score >= 90)).map((score) => `Lighthouse performance ${score} < 90`),
    ...fieldScores.filter((r) => !(r.score >= 90)).map((r) => `Lighthouse ${r.label} ${r.score} < 90`),
  ];
  console.log(failures.length ? `\nTargets missed:\n- ${failures.join("\n- ")}` : "\nAll targets met.");
} finally {
  stop();
  await handle.close();
}
process.exit(0);
