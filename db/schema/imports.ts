import { sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { genderEnum, positionEnum } from "./enums";
import { provinces } from "./geography";
import { teams } from "./organization";

/** One roster file being written or written: kept so that the import can be undone exactly. */
export const importBatches = pgTable(
  "import_batches",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    /** Chosen by the page before it sends the file, so that it can follow the progress. */
    key: uuid().notNull().unique(),
    actorUserId: integer()
      .notNull()
      .references(() => users.id),
    provinceCode: varchar({ length: 2 }).references(() => provinces.code),
    communeCode: varchar({ length: 5 }),
    fileName: text().notNull(),
    sha256: text().notNull(),
    status: text().notNull().default("staging"),
    rowsTotal: integer().notNull().default(0),
    rowsStaged: integer().notNull().default(0),
    rowsApplied: integer().notNull().default(0),
    counts: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    committedAt: timestamp({ withTimezone: true }),
    /** When the last chunk was applied: a batch still 'applying' long after that was interrupted. */
    appliedAt: timestamp({ withTimezone: true }),
    undoneAt: timestamp({ withTimezone: true }),
    undoneBy: integer().references(() => users.id),
  },
  (t) => [
    check("import_batches_status", sql`${t.status} IN ('staging', 'applying', 'committed', 'undone', 'failed')`),
    index("import_batches_province_idx").on(t.provinceCode, t.createdAt),
    index("import_batches_actor_idx").on(t.actorUserId, t.createdAt),
  ],
);

/** A member the batch writes: the target values, and the member as it was before (updates) or the id it got (inserts). */
export const importRows = pgTable(
  "import_rows",
  {
    batchId: integer()
      .notNull()
      .references(() => importBatches.id, { onDelete: "cascade" }),
    row: integer().notNull(),
    /** The apply transaction that writes this row (see APPLY_CHUNK). */
    chunk: integer().notNull().default(0),
    action: text().notNull(),
    memberId: integer(),
    expectedVersion: integer(),
    teamId: integer()
      .notNull()
      .references(() => teams.id),
    provinceCode: varchar({ length: 2 }).notNull(),
    communeCode: varchar({ length: 5 }).notNull(),
    fullName: text().notNull(),
    gender: genderEnum().notNull(),
    birthYear: smallint(),
    phone: varchar({ length: 11 }),
    position: positionEnum().notNull(),
    affiliations: text().array().notNull(),
    joinedOn: date({ mode: "string" }),
    leftOn: date({ mode: "string" }),
    before: jsonb(),
    /** The member's membership periods before the import, restored as they were by an undo. */
    membershipsBefore: jsonb(),
    afterVersion: integer(),
  },
  (t) => [
    primaryKey({ columns: [t.batchId, t.row] }),
    check("import_rows_action", sql`${t.action} IN ('insert', 'update')`),
    index("import_rows_member_idx").on(t.memberId),
    index("import_rows_chunk_idx").on(t.batchId, t.chunk),
  ],
);
