import "server-only";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { addMonths, monthStart, vnToday } from "@/lib/domain/period";
import { awaitsCommune, daysUntil } from "@/lib/domain/report-reminders";
import { nextReportMonth, type ReportDisplayStatus } from "@/lib/domain/reports-owed";
import type { Actor } from "./actor";
import { now } from "./clock";
import { db } from "./db";
import { NotFoundError } from "./errors";
import { communeReports } from "./reports";
import { reportDeadlineDay } from "./settings";

const num = (v: unknown) => Number(v ?? 0);
const RECENT = 5;

export interface DueReport {
  month: string;
  status: ReportDisplayStatus;
  deadline: string;
  /** Days from today to the deadline; negative once it has passed. */
  daysLeft: number;
  records: number;
  peopleGuided: number;
  reviewComment: string | null;
}

/**
 * What a commune lead has to do: the report that falls due next and any earlier ones still owed,
 * what the due month still lacks (teams without guidance records that month, teams without a
 * leader, past trainings without attendance), and the latest entries. Commune leads only.
 */
export async function communeTodo(actor: Actor) {
  if (actor.role !== "commune" || !actor.communeCode) throw new NotFoundError("commune");
  const code = actor.communeCode;
  const d = await db();
  const at = now();
  const today = vnToday(at);
  const deadlineDay = await reportDeadlineDay();
  const next = nextReportMonth(at, deadlineDay);
  const first = addMonths(monthStart(today), -11);
  const [{ months }, silentTeams, leaderless, trainingsWithout, recentGuidance, recentTrainings] = await Promise.all([
    communeReports(actor, code),
    queryRows(d, sql`SELECT t.id, t.name FROM teams t
      WHERE t.commune_code = ${code} AND t.deleted_at IS NULL AND t.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM guidance_records g WHERE g.team_id = t.id AND g.deleted_at IS NULL
          AND g.guided_on >= ${next.month}::date AND g.guided_on < ${next.month}::date + interval '1 month')
      ORDER BY t.name`),
    queryRows(d, sql`SELECT t.id, t.name FROM teams t
      WHERE t.commune_code = ${code} AND t.deleted_at IS NULL AND t.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM members m WHERE m.team_id = t.id AND m.position = 'leader' AND m.left_on IS NULL AND m.deleted_at IS NULL)
      ORDER BY t.name`),
    queryRows(d, sql`SELECT tr.id, tr.title, tr.held_on::text AS held_on FROM trainings tr
      WHERE tr.commune_code = ${code} AND tr.deleted_at IS NULL AND tr.held_on <= ${today}::date AND tr.held_on >= ${first}::date
        AND NOT EXISTS (SELECT 1 FROM training_attendance a WHERE a.training_id = tr.id)
      ORDER BY tr.held_on DESC LIMIT 20`),
    queryRows(d, sql`SELECT g.id, g.guided_on::text AS guided_on, g.skill, g.people_guided, g.created_at, t.name AS team
      FROM guidance_records g JOIN teams t ON t.id = g.team_id
      WHERE g.commune_code = ${code} AND g.deleted_at IS NULL
      ORDER BY g.created_at DESC, g.guided_on DESC, g.id DESC LIMIT ${RECENT}`),
    queryRows(d, sql`SELECT tr.id, tr.title, tr.held_on::text AS held_on,
        (SELECT count(*) FROM training_attendance a WHERE a.training_id = tr.id) AS attendees
      FROM trainings tr WHERE tr.commune_code = ${code} AND tr.deleted_at IS NULL
      ORDER BY tr.updated_at DESC, tr.id DESC LIMIT 3`),
  ]);
  // The commune's months in which it had an active team, with their status under the reports rule.
  const reports: DueReport[] = months.map((m) => ({
    month: m.month,
    status: m.status,
    deadline: m.deadline,
    daysLeft: daysUntil(m.deadline, at),
    records: m.records,
    peopleGuided: m.peopleGuided,
    reviewComment: m.status === "returned" ? m.report.reviewComment : null,
  }));
  /** Null when the commune had no active team in the month: nothing is due for it. */
  const due = reports.find((r) => r.month === next.month) ?? null;
  const overdue = reports.filter((r) => r.month < next.month && awaitsCommune(r.status));
  return {
    communeCode: code,
    today,
    dueMonth: next.month,
    dueDeadline: next.deadline,
    due,
    overdue,
    gaps: {
      teamsWithoutGuidance: silentTeams.map((t) => ({ id: num(t.id), name: String(t.name) })),
      teamsWithoutLeader: leaderless.map((t) => ({ id: num(t.id), name: String(t.name) })),
      trainingsWithoutAttendance: trainingsWithout.map((t) => ({ id: num(t.id), title: String(t.title), heldOn: String(t.held_on) })),
    },
    recent: {
      guidance: recentGuidance.map((g) => ({
        id: num(g.id),
        guidedOn: String(g.guided_on),
        skill: num(g.skill),
        peopleGuided: num(g.people_guided),
        team: String(g.team),
      })),
      trainings: recentTrainings.map((t) => ({ id: num(t.id), title: String(t.title), heldOn: String(t.held_on), attendees: num(t.attendees) })),
    },
  };
}
export type CommuneTodo = Awaited<ReturnType<typeof communeTodo>>;
