import { describe, expect, it, beforeAll } from "vitest";
import { sql } from "drizzle-orm";
import { auditListSchema, listAuditEvents } from "@/lib/dal/audit-log";
import { listGuidance } from "@/lib/dal/guidance";
import { encodeCursor } from "@/lib/dal/keyset";
import { listTrainings } from "@/lib/dal/trainings";
import type { Actor } from "@/lib/dal/actor";
import { guidanceListSchema } from "@/lib/validation/guidance";
import { trainingListSchema } from "@/lib/validation/trainings";
import { communeActor, nationalActor, provincialActor } from "../support/actors";
import { setupTestDatabase } from "../support/test-database";

/**
 * Keyset paging: following "next" from the first page visits every matching row exactly once, in
 * the list's order, even where many rows share the sort key (a day's records, one second's
 * events); following "previous" back from the last page shows the same pages; the caller's scope
 * holds on every page.
 */
const test = setupTestDatabase();
const month = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);

type Page<T> = { rows: T[]; next: string | null; previous: string | null };
type Lister<T> = (params: Record<string, string>) => Promise<Page<T>>;

/** Every page forward from the first, then every page backward from the last; the ids of each. */
async function walk<T extends { id: number }>(list: Lister<T>, params: Record<string, string>) {
  const forward: number[][] = [];
  let page = await list(params);
  expect(page.previous).toBeNull();
  forward.push(page.rows.map((r) => r.id));
  for (let n = 2; page.next; n++) {
    page = await list({ ...params, page: String(n), after: page.next });
    forward.push(page.rows.map((r) => r.id));
    expect(forward.length).toBeLessThan(200);
  }
  const backward: number[][] = [page.rows.map((r) => r.id)];
  while (page.previous) {
    page = await list({ ...params, before: page.previous });
    backward.unshift(page.rows.map((r) => r.id));
    expect(backward.length).toBeLessThan(200);
  }
  return { forward, backward };
}

function expectEveryRowOnce(pages: number[][], expected: number[], pageSize: number) {
  expect(pages.flat()).toEqual(expected);
  expect(new Set(pages.flat()).size).toBe(expected.length);
  expect(pages.slice(0, -1).every((p) => p.length === pageSize)).toBe(true);
}

async function ids(query: ReturnType<typeof sql>): Promise<number[]> {
  const result = await test.db.execute(query);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { id: number | string }[];
  return rows.map((r) => Number(r.id));
}

describe("keyset paging", () => {
  beforeAll(async () => {
    const d = test.db;
    await d.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      await tx.execute(sql`INSERT INTO teams (id, province_code, commune_code, name, established_on, status) OVERRIDING SYSTEM VALUE
        SELECT 900000 + row_number() OVER (ORDER BY code), province_code, code, 'Tổ ' || (row_number() OVER (ORDER BY code) % 3), '2024-01-01', 'active'
        FROM communes WHERE code IN ('28756', '28757', '00004')`);
      // 3 days × many records per day per commune: the date order is full of ties, broken by id.
      await tx.execute(sql`INSERT INTO guidance_records (team_id, province_code, commune_code, guided_on, skill, target_group, households_visited, people_guided, people_completed)
        SELECT t.id, t.province_code, t.commune_code, (date_trunc('month', CURRENT_DATE)::date + i % 3)::date, 1 + i % 5, 'elderly', 1, 1 + i % 4, 0
        FROM generate_series(1, 47) i CROSS JOIN teams t WHERE t.id > 900000`);
      // Events sharing their timestamp to the microsecond, and others a microsecond apart.
      await tx.execute(sql`INSERT INTO audit_events (at, actor_username, action, entity, entity_id, province_code, commune_code)
        SELECT timestamptz '2026-11-02 10:00:00.123456+07' + ((i % 4) || ' microseconds')::interval, 'pager', 'guidance.create', 'guidance_record', i::text, c.province_code, c.code
        FROM generate_series(1, 53) i CROSS JOIN communes c WHERE c.code IN ('28756', '00004')`);
      await tx.execute(sql`INSERT INTO trainings (level, province_code, commune_code, title, topics, held_on, hours, format, outside_participants)
        SELECT 'commune', c.province_code, c.code, 'Lớp ' || (i % 5), ARRAY['vneid'], (CURRENT_DATE - (i % 2))::date, 1 + (i % 3) * 0.5, 'in_person', i % 2
        FROM generate_series(1, 41) i CROSS JOIN communes c WHERE c.code IN ('28756', '00004')`);
    });
  });

  const guidance = (actor: Actor): Lister<{ id: number; communeCode: string }> => (p) => listGuidance(actor, guidanceListSchema.parse({ from: month, to: month, ...p }));
  const audit = (actor: Actor): Lister<{ id: number; communeCode: string | null }> => (p) => listAuditEvents(actor, auditListSchema.parse({ q: "pager", ...p }));
  const training = (actor: Actor): Lister<{ id: number; communeCode: string | null }> => (p) => listTrainings(actor, trainingListSchema.parse(p));

  it("pages guidance by date, newest first, with ties broken by id, forward and back", async () => {
    const expected = await ids(sql`SELECT id FROM guidance_records WHERE deleted_at IS NULL ORDER BY guided_on DESC, id DESC`);
    const { forward, backward } = await walk(guidance(nationalActor()), { pageSize: "10" });
    expectEveryRowOnce(forward, expected, 10);
    expect(backward).toEqual(forward);
  });

  it("pages a commune's guidance in another order with ties, and keeps to the caller's scope", async () => {
    const expected = await ids(sql`SELECT g.id FROM guidance_records g WHERE g.commune_code = '28756' ORDER BY g.people_guided ASC, g.id ASC`);
    const { forward, backward } = await walk(guidance(communeActor("86", "28756")), { pageSize: "10", sort: "peopleGuided", dir: "asc" });
    expectEveryRowOnce(forward, expected, 10);
    expect(backward).toEqual(forward);
    const team = await walk(guidance(provincialActor("86")), { pageSize: "20", commune: "28757", sort: "team", dir: "desc" });
    expect(team.forward.flat().sort()).toEqual((await ids(sql`SELECT id FROM guidance_records WHERE commune_code = '28757'`)).sort());
    const province = await walk(guidance(provincialActor("86")), { pageSize: "50" });
    expect(province.forward.flat()).toEqual(await ids(sql`SELECT id FROM guidance_records WHERE province_code = '86' ORDER BY guided_on DESC, id DESC`));
    // Another province's records are never reached, whichever cursor is followed.
    const hanoi = await listGuidance(provincialActor("01"), guidanceListSchema.parse({ from: month, to: month, pageSize: 100 }));
    expect(hanoi.rows.length).toBeGreaterThan(0);
    expect(hanoi.rows.every((r) => r.provinceCode === "01")).toBe(true);
  });

  it("pages the audit log through events that share their timestamp to the microsecond", async () => {
    const expected = await ids(sql`SELECT id FROM audit_events WHERE actor_username = 'pager' ORDER BY at DESC, id DESC`);
    const { forward, backward } = await walk(audit(nationalActor()), { pageSize: "20" });
    expectEveryRowOnce(forward, expected, 20);
    expect(backward).toEqual(forward);
    const commune = await walk(audit(communeActor("86", "28756")), { pageSize: "20" });
    expect(commune.forward.flat()).toEqual(await ids(sql`SELECT id FROM audit_events WHERE actor_username = 'pager' AND commune_code = '28756' ORDER BY at DESC, id DESC`));
  });

  it("pages trainings by date and, within a province, by title", async () => {
    const expected = await ids(sql`SELECT id FROM trainings WHERE deleted_at IS NULL ORDER BY held_on DESC, id DESC`);
    const byDate = await walk(training(nationalActor()), { pageSize: "10" });
    expectEveryRowOnce(byDate.forward, expected, 10);
    expect(byDate.backward).toEqual(byDate.forward);
    const byHours = await walk(training(provincialActor("86")), { pageSize: "10", sort: "hours", dir: "desc" });
    expectEveryRowOnce(byHours.forward, await ids(sql`SELECT id FROM trainings WHERE province_code = '86' ORDER BY hours DESC, id DESC`), 10);
    expect(byHours.backward).toEqual(byHours.forward);
    const byTitle = await walk(training(communeActor("01", "00004")), { pageSize: "10", sort: "title", dir: "asc" });
    expectEveryRowOnce(byTitle.forward, await ids(sql`SELECT id FROM trainings WHERE commune_code = '00004' ORDER BY search_key(title) ASC, id ASC`), 10);
  });

  it("starts at the first page when a cursor is malformed or written for another order", async () => {
    const first = await guidance(nationalActor())({ pageSize: "10" });
    for (const after of ["not-a-cursor", encodeCursor({ key: "x'); DROP TABLE teams; --", id: 1 }), encodeCursor({ key: "2026-02-30", id: 1 }), Buffer.from("[1,2,3]").toString("base64url")]) {
      expect((await guidance(nationalActor())({ pageSize: "10", after })).rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    }
    // Nationwide another order falls back to the date: its cursors start the date order again.
    const fallback = await guidance(nationalActor())({ pageSize: "10", sort: "peopleGuided", after: encodeCursor({ key: 3, id: 1 }) });
    expect(fallback.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    const auditFirst = await audit(nationalActor())({});
    expect((await audit(nationalActor())({ before: encodeCursor({ key: "2026-11-02", id: 5 }) })).rows.map((r) => r.id)).toEqual(auditFirst.rows.map((r) => r.id));
  });
});
