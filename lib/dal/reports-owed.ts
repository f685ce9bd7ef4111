import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { communes, rosterSpans } from "@/db/schema";
import { addMonths } from "@/lib/domain/period";
import { displayStatus, lastOwedMonth, nextReportMonth, reportDeadline, type ReportDisplayStatus } from "@/lib/domain/reports-owed";
import type { ReportStatus } from "@/lib/domain/catalog";
import type { Actor } from "./actor";
import { now } from "./clock";
import { db } from "./db";
import { NotFoundError } from "./errors";
import { scopeWhere } from "./scope";
import { reportDeadlineDay } from "./settings";

/**
 * Whether the commune named by `communeColumn` had an active team on some day of `month`: the
 * months each commune owes are kept as spans (kind O) by the dated-rosters triggers.
 */
export function activeInMonth(communeColumn: SQL, month: SQL | string): SQL {
  return sql`EXISTS (SELECT 1 FROM roster_spans o WHERE o.kind = 'O' AND o.commune_code = ${communeColumn}
    AND o.started_on <= ${month}::date AND (o.ended_on IS NULL OR o.ended_on > ${month}::date))`;
}

export interface UnsubmittedCommune {
  code: string;
  name: string;
  provinceCode: string;
  provinceName: string;
  /** "missing" (never submitted) or "returned" (sent back by the province and not resubmitted). */
  status: "missing" | "returned";
}

export interface UnsubmittedReports {
  /** The month (first day) the list is for. */
  month: string;
  /** Its deadline (YYYY-MM-DD). */
  deadline: string;
  /** False when the month's deadline has not passed: nothing is owed yet and the list is empty. */
  owed: boolean;
  count: number;
  communes: UnsubmittedCommune[];
}

/**
 * The communes within the caller's scope (optionally one province) that owe the report of a month
 * and have not submitted it: exactly the owed reports without a submission. The month defaults to
 * the latest one whose deadline has passed.
 */
export async function unsubmittedReports(actor: Actor, options: { provinceCode?: string; month?: string } = {}): Promise<UnsubmittedReports> {
  const deadlineDay = await reportDeadlineDay();
  const at = now();
  const month = options.month ?? lastOwedMonth(at, deadlineDay);
  const deadline = reportDeadline(month, deadlineDay);
  if (at.getTime() < deadline.passesAt.getTime()) return { month, deadline: deadline.day, owed: false, count: 0, communes: [] };
  const d = await db();
  const scope = scopeWhere(actor, { province: rosterSpans.provinceCode, commune: rosterSpans.communeCode });
  const rows = await queryRows(
    d,
    sql`SELECT roster_spans.commune_code AS code, c.name, roster_spans.province_code, p.short_name AS province_name, r.status
      FROM roster_spans
      JOIN communes c ON c.code = roster_spans.commune_code
      JOIN provinces p ON p.code = roster_spans.province_code
      LEFT JOIN monthly_reports r ON r.commune_code = roster_spans.commune_code AND r.month = ${month}
      WHERE roster_spans.kind = 'O' AND ${scope} ${options.provinceCode ? sql`AND roster_spans.province_code = ${options.provinceCode}` : sql``}
        AND roster_spans.started_on <= ${month}::date AND (roster_spans.ended_on IS NULL OR roster_spans.ended_on > ${month}::date)
        AND (r.status IS NULL OR r.status NOT IN ('submitted', 'approved'))
      ORDER BY roster_spans.province_code, roster_spans.commune_code`,
  );
  const communes = rows.map((r) => ({
    code: String(r.code),
    name: String(r.name),
    provinceCode: String(r.province_code),
    provinceName: String(r.province_name),
    status: r.status === "returned" ? ("returned" as const) : ("missing" as const),
  }));
  return { month, deadline: deadline.day, owed: true, count: communes.length, communes };
}

export interface CommuneReportDue {
  /** The report the commune works on next: last month until its deadline, then the current month. */
  month: string;
  deadline: string;
  /** Whether the commune had an active team in that month (otherwise it owes nothing for it). */
  active: boolean;
  status: ReportDisplayStatus;
  version: number;
  /** Owed reports of the last twelve owed months that are still not submitted, newest first. */
  overdue: { count: number; months: string[] };
}

/** A commune's next report with its deadline and its overdue reports, for the commune's home page. */
export async function communeReportDue(actor: Actor, communeCode: string): Promise<CommuneReportDue> {
  const d = await db();
  const [commune] = await d
    .select({ code: communes.code })
    .from(communes)
    .where(and(eq(communes.code, communeCode), scopeWhere(actor, { province: communes.provinceCode, commune: communes.code })))
    .limit(1);
  if (!commune) throw new NotFoundError("commune");
  const deadlineDay = await reportDeadlineDay();
  const at = now();
  const next = nextReportMonth(at, deadlineDay);
  const lastOwed = lastOwedMonth(at, deadlineDay);
  const [[current], overdue] = await Promise.all([
    queryRows(
      d,
      sql`SELECT ${activeInMonth(sql`${communeCode}`, next.month)} AS active, r.status, r.submitted_late, r.version
        FROM (SELECT 1) one LEFT JOIN monthly_reports r ON r.commune_code = ${communeCode} AND r.month = ${next.month}`,
    ),
    queryRows<{ month: string }>(
      d,
      sql`SELECT m::date::text AS month FROM generate_series(${addMonths(lastOwed, -11)}::date, ${lastOwed}::date, interval '1 month') AS m
        WHERE ${activeInMonth(sql`${communeCode}`, sql`m::date`)}
          AND NOT EXISTS (SELECT 1 FROM monthly_reports r WHERE r.commune_code = ${communeCode} AND r.month = m::date
                          AND r.status IN ('submitted', 'approved'))
        ORDER BY 1 DESC`,
    ),
  ]);
  const stored = current?.status ? { status: current.status as ReportStatus, submittedLate: current.submitted_late as boolean | null } : null;
  return {
    month: next.month,
    deadline: next.deadline,
    active: Boolean(current?.active),
    status: displayStatus(stored, next.month, at, deadlineDay),
    version: current?.version ? Number(current.version) : 1,
    overdue: { count: overdue.length, months: overdue.map((r) => String(r.month).slice(0, 10)) },
  };
}
