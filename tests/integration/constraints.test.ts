import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { guidanceRecords, hamlets, members, teams } from "@/db/schema";
import { setupTestDatabase } from "../support/test-database";

const ctx = setupTestDatabase();
let hamletId: number;
let teamId: number;

async function rejects(work: () => Promise<unknown>, constraint: string) {
  const error = await work().then(() => null, (e: unknown) => e as { cause?: { message?: string; constraint?: string }; message: string });
  expect(error, `expected ${constraint} to reject the row`).not.toBeNull();
  const text = `${error?.message} ${error?.cause?.message ?? ""} ${error?.cause?.constraint ?? ""}`;
  expect(text).toContain(constraint);
}

describe("database integrity", () => {
  beforeAll(async () => {
    [{ id: hamletId }] = await ctx.db.insert(hamlets).values({ provinceCode: "86", communeCode: "28756", name: "Khu phố 1", kind: "khu_pho", households: 120 }).returning();
    [{ id: teamId }] = await ctx.db.insert(teams).values({ provinceCode: "86", communeCode: "28756", hamletId, name: "Tổ CNSCĐ Khu phố 1" }).returning();
    await ctx.db.insert(members).values({ teamId, provinceCode: "86", communeCode: "28756", fullName: "Nguyễn Văn An", gender: "male", position: "leader", phone: "0912345678" });
  });

  it("allows one active leader per team", async () => {
    await rejects(
      () => ctx.db.insert(members).values({ teamId, provinceCode: "86", communeCode: "28756", fullName: "Trần Thị Bình", gender: "female", position: "leader" }),
      "members_one_active_leader",
    );
  });

  it("allows one active team per hamlet", async () => {
    await rejects(() => ctx.db.insert(teams).values({ provinceCode: "86", communeCode: "28756", hamletId, name: "Tổ thứ hai" }), "teams_one_active_per_hamlet");
  });

  it("rejects negative counts", async () => {
    await rejects(() => ctx.db.insert(hamlets).values({ provinceCode: "86", communeCode: "28756", name: "Khu phố 2", kind: "khu_pho", households: -1 }), "hamlets_households_nonneg");
    await rejects(
      () => ctx.db.insert(guidanceRecords).values({ teamId, provinceCode: "86", communeCode: "28756", guidedOn: "2026-10-01", skill: 1, targetGroup: "elderly", householdsVisited: -3, peopleGuided: 5 }),
      "guidance_households_nonneg",
    );
  });

  it("rejects more people completed than guided", async () => {
    await rejects(
      () => ctx.db.insert(guidanceRecords).values({ teamId, provinceCode: "86", communeCode: "28756", guidedOn: "2026-10-01", skill: 1, targetGroup: "elderly", peopleGuided: 5, peopleCompleted: 6 }),
      "guidance_completed_le_guided",
    );
  });

  it("rejects invalid codes, phones, skills and units that do not belong together", async () => {
    await rejects(() => queryRows(ctx.db, sql`INSERT INTO provinces (code, name, short_name, place_type) VALUES ('1A', 'x', 'x', 'x')`), "provinces_code_format");
    await rejects(() => ctx.db.insert(members).values({ teamId, provinceCode: "86", communeCode: "28756", fullName: "Lê Văn C", gender: "male", phone: "12345" }), "members_phone_format");
    await rejects(
      () => ctx.db.insert(guidanceRecords).values({ teamId, provinceCode: "86", communeCode: "28756", guidedOn: "2026-10-01", skill: 6, targetGroup: "elderly", peopleGuided: 1 }),
      "guidance_skill_range",
    );
    // Ba Đình lies in Hà Nội, not Vĩnh Long.
    await rejects(() => ctx.db.insert(hamlets).values({ provinceCode: "86", communeCode: "00004", name: "Tổ dân phố 9", kind: "to_dan_pho" }), "foreign key");
    await rejects(
      () => ctx.db.insert(members).values({ teamId, provinceCode: "86", communeCode: "28756", fullName: "Lê Văn D", gender: "male", affiliations: ["astronaut"] }),
      "members_affiliations_known",
    );
  });

  it("keeps the roll-ups equal to a recomputation after these writes", async () => {
    expect(await queryRows(ctx.db, sql`SELECT * FROM rollup_differences()`)).toEqual([]);
    const [stats] = await queryRows(ctx.db, sql`SELECT hamlets_total, hamlets_with_team, teams_active, members_active FROM commune_stats WHERE commune_code = '28756'`);
    expect(stats).toEqual({ hamlets_total: 1, hamlets_with_team: 1, teams_active: 1, members_active: 1 });
  });
});
