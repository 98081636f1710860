/**
 * scan: one pass over the text that finds table rows and their cells, whatever the layout.
 *
 * Layouts (all seen in real drafts):
 *  - one cell per line: `\t<cell>` lines (one tab), a blank line ends a row; a short unindented line right after a
 *    cell line continues that cell (header text wrapped over lines, `本年新⏎制作数量`);
 *  - tab-separated rows: one row per line, cells split by TAB (empty cells where merged cells were,
 *    also at the start of a line: `\t\t\t3`);
 *  - `|`-wrapped: a line holding only `|` starts a row, each following `value |` line is a cell (the
 *    extra `||` after a row's last cell are not cells);
 *  - Markdown pipe tables: `| a | b |` lines, separator lines skipped.
 * Every cell keeps its exact offsets so that a fix replaces only its digits.
 */
import { LineIndex, asciiDigits, indexWithin, isPadCode, skipPad, skipPadBack, trimSpan } from './text';

export type Layout = 'cell-per-line' | 'tab' | 'pipe' | 'markdown';

export type CellValue =
  /** A number; [start, end) is its digit run (sign and decimals included, unit excluded). */
  | { kind: 'number'; value: number; start: number; end: number; fullWidth: boolean; grouped: boolean; integer: boolean }
  /** Nothing but padding. */
  | { kind: 'blank' }
  /** A placeholder meaning "none": `/`, `-`, `—`, `无`, `N/A`; [start, end) is the mark. */
  | { kind: 'dash'; start: number; end: number }
  /** Anything else (labels, headers, words in a number's place). */
  | { kind: 'text' };

export interface Cell {
  /** Raw span of the cell between its layout delimiters (indent tab, TAB, `|`). */
  start: number;
  end: number;
  /** The cell's text with padding trimmed, and its span. */
  text: string;
  textStart: number;
  textEnd: number;
  line: number;
  layout: Layout;
  value: CellValue;
}

export interface Row {
  cells: Cell[];
  firstLine: number;
  lastLine: number;
  layout: Layout;
}


export interface Scan {
  text: string;
  /** Where each line starts and ends (0-based lines, UTF-16 offsets). */
  index: LineIndex;
  rows: Row[];
}

const DASHES = new Set(['/', '-', '—', '——', '－', '─', '无', 'N/A', 'n/a', '／', '\\']);
const NUMBER_RE = /^([+\-−－]?)((?:\d{1,3}(?:[,，]\d{3})+)|\d+)(\.\d+)?(?:万元|元|件|条|个|项|起)?$/;

/** Shared by every blank and every text cell (values are never changed once made). */
const BLANK: CellValue = { kind: 'blank' };
const TEXT: CellValue = { kind: 'text' };

function isAsciiDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function cellValue(text: string, textStart: number): CellValue {
  if (text.length === 0) return BLANK;
  // `0`, `15`: most number cells, read as NUMBER_RE would read them, without its match and copies
  if (isAsciiDigits(text)) return { kind: 'number', value: Number(text), start: textStart, end: textStart + text.length, fullWidth: false, grouped: false, integer: true };
  if (DASHES.has(text)) return { kind: 'dash', start: textStart, end: textStart + text.length };
  const ascii = asciiDigits(text);
  const m = NUMBER_RE.exec(ascii);
  if (!m) return TEXT;
  const digits = m[2].replace(/[,，]/g, '');
  const sign = m[1] ? -1 : 1;
  const num = sign * Number(digits + (m[3] ?? ''));
  const runLength = m[1].length + m[2].length + (m[3]?.length ?? 0);
  return {
    kind: 'number',
    value: num,
    start: textStart,
    end: textStart + runLength,
    fullWidth: ascii !== text && /[\uff10-\uff19]/.test(text),
    grouped: m[2].length !== digits.length,
    integer: m[3] === undefined,
  };
}

function makeCell(text: string, start: number, end: number, line: number, layout: Layout): Cell {
  const ts = skipPad(text, start, end);
  const te = skipPadBack(text, ts, end);
  const t = text.slice(ts, te);
  return { start, end, text: t, textStart: ts, textEnd: te, line, layout, value: cellValue(t, ts) };
}

/** Where digits go into a blank cell: after its leading padding (one space in a Markdown cell). */
export function blankInsertOffset(text: string, cell: Cell): number {
  if (cell.layout === 'markdown') return text[cell.start] === ' ' ? cell.start + 1 : cell.start;
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

const TAB = 9;
const PIPE = 124;
const MD_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const SECTION_LIKE = /^[一二三四五六七八九十]+、/;

/** A short line after a one-cell line that is the cell's header text wrapped, not a sentence or a heading. */
const continuesCell = (trimmed: string) => !trimmed.includes('。') && !SECTION_LIKE.test(trimmed);

/** The line up to `end` is `|` alone (after a BOM at most): the start of a `|`-wrapped row. */
function isPipeOnly(text: string, start: number, end: number): boolean {
  if (text.charCodeAt(start) === 0xfeff) start++;
  return end - start === 1 && text.charCodeAt(start) === PIPE;
}

function isBlankLine(text: string, ls: number, le: number): boolean {
  for (let i = ls; i < le; i++) {
    const c = text.charCodeAt(i);
    if (c === 9 || !isPadCode(c)) return false;
  }
  return true;
}

/** Cells of a Markdown row: the spans between unescaped pipes. */
function markdownCells(text: string, ls: number, le: number, li: number): Cell[] {
  const pipes: number[] = [];
  for (let i = ls; i < le; i++) if (text.charCodeAt(i) === PIPE && text[i - 1] !== '\\') pipes.push(i);
  const cells: Cell[] = [];
  const [s, e] = trimSpan(text, ls, le);
  const bounds = [...pipes];
  if (bounds[0] !== s) bounds.unshift(s - 1);
  if (bounds[bounds.length - 1] !== e - 1) bounds.push(e);
  for (let k = 0; k + 1 < bounds.length; k++) cells.push(makeCell(text, bounds[k] + 1, bounds[k + 1], li, 'markdown'));
  return cells;
}

export function scan(text: string): Scan {
  const index = new LineIndex(text);
  const rows: Row[] = [];
  let current: Row | null = null;
  let pipeRow = false;
  let mdTable = false;

  const close = () => {
    if (current && current.cells.length > 0) rows.push(current);
    current = null;
    pipeRow = false;
  };

  for (let li = 0; li < index.lineCount; li++) {
    // the line is [ls, le): its start and the end of its content, before the line break
    const ls = index.starts[li];
    const le = index.lineEnd(li);
    if (isBlankLine(text, ls, le)) {
      close();
      mdTable = false;
      continue;
    }
    const ts = skipPad(text, ls, le);
    const te = skipPadBack(text, ts, le);
    // the line's text is sliced only where a branch reads it (most lines are prose or cells)
    const hasPipe = indexWithin(text, '|', ts, te) !== -1;

    if (isPipeOnly(text, ls, te)) {
      close();
      current = { cells: [], firstLine: li, lastLine: li, layout: 'pipe' };
      pipeRow = true;
      continue;
    }
    if (pipeRow && current) {
      const bar = indexWithin(text, '|', ls, le);
      if (bar !== -1 && text.slice(bar, te).replace(/[|\s]/g, '') === '') {
        const end = bar > ls && text[bar - 1] === ' ' ? bar - 1 : bar;
        current.cells.push(makeCell(text, ls, end, li, 'pipe'));
        current.lastLine = li;
        continue;
      }
      close();
    }
    if (text.charCodeAt(ts) === PIPE && indexWithin(text, '|', ts + 1, te) !== -1) {
      close();
      if (MD_SEPARATOR.test(text.slice(ts, te))) {
        mdTable = true;
        continue;
      }
      rows.push({ cells: markdownCells(text, ls, le, li), firstLine: li, lastLine: li, layout: 'markdown' });
      continue;
    }
    if (mdTable && hasPipe) {
      rows.push({ cells: markdownCells(text, ls, le, li), firstLine: li, lastLine: li, layout: 'markdown' });
      continue;
    }
    if (hasPipe && MD_SEPARATOR.test(text.slice(ts, te))) {
      mdTable = true;
      continue;
    }

    let indent = ls;
    while (indent < le && text.charCodeAt(indent) === TAB) indent++;
    const hasInnerTab = indexWithin(text, '\t', indent, le) !== -1;
    if (indent === ls + 1 && !hasInnerTab) {
      // one cell per line: the one-tab indent is layout, the rest is the cell (more tabs before a
      // cell are the empty cells of a tab-separated row: `\t\t\t3` is a row whose last cell is 3)
      let row = current as Row | null;
      if (row?.layout !== 'cell-per-line') {
        close();
        row = current = { cells: [], firstLine: li, lastLine: li, layout: 'cell-per-line' };
      }
      row.cells.push(makeCell(text, indent, le, li, 'cell-per-line'));
      row.lastLine = li;
      continue;
    }
    const hasTab = indent > ls || hasInnerTab;
    if (hasTab) {
      close();
      const cells: Cell[] = [];
      let s = ls;
      for (let i = ls; i <= le; i++) {
        if (i === le || text.charCodeAt(i) === TAB) {
          cells.push(makeCell(text, s, i, li, 'tab'));
          s = i + 1;
        }
      }
      rows.push({ cells, firstLine: li, lastLine: li, layout: 'tab' });
      continue;
    }
    const cur = current as Row | null;
    if (cur && cur.layout === 'cell-per-line' && cur.lastLine === li - 1 && te - ts <= 20 && continuesCell(text.slice(ts, te))) {
      // header text wrapped onto the next line: the cell goes on
      const last = cur.cells[cur.cells.length - 1];
      cur.cells[cur.cells.length - 1] = makeCell(text, last.start, le, last.line, 'cell-per-line');
      cur.lastLine = li;
      continue;
    }
    close();
  }
  close();
  return {
    text,
    index,
    rows,
  };
}
