/**
 * Vietnamese typed in the legacy 8-bit fonts (TCVN3 ".VnTime", VNI "VNI-Times") is stored in
 * spreadsheets as Latin-1 letters that only the font turns into Vietnamese: "§Æng V¨n H­ëng" is
 * "Đặng Văn Hưởng" in TCVN3, "Ñaëng Vaên Höôûng" in VNI. Such text is recognised per column and
 * converted to Unicode (NFC); the caller tells the user which columns were converted.
 */

export type LegacyEncoding = "TCVN3" | "VNI";

// TCVN3 (TCVN 5712:1993, ABC): one code per lower-case letter with its tone, plus the capital
// base letters; toned capitals lived in a separate upper-case font and share the lower-case codes.
const TCVN3_UNICODE = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ";
const TCVN3_CODES = "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\u00adõøö÷ùúýûüþ¡¢§£¤¥¦";
const TCVN3 = new Map<string, string>([...TCVN3_CODES].map((code, i) => [code, [...TCVN3_UNICODE][i]]));

// VNI: a base letter followed by a Latin-1 letter standing for its marks; ơ, ư, đ and the toned
// i and ỵ have codes of their own.
const TONE: Record<string, string> = { ø: "\u0300", ù: "\u0301", û: "\u0309", õ: "\u0303", ï: "\u0323" };
const CIRCUMFLEX: Record<string, string> = { â: "", à: "\u0300", á: "\u0301", å: "\u0309", ã: "\u0303", ä: "\u0323" };
const BREVE: Record<string, string> = { ê: "", è: "\u0300", é: "\u0301", ú: "\u0309", ü: "\u0303", ë: "\u0323" };
const VNI_SINGLE: Record<string, string> = {
  ô: "ơ",
  ö: "ư",
  ñ: "đ",
  ì: "ì",
  í: "í",
  æ: "ỉ",
  ó: "ĩ",
  ò: "ị",
  î: "ỵ",
};

function vniMarks(base: string, mark: string): string | null {
  const lower = mark.toLowerCase();
  const b = base.toLowerCase();
  if (b === "a" && lower in BREVE) return "\u0306" + BREVE[lower];
  if ((b === "a" || b === "e" || b === "o") && lower in CIRCUMFLEX) return "\u0302" + CIRCUMFLEX[lower];
  if ("aeiouyơư".includes(b) && lower in TONE) return TONE[lower];
  return null;
}

function fromVni(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const single = VNI_SINGLE[ch.toLowerCase()];
    const base = single ? (ch === ch.toLowerCase() ? single : single.toUpperCase()) : ch;
    const next = text[i + 1];
    const marks = next !== undefined ? vniMarks(base, next) : null;
    if (marks !== null) {
      out += base + marks;
      i++;
    } else out += base;
  }
  return out.normalize("NFC");
}

function fromTcvn3(text: string): string {
  let out = "";
  for (const ch of text) out += TCVN3.get(ch) ?? ch;
  return out.normalize("NFC");
}

/** Letters no Unicode Vietnamese text contains, so their presence is evidence of a legacy font. */
const TCVN3_ONLY = /[\u00a1-\u00bf\u00c6\u00c7\u00cb\u00ce\u00cf\u00d1\u00d6-\u00d8\u00dc\u00de\u00df\u00e4-\u00e7\u00eb\u00ee\u00ef\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe]/g;
const VNI_PAIR = /[aeouyAEOUYôöÔÖ][øùûõïâàáåãäêèéúüëØÙÛÕÏÂÀÁÅÃÄÊÈÉÚÜË]/g;
const VNI_ONLY = /[øûïåäüëöæîñØÛÏÅÄÜËÖÆÎÑ]/;

/** Only text made entirely of Latin-1 can be legacy: Unicode Vietnamese almost always leaves it. */
const LATIN1_WITH_ACCENTS = /^[\u0000-\u00ff]*[\u0080-\u00ff][\u0000-\u00ff]*$/;

/**
 * The legacy encoding of a column's texts, or null when they read as Unicode. A column counts as
 * legacy only when none of its texts uses a letter beyond Latin-1 and some use letters that no
 * Unicode Vietnamese has; TCVN3 and VNI are told apart by which evidence is stronger.
 */
export function detectLegacyEncoding(texts: Iterable<string>): LegacyEncoding | null {
  let tcvn = 0;
  let vni = 0;
  let evidence = false;
  for (const text of texts) {
    if (/[^\u0000-\u00ff]/.test(text)) return null;
    if (!LATIN1_WITH_ACCENTS.test(text)) continue;
    const t = text.match(TCVN3_ONLY)?.length ?? 0;
    const v = text.match(VNI_PAIR)?.length ?? 0;
    tcvn += t;
    vni += v;
    if (t > 0 || VNI_ONLY.test(text)) evidence = true;
  }
  if (!evidence) return null;
  return vni > tcvn ? "VNI" : "TCVN3";
}

/** The text in Unicode (NFC); text outside Latin-1 is already Unicode and is left alone. */
export function convertLegacyText(text: string, encoding: LegacyEncoding): string {
  if (!LATIN1_WITH_ACCENTS.test(text)) return text;
  return encoding === "VNI" ? fromVni(text) : fromTcvn3(text);
}

/** Unicode text into a legacy encoding: used to produce test files as old offices do. */
export function toLegacyText(text: string, encoding: LegacyEncoding): string {
  if (encoding === "TCVN3") {
    const reverse = new Map([...TCVN3].map(([code, letter]) => [letter, code]));
    return [...text.normalize("NFC")].map((ch) => reverse.get(ch) ?? reverse.get(ch.toLowerCase()) ?? ch).join("");
  }
  const toneCode = Object.fromEntries(Object.entries(TONE).map(([k, v]) => [v, k]));
  const circCode = Object.fromEntries(Object.entries(CIRCUMFLEX).map(([k, v]) => [v, k]));
  const breveCode = Object.fromEntries(Object.entries(BREVE).map(([k, v]) => [v, k]));
  let out = "";
  for (const ch of text.normalize("NFC")) {
    const upper = ch !== ch.toLowerCase();
    const lower = ch.toLowerCase();
    const single = Object.entries(VNI_SINGLE).find(([, letter]) => letter === lower);
    if (single) {
      out += upper ? single[0].toUpperCase() : single[0];
      continue;
    }
    const parts = lower.normalize("NFD");
    let base = parts[0];
    let marks = parts.slice(1);
    let code = "";
    if (marks.includes("\u031b")) {
      base = base === "o" ? "ô" : "ö";
      marks = marks.replace("\u031b", "");
    }
    const tone = [...marks].find((m) => m in toneCode) ?? "";
    if (marks.includes("\u0306")) code = breveCode[tone];
    else if (marks.includes("\u0302")) code = circCode[tone];
    else if (tone) code = toneCode[tone];
    const letter = upper ? base.toUpperCase() : base;
    out += letter + (upper ? code.toUpperCase() : code);
  }
  return out;
}
