import { beforeAll, describe, expect, it, vi } from "vitest";

// Dashboards reuse what they read for two seconds in production; here for a minute, so that any
// read after a change that the reuse did not end would show the old figures.
vi.hoisted(() => {
  process.env.INDICATORS_FRESHNESS_MS = "60000";
});

import { users } from "@/db/schema";
import { NotFoundError } from "@/lib/dal/errors";
import { createHamlet, removeHamlet } from "@/lib/dal/hamlets";
import { commitHistoryImport, historyFigures, previewHistoryImport, undoHistoryImport } from "@/lib/dal/history";
import { communeDetails, unitIndicators } from "@/lib/dal/indicators";
import { createTeam } from "@/lib/dal/teams";
import { vnToday } from "@/lib/domain/period";
import { communeActor, nationalActor, provincialActor } from "../support/actors";
import { PHU_KHUONG, seedRosterActors } from "../support/rosters-fixtures";
import { setupTestDatabase } from "../support/test-database";

const ctx = setupTestDatabase();
let national = nationalActor();
let a: Awaited<ReturnType<typeof seedRosterActors>>;

beforeAll(async () => {
  a = await seedRosterActors(ctx.db);
});
const YEAR = { from: "2023-01-01", to: "2023-12-31" };

async function importCsv(text: string) {
  const file = { name: "tinh.csv", bytes: new TextEncoder().encode(text) };
  const { token } = await previewHistoryImport(national, file, "equal");
  return commitHistoryImport(national, file, "equal", token);
}

describe("imported history read by many dashboards", () => {
  beforeAll(async () => {
    const [user] = await ctx.db.insert(users).values({ username: "nat", fullName: "Quốc Gia", role: "national", passwordHash: "x" }).returning();
    national = nationalActor(user.id);
  });

  it("shows an import and its undo at the next read, and still checks every caller's scope", async () => {
    expect((await historyFigures(national, "86", YEAR)).total).toBeNull();
    expect((await historyFigures(provincialActor("86"), "86", YEAR)).total).toBeNull();

    const { importId } = await importCsv(["Mã tỉnh cũ,Tên tỉnh cũ,Kỳ,Số tổ,Số thành viên", "86,Vĩnh Long,2023-12,700,3500"].join("\n"));
    expect((await historyFigures(national, "86", YEAR)).total?.teams).toBe(700);
    expect((await historyFigures(provincialActor("86"), "86", YEAR)).total?.teams).toBe(700);
    // The same unit's figures, already read, are not handed to a caller who may not see it.
    await expect(historyFigures(provincialActor("01"), "86", YEAR)).rejects.toBeInstanceOf(NotFoundError);

    await importCsv(["Mã tỉnh cũ,Tên tỉnh cũ,Kỳ,Số tổ,Số thành viên", "86,Vĩnh Long,2023-12,750,3600"].join("\n"));
    expect((await historyFigures(national, "86", YEAR)).total?.teams).toBe(750);

    await undoHistoryImport(national, importId + 1);
    expect((await historyFigures(national, "86", YEAR)).total?.teams).toBe(700);
    await undoHistoryImport(national, importId);
    expect((await historyFigures(national, "86", YEAR)).total).toBeNull();
  });
});

describe("a commune's hamlets and teams read by many dashboards", () => {
  it("shows each change to the hamlets and teams at the next read", async () => {
    const today = { from: `${vnToday().slice(0, 7)}-01`, to: vnToday() };
    const read = async () => {
      const d = await communeDetails(a.phuKhuong, PHU_KHUONG, today);
      return { hamlets: d.hamlets.map((h) => [h.name, h.team]), teams: d.teams.map((t) => t.name) };
    };
    expect(await read()).toEqual({ hamlets: [], teams: [] });

    const hamlet = await createHamlet(a.phuKhuong, { communeCode: PHU_KHUONG, name: "Khóm 1", kind: "khom", households: 300 });
    expect(await read()).toEqual({ hamlets: [["Khóm 1", null]], teams: [] });

    await createTeam(a.phuKhuong, { communeCode: PHU_KHUONG, hamletId: hamlet, name: "Tổ Khóm 1", establishedOn: null, zaloUrl: null, note: null });
    expect(await read()).toEqual({ hamlets: [["Khóm 1", "Tổ Khóm 1"]], teams: ["Tổ Khóm 1"] });
    // Read by the province too, then changed again by the commune.
    expect((await communeDetails(a.vinhLong, PHU_KHUONG, today)).teams).toHaveLength(1);

    const other = await createHamlet(a.phuKhuong, { communeCode: PHU_KHUONG, name: "Khóm 2", kind: "khom", households: 120 });
    expect((await communeDetails(a.vinhLong, PHU_KHUONG, today)).hamlets.map((h) => h.name)).toEqual(["Khóm 2", "Khóm 1"]);
    await removeHamlet(a.phuKhuong, { id: other, version: 1 });
    expect(await read()).toEqual({ hamlets: [["Khóm 1", "Tổ Khóm 1"]], teams: ["Tổ Khóm 1"] });
    await expect(communeDetails(a.otherCommune, PHU_KHUONG, today)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("a unit's figures read by many dashboards", () => {
  it("hands every reader the same frozen figures until a write changes them", async () => {
    const today = { from: `${vnToday().slice(0, 7)}-01`, to: vnToday() };
    const first = await unitIndicators(a.vinhLong, "86", today);
    const second = await unitIndicators(provincialActor("86"), "86", today);
    expect(second.children).toBe(first.children);
    expect(Object.isFrozen(first.children[0].indicators)).toBe(true);
    expect(() => first.children.sort(() => 0)).toThrow(TypeError);

    const hamlet = await createHamlet(a.phuKhuong, { communeCode: PHU_KHUONG, name: "Khóm 9", kind: "khom", households: 80 });
    await createTeam(a.phuKhuong, { communeCode: PHU_KHUONG, hamletId: hamlet, name: "Tổ Khóm 9", establishedOn: null, zaloUrl: null, note: null });
    const after = await unitIndicators(a.vinhLong, "86", today);
    expect(after.children).not.toBe(first.children);
    const teams = (r: typeof first) => r.children.find((c) => c.code === PHU_KHUONG)!.indicators.teams_active;
    expect(teams(after)).toBe(teams(first) + 1);
    expect((await unitIndicators(communeActor("86", PHU_KHUONG), PHU_KHUONG, today)).indicators.teams_active).toBe(teams(after));
  });
});
