/**
 * Roster import benchmark. On a fresh PostgreSQL database and a fresh embedded (PGlite) one, each
 * with the country's units and two teams in every commune of one province, it builds a
 * 20,000-row .xlsx with exceljs, runs the dry run and the commit through the data-access layer as
 * that province's admin while a probe calls the health check every 50 ms, then undoes the import
 * and checks the roll-ups are back. It also times the refusal of hostile archives.
 *
 *   npm run bench:import -- [--rows 20000] [--province 86] [--only postgres|pglite]
 *   BENCH_SERVER_URL=postgres://postgres@127.0.0.1:5433/postgres (a server where it may create and drop a database)
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import ExcelJS from "exceljs";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { openDatabase, queryRows, setDatabase, type DatabaseHandle } from "../db/client";
import { loadAdministrativeUnits } from "../db/units";
import { communes, teams, users } from "../db/schema";
import type { Actor } from "../lib/dal/actor";
import { commitImport, previewImport, undoImport } from "../lib/dal/roster-import";
import { parseRosterFile } from "../lib/import/roster";
import catalogVi from "../messages/vi/catalog.json";
import { handmadeWorkbook } from "../tests/support/roster-files";
import { healthProbe } from "./bench-probe";

const { values: args } = parseArgs({
  options: { province: { type: "string", default: "86" }, rows: { type: "string", default: "20000" }, only: { type: "string" } },
});
const provinceCode = args.province!;
const rowCount = Number(args.rows);
const serverUrl = process.env.BENCH_SERVER_URL ?? "";
if (!serverUrl) {
  console.error("Set BENCH_SERVER_URL to a PostgreSQL server where the benchmark may create and drop a database.");
  process.exit(1);
}
const ms = (start: number) => Math.round(performance.now() - start);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const maxRss = () => process.resourceUsage().maxRSS * 1024;

async function hostileArchives() {
  console.log("Hostile archives (each refused before any row is interpreted):");
  const header = [0, 1, 2, 3, 4, 5, 6];
  const strings = ["Mã xã/phường", "Tên tổ", "Họ và tên", "Giới tính", "Năm sinh", "Số điện thoại", "Chức vụ", "28756", "Tổ 1", "Nguyễn Văn A", "Nam", "Ạ".repeat(1024 * 1024)];
  const cases: [string, () => Uint8Array][] = [
    ["500,000-row bomb", () => handmadeWorkbook({ strings, rows: (function* () { yield header; for (let i = 0; i < 500_000; i++) yield [7, 8, 9, 10, 7, 8, 9]; })() })],
    ["1 MB string in every cell", () => handmadeWorkbook({ strings, rows: (function* () { yield header; for (let i = 0; i < 2_000; i++) yield [7, 11, 11, 11, 11, 11, 11]; })() })],
    ["declared size of 4 GB", () => handmadeWorkbook({ strings, rows: [header], sheetDeclaredSize: 0xfffffff0 })],
  ];
  for (const [name, build] of cases) {
    const bytes = build();
    const rssBefore = maxRss();
    const start = performance.now();
    const result = await parseRosterFile("hostile.xlsx", bytes);
    const answer = JSON.stringify(result).length;
    console.log(`  ${name}: ${(bytes.byteLength / 1024).toFixed(0)} KB → ${result.ok ? `read, ${result.issues.length} problems` : result.code} in ${ms(start)} ms, peak memory +${mb(maxRss() - rssBefore)} MB, answer ${(answer / 1024).toFixed(1)} KB`);
  }
}

async function prepare(handle: DatabaseHandle) {
  await handle.migrate();
  await loadAdministrativeUnits(handle.db);
  const units = await handle.db.select({ code: communes.code }).from(communes).where(sql`${communes.provinceCode} = ${provinceCode}`);
  await handle.db.insert(teams).values(units.flatMap((u) => [1, 2].map((k) => ({ provinceCode, communeCode: u.code, name: `Tổ CNSCĐ số ${k}` }))));
  await handle.db.insert(users).values({ username: `bench.${provinceCode}`, fullName: "Bench", role: "provincial", provinceCode, passwordHash: "x" });
  return units.map((u) => u.code);
}

async function workbook(codes: string[]): Promise<Uint8Array> {
  const genders = [catalogVi.genders.male, catalogVi.genders.female];
  const affiliations = Object.values(catalogVi.affiliations);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Danh sách");
  sheet.addRow(["Mã xã/phường", "Tên tổ", "Họ và tên", "Giới tính", "Năm sinh", "Số điện thoại", "Chức vụ", "Thành phần", "Ngày tham gia", "Ngày rời tổ"]);
  for (let i = 0; i < rowCount; i++) {
    sheet.addRow([
      codes[i % codes.length],
      `Tổ CNSCĐ số ${1 + (Math.floor(i / codes.length) % 2)}`,
      `Nguyễn Thị Thử Nghiệm Số ${i + 1}`,
      genders[i % 2],
      1960 + (i % 45),
      `039${String(i).padStart(7, "0")}`,
      i % 7 === 0 ? catalogVi.positions.deputy : catalogVi.positions.member,
      `${affiliations[i % affiliations.length]}; ${affiliations[(i + 3) % affiliations.length]}`,
      `${String(1 + (i % 28)).padStart(2, "0")}/${String(1 + (i % 12)).padStart(2, "0")}/2024`,
      null,
    ]);
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

async function run(label: string, handle: DatabaseHandle, target: number) {
  setDatabase(handle);
  let start = performance.now();
  const codes = await prepare(handle);
  console.log(`${label}: migrated, ${codes.length} communes of province ${provinceCode} with 2 teams each, in ${ms(start)} ms`);
  start = performance.now();
  const bytes = await workbook(codes);
  const file = { name: `bench-${rowCount}.xlsx`, bytes };
  console.log(`  workbook: ${rowCount} rows, ${(bytes.byteLength / 1024).toFixed(0)} KB, written by exceljs in ${ms(start)} ms`);
  const [{ id }] = await queryRows<{ id: number }>(handle.db, sql`SELECT id FROM users WHERE username = ${`bench.${provinceCode}`}`);
  const actor: Actor = { userId: id, username: `bench.${provinceCode}`, fullName: "Bench", role: "provincial", provinceCode, communeCode: null, mustChangePassword: false, ip: null, userAgent: "bench-import" };
  const rollups = () => queryRows(handle.db, sql`SELECT unit_code, day, members, male, female FROM roster_day WHERE members <> 0 OR male <> 0 OR female <> 0 ORDER BY 1, 2`).then(JSON.stringify);
  const before = await rollups();

  let stop = healthProbe();
  start = performance.now();
  const preview = await previewImport(actor, file);
  const previewMs = ms(start);
  const previewHealth = await stop();
  if (preview.counts.errors > 0 || preview.counts.new !== rowCount) throw new Error(`the workbook does not import as new rows: ${JSON.stringify(preview.counts)} ${JSON.stringify(preview.issues.slice(0, 3))}`);
  stop = healthProbe();
  start = performance.now();
  const phases: string[] = [];
  const result = await commitImport(actor, file, { onPhase: (name, ms) => phases.push(`${name} ${ms}`) });
  const commitMs = ms(start);
  const commitHealth = await stop();
  const total = previewMs + commitMs;
  console.log(`  dry run ${previewMs} ms (health p50 ${previewHealth.p50} ms, p95 ${previewHealth.p95} ms, max ${previewHealth.max} ms over ${previewHealth.n} probes)`);
  console.log(`  commit  ${commitMs} ms (health p50 ${commitHealth.p50} ms, p95 ${commitHealth.p95} ms, max ${commitHealth.max} ms over ${commitHealth.n} probes), ${result.insertedIds.length} members inserted`);
  console.log(`    commit steps (ms): ${phases.join(", ")}`);
  console.log(`  dry run + commit: ${total} ms — target ≤ ${target} ms: ${total <= target ? "met" : "NOT met"}; health p95 during commit < 1000 ms: ${commitHealth.p95 < 1000 ? "met" : "NOT met"}`);
  start = performance.now();
  const undone = await undoImport(actor, result.batchId!);
  console.log(`  undo ${ms(start)} ms: ${undone.removed} members removed; roll-ups ${(await rollups()) === before ? "identical to before" : "DIFFER from before"}`);
}

console.log(`Roster import benchmark, ${rowCount} rows; ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}, Node ${process.version}`);
await hostileArchives();

if (args.only !== "pglite") {
  const name = `issue_16_bench_${process.pid}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ url: url.toString() });
    try {
      await run("PostgreSQL (fresh database)", handle, 10_000);
    } finally {
      await handle.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  } catch (error) {
    console.log(`PostgreSQL: skipped or failed (${(error as Error).message})`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

if (args.only !== "postgres") {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-import-"));
  const handle = await openDatabase({ dataDir: dir });
  try {
    await run("PGlite (embedded)", handle, 20_000);
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
process.exit(0);
