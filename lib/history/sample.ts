import { monthsBetween } from "@/lib/domain/period";
import { searchKey } from "@/lib/import/roster";
import { historyCsv, type ColumnKey } from "./file";
import { OLD_PROVINCES, type OldProvince } from "@/lib/map/old-provinces";

/**
 * Generated demonstration history: one file per pre-2025 province, month by month from January
 * 2021 to June 2025. Invented figures, shaped like the programme's growth and scaled so that the
 * country's 2023 figures (as at December) are those of the ministry's review: 74,422 teams and
 * 348,362 members.
 */
export const SAMPLE_TOTALS_2023 = { teams: 74_422, members: 348_362 } as const;
export const SAMPLE_FIRST_MONTH = "2021-01-01";
export const SAMPLE_LAST_MONTH = "2025-06-01";
export const SAMPLE_NOTE = "SỐ LIỆU MẪU – dữ liệu sinh tự động để trình diễn, không phải số liệu báo cáo (sample data, generated for the demo)";

/** Deterministic pseudo-random number in [0, 1) for a key. */
function unit(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return ((h >>> 0) % 1_000_003) / 1_000_003;
}

/** Shares a whole among weights so that the shares add up to it exactly (largest remainder). */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let rest = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (rest-- <= 0) break;
    out[i]++;
  }
  return out;
}

/** Share of December 2023's teams that existed in a month: founded from 2021, near complete by 2023. */
function growth(month: string): number {
  const points: [string, number][] = [
    ["2021-01-01", 0.04],
    ["2021-12-01", 0.45],
    ["2022-06-01", 0.82],
    ["2022-12-01", 0.93],
    ["2023-06-01", 0.985],
    ["2023-12-01", 1],
    ["2025-06-01", 1.035],
  ];
  for (let i = 1; i < points.length; i++) {
    const [m1, v1] = points[i];
    const [m0, v0] = points[i - 1];
    if (month <= m1) {
      const span = monthsBetween(m0, m1).length - 1;
      const at = monthsBetween(m0, month).length - 1;
      return v0 + ((v1 - v0) * at) / span;
    }
  }
  return points[points.length - 1][1];
}

const COLUMNS: ColumnKey[] = [
  "provinceCode",
  "provinceName",
  "period",
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
];

const SKILL_WEIGHTS = [42, 14, 20, 16, 8];

export interface SampleFile {
  province: OldProvince;
  name: string;
  csv: string;
}

/**
 * The sample files. `communesByProvince` (old province code → number of its old communes) weights
 * each province's share of the country's teams.
 */
export function sampleHistoryFiles(communesByProvince: Map<string, number>): SampleFile[] {
  const weights = OLD_PROVINCES.map((p) => (communesByProvince.get(p.oldCode) ?? 100) * (0.85 + 0.3 * unit(`w${p.oldCode}`)));
  const teams2023 = apportion(SAMPLE_TOTALS_2023.teams, weights);
  const members2023 = apportion(SAMPLE_TOTALS_2023.members, teams2023.map((t, i) => t * (0.85 + 0.3 * unit(`m${OLD_PROVINCES[i].oldCode}`))));
  const months = monthsBetween(SAMPLE_FIRST_MONTH, SAMPLE_LAST_MONTH);
  return OLD_PROVINCES.map((p, i) => {
    const rows = months.map((month) => {
      const g = growth(month);
      const teams = month === "2023-12-01" ? teams2023[i] : Math.round(teams2023[i] * g);
      const members = month === "2023-12-01" ? members2023[i] : Math.round(members2023[i] * g * (0.97 + 0.03 * g));
      const season = 0.75 + 0.5 * unit(`s${p.oldCode}${month}`) - (month.endsWith("-02-01") ? 0.3 : 0);
      const households = Math.round(teams * 5.5 * season);
      const guided = Math.round(households * (1.6 + 0.4 * unit(`g${p.oldCode}${month}`)));
      const completed = Math.round(guided * (0.55 + 0.3 * g));
      const guidedBySkill = apportion(guided, SKILL_WEIGHTS);
      const completedBySkill = apportion(completed, guidedBySkill);
      const trainings = Math.round((teams / 60) * (0.5 + unit(`t${p.oldCode}${month}`)));
      const membersTrained = Math.min(members, trainings * (18 + Math.round(14 * unit(`a${p.oldCode}${month}`))));
      const row: Record<ColumnKey, string | number | null> = Object.fromEntries(COLUMNS.map((c) => [c, null])) as Record<ColumnKey, string | number | null>;
      Object.assign(row, {
        provinceCode: p.oldCode,
        provinceName: p.name,
        period: month.slice(0, 7),
        teams,
        members,
        householdsVisited: households,
        peopleGuided: guided,
        peopleCompleted: completed,
        trainings,
        membersTrained,
      });
      guidedBySkill.forEach((v, k) => (row[`guided${k + 1}` as ColumnKey] = v));
      completedBySkill.forEach((v, k) => (row[`completed${k + 1}` as ColumnKey] = v));
      return row;
    });
    return { province: p, name: `${p.oldCode}-${slug(p.name)}.csv`, csv: historyCsv(rows, COLUMNS, SAMPLE_NOTE) };
  });
}

const slug = (name: string) => searchKey(name).replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
