import type { FileNotice, RowIssue } from "./roster";

/** What a dry run reports to the page, row by row. */
export type RowStatus = "new" | "updated" | "unchanged";
export type MemberField = "fullName" | "gender" | "birthYear" | "phone" | "position" | "affiliations" | "joinedOn" | "leftOn";

export interface PreviewRow {
  row: number;
  status: RowStatus;
  communeCode: string;
  communeName: string;
  teamName: string;
  fullName: string;
  changes: MemberField[];
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
  unchanged: number;
  errors: number;
}

export interface ImportPreview {
  fileName: string;
  size: number;
  sha256: string;
  counts: ImportCounts;
  issues: RowIssue[];
  notices: FileNotice[];
  notes: MappingNote[];
  rows: PreviewRow[];
}
