import { integer, timestamp } from "drizzle-orm/pg-core";

/** Optimistic-locking version, timestamps and soft deletion, shared by every editable record. */
export const tracked = () => ({
  version: integer().notNull().default(1),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  deletedAt: timestamp({ withTimezone: true }),
});
