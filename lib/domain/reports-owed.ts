/**
 * The one rule for monthly reports, shared by the dashboards, the report pages, the reports export
 * and the indicators API:
 *
 * - commune C owes the report of month M when C had an active team on at least one day of M and
 *   M's deadline has passed;
 * - the deadline is day `deadlineDay` (5 by default, a national setting) of the month after M,
 *   Vietnam time; a report submitted after that day is late;
 * - before its deadline, a month with an active team is open ("đang mở"), never missing;
 * - a month without an active team is not owed, and a report submitted for it is not counted, so
 *   completeness (submitted ÷ owed) never exceeds 100 %.
 *
 * Pure: the data-access layer supplies whether a commune had an active team in a month.
 */
import type { ReportStatus } from "@/lib/domain/catalog";
import { addMonths, monthStart, VN_OFFSET_MS, vnToday } from "@/lib/domain/period";

export const DEFAULT_DEADLINE_DAY = 5;

/**
 * The deadline of a month's report: the given day of the following month, Vietnam time. `passesAt`
 * is the first instant after it (00:00 of the next day in Vietnam), whatever the server's zone.
 */
export function reportDeadline(month: string, deadlineDay: number): { day: string; passesAt: Date } {
  const next = addMonths(month, 1);
  const day = `${next.slice(0, 8)}${String(deadlineDay).padStart(2, "0")}`;
  return { day, passesAt: new Date(Date.parse(`${day}T00:00:00Z`) - VN_OFFSET_MS + 86400_000) };
}

export function deadlinePassed(month: string, at: Date, deadlineDay: number): boolean {
  return at.getTime() >= reportDeadline(month, deadlineDay).passesAt.getTime();
}

export function isLate(month: string, submittedAt: Date, deadlineDay: number): boolean {
  return deadlinePassed(month, submittedAt, deadlineDay);
}

/** The latest month whose deadline has passed at `at` (the month before last until the deadline day is over). */
export function lastOwedMonth(at: Date, deadlineDay: number): string {
  const previous = addMonths(monthStart(vnToday(at)), -1);
  return deadlinePassed(previous, at, deadlineDay) ? previous : addMonths(previous, -1);
}

/** The months of [fromMonth, toMonth] whose deadline has passed, or null when none has. */
export function owedMonthRange(fromMonth: string, toMonth: string, at: Date, deadlineDay: number): { from: string; to: string } | null {
  const last = lastOwedMonth(at, deadlineDay);
  const to = toMonth < last ? toMonth : last;
  return fromMonth <= to ? { from: fromMonth, to } : null;
}

/**
 * The report a commune works on next: the previous month while its deadline has not passed,
 * otherwise the current month (open until the deadline next month).
 */
export function nextReportMonth(at: Date, deadlineDay: number): { month: string; deadline: string } {
  const current = monthStart(vnToday(at));
  const previous = addMonths(current, -1);
  const month = deadlinePassed(previous, at, deadlineDay) ? current : previous;
  return { month, deadline: reportDeadline(month, deadlineDay).day };
}

/** What a month's report looks like to its readers: the stored status, refined by timing. */
export const REPORT_DISPLAY_STATUSES = ["open", "submitted", "submitted_late", "approved", "returned", "missing"] as const;
export type ReportDisplayStatus = (typeof REPORT_DISPLAY_STATUSES)[number];

type StoredStatus = { status: ReportStatus; submittedLate: boolean | null } | null | undefined;

/** The status of a month with an active team: submitted or reviewed as stored, else open before the deadline and missing after. */
export function displayStatus(report: StoredStatus, month: string, at: Date, deadlineDay: number): ReportDisplayStatus {
  if (report?.status === "approved" || report?.status === "returned") return report.status;
  if (report?.status === "submitted") return report.submittedLate ? "submitted_late" : "submitted";
  return deadlinePassed(month, at, deadlineDay) ? "missing" : "open";
}

/** Whether a month's report counts as owed, submitted and on time, given whether the commune had an active team in it. */
export function reportTally(report: StoredStatus, month: string, at: Date, deadlineDay: number, active: boolean) {
  const owed = active && deadlinePassed(month, at, deadlineDay);
  const submitted = owed && (report?.status === "submitted" || report?.status === "approved");
  return { owed, submitted, onTime: submitted && report?.submittedLate === false, missing: owed && !submitted };
}

/** Completeness as a share of owed reports: null when none is owed; never above 1. */
export function completeness(submitted: number, owed: number): number | null {
  return owed > 0 ? Math.min(submitted, owed) / owed : null;
}
