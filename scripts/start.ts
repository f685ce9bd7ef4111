import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDirectory } from "../db/client";
import { isEmpty, openMigrated, seedDemo } from "../db/setup";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../db/seed/demo";

const root = process.cwd();
const port = Number(process.env.PORT ?? 3000);
const dataDir = dataDirectory();
mkdirSync(dataDir, { recursive: true });

function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

function newestMtime(entry: string): number {
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(full).reduce((max, child) => Math.max(max, newestMtime(path.join(entry, child))), stat.mtimeMs);
}

function buildIsStale(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const sources = ["app", "components", "lib", "db", "i18n", "messages", "proxy.ts", "auth.ts", "next.config.ts", "package-lock.json"];
  return Math.max(...sources.map(newestMtime)) > statSync(buildId).mtimeMs;
}

const embedded = !process.env.DATABASE_URL;
const wantDemo = embedded || process.env.SEED_DEMO === "1";
const handle = await openMigrated();
let seeded = false;
if (wantDemo && (await isEmpty(handle))) {
  console.log("Empty database: generating demo data…");
  await seedDemo(handle.db);
  seeded = true;
}
await handle.close();

const env = { ...process.env, AUTH_SECRET: authSecret(), AUTH_TRUST_HOST: "true", DATA_DIR: dataDir };
if (buildIsStale()) {
  console.log("Building the application…");
  const build = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], { stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(path.join(root, "node_modules", ".bin", "tsx"), [path.join(root, "scripts", "serve.ts")], {
  stdio: ["inherit", "pipe", "inherit"],
  // A larger young generation: rendering allocates many short-lived objects (≈7 % more pages a second).
  env: { ...env, PORT: String(port), NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --max-semi-space-size=32`.trim() },
});
server.stdout.pipe(process.stdout);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

const url = `http://localhost:${port}`;
for (let i = 0; i < 120; i++) {
  try {
    const res = await fetch(`${url}/api/health`);
    if (res.ok) break;
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 500));
}
console.log(`\nCNSCĐ Dashboard is running at ${url}`);
console.log(`Database: ${embedded ? `embedded PGlite in ${dataDir}` : "PostgreSQL (DATABASE_URL)"}`);
if (wantDemo || seeded) {
  console.log(`Demo accounts (password ${DEMO_PASSWORD}):`);
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(16)} ${a.role}${a.communeCode ? ` ${a.communeCode}` : a.provinceCode ? ` ${a.provinceCode}` : ""}`);
}
