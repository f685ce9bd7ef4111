/**
 * Export benchmark: the national member roster as .xlsx and .csv, read through the data-access
 * layer in keyset batches and written by the same streaming writers the download routes use, while
 * a probe calls the health check every 50 ms. On the embedded database (PGlite) the queries run on
 * the server's own thread, so the probe's longest wait is the longest time an export holds the
 * database and the process from everyone else (target: at most a second at a time).
 *
 *   npm run bench:export -- [--members 100000] [--only postgres|pglite]
 *   BENCH_DATABASE_URL=postgres://…/national-copy   (optional: a database that already holds a
 *   national-scale roster, read only; without it PostgreSQL is skipped)
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { openDatabase, queryRows, setDatabase, type DatabaseHandle } from "../db/client";
import { loadAdministrativeUnits } from "../db/units";
import type { Actor } from "../lib/dal/actor";
import { memberExportRows, type Member } from "../lib/dal/members";
import { exportResponse, type ExportColumn, type ExportFormat } from "../lib/export/tabular";
import { memberListSchema } from "../lib/validation/rosters";
import { healthProbe } from "./bench-probe";

const { values: args } = parseArgs({
  options: { members: { type: "string", default: "100000" }, only: { type: "string" } },
});
const memberCount = Number(args.members);
const ms = (start: number) => Math.round(performance.now() - start);

/** The member download's columns, with the stored values where the route writes translated labels. */
const COLUMNS: ExportColumn<Member>[] = [
  { header: "ID", value: (r) => r.id },
  { header: "Tỉnh", value: (r) => r.provinceName },
  { header: "Xã", value: (r) => r.communeName },
  { header: "Thôn", value: (r) => r.hamletName },
  { header: "Tổ", value: (r) => r.teamName },
  { header: "Họ và tên", value: (r) => r.fullName },
  { header: "Giới tính", value: (r) => r.gender },
  { header: "Năm sinh", value: (r) => r.birthYear },
  { header: "Điện thoại", value: (r) => r.phone },
  { header: "Chức vụ", value: (r) => r.position },
  { header: "Thành phần", value: (r) => r.affiliations.join("; ") },
  { header: "Ngày tham gia", value: (r) => r.joinedOn },
  { header: "Ngày rời", value: (r) => r.leftOn },
];

async function exportOnce(actor: Actor, format: ExportFormat) {
  const params = memberListSchema.parse({});
  const stop = healthProbe();
  const start = performance.now();
  const response = exportResponse({ format, basename: "thanh-vien", sheetName: "Thành viên", columns: COLUMNS, rows: memberExportRows(actor, params) });
  let bytes = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
  }
  const took = ms(start);
  const health = await stop();
  return { took, bytes, health };
}

async function run(label: string, handle: DatabaseHandle) {
  setDatabase(handle);
  const [{ n }] = await queryRows<{ n: number }>(handle.db, sql`SELECT count(*)::int AS n FROM members WHERE deleted_at IS NULL`);
  const actor: Actor = { userId: 0, username: "bench.national", fullName: "Bench", role: "national", provinceCode: null, communeCode: null, mustChangePassword: false, ip: null, userAgent: "bench-export" };
  console.log(`${label}: ${n.toLocaleString("en")} members`);
  for (const format of ["csv", "xlsx"] as const) {
    const { took, bytes, health } = await exportOnce(actor, format);
    const verdict = health.max <= 1000 ? "met" : "NOT met";
    console.log(
      `  national members .${format}: ${took} ms, ${(bytes / 1024 / 1024).toFixed(1)} MB, ${Math.round((n / took) * 1000).toLocaleString("en")} rows/s; ` +
        `health p50 ${health.p50} ms, p95 ${health.p95} ms, longest wait ${health.max} ms over ${health.n} probes — held ≤ 1 s at a time: ${verdict}`,
    );
  }
}

/** An embedded database with the country's units, one team in each commune of five provinces and `memberCount` members among them. */
async function embedded(dir: string): Promise<DatabaseHandle> {
  const handle = await openDatabase({ dataDir: dir });
  await handle.migrate();
  await loadAdministrativeUnits(handle.db);
  const start = performance.now();
  await handle.db.execute(sql`INSERT INTO teams (province_code, commune_code, name)
    SELECT province_code, code, 'Tổ CNSCĐ ' || name FROM communes WHERE province_code IN (SELECT code FROM provinces ORDER BY code LIMIT 5)`);
  const teams = await queryRows<{ id: number }>(handle.db, sql`SELECT id FROM teams ORDER BY id`);
  for (let from = 0; from < memberCount; from += 10_000) {
    const to = Math.min(memberCount, from + 10_000);
    await handle.db.execute(sql`INSERT INTO members (team_id, province_code, commune_code, full_name, gender, birth_year, phone, position, affiliations, joined_on)
      SELECT t.id, t.province_code, t.commune_code, 'Nguyễn Thị Thử Nghiệm Số ' || i, CASE WHEN i % 2 = 0 THEN 'female' ELSE 'male' END::gender,
        1960 + i % 45, '039' || lpad(i::text, 7, '0'), 'member', ARRAY['youth_union'], DATE '2024-01-01' + (i % 300)
      FROM generate_series(${from + 1}::int, ${to}::int) i
      JOIN teams t ON t.id = ${teams[0].id}::int + (i % ${teams.length}::int)`);
  }
  console.log(`PGlite: ${memberCount.toLocaleString("en")} members in ${teams.length} teams written in ${ms(start)} ms`);
  return handle;
}

console.log(`Export benchmark; ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}, Node ${process.version}, ${new Date().toISOString()}`);

if (args.only !== "pglite" && process.env.BENCH_DATABASE_URL) {
  const handle = await openDatabase({ url: process.env.BENCH_DATABASE_URL });
  try {
    await run("PostgreSQL (BENCH_DATABASE_URL)", handle);
  } finally {
    await handle.close();
  }
}

if (args.only !== "postgres") {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-export-"));
  const handle = await embedded(dir);
  try {
    await run("PGlite (embedded)", handle);
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
process.exit(0);
