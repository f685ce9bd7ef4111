import { createHash } from "node:crypto";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { auditEvents, communeMappings, communes, historyFigures, historyImports, historyUnitFigures } from "@/db/schema";
import { historyCutover, periodLabel } from "@/lib/history/cutover";
import { parseHistoryFile, type FigureKey, type HistoryIssue, type HistoryRow } from "@/lib/history/file";
import {
  buildCommuneIndex,
  findOldCommunes,
  oldProvinceByCode,
  oldProvinceByName,
  shareOut,
  type CommuneIndex,
  type SplitRule,
  type Target,
} from "@/lib/history/mapping";
import { NEW_PROVINCES } from "@/lib/map/old-provinces";
import type { FigureStatus, HistoryPreview, ProvinceNote } from "@/lib/history/preview";

export type { HistoryPreview };

/**
 * The history importer's work inside one transaction, for the data-access layer (national users),
 * the command line and the demo seed alike: each caller decides who may run it.
 */

export interface HistoryFile {
  name: string;
  bytes: Uint8Array;
}

export const PREVIEW_ROWS = 200;

/** The file cannot be imported as it is: a refusal of the whole file, or rows with problems (listed in `preview`). */
export class HistoryRejectedError extends Error {
  constructor(
    public readonly code: string,
    public readonly values: Record<string, string | number> = {},
    public readonly preview: HistoryPreview | null = null,
  ) {
    super(`history import rejected: ${code}`);
    this.name = "HistoryRejectedError";
  }
}

type Figures = {
  teams: number | null;
  members: number | null;
  householdsVisited: number | null;
  peopleGuided: number | null;
  peopleCompleted: number | null;
  guidedBySkill: (number | null)[] | null;
  completedBySkill: (number | null)[] | null;
  trainings: number | null;
  membersTrained: number | null;
};

interface Planned {
  row: HistoryRow;
  level: "province" | "commune";
  oldCode: string;
  oldName: string;
  oldProvinceCode: string;
  figures: Figures;
  targets: Target[];
  /** Province-level figures land in a province, not in a commune. */
  provinceTarget: string | null;
  status: FigureStatus;
  replaces: number | null;
}

const SCALAR: { key: FigureKey; field: Exclude<keyof Figures, "guidedBySkill" | "completedBySkill"> }[] = [
  { key: "teams", field: "teams" },
  { key: "members", field: "members" },
  { key: "householdsVisited", field: "householdsVisited" },
  { key: "peopleGuided", field: "peopleGuided" },
  { key: "peopleCompleted", field: "peopleCompleted" },
  { key: "trainings", field: "trainings" },
  { key: "membersTrained", field: "membersTrained" },
];
const SKILLS = [1, 2, 3, 4, 5] as const;

function figuresOf(row: HistoryRow): Figures {
  const f = row.figures;
  const skills = (prefix: "guided" | "completed") => {
    const values = SKILLS.map((k) => f[`${prefix}${k}` as FigureKey] ?? null);
    return values.every((v) => v === null) ? null : values;
  };
  const out = Object.fromEntries(SCALAR.map(({ key, field }) => [field, f[key] ?? null])) as Figures;
  out.guidedBySkill = skills("guided");
  out.completedBySkill = skills("completed");
  return out;
}

const FIGURE_FIELDS = ["teams", "members", "householdsVisited", "peopleGuided", "peopleCompleted", "guidedBySkill", "completedBySkill", "trainings", "membersTrained"] as const;
const sameFigures = (a: Figures, b: Figures) => FIGURE_FIELDS.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));

/** The shares of today's communes in a figure of an old commune, column by column. */
function allocate(figures: Figures, parts: number, rule: SplitRule): Figures[] {
  const out: Figures[] = Array.from({ length: parts }, () => ({ ...figures }));
  for (const { field } of SCALAR) {
    const v = figures[field];
    if (v === null) continue;
    shareOut(v, parts, rule).forEach((s, i) => (out[i][field] = s));
  }
  for (const field of ["guidedBySkill", "completedBySkill"] as const) {
    const list = figures[field];
    if (!list) continue;
    const shared = list.map((v) => (v === null ? null : shareOut(v, parts, rule)));
    out.forEach((f, i) => (f[field] = shared.map((s) => (s === null ? null : s[i]))));
  }
  return out;
}

async function communeIndex(q: Queryable): Promise<CommuneIndex> {
  const rows = await q
    .select({
      id: communeMappings.id,
      oldCode: communeMappings.oldCode,
      oldName: communeMappings.oldName,
      oldDistrictName: communeMappings.oldDistrictName,
      oldProvinceName: communeMappings.oldProvinceName,
      newCommuneCode: communeMappings.newCommuneCode,
      newProvinceCode: communes.provinceCode,
      newCommuneName: communes.name,
    })
    .from(communeMappings)
    .innerJoin(communes, eq(communes.code, communeMappings.newCommuneCode));
  return buildCommuneIndex(rows);
}

const newProvinceName = (code: string) => NEW_PROVINCES.find((p) => p.code === code)?.name ?? code;

/** Parses the file, resolves every row to its old unit and today's units, and compares with the current figures. */
export async function analyseHistory(q: Queryable, file: HistoryFile, rule: SplitRule) {
  const cutover = historyCutover();
  const parsed = await parseHistoryFile(file.name, file.bytes, { cutover });
  if (!parsed.ok) throw new HistoryRejectedError(parsed.code, parsed.values ?? {});
  const issues: HistoryIssue[] = [...parsed.issues];
  const index = parsed.rows.some((r) => r.communeCode || r.communeName) ? await communeIndex(q) : null;
  const planned: Planned[] = [];
  const seen = new Map<string, number>();

  for (const row of parsed.rows) {
    const issue = (column: HistoryIssue["column"], code: string, values?: Record<string, string | number>) => issues.push({ row: row.row, column, code, values });
    const byCode = row.provinceCode ? oldProvinceByCode(row.provinceCode) : undefined;
    const byName = row.provinceName ? oldProvinceByName(row.provinceName) : undefined;
    if (row.provinceCode && !byCode) {
      issue("provinceCode", "province_unknown", { value: row.provinceCode });
      continue;
    }
    if (row.provinceName && !byName) {
      issue("provinceName", "province_unknown", { value: row.provinceName });
      continue;
    }
    if (byCode && byName && byCode !== byName) {
      issue("provinceName", "province_mismatch", { code: byCode.oldCode, name: row.provinceName! });
      continue;
    }
    const province = byCode ?? byName;
    let plan: Omit<Planned, "status" | "replaces">;
    if (row.communeCode || row.communeName) {
      let unit = row.communeCode ? index!.byCode.get(row.communeCode) : undefined;
      if (row.communeCode && !unit) {
        issue("communeCode", "commune_unknown", { value: row.communeCode });
        continue;
      }
      if (!unit) {
        if (!province) {
          issue("provinceName", "province_needed");
          continue;
        }
        const found = findOldCommunes(index!, province.oldCode, row.communeName!, row.districtName);
        if (found.length === 0) {
          issue("communeName", "commune_unknown", { value: row.communeName! });
          continue;
        }
        if (found.length > 1) {
          issue(row.districtName ? "communeName" : "districtName", "commune_ambiguous", {
            value: row.communeName!,
            candidates: found.map((u) => `${u.name} (${u.district ?? ""})`).join("; "),
          });
          continue;
        }
        unit = found[0];
      }
      if (province && unit.province !== province) {
        issue("communeCode", "commune_not_in_province", { value: unit.code ?? unit.name, province: province.name });
        continue;
      }
      plan = {
        row,
        level: "commune",
        oldCode: unit.key,
        oldName: unit.district ? `${unit.name}, ${unit.district}, ${unit.province.name}` : `${unit.name}, ${unit.province.name}`,
        oldProvinceCode: unit.province.oldCode,
        figures: figuresOf(row),
        targets: unit.targets,
        provinceTarget: null,
      };
    } else {
      plan = {
        row,
        level: "province",
        oldCode: province!.oldCode,
        oldName: province!.name,
        oldProvinceCode: province!.oldCode,
        figures: figuresOf(row),
        targets: [],
        provinceTarget: province!.newCode,
      };
    }
    const key = `${plan.level}|${plan.oldCode}|${row.periodKind}|${row.periodStart}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      issue("period", "duplicate_row", { row: earlier });
      continue;
    }
    seen.set(key, row.row);
    planned.push({ ...plan, status: "new", replaces: null });
  }

  // Current figures for the same old units and periods.
  const current = new Map<string, { id: number; figures: Figures }>();
  for (const level of ["province", "commune"] as const) {
    const codes = [...new Set(planned.filter((p) => p.level === level).map((p) => p.oldCode))];
    for (let i = 0; i < codes.length; i += 5000) {
      const rows = await q
        .select()
        .from(historyFigures)
        .where(and(eq(historyFigures.oldLevel, level), inArray(historyFigures.oldCode, codes.slice(i, i + 5000)), isNull(historyFigures.replacedBy)));
      for (const r of rows) {
        const figures: Figures = {
          teams: r.teams,
          members: r.members,
          householdsVisited: r.householdsVisited,
          peopleGuided: r.peopleGuided,
          peopleCompleted: r.peopleCompleted,
          guidedBySkill: r.guidedBySkill ? r.guidedBySkill.map((v) => (v === null ? null : Number(v))) : null,
          completedBySkill: r.completedBySkill ? r.completedBySkill.map((v) => (v === null ? null : Number(v))) : null,
          trainings: r.trainings,
          membersTrained: r.membersTrained,
        };
        current.set(`${level}|${r.oldCode}|${r.periodKind}|${r.periodStart}`, { id: Number(r.id), figures });
      }
    }
  }
  for (const p of planned) {
    const existing = current.get(`${p.level}|${p.oldCode}|${p.row.periodKind}|${p.row.periodStart}`);
    if (existing) {
      p.replaces = existing.id;
      p.status = sameFigures(existing.figures, p.figures) ? "unchanged" : "updated";
    }
  }

  const erroneous = new Set(issues.map((i) => i.row));
  const splits = planned.filter((p) => p.targets.length > 1);
  const provinceNotes = new Map<string, ProvinceNote>();
  for (const p of planned) {
    const province = oldProvinceByCode(p.oldProvinceCode)!;
    const note = provinceNotes.get(province.oldCode) ?? { oldCode: province.oldCode, oldName: province.name, newCode: province.newCode, newName: newProvinceName(province.newCode), rows: 0 };
    note.rows++;
    provinceNotes.set(province.oldCode, note);
  }
  const count = (s: FigureStatus) => planned.filter((p) => p.status === s).length;
  const preview: HistoryPreview = {
    fileName: file.name,
    size: file.bytes.byteLength,
    sha256: createHash("sha256").update(file.bytes).digest("hex"),
    rule,
    cutover,
    marker: parsed.marker,
    counts: { rows: parsed.dataRows, new: count("new"), updated: count("updated"), unchanged: count("unchanged"), errors: erroneous.size, split: splits.length },
    issues: issues.sort((a, b) => a.row - b.row),
    rows: planned.slice(0, PREVIEW_ROWS).map((p) => ({
      row: p.row.row,
      level: p.level,
      oldCode: p.oldCode,
      oldName: p.oldName,
      period: periodLabel(p.row.periodKind, p.row.periodStart),
      status: p.status,
      targets: p.provinceTarget ? [newProvinceName(p.provinceTarget)] : p.targets.map((t) => t.name),
      split: p.targets.length > 1,
    })),
    splits: splits.map((p) => {
      const shares = allocate(p.figures, p.targets.length, rule);
      return {
        row: p.row.row,
        oldCode: p.oldCode,
        oldName: p.oldName,
        period: periodLabel(p.row.periodKind, p.row.periodStart),
        targets: p.targets.map((t, i) => ({ code: t.communeCode, name: t.name, people_guided: shares[i].peopleGuided, members: shares[i].members })),
      };
    }),
    provinces: [...provinceNotes.values()].sort((a, b) => a.oldCode.localeCompare(b.oldCode)),
  };
  return { preview, planned };
}

export interface HistoryAuthor {
  userId: number | null;
  username: string | null;
}

type AuditWriter = (q: Queryable, entry: { action: string; entity: string; entityId: number; before?: unknown; after?: unknown }) => Promise<void>;

/**
 * Writes a file's figures in one transaction: new figures are added, changed ones replace the
 * current figure (kept, so that an undo restores it), unchanged ones are left alone. A file with
 * any problem writes nothing.
 */
export async function commitHistory(
  q: Queryable,
  author: HistoryAuthor,
  file: HistoryFile,
  rule: SplitRule,
  audit: AuditWriter,
  options: { sample?: boolean; expectSha256?: string } = {},
): Promise<{ importId: number; preview: HistoryPreview }> {
  return q.transaction(async (tx) => {
    // One import at a time: the comparison with the current figures must hold until the commit.
    await tx.execute(sql`LOCK TABLE history_figures IN SHARE ROW EXCLUSIVE MODE`);
    const { preview, planned } = await analyseHistory(tx, file, rule);
    if (options.expectSha256 && options.expectSha256 !== preview.sha256) throw new HistoryRejectedError("file_changed");
    if (preview.issues.length > 0) throw new HistoryRejectedError("row_errors", { count: preview.counts.errors }, preview);
    const [imported] = await tx
      .insert(historyImports)
      .values({
        fileName: file.name,
        sha256: preview.sha256,
        splitRule: rule,
        sample: options.sample ?? /SỐ LIỆU MẪU/i.test(preview.marker ?? ""),
        rows: preview.counts.rows,
        figuresNew: preview.counts.new,
        figuresUpdated: preview.counts.updated,
        figuresUnchanged: preview.counts.unchanged,
        createdBy: author.userId,
        createdByUsername: author.username,
      })
      .returning({ id: historyImports.id });
    const changed = planned.filter((p) => p.status !== "unchanged");
    const replaced = changed.map((p) => p.replaces).filter((id): id is number => id !== null);
    for (let i = 0; i < replaced.length; i += 5000) {
      await tx.update(historyFigures).set({ replacedBy: imported.id }).where(inArray(historyFigures.id, replaced.slice(i, i + 5000)));
    }
    for (let i = 0; i < changed.length; i += 1000) {
      const part = changed.slice(i, i + 1000);
      const ids = await tx
        .insert(historyFigures)
        .values(
          part.map((p) => ({
            importId: imported.id,
            rowNumber: p.row.row,
            oldLevel: p.level,
            oldCode: p.oldCode,
            oldName: p.oldName,
            oldProvinceCode: p.oldProvinceCode,
            periodKind: p.row.periodKind,
            periodStart: p.row.periodStart,
            ...p.figures,
          })),
        )
        .returning({ id: historyFigures.id });
      const shares = part.flatMap((p, k) => {
        const figureId = Number(ids[k].id);
        if (p.provinceTarget) return [{ figureId, provinceCode: p.provinceTarget, communeCode: null as string | null, split: false, ...p.figures }];
        const split = p.targets.length > 1;
        const parts = allocate(p.figures, p.targets.length, rule);
        return p.targets
          .map((t, j) => ({ figureId, provinceCode: t.provinceCode, communeCode: t.communeCode as string | null, split, ...parts[j] }))
          .filter((_, j) => j === 0 || rule !== "primary");
      });
      for (let j = 0; j < shares.length; j += 2000) await tx.insert(historyUnitFigures).values(shares.slice(j, j + 2000));
    }
    await audit(tx, {
      action: "history.import",
      entity: "history_import",
      entityId: imported.id,
      after: { fileName: file.name, sha256: preview.sha256, rule, sample: options.sample ?? false, counts: preview.counts, replacedFigures: replaced.length },
    });
    return { importId: imported.id, preview };
  });
}

/**
 * Undoes an import exactly: its figures go and those it replaced are current again. An import
 * whose figures a later import replaced is undone after that one.
 */
export async function undoHistory(q: Queryable, author: HistoryAuthor, importId: number, audit: AuditWriter): Promise<{ removed: number; restored: number }> {
  return q.transaction(async (tx) => {
    await tx.execute(sql`LOCK TABLE history_figures IN SHARE ROW EXCLUSIVE MODE`);
    const [row] = await tx.select().from(historyImports).where(eq(historyImports.id, importId)).for("update");
    if (!row) throw new HistoryRejectedError("import_unknown");
    if (row.undoneAt) throw new HistoryRejectedError("already_undone");
    const [later] = await tx
      .select({ by: historyFigures.replacedBy })
      .from(historyFigures)
      .where(and(eq(historyFigures.importId, importId), sql`${historyFigures.replacedBy} IS NOT NULL`))
      .limit(1);
    if (later) throw new HistoryRejectedError("undo_later_first", { id: Number(later.by) });
    const removed = await tx.delete(historyFigures).where(eq(historyFigures.importId, importId)).returning({ id: historyFigures.id });
    const restored = await tx.update(historyFigures).set({ replacedBy: null }).where(eq(historyFigures.replacedBy, importId)).returning({ id: historyFigures.id });
    await tx.update(historyImports).set({ undoneAt: new Date(), undoneByUsername: author.username }).where(eq(historyImports.id, importId));
    const result = { removed: removed.length, restored: restored.length };
    await audit(tx, {
      action: "history.undo",
      entity: "history_import",
      entityId: importId,
      before: { fileName: row.fileName, figuresNew: row.figuresNew, figuresUpdated: row.figuresUpdated },
      after: result,
    });
    return result;
  });
}

/** Audit rows for imports run outside a signed-in session (command line, demo seed). */
export function auditWithout(author: HistoryAuthor): AuditWriter {
  return async (q, entry) => {
    await q.insert(auditEvents).values({
      actorUserId: author.userId,
      actorUsername: author.username,
      action: entry.action,
      entity: entry.entity,
      entityId: String(entry.entityId),
      before: entry.before ?? null,
      after: entry.after ?? null,
    });
  };
}
