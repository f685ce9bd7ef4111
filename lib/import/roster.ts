import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import catalogVi from "@/messages/vi/catalog.json";
import { AFFILIATIONS, GENDERS, POSITIONS, type Affiliation, type Gender, type Position } from "@/lib/domain/catalog";
import { normalisePhone } from "@/lib/domain/phone";
import { checkFileEnvelope, fileExtension, MAX_DATA_ROWS, type Values } from "./limits";

export { ACCEPTED_EXTENSIONS, checkFileEnvelope, MAX_DATA_ROWS, MAX_FILE_BYTES, type Values } from "./limits";

/**
 * Roster files (.xlsx or .csv) parsed into member rows and problems, without touching the
 * database. Problems carry a code (a key of `imports.errors`) and values for the message, so the
 * same result can be shown in Vietnamese or English.
 */

export const ROSTER_COLUMNS = [
  { key: "communeCode", header: "Mã xã/phường", required: true, aliases: ["Mã xã", "Mã phường", "Mã đơn vị", "Mã xã phường"] },
  { key: "teamName", header: "Tên tổ", required: true, aliases: ["Tổ", "Tổ CNSCĐ", "Tên tổ CNSCĐ"] },
  { key: "fullName", header: "Họ và tên", required: true, aliases: ["Họ tên"] },
  { key: "gender", header: "Giới tính", required: true, aliases: [] },
  { key: "birthYear", header: "Năm sinh", required: true, aliases: [] },
  { key: "phone", header: "Số điện thoại", required: true, aliases: ["Điện thoại", "SĐT", "Số ĐT"] },
  { key: "position", header: "Chức vụ", required: true, aliases: ["Chức vụ trong tổ"] },
  { key: "affiliations", header: "Thành phần", required: false, aliases: [] },
  { key: "joinedOn", header: "Ngày tham gia", required: false, aliases: [] },
  { key: "leftOn", header: "Ngày rời tổ", required: false, aliases: ["Ngày rời"] },
] as const;
export type ColumnKey = (typeof ROSTER_COLUMNS)[number]["key"];

export const SHEET_NAMES = { data: "Danh sách", help: "Hướng dẫn", teams: "Tổ hiện có" } as const;

/** A problem with one cell or row; `row` is the spreadsheet row number (the header is row 1 in the template). */
export interface RowIssue {
  row: number;
  column: ColumnKey | null;
  /** Column letter in the file (A, B, …), when the problem is in one cell. */
  cell: string | null;
  code: string;
  values?: Values;
}

export interface FileNotice {
  code: string;
  values?: Values;
}

export interface RosterRow {
  row: number;
  communeCode: string;
  teamName: string;
  teamKey: string;
  fullName: string;
  nameKey: string;
  gender: Gender;
  birthYear: number | null;
  phone: string | null;
  /** Null when the cell is empty: a new member becomes an ordinary member, an existing one keeps theirs. */
  position: Position | null;
  /** Null when the column is absent or the cell empty: existing values are kept. */
  affiliations: Affiliation[] | null;
  joinedOn: string | null;
  leftOn: string | null;
}

export type ParseResult =
  | { ok: false; code: string; values?: Values }
  | {
      ok: true;
      kind: "xlsx" | "csv";
      rows: RosterRow[];
      issues: RowIssue[];
      notices: FileNotice[];
      /** Data rows that are not fully empty. */
      dataRows: number;
      /** The column letter of each recognised column, for problems found later against the database. */
      letters: Partial<Record<ColumnKey, string>>;
    };

/** Lower-case, without diacritics, single spaces: "Nguyễn Văn Đức" → "nguyen van duc". Mirrors SQL search_key(). */
export function searchKey(value: string): string {
  return value
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

function vocabulary<K extends string>(keys: readonly K[], labels: Record<string, string>, extra: Record<string, K> = {}): Map<string, K> {
  const map = new Map<string, K>();
  for (const key of keys) {
    map.set(searchKey(key), key);
    map.set(searchKey(key.replace(/_/g, " ")), key);
    if (labels[key]) map.set(searchKey(labels[key]), key);
  }
  for (const [alias, key] of Object.entries(extra)) map.set(searchKey(alias), key);
  return map;
}

const GENDER_WORDS = vocabulary(GENDERS, catalogVi.genders, { nu: "female", "nữ giới": "female", "nam giới": "male" });
const POSITION_WORDS = vocabulary(POSITIONS, catalogVi.positions, { "tổ viên": "member", "thanh vien to": "member" });
const AFFILIATION_WORDS = vocabulary(AFFILIATIONS, catalogVi.affiliations);

const HEADER_KEYS = new Map<string, ColumnKey>(
  ROSTER_COLUMNS.flatMap((c) => [c.header, ...c.aliases].map((h) => [searchKey(h), c.key] as [string, ColumnKey])),
);

function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** One cell as read from the file, before interpretation. */
type RawCell = { kind: "empty" } | { kind: "text"; text: string } | { kind: "number"; value: number } | { kind: "date"; value: Date } | { kind: "formula" } | { kind: "error"; text: string };

type RawRow = { row: number; cells: RawCell[] };

const EMPTY: RawCell = { kind: "empty" };

function textCell(text: string): RawCell {
  if (text.trim() === "") return EMPTY;
  // A CSV (or text) cell that a spreadsheet would evaluate is refused like a real formula.
  if (/^\s*=/.test(text)) return { kind: "formula" };
  return { kind: "text", text };
}

function excelCell(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === "string") return textCell(value);
  if (typeof value === "number") return { kind: "number", value };
  if (typeof value === "boolean") return { kind: "text", text: value ? "TRUE" : "FALSE" };
  if (value instanceof Date) return { kind: "date", value };
  if ("formula" in value || "sharedFormula" in value) return { kind: "formula" };
  if ("richText" in value) return textCell(value.richText.map((r) => r.text).join(""));
  if ("error" in value) return { kind: "error", text: String(value.error) };
  if ("text" in value) return textCell(String(value.text));
  return EMPTY;
}

function isEmptyRow(cells: RawCell[]): boolean {
  return cells.every((c) => c.kind === "empty");
}

/** Reads every sheet with exceljs' streaming reader: about twice as fast as loading the workbook, and lighter. */
async function readXlsx(bytes: Uint8Array): Promise<RawRow[][] | null> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "emit",
  });
  const sheets: RawRow[][] = [];
  try {
    for await (const sheet of reader) {
      const rows: RawRow[] = [];
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[];
        const cells: RawCell[] = [];
        for (let col = 1; col < values.length; col++) cells.push(excelCell(values[col]));
        if (!isEmptyRow(cells)) rows.push({ row: row.number, cells });
      }
      sheets.push(rows);
    }
  } catch {
    return null;
  }
  return sheets;
}

function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const candidates = [",", ";", "\t"].map((d) => [d, count(d)] as const).sort((a, b) => b[1] - a[1]);
  return candidates[0][1] > 0 ? candidates[0][0] : ",";
}

/** RFC 4180 records; quoted fields may hold delimiters, quotes ("") and line breaks. */
export function parseCsvRecords(text: string, delimiter = detectDelimiter(text)): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === "") quoted = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = "";
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      fields.push(field);
      records.push({ line: recordLine, fields });
      fields = [];
      field = "";
      line++;
      recordLine = line;
    } else field += ch;
  }
  if (field !== "" || fields.length > 0) {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  return records;
}

function readCsv(bytes: Uint8Array): RawRow[] | null {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
  return parseCsvRecords(text).map((r) => ({ row: r.line, cells: r.fields.map(textCell) }));
}

function cellText(cell: RawCell): string | null {
  switch (cell.kind) {
    case "text":
      return cell.text.trim();
    case "number":
      return String(cell.value);
    case "date":
      return isoDate(cell.value);
    default:
      return null;
  }
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function validDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return isoDate(date);
}

/** Excel's day serial (1900 date system) to an ISO date. */
function fromSerial(serial: number): string | null {
  if (!Number.isInteger(serial) || serial < 1 || serial > 73050) return null;
  return isoDate(new Date(Date.UTC(1899, 11, 30) + serial * 86400_000));
}

/** dd/MM/yyyy (also d/M/yyyy, with - or .), yyyy-MM-dd, a real date cell or a day serial. */
export function parseDateCell(cell: RawCell): string | null {
  if (cell.kind === "date") return validDate(cell.value.getUTCFullYear(), cell.value.getUTCMonth() + 1, cell.value.getUTCDate());
  if (cell.kind === "number") return fromSerial(cell.value);
  if (cell.kind !== "text") return null;
  const text = cell.text.trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (m) return validDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+Z?)?$/.exec(text);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

interface ParseOptions {
  /** The current year, the upper bound of a birth year. */
  currentYear?: number;
}

type ColumnMap = Partial<Record<ColumnKey, number>>;

function mapHeader(cells: RawCell[]): { columns: ColumnMap; extra: string[] } {
  const columns: ColumnMap = {};
  const extra: string[] = [];
  cells.forEach((cell, index) => {
    const text = cellText(cell);
    if (!text) return;
    const key = HEADER_KEYS.get(searchKey(text.replace(/\*$/, "")));
    if (key && columns[key] === undefined) columns[key] = index;
    else extra.push(text);
  });
  return { columns, extra };
}

function interpretRow(raw: RawRow, columns: ColumnMap, issues: RowIssue[], currentYear: number): RosterRow | null {
  const start = issues.length;
  const cellOf = (key: ColumnKey): RawCell => {
    const index = columns[key];
    return index === undefined ? EMPTY : (raw.cells[index] ?? EMPTY);
  };
  const problem = (key: ColumnKey, code: string, values?: Values) =>
    issues.push({ row: raw.row, column: key, cell: columns[key] === undefined ? null : columnLetter(columns[key]!), code, values });
  /** The cell's text, or null after recording why it cannot be used. */
  const text = (key: ColumnKey, required: boolean): string | null => {
    const cell = cellOf(key);
    if (cell.kind === "formula") return problem(key, "formula"), null;
    if (cell.kind === "error") return problem(key, "cell_error", { value: cell.text }), null;
    const value = cellText(cell);
    if (!value) {
      if (required) problem(key, "required");
      return null;
    }
    return value;
  };

  let communeCode = "";
  const codeCell = cellOf("communeCode");
  const codeText = text("communeCode", true);
  if (codeText !== null) {
    const digits = codeCell.kind === "number" && Number.isInteger(codeCell.value) ? String(codeCell.value) : codeText;
    if (/^[0-9]{1,5}$/.test(digits)) communeCode = digits.padStart(5, "0");
    else problem("communeCode", "commune_code_format", { value: codeText });
  }

  const teamName = (text("teamName", true) ?? "").replace(/\s+/g, " ");
  if (teamName.length > 200) problem("teamName", "too_long", { max: 200 });
  const fullName = (text("fullName", true) ?? "").replace(/\s+/g, " ");
  if (fullName.length > 120) problem("fullName", "too_long", { max: 120 });

  let gender: Gender | undefined;
  const genderText = text("gender", true);
  if (genderText !== null) {
    gender = GENDER_WORDS.get(searchKey(genderText));
    if (!gender) problem("gender", "gender_unknown", { value: genderText });
  }

  let birthYear: number | null = null;
  const yearCell = cellOf("birthYear");
  const yearText = text("birthYear", false);
  if (yearText !== null) {
    const year = yearCell.kind === "date" ? yearCell.value.getUTCFullYear() : /^[0-9]+(\.0+)?$/.test(yearText) ? Number(yearText) : NaN;
    if (!Number.isInteger(year)) problem("birthYear", "birth_year_type", { value: yearText });
    else if (year < 1900 || year > currentYear) problem("birthYear", "birth_year_range", { value: yearText, min: 1900, max: currentYear });
    else birthYear = year;
  }

  let phone: string | null = null;
  const phoneCell = cellOf("phone");
  const phoneText = text("phone", false);
  if (phoneText !== null) {
    // A number cell loses the leading zero (912345678); put it back before normalising.
    const candidate = phoneCell.kind === "number" && /^[1-9][0-9]{8,9}$/.test(phoneText) ? `0${phoneText}` : phoneText;
    const result = normalisePhone(candidate);
    if (result.ok) phone = result.phone;
    else problem("phone", "phone_invalid", { value: phoneText });
  }

  let position: Position | null = null;
  const positionText = text("position", false);
  if (positionText !== null) {
    position = POSITION_WORDS.get(searchKey(positionText)) ?? null;
    if (!position) problem("position", "position_unknown", { value: positionText });
  }

  let affiliations: Affiliation[] | null = null;
  const affText = columns.affiliations === undefined ? null : text("affiliations", false);
  if (affText !== null) {
    const found = new Set<Affiliation>();
    for (const part of affText.split(/[;\n]/).map((p) => p.trim()).filter(Boolean)) {
      const key = AFFILIATION_WORDS.get(searchKey(part));
      if (key) found.add(key);
      else problem("affiliations", "affiliation_unknown", { value: part });
    }
    affiliations = AFFILIATIONS.filter((a) => found.has(a));
  }

  const date = (key: "joinedOn" | "leftOn"): string | null => {
    if (columns[key] === undefined) return null;
    const cell = cellOf(key);
    const value = text(key, false);
    if (value === null) return null;
    const iso = parseDateCell(cell);
    if (!iso) problem(key, "date_invalid", { value });
    return iso;
  };
  const joinedOn = date("joinedOn");
  const leftOn = date("leftOn");
  if (joinedOn && leftOn && leftOn < joinedOn) problem("leftOn", "left_before_joined");

  if (issues.length > start || !gender) return null;
  return {
    row: raw.row,
    communeCode,
    teamName,
    teamKey: searchKey(teamName),
    fullName,
    nameKey: searchKey(fullName),
    gender,
    birthYear,
    phone,
    position,
    affiliations,
    joinedOn,
    leftOn,
  };
}

/**
 * Rows that repeat an earlier row of the same team (same phone, or same name and birth year), and
 * a second active leader of a team within the file. `teamOf` identifies a row's team: the commune
 * code and team name as written, or the team's id once the database has resolved it.
 */
export function withinFileIssues(rows: RosterRow[], teamOf: (row: RosterRow) => string | number): RowIssue[] {
  const issues: RowIssue[] = [];
  const seen = new Map<string, number>();
  const leaders = new Map<string, number>();
  for (const r of rows) {
    const team = String(teamOf(r));
    const keys = [r.phone ? `${team}|p|${r.phone}` : null, `${team}|n|${r.nameKey}|${r.birthYear ?? ""}`].filter((k): k is string => !!k);
    const first = keys.map((k) => seen.get(k)).find((v) => v !== undefined);
    if (first !== undefined) {
      issues.push({ row: r.row, column: null, cell: null, code: "duplicate_row", values: { first } });
      continue;
    }
    for (const k of keys) seen.set(k, r.row);
    if (r.position === "leader" && !r.leftOn) {
      const firstLeader = leaders.get(team);
      if (firstLeader !== undefined) issues.push({ row: r.row, column: "position", cell: null, code: "leader_in_file", values: { first: firstLeader } });
      else leaders.set(team, r.row);
    }
  }
  return issues;
}

/** Parses a roster file. Fully empty rows are skipped; every other problem is reported by row and column. */
export async function parseRosterFile(name: string, bytes: Uint8Array, options: ParseOptions = {}): Promise<ParseResult> {
  const refused = checkFileEnvelope(name, bytes.byteLength);
  if (refused) return { ok: false, ...refused };
  const kind = fileExtension(name) === ".xlsx" ? "xlsx" : "csv";
  let rawRows: RawRow[];
  if (kind === "xlsx") {
    const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
    const sheets = isZip ? await readXlsx(bytes) : null;
    if (!sheets) return { ok: false, code: "unreadable", values: { kind: ".xlsx" } };
    // The roster sheet is the first whose header names a member's full name; the template's
    // instructions and team list do not.
    rawRows = sheets.find((rows) => rows.length > 0 && mapHeader(rows[0].cells).columns.fullName !== undefined) ?? sheets[0] ?? [];
  } else {
    const rows = readCsv(bytes);
    if (!rows) return { ok: false, code: "not_utf8" };
    rawRows = rows;
  }

  const nonEmpty = rawRows.filter((r) => !isEmptyRow(r.cells));
  const [header, ...data] = nonEmpty;
  if (!header) return { ok: false, code: "empty_file" };
  const { columns, extra } = mapHeader(header.cells);
  const missing = ROSTER_COLUMNS.filter((c) => c.required && columns[c.key] === undefined).map((c) => c.header);
  if (missing.length > 0) return { ok: false, code: "missing_columns", values: { columns: missing.join(", ") } };
  if (data.length === 0) return { ok: false, code: "no_data" };
  if (data.length > MAX_DATA_ROWS) return { ok: false, code: "too_many_rows", values: { count: data.length, max: MAX_DATA_ROWS } };

  const issues: RowIssue[] = [];
  const currentYear = options.currentYear ?? new Date().getUTCFullYear();
  const parsed = data.map((r) => interpretRow(r, columns, issues, currentYear)).filter((r): r is RosterRow => r !== null);
  const letters: Partial<Record<ColumnKey, string>> = Object.fromEntries(Object.entries(columns).map(([key, index]) => [key, columnLetter(index)]));
  const repeated = withinFileIssues(parsed, (r) => `${r.communeCode}|${r.teamKey}`).map((i) => ({ ...i, cell: i.column ? (letters[i.column] ?? null) : null }));
  const badRows = new Set(repeated.map((i) => i.row));
  const notices: FileNotice[] = extra.length > 0 ? [{ code: "extra_columns", values: { columns: extra.join(", ") } }] : [];
  return {
    ok: true,
    kind,
    rows: parsed.filter((r) => !badRows.has(r.row)),
    issues: sortIssues([...issues, ...repeated]),
    notices,
    dataRows: data.length,
    letters,
  };
}

const COLUMN_ORDER = new Map<string, number>(ROSTER_COLUMNS.map((c, i) => [c.key, i]));

export function sortIssues(issues: RowIssue[]): RowIssue[] {
  return issues.sort((a, b) => a.row - b.row || (COLUMN_ORDER.get(a.column ?? "") ?? -1) - (COLUMN_ORDER.get(b.column ?? "") ?? -1));
}
