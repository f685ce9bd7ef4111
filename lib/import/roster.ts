import * as XLSX from "@e965/xlsx";
import catalogVi from "@/messages/vi/catalog.json";
import { AFFILIATIONS, GENDERS, POSITIONS, type Affiliation, type Gender, type Position } from "@/lib/domain/catalog";
import { normalisePhone } from "@/lib/domain/phone";
import { inspectArchive } from "./archive";
import { convertLegacyText, detectLegacyEncoding, type LegacyEncoding } from "./legacy-text";
import { checkFileEnvelope, fileExtension, MAX_DATA_ROWS, type Values } from "./limits";
import { decodeText, type TextEncoding } from "./text-decoding";

export { ACCEPTED_EXTENSIONS, checkFileEnvelope, MAX_DATA_ROWS, MAX_FILE_BYTES, type Values } from "./limits";

/**
 * Roster files (.xlsx, .xls or .csv) parsed into member rows and problems, without touching the
 * database. Problems carry a code (a key of `imports.errors`) and values for the message, so the
 * same result can be shown in Vietnamese or English.
 */

export const ROSTER_COLUMNS = [
  // A commune is named by its code (the template) or by its name (the members export).
  { key: "communeCode", header: "Mã xã/phường", required: false, aliases: ["Mã xã", "Mã phường", "Mã đơn vị", "Mã xã phường"] },
  { key: "communeName", header: "Xã, phường", required: false, aliases: ["Xã/phường", "Tên xã", "Tên xã/phường", "Xã", "Phường", "Xã, phường, đặc khu"] },
  { key: "provinceName", header: "Tỉnh, thành phố", required: false, aliases: ["Tỉnh", "Tỉnh/thành phố", "Tỉnh/thành"] },
  { key: "hamletName", header: "Thôn, tổ dân phố", required: false, aliases: ["Thôn", "Thôn/tổ dân phố", "Ấp", "Khu phố"] },
  { key: "teamName", header: "Tên tổ", required: true, aliases: ["Tổ", "Tổ CNSCĐ", "Tên tổ CNSCĐ"] },
  { key: "fullName", header: "Họ và tên", required: true, aliases: ["Họ tên"] },
  { key: "gender", header: "Giới tính", required: true, aliases: [] },
  { key: "birthYear", header: "Năm sinh", required: true, aliases: [] },
  { key: "phone", header: "Số điện thoại", required: true, aliases: ["Điện thoại", "SĐT", "Số ĐT"] },
  { key: "position", header: "Chức vụ", required: true, aliases: ["Chức vụ trong tổ", "Chức danh"] },
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
  /** Five digits, or "" when the file names the commune instead (then communeName is set). */
  communeCode: string;
  communeName: string | null;
  provinceName: string | null;
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
      kind: "xlsx" | "xls" | "csv";
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
type RawCell =
  | { kind: "empty" }
  | { kind: "text"; text: string }
  | { kind: "number"; value: number }
  | { kind: "date"; value: Date }
  | { kind: "formula" }
  | { kind: "error"; text: string }
  /** Longer than any field can be: kept out of every later step (a shared string can be megabytes). */
  | { kind: "oversized" }
  /** Holds a control character such as NUL, which no roster field may contain. */
  | { kind: "control" };

type RawRow = { row: number; cells: RawCell[] };

const EMPTY: RawCell = { kind: "empty" };
/** Longer than the longest field (a team name of 200 characters). */
const MAX_CELL_CHARS = 1_000;
/** Title rows (unit name, report title, date) that may stand above the header. */
const MAX_TITLE_ROWS = 10;
/** Rows read from a sheet at most: the limit, the header, title rows and one more to know the limit is passed. */
export const MAX_READ_ROWS = MAX_DATA_ROWS + MAX_TITLE_ROWS + 2;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Every value a message repeats from the file is cut to this length. */
export const MAX_ECHO_CHARS = 100;

export function clip(value: string): string {
  return value.length > MAX_ECHO_CHARS ? `${value.slice(0, MAX_ECHO_CHARS - 1)}…` : value;
}

function textCell(text: string): RawCell {
  if (text.length > MAX_CELL_CHARS) return { kind: "oversized" };
  if (text.trim() === "") return EMPTY;
  if (CONTROL.test(text)) return { kind: "control" };
  // A CSV (or text) cell that a spreadsheet would evaluate is refused like a real formula.
  if (/^\s*=/.test(text)) return { kind: "formula" };
  return { kind: "text", text: text.normalize("NFC") };
}

/** Excel's day serial (1900 date system) as a UTC date. */
function serialDate(serial: number): Date {
  return new Date(Date.UTC(1899, 11, 30) + Math.round(serial * 86400) * 1000);
}

function sheetCell(cell: XLSX.CellObject | undefined): RawCell {
  if (!cell) return EMPTY;
  if (cell.f) return { kind: "formula" };
  switch (cell.t) {
    case "s":
      return textCell(String(cell.v ?? ""));
    case "n":
      return typeof cell.v === "number" && cell.z && XLSX.SSF.is_date(cell.z) ? { kind: "date", value: serialDate(cell.v) } : { kind: "number", value: Number(cell.v) };
    case "d":
      return cell.v instanceof Date ? { kind: "date", value: cell.v } : EMPTY;
    case "b":
      return { kind: "text", text: cell.v ? "TRUE" : "FALSE" };
    case "e":
      return { kind: "error", text: clip(String(cell.w ?? cell.v ?? "#ERR")) };
    default:
      return EMPTY;
  }
}

function isEmptyRow(cells: RawCell[]): boolean {
  return cells.every((c) => c.kind === "empty");
}

type Sheet = { rows: RawRow[]; truncated: boolean };

/**
 * Every sheet of an .xlsx or .xls workbook, read by SheetJS up to MAX_READ_ROWS rows, with each
 * merged range filled with its top-left value. An .xlsx archive is inspected before parsing.
 */
function readWorkbook(bytes: Uint8Array, kind: "xlsx" | "xls"): Sheet[] | { code: string; values?: Values } {
  const label = { kind: `.${kind}` };
  if (kind === "xlsx") {
    if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return { code: "unreadable", values: label };
    const verdict = inspectArchive(bytes);
    if (!verdict.ok) return { code: verdict.code, values: label };
  } else if (!(bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)) {
    return { code: "unreadable", values: label };
  }
  let book: XLSX.WorkBook;
  try {
    book = XLSX.read(bytes, { type: "buffer", dense: true, sheetRows: MAX_READ_ROWS, cellNF: true, cellHTML: false, cellText: false, cellStyles: false, bookVBA: false });
  } catch {
    return { code: "unreadable", values: label };
  }
  return book.SheetNames.map((name) => {
    const ws = book.Sheets[name];
    const data = (ws["!data"] ?? []) as (XLSX.CellObject | undefined)[][];
    const grid: RawCell[][] = [];
    for (let r = 0; r < data.length; r++) {
      const line = data[r];
      grid[r] = line ? Array.from(line, (cell) => sheetCell(cell)) : [];
    }
    for (const m of ws["!merges"] ?? []) {
      const first = grid[m.s.r]?.[m.s.c] ?? EMPTY;
      for (let r = m.s.r; r <= Math.min(m.e.r, data.length - 1); r++) {
        grid[r] ??= [];
        for (let c = m.s.c; c <= m.e.c; c++) if (r !== m.s.r || c !== m.s.c) grid[r][c] = first;
      }
    }
    const rows: RawRow[] = [];
    grid.forEach((cells, r) => {
      const filled = Array.from(cells, (c) => c ?? EMPTY);
      if (!isEmptyRow(filled)) rows.push({ row: r + 1, cells: filled });
    });
    return { rows, truncated: ws["!fullref"] !== undefined };
  });
}
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const candidates = [",", ";", "\t"].map((d) => [d, count(d)] as const).sort((a, b) => b[1] - a[1]);
  return candidates[0][1] > 0 ? candidates[0][0] : ",";
}

/** RFC 4180 records; quoted fields may hold delimiters, quotes ("") and line breaks. */
export function parseCsvRecords(text: string, delimiter = detectDelimiter(text), limit = Infinity): { line: number; fields: string[] }[] {
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
      if (records.length >= limit) return records;
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

/** A CSV in any encoding offices save, read up to MAX_READ_ROWS records that are not empty. */
function readCsv(bytes: Uint8Array): { sheet: Sheet; encoding: TextEncoding } {
  const { text, encoding } = decodeText(bytes);
  const records = parseCsvRecords(text, detectDelimiter(text), MAX_READ_ROWS + 1);
  const rows = records.map((r) => ({ row: r.line, cells: r.fields.map(textCell) })).filter((r) => !isEmptyRow(r.cells));
  return { sheet: { rows: rows.slice(0, MAX_READ_ROWS), truncated: records.length > MAX_READ_ROWS }, encoding };
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
    else extra.push(clip(text));
  });
  return { columns, extra };
}

function clipValues(values: Values | undefined): Values | undefined {
  return values && Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "string" ? clip(v) : v]));
}

function interpretRow(raw: RawRow, columns: ColumnMap, issues: RowIssue[], currentYear: number): RosterRow | null {
  const start = issues.length;
  const cellOf = (key: ColumnKey): RawCell => {
    const index = columns[key];
    return index === undefined ? EMPTY : (raw.cells[index] ?? EMPTY);
  };
  const problem = (key: ColumnKey, code: string, values?: Values) =>
    issues.push({ row: raw.row, column: key, cell: columns[key] === undefined ? null : columnLetter(columns[key]!), code, values: clipValues(values) });
  /** The cell's text, or null after recording why it cannot be used. */
  const text = (key: ColumnKey, required: boolean): string | null => {
    const cell = cellOf(key);
    if (cell.kind === "formula") return problem(key, "formula"), null;
    if (cell.kind === "error") return problem(key, "cell_error", { value: cell.text }), null;
    if (cell.kind === "oversized") return problem(key, "too_long", { max: MAX_CELL_CHARS }), null;
    if (cell.kind === "control") return problem(key, "control_char"), null;
    const value = cellText(cell);
    if (!value) {
      if (required) problem(key, "required");
      return null;
    }
    return value;
  };

  let communeCode = "";
  const codeCell = cellOf("communeCode");
  const byName = columns.communeCode === undefined;
  const codeText = byName ? null : text("communeCode", true);
  const communeName = byName ? (text("communeName", true) ?? "").replace(/\s+/g, " ") : null;
  const provinceName = columns.provinceName === undefined ? null : text("provinceName", false);
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
    communeName,
    provinceName,
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
 * Rows that repeat an earlier row for the same person (same phone and name, or same name and
 * birth year) within one commune, and a second active leader of a team within the file.
 * `communeOf` and `teamOf` identify a row's commune and team: as written, or as the database
 * resolved them.
 */
export function withinFileIssues(rows: RosterRow[], communeOf: (row: RosterRow) => string | number, teamOf: (row: RosterRow) => string | number): RowIssue[] {
  const issues: RowIssue[] = [];
  const seen = new Map<string, number>();
  const leaders = new Map<string, number>();
  for (const r of rows) {
    const commune = String(communeOf(r));
    const team = String(teamOf(r));
    const keys = [r.phone ? `${commune}|p|${r.phone}|${r.nameKey}` : null, `${commune}|n|${r.nameKey}|${r.birthYear ?? ""}`].filter((k): k is string => !!k);
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

/** Columns whose text may have been typed in a legacy font. */
const TEXT_COLUMNS: ColumnKey[] = ["communeName", "provinceName", "hamletName", "teamName", "fullName", "gender", "position", "affiliations"];

/** The header: among the first rows, the first that names a member's full name and a team. */
function findHeader(rows: RawRow[]): { index: number; columns: ColumnMap; extra: string[]; encoding: LegacyEncoding | null } | null {
  for (let i = 0; i < Math.min(rows.length, MAX_TITLE_ROWS + 1); i++) {
    const plain = mapHeader(rows[i].cells);
    if (plain.columns.fullName !== undefined && plain.columns.teamName !== undefined) return { index: i, ...plain, encoding: null };
    // A header typed in a legacy font, like the rest of such a file.
    const texts = rows[i].cells.map(cellText).filter((t): t is string => !!t);
    const encoding = detectLegacyEncoding(texts);
    if (!encoding) continue;
    const converted = mapHeader(rows[i].cells.map((c) => (c.kind === "text" ? { kind: "text" as const, text: convertLegacyText(c.text, encoding) } : c)));
    if (converted.columns.fullName !== undefined && converted.columns.teamName !== undefined) return { index: i, ...converted, encoding };
  }
  return null;
}

/** Converts the text columns typed in a legacy font, one notice per converted column. */
function convertLegacyColumns(data: RawRow[], columns: ColumnMap): FileNotice[] {
  const notices: FileNotice[] = [];
  for (const key of TEXT_COLUMNS) {
    const index = columns[key];
    if (index === undefined) continue;
    const texts = data.map((r) => r.cells[index]).flatMap((c) => (c?.kind === "text" ? [c.text] : []));
    const encoding = detectLegacyEncoding(texts);
    if (!encoding) continue;
    let count = 0;
    for (const r of data) {
      const c = r.cells[index];
      if (c?.kind !== "text") continue;
      const text = convertLegacyText(c.text, encoding);
      if (text !== c.text) count++;
      r.cells[index] = { kind: "text", text };
    }
    notices.push({ code: "legacy_font", values: { column: ROSTER_COLUMNS.find((c) => c.key === key)!.header, letter: columnLetter(index), encoding, count } });
  }
  return notices;
}

/** Parses a roster file. Fully empty rows are skipped; every other problem is reported by row and column. */
export async function parseRosterFile(name: string, bytes: Uint8Array, options: ParseOptions = {}): Promise<ParseResult> {
  const refused = checkFileEnvelope(name, bytes.byteLength);
  if (refused) return { ok: false, ...refused };
  const extension = fileExtension(name);
  const kind = extension === ".xlsx" ? "xlsx" : extension === ".xls" ? "xls" : "csv";
  const notices: FileNotice[] = [];
  let sheets: Sheet[];
  if (kind === "csv") {
    const { sheet, encoding } = readCsv(bytes);
    if (encoding !== "utf-8") notices.push({ code: "text_encoding", values: { encoding: encoding.toUpperCase() } });
    sheets = [sheet];
  } else {
    const read = readWorkbook(bytes, kind);
    if (!Array.isArray(read)) return { ok: false, ...read };
    sheets = read;
  }
  // The roster sheet is the first with a header; the template's instructions and team list have none.
  const found = sheets.map((sheet) => ({ sheet, header: findHeader(sheet.rows) })).find((s) => s.header) ?? null;
  if (!found) {
    const first = sheets.find((s) => s.rows.length > 0);
    if (!first) return { ok: false, code: "empty_file" };
    const { columns } = mapHeader(first.rows[0].cells);
    const missing = ROSTER_COLUMNS.filter((c) => c.required && columns[c.key] === undefined).map((c) => c.header);
    return { ok: false, code: "missing_columns", values: { columns: clip(missing.join(", ")) } };
  }
  const { sheet, header } = found as { sheet: Sheet; header: NonNullable<ReturnType<typeof findHeader>> };
  const { columns, extra } = header;
  const missing = ROSTER_COLUMNS.filter((c) => c.required && columns[c.key] === undefined).map((c) => c.header);
  if (columns.communeCode === undefined && columns.communeName === undefined) missing.unshift(ROSTER_COLUMNS[0].header);
  if (missing.length > 0) return { ok: false, code: "missing_columns", values: { columns: missing.join(", ") } };
  const data = sheet.rows.slice(header.index + 1);
  if (data.length === 0) return { ok: false, code: "no_data" };
  if (data.length > MAX_DATA_ROWS || sheet.truncated) return { ok: false, code: "too_many_rows", values: { max: MAX_DATA_ROWS } };
  if (header.index > 0) notices.push({ code: "header_below", values: { row: sheet.rows[header.index].row } });
  notices.push(...convertLegacyColumns(data, columns));

  const issues: RowIssue[] = [];
  const currentYear = options.currentYear ?? new Date().getUTCFullYear();
  const parsed = data.map((r) => interpretRow(r, columns, issues, currentYear)).filter((r): r is RosterRow => r !== null);
  const letters: Partial<Record<ColumnKey, string>> = Object.fromEntries(Object.entries(columns).map(([key, index]) => [key, columnLetter(index)]));
  const communeOf = (r: RosterRow) => r.communeCode || searchKey(r.communeName ?? "");
  const repeated = withinFileIssues(parsed, communeOf, (r) => `${communeOf(r)}|${r.teamKey}`).map((i) => ({
    ...i,
    cell: i.column ? (letters[i.column] ?? null) : null,
  }));
  const badRows = new Set(repeated.map((i) => i.row));
  if (extra.length > 0) notices.push({ code: "extra_columns", values: { columns: clip(extra.join(", ")) } });
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
