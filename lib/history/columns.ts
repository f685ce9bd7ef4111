/**
 * Files of aggregate figures reported before the 1 July 2025 reorganisation: one row per old
 * unit (a pre-2025 province, or a pre-2025 commune) and period (a month or a year).
 */
export const FIGURE_KEYS = [
  "teams",
  "members",
  "householdsVisited",
  "peopleGuided",
  "peopleCompleted",
  "guided1",
  "guided2",
  "guided3",
  "guided4",
  "guided5",
  "completed1",
  "completed2",
  "completed3",
  "completed4",
  "completed5",
  "trainings",
  "membersTrained",
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

export type ColumnKey = "provinceCode" | "provinceName" | "districtName" | "communeCode" | "communeName" | "period" | FigureKey;

/** Column headers of the file (Vietnamese first, as in the template), with accepted aliases. */
export const HISTORY_COLUMNS: { key: ColumnKey; header: string; aliases: string[] }[] = [
  { key: "provinceCode", header: "Mã tỉnh cũ", aliases: ["ma tinh", "old_province_code", "province_code"] },
  { key: "provinceName", header: "Tên tỉnh cũ", aliases: ["tinh", "ten tinh", "old_province_name", "province"] },
  { key: "districtName", header: "Huyện cũ", aliases: ["ten huyen cu", "huyen", "old_district_name", "district"] },
  { key: "communeCode", header: "Mã xã cũ", aliases: ["ma xa", "old_commune_code", "commune_code"] },
  { key: "communeName", header: "Tên xã cũ", aliases: ["xa", "ten xa", "old_commune_name", "commune"] },
  { key: "period", header: "Kỳ", aliases: ["ky bao cao", "thang", "nam", "period"] },
  { key: "teams", header: "Số tổ", aliases: ["so to cnscd", "teams"] },
  { key: "members", header: "Số thành viên", aliases: ["thanh vien", "members"] },
  { key: "householdsVisited", header: "Số hộ được đến", aliases: ["so ho", "households_visited"] },
  { key: "peopleGuided", header: "Số người được hướng dẫn", aliases: ["nguoi duoc huong dan", "people_guided"] },
  { key: "peopleCompleted", header: "Số người hoàn thành", aliases: ["nguoi hoan thanh", "people_completed"] },
  ...[1, 2, 3, 4, 5].flatMap((k) => [
    { key: `guided${k}` as FigureKey, header: `Hướng dẫn kỹ năng ${k}`, aliases: [`huong dan kn${k}`, `guided_skill_${k}`] },
    { key: `completed${k}` as FigureKey, header: `Hoàn thành kỹ năng ${k}`, aliases: [`hoan thanh kn${k}`, `completed_skill_${k}`] },
  ]),
  { key: "trainings", header: "Số lớp bồi dưỡng", aliases: ["so lop tap huan", "trainings"] },
  { key: "membersTrained", header: "Số thành viên được bồi dưỡng", aliases: ["thanh vien duoc tap huan", "members_trained"] },
];

/** How a figure of an old commune split among several new communes is shared out. */
export const SPLIT_RULES = ["equal", "primary"] as const;
export type SplitRule = (typeof SPLIT_RULES)[number];
export const DEFAULT_SPLIT_RULE: SplitRule = "equal";

export interface HistoryIssue {
  row: number;
  column: ColumnKey | null;
  code: string;
  values?: Record<string, string | number>;
}
