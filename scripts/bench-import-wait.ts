/**
 * How long a commune lead's guidance entry waits while a provincial admin imports a 10,000-row
 * roster into the same province (the same communes' roll-up rows). Records one guidance row every
 * 100 ms — first with nothing else running, then during the import — through the data-access
 * layer, and prints p50/p95/max of each save (target: under 1 s during the import).
 *
 *   DATABASE_URL=postgres://… npm run bench:import-wait [-- --rows 10000 --province 01 --commune-user badinh.demo]
 *
 * It writes members and guidance records: run it on a copy of the national-scale database.
 */
import { parseArgs } from "node:util";
import { openDatabase, queryRows, setDatabase, sql } from "@/db/client";
import type { Actor } from "@/lib/dal/actor";
import { recordGuidance } from "@/lib/dal/guidance";
import { commitImport } from "@/lib/dal/roster-import";
import { vnToday } from "@/lib/domain/period";
import { percentile } from "./bench-stats";

const { values } = parseArgs({
  options: { rows: { type: "string", default: "10000" }, "commune-user": { type: "string", default: "badinh.demo" }, "province-user": { type: "string", default: "hanoi.demo" } },
});
const url = process.env.DATABASE_URL;
if (!url?.startsWith("postgres")) {
  console.error("Set DATABASE_URL to a PostgreSQL database this benchmark may write to (a copy).");
  process.exit(2);
}
const handle = await openDatabase({ url });
setDatabase(handle);

type UserRow = { id: number; username: string; role: "provincial" | "commune"; province: string; commune: string | null; name: string };
async function actorOf(username: string): Promise<Actor> {
  const [u] = await queryRows<UserRow>(
    handle.db,
    sql`SELECT id, username, role, province_code AS province, commune_code AS commune, full_name AS name FROM users WHERE username = ${username} AND disabled_at IS NULL`,
  );
  if (!u) throw new Error(`no enabled account ${username}`);
  return { userId: Number(u.id), username: u.username, fullName: u.name, role: u.role, provinceCode: u.province, communeCode: u.commune, mustChangePassword: false, ip: "127.0.0.1", userAgent: "bench-import-wait" };
}
const lead = await actorOf(values["commune-user"]!);
const admin = await actorOf(values["province-user"]!);
if (lead.provinceCode !== admin.provinceCode) throw new Error("the commune lead and the provincial admin must share a province");

// Teams of the province, the lead's commune first, so the import's rows and the lead's writes meet on the same roll-up rows.
const teams = await queryRows<{ id: number; commune: string; name: string }>(
  handle.db,
  sql`SELECT id, commune_code AS commune, name FROM teams WHERE province_code = ${admin.provinceCode} AND status = 'active' AND deleted_at IS NULL
      ORDER BY commune_code <> ${lead.communeCode}, commune_code, id LIMIT 200`,
);
const leadTeam = teams.find((t) => t.commune === lead.communeCode);
if (!leadTeam) throw new Error(`commune ${lead.communeCode} has no active team`);
const rowCount = Number(values.rows);
const run = Date.now().toString(36);
const header = "Mã xã/phường,Tên tổ,Họ và tên,Giới tính,Năm sinh,Số điện thoại,Chức vụ,Thành phần,Ngày tham gia,Ngày rời tổ";
const lines = Array.from({ length: rowCount }, (_, i) => {
  const team = teams[i % teams.length];
  return `${team.commune},${team.name},Thành viên nhập ${run} ${i},${i % 2 ? "Nữ" : "Nam"},${1960 + (i % 45)},,Thành viên,,,`;
});
const file = { name: `bench-${run}.csv`, bytes: new TextEncoder().encode([header, ...lines].join("\r\n")) };

const today = vnToday();
async function saves(until: () => boolean, minimum: number): Promise<number[]> {
  const times: number[] = [];
  while (times.length < minimum || !until()) {
    const start = performance.now();
    await recordGuidance(lead, [{ teamId: Number(leadTeam!.id), guidedOn: today, skill: 2, targetGroup: "elderly", householdsVisited: 1, peopleGuided: 1, peopleCompleted: 0, note: "bench:import-wait" }]);
    times.push(performance.now() - start);
    await new Promise((r) => setTimeout(r, 100));
  }
  return times.sort((a, b) => a - b);
}
const line = (label: string, t: number[]) =>
  console.log(`| ${label} | ${t.length} | ${percentile(t, 50).toFixed(0)} ms | ${percentile(t, 95).toFixed(0)} ms | ${t[t.length - 1].toFixed(0)} ms |`);

console.log(`${rowCount.toLocaleString("en")}-row roster import by ${admin.username} over ${teams.length} teams of province ${admin.provinceCode}; guidance saves by ${lead.username} (commune ${lead.communeCode}) every 100 ms\n`);
console.log("| guidance save | saves | p50 | p95 | max |");
console.log("|---|---|---|---|---|");
line("alone", await saves(() => true, 20));
let done = false;
const started = performance.now();
const importing = commitImport(admin, file).finally(() => (done = true));
const during = await saves(() => done, 5);
const result = await importing;
line(`during the import (${((performance.now() - started) / 1000).toFixed(1)} s, ${result.insertedIds.length.toLocaleString("en")} members added)`, during);
await handle.close();
process.exit(0);
