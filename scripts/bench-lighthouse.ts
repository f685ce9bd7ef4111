/**
 * Lighthouse scores of the pages people open most, each group printed beside the sign-in page
 * measured in the same run under the same settings (the framework's floor on this machine):
 * the commune lead's entry pages with the default mobile emulation, the national dashboard with
 * the desktop preset. Used by `scripts/bench.ts --lighthouse`, or on its own against a server
 * that is already running with the demo accounts (`npm start`):
 *
 *   npm run bench:lighthouse -- --base http://127.0.0.1:3000 [--runs 3]
 *
 * Every page's line carries the machine's load average when its runs began: Lighthouse's
 * simulated throttling multiplies the main-thread time it observes, so a busy machine lowers
 * every score, the sign-in page's included.
 */
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

export type LighthouseResult = { score: number; line: string };

/** One Lighthouse 12.8.2 run of the performance category (STACK.md trap 12); mobile unless `desktop`. */
export function lighthouse(url: string, options: { cookie?: string; desktop?: boolean } = {}): LighthouseResult {
  const lh = spawnSync(
    "npx",
    [
      "--yes",
      "lighthouse@12.8.2",
      url,
      "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
      "--only-categories=performance",
      "--output=json",
      "--output-path=stdout",
      "--quiet",
      ...(options.desktop ? ["--preset=desktop"] : []),
      ...(options.cookie ? [`--extra-headers=${JSON.stringify({ Cookie: options.cookie })}`] : []),
    ],
    { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? "/usr/bin/chromium" }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  try {
    const report = JSON.parse(lh.stdout);
    const audit = (id: string) => report.audits[id]?.displayValue ?? "—";
    const score = Math.round(report.categories.performance.score * 100);
    return { score, line: `${score}: FCP ${audit("first-contentful-paint")}, LCP ${audit("largest-contentful-paint")}, TBT ${audit("total-blocking-time")}, CLS ${audit("cumulative-layout-shift")}, SI ${audit("speed-index")}` };
  } catch {
    return { score: NaN, line: `failed: ${lh.stderr.slice(0, 300)}` };
  }
}

/** The median of `runs` runs of one page, printed with every run. */
export function medianScore(label: string, url: string, runs: number, options: { cookie?: string; desktop?: boolean }): number {
  const load = loadavg().map((l) => l.toFixed(2)).join(", ");
  const results = Array.from({ length: runs }, () => lighthouse(url, options));
  const scores = results.map((r) => r.score).filter(Number.isFinite).sort((a, b) => a - b);
  const median = scores[Math.floor(scores.length / 2)];
  console.log(`${label}: median **${median ?? "—"}** (load average ${load})`);
  for (const r of results) console.log(`  - ${r.line}`);
  return median ?? NaN;
}

/**
 * The field pages: a commune lead's home, `/members` and `/guidance/new` on a phone profile, the
 * national dashboard with the desktop preset, each group beside the sign-in page. Returns the
 * pages held to the target (≥ 90) with their medians.
 */
export function fieldLighthouse(base: string, cookies: { commune: string; national: string }, runs: number): { label: string; score: number }[] {
  const held: { label: string; score: number }[] = [];
  console.log(`\n## Lighthouse 12.8.2, a commune lead's entry pages (performance, default mobile emulation; median of ${runs} runs)`);
  for (const [label, path] of [
    ["commune lead's home /", "/"],
    ["members /members", "/members"],
    ["guidance entry /guidance/new", "/guidance/new"],
  ] as const) {
    held.push({ label: `${label} (mobile)`, score: medianScore(label, base + path, runs, { cookie: cookies.commune }) });
  }
  medianScore("sign-in page /login (for comparison)", `${base}/login`, runs, {});
  console.log(`\n## Lighthouse 12.8.2, national dashboard (performance, desktop preset; median of ${runs} runs)`);
  held.push({ label: "national dashboard / (desktop)", score: medianScore("national dashboard /", `${base}/`, runs, { cookie: cookies.national, desktop: true }) });
  medianScore("sign-in page /login (for comparison)", `${base}/login`, runs, { desktop: true });
  return held;
}

/** A session cookie from the Auth.js credentials sign-in, as the login form gets it. */
async function signIn(base: string, username: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ csrfToken, username, password }),
  });
  const session = res.headers.getSetCookie().find((c) => c.includes("session-token="));
  if (!session) throw new Error(`could not sign in as ${username} at ${base}`);
  return session.split(";")[0];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      base: { type: "string", default: "http://127.0.0.1:3000" },
      runs: { type: "string", default: "3" },
      commune: { type: "string", default: "badinh.demo" },
      national: { type: "string", default: "national.demo" },
      password: { type: "string", default: "cnscd-demo-2025" },
    },
  });
  const base = values.base.replace(/\/$/, "");
  const cookies = { commune: await signIn(base, values.commune, values.password), national: await signIn(base, values.national, values.password) };
  console.log(`# Lighthouse — ${new Date().toISOString()}, ${base}`);
  const held = fieldLighthouse(base, cookies, Number(values.runs));
  const missed = held.filter((r) => !(r.score >= 90));
  console.log(missed.length ? `\nBelow 90: ${missed.map((r) => `${r.label} ${r.score}`).join(", ")}` : "\nEvery page at 90 or above.");
}
