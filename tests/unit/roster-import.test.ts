import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { windows1258 } from "../support/roster-files";
import { buildRosterTemplate } from "@/lib/import/roster-template";
import { checkFileEnvelope, parseCsvRecords, parseRosterFile, searchKey, MAX_DATA_ROWS, MAX_FILE_BYTES, type RowIssue } from "@/lib/import/roster";

const HEADER = ["Mã xã/phường", "Tên tổ", "Họ và tên", "Giới tính", "Năm sinh", "Số điện thoại", "Chức vụ", "Thành phần", "Ngày tham gia", "Ngày rời tổ"];
const GOOD = ["28756", "Tổ CNSCĐ Khu phố 1", "Nguyễn Thị Lan", "Nữ", "1988", "0912 345 678", "Thành viên", "Đoàn Thanh niên; Giáo viên", "15/03/2023", ""];

const utf8 = (text: string) => new TextEncoder().encode(text);
const csv = (rows: (string | number)[][], { bom = false, delimiter = "," } = {}) =>
  utf8((bom ? "\uFEFF" : "") + rows.map((r) => r.map((c) => (/[",;\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : c)).join(delimiter)).join("\r\n"));

async function xlsx(rows: ExcelJS.CellValue[][], sheetName = "Danh sách"): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  rows.forEach((r, i) => {
    r.forEach((v, j) => {
      if (v !== undefined) ws.getCell(i + 1, j + 1).value = v;
    });
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function parseOk(name: string, bytes: Uint8Array) {
  const result = await parseRosterFile(name, bytes, { currentYear: 2026 });
  if (!result.ok) throw new Error(`refused: ${result.code}`);
  return result;
}

const codes = (issues: RowIssue[]) => issues.map((i) => `${i.row}:${i.column ?? "-"}:${i.code}`);

describe("roster parser", () => {
  it("reads a CSV with a byte order mark and maps the Vietnamese vocabulary", async () => {
    const r = await parseOk("ds.csv", csv([HEADER, GOOD], { bom: true }));
    expect(r.issues).toEqual([]);
    expect(r.rows).toEqual([
      {
        row: 2,
        communeCode: "28756",
        communeName: null,
        provinceName: null,
        teamName: "Tổ CNSCĐ Khu phố 1",
        teamKey: "to cnscd khu pho 1",
        fullName: "Nguyễn Thị Lan",
        nameKey: "nguyen thi lan",
        gender: "female",
        birthYear: 1988,
        phone: "0912345678",
        position: "member",
        affiliations: ["youth_union", "teacher"],
        joinedOn: "2023-03-15",
        leftOn: null,
      },
    ]);
  });

  it("reads a CSV without a byte order mark, with semicolons and quoted line breaks", async () => {
    const r = await parseOk("ds.csv", csv([HEADER, GOOD.map((v, i) => (i === 2 ? "Nguyễn Thị\nLan" : v))], { delimiter: ";" }));
    expect(r.issues).toEqual([]);
    expect(r.rows[0].fullName).toBe("Nguyễn Thị Lan");
    expect(r.rows[0].affiliations).toEqual(["youth_union", "teacher"]);
  });

  it("reads a CSV that is not UTF-8 as Windows-1258 and says so", async () => {
    const r = await parseOk("ds.csv", windows1258([HEADER.join(","), "28756,T,Lê Văn Lắm,Nam,,,,,,"].join("\r\n")));
    expect(r.rows[0].fullName).toBe("Lê Văn Lắm");
    expect(r.notices).toContainEqual({ code: "text_encoding", values: { encoding: "WINDOWS-1258" } });
  });

  it("accepts labels without diacritics and in any case, and keys", async () => {
    const r = await parseOk(
      "ds.csv",
      csv([
        HEADER.map(searchKey),
        ["28756", "to cnscd khu pho 1", "Tran Van Binh", "nam", "1970", "+84 912 345 679", "to truong", "cong an;HOI CUU CHIEN BINH", "2023-01-02", ""],
        ["28756", "Khu phố 1", "Lê Thị Hoa", "NU", "1990", "", "tổ phó", "women_union", "", ""],
        ["28756", "Khu phố 1", "Lò Văn Sáng", "khac", "", "", "", "", "", ""],
      ]),
    );
    expect(r.issues).toEqual([]);
    expect(r.rows.map((x) => [x.gender, x.position, x.affiliations, x.phone, x.joinedOn])).toEqual([
      ["male", "leader", ["police", "veterans"], "0912345679", "2023-01-02"],
      ["female", "deputy", ["women_union"], null, null],
      ["other", null, null, null, null],
    ]);
  });

  it("skips fully empty rows silently and reports extra columns as a notice", async () => {
    const r = await parseOk("ds.csv", csv([[...HEADER, "Ghi chú"], ["", "", "", "", "", "", "", "", "", "", ""], [...GOOD, "x"], ["", "", ""]]));
    expect(r.issues).toEqual([]);
    expect(r.rows.map((x) => x.row)).toEqual([3]);
    expect(r.dataRows).toBe(1);
    expect(r.notices).toEqual([{ code: "extra_columns", values: { columns: "Ghi chú" } }]);
  });

  it("refuses a file with missing required columns, listing them", async () => {
    const r = await parseRosterFile("ds.csv", csv([["Mã xã/phường", "Họ và tên", "Giới tính"], ["28756", "A", "Nam"]]));
    expect(r).toEqual({ ok: false, code: "missing_columns", values: { columns: "Tên tổ, Năm sinh, Số điện thoại, Chức vụ" } });
  });

  it("reports wrong types by row and column", async () => {
    const bad = (i: number, v: string) => GOOD.map((x, j) => (j === i ? v : x));
    const r = await parseOk(
      "ds.csv",
      csv([
        HEADER,
        bad(4, "năm tám tám"),
        bad(4, "1850"),
        bad(4, "2031"),
        bad(8, "31/02/2023"),
        bad(5, "12345"),
        bad(3, "Nữ giới tính"),
        bad(6, "Chủ tịch"),
        bad(7, "Giáo viên; Kỹ sư"),
        bad(0, "2875A"),
        bad(2, ""),
        [...GOOD.slice(0, 8), "10/05/2024", "01/01/2024"],
      ]),
    );
    expect(codes(r.issues)).toEqual([
      "2:birthYear:birth_year_type",
      "3:birthYear:birth_year_range",
      "4:birthYear:birth_year_range",
      "5:joinedOn:date_invalid",
      "6:phone:phone_invalid",
      "7:gender:gender_unknown",
      "8:position:position_unknown",
      "9:affiliations:affiliation_unknown",
      "10:communeCode:commune_code_format",
      "11:fullName:required",
      "12:leftOn:left_before_joined",
    ]);
    expect(r.issues[0]).toMatchObject({ cell: "E", values: { value: "năm tám tám" } });
    expect(r.issues[7].values).toEqual({ value: "Kỹ sư" });
    expect(r.rows).toEqual([]);
  });

  it("reports rows repeated within the file and a second leader of a team", async () => {
    const r = await parseOk(
      "ds.csv",
      csv([
        HEADER,
        GOOD,
        GOOD.map((v, i) => (i === 2 ? "Nguyen Thi Lan" : i === 7 ? "" : v)),
        GOOD.map((v, i) => (i === 5 ? "" : v)),
        ["28756", "Tổ CNSCĐ Khu phố 1", "Trần Văn A", "Nam", "1970", "0987654321", "Tổ trưởng", "", "", ""],
        ["28756", "to cnscd khu pho 1", "Trần Văn B", "Nam", "1971", "0987654322", "Tổ trưởng", "", "", ""],
        ["28756", "Tổ CNSCĐ Khu phố 2", "Trần Văn C", "Nam", "1972", "0987654323", "Tổ trưởng", "", "", ""],
        ["28756", "Tổ CNSCĐ Khu phố 1", "Trần Văn D", "Nam", "1973", "0987654324", "Tổ trưởng", "", "01/01/2024", "01/06/2025"],
      ]),
    );
    expect(codes(r.issues)).toEqual(["3:-:duplicate_row", "4:-:duplicate_row", "6:position:leader_in_file"]);
    expect(r.issues.map((i) => i.values)).toEqual([{ first: 2 }, { first: 2 }, { first: 5 }]);
    expect(r.rows.map((x) => x.row)).toEqual([2, 5, 7, 8]);
  });

  it("refuses formulas in cells, in a workbook and in a CSV", async () => {
    const book = await xlsx([HEADER, [...GOOD.slice(0, 4), { formula: "1980+8", result: 1988 }, ...GOOD.slice(5)]]);
    const r = await parseOk("ds.xlsx", book);
    expect(codes(r.issues)).toEqual(["2:birthYear:formula"]);
    expect(r.issues[0].cell).toBe("E");
    const c = await parseOk("ds.csv", csv([HEADER, GOOD.map((v, i) => (i === 2 ? "=HYPERLINK(\"x\")" : v))]));
    expect(codes(c.issues)).toEqual(["2:fullName:formula"]);
  });

  it("reads a workbook with real dates, number cells and rich text", async () => {
    const book = await xlsx([
      HEADER,
      [28756, { richText: [{ text: "Tổ CNSCĐ " }, { text: "Khu phố 1" }] }, "Phạm Văn Nam", "Nam", 1979, 912345678, "Thành viên", "Người dân", new Date(Date.UTC(2023, 2, 15)), new Date(Date.UTC(2025, 0, 31))],
      [4, "Tổ 2", "Vũ Thị Mai", "Nữ", "1995", "0243 987 6543", "", "", "01/02/2024", 45352],
    ]);
    const r = await parseOk("ds.xlsx", book);
    expect(r.issues).toEqual([]);
    expect(r.kind).toBe("xlsx");
    expect(r.rows.map((x) => [x.communeCode, x.teamName, x.birthYear, x.phone, x.joinedOn, x.leftOn])).toEqual([
      ["28756", "Tổ CNSCĐ Khu phố 1", 1979, "0912345678", "2023-03-15", "2025-01-31"],
      ["00004", "Tổ 2", 1995, "02439876543", "2024-02-01", "2024-03-01"],
    ]);
  });

  it("finds the roster sheet of the downloaded template and ignores the instructions", async () => {
    const template = await buildRosterTemplate([{ communeCode: "28756", communeName: "Phường Phú Khương", teamName: "Tổ CNSCĐ Khu phố 1", hamletName: "Khu phố 1" }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Danh sách", "Hướng dẫn", "Tổ hiện có"]);
    expect((wb.getWorksheet("Danh sách")!.getRow(1).values as string[]).slice(1)).toEqual(HEADER.map((h, i) => (i < 7 ? `${h}*` : h)));
    const help = wb.getWorksheet("Hướng dẫn")!;
    const helpText = help.getSheetValues().flat().join(" ");
    for (const label of ["Nam", "Nữ", "Khác", "Tổ trưởng", "Tổ phó", "Thành viên", "Hội Liên hiệp Phụ nữ", "dd/MM/yyyy"]) expect(helpText).toContain(label);
    wb.getWorksheet("Danh sách")!.addRow(GOOD);
    const r = await parseOk("mau.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(r.issues).toEqual([]);
    expect(r.rows).toHaveLength(1);
  });

  it("refuses wrong extensions, oversized, unreadable and empty files", async () => {
    expect(checkFileEnvelope("ds.doc", 10)).toEqual({ code: "file_type", values: { name: "ds.doc" } });
    expect(checkFileEnvelope("ds.pdf", 10)?.code).toBe("file_type");
    expect(checkFileEnvelope("ds.xlsx", MAX_FILE_BYTES + 1)?.code).toBe("file_too_large");
    expect(await parseRosterFile("ds.xlsx", utf8("not a workbook"))).toEqual({ ok: false, code: "unreadable", values: { kind: ".xlsx" } });
    expect(await parseRosterFile("ds.xlsx", new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]))).toMatchObject({ ok: false, code: "unreadable" });
    expect(await parseRosterFile("ds.csv", utf8("\uFEFF\r\n\r\n"))).toEqual({ ok: false, code: "empty_file" });
    expect(await parseRosterFile("ds.csv", csv([HEADER]))).toEqual({ ok: false, code: "no_data" });
  });

  it("refuses more rows than the limit", async () => {
    const rows = Array.from({ length: MAX_DATA_ROWS + 1 }, (_, i) => ["28756", "T", `Người ${i}`, "Nam", "", "", "", "", "", ""]);
    const r = await parseRosterFile("ds.csv", csv([HEADER, ...rows]));
    expect(r).toEqual({ ok: false, code: "too_many_rows", values: { max: MAX_DATA_ROWS } });
  });

  it("splits CSV records as RFC 4180 says", () => {
    expect(parseCsvRecords('a,"b ""c""",d\r\n"x\ny",z\n', ",")).toEqual([
      { line: 1, fields: ["a", 'b "c"', "d"] },
      { line: 2, fields: ["x\ny", "z"] },
    ]);
  });
});
