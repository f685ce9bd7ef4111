import ExcelJS from "exceljs";
import * as XLSX from "@e965/xlsx";
import { describe, expect, it } from "vitest";
import { toLegacyText } from "@/lib/import/legacy-text";
import { MAX_ECHO_CHARS, parseRosterFile } from "@/lib/import/roster";
import { handmadeWorkbook, utf16, windows1258 } from "../support/roster-files";

const HEADER = ["Mã xã/phường", "Tên tổ", "Họ và tên", "Giới tính", "Năm sinh", "Số điện thoại", "Chức vụ"];
const LETTERS = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];

/** A seeded generator, so that a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

/** Random names over every toned letter, NFC. */
function vietnameseNames(count: number, seed: number): string[] {
  const next = random(seed);
  const word = () => {
    let w = "";
    for (let i = 0, n = 2 + next(5); i < n; i++) w += LETTERS[next(LETTERS.length)];
    return w[0].toUpperCase() + w.slice(1);
  };
  return Array.from({ length: count }, () => `${FAMILY[next(FAMILY.length)]} ${word()} ${word()}`.normalize("NFC"));
}

const row = (name: string, i: number) => ["28756", "Tổ CNSCĐ Khu phố 1", name, i % 2 ? "Nam" : "Nữ", 1950 + (i % 50), "", ""];

/** Written by exceljs, a different library from the reader. */
async function exceljsBook(rows: ExcelJS.CellValue[][], setup?: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Danh sách");
  for (const r of rows) ws.addRow(r);
  setup?.(ws);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function parsed(name: string, bytes: Uint8Array) {
  const r = await parseRosterFile(name, bytes, { currentYear: 2026 });
  if (!r.ok) throw new Error(`refused: ${r.code}`);
  return r;
}

describe("roster reader: text is never corrupted", () => {
  it("reads back 20,000 random Vietnamese names cell for cell", async () => {
    const names = vietnameseNames(20_000, 1);
    expect(new Set(names.join("")).size).toBeGreaterThanOrEqual(LETTERS.length);
    const r = await parsed("ds.xlsx", await exceljsBook([HEADER, ...names.map(row)]));
    expect(r.issues).toEqual([]);
    expect(r.rows.map((x) => x.fullName)).toEqual(names);
  }, 60_000);

  it("reads them back when every multi-byte character is shifted across the decompressor's chunk boundaries", async () => {
    const names = vietnameseNames(3_000, 7);
    for (const shift of [1, 2, 3]) {
      // A leading ASCII cell moves every later byte of the sheet by `shift` bytes.
      const rows = names.map((n, i) => [...row(n, i), "x".repeat(shift)]);
      const r = await parsed("ds.xlsx", await exceljsBook([[...HEADER, "Ghi chú"], ...rows]));
      expect(r.rows.map((x) => x.fullName)).toEqual(names);
    }
  }, 60_000);
});

describe("roster reader: the files officials have", () => {
  // Capitals with a tone lived in a separate upper-case legacy font, so these names have none.
  const names = ["Đặng Văn Hưởng", "Nguyễn Thị Ngọc Lan", "Trần Quốc Việt", "Lê Thị Mỹ Duyên", "Ưng Hoàng Phúc", "Ôn Thị Ơn"];
  const lines = names.map((n, i) => row(n, i).join(","));
  const text = [HEADER.join(","), ...lines].join("\r\n");

  it.each([
    ["UTF-8 with a byte order mark", new TextEncoder().encode("\uFEFF" + text), null],
    ["UTF-8 without a byte order mark", new TextEncoder().encode(text), null],
    ["UTF-16 little-endian", utf16(text, "le"), "UTF-16LE"],
    ["UTF-16 big-endian", utf16(text, "be"), "UTF-16BE"],
    ["UTF-16 without a byte order mark", utf16(text, "le", false), "UTF-16LE"],
    ["Windows-1258", windows1258(text), "WINDOWS-1258"],
  ])("reads a CSV in %s", async (_, bytes, encoding) => {
    const r = await parsed("ds.csv", bytes);
    expect(r.rows.map((x) => x.fullName)).toEqual(names);
    expect(r.rows.every((x) => x.fullName === x.fullName.normalize("NFC"))).toBe(true);
    expect(r.notices.filter((n) => n.code === "text_encoding")).toEqual(encoding ? [{ code: "text_encoding", values: { encoding } }] : []);
  });

  it("finds the header below title rows and fills merged cells", async () => {
    const bytes = await exceljsBook(
      [
        ["UBND PHƯỜNG PHÚ KHƯƠNG"],
        ["DANH SÁCH THÀNH VIÊN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG"],
        [],
        HEADER,
        ["28756", "Tổ CNSCĐ Khu phố 1", "Đặng Văn Hưởng", "Nam", 1958, "", "Tổ trưởng"],
        [null, null, "Lê Thị Mỹ Duyên", "Nữ", 1961, "", "Tổ phó"],
        [null, null, "Trần Quốc Việt", "Nam", 1990, "", ""],
      ],
      (ws) => {
        ws.mergeCells("A1:G1");
        ws.mergeCells("A5:A7");
        ws.mergeCells("B5:B7");
      },
    );
    const r = await parsed("ds.xlsx", bytes);
    expect(r.issues).toEqual([]);
    expect(r.rows.map((x) => [x.row, x.communeCode, x.teamName, x.fullName])).toEqual([
      [5, "28756", "Tổ CNSCĐ Khu phố 1", "Đặng Văn Hưởng"],
      [6, "28756", "Tổ CNSCĐ Khu phố 1", "Lê Thị Mỹ Duyên"],
      [7, "28756", "Tổ CNSCĐ Khu phố 1", "Trần Quốc Việt"],
    ]);
    expect(r.notices).toContainEqual({ code: "header_below", values: { row: 4 } });
  });

  it("reads Excel 97–2003 (.xls) workbooks", async () => {
    const ws = XLSX.utils.aoa_to_sheet([["Danh sách thành viên"], HEADER, ...names.map(row)]);
    const wb = XLSX.utils.book_new(ws, "Danh sách");
    const bytes = new Uint8Array(XLSX.write(wb, { type: "buffer", bookType: "biff8" }) as Buffer);
    const r = await parsed("ds.xls", bytes);
    expect(r.kind).toBe("xls");
    expect(r.rows.map((x) => x.fullName)).toEqual(names);
  });

  it.each(["TCVN3", "VNI"] as const)("converts names typed in %s fonts to Unicode, with a notice naming the column", async (encoding) => {
    const legacy = names.map((n) => toLegacyText(n, encoding));
    expect(legacy.some((n) => n !== names[names.indexOf(n)])).toBe(true);
    const bytes = await exceljsBook([HEADER, ...legacy.map((n, i) => row(n, i))]);
    const r = await parsed("ds.xlsx", bytes);
    expect(r.rows.map((x) => x.fullName)).toEqual(names);
    expect(r.notices).toContainEqual({ code: "legacy_font", values: { column: "Họ và tên", letter: "C", encoding, count: names.length } });
    // The team names are plain Unicode and are left alone.
    expect(r.notices.filter((n) => n.code === "legacy_font")).toHaveLength(1);
  });

  it("recognises the examples officials reported", async () => {
    const bytes = await exceljsBook([HEADER, row("§Æng V¨n H­ëng", 0), row("NguyÔn ThÞ Lan", 1)]);
    const r = await parsed("ds.xlsx", bytes);
    expect(r.rows.map((x) => x.fullName)).toEqual(["Đặng Văn Hưởng", "Nguyễn Thị Lan"]);
  });

  it("leaves Unicode names that happen to use only Latin-1 letters alone", async () => {
    const plain = ["Tô Bá Hà", "Hoàng Thu", "Lã Thị Út"];
    const r = await parsed("ds.csv", new TextEncoder().encode([HEADER.join(","), ...plain.map((n, i) => row(n, i).join(","))].join("\n")));
    expect(r.rows.map((x) => x.fullName)).toEqual(plain);
    expect(r.notices.filter((n) => n.code === "legacy_font")).toEqual([]);
  });

  it("normalises decomposed text to NFC and refuses control characters such as NUL", async () => {
    const decomposed = "Nguyễn Thị Lan".normalize("NFD");
    const text = [HEADER.join(","), row(decomposed, 0).join(","), row("Lê\u0000Văn", 1).join(",")].join("\n");
    const r = await parsed("ds.csv", new TextEncoder().encode(text));
    expect(r.rows.map((x) => x.fullName)).toEqual(["Nguyễn Thị Lan"]);
    expect(r.issues.map((i) => `${i.row}:${i.column}:${i.code}`)).toEqual(["3:fullName:control_char"]);
  });
});

describe("roster reader: hostile archives", () => {
  const header = [0, 1, 2, 3, 4, 5, 6];
  const strings = [...HEADER, "28756", "Tổ 1", "Nguyễn Văn A", "Nam"];

  it("refuses a workbook of half a million rows", async () => {
    function* rows() {
      yield header;
      for (let i = 0; i < 500_000; i++) yield [7, 8, 9, 10, 7, 8, 9];
    }
    const bytes = handmadeWorkbook({ strings, rows: rows() });
    expect(bytes.byteLength).toBeLessThan(512 * 1024);
    expect(await parseRosterFile("bomb.xlsx", bytes)).toEqual({ ok: false, code: "archive_too_large", values: { kind: ".xlsx" } });
  }, 60_000);

  it("stops after the row limit when the rows are small enough to pass the size bound", async () => {
    function* rows() {
      yield header;
      for (let i = 0; i < 200_000; i++) yield [9];
    }
    expect(await parseRosterFile("rows.xlsx", handmadeWorkbook({ strings, rows: rows() }))).toMatchObject({ ok: false, code: "too_many_rows" });
  }, 60_000);

  it("refuses an archive whose declared size is oversized, and one whose declaration lies", async () => {
    const huge = handmadeWorkbook({ strings, rows: [header], sheetDeclaredSize: 0xfffffff0 });
    expect(await parseRosterFile("huge.xlsx", huge)).toMatchObject({ ok: false, code: "archive_too_large" });
    function* many() {
      yield header;
      for (let i = 0; i < 5_000; i++) yield [7, 8, 9, 10, 7, 8, 9];
    }
    const lying = handmadeWorkbook({ strings, rows: many(), sheetDeclaredSize: 1_000 });
    expect(await parseRosterFile("lying.xlsx", lying)).toMatchObject({ ok: false, code: "archive_too_large" });
  });

  it("answers a workbook whose cells all reuse a 1 MB string with a small answer", async () => {
    const big = "Ạ".repeat(1024 * 1024);
    function* rows() {
      yield header;
      for (let i = 0; i < 2_000; i++) yield [7, 11, 11, 11, 11, 11, 11];
    }
    const bytes = handmadeWorkbook({ strings: [...strings, big], rows: rows() });
    expect(bytes.byteLength).toBeLessThan(64 * 1024);
    const r = await parsed("strings.xlsx", bytes);
    expect(r.rows).toEqual([]);
    expect(r.issues.length).toBeGreaterThan(0);
    for (const issue of r.issues) for (const v of Object.values(issue.values ?? {})) expect(String(v).length).toBeLessThanOrEqual(MAX_ECHO_CHARS);
    expect(JSON.stringify(r).length).toBeLessThan(2 * 1024 * 1024);
  });

  it("cuts every echoed cell to 100 characters", async () => {
    const long = "Tổ ".repeat(150);
    const r = await parsed("ds.csv", new TextEncoder().encode([HEADER.join(","), ["99999999", "T", "A", long, "", "", ""].join(",")].join("\n")));
    for (const issue of r.issues) for (const v of Object.values(issue.values ?? {})) expect(String(v).length).toBeLessThanOrEqual(MAX_ECHO_CHARS);
    expect(r.issues.map((i) => i.code)).toEqual(["commune_code_format", "gender_unknown"]);
  });
});
