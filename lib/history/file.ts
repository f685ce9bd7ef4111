import ExcelJS from "exceljs";
import { checkFileEnvelope, fileExtension, type Values } from "@/lib/import/limits";
import { parseCsvRecords, searchKey } from "@/lib/import/roster";
import { FIGURE_KEYS, HISTORY_COLUMNS, type ColumnKey, type FigureKey, type HistoryIssue } from "./columns";

export { FIGURE_KEYS, HISTORY_COLUMNS, type ColumnKey, type FigureKey, type HistoryIssue };

const HEADER_KEYS = new Map<string, ColumnKey>(
  HISTORY_COLUMNS.flatMap((c) => [c.header, c.key, ...c.aliases].map((h) => [searchKey(h), c.key] as [string, ColumnKey])),
);

export const MAX_HISTORY_ROWS = 50_000;

export interface HistoryRow {
  row: number;
  provinceCode: string | null;
  provinceName: string | null;
  districtName: string | null;
  communeCode: string | null;
  communeName: string | null;
  periodKind: "month" | "year";
  /** First day of the month, or 1 January. */
  periodStart: string;
  figures: Partial<Record<FigureKey, number>>;
}


export type HistoryParse =
  | { ok: false; code: string; values?: Values }
  | { ok: true; rows: HistoryRow[]; issues: HistoryIssue[]; dataRows: number; marker: string | null };

type Cell = string | number | null;

async function readXlsx(bytes: Uint8Array): Promise<{ row: number; cells: Cell[] }[] | null> {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return null;
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    return null;
  }
  const sheet = book.worksheets[0];
  if (!sheet) return [];
  const rows: { row: number; cells: Cell[] }[] = [];
  sheet.eachRow((r, number) => {
    const values = r.values as ExcelJS.CellValue[];
    const cells: Cell[] = [];
    for (let c = 1; c < values.length; c++) {
      const v = values[c];
      if (v === null || v === undefined) cells.push(null);
      else if (typeof v === "number" || typeof v === "string") cells.push(v);
      else if (v instanceof Date) cells.push(v.toISOString().slice(0, 7));
      else if (typeof v === "object" && "richText" in v) cells.push(v.richText.map((t) => t.text).join(""));
      else if (typeof v === "object" && "result" in v) cells.push((v.result as Cell) ?? null);
      else cells.push(String(v));
    }
    rows.push({ row: number, cells });
  });
  return rows;
}

function readCsv(bytes: Uint8Array): { row: number; cells: Cell[] }[] | null {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return parseCsvRecords(text).map((r) => ({ row: r.line, cells: r.fields }));
  } catch {
    return null;
  }
}

/** `2023-07`, `07/2023`, `7/2023` are months; `2023` is a year. */
export function parsePeriodCell(value: string): { kind: "month" | "year"; start: string } | null {
  const v = value.trim();
  let m = /^(\d{4})$/.exec(v);
  if (m) return { kind: "year", start: `${m[1]}-01-01` };
  m = /^(\d{4})-(\d{1,2})(?:-\d{1,2})?$/.exec(v);
  const [y, mo] = m ? [m[1], m[2]] : (/^(?:thang\s*)?(\d{1,2})[/.-](\d{4})$/.exec(searchKey(v))?.slice(1, 3).reverse() ?? []);
  if (!y || !mo) return null;
  const month = Number(mo);
  if (month < 1 || month > 12) return null;
  return { kind: "month", start: `${y}-${String(month).padStart(2, "0")}-01` };
}

function text(cell: Cell | undefined): string | null {
  if (cell === null || cell === undefined) return null;
  const s = String(cell).trim();
  return s === "" ? null : s;
}

/** A non-negative whole number, written 74422, 74.422 or 74,422. */
export function parseCount(value: string): number | null {
  const v = value.trim().replace(/\s/g, "");
  if (!/^\d{1,3}([.,]\d{3})*$|^\d+$/.test(v)) return null;
  const n = Number(v.replace(/[.,]/g, ""));
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * Parses an uploaded file (.csv in UTF-8 or .xlsx, first sheet) into rows and problems by row and
 * column. Rows with a problem are left out of `rows`. A first line starting with "#" is a note
 * (the sample files say there that they are generated).
 */
export async function parseHistoryFile(name: string, bytes: Uint8Array, options: { cutover: string }): Promise<HistoryParse> {
  const refused = checkFileEnvelope(name, bytes.byteLength);
  if (refused) return { ok: false, ...refused };
  const raw = fileExtension(name) === ".xlsx" ? await readXlsx(bytes) : readCsv(bytes);
  if (!raw) return { ok: false, code: fileExtension(name) === ".xlsx" ? "unreadable" : "not_utf8", values: { kind: fileExtension(name) } };
  const nonEmpty = raw.filter((r) => r.cells.some((c) => text(c) !== null));
  const marker = nonEmpty[0] && String(nonEmpty[0].cells[0] ?? "").startsWith("#") ? String(nonEmpty.shift()!.cells.join(",")).slice(1).trim() : null;
  const [header, ...data] = nonEmpty;
  if (!header) return { ok: false, code: "empty_file" };
  const columns = new Map<ColumnKey, number>();
  header.cells.forEach((c, i) => {
    const key = HEADER_KEYS.get(searchKey(String(c ?? "")));
    if (key && !columns.has(key)) columns.set(key, i);
  });
  if (!columns.has("period")) return { ok: false, code: "missing_columns", values: { columns: "Kỳ" } };
  if (!["provinceCode", "provinceName", "communeCode"].some((k) => columns.has(k as ColumnKey))) {
    return { ok: false, code: "missing_columns", values: { columns: "Mã tỉnh cũ / Tên tỉnh cũ / Mã xã cũ" } };
  }
  if (!FIGURE_KEYS.some((k) => columns.has(k))) return { ok: false, code: "no_figures" };
  if (data.length === 0) return { ok: false, code: "no_data" };
  if (data.length > MAX_HISTORY_ROWS) return { ok: false, code: "too_many_rows", values: { count: data.length, max: MAX_HISTORY_ROWS } };

  const issues: HistoryIssue[] = [];
  const rows: HistoryRow[] = [];
  const cutoverMonth = options.cutover.slice(0, 7);
  for (const r of data) {
    const before = issues.length;
    const get = (k: ColumnKey) => (columns.has(k) ? text(r.cells[columns.get(k)!]) : null);
    const issue = (column: ColumnKey | null, code: string, values?: Values) => issues.push({ row: r.row, column, code, values });
    const periodText = get("period");
    const period = periodText ? parsePeriodCell(periodText) : null;
    if (!periodText) issue("period", "period_missing");
    else if (!period) issue("period", "period_invalid", { value: periodText });
    else if ((period.kind === "year" ? `${period.start.slice(0, 4)}-12` : period.start.slice(0, 7)) >= cutoverMonth) {
      issue("period", "period_after_cutover", { value: periodText });
    } else if (period.start < "2015-01-01") issue("period", "period_too_early", { value: periodText });
    const provinceCode = get("provinceCode");
    const communeCode = get("communeCode");
    if (provinceCode && !/^\d{1,2}$/.test(provinceCode)) issue("provinceCode", "code_invalid", { value: provinceCode });
    if (communeCode && !/^\d{1,5}$/.test(communeCode)) issue("communeCode", "code_invalid", { value: communeCode });
    if (!provinceCode && !get("provinceName") && !communeCode) issue("provinceCode", "unit_missing");
    if (get("communeName") && !communeCode && !provinceCode && !get("provinceName")) issue("provinceName", "province_needed");
    const figures: Partial<Record<FigureKey, number>> = {};
    for (const k of FIGURE_KEYS) {
      const v = get(k);
      if (v === null) continue;
      const n = parseCount(v);
      if (n === null) issue(k, "count_invalid", { value: v });
      else figures[k] = n;
    }
    if (issues.length === before && Object.keys(figures).length === 0) issue(null, "row_no_figures");
    if (figures.peopleCompleted !== undefined && figures.peopleGuided !== undefined && figures.peopleCompleted > figures.peopleGuided) {
      issue("peopleCompleted", "completed_above_guided");
    }
    for (const k of [1, 2, 3, 4, 5]) {
      const g = figures[`guided${k}` as FigureKey];
      const c = figures[`completed${k}` as FigureKey];
      if (g !== undefined && c !== undefined && c > g) issue(`completed${k}` as FigureKey, "completed_above_guided");
    }
    if (issues.length > before || !period) continue;
    rows.push({
      row: r.row,
      provinceCode: provinceCode ? provinceCode.padStart(2, "0") : null,
      provinceName: get("provinceName"),
      districtName: get("districtName"),
      communeCode: communeCode ? communeCode.padStart(5, "0") : null,
      communeName: get("communeName"),
      periodKind: period.kind,
      periodStart: period.start,
      figures,
    });
  }
  return { ok: true, rows, issues, dataRows: data.length, marker };
}

/** Writes rows as a CSV the parser reads back (the sample files and the template). */
export function historyCsv(rows: Record<ColumnKey, string | number | null>[], columns: ColumnKey[], note?: string): string {
  const headers = columns.map((k) => HISTORY_COLUMNS.find((c) => c.key === k)!.header);
  const quote = (v: string | number | null) => {
    const s = v === null ? "" : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [headers.join(","), ...rows.map((r) => columns.map((k) => quote(r[k])).join(","))];
  return (note ? `# ${note}\n` : "") + lines.join("\n") + "\n";
}
