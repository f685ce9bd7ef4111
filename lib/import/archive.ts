import { inflateRawSync } from "node:zlib";

/**
 * A spreadsheet archive (.xlsx is a zip) checked before any parser sees it: the central directory
 * is read by hand, every entry's declared size must fit the bounds, and every entry is inflated
 * with a hard output cap so that a size that lies is caught too. A 415 KB workbook can otherwise
 * hold hundreds of megabytes of rows or one string reused by every cell.
 */

/** The whole archive once inflated; a real 20,000-row roster with ten columns is about 5 MB. */
export const MAX_UNZIPPED_BYTES = 48 * 1024 * 1024;
/** Shared strings hold each distinct text once: a roster of 20,000 people needs a few MB. */
export const MAX_SHARED_STRINGS_BYTES = 16 * 1024 * 1024;
export const MAX_ENTRIES = 2_000;

export type ArchiveVerdict = { ok: true } | { ok: false; code: "unreadable" | "archive_too_large" };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

interface Entry {
  name: string;
  method: number;
  compressed: number;
  declared: number;
  offset: number;
}

function centralDirectory(buf: Buffer): Entry[] | null {
  const floor = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= floor; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  let at = buf.readUInt32LE(eocd + 16);
  // Zip64 markers: no roster within the upload limit needs them.
  if (count === 0xffff || size === 0xffffffff || at === 0xffffffff || at + size > buf.length) return null;
  const entries: Entry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) return null;
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    entries.push({
      method: buf.readUInt16LE(at + 10),
      compressed: buf.readUInt32LE(at + 20),
      declared: buf.readUInt32LE(at + 24),
      offset: buf.readUInt32LE(at + 42),
      name: buf.toString("utf8", at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function entryData(buf: Buffer, entry: Entry): Buffer | null {
  const at = entry.offset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL) return null;
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const end = start + entry.compressed;
  return end > buf.length ? null : buf.subarray(start, end);
}

/** Declared sizes first (cheap), then the actual sizes, each entry inflated under a cap. */
export function inspectArchive(bytes: Uint8Array): ArchiveVerdict {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = centralDirectory(buf);
  if (!entries || entries.length === 0) return { ok: false, code: "unreadable" };
  if (entries.length > MAX_ENTRIES) return { ok: false, code: "archive_too_large" };
  const capOf = (e: Entry) => (/sharedStrings\.xml$/i.test(e.name) ? MAX_SHARED_STRINGS_BYTES : MAX_UNZIPPED_BYTES);
  let declared = 0;
  for (const e of entries) {
    declared += e.declared;
    if (e.declared > capOf(e) || declared > MAX_UNZIPPED_BYTES) return { ok: false, code: "archive_too_large" };
  }
  let actual = 0;
  for (const e of entries) {
    const data = entryData(buf, e);
    if (!data) return { ok: false, code: "unreadable" };
    let size: number;
    if (e.method === 0) size = data.length;
    else if (e.method === 8) {
      try {
        // One byte past the declared size is enough to know the declaration lied.
        size = inflateRawSync(data, { maxOutputLength: Math.min(capOf(e), e.declared + 1, MAX_UNZIPPED_BYTES - actual + 1) }).length;
      } catch (error) {
        if (error instanceof RangeError || (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return { ok: false, code: "archive_too_large" };
        return { ok: false, code: "unreadable" };
      }
    } else return { ok: false, code: "unreadable" };
    if (size !== e.declared) return { ok: false, code: size > e.declared ? "archive_too_large" : "unreadable" };
    actual += size;
  }
  return { ok: true };
}
