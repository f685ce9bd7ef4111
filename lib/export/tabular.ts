import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";

/**
 * Tabular exports shared by every list and chart: CSV (UTF-8 with BOM, CRLF, RFC 4180 quoting)
 * and XLSX (streamed), both with spreadsheet formula injection neutralised.
 */
export type ExportFormat = "csv" | "xlsx";
export type Cell = string | number | Date | null | undefined;
export type ExportColumn<T> = { header: string; value: (row: T) => Cell; width?: number };
export type Rows<T> = Iterable<T> | AsyncIterable<T>;

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;

export function parseExportFormat(value: string | null | undefined): ExportFormat | null {
  const v = (value ?? "csv").toLowerCase();
  return v === "csv" || v === "xlsx" ? v : null;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell that a spreadsheet would run as a formula gets a leading apostrophe. */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function cellText(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number") return String(value);
  return neutralise(value);
}

function csvField(text: string): string {
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: Cell[]): string {
  return cells.map((c) => csvField(cellText(c))).join(",") + "\r\n";
}

/** Rows a writer handles before it lets the event loop run, whatever the time they took. */
const ROWS_PER_TURN = 1000;
/** The longest a writer keeps the thread before it lets the event loop run. */
const MS_PER_TURN = 20;

/**
 * The rows, with a turn of the event loop at least every `ROWS_PER_TURN` rows or `MS_PER_TURN`
 * ms. The embedded database answers on this thread without leaving the microtask queue, so
 * without these turns one export would hold every other request, and the database, until its
 * last row.
 */
async function* iterate<T>(rows: Rows<T>): AsyncGenerator<T> {
  let since = performance.now();
  let count = 0;
  for await (const row of rows as AsyncIterable<T>) {
    yield row;
    if (++count >= ROWS_PER_TURN || performance.now() - since >= MS_PER_TURN) {
      await new Promise((resolve) => setImmediate(resolve));
      since = performance.now();
      count = 0;
    }
  }
}

/** CSV as a stream of text chunks, starting with the UTF-8 byte order mark. */
export async function* csvChunks<T>(columns: ExportColumn<T>[], rows: Rows<T>): AsyncGenerator<string> {
  yield "\uFEFF" + csvLine(columns.map((c) => c.header));
  let buffer = "";
  for await (const row of iterate(rows)) {
    buffer += csvLine(columns.map((c) => c.value(row)));
    if (buffer.length > 64_000) {
      yield buffer;
      buffer = "";
    }
  }
  if (buffer) yield buffer;
}

export async function toCsv<T>(columns: ExportColumn<T>[], rows: Rows<T>): Promise<string> {
  let out = "";
  for await (const chunk of csvChunks(columns, rows)) out += chunk;
  return out;
}

function xlsxValue(value: Cell): string | number | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return neutralise(value);
  return value;
}

/** Writes an XLSX workbook with one sheet to the stream, row by row. */
async function writeXlsx<T>(stream: PassThrough, sheetName: string, columns: ExportColumn<T>[], rows: Rows<T>) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31) || "Sheet1", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({ key: String(i), header: c.header, width: c.width ?? Math.max(10, Math.min(40, c.header.length + 4)) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const row of iterate(rows)) sheet.addRow(columns.map((c) => xlsxValue(c.value(row)))).commit();
  sheet.commit();
  await workbook.commit();
}

export async function toXlsx<T>(sheetName: string, columns: ExportColumn<T>[], rows: Rows<T>): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => stream.on("end", resolve));
  await writeXlsx(stream, sheetName, columns, rows);
  await done;
  return Buffer.concat(chunks);
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** `danh-sach_2026-11-29.csv` style names; ASCII fallback plus RFC 5987 UTF-8 name. */
function disposition(filename: string): string {
  const ascii = filename.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").replace(/[^\w.-]+/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * A streamed download response. `basename` has no extension; `sheetName` names the XLSX sheet.
 */
export function exportResponse<T>(options: { format: ExportFormat; basename: string; sheetName: string; columns: ExportColumn<T>[]; rows: Rows<T> }): Response {
  const { format, basename, sheetName, columns, rows } = options;
  let body: ReadableStream;
  if (format === "csv") {
    const bytes = async function* () {
      for await (const chunk of csvChunks(columns, rows)) yield Buffer.from(chunk, "utf8");
    };
    body = Readable.toWeb(Readable.from(bytes())) as ReadableStream;
  } else {
    const stream = new PassThrough();
    writeXlsx(stream, sheetName, columns, rows).catch((err) => stream.destroy(err as Error));
    body = Readable.toWeb(stream) as ReadableStream;
  }
  return new Response(body, {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": disposition(`${basename}.${format}`),
      "Cache-Control": "no-store",
    },
  });
}
