import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  varchar,
} from "drizzle-orm/pg-core";
import { reportStatusEnum, targetGroupEnum, trainingFormatEnum, trainingLevelEnum } from "./enums";
import { tracked } from "./columns";
import { communes, provinces } from "./geography";
import { members, teams } from "./organization";
import { users } from "./accounts";


export const trainings = pgTable(
  "trainings",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    level: trainingLevelEnum().notNull(),
    provinceCode: varchar({ length: 2 }).references(() => provinces.code),
    communeCode: varchar({ length: 5 }).references(() => communes.code),
    title: text().notNull(),
    topics: text().array().notNull().default(sql`'{}'::text[]`),
    heldOn: date({ mode: "string" }).notNull(),
    hours: numeric({ precision: 5, scale: 1, mode: "number" }).notNull(),
    format: trainingFormatEnum().notNull(),
    location: text(),
    outsideParticipants: integer().notNull().default(0),
    ...tracked(),
  },
  (t) => [
    check(
      "trainings_level_unit",
      sql`(${t.level} = 'national' AND ${t.provinceCode} IS NULL AND ${t.communeCode} IS NULL)
        OR (${t.level} = 'provincial' AND ${t.provinceCode} IS NOT NULL AND ${t.communeCode} IS NULL)
        OR (${t.level} = 'commune' AND ${t.provinceCode} IS NOT NULL AND ${t.communeCode} IS NOT NULL)`,
    ),
    check("trainings_hours_positive", sql`${t.hours} > 0 AND ${t.hours} <= 1000`),
    check("trainings_outside_nonneg", sql`${t.outsideParticipants} >= 0`),
    check("trainings_title_nonempty", sql`length(btrim(${t.title})) > 0`),
    index("trainings_province_idx").on(t.provinceCode, t.heldOn),
    index("trainings_commune_idx").on(t.communeCode, t.heldOn),
  ],
);

export const trainingAttendance = pgTable(
  "training_attendance",
  {
    trainingId: integer()
      .notNull()
      .references(() => trainings.id, { onDelete: "cascade" }),
    memberId: integer()
      .notNull()
      .references(() => members.id),
    /** Copied from the training so roll-ups and triggers need no join. */
    heldOn: date({ mode: "string" }).notNull(),
    /** Where the member belonged on the training's day (set by trigger): later moves leave it there. */
    provinceCode: varchar({ length: 2 }),
    communeCode: varchar({ length: 5 }),
  },
  (t) => [primaryKey({ columns: [t.trainingId, t.memberId] }), index("training_attendance_member_idx").on(t.memberId)],
);

export const guidanceRecords = pgTable(
  "guidance_records",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    teamId: integer()
      .notNull()
      .references(() => teams.id),
    provinceCode: varchar({ length: 2 }).notNull(),
    communeCode: varchar({ length: 5 }).notNull(),
    guidedOn: date({ mode: "string" }).notNull(),
    skill: smallint().notNull(),
    targetGroup: targetGroupEnum().notNull(),
    householdsVisited: integer().notNull().default(0),
    peopleGuided: integer().notNull(),
    peopleCompleted: integer().notNull().default(0),
    note: text(),
    createdBy: integer().references(() => users.id),
    ...tracked(),
  },
  (t) => [
    foreignKey({ columns: [t.communeCode, t.provinceCode], foreignColumns: [communes.code, communes.provinceCode] }),
    check("guidance_skill_range", sql`${t.skill} BETWEEN 1 AND 5`),
    check("guidance_households_nonneg", sql`${t.householdsVisited} >= 0`),
    check("guidance_guided_nonneg", sql`${t.peopleGuided} >= 0`),
    check("guidance_completed_nonneg", sql`${t.peopleCompleted} >= 0`),
    check("guidance_completed_le_guided", sql`${t.peopleCompleted} <= ${t.peopleGuided}`),
    index("guidance_commune_date_idx").on(t.communeCode, t.guidedOn),
    index("guidance_team_date_idx").on(t.teamId, t.guidedOn),
  ],
);

export const monthlyReports = pgTable(
  "monthly_reports",
  {
    communeCode: varchar({ length: 5 }).notNull(),
    provinceCode: varchar({ length: 2 }).notNull(),
    /** First day of the reported month. */
    month: date({ mode: "string" }).notNull(),
    status: reportStatusEnum().notNull().default("open"),
    submittedAt: timestamp({ withTimezone: true }),
    submittedLate: boolean(),
    submittedBy: integer().references(() => users.id),
    reviewedAt: timestamp({ withTimezone: true }),
    reviewedBy: integer().references(() => users.id),
    reviewComment: text(),
    version: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.communeCode, t.month] }),
    foreignKey({ columns: [t.communeCode, t.provinceCode], foreignColumns: [communes.code, communes.provinceCode] }),
    check("monthly_reports_first_of_month", sql`extract(day from ${t.month}) = 1`),
    check(
      "monthly_reports_submitted_fields",
      sql`${t.status} NOT IN ('submitted','approved') OR (${t.submittedAt} IS NOT NULL AND ${t.submittedLate} IS NOT NULL)`,
    ),
    index("monthly_reports_province_month_idx").on(t.provinceCode, t.month),
  ],
);
