import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { csvLine, exportResponse, neutralise, parseExportFormat, toCsv, toXlsx, type ExportColumn } from "@/lib/export/tabular";

type Row = { name: string; count: number | null };
const columns: ExportColumn<Row>[] = [
  { header: "Họ và tên", value: (r) => r.name },
  { header: "Số lượng", value: (r) => r.count },
];

describe("formula neutralisation", () => {
  it.each(["=1+1", "+84912", "-2", "@SUM(A1)", "\tx", "\rx"])("prefixes %j", (v) => {
    expect(neutralise(v)).toBe(`'${v}`);
  });
  it("leaves ordinary text alone", () => {
    expect(neutralise("Nguyễn Văn A")).toBe("Nguyễn Văn A");
    expect(neutralise("a=b")).toBe("a=b");
  });
  it("keeps negative numbers as numbers", () => {
    expect(csvLine([-3, "-3"])).toBe("-3,'-3\r\n");
  });
});

describe("CSV", () => {
  it("starts with a BOM, quotes separators and neutralises formulas", async () => {
    const csv = await toCsv(columns, [
      { name: 'Trần "Bé", Ba', count: 3 },
      { name: "=HYPERLINK(\"http://x\")", count: null },
    ]);
    expect(csv.startsWith("\uFEFFHọ và tên,Số lượng\r\n")).toBe(true);
    expect(csv).toContain('"Trần ""Bé"", Ba",3\r\n');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")",\r\n`);
  });
  it("accepts async rows", async () => {
    async function* rows() {
      yield { name: "A", count: 1 };
      yield { name: "B", count: 2 };
    }
    expect(await toCsv(columns, rows())).toBe("\uFEFFHọ và tên,Số lượng\r\nA,1\r\nB,2\r\n");
  });
});

describe("XLSX", () => {
  it("writes headers, numbers and neutralised text", async () => {
    const buffer = await toXlsx("Thành viên", columns, [{ name: "@cmd", count: 7 }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.name).toBe("Thành viên");
    expect(sheet.getRow(1).getCell(1).value).toBe("Họ và tên");
    expect(sheet.getRow(2).getCell(1).value).toBe("'@cmd");
    expect(sheet.getRow(2).getCell(2).value).toBe(7);
  });
});

describe("download responses", () => {
  it("parses the format parameter", () => {
    expect(parseExportFormat(null)).toBe("csv");
    expect(parseExportFormat("XLSX")).toBe("xlsx");
    expect(parseExportFormat("pdf")).toBeNull();
  });
  it("sets type and a Vietnamese-safe file name", async () => {
    const res = exportResponse({ format: "csv", basename: "thành-viên", sheetName: "x", columns, rows: [{ name: "A", count: 1 }] });
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toContain('filename="thanh-vien.csv"');
    expect(res.headers.get("content-disposition")).toContain("filename*=UTF-8''th%C3%A0nh-vi%C3%AAn.csv");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
  it("streams XLSX", async () => {
    const res = exportResponse({ format: "xlsx", basename: "x", sheetName: "x", columns, rows: [{ name: "A", count: 1 }] });
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe("PK");
  });
});

describe("a long export", () => {
  /**
   * Rows that arrive without ever leaving the microtask queue, as the embedded database's do (it
   * runs its queries on this thread): a writer that never yields to the event loop would hold the
   * whole server, timers, sockets and other requests, until the file ends.
   */
  async function* microtaskRows(n: number, produced: { count: number }): AsyncGenerator<Row> {
    for (let i = 0; i < n; i++) {
      produced.count = i + 1;
      yield await Promise.resolve({ name: `Thành viên ${i}`, count: i });
    }
  }

  it.each(["csv", "xlsx"] as const)("lets the server answer others while a .%s is written", async (format) => {
    const produced = { count: 0 };
    const total = 20_000;
    let firedAt: number | null = null;
    setTimeout(() => (firedAt = produced.count), 0);
    const response = exportResponse({ format, basename: "x", sheetName: "x", columns, rows: microtaskRows(total, produced) });
    const reader = response.body!.getReader();
    while (!(await reader.read()).done);
    expect(produced.count).toBe(total);
    // A timer due at once ran while rows were still being produced, not only after the last one.
    expect(firedAt).not.toBeNull();
    expect(firedAt!).toBeLessThan(total);
  });
});
