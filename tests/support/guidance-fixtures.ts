import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { teams, users } from "@/db/schema";
import { communeActor, nationalActor, provincialActor } from "./actors";

/**
 * Users and teams for the guidance and report tests: two active teams and a dissolved one in
 * Phú Khương (28756, Vĩnh Long), one team in another Vĩnh Long commune and one in Ba Đình (00004, Hà Nội).
 */
export async function seedGuidanceFixtures(db: Database) {
  const [other] = await queryRows<{ code: string }>(db, sql`SELECT code FROM communes WHERE province_code = '86' AND code <> '28756' ORDER BY code LIMIT 1`);
  const rows = await db
    .insert(users)
    .values(
      ["nat", "vla", "hna", "pkh", "bdi", "vlb"].map((username) => ({
        username,
        fullName: username,
        passwordHash: "x",
        role: (username === "nat" ? "national" : username === "vla" || username === "hna" ? "provincial" : "commune") as "national",
        provinceCode: username === "nat" ? null : ["hna", "bdi"].includes(username) ? "01" : "86",
        communeCode: username === "pkh" ? "28756" : username === "bdi" ? "00004" : username === "vlb" ? other.code : null,
      })),
    )
    .returning();
  const ids = Object.fromEntries(rows.map((r) => [r.username, r.id]));
  const team = (provinceCode: string, communeCode: string, name: string, dissolved = false) => ({
    provinceCode,
    communeCode,
    name,
    establishedOn: "2024-01-01",
    status: dissolved ? ("dissolved" as const) : ("active" as const),
    dissolvedOn: dissolved ? "2025-06-01" : null,
  });
  const created = await db
    .insert(teams)
    .values([
      team("86", "28756", "Tổ CNSCĐ Khóm 1"),
      team("86", "28756", "Tổ CNSCĐ Khóm 2"),
      team("86", "28756", "Tổ CNSCĐ Khóm 3 (giải thể)", true),
      team("86", other.code, "Tổ CNSCĐ xã bên"),
      team("01", "00004", "Tổ CNSCĐ Ba Đình"),
    ])
    .returning({ id: teams.id });
  const [pk1, pk2, pkDissolved, otherTeam, baDinh] = created.map((t) => t.id);
  return {
    teams: { pk1, pk2, pkDissolved, otherTeam, baDinh },
    otherCommune: other.code,
    actors: {
      nat: () => nationalActor(ids.nat),
      vinhLong: () => provincialActor("86", ids.vla),
      haNoi: () => provincialActor("01", ids.hna),
      phuKhuong: () => communeActor("86", "28756", ids.pkh),
      baDinh: () => communeActor("01", "00004", ids.bdi),
      otherLead: () => communeActor("86", other.code, ids.vlb),
    },
  };
}

export async function tableCount(db: Database, table: string): Promise<number> {
  const [r] = await queryRows<{ n: number }>(db, sql.raw(`SELECT count(*)::int AS n FROM ${table}`));
  return r.n;
}

export async function rollupDifferences(db: Database) {
  return queryRows(db, sql`SELECT * FROM rollup_differences()`);
}
