import type { HistoryIssue, SplitRule } from "./columns";

/** What a dry run of a history file reports to the page and the command line. */
export type FigureStatus = "new" | "updated" | "unchanged";

export interface HistoryPreviewRow {
  row: number;
  level: "province" | "commune";
  oldCode: string;
  oldName: string;
  period: string;
  status: FigureStatus;
  /** Today's unit(s) the figure lands in. */
  targets: string[];
  split: boolean;
}

export interface SplitNote {
  row: number;
  oldCode: string;
  oldName: string;
  period: string;
  targets: { code: string; name: string; people_guided: number | null; members: number | null }[];
}

export interface ProvinceNote {
  oldCode: string;
  oldName: string;
  newCode: string;
  newName: string;
  rows: number;
}

export interface HistoryPreview {
  fileName: string;
  size: number;
  sha256: string;
  rule: SplitRule;
  cutover: string;
  /** The note on the file's first line (sample files say there that they are generated). */
  marker: string | null;
  counts: { rows: number; new: number; updated: number; unchanged: number; errors: number; split: number };
  issues: HistoryIssue[];
  /** The first rows, for the page; `counts` covers all of them. */
  rows: HistoryPreviewRow[];
  splits: SplitNote[];
  provinces: ProvinceNote[];
}

