import { beforeAll, describe, expect, it } from "vitest";
import { sql, type SQLWrapper } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { AUDIT_SEARCH_COUNT_CAP, auditCountQuery, auditListSchema, auditPageQuery, listAuditEvents } from "@/lib/dal/audit-log";
import { guidanceCountQuery, guidancePageQuery, guidanceSort } from "@/lib/dal/guidance";
import { encodeCursor } from "@/lib/dal/keyset";
import { trainingCountQuery, trainingPageQuery, trainingSort } from "@/lib/dal/trainings";
import { guidanceListSchema } from "@/lib/validation/guidance";
import { trainingListSchema } from "@/lib/validation/trainings";
import { communeActor, nationalActor, provincialActor } from "../support/actors";
import { setupTestDatabase } from "../support/test-database";

/**
 * The lists' plans on the national shape: hundreds of thousands of records in the month shown by
 * default, spread over every commune, where a sequential scan and sort of the whole table would blow the
 * 50 ms budget at national scale. The plans, not timings, are asserted: each page must be read
 * in order from an index and stop after its rows.
 */
const test = setupTestDatabase();
const GUIDANCE_ROWS = 200_000;
const AUDIT_ROWS = 200_000;
const TRAINING_ROWS = 60_000;
const NATIONAL_TRAININGS = 20;

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Plan Rows": number;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Heap Fetches"?: number;
  Plans?: PlanNode[];
};

async function plan(d: Database, query: SQLWrapper, analyze = false): Promise<PlanNode[]> {
  const [row] = await queryRows<{ "QUERY PLAN": unknown }>(d, analyze ? sql`EXPLAIN (ANALYZE, FORMAT JSON) ${query}` : sql`EXPLAIN (FORMAT JSON) ${query}`);
  const raw = row["QUERY PLAN"];
  const root = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  const nodes: PlanNode[] = [];
  const walk = (n: PlanNode) => {
    nodes.push(n);
    n.Plans?.forEach(walk);
  };
  walk(root[0].Plan);
  return nodes;
}

function expectIndexed(nodes: PlanNode[], table: string, index: string) {
  const scans = nodes.filter((n) => n["Relation Name"] === table || n["Index Name"]?.startsWith(table.split("_")[0]));
  expect(scans.filter((n) => n["Node Type"] === "Seq Scan").map((n) => n["Relation Name"])).toEqual([]);
  expect(nodes.map((n) => n["Index Name"]).filter(Boolean)).toContain(index);
  // Read in the index's order and stopped after the page: nothing sorts the scope's rows (putting
  // the page's own rows back in order after fetching them by id is no more than a page).
  expect(nodes.filter((n) => n["Node Type"] === "Sort" && n["Plan Rows"] > 101).map((n) => n["Plan Rows"])).toEqual([]);
}

/** A deep page reads its own rows from the index, not every row before it (as OFFSET would). */
async function expectReadsOnlyThePage(d: Database, query: SQLWrapper, index: string) {
  const scan = (await plan(d, query, true)).find((n) => n["Index Name"] === index);
  expect(scan, index).toBeDefined();
  expect(scan!["Actual Rows"]! * (scan!["Actual Loops"] ?? 1)).toBeLessThanOrEqual(101);
}

/**
 * The cursor a reader holds on reaching page 100 by "next": the last row of page 99 in the list's
 * order, as the list itself would write it.
 */
async function cursorAtPage100(d: Database, query: SQLWrapper): Promise<string> {
  const [row] = await queryRows<{ key: string; id: number }>(d, sql`SELECT key, id FROM (${query}) AS ordered OFFSET ${99 * 20 - 1} LIMIT 1`);
  return encodeCursor({ key: row.key, id: Number(row.id) });
}

const month = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);

describe("national-scale list plans", () => {
  beforeAll(async () => {
    const d = test.db;
    // Bulk rows without the roll-up triggers and foreign-key checks: only their shape matters here.
    await d.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      await tx.execute(sql`INSERT INTO teams (id, province_code, commune_code, name, established_on, status) OVERRIDING SYSTEM VALUE
        SELECT row_number() OVER (), province_code, code, 'Tổ ' || code, '2024-01-01', 'active' FROM communes`);
      await tx.execute(sql`WITH c AS (SELECT row_number() OVER (ORDER BY code) AS n, code, province_code FROM communes),
          total AS (SELECT count(*) AS k FROM c)
        INSERT INTO guidance_records (team_id, province_code, commune_code, guided_on, skill, target_group, households_visited, people_guided, people_completed)
        SELECT c.n, c.province_code, c.code, (date_trunc('month', CURRENT_DATE)::date + i % 28)::date, 1 + i % 5, 'elderly', 1, 1 + i % 20, 0
        FROM generate_series(1, ${GUIDANCE_ROWS}) i CROSS JOIN total JOIN c ON c.n = 1 + i % total.k`);
      await tx.execute(sql`WITH c AS (SELECT row_number() OVER (ORDER BY code) AS n, code, province_code FROM communes),
          total AS (SELECT count(*) AS k FROM c)
        INSERT INTO audit_events (at, actor_user_id, actor_username, action, entity, entity_id, province_code, commune_code)
        SELECT now() - (i || ' minutes')::interval, NULL, 'plan' || (i % 50), 'guidance.create', 'guidance_record', i::text, c.province_code, c.code
        FROM generate_series(1, ${AUDIT_ROWS}) i CROSS JOIN total JOIN c ON c.n = 1 + i % total.k`);
      await tx.execute(sql`WITH c AS (SELECT row_number() OVER (ORDER BY code) AS n, code, province_code FROM communes),
          total AS (SELECT count(*) AS k FROM c)
        INSERT INTO trainings (level, province_code, commune_code, title, topics, held_on, hours, format, outside_participants)
        SELECT 'commune', c.province_code, c.code, 'Lớp ' || i, ARRAY['vneid'], (CURRENT_DATE - (i % 730))::date, 2, 'in_person', 0
        FROM generate_series(1, ${TRAINING_ROWS}) i CROSS JOIN total JOIN c ON c.n = 1 + i % total.k`);
      // A year of submitted reports for every commune: the months each row shown is checked against.
      await tx.execute(sql`INSERT INTO monthly_reports (commune_code, province_code, month, status, submitted_at, submitted_late)
        SELECT c.code, c.province_code, (date_trunc('month', CURRENT_DATE) - k * interval '1 month')::date, 'submitted', now(), false
        FROM communes c CROSS JOIN generate_series(1, 12) k`);
      // National trainings attended from communes all over the country, as the reach table holds them.
      await tx.execute(sql`INSERT INTO trainings (level, province_code, commune_code, title, topics, held_on, hours, format, outside_participants)
        SELECT 'national', NULL, NULL, 'Tập huấn toàn quốc ' || i, ARRAY['vneid'], (CURRENT_DATE - i * 30)::date, 4, 'online', 0
        FROM generate_series(1, ${NATIONAL_TRAININGS}) i`);
      await tx.execute(sql`INSERT INTO training_reach (training_id, province_code, commune_code, attendees)
        SELECT t.id, c.province_code, c.code, 3 FROM trainings t JOIN communes c ON (hashtext(c.code) + t.id) % 3 = 0 WHERE t.level = 'national'`);
    });
    // As autovacuum leaves an append-only table: pages marked all-visible, so index-only scans need not visit them.
    await d.execute(sql`VACUUM ANALYZE`);
  }, 600_000);

  const guidance = (extra: Record<string, string>) => guidanceListSchema.parse({ from: month, to: month, ...extra });

  it("pages guidance nationally and for a province through the (scope, date, id) indexes, first and 100th page", async () => {
    const page100 = async (province: string | null) =>
      cursorAtPage100(test.db, sql`SELECT to_char(guided_on, 'YYYY-MM-DD') AS key, id FROM guidance_records
        WHERE deleted_at IS NULL AND ${province ? sql`province_code = ${province}` : sql`TRUE`} ORDER BY guided_on DESC, id DESC`);
    const national = await page100(null);
    const province = await page100("86");
    expect(national).not.toBe(province);
    for (const [n, p] of [[{}, {}], [{ page: "100", after: national }, { page: "100", after: province }]] as const) {
      expectIndexed(await plan(test.db, guidancePageQuery(test.db, nationalActor(), guidance(n))), "guidance_records", "guidance_date_id_idx");
      expectIndexed(await plan(test.db, guidancePageQuery(test.db, provincialActor("86"), guidance(p))), "guidance_records", "guidance_province_date_id_idx");
      // Going back from page 100 reads the same index the other way.
      if ("after" in n) {
        expectIndexed(await plan(test.db, guidancePageQuery(test.db, nationalActor(), guidance({ before: n.after }))), "guidance_records", "guidance_date_id_idx");
        await expectReadsOnlyThePage(test.db, guidancePageQuery(test.db, nationalActor(), guidance(n)), "guidance_date_id_idx");
        await expectReadsOnlyThePage(test.db, guidancePageQuery(test.db, provincialActor("86"), guidance(p)), "guidance_province_date_id_idx");
      }
    }
    // Whether each shown record's month is closed is looked up for that record, not by reading every report.
    for (const actor of [nationalActor(), provincialActor("86")]) {
      const nodes = await plan(test.db, guidancePageQuery(test.db, actor, guidance({})), true);
      const reports = nodes.filter((n) => n["Relation Name"] === "monthly_reports");
      expect(reports.map((n) => n["Node Type"])).not.toContain("Seq Scan");
      expect(reports.every((n) => n["Actual Rows"]! <= 1)).toBe(true);
    }
    // The count stops after the cap: whatever reads the rows sits under a Limit.
    const count = await plan(test.db, guidanceCountQuery(test.db, nationalActor(), guidance({})));
    expect(count.map((n) => n["Node Type"]).slice(0, 2)).toEqual(["Aggregate", "Limit"]);
  });

  it("keeps other guidance orders to lists narrowed to a commune or team", () => {
    expect(guidanceSort(nationalActor(), guidance({ sort: "peopleGuided", dir: "asc" }))).toEqual({ sort: "guidedOn", dir: "desc" });
    expect(guidanceSort(provincialActor("86"), guidance({ sort: "team", dir: "asc" }))).toEqual({ sort: "guidedOn", dir: "desc" });
    expect(guidanceSort(nationalActor(), guidance({ sort: "peopleGuided", dir: "asc", commune: "28756" }))).toEqual({ sort: "peopleGuided", dir: "asc" });
    expect(guidanceSort(communeActor("86", "28756"), guidance({ sort: "team", dir: "asc" }))).toEqual({ sort: "team", dir: "asc" });
  });

  it("pages the audit log newest first through the (scope, at, id) indexes and searches it through the trigram index", async () => {
    const page100 = async (province: string | null) =>
      cursorAtPage100(test.db, sql`SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS key, id FROM audit_events
        WHERE ${province ? sql`province_code = ${province}` : sql`TRUE`} ORDER BY at DESC, id DESC`);
    const national = await page100(null);
    const province = await page100("86");
    for (const [n, p] of [[{}, {}], [{ page: "100", after: national }, { page: "100", after: province }]]) {
      expectIndexed(await plan(test.db, auditPageQuery(test.db, nationalActor(), auditListSchema.parse({ ...n, pageSize: "20" }))), "audit_events", "audit_events_at_id_search_idx");
      expectIndexed(await plan(test.db, auditPageQuery(test.db, provincialActor("86"), auditListSchema.parse({ ...p, pageSize: "20" }))), "audit_events", "audit_events_province_at_id_search_idx");
    }
    await expectReadsOnlyThePage(test.db, auditPageQuery(test.db, nationalActor(), auditListSchema.parse({ page: "100", after: national, pageSize: "20" })), "audit_events_at_id_search_idx");
    const search = auditListSchema.parse({ q: "plan7" });
    expectIndexed(await plan(test.db, auditCountQuery(test.db, nationalActor(), search)), "audit_events", "audit_events_search_idx");
  });

  it("reads a search's page of the audit log from the index alone and fetches only the page's events, and counts a search to a lower cap", async () => {
    // "plan7" matches one event in fifty: the newest twenty lie among the newest thousand.
    for (const [actor, index] of [[nationalActor(), "audit_events_at_id_search_idx"], [provincialActor("79"), "audit_events_province_at_id_search_idx"]] as const) {
      const nodes = await plan(test.db, auditPageQuery(test.db, actor, auditListSchema.parse({ q: "plan7", pageSize: "20" })), true);
      const scan = nodes.find((n) => n["Index Name"] === index);
      expect(scan?.["Node Type"], index).toBe("Index Only Scan");
      expect(scan!["Heap Fetches"]).toBeLessThanOrEqual(21);
      const fetched = nodes.filter((n) => n["Relation Name"] === "audit_events" && n !== scan);
      expect(fetched.map((n) => n["Actual Rows"]! * (n["Actual Loops"] ?? 1))).toEqual([21]);
    }
    const searched = await listAuditEvents(nationalActor(), auditListSchema.parse({ q: "plan7" }));
    expect({ total: searched.total, capped: searched.capped }).toEqual({ total: AUDIT_SEARCH_COUNT_CAP, capped: true });
    const count = await plan(test.db, auditCountQuery(test.db, nationalActor(), auditListSchema.parse({ q: "plan7" })), true);
    expect(count.find((n) => n["Node Type"] === "Limit")?.["Actual Rows"]).toBe(AUDIT_SEARCH_COUNT_CAP + 1);
    // Without a search the list is counted to the usual cap.
    expect((await listAuditEvents(nationalActor(), auditListSchema.parse({}))).total).toBe(10_000);
  });

  it("finds the national trainings a province's or a commune's members attended in the reach table, first and 100th page", async () => {
    const [{ commune }] = await queryRows<{ commune: string }>(test.db, sql`SELECT min(commune_code) AS commune FROM training_reach WHERE province_code = '79'`);
    const after = await cursorAtPage100(
      test.db,
      sql`SELECT to_char(held_on, 'YYYY-MM-DD') AS key, id FROM trainings WHERE deleted_at IS NULL
        AND (province_code = '79' OR id IN (SELECT training_id FROM training_reach WHERE province_code = '79')) ORDER BY held_on DESC, id DESC`,
    );
    const cases = [
      [provincialActor("79"), "training_reach_province_idx", {}],
      [provincialActor("79"), "training_reach_province_idx", { page: "100", after }],
      [communeActor("79", commune), "training_reach_commune_idx", {}],
    ] as const;
    for (const [actor, index, params] of cases) {
      for (const query of [trainingPageQuery(test.db, actor, trainingListSchema.parse(params)), trainingCountQuery(test.db, actor, trainingListSchema.parse(params))]) {
        const nodes = await plan(test.db, query);
        const scanned = nodes.filter((n) => n["Node Type"] === "Seq Scan").map((n) => n["Relation Name"]);
        expect(scanned.filter((r) => r === "trainings" || r === "training_reach")).toEqual([]);
        expect(nodes.map((n) => n["Index Name"])).toContain(index);
      }
    }
    const page100 = await trainingPageQuery(test.db, provincialActor("79"), trainingListSchema.parse({ page: "100", after }));
    expect(page100.length).toBeGreaterThan(0);
  });

  it("pages trainings nationally through the (date, id) index, and sorts other columns only within a province", async () => {
    const after = await cursorAtPage100(test.db, sql`SELECT to_char(held_on, 'YYYY-MM-DD') AS key, id FROM trainings WHERE deleted_at IS NULL ORDER BY held_on DESC, id DESC`);
    for (const params of [{}, { page: "100", after }]) {
      expectIndexed(await plan(test.db, trainingPageQuery(test.db, nationalActor(), trainingListSchema.parse(params))), "trainings", "trainings_date_id_idx");
    }
    await expectReadsOnlyThePage(test.db, trainingPageQuery(test.db, nationalActor(), trainingListSchema.parse({ page: "100", after })), "trainings_date_id_idx");
    expect(trainingSort(nationalActor(), trainingListSchema.parse({ sort: "attendance" }))).toEqual({ sort: "heldOn", dir: "desc" });
    expect(trainingSort(nationalActor(), trainingListSchema.parse({ sort: "attendance", province: "86" }))).toEqual({ sort: "attendance", dir: "desc" });
    expect(trainingSort(provincialActor("86"), trainingListSchema.parse({ sort: "title", dir: "asc" }))).toEqual({ sort: "title", dir: "asc" });
  });
});
