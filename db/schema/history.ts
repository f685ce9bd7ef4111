import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, varchar } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { communes, provinces } from "./geography";

/** One import of aggregate figures reported before the 1 July 2025 reorganisation. */
export const historyImports = pgTable(
  "history_imports",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    fileName: text().notNull(),
    sha256: varchar({ length: 64 }).notNull(),
    /** How a figure of an old commune split among several new ones is allocated. */
    splitRule: text().notNull(),
    /** Generated demonstration figures, not reported ones. */
    sample: boolean().notNull().default(false),
    rows: integer().notNull(),
    figuresNew: integer().notNull(),
    figuresUpdated: integer().notNull(),
    figuresUnchanged: integer().notNull(),
    createdBy: integer().references(() => users.id),
    createdByUsername: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    undoneAt: timestamp({ withTimezone: true }),
    undoneByUsername: text(),
  },
  (t) => [check("history_imports_split_rule", sql`${t.splitRule} IN ('equal', 'primary')`)],
);

/** The figures a file gave, under the pre-2025 unit (province or commune) that reported them. */
const figureColumns = () => ({
  teams: integer(),
  members: integer(),
  householdsVisited: bigint({ mode: "number" }),
  peopleGuided: bigint({ mode: "number" }),
  peopleCompleted: bigint({ mode: "number" }),
  /** People guided per skill 1–5; null where the file gave no breakdown. */
  guidedBySkill: bigint({ mode: "number" }).array().$type<(number | null)[]>(),
  completedBySkill: bigint({ mode: "number" }).array().$type<(number | null)[]>(),
  trainings: integer(),
  membersTrained: integer(),
});

export const historyFigures = pgTable(
  "history_figures",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    importId: integer()
      .notNull()
      .references(() => historyImports.id),
    rowNumber: integer().notNull(),
    oldLevel: text().notNull(),
    /** The old GSO code; `m<id>` for an old commune the official mapping names without a code. */
    oldCode: varchar({ length: 12 }).notNull(),
    oldName: text().notNull(),
    oldProvinceCode: varchar({ length: 2 }).notNull(),
    periodKind: text().notNull(),
    /** First day of the month, or 1 January for a yearly figure. */
    periodStart: date().notNull(),
    ...figureColumns(),
    /** The later import that replaced this figure; it becomes current again if that import is undone. */
    replacedBy: integer().references(() => historyImports.id),
  },
  (t) => [
    check("history_figures_old_level", sql`${t.oldLevel} IN ('province', 'commune')`),
    check("history_figures_period_kind", sql`${t.periodKind} IN ('month', 'year')`),
    check(
      "history_figures_period_start",
      sql`extract(day FROM ${t.periodStart}) = 1 AND (${t.periodKind} = 'month' OR extract(month FROM ${t.periodStart}) = 1)`,
    ),
    uniqueIndex("history_figures_current").on(t.oldLevel, t.oldCode, t.periodKind, t.periodStart).where(sql`${t.replacedBy} IS NULL`),
    index("history_figures_import_idx").on(t.importId),
    index("history_figures_replaced_idx").on(t.replacedBy).where(sql`${t.replacedBy} IS NOT NULL`),
  ],
);

/** Each figure's share of today's units: the new province, and the new commune for commune figures. */
export const historyUnitFigures = pgTable(
  "history_unit_figures",
  {
    figureId: bigint({ mode: "number" })
      .notNull()
      .references(() => historyFigures.id, { onDelete: "cascade" }),
    provinceCode: varchar({ length: 2 })
      .notNull()
      .references(() => provinces.code),
    communeCode: varchar({ length: 5 }).references(() => communes.code),
    /** The old commune was split among several new ones and this is one share of it. */
    split: boolean().notNull().default(false),
    ...figureColumns(),
  },
  (t) => [
    uniqueIndex("history_unit_figures_unit").on(t.figureId, t.provinceCode, sql`coalesce(${t.communeCode}, '')`),
    index("history_unit_figures_province_idx").on(t.provinceCode),
    index("history_unit_figures_commune_idx").on(t.communeCode).where(sql`${t.communeCode} IS NOT NULL`),
  ],
);
