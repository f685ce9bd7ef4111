import { beforeAll, describe, expect, it, vi } from "vitest";
import { guidanceRecords, teams } from "@/db/schema";
import type { Actor } from "@/lib/dal/actor";
import { communeActor, nationalActor, provincialActor } from "../support/actors";
import { setupTestDatabase } from "../support/test-database";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/dal/session", () => ({ getActor: async () => session.actor, requireActor: async () => session.actor }));

const { GET } = await import("@/app/api/indicators/route");
const ctx = setupTestDatabase();

async function get(actor: Actor | null, query: string) {
  session.actor = actor;
  const response = await GET(new Request(`http://localhost/api/indicators?${query}`));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const KEYS = [
  "communes_total", "communes_with_team", "hamlets_total", "hamlets_with_team", "teams_active", "members_active", "trainings",
  "attendances", "members_trained_12m", "households_visited", "people_guided", "people_completed", "reports_expected",
  "reports_submitted", "reports_on_time",
];

describe("GET /api/indicators", () => {
  beforeAll(async () => {
    const [team] = await ctx.db.insert(teams).values({ provinceCode: "86", communeCode: "28756", name: "Tổ API", establishedOn: "2026-01-15" }).returning();
    await ctx.db.insert(guidanceRecords).values({
      teamId: team.id, provinceCode: "86", communeCode: "28756", guidedOn: "2026-03-10", skill: 2, targetGroup: "workers",
      householdsVisited: 3, peopleGuided: 9, peopleCompleted: 4,
    });
  });

  it("returns the unit's indicators as integers, its children, period and as-of time", async () => {
    const { status, body } = await get(nationalActor(), "unit=VN&from=2026-01-01&to=2026-06-30");
    expect(status).toBe(200);
    const indicators = body.indicators as Record<string, number>;
    for (const key of [...KEYS, "provinces_full_coverage"]) expect(Number.isInteger(indicators[key]), key).toBe(true);
    expect(indicators).toMatchObject({ communes_total: 3321, communes_with_team: 1, teams_active: 1, people_guided: 9, people_completed: 4 });
    expect(body.unit).toMatchObject({ code: "VN", level: "national" });
    expect(body.period).toEqual({ from: "2026-01-01", to: "2026-06-30" });
    expect(Date.parse(String(body.as_of))).not.toBeNaN();
    // The roster figures describe the period's last day.
    expect(body.as_at).toBe("2026-06-30");
    expect((body.by_skill as Record<string, unknown>)["2"]).toEqual({ people_guided: 9, people_completed: 4 });
    expect((body.by_target_group as Record<string, unknown>).workers).toEqual({ people_guided: 9, people_completed: 4 });
    const children = body.children as { code: string; indicators: Record<string, number> }[];
    expect(children).toHaveLength(34);
    expect(children.find((c) => c.code === "86")?.indicators.people_guided).toBe(9);
  });

  it("serves a province to its admin and a commune to its lead", async () => {
    const province = await get(provincialActor("86"), "unit=86&from=2026-03-01&to=2026-03-31");
    expect(province.status).toBe(200);
    expect((province.body.children as unknown[]).length).toBeGreaterThan(100);
    const commune = await get(communeActor("86", "28756"), "unit=28756&from=2026-03-01&to=2026-03-31");
    expect(commune.status).toBe(200);
    expect(commune.body.children).toEqual([]);
    expect((commune.body.indicators as Record<string, number>).people_guided).toBe(9);
  });

  it("answers 404 outside the caller's scope", async () => {
    for (const unit of ["00004", "86", "VN"]) expect((await get(communeActor("86", "28756"), `unit=${unit}`)).status).toBe(404);
    for (const unit of ["01", "00004", "VN"]) expect((await get(provincialActor("86"), `unit=${unit}`)).status).toBe(404);
    expect((await get(nationalActor(), "unit=99")).status).toBe(404);
  });

  it("answers 401 without a session", async () => {
    expect((await get(null, "unit=VN")).status).toBe(401);
    expect((await get(null, "unit=28756")).status).toBe(401);
  });

  it("answers 400 for bad parameters", async () => {
    for (const query of ["", "unit=VNM", "unit=VN&from=2026-13-01", "unit=VN&from=2026-02-30", "unit=VN&from=2026-05-01&to=2026-01-31", "unit=VN&to=yesterday"]) {
      expect((await get(nationalActor(), query)).status, query).toBe(400);
    }
  });
});
