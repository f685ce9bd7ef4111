import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from "drizzle-orm/pg-core";
import { roleEnum } from "./enums";
import { communes, provinces } from "./geography";

export const users = pgTable(
  "users",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    username: varchar({ length: 64 }).notNull(),
    fullName: text().notNull(),
    passwordHash: text().notNull(),
    role: roleEnum().notNull(),
    provinceCode: varchar({ length: 2 }).references(() => provinces.code),
    communeCode: varchar({ length: 5 }).references(() => communes.code),
    /** Contact number (national form, as members' phones), for reminders from the province. */
    phone: varchar({ length: 11 }),
    mustChangePassword: boolean().notNull().default(false),
    /** Bumped on password reset and disable: every JWT carrying an older value is refused. */
    sessionVersion: integer().notNull().default(1),
    disabledAt: timestamp({ withTimezone: true }),
    lastSignInAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_username_unique").on(sql`lower(${t.username})`),
    check("users_phone_format", sql`${t.phone} ~ '^0[0-9]{9,10}$'`),
    check("users_username_format", sql`${t.username} ~ '^[a-zA-Z0-9._-]{3,64}$'`),
    check(
      "users_role_unit",
      sql`(${t.role} = 'national' AND ${t.provinceCode} IS NULL AND ${t.communeCode} IS NULL)
        OR (${t.role} = 'provincial' AND ${t.provinceCode} IS NOT NULL AND ${t.communeCode} IS NULL)
        OR (${t.role} = 'commune' AND ${t.provinceCode} IS NOT NULL AND ${t.communeCode} IS NOT NULL)`,
    ),
    index("users_province_idx").on(t.provinceCode),
  ],
);

/**
 * Attempt counters of sign-in and password change, one row per (account, address), per address
 * and per account's password change: `failures` attempts since the last success, each beyond the
 * free ones making the next wait longer until `lockedUntil`.
 */
export const signInThrottle = pgTable("sign_in_throttle", {
  key: text().primaryKey(),
  failures: integer().notNull().default(0),
  lockedUntil: timestamp({ withTimezone: true }),
  lastFailureAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorUserId: integer().references(() => users.id),
    actorUsername: text(),
    action: text().notNull(),
    entity: text().notNull(),
    entityId: text(),
    provinceCode: varchar({ length: 2 }),
    communeCode: varchar({ length: 5 }),
    before: jsonb(),
    after: jsonb(),
    ip: text(),
    userAgent: text(),
    searchKey: text().generatedAlwaysAs(sql`search_key(coalesce(actor_username, '') || ' ' || coalesce(entity_id, ''))`),
  },
  (t) => [
    index("audit_events_search_idx").using("gin", sql`${t.searchKey} gin_trgm_ops`),
    index("audit_events_at_id_search_idx").on(t.at, t.id, t.searchKey),
    index("audit_events_province_at_id_search_idx").on(t.provinceCode, t.at, t.id, t.searchKey),
    index("audit_events_commune_at_id_search_idx").on(t.communeCode, t.at, t.id, t.searchKey),
    index("audit_events_entity_idx").on(t.entity, t.entityId),
    index("audit_events_actor_action_idx").on(t.actorUserId, t.action, t.at),
  ],
);

export const settings = pgTable("settings", {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
