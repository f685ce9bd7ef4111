import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { communes } from "@/db/schema";
import type { ReportStatus } from "@/lib/domain/catalog";
import { addMonths, monthStart, vnToday } from "@/lib/domain/period";
import { displayStatus, reportDeadline, type ReportDisplayStatus } from "@/lib/validation/reports";
import type { Actor } from "./actor";
import { now } from "./clock";
import { db } from "./db";
import { NotFoundError } from "./errors";
import { scopeWhere } from "./scope";
import { reportDeadlineDay } from "./settings";

/**
 * Which monthly reports a commune owes. A commune owes month M's report when it had an active
 * team on some day of M and M's deadline has passed; before the deadline the month is open.
 * A month without any active team is not owed at all.
 */
export type OwedStatus = ReportDisplayStatus | "not_owed";

/** SQL: the commune (a code expression) had an active team on some day of the month (a date expression). */
export function activeTeamDuring(communeCode: SQL, month: SQL): SQL {
  return sql`EXISTS (SELECT 1 FROM teams t WHERE t.commune_code = ${communeCode} AND t.deleted_at IS NULL
    AND coalesce(t.established_on, (t.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) < (${month}::date + interval '1 month')
    AND (t.dissolved_on IS NULL OR t.dissolved_on >= ${month}::date))`;
}

/** A stored report's status as every page shows it, once the owed rule has been applied. */
export function owedStatus(
  report: { status: ReportStatus; submittedLate: boolean | null } | null | undefined,
  month: string,
  at: Date,
  deadlineDay: number,
  hadActiveTeam: boolean,
): OwedStatus {
  const status = displayStatus(report, month, at, deadlineDay);
  return status === "missing" && !hadActiveTeam ? "not_owed" : status;
}

/** Whether the month's report still needs the commune to act (not sent, or sent back). */
export function awaitsCommune(status: OwedStatus): boolean {
  return status === "open" || status === "missing" || status === "returned";
}

/**
 * The month whose report is the next to fall due: last month while its deadline has not passed,
 * otherwise the current month.
 */
export function nextDueMonth(at: Date, deadlineDay: number): string {
  const current = monthStart(vnToday(at));
  const previous = addMonths(current, -1);
  return at.getTime() < reportDeadline(previous, deadlineDay).passesAt.getTime() ? previous : current;
}

/** The month a province reminds its communes about: last month (due this month). */
export function reminderMonth(at: Date): string {
  return addMonths(monthStart(vnToday(at)), -1);
}

/** Whole days from the day `at` falls on (Vietnam time) to the deadline day; negative once passed. */
export function daysUntil(day: string, at: Date): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${vnToday(at)}T00:00:00Z`)) / 86400_000);
}

export interface MonthReportStatus {
  month: string;
  status: OwedStatus;
  deadline: string;
  submittedAt: string | null;
  reviewComment: string | null;
}

/**
 * The status of each monthly report of a commune from one month to another, as every page shows
 * it. Out-of-scope communes are not found.
 */
export async function communeReportStatuses(actor: Actor, communeCode: string, fromMonth: string, toMonth: string): Promise<MonthReportStatus[]> {
  const d = await db();
  const [commune] = await d
    .select({ code: communes.code })
    .from(communes)
    .where(and(eq(communes.code, communeCode), scopeWhere(actor, { province: communes.provinceCode, commune: communes.code })))
    .limit(1);
  if (!commune) throw new NotFoundError("commune");
  if (toMonth < fromMonth) return [];
  const [rows, deadlineDay] = await Promise.all([
    queryRows(d, sql`SELECT m::date::text AS month, r.status, r.submitted_late, r.submitted_at, r.review_comment,
        ${activeTeamDuring(sql`${communeCode}`, sql`m::date`)} AS had_team
      FROM generate_series(${fromMonth}::date, ${toMonth}::date, interval '1 month') AS m
      LEFT JOIN monthly_reports r ON r.commune_code = ${communeCode} AND r.month = m::date
      ORDER BY 1`),
    reportDeadlineDay(),
  ]);
  const at = now();
  return rows.map((r) => {
    const month = String(r.month).slice(0, 10);
    const stored = r.status ? { status: r.status as ReportStatus, submittedLate: r.submitted_late as boolean | null } : null;
    return {
      month,
      status: owedStatus(stored, month, at, deadlineDay, Boolean(r.had_team)),
      deadline: reportDeadline(month, deadlineDay).day,
      submittedAt: r.submitted_at ? new Date(String(r.submitted_at)).toISOString() : null,
      reviewComment: r.review_comment == null ? null : String(r.review_comment),
    };
  });
}
