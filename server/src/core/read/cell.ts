/**
 * A cell as the reader gives it to parse and the rules: its exact span in the text, its text, and
 * its value. Every cell keeps its offsets, so a fix replaces only its digits.
 */
import { asciiDigits, isPadCode, skipPad, skipPadBack } from '../text';

/**
 * How the row's cells were separated in the text (README, "what is read"):
 * tab — TAB-separated fields; bar — `|` or `│` fields (Markdown, w3m, pandoc grids, `|`-wrapped rows);
 * lines — one cell per line; paragraphs — one cell per paragraph (blank lines between);
 * spaces — single spaces (a PDF viewer's copy); aligned — runs of spaces in columns (pdftotext -layout,
 * pandoc); glued — digits run together, split where the sums leave one reading.
 */
export type Shape = 'tab' | 'bar' | 'lines' | 'paragraphs' | 'spaces' | 'aligned' | 'glued';

/** The older name of a cell's shape (Markdown cells get their digits after one space). */
export type Layout = Shape | 'markdown';

export type CellValue =
  /** A number; [start, end) is its digit run (sign and decimals included, unit excluded). */
  | { kind: 'number'; value: number; start: number; end: number; fullWidth: boolean; grouped: boolean; integer: boolean; exact: boolean }
  /** Nothing but padding. */
  | { kind: 'blank' }
  /** A placeholder meaning "none": `/`, `-`, `—`, `无`, `N/A`; [start, end) is the mark. */
  | { kind: 'dash'; start: number; end: number }
  /** Anything else (labels, headers, words in a number's place). */
  | { kind: 'text' };

export interface Cell {
  /** Raw span of the cell between its delimiters (the padding around its text included). */
  start: number;
  end: number;
  /** The cell's text with padding trimmed, and its span. */
  text: string;
  textStart: number;
  textEnd: number;
  line: number;
  layout: Layout;
  value: CellValue;
  /**
   * A blank the reader inferred (a column of aligned text with nothing under it, an empty paragraph):
   * no character of the text is the cell, so no digit can be written into it.
   */
  inferred?: boolean;
}

export const DASHES = new Set(['/', '-', '—', '——', '－', '─', '无', 'N/A', 'n/a', '／', '\\', '–']);
const NUMBER_RE = /^([+\-−－]?)((?:\d{1,3}(?:[,，]\d{3})+)|\d+)(\.\d+)?(?:万元|元|件|条|个|项|起)?$/;

/** Shared by every blank and every text cell (values are never changed once made). */
export const BLANK: CellValue = { kind: 'blank' };
export const TEXT: CellValue = { kind: 'text' };

function isAsciiDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Digit runs longer than this may not be exact as JavaScript numbers (2^53 has 16 digits). */
const EXACT_DIGITS = 15;

export function cellValue(text: string, textStart: number): CellValue {
  if (text.length === 0) return BLANK;
  // `0`, `15`: most number cells, read as NUMBER_RE would read them, without its match and copies
  if (isAsciiDigits(text)) {
    const value = Number(text);
    return { kind: 'number', value, start: textStart, end: textStart + text.length, fullWidth: false, grouped: false, integer: true, exact: text.length <= EXACT_DIGITS || Number.isSafeInteger(value) };
  }
  if (DASHES.has(text)) return { kind: 'dash', start: textStart, end: textStart + text.length };
  const ascii = asciiDigits(text);
  const m = NUMBER_RE.exec(ascii);
  if (!m) return TEXT;
  const digits = m[2].replace(/[,，]/g, '');
  const negative = m[1] !== '' && m[1] !== '+';
  const num = Number(digits + (m[3] ?? ''));
  const runLength = m[1].length + m[2].length + (m[3]?.length ?? 0);
  return {
    kind: 'number',
    value: negative ? -num : num,
    start: textStart,
    end: textStart + runLength,
    fullWidth: ascii !== text && /[\uff10-\uff19]/.test(text),
    grouped: m[2].length !== digits.length,
    integer: m[3] === undefined,
    exact: m[3] === undefined ? digits.length <= EXACT_DIGITS || Number.isSafeInteger(num) : digits.length + m[3].length - 1 <= EXACT_DIGITS,
  };
}

export function makeCell(text: string, start: number, end: number, line: number, layout: Layout): Cell {
  const ts = skipPad(text, start, end);
  const te = skipPadBack(text, ts, end);
  const t = text.slice(ts, te);
  return { start, end, text: t, textStart: ts, textEnd: te, line, layout, value: cellValue(t, ts) };
}

/** Where digits go into a blank cell: after its leading padding (one space in a Markdown cell). */
export function blankInsertOffset(text: string, cell: Cell): number | undefined {
  if (cell.inferred) return undefined;
  if (cell.layout === 'markdown' || cell.layout === 'bar') return text[cell.start] === ' ' ? cell.start + 1 : cell.start;
  let i = cell.start;
  while (i < cell.end && isPadCode(text.charCodeAt(i))) i++;
  return i;
}

/** The range a finding about a cell covers: its digits or mark, else its padding, else its delimiter. */
export function cellRange(text: string, cell: Cell): [number, number] {
  const v = cell.value;
  if (v.kind === 'number' || v.kind === 'dash') return [v.start, v.end];
  if (cell.textEnd > cell.textStart) return [cell.textStart, cell.textEnd];
  if (cell.end > cell.start) return [cell.start, cell.end];
  const prev = text[cell.start - 1];
  if (prev === '\t' || prev === '|') return [cell.start - 1, cell.start];
  return [cell.start, cell.start];
}
