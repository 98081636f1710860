/**
 * Replacement characters (U+FFFD): what a decoder writes for bytes that are not text in the encoding it
 * was told. A GBK/GB18030 text decoded as UTF-8 (the WHATWG decoder, which browsers and VS Code use) has
 * them where its Chinese was: one or two per character, so in runs, with the odd Latin, Greek or Cyrillic
 * letter (a GBK byte pair that happens to be a UTF-8 sequence) and hardly a Chinese character left.
 */
export const REPLACEMENT = '\ufffd';

/** Fewer replacement characters than this are a few lost characters, not a file read in the wrong encoding. */
const MIN_MISDECODED = 8;

export interface Replacements {
  /** Replacement characters in the text. */
  count: number;
  /** Those next to another one. */
  inRuns: number;
  /** Chinese characters and full-width punctuation (CJK ideographs, CJK symbols, full-width forms). */
  chinese: number;
}

const isChinese = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef);

export function replacements(text: string): Replacements {
  const r: Replacements = { count: 0, inRuns: 0, chinese: 0 };
  const code = REPLACEMENT.charCodeAt(0);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === code) {
      r.count++;
      if (text.charCodeAt(i - 1) === code || text.charCodeAt(i + 1) === code) r.inRuns++;
    } else if (isChinese(c)) r.chinese++;
  }
  return r;
}

/**
 * Whether the text reads as a GBK/GB18030 text decoded as UTF-8: at least MIN_MISDECODED replacement
 * characters, at least half of them in runs, and more than twice as many of them as Chinese characters.
 * (Latin-1 accents read as UTF-8 give one per word, between ASCII letters: not in runs.)
 */
export function misdecoded(text: string): boolean {
  if (!text.includes(REPLACEMENT)) return false;
  const r = replacements(text);
  return r.count >= MIN_MISDECODED && r.inRuns * 2 >= r.count && r.count > 2 * r.chinese;
}
