/**
 * How the home pages and the reminder list speak of a report's timing. Which reports are owed,
 * their deadlines and statuses come from `reports-owed.ts`; this module only adds the wording.
 */
import { addMonths, monthStart, vnToday } from "./period";
import type { ReportDisplayStatus } from "./reports-owed";

/** Whether the month's report still needs the commune to act: not sent yet, or sent back. */
export function awaitsCommune(status: ReportDisplayStatus): status is "open" | "missing" | "returned" {
  return status === "open" || status === "missing" || status === "returned";
}

/** The month a province reminds its communes about by default: last month, whose report falls due this month. */
export function reminderMonth(at: Date): string {
  return addMonths(monthStart(vnToday(at)), -1);
}

/** Whole days from the day `at` falls on (Vietnam time) to a deadline day; negative once it has passed. */
export function daysUntil(day: string, at: Date): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${vnToday(at)}T00:00:00Z`)) / 86400_000);
}
