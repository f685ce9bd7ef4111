import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { members, teams, users } from "@/db/schema";
import { commitImport, type ImportFile } from "@/lib/dal/roster-import";
import { provincialActor } from "../support/actors";
import { setupTestDatabase } from "../support/test-database";

/**
 * Two imports over the same communes at once, listing them in opposite orders: each write bumps
 * its commune's roll-up row, so without one lock order the two transactions wait on each other.
 * Both must commit (on PostgreSQL they really run concurrently; the embedded database runs them
 * one after the other).
 */
const ctx = setupTestDatabase();
const HEADER = "Mã xã/phường,Tên tổ,Họ và tên,Giới tính,Năm sinh,Số điện thoại,Chức vụ,Thành phần,Ngày tham gia,Ngày rời tổ";
const file = (lines: string[], name: string): ImportFile => ({ name, bytes: new TextEncoder().encode([HEADER, ...lines].join("\r\n")) });
let communes: string[] = [];
const leaverPhone = (prefix: string, c: number) => `08${prefix === "A" ? "1" : "2"}${String(c).padStart(7, "0")}`;
let userId = 0;

describe("concurrent imports", () => {
  beforeAll(async () => {
    communes = (await queryRows<{ code: string }>(ctx.db, sql`SELECT code FROM communes WHERE province_code = '86' ORDER BY code LIMIT 40`)).map((r) => r.code);
    const created = await ctx.db
      .insert(teams)
      .values(communes.map((code) => ({ provinceCode: "86", communeCode: code, name: "Tổ CNSCĐ Khóm 1", establishedOn: "2024-01-01" })))
      .returning();
    // In every commune one member whom each file records as having left.
    await ctx.db.insert(members).values(
      created.flatMap((team, c) =>
        ["A", "B"].map((prefix) => ({
          teamId: team.id,
          provinceCode: "86",
          communeCode: team.communeCode,
          fullName: `Người rời ${prefix} ${c}`,
          gender: "male" as const,
          birthYear: 1980,
          phone: leaverPhone(prefix, c),
          position: "member" as const,
          joinedOn: "2024-01-01",
        })),
      ),
    );
    const [user] = await ctx.db.insert(users).values({ username: "vla", fullName: "vla", passwordHash: "x", role: "provincial", provinceCode: "86" }).returning();
    userId = user.id;
  });

  it("commits two imports over the same communes in opposite orders without a deadlock", async () => {
    const leftOn = "01/11/2026";
    const rows = (prefix: string, order: number[]) =>
      order.flatMap((c) => [
        `${communes[c]},Khóm 1,Người rời ${prefix} ${c},Nam,1980,${leaverPhone(prefix, c)},Thành viên,,01/01/2024,${leftOn}`,
        ...Array.from({ length: 25 }, (_, i) => `${communes[c]},Khóm 1,Thành viên ${prefix} ${c} ${i},Nam,1990,09${prefix === "A" ? "1" : "2"}${String(c * 100 + i).padStart(7, "0")},Thành viên,,,`),
      ]);
    const ascending = communes.map((_, c) => c);
    const actor = provincialActor("86", userId);
    const results = await Promise.allSettled([
      commitImport(actor, file(rows("A", ascending), "a.csv")),
      commitImport(actor, file(rows("B", [...ascending].reverse()), "b.csv")),
    ]);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value.insertedIds.length : String(r.reason?.cause?.code ?? r.reason)))).toEqual([1000, 1000]);
    const [stats] = await queryRows<{ members: number }>(ctx.db, sql`SELECT sum(members_active)::int AS members FROM commune_stats WHERE province_code = '86'`);
    expect(stats.members).toBe(2000);
  });
});
