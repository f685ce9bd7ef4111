import "server-only";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import type { ReportStatus } from "@/lib/domain/catalog";
import { monthStart, vnToday } from "@/lib/domain/period";
import { awaitsCommune, daysUntil, reminderMonth } from "@/lib/domain/report-reminders";
import { displayStatus, reportDeadline } from "@/lib/domain/reports-owed";
import type { Actor } from "./actor";
import { now } from "./clock";
import { db } from "./db";
import { countCommunesWithoutLead } from "./account-bulk";
import { NotFoundError } from "./errors";
import { activeInMonth } from "./reports-owed";
import { reportDeadlineDay } from "./settings";

export interface ReminderLead {
  fullName: string;
  phone: string | null;
}

export interface ReminderRow {
  code: string;
  name: string;
  status: "open" | "missing" | "returned";
  leads: ReminderLead[];
}

/**
 * The communes of the caller's province that still have to send a month's report (last month by
 * default): those that had an active team during the month and whose report is not sent or was
 * sent back, with their commune leads' names and phones. Provincial admins only: reminding the
 * communes and seeing their leads' contacts is the province's job.
 */
export async function reportReminders(actor: Actor, month?: string | null) {
  if (actor.role !== "provincial" || !actor.provinceCode) throw new NotFoundError("province");
  const province = actor.provinceCode;
  const at = now();
  const current = monthStart(vnToday(at));
  const target = month && month <= current ? month : reminderMonth(at);
  const d = await db();
  const deadlineDay = await reportDeadlineDay();
  const [[p], rows] = await Promise.all([
    queryRows(d, sql`SELECT short_name AS name FROM provinces WHERE code = ${province}`),
    queryRows(d, sql`SELECT c.code, c.name, r.status, r.submitted_late,
        coalesce((SELECT json_agg(json_build_object('fullName', u.full_name, 'phone', u.phone) ORDER BY u.id)
          FROM users u WHERE u.role = 'commune' AND u.commune_code = c.code AND u.province_code = ${province} AND u.disabled_at IS NULL), '[]'::json) AS leads
      FROM communes c
      LEFT JOIN monthly_reports r ON r.commune_code = c.code AND r.month = ${target}::date
      WHERE c.province_code = ${province} AND ${activeInMonth(sql`c.code`, target)}
      ORDER BY c.name, c.code`),
  ]);
  const deadline = reportDeadline(target, deadlineDay).day;
  let submitted = 0;
  const communes: ReminderRow[] = [];
  for (const r of rows) {
    const stored = r.status ? { status: r.status as ReportStatus, submittedLate: r.submitted_late as boolean | null } : null;
    const status = displayStatus(stored, target, at, deadlineDay);
    if (!awaitsCommune(status)) {
      submitted += 1;
      continue;
    }
    const leads = (typeof r.leads === "string" ? JSON.parse(r.leads) : r.leads) as ReminderLead[];
    communes.push({ code: String(r.code), name: String(r.name), status, leads });
  }
  communes.sort((a, b) => a.name.localeCompare(b.name, "vi") || a.code.localeCompare(b.code));
  return {
    province: { code: province, name: String(p?.name ?? province) },
    month: target,
    deadline,
    daysLeft: daysUntil(deadline, at),
    expected: rows.length,
    submitted,
    communes,
  };
}
export type ReportReminders = Awaited<ReturnType<typeof reportReminders>>;

/** A provincial admin's week at a glance: reports to chase, reports to review, communes without an account. */
export async function provinceWeek(actor: Actor) {
  const reminders = await reportReminders(actor);
  const [[pending], withoutLead] = await Promise.all([
    queryRows(await db(), sql`SELECT count(*)::int AS n, min(month)::text AS oldest FROM monthly_reports WHERE province_code = ${actor.provinceCode} AND status = 'submitted'`),
    countCommunesWithoutLead(actor),
  ]);
  return {
    month: reminders.month,
    deadline: reminders.deadline,
    daysLeft: reminders.daysLeft,
    owing: reminders.communes.length,
    pendingReview: Number(pending.n),
    oldestPendingMonth: pending.oldest ? String(pending.oldest).slice(0, 10) : null,
    withoutLead,
  };
}
