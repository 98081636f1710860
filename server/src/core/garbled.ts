/**
 * Replacement characters (U+FFFD): what a decoder writes for bytes that are not text in the encoding it
 * was told. Two ways a Chinese draft comes out garbled in an editor, each with its own pattern:
 * - a GBK/GB18030 text decoded as UTF-8 (the WHATWG decoder, which browsers and VS Code use): one or two
 *   replacement characters per Chinese character, so in runs, with the odd Latin, Greek or Cyrillic letter
 *   (a GBK byte pair that happens to be a UTF-8 sequence) and hardly a Chinese character left;
 * - a GB18030 text decoded as GBK or GB2312 (what VS Code guesses for Chinese text): the Chinese is right,
 *   but each character GBK lacks (U+00A0 padding, rare characters in names) is GB18030's four bytes, lead,
 *   digit, lead, digit, which a GBK decoder gives as `�0�2`: a replacement character, a digit, a
 *   replacement character, a digit — digits that then read as numbers in the tables.
 */
export const REPLACEMENT = '\ufffd';

/** Fewer replacement characters than this are a few lost characters, not a file read as UTF-8. */
const MIN_AS_UTF8 = 8;
/** A GB18030 four-byte character as a GBK decoder gives it. */
const FOUR_BYTES_AS_GBK = /\ufffd[0-9]\ufffd[0-9]/g;

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

/** How a text was decoded wrongly, with where the first sign of it is and how many there are. */
export interface Misdecoding {
  /** utf8: a GBK/GB18030 text read as UTF-8; gbk: a GB18030 text read as GBK/GB2312. */
  as: 'utf8' | 'gbk';
  first: number;
  count: number;
}

/**
 * Whether the text reads as a Chinese text decoded in the wrong encoding: as UTF-8 when it has at least
 * MIN_AS_UTF8 replacement characters, at least half of them in runs, and more than twice as many of them as
 * Chinese characters (Latin-1 accents read as UTF-8 give one per word, between ASCII letters: not in runs);
 * as GBK when it holds GB18030 four-byte characters as a GBK decoder gives them.
 */
export function misdecoding(text: string): Misdecoding | null {
  const first = text.indexOf(REPLACEMENT);
  if (first < 0) return null;
  // (first: GB18030's four bytes read as UTF-8 give the same `�0�6` among everything else)
  const r = replacements(text);
  if (r.count >= MIN_AS_UTF8 && r.inRuns * 2 >= r.count && r.count > 2 * r.chinese) return { as: 'utf8', first, count: r.count };
  const fourBytes = [...text.matchAll(FOUR_BYTES_AS_GBK)];
  if (fourBytes.length) return { as: 'gbk', first: fourBytes[0].index, count: fourBytes.length };
  return null;
}
