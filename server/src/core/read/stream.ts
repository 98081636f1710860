/**
 * The key stream of a text: every character that a label key is made of (design.md, "read"),
 * normalised the way labelKey() normalises a label (NFKC, no whitespace or quotes, `1、` read as
 * `1.`), each with its offset in the text and whether whitespace or a line break came before it.
 * Label matching walks this stream, so a label is found whatever separates it from its cells and
 * however it is wrapped.
 */
import { isPadCode } from '../text';

export interface KeyStream {
  /** The normalised characters, one UTF-16 unit each (code units of labels are BMP). */
  chars: string;
  /** The same characters as code units (the label trie walks these: no string per character). */
  codes: Uint16Array;
  /** Offset in the text of each character of `chars`. */
  offsets: Int32Array;
  /** 1 where whitespace, a cell delimiter or a line break came before the character; 2 for a line break. */
  breaks: Uint8Array;
}

/** Characters dropped from keys (labelKey's KEY_DROP, quotes). */
const DROPPED = new Set([...'"\'“”‘’「」『』'].map((c) => c.charCodeAt(0)));

/** Cell delimiters and box drawing: they separate, like whitespace. */
export function isDelimiterCode(c: number): boolean {
  return c === 0x7c /* | */ || (c >= 0x2500 && c <= 0x257f) || c === 0xff5c /* ｜ */;
}

/** NFKC of each non-ASCII code unit met so far (0: not yet computed). */
const NFKC_CACHE = new Uint16Array(0x10000);

/** One character as a key character: NFKC for full-width forms (digits, parentheses, punctuation). */
function normalizeCode(c: number): number {
  if (c < 0x80) return c;
  let n = NFKC_CACHE[c];
  if (n === 0) {
    const s = String.fromCharCode(c).normalize('NFKC');
    n = c === 0xff0c ? 0x2c /* ， */ : c === 0xff1a ? 0x3a /* ： */ : s.length === 1 ? s.charCodeAt(0) : c;
    NFKC_CACHE[c] = n;
  }
  return n;
}

const isDigitCode = (c: number) => c >= 48 && c <= 57;

/**
 * The end of an HTML tag at i (`<td colspan="3">`, `</tr>`, `<br />`), or -1: a table embedded in Markdown
 * (pandoc writes one wherever cells are merged) has its cells between tags, which separate like bars.
 */
export function tagEnd(text: string, i: number, end = text.length): number {
  if (text.charCodeAt(i) !== 60 /* < */) return -1;
  const c = text.charCodeAt(i + 1);
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (!letter && c !== 47 /* / */) return -1;
  for (let k = i + 2; k < end && k < i + 200; k++) {
    const d = text.charCodeAt(k);
    if (d === 62 /* > */) return k + 1;
    if (d === 60 || d === 10 || d === 13) return -1;
  }
  return -1;
}

/** The string of code units (in chunks: an argument list has a limit); lone surrogates stay as they are. */
function fromCodes(codes: Uint16Array): string {
  let s = '';
  for (let i = 0; i < codes.length; i += 8192) s += String.fromCharCode.apply(null, codes.subarray(i, i + 8192) as unknown as number[]);
  return s;
}

export function keyStream(text: string, start = 0, end = text.length): KeyStream {
  const n = end - start;
  const codes = new Uint16Array(n);
  const offsets = new Int32Array(n);
  const breaks = new Uint8Array(n);
  let k = 0;
  let pending = 1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 12) {
      pending = 2;
      continue;
    }
    if (isPadCode(c) || isDelimiterCode(c)) {
      if (pending < 1) pending = 1;
      continue;
    }
    if (c === 60) {
      const t = tagEnd(text, i, end);
      if (t > 0) {
        if (pending < 1) pending = 1;
        i = t - 1;
        continue;
      }
    }
    if (DROPPED.has(c)) continue;
    let ch = normalizeCode(c);
    // an enumerator written `1、` or `1．` is `1.` (labelKey; NFKC already made `．` a `.`)
    if (ch === 0x3001 /* 、 */ && k > 0 && isDigitCode(codes[k - 1])) ch = 0x2e;
    codes[k] = ch;
    offsets[k] = i;
    breaks[k] = pending;
    pending = 0;
    k++;
  }
  const used = codes.subarray(0, k);
  return { chars: fromCodes(used), codes: used, offsets: offsets.subarray(0, k), breaks: breaks.subarray(0, k) };
}
