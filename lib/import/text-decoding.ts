import iconv from "iconv-lite";

/**
 * The character encoding of a text file as offices save it: UTF-8 with or without a byte order
 * mark, UTF-16 (Excel's "Unicode text"), or Windows-1258 (Excel's "CSV" on a Vietnamese Windows).
 */
export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1258";

function looksUtf16(bytes: Uint8Array, zeroAt: 0 | 1): boolean {
  const sample = Math.min(bytes.length, 4096) & ~1;
  if (sample < 4) return false;
  let zeros = 0;
  for (let i = zeroAt; i < sample; i += 2) if (bytes[i] === 0) zeros++;
  // Latin letters, digits and punctuation of a roster are mostly ASCII: half their bytes are zero.
  return zeros > sample / 2 / 3;
}

export function detectTextEncoding(bytes: Uint8Array): { encoding: TextEncoding; bom: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", bom: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", bom: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", bom: 2 };
  if (looksUtf16(bytes, 1)) return { encoding: "utf-16le", bom: 0 };
  if (looksUtf16(bytes, 0)) return { encoding: "utf-16be", bom: 0 };
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { encoding: "utf-8", bom: 0 };
  } catch {
    return { encoding: "windows-1258", bom: 0 };
  }
}

/** The file's text in Unicode NFC (Windows-1258 writes tones as combining marks). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const { encoding, bom } = detectTextEncoding(bytes);
  const body = Buffer.from(bytes.buffer, bytes.byteOffset + bom, bytes.byteLength - bom);
  const text = encoding === "utf-8" ? new TextDecoder("utf-8").decode(body) : iconv.decode(body, encoding, { stripBOM: true });
  return { text: text.normalize("NFC"), encoding };
}
