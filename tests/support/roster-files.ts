import { crc32, deflateRawSync } from "node:zlib";
import iconv from "iconv-lite";

/** Files as offices and attackers produce them, for the import's reader tests. */

const TONES = new Set(["\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]);

/** Windows-1258 keeps the tone marks apart from the letters (ế is ê followed by a combining acute). */
export function windows1258(text: string): Uint8Array {
  let out = "";
  for (const ch of text.normalize("NFC")) {
    const parts = [...ch.normalize("NFD")];
    const tones = parts.filter((p) => TONES.has(p)).join("");
    out += parts.filter((p) => !TONES.has(p)).join("").normalize("NFC") + tones;
  }
  return new Uint8Array(iconv.encode(out, "windows1258"));
}

export function utf16(text: string, endian: "le" | "be", bom = true): Uint8Array {
  const body = iconv.encode(text, endian === "le" ? "utf16le" : "utf16be");
  const mark = endian === "le" ? [0xff, 0xfe] : [0xfe, 0xff];
  return new Uint8Array(bom ? [...mark, ...body] : body);
}

export interface ZipEntry {
  name: string;
  data: Buffer;
  /** A size written into the central directory instead of the true one. */
  declaredSize?: number;
}

/** A deflated zip archive, written by hand so that its declarations can lie. */
export function zip(entries: ZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const body = deflateRawSync(e.data);
    const size = e.declaredSize ?? e.data.length;
    const crc = crc32(e.data);
    // The local header and the central record carry the same fields, the latter 4 bytes further on.
    const header = (signature: number, length: number, shift: number) => {
      const b = Buffer.alloc(length);
      b.writeUInt32LE(signature, 0);
      b.writeUInt16LE(20, 4);
      b.writeUInt16LE(8, 8 + shift);
      b.writeUInt32LE(crc, 14 + shift);
      b.writeUInt32LE(body.length, 18 + shift);
      b.writeUInt32LE(size, 22 + shift);
      b.writeUInt16LE(name.length, 26 + shift);
      return b;
    };
    locals.push(header(0x04034b50, 30, 0), name, body);
    const central = header(0x02014b50, 46, 2);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A minimal workbook from its parts: shared strings and the sheet's rows (each a list of
 * shared-string indexes), with optional lies about a part's size.
 */
export function handmadeWorkbook(options: { strings: string[]; rows: Iterable<number[]>; sheetDeclaredSize?: number }): Uint8Array {
  const sst = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${options.strings
    .map((s) => `<si><t>${escapeXml(s)}</t></si>`)
    .join("")}</sst>`;
  const parts: string[] = [];
  // Row and cell references are optional in the format; without them the rows compress to almost nothing.
  for (const row of options.rows) parts.push(`<row>${row.map((v) => `<c t="s"><v>${v}</v></c>`).join("")}</row>`);
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${parts.join("")}</sheetData></worksheet>`;
  return zip([
    { name: "[Content_Types].xml", data: Buffer.from(CONTENT_TYPES) },
    { name: "_rels/.rels", data: Buffer.from(RELS) },
    { name: "xl/workbook.xml", data: Buffer.from(WORKBOOK) },
    { name: "xl/_rels/workbook.xml.rels", data: Buffer.from(WORKBOOK_RELS) },
    { name: "xl/sharedStrings.xml", data: Buffer.from(sst) },
    { name: "xl/worksheets/sheet1.xml", data: Buffer.from(sheet), declaredSize: options.sheetDeclaredSize },
  ]);
}
