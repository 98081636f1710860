/**
 * Small text helpers shared by scan, parse and rules: label keys, digits, line index.
 * Nothing here knows about the report format.
 */

/** Whitespace a draft pads cells and lines with: ASCII, U+3000, U+00A0, BOM and zero-width marks. */
export const PAD_CHARS = ' \t\u3000\u00a0\ufeff\u200b\u200c\u200d\u200e\u200f\u2060\u202f\u2002\u2003';
const PAD_RE = /[\s\u3000\u00a0\ufeff\u200b-\u200f\u2060\u202a-\u202e\u2066-\u2069]/;

export function isPad(ch: string): boolean {
  return PAD_RE.test(ch);
}

/** Padding among the code units up to U+3000, looked up (PAD_RE, once for each). */
const PAD_BELOW_3001 = Uint8Array.from({ length: 0x3001 }, (_, c) => (PAD_RE.test(String.fromCharCode(c)) ? 1 : 0));

/**
 * isPad for a UTF-16 code unit. Loops over the text use it: `text[i]` makes a new string for
 * every CJK character, and drafts are mostly CJK characters.
 */
export function isPadCode(c: number): boolean {
  // CJK punctuation, ideographs and full-width forms: above U+3000, and no padding there but the BOM
  if (c > 0x3000) return c === 0xfeff;
  return PAD_BELOW_3001[c] === 1;
}

/** The first offset in [start, end) that is not padding (end if there is none). */
export function skipPad(text: string, start: number, end: number): number {
  while (start < end && isPadCode(text.charCodeAt(start))) start++;
  return start;
}

/** The offset after the last character in [start, end) that is not padding (start if there is none). */
export function skipPadBack(text: string, start: number, end: number): number {
  while (end > start && isPadCode(text.charCodeAt(end - 1))) end--;
  return end;
}

/** Offsets of the text inside [start, end) with padding removed on both sides. */
export function trimSpan(text: string, start: number, end: number): [number, number] {
  const s = skipPad(text, start, end);
  return [s, skipPadBack(text, s, end)];
}

/** Offset of `ch` in [from, to), or -1 (String.indexOf would go on searching to the end of the text). */
export function indexWithin(text: string, ch: string, from: number, to: number): number {
  const code = ch.charCodeAt(0);
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === code) return i;
  return -1;
}

const KEY_DROP = /[\s\u3000\u00a0\ufeff\u200b-\u200f\u2060\u202a-\u202e\u2066-\u2069"'“”‘’「」『』]/g;

/**
 * The key a label is compared by: NFKC (full-width digits, parentheses, commas become ASCII),
 * no whitespace or quotes, and an enumerator written `1、` or `1．` read as `1.`.
 */
export function labelKey(label: string): string {
  return label
    .normalize('NFKC')
    .replace(KEY_DROP, '')
    .replace(/^(\d+)[、,]/, '$1.')
    .replace(/[，]/g, ',')
    .replace(/[：]/g, ':');
}

const FORMAT_KEYS = new Map<string, string>();

/** labelKey of a label the format defines (a fixed set): normalised once, then reused by every check and rule. */
export function formatKey(label: string): string {
  let key = FORMAT_KEYS.get(label);
  if (key === undefined) {
    key = labelKey(label);
    FORMAT_KEYS.set(label, key);
  }
  return key;
}

/** The label key without a leading enumerator such as `一、`, `(三)`, `2.`. */
export function stripEnumerator(key: string): string {
  return key.replace(/^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+\.)/, '');
}

const FULLWIDTH_ZERO = 0xff10;

const FULLWIDTH_DIGIT = /[\uff10-\uff19]/;

/** ASCII digits for full-width ones (U+FF10–U+FF19). */
export function asciiDigits(s: string): string {
  // most text has none: a test allocates nothing, a replace with no match still does
  if (!FULLWIDTH_DIGIT.test(s)) return s;
  return s.replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - FULLWIDTH_ZERO + 48));
}

export function toFullWidthDigits(s: string): string {
  return s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 48 + FULLWIDTH_ZERO));
}

/** Maps offsets to 0-based line / UTF-16 character positions (LSP conventions). */
export class LineIndex {
  /** Offset where each line starts. */
  readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineOf(offset: number): number {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  position(offset: number): { line: number; character: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(o);
    return { line, character: o - this.starts[line] };
  }

  /** Offset of the end of a line's content (before its line break). */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    let e = next;
    if (e > this.starts[line] && this.text.charCodeAt(e - 1) === 10) e--;
    if (e > this.starts[line] && this.text.charCodeAt(e - 1) === 13) e--;
    return e;
  }

  offset(pos: { line: number; character: number }): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    return Math.min(this.starts[pos.line] + Math.max(0, pos.character), this.lineEnd(pos.line));
  }
}

/** The line break the text uses most (for inserted lines). */
export function dominantEol(text: string): string {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1 && crlf + lf < 200; i = text.indexOf('\n', i + 1)) {
    if (text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}
