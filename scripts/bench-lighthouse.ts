/**
 * Lighthouse scores of the pages people open most, each group printed beside the sign-in page
 * measured in the same run under the same settings (the framework's floor on this machine):
 * the commune lead's entry pages with the default mobile emulation, the national dashboard with
 * the desktop preset. Used by `scripts/bench.ts --lighthouse`.
 */
import { spawnSync } from "node:child_process";

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
  const results = Array.from({ length: runs }, () => lighthouse(url, options));
  const scores = results.map((r) => r.score).filter(Number.isFinite).sort((a, b) => a - b);
  const median = scores[Math.floor(scores.length / 2)];
  console.log(`${label}: median **${median ?? "—"}**`);
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
