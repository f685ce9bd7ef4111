/**
 * Benchmarks the roster import on the national-scale PostgreSQL database: builds a 10,000-row
 * workbook spread over the active teams of one province, runs the dry run and the commit through
 * the data-access layer as that province's admin, prints the timings, then removes exactly the
 * members and the audit event it wrote and takes their contributions back out of the roll-ups.
 *
 *   npm run bench:import -- [--province 86] [--rows 10000]
 *   BENCH_DATABASE_URL=postgres://… npm run bench:import
 */
import os from "node:os";
import { parseArgs } from "node:util";
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { openDatabase, queryRows, setDatabase } from "../db/client";
import type { Actor } from "../lib/dal/actor";
import { commitImport, previewImport } from "../lib/dal/roster-import";
import { parseRosterFile } from "../lib/import/roster";
import catalogVi from "../messages/vi/catalog.json";

const { values: args } = parseArgs({
  options: { province: { type: "string", default: "86" }, rows: { type: "string", default: "10000" } },
});
const provinceCode = args.province!;
const rowCount = Number(args.rows);
const url = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5433/cnscd_bench";

const handle = await openDatabase({ url });
setDatabase(handle);
const db = handle.db;
const ms = (start: number) => Math.round(performance.now() - start);

const [user] = await queryRows<{ id: number; username: string; full_name: string }>(
  db,
  sql`SELECT id, username, full_name FROM users WHERE role = 'provincial' AND province_code = ${provinceCode} AND disabled_at IS NULL ORDER BY id LIMIT 1`,
);
if (!user) throw new Error(`No provincial account for province ${provinceCode} in the benchmark database`);
const actor: Actor = {
  userId: user.id,
  username: user.username,
  fullName: user.full_name,
  role: "provincial",
  provinceCode,
  communeCode: null,
  mustChangePassword: false,
  ip: null,
  userAgent: "bench-import",
};

const teamRows = await queryRows<{ commune_code: string; name: string }>(
  db,
  sql`SELECT commune_code, name FROM teams WHERE province_code = ${provinceCode} AND status = 'active' AND deleted_at IS NULL ORDER BY id`,
);
if (teamRows.length === 0) throw new Error(`Province ${provinceCode} has no active teams`);

// Unique names and phones for this run, so that every row is new and easy to tell apart.
const run = String(Date.now() % 1_000_000).padStart(6, "0");
const genders = [catalogVi.genders.male, catalogVi.genders.female];
const affiliations = Object.values(catalogVi.affiliations);
let start = performance.now();
const workbook = new ExcelJS.Workbook();
const sheet = workbook.addWorksheet("Danh sách");
sheet.addRow(["Mã xã/phường", "Tên tổ", "Họ và tên", "Giới tính", "Năm sinh", "Số điện thoại", "Chức vụ", "Thành phần", "Ngày tham gia", "Ngày rời tổ"]);
for (let i = 0; i < rowCount; i++) {
  const team = teamRows[i % teamRows.length];
  sheet.addRow([
    team.commune_code,
    team.name,
    `Thử Nghiệm ${run} Số ${i + 1}`,
    genders[i % 2],
    i % 3 === 0 ? 1960 + (i % 45) : String(1960 + (i % 45)),
    `039${run.slice(0, 1)}${String(i).padStart(6, "0")}`,
    i % 7 === 0 ? catalogVi.positions.deputy : catalogVi.positions.member,
    `${affiliations[i % affiliations.length]}; ${affiliations[(i + 3) % affiliations.length]}`,
    i % 2 === 0 ? new Date(Date.UTC(2024, i % 12, 1 + (i % 28))) : `${String(1 + (i % 28)).padStart(2, "0")}/${String(1 + (i % 12)).padStart(2, "0")}/2024`,
    null,
  ]);
}
const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
const file = { name: `bench-${run}.xlsx`, bytes };
console.log(`Workbook: ${rowCount} rows over ${Math.min(rowCount, teamRows.length)} teams of province ${provinceCode}, ${(bytes.byteLength / 1024).toFixed(0)} KB, built in ${ms(start)} ms`);

const communeCodes = [...new Set(teamRows.slice(0, rowCount).map((t) => t.commune_code))];
const codeList = sql.join(communeCodes.map((c) => sql`${c}`), sql`, `);
const rollups = async () =>
  JSON.stringify([
    await queryRows(db, sql`SELECT *, updated_at::text AS at_text FROM commune_stats WHERE commune_code IN (${codeList}) ORDER BY commune_code`),
    await queryRows(db, sql`SELECT * FROM commune_affiliation_stats WHERE commune_code IN (${codeList}) ORDER BY commune_code, affiliation`),
  ]);
const before = await rollups();
const [{ n: membersBefore }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM members`);

start = performance.now();
const parsed = await parseRosterFile(file.name, file.bytes);
console.log(`Parse alone (part of both steps below): ${ms(start)} ms — ${parsed.ok ? parsed.rows.length : 0} rows`);

start = performance.now();
const cpu = process.cpuUsage();
const preview = await previewImport(actor, file);
const previewMs = ms(start);
const previewCpu = process.cpuUsage(cpu);
console.log(`Dry run: ${previewMs} ms (${Math.round((previewCpu.user + previewCpu.system) / 1000)} ms of this process's CPU) — ${JSON.stringify(preview.counts)}`);
if (preview.counts.errors > 0 || preview.counts.new !== rowCount) {
  console.error("The generated file does not import as new rows only; nothing was written.", preview.issues.slice(0, 5));
  await handle.close();
  process.exit(1);
}

start = performance.now();
const cpu2 = process.cpuUsage();
const result = await commitImport(actor, file);
const commitMs = ms(start);
const commitCpu = process.cpuUsage(cpu2);
console.log(`Commit:  ${commitMs} ms (${Math.round((commitCpu.user + commitCpu.system) / 1000)} ms of this process's CPU) — ${result.insertedIds.length} members inserted`);
console.log(`Total (dry run + commit): ${previewMs + commitMs} ms (target ≤ 10000 ms); load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} on ${os.cpus().length} CPUs`);

start = performance.now();
await db.transaction(async (tx) => {
  // The roll-up triggers are skipped for the removal and the inserted rows' contributions are
  // subtracted here instead, so that removal works whichever version of the triggers is installed.
  await tx.execute(sql`SET LOCAL session_replication_role = replica`);
  await tx.execute(sql`CREATE TEMP TABLE bench_gone ON COMMIT DROP AS
    SELECT commune_code, gender, affiliations FROM members
    WHERE id = ANY(${`{${result.insertedIds.join(",")}}`}::int[]) AND left_on IS NULL AND deleted_at IS NULL AND team_active`);
  await tx.execute(sql`DELETE FROM members WHERE id = ANY(${`{${result.insertedIds.join(",")}}`}::int[])`);
  await tx.execute(sql`UPDATE commune_stats s SET
      members_active = s.members_active - g.n, members_male = s.members_male - g.m, members_female = s.members_female - g.f
    FROM (SELECT commune_code, count(*)::int AS n, (count(*) FILTER (WHERE gender = 'male'))::int AS m,
                 (count(*) FILTER (WHERE gender = 'female'))::int AS f FROM bench_gone GROUP BY commune_code) g
    WHERE s.commune_code = g.commune_code`);
  await tx.execute(sql`UPDATE commune_affiliation_stats s SET members = s.members - g.n
    FROM (SELECT commune_code, a AS affiliation, count(*)::int AS n FROM bench_gone, unnest(affiliations) AS a GROUP BY 1, 2) g
    WHERE s.commune_code = g.commune_code AND s.affiliation = g.affiliation`);
  await tx.execute(sql`DELETE FROM audit_events WHERE action = 'roster.import' AND actor_user_id = ${user.id} AND after->>'sha256' = ${preview.sha256}`);
});
// Restore the rows the import created from nothing and the "as of" times it moved forward.
const [statsBefore, affBefore] = JSON.parse(before) as [Record<string, unknown>[], Record<string, unknown>[]];
const keep = new Set(affBefore.map((r) => `${r.commune_code}|${r.affiliation}`));
await db.transaction(async (tx) => {
  for (const r of statsBefore) await tx.execute(sql`UPDATE commune_stats SET updated_at = ${r.at_text as string}::timestamptz WHERE commune_code = ${r.commune_code as string}`);
  const created = (await queryRows<{ commune_code: string; affiliation: string; members: number }>(
    tx,
    sql`SELECT commune_code, affiliation, members FROM commune_affiliation_stats WHERE commune_code IN (${codeList})`,
  )).filter((r) => !keep.has(`${r.commune_code}|${r.affiliation}`) && r.members === 0);
  for (const r of created) await tx.execute(sql`DELETE FROM commune_affiliation_stats WHERE commune_code = ${r.commune_code} AND affiliation = ${r.affiliation}`);
});
const [{ n: membersAfter }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM members`);
const same = (await rollups()) === before && membersAfter === membersBefore;
console.log(`Cleanup: ${ms(start)} ms — members ${membersBefore} → ${membersAfter}; roll-ups ${same ? "identical to before" : "DIFFER from before"}`);
await handle.close();
process.exit(same ? 0 : 1);
