import { sql } from "drizzle-orm";
import {
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  varchar,
  boolean,
  primaryKey,
} from "drizzle-orm/pg-core";
import { affiliationList, genderEnum, hamletKindEnum, positionEnum, teamStatusEnum } from "./enums";
import { tracked } from "./columns";
import { communes, provinces } from "./geography";


export const hamlets = pgTable(
  "hamlets",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    provinceCode: varchar({ length: 2 })
      .notNull()
      .references(() => provinces.code),
    communeCode: varchar({ length: 5 }).notNull(),
    name: text().notNull(),
    kind: hamletKindEnum().notNull(),
    households: integer(),
    searchKey: text().generatedAlwaysAs(sql`search_key(name)`),
    ...tracked(),
  },
  (t) => [
    foreignKey({ columns: [t.communeCode, t.provinceCode], foreignColumns: [communes.code, communes.provinceCode] }),
    check("hamlets_households_nonneg", sql`${t.households} >= 0`),
    check("hamlets_name_nonempty", sql`length(btrim(${t.name})) > 0`),
    uniqueIndex("hamlets_name_per_commune").on(t.communeCode, sql`lower(${t.name})`).where(sql`${t.deletedAt} IS NULL`),
    index("hamlets_commune_idx").on(t.communeCode),
  ],
);

export const teams = pgTable(
  "teams",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    provinceCode: varchar({ length: 2 })
      .notNull()
      .references(() => provinces.code),
    communeCode: varchar({ length: 5 }).notNull(),
    /** Null for a commune-level team. */
    hamletId: integer().references(() => hamlets.id),
    name: text().notNull(),
    establishedOn: date({ mode: "string" }),
    status: teamStatusEnum().notNull().default("active"),
    dissolvedOn: date({ mode: "string" }),
    zaloUrl: text(),
    note: text(),
    searchKey: text().generatedAlwaysAs(sql`search_key(name)`),
    ...tracked(),
  },
  (t) => [
    foreignKey({ columns: [t.communeCode, t.provinceCode], foreignColumns: [communes.code, communes.provinceCode] }),
    check("teams_name_nonempty", sql`length(btrim(${t.name})) > 0`),
    check("teams_dissolved_has_date", sql`(${t.status} = 'dissolved') = (${t.dissolvedOn} IS NOT NULL)`),
    check("teams_zalo_url", sql`${t.zaloUrl} ~ '^https://(zalo\\.me|chat\\.zalo\\.me)/'`),
    uniqueIndex("teams_one_active_per_hamlet")
      .on(t.hamletId)
      .where(sql`${t.status} = 'active' AND ${t.deletedAt} IS NULL AND ${t.hamletId} IS NOT NULL`),
    index("teams_commune_idx").on(t.communeCode),
    index("teams_province_idx").on(t.provinceCode),
    index("teams_search_idx").using("gin", sql`${t.searchKey} gin_trgm_ops`),
  ],
);

export const members = pgTable(
  "members",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    teamId: integer()
      .notNull()
      .references(() => teams.id),
    provinceCode: varchar({ length: 2 }).notNull(),
    communeCode: varchar({ length: 5 }).notNull(),
    fullName: text().notNull(),
    gender: genderEnum().notNull(),
    birthYear: smallint(),
    phone: varchar({ length: 11 }),
    position: positionEnum().notNull().default("member"),
    affiliations: text().array().notNull().default(sql`'{}'::text[]`),
    joinedOn: date({ mode: "string" }),
    leftOn: date({ mode: "string" }),
    /** Mirrors the team's status so that counts of active members need no join; kept by trigger. */
    teamActive: boolean().notNull().default(true),
    /** Date of the latest training attended; kept by trigger on training_attendance. */
    lastTrainedOn: date({ mode: "string" }),
    searchKey: text().generatedAlwaysAs(sql`search_key(full_name)`),
    ...tracked(),
  },
  (t) => [
    foreignKey({ columns: [t.communeCode, t.provinceCode], foreignColumns: [communes.code, communes.provinceCode] }),
    check("members_name_nonempty", sql`length(btrim(${t.fullName})) > 0`),
    check("members_birth_year", sql`${t.birthYear} BETWEEN 1900 AND 2100`),
    check("members_phone_format", sql`${t.phone} ~ '^0[0-9]{9,10}$'`),
    check("members_affiliations_known", sql.raw(`affiliations <@ ARRAY[${affiliationList}]::text[]`)),
    check("members_left_after_joined", sql`${t.leftOn} IS NULL OR ${t.joinedOn} IS NULL OR ${t.leftOn} >= ${t.joinedOn}`),
    uniqueIndex("members_one_active_leader")
      .on(t.teamId)
      .where(sql`${t.position} = 'leader' AND ${t.leftOn} IS NULL AND ${t.deletedAt} IS NULL`),
    index("members_team_idx").on(t.teamId),
    index("members_commune_idx").on(t.communeCode),
    index("members_province_idx").on(t.provinceCode),
    index("members_search_idx").using("gin", sql`${t.searchKey} gin_trgm_ops`),
    index("members_phone_idx").on(t.phone),
    // Custom migration 0004: the member list's name order within the country, a province or a
    // commune, phone fragments and affiliation filters.
    index("members_list_name_idx").on(t.searchKey, t.id).where(sql`${t.deletedAt} IS NULL`),
    index("members_province_name_idx").on(t.provinceCode, t.searchKey, t.id).where(sql`${t.deletedAt} IS NULL`),
    index("members_commune_name_idx").on(t.communeCode, t.searchKey, t.id).where(sql`${t.deletedAt} IS NULL`),
    index("members_phone_trgm_idx").using("gin", sql`${t.phone} gin_trgm_ops`),
    index("members_affiliations_idx").using("gin", t.affiliations),
  ],
);

/**
 * The periods over which a team is active: from its founding day, ended (exclusive) by its
 * dissolution or removal; a reactivation opens a new period. Kept by trigger from teams.
 */
export const teamPeriods = pgTable(
  "team_periods",
  {
    teamId: integer()
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    startedOn: date({ mode: "string" }).notNull(),
    /** First day the team no longer counts; null while active. */
    endedOn: date({ mode: "string" }),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.startedOn] }), check("team_periods_ordered", sql`${t.endedOn} IS NULL OR ${t.endedOn} >= ${t.startedOn}`)],
);

/**
 * A member's membership of a team over a period: joining opens it; leaving, removal or a move to
 * another team closes it (a move opens the next one), so the past keeps its teams and communes.
 * Kept by trigger from members.
 */
export const memberships = pgTable(
  "memberships",
  {
    memberId: integer()
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    startedOn: date({ mode: "string" }).notNull(),
    /** First day the member no longer belongs; null while a member. */
    endedOn: date({ mode: "string" }),
    teamId: integer()
      .notNull()
      .references(() => teams.id),
    provinceCode: varchar({ length: 2 }).notNull(),
    communeCode: varchar({ length: 5 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.memberId, t.startedOn] }),
    check("memberships_ordered", sql`${t.endedOn} IS NULL OR ${t.endedOn} >= ${t.startedOn}`),
    index("memberships_team_idx").on(t.teamId),
    index("memberships_commune_idx").on(t.communeCode, t.startedOn),
  ],
);
