import { sql } from "drizzle-orm";
import { char, check, date, index, integer, pgTable, primaryKey, smallint, text, timestamp, varchar } from "drizzle-orm/pg-core";
import { genderEnum, targetGroupEnum } from "./enums";
import { trainings } from "./activity";

/**
 * Roll-ups read by the dashboards. They are maintained by database triggers in the same
 * transaction as every write (see the rollups migration), and can be rebuilt from raw rows with
 * the SQL function rebuild_rollups().
 */

/** Current state of each commune: hamlets, teams and members. */
export const communeStats = pgTable(
  "commune_stats",
  {
    communeCode: varchar({ length: 5 }).primaryKey(),
    provinceCode: varchar({ length: 2 }).notNull(),
    hamletsTotal: integer().notNull().default(0),
    hamletsWithTeam: integer().notNull().default(0),
    teamsActive: integer().notNull().default(0),
    membersActive: integer().notNull().default(0),
    membersMale: integer().notNull().default(0),
    membersFemale: integer().notNull().default(0),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("commune_stats_province_idx").on(t.provinceCode),
    check(
      "commune_stats_nonneg",
      sql`${t.hamletsTotal} >= 0 AND ${t.hamletsWithTeam} >= 0 AND ${t.teamsActive} >= 0 AND ${t.membersActive} >= 0 AND ${t.membersMale} >= 0 AND ${t.membersFemale} >= 0`,
    ),
  ],
);

/** Active members of each commune by affiliation (a member with several counts in each). */
export const communeAffiliationStats = pgTable(
  "commune_affiliation_stats",
  {
    communeCode: varchar({ length: 5 }).notNull(),
    provinceCode: varchar({ length: 2 }).notNull(),
    affiliation: text().notNull(),
    members: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.communeCode, t.affiliation] }), index("commune_affiliation_province_idx").on(t.provinceCode)],
);

/** Active members of each commune by the month of their latest training. */
export const communeTrainedMonth = pgTable(
  "commune_trained_month",
  {
    communeCode: varchar({ length: 5 }).notNull(),
    provinceCode: varchar({ length: 2 }).notNull(),
    month: date({ mode: "string" }).notNull(),
    members: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.communeCode, t.month] }), index("commune_trained_month_province_idx").on(t.provinceCode, t.month)],
);

/** Guidance totals per commune, month, skill and target group. */
export const guidanceCommuneMonth = pgTable(
  "guidance_commune_month",
  {
    communeCode: varchar({ length: 5 }).notNull(),
    provinceCode: varchar({ length: 2 }).notNull(),
    month: date({ mode: "string" }).notNull(),
    skill: smallint().notNull(),
    targetGroup: targetGroupEnum().notNull(),
    records: integer().notNull().default(0),
    householdsVisited: integer().notNull().default(0),
    peopleGuided: integer().notNull().default(0),
    peopleCompleted: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.communeCode, t.month, t.skill, t.targetGroup] }),
    index("guidance_commune_month_province_idx").on(t.provinceCode, t.month),
  ],
);

/** The same totals per province, so national figures read a few thousand rows. */
export const guidanceProvinceMonth = pgTable(
  "guidance_province_month",
  {
    provinceCode: varchar({ length: 2 }).notNull(),
    month: date({ mode: "string" }).notNull(),
    skill: smallint().notNull(),
    targetGroup: targetGroupEnum().notNull(),
    records: integer().notNull().default(0),
    householdsVisited: integer().notNull().default(0),
    peopleGuided: integer().notNull().default(0),
    peopleCompleted: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.month, t.skill, t.targetGroup] })],
);

/**
 * Trainings and attendances per month, keyed by the unit they count towards: a training counts
 * for its organiser's unit; an attendance counts for the attending member's commune.
 * unit_code is 'VN', a province code or a commune code.
 */
export const trainingUnitMonth = pgTable(
  "training_unit_month",
  {
    unitCode: varchar({ length: 5 }).notNull(),
    month: date({ mode: "string" }).notNull(),
    trainings: integer().notNull().default(0),
    attendances: integer().notNull().default(0),
    outsideParticipants: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.unitCode, t.month] })],
);

export const trainingTopicMonth = pgTable(
  "training_topic_month",
  {
    unitCode: varchar({ length: 5 }).notNull(),
    month: date({ mode: "string" }).notNull(),
    topic: text().notNull(),
    trainings: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.unitCode, t.month, t.topic] })],
);



/**
 * Intervals [startedOn, endedOn) over which something counts, recomputed per team, member and
 * commune by the triggers of the dated-rosters migration. kind: T team active, C commune with an
 * active team, H hamlet with an active team, M member active, R member active and trained in the
 * 12 months to the day, O month owed a report (month starts), S report submitted, P submitted on time.
 */
export const rosterSpans = pgTable(
  "roster_spans",
  {
    kind: char({ length: 1 }).notNull(),
    entity: text().notNull(),
    provinceCode: varchar({ length: 2 }).notNull(),
    communeCode: varchar({ length: 5 }).notNull(),
    startedOn: date({ mode: "string" }).notNull(),
    endedOn: date({ mode: "string" }),
    gender: genderEnum(),
    affiliations: text().array(),
  },
  (t) => [
    check("roster_spans_ordered", sql`${t.endedOn} IS NULL OR ${t.endedOn} > ${t.startedOn}`),
    index("roster_spans_entity_idx").on(t.kind, t.entity),
    index("roster_spans_commune_idx").on(t.communeCode, t.kind),
    index("roster_spans_province_idx").on(t.provinceCode, t.kind),
  ],
);

const rosterDeltas = {
  teams: integer().notNull().default(0),
  communes: integer().notNull().default(0),
  hamlets: integer().notNull().default(0),
  members: integer().notNull().default(0),
  male: integer().notNull().default(0),
  female: integer().notNull().default(0),
  trained: integer().notNull().default(0),
  owed: integer().notNull().default(0),
  submitted: integer().notNull().default(0),
  onTime: integer().notNull().default(0),
};

/**
 * Changes of the span counts by unit ('VN', a province or a commune code) and month: a figure as
 * at the end of month M is the sum of the rows up to M. Kept by statement triggers on roster_spans.
 */
export const rosterMonth = pgTable(
  "roster_month",
  { unitCode: varchar({ length: 5 }).notNull(), month: date({ mode: "string" }).notNull(), ...rosterDeltas },
  (t) => [primaryKey({ columns: [t.unitCode, t.month] })],
);

/** The same changes by day, read for the days of the month that holds the day asked for. */
export const rosterDay = pgTable(
  "roster_day",
  { unitCode: varchar({ length: 5 }).notNull(), day: date({ mode: "string" }).notNull(), ...rosterDeltas },
  (t) => [primaryKey({ columns: [t.unitCode, t.day] })],
);

export const rosterAffiliationMonth = pgTable(
  "roster_affiliation_month",
  {
    unitCode: varchar({ length: 5 }).notNull(),
    month: date({ mode: "string" }).notNull(),
    affiliation: text().notNull(),
    members: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.unitCode, t.month, t.affiliation] })],
);

export const rosterAffiliationDay = pgTable(
  "roster_affiliation_day",
  {
    unitCode: varchar({ length: 5 }).notNull(),
    day: date({ mode: "string" }).notNull(),
    affiliation: text().notNull(),
    members: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.unitCode, t.day, t.affiliation] })],
);

/**
 * Where the attendees of each training organised above the commune level belong now (their
 * current commune), with how many attend from there: which national trainings a province's
 * members attended, and which national or provincial ones a commune's members attended. Kept by
 * triggers on attendance, members and trainings (migration 0021_list_scale); compared with its recomputation
 * by rollup_differences().
 */
export const trainingReach = pgTable(
  "training_reach",
  {
    trainingId: integer()
      .notNull()
      .references(() => trainings.id, { onDelete: "cascade" }),
    provinceCode: varchar({ length: 2 }).notNull(),
    communeCode: varchar({ length: 5 }).notNull(),
    attendees: integer().notNull(),
  },
  (t) => [
    primaryKey({ name: "training_reach_pk", columns: [t.trainingId, t.provinceCode, t.communeCode] }),
    check("training_reach_attendees_positive", sql`${t.attendees} > 0`),
    index("training_reach_province_idx").on(t.provinceCode, t.trainingId),
    index("training_reach_commune_idx").on(t.communeCode, t.trainingId),
  ],
);
