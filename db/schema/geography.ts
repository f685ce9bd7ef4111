import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, unique, varchar } from "drizzle-orm/pg-core";
import { communeKindEnum } from "./enums";

export const provinces = pgTable(
  "provinces",
  {
    code: varchar({ length: 2 }).primaryKey(),
    name: text().notNull(),
    shortName: text().notNull(),
    placeType: text().notNull(),
  },
  (t) => [check("provinces_code_format", sql`${t.code} ~ '^[0-9]{2}$'`)],
);

export const communes = pgTable(
  "communes",
  {
    code: varchar({ length: 5 }).primaryKey(),
    provinceCode: varchar({ length: 2 })
      .notNull()
      .references(() => provinces.code),
    name: text().notNull(),
    kind: communeKindEnum().notNull(),
    searchKey: text().generatedAlwaysAs(sql`search_key(name)`),
  },
  (t) => [
    check("communes_code_format", sql`${t.code} ~ '^[0-9]{5}$'`),
    unique("communes_code_province").on(t.code, t.provinceCode),
    index("communes_province_idx").on(t.provinceCode),
    index("communes_search_idx").using("gin", sql`${t.searchKey} gin_trgm_ops`),
  ],
);

/** Pre-2025 commune-level units and the unit that took each in (one old unit may be split). */
export const communeMappings = pgTable(
  "commune_mappings",
  {
    id: integer().primaryKey(),
    oldCode: varchar({ length: 5 }),
    /** Null for the few island districts that became special zones as a whole. */
    oldName: text(),
    oldDistrictName: text(),
    oldProvinceName: text(),
    newCommuneCode: varchar({ length: 5 })
      .notNull()
      .references(() => communes.code),
  },
  (t) => [
    check("commune_mappings_old_code_format", sql`${t.oldCode} ~ '^[0-9]{5}$'`),
    index("commune_mappings_old_code_idx").on(t.oldCode),
    index("commune_mappings_new_code_idx").on(t.newCommuneCode),
  ],
);
