import type { FileNotice, RowIssue } from "./roster";

/** What a dry run reports to the page, row by row. */
export type RowStatus = "new" | "updated" | "unchanged" | "moved" | "conflict" | "skipped";
export type MemberField = "team" | "fullName" | "gender" | "birthYear" | "phone" | "position" | "affiliations" | "joinedOn" | "leftOn";
export type FieldValue = string | number | string[] | null;

/** The user's answer to a phone number that belongs to someone else. */
export const DECISIONS = ["update", "add", "skip"] as const;
export type Decision = (typeof DECISIONS)[number];
/** One answer for every conflict, and answers for single rows that override it. */
export interface Decisions {
  all?: Decision;
  rows?: Record<number, Decision>;
}

export interface FieldChange {
  field: MemberField;
  from: FieldValue;
  to: FieldValue;
}

/** A person as the preview shows them side by side in a conflict. */
export interface PersonView {
  fullName: string;
  gender: string;
  birthYear: number | null;
  phone: string | null;
  position: string | null;
  teamName: string;
}

export interface PreviewRow {
  row: number;
  status: RowStatus;
  communeCode: string;
  communeName: string;
  teamName: string;
  fullName: string;
  /** Old → new for every value the row changes (a move changes the team). */
  changes: FieldChange[];
  /** A conflict: the member who has the phone number, and the row as written. */
  existing?: PersonView;
  incoming?: PersonView;
  /** The answer applied to a conflict, when there is one. */
  decision?: Decision;
}

/** A row that named a pre-2025 commune code, and the unit it was mapped to. */
export interface MappingNote {
  row: number;
  oldCode: string;
  communeCode: string;
  communeName: string;
}

export interface ImportCounts {
  rows: number;
  new: number;
  updated: number;
  moved: number;
  unchanged: number;
  conflicts: number;
  skipped: number;
  errors: number;
}

/** The answer's size is bounded: at most this many problems and rows are listed; the counts cover all. */
export const MAX_LISTED_ISSUES = 1_000;
export const MAX_LISTED_ROWS = 5_000;

export interface ImportPreview {
  fileName: string;
  size: number;
  sha256: string;
  counts: ImportCounts;
  issues: RowIssue[];
  /** All problems found; `issues` lists the first MAX_LISTED_ISSUES. */
  issueCount: number;
  notices: FileNotice[];
  notes: MappingNote[];
  /** Conflicts first, then moves, updates and new rows; at most MAX_LISTED_ROWS. */
  rows: PreviewRow[];
  /** Rows with a status other than unchanged; `rows` lists the first MAX_LISTED_ROWS. */
  rowCount: number;
}

/** A committed (or undone) import as the import page lists it. */
export interface ImportBatchView {
  id: number;
  fileName: string;
  actorName: string;
  committedAt: string | null;
  undoneAt: string | null;
  status: string;
  counts: Partial<ImportCounts> | null;
  canUndo: boolean;
}

export function parseDecisions(value: unknown): Decisions {
  const isDecision = (v: unknown): v is Decision => typeof v === "string" && (DECISIONS as readonly string[]).includes(v);
  if (!value || typeof value !== "object") return {};
  const { all, rows } = value as { all?: unknown; rows?: unknown };
  const out: Decisions = {};
  if (isDecision(all)) out.all = all;
  if (rows && typeof rows === "object") {
    out.rows = {};
    for (const [k, v] of Object.entries(rows as Record<string, unknown>).slice(0, 20_001)) if (/^[0-9]{1,7}$/.test(k) && isDecision(v)) out.rows[Number(k)] = v;
  }
  return out;
}
