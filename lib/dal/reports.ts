import "server-only";
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { communes, monthlyReports, provinces, rosterSpans } from "@/db/schema";
import type { ReportStatus, TargetGroup } from "@/lib/domain/catalog";
import { addMonths, monthStart, monthsBetween, vnToday } from "@/lib/domain/period";
import {
  displayStatus,
  isLate,
  reportDeadline,
  type ReportApproveInput,
  type ReportDisplayStatus,
  type ReportListParams,
  type ReportReturnInput,
  type ReportSubmitInput,
} from "@/lib/validation/reports";
import type { Actor } from "./actor";
import { writeAudit } from "./audit";
import { now } from "./clock";
import { db } from "./db";
import { ConflictError, FieldError, NotFoundError } from "./errors";
import { scopeWhere } from "./scope";
import { activeInMonth } from "./reports-owed";
import { reportDeadlineDay } from "./settings";

type Row = Record<string, unknown>;
const num = (v: unknown) => Number(v ?? 0);

export interface StoredReport {
  status: ReportStatus;
  submittedAt: Date | null;
  submittedLate: boolean | null;
  reviewedAt: Date | null;
  reviewComment: string | null;
  version: number;
}

/** A month with no report row is an open report at version 1 (the version the row is created with). */
const OPEN_REPORT: StoredReport = { status: "open", submittedAt: null, submittedLate: null, reviewedAt: null, reviewComment: null, version: 1 };

export interface ReportCounts {
  expected: number;
  submitted: number;
  onTime: number;
  late: number;
  approved: number;
  returned: number;
  open: number;
  missing: number;
}

function emptyCounts(): ReportCounts {
  return { expected: 0, submitted: 0, onTime: 0, late: 0, approved: 0, returned: 0, open: 0, missing: 0 };
}

function tally(counts: ReportCounts, report: StoredReport, status: ReportDisplayStatus) {
  counts.expected += 1;
  if (report.status === "submitted" || report.status === "approved") {
    counts.submitted += 1;
    if (report.submittedLate) counts.late += 1;
    else counts.onTime += 1;
  }
  if (status === "approved") counts.approved += 1;
  if (status === "returned") counts.returned += 1;
  if (status === "open") counts.open += 1;
  if (status === "missing") counts.missing += 1;
}

/** The commune, if the caller may read it. */
async function communeInScope(actor: Actor, communeCode: string) {
  const d = await db();
  const [c] = await d
    .select({ code: communes.code, name: communes.name, provinceCode: communes.provinceCode, provinceName: provinces.shortName })
    .from(communes)
    .innerJoin(provinces, eq(provinces.code, communes.provinceCode))
    .where(and(eq(communes.code, communeCode), scopeWhere(actor, { province: communes.provinceCode, commune: communes.code })))
    .limit(1);
  if (!c) throw new NotFoundError("commune");
  return c;
}

const reportColumns = {
  status: monthlyReports.status,
  submittedAt: monthlyReports.submittedAt,
  submittedLate: monthlyReports.submittedLate,
  reviewedAt: monthlyReports.reviewedAt,
  reviewComment: monthlyReports.reviewComment,
  version: monthlyReports.version,
};

/** The current month in Vietnam. */
export function currentMonth(): string {
  return monthStart(vnToday(now()));
}

/** One commune's month: its report, the deadline and the month's totals by skill and target group. */
export async function getReport(actor: Actor, communeCode: string, month: string) {
  const commune = await communeInScope(actor, communeCode);
  const d = await db();
  const [stored, bySkill, byGroup, deadlineDay] = await Promise.all([
    d.select(reportColumns).from(monthlyReports).where(and(eq(monthlyReports.communeCode, communeCode), eq(monthlyReports.month, month))).limit(1),
    queryRows(d, sql`SELECT skill, sum(records)::int AS records, sum(households_visited)::int AS households_visited,
        sum(people_guided)::int AS people_guided, sum(people_completed)::int AS people_completed
      FROM guidance_commune_month WHERE commune_code = ${communeCode} AND month = ${month} GROUP BY skill`),
    queryRows(d, sql`SELECT target_group, sum(records)::int AS records, sum(households_visited)::int AS households_visited,
        sum(people_guided)::int AS people_guided, sum(people_completed)::int AS people_completed
      FROM guidance_commune_month WHERE commune_code = ${communeCode} AND month = ${month} GROUP BY target_group`),
    reportDeadlineDay(),
  ]);
  const report: StoredReport = stored[0] ?? OPEN_REPORT;
  const totals = (r: Row) => ({ records: num(r.records), householdsVisited: num(r.households_visited), peopleGuided: num(r.people_guided), peopleCompleted: num(r.people_completed) });
  const skills = bySkill.map((r) => ({ skill: num(r.skill), ...totals(r) })).sort((a, b) => a.skill - b.skill);
  const groups = byGroup.map((r) => ({ targetGroup: String(r.target_group) as TargetGroup, ...totals(r) }));
  const sum = skills.reduce(
    (acc, s) => ({
      records: acc.records + s.records,
      householdsVisited: acc.householdsVisited + s.householdsVisited,
      peopleGuided: acc.peopleGuided + s.peopleGuided,
      peopleCompleted: acc.peopleCompleted + s.peopleCompleted,
    }),
    { records: 0, householdsVisited: 0, peopleGuided: 0, peopleCompleted: 0 },
  );
  const at = now();
  const status = displayStatus(report, month, at, deadlineDay);
  const started = month <= currentMonth();
  return {
    commune,
    month,
    report,
    status,
    deadline: reportDeadline(month, deadlineDay).day,
    deadlineDay,
    skills,
    groups,
    totals: sum,
    canSubmit: actor.role === "commune" && started && (report.status === "open" || report.status === "returned"),
    canApprove: actor.role === "provincial" && report.status === "submitted",
    canReturn: actor.role === "provincial" && (report.status === "submitted" || report.status === "approved"),
  };
}
export type ReportDetail = Awaited<ReturnType<typeof getReport>>;

/** A commune's reports for the twelve months up to the current one, newest first, with guidance totals. */
export async function communeReports(actor: Actor, communeCode: string) {
  const commune = await communeInScope(actor, communeCode);
  const d = await db();
  const current = currentMonth();
  const first = addMonths(current, -11);
  const [stored, totals, deadlineDay, active] = await Promise.all([
    d
      .select({ month: monthlyReports.month, ...reportColumns })
      .from(monthlyReports)
      .where(and(eq(monthlyReports.communeCode, communeCode), sql`${monthlyReports.month} BETWEEN ${first} AND ${current}`)),
    queryRows(d, sql`SELECT month::text AS month, sum(records)::int AS records, sum(people_guided)::int AS people_guided,
        sum(people_completed)::int AS people_completed
      FROM guidance_commune_month WHERE commune_code = ${communeCode} AND month BETWEEN ${first} AND ${current} GROUP BY month`),
    reportDeadlineDay(),
    activeMonths(communeCode, first, current),
  ]);
  const at = now();
  const byMonth = new Map(stored.map((r) => [r.month, r]));
  const totalsByMonth = new Map(totals.map((r) => [String(r.month), r]));
  // A month without an active team owes no report: it is not listed (unless one was sent anyway).
  const months = monthsBetween(first, current)
    .reverse()
    .filter((month) => active.has(month) || byMonth.has(month))
    .map((month) => {
      const report = byMonth.get(month) ?? OPEN_REPORT;
      const t = totalsByMonth.get(month) ?? {};
      return {
        month,
        report,
        status: displayStatus(report, month, at, deadlineDay),
        deadline: reportDeadline(month, deadlineDay).day,
        records: num(t.records),
        peopleGuided: num(t.people_guided),
        peopleCompleted: num(t.people_completed),
      };
    });
  return { commune, months, deadlineDay };
}

/** The months of [first, last] in which the commune had an active team on at least one day. */
async function activeMonths(communeCode: string, first: string, last: string): Promise<Set<string>> {
  const rows = await queryRows<{ month: string }>(
    await db(),
    sql`SELECT m::date::text AS month FROM generate_series(${first}::date, ${last}::date, interval '1 month') AS m
      WHERE ${activeInMonth(sql`${communeCode}`, sql`m::date`)}`,
  );
  return new Set(rows.map((r) => String(r.month).slice(0, 10)));
}

/** Completeness and timeliness of one province's communes for a month, commune by commune. */
export async function provinceReportOverview(actor: Actor, provinceCode: string, month: string) {
  if (actor.role === "commune" || (actor.role === "provincial" && actor.provinceCode !== provinceCode)) throw new NotFoundError("province");
  const d = await db();
  const [province] = await d.select({ code: provinces.code, name: provinces.shortName }).from(provinces).where(eq(provinces.code, provinceCode)).limit(1);
  if (!province) throw new NotFoundError("province");
  const [rows, deadlineDay] = await Promise.all([
    queryRows(d, sql`SELECT c.code, c.name, r.status, r.submitted_at, r.submitted_late, r.reviewed_at, r.review_comment, r.version
      FROM communes c
      LEFT JOIN monthly_reports r ON r.commune_code = c.code AND r.month = ${month}
      WHERE c.province_code = ${provinceCode} AND ${activeInMonth(sql`c.code`, month)}
      ORDER BY c.code`),
    reportDeadlineDay(),
  ]);
  const at = now();
  const counts = emptyCounts();
  const communeRows = rows.map((r) => {
    const report: StoredReport = r.status
      ? {
          status: r.status as ReportStatus,
          submittedAt: r.submitted_at ? new Date(r.submitted_at as string) : null,
          submittedLate: r.submitted_late as boolean | null,
          reviewedAt: r.reviewed_at ? new Date(r.reviewed_at as string) : null,
          reviewComment: (r.review_comment as string | null) ?? null,
          version: num(r.version),
        }
      : OPEN_REPORT;
    const status = displayStatus(report, month, at, deadlineDay);
    tally(counts, report, status);
    return { code: String(r.code), name: String(r.name), report, status };
  });
  return { province, month, deadline: reportDeadline(month, deadlineDay).day, counts, communes: communeRows };
}

/** The same counts for every province, for national users. */
export async function nationalReportOverview(actor: Actor, month: string) {
  if (actor.role !== "national") throw new NotFoundError("country");
  const d = await db();
  const [rows, deadlineDay] = await Promise.all([
    queryRows(d, sql`SELECT p.code, p.short_name AS name,
        count(c.code)::int AS expected,
        count(*) FILTER (WHERE r.status IN ('submitted', 'approved'))::int AS submitted,
        count(*) FILTER (WHERE r.status IN ('submitted', 'approved') AND NOT r.submitted_late)::int AS on_time,
        count(*) FILTER (WHERE r.status IN ('submitted', 'approved') AND r.submitted_late)::int AS late,
        count(*) FILTER (WHERE r.status = 'approved')::int AS approved,
        count(*) FILTER (WHERE r.status = 'returned')::int AS returned
      FROM provinces p
      LEFT JOIN communes c ON c.province_code = p.code AND ${activeInMonth(sql`c.code`, month)}
      LEFT JOIN monthly_reports r ON r.commune_code = c.code AND r.month = ${month}
      GROUP BY p.code, p.short_name ORDER BY p.code`),
    reportDeadlineDay(),
  ]);
  const passed = now().getTime() >= reportDeadline(month, deadlineDay).passesAt.getTime();
  const total = emptyCounts();
  const provinceRows = rows.map((r) => {
    const pending = num(r.expected) - num(r.submitted) - num(r.returned);
    const counts: ReportCounts = {
      expected: num(r.expected),
      submitted: num(r.submitted),
      onTime: num(r.on_time),
      late: num(r.late),
      approved: num(r.approved),
      returned: num(r.returned),
      open: passed ? 0 : pending,
      missing: passed ? pending : 0,
    };
    for (const k of Object.keys(total) as (keyof ReportCounts)[]) total[k] += counts[k];
    return { code: String(r.code), name: String(r.name), counts };
  });
  return { month, deadline: reportDeadline(month, deadlineDay).day, counts: total, provinces: provinceRows };
}

function reportAudit(r: { status: string; submittedAt: Date | null; submittedLate: boolean | null; reviewComment: string | null }) {
  return { status: r.status, submittedAt: r.submittedAt?.toISOString() ?? null, submittedLate: r.submittedLate, reviewComment: r.reviewComment };
}

type Outcome = "done" | "conflict";

/** Submits (or resubmits) a month's report, closing the month's guidance records to edits. */
export async function submitReport(actor: Actor, input: ReportSubmitInput) {
  if (actor.role !== "commune" || actor.communeCode !== input.communeCode) throw new NotFoundError("report");
  const commune = await communeInScope(actor, input.communeCode);
  if (input.month > currentMonth()) throw new FieldError({ month: ["reports.errors.month_not_started"] });
  const deadlineDay = await reportDeadlineDay();
  const d = await db();
  const outcome: Outcome = await d.transaction(async (tx) => {
    await tx.insert(monthlyReports).values({ communeCode: commune.code, provinceCode: commune.provinceCode, month: input.month }).onConflictDoNothing();
    const [current] = await tx
      .select(reportColumns)
      .from(monthlyReports)
      .where(and(eq(monthlyReports.communeCode, commune.code), eq(monthlyReports.month, input.month)))
      .for("update");
    if (current.version !== input.version) return "conflict";
    if (current.status !== "open" && current.status !== "returned") throw new FieldError({ status: ["reports.errors.not_open"] });
    const at = now();
    const [row] = await tx
      .update(monthlyReports)
      .set({
        status: "submitted",
        submittedAt: at,
        submittedLate: isLate(input.month, at, deadlineDay),
        submittedBy: actor.userId || null,
        reviewedAt: null,
        reviewedBy: null,
        reviewComment: null,
        version: sql`${monthlyReports.version} + 1`,
        updatedAt: at,
      })
      .where(and(eq(monthlyReports.communeCode, commune.code), eq(monthlyReports.month, input.month)))
      .returning();
    await writeAudit(tx, actor, {
      action: "report.submit",
      entity: "monthly_report",
      entityId: `${commune.code}/${input.month}`,
      provinceCode: commune.provinceCode,
      communeCode: commune.code,
      before: reportAudit(current),
      after: reportAudit(row),
    });
    return "done";
  });
  if (outcome === "conflict") throw new ConflictError(await getReport(actor, input.communeCode, input.month));
}

/** The province's review: approve keeps the month closed; return (with a comment) reopens it. */
async function reviewReport(actor: Actor, input: ReportApproveInput & { comment?: string }, decision: "approved" | "returned") {
  if (actor.role !== "provincial") throw new NotFoundError("report");
  const d = await db();
  const outcome: Outcome = await d.transaction(async (tx) => {
    const [current] = await tx
      .select({ ...reportColumns, provinceCode: monthlyReports.provinceCode })
      .from(monthlyReports)
      .where(
        and(
          eq(monthlyReports.communeCode, input.communeCode),
          eq(monthlyReports.month, input.month),
          scopeWhere(actor, { province: monthlyReports.provinceCode, commune: monthlyReports.communeCode }),
        ),
      )
      .for("update");
    if (!current) throw new NotFoundError("report");
    if (current.version !== input.version) return "conflict";
    const allowed = decision === "approved" ? current.status === "submitted" : current.status === "submitted" || current.status === "approved";
    if (!allowed) throw new FieldError({ status: ["reports.errors.not_submitted"] });
    const at = now();
    const [row] = await tx
      .update(monthlyReports)
      .set({
        status: decision,
        reviewedAt: at,
        reviewedBy: actor.userId || null,
        reviewComment: decision === "returned" ? input.comment!.trim() : null,
        version: sql`${monthlyReports.version} + 1`,
        updatedAt: at,
      })
      .where(and(eq(monthlyReports.communeCode, input.communeCode), eq(monthlyReports.month, input.month)))
      .returning();
    await writeAudit(tx, actor, {
      action: decision === "approved" ? "report.approve" : "report.return",
      entity: "monthly_report",
      entityId: `${input.communeCode}/${input.month}`,
      provinceCode: current.provinceCode,
      communeCode: input.communeCode,
      before: reportAudit(current),
      after: reportAudit(row),
    });
    return "done";
  });
  if (outcome === "conflict") throw new ConflictError(await getReport(actor, input.communeCode, input.month));
}

export async function approveReport(actor: Actor, input: ReportApproveInput) {
  await reviewReport(actor, input, "approved");
}

export async function returnReport(actor: Actor, input: ReportReturnInput) {
  if (!input.comment?.trim()) throw new FieldError({ comment: ["reports.errors.comment_required"] });
  await reviewReport(actor, input, "returned");
}

const EXPORT_BATCH = 500;

/**
 * One row per commune and month of the period within scope in which the commune had an active
 * team (owed, or open before its deadline), read in keyset batches of communes.
 */
export async function* exportReports(actor: Actor, params: ReportListParams) {
  const d = await db();
  const current = currentMonth();
  const to = params.to ? `${params.to}-01` : params.month ? `${params.month}-01` : addMonths(current, -1);
  const from = params.from ? `${params.from}-01` : params.month ? `${params.month}-01` : addMonths(to, -11);
  const months = from <= to ? monthsBetween(from, to > current ? current : to) : [];
  if (months.length === 0) return;
  const deadlineDay = await reportDeadlineDay();
  const at = now();
  const scope = scopeWhere(actor, { province: communes.provinceCode, commune: communes.code });
  let after = "";
  for (;;) {
    const batch = await d
      .select({ code: communes.code, name: communes.name, provinceCode: communes.provinceCode, provinceName: provinces.shortName })
      .from(communes)
      .innerJoin(provinces, eq(provinces.code, communes.provinceCode))
      .where(
        and(
          scope,
          gt(communes.code, after),
          params.province ? eq(communes.provinceCode, params.province) : sql`TRUE`,
          params.commune ? eq(communes.code, params.commune) : sql`TRUE`,
          sql`EXISTS (SELECT 1 FROM roster_spans o WHERE o.kind = 'O' AND o.commune_code = ${communes.code}
            AND o.started_on <= ${months[months.length - 1]}::date AND (o.ended_on IS NULL OR o.ended_on > ${months[0]}::date))`,
        ),
      )
      .orderBy(asc(communes.code))
      .limit(EXPORT_BATCH);
    if (batch.length === 0) return;
    const codes = batch.map((c) => c.code);
    const reports = await d
      .select({ communeCode: monthlyReports.communeCode, month: monthlyReports.month, ...reportColumns })
      .from(monthlyReports)
      .where(
        and(
          sql`${monthlyReports.communeCode} IN (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})`,
          sql`${monthlyReports.month} BETWEEN ${months[0]} AND ${months[months.length - 1]}`,
        ),
      );
    const byKey = new Map(reports.map((r) => [`${r.communeCode}/${r.month}`, r]));
    const owedSpans = await d
      .select({ communeCode: rosterSpans.communeCode, startedOn: rosterSpans.startedOn, endedOn: rosterSpans.endedOn })
      .from(rosterSpans)
      .where(and(eq(rosterSpans.kind, "O"), inArray(rosterSpans.communeCode, codes)));
    const active = (code: string, month: string) =>
      owedSpans.some((o) => o.communeCode === code && o.startedOn <= month && (o.endedOn === null || o.endedOn > month));
    for (const c of batch) {
      for (const month of months) {
        if (!active(c.code, month)) continue;
        const report = byKey.get(`${c.code}/${month}`) ?? OPEN_REPORT;
        const status = displayStatus(report, month, at, deadlineDay);
        if (params.status && params.status !== status) continue;
        yield { ...c, month, deadline: reportDeadline(month, deadlineDay).day, ...report, status };
      }
    }
    if (batch.length < EXPORT_BATCH) return;
    after = batch[batch.length - 1].code;
  }
}
