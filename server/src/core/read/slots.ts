/**
 * The cells of one row, as the text shows them: from where the row's label begins to where the
 * next label begins, everything but the label becomes slots — values (numbers and dash marks) and
 * the blanks the shape shows (an empty field between TABs or bars, a whitespace-only line, an extra
 * blank line between paragraphs). Junk (a broken-up group label, header words) is left out.
 * Fitting the slots to the format's columns is fit.ts's.
 */
import type { Span } from '../report';
import type { LineIndex } from '../text';
import { isPadCode, skipPad } from '../text';
import { BLANK, makeCell, type Cell, type Shape } from './cell';
import { isFurnitureAt } from './furniture';
import { SpanSet } from './spans';
import { isDelimiterCode, tagEnd } from './stream';

export interface Slot {
  cell: Cell;
  /** A value (number or dash) or a blank cell. */
  value: boolean;
  /** Display columns of the slot's first and last character on its line: char count and East Asian width. */
  x?: { char: number; wide: number; charEnd: number; wideEnd: number };
  /** A blank at an end of the row that may be padding rather than a cell (an empty field after the last value, a blank line before the next label). */
  soft?: boolean;
}

export interface RawRow {
  /** How the values were separated. */
  shape: Shape;
  slots: Slot[];
  /** Numbers glued to the label or to each other with no separator (a flattened table). */
  glued: boolean;
  /** Line kinds after the label in cell-per-line shapes (V value, W whitespace-only, E empty), for the table's style. */
  lineKinds: string;
  /** Lines the row's label and cells are on. */
  firstLine: number;
  lastLine: number;
  /** Any gap of two or more spaces between values on a line (aligned columns, not a viewer's copy). */
  wideGaps: boolean;
  /** One cell a line, each line indented by one TAB: a blank line then ends the row. */
  indented: boolean;
  /**
   * The row read as TAB-separated fields across its lines (a browser's innerText of cells that hold
   * paragraphs: `\n\n217\n\n\t\n\n1…`): the cells when the table's rows are separated that way.
   */
  tokens: () => Slot[];
  /** A TAB stands in the row's text after its label (the 'tabs' style may read it). */
  hasTabs: boolean;
  /**
   * A row on a line: the values on lines of their own after it, before the next label (pdftotext puts a row's first
   * cell beside its label and the others a paragraph each: `行政规范性文件 62` / `33` / `440`).
   */
  rest: Slot[];
  /**
   * The row's slots as each table style reads them (fit.ts's slotsIn, made when first asked). A field of the row,
   * not a WeakMap by row: the young generation's collections keep a WeakMap's values (bench/RESULTS.md, fifth round).
   */
  styled: { lines?: Slot[]; paragraphs?: Slot[]; tabs?: Slot[] };
}

const TAB = 9;

/** The spaces between two words, in columns (U+3000 takes two). */
function gapWidth(text: string, from: number, to: number): number {
  let w = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 0xa0) w++;
    else if (c === 0x3000) w += 2;
  }
  return w;
}

/** East Asian wide characters take two columns in monospaced text (pandoc, w3m). */
export function isWide(c: number): boolean {
  return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6);
}

/** The wide column of `at` on its line. */
function wideColumn(text: string, lineStart: number, at: number, wideCache: { line: number; upto: number; wide: number }): number {
  // the wide column of `at`: counted from the line start (or from the last position counted on this line)
  if (wideCache.line !== lineStart || wideCache.upto > at) {
    wideCache.line = lineStart;
    wideCache.upto = lineStart;
    wideCache.wide = 0;
  }
  let w = wideCache.wide;
  for (let i = wideCache.upto; i < at; i++) w += isWide(text.charCodeAt(i)) ? 2 : 1;
  wideCache.upto = at;
  wideCache.wide = w;
  return w;
}

/** Bars and box drawing, and padding, only (what is left of a table line in front of another table's label). */
function onlyDelimiters(text: string, a: number, b: number): boolean {
  let bar = false;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (isDelimiterCode(c)) bar = true;
    else if (!isPadCode(c)) return false;
  }
  return bar;
}

function onlyTabs(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (text.charCodeAt(i) !== TAB) return false;
  return b > a;
}

function onlyPad(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (!isPadCode(text.charCodeAt(i))) return false;
  return true;
}

interface Field {
  start: number;
  end: number;
}

/** Splits [a, b) at delimiters (TAB, or bars and box drawing). */
function split(text: string, a: number, b: number, isDelim: (c: number) => boolean): Field[] {
  const out: Field[] = [];
  let s = a;
  for (let i = a; i <= b; i++) {
    if (i === b || isDelim(text.charCodeAt(i))) {
      out.push({ start: s, end: i });
      s = i + 1;
    }
  }
  return out;
}

/** Splits [a, b) at tags (and bars outside them), dropping the tags. */
function splitAt(a: number, b: number, tags: Field[], text: string): Field[] {
  const out: Field[] = [];
  let s = a;
  for (const t of tags) {
    if (t.start < a || t.end > b) continue;
    out.push(...split(text, s, t.start, isDelimiterCode));
    s = t.end;
  }
  out.push(...split(text, s, b, isDelimiterCode));
  return out;
}

/** Words of [a, b): runs of characters that are not padding. */
function words(text: string, a: number, b: number): Field[] {
  const out: Field[] = [];
  let i = a;
  while (i < b) {
    while (i < b && isPadCode(text.charCodeAt(i))) i++;
    if (i >= b) break;
    const s = i;
    while (i < b && !isPadCode(text.charCodeAt(i))) i++;
    out.push({ start: s, end: i });
  }
  return out;
}

const isValueCell = (c: Cell) => c.value.kind === 'number' || c.value.kind === 'dash';
/** A filled cell: a value, or words where a value should be. */
const isFilled = (c: Cell) => c.value.kind !== 'blank';

/** A word with a letter in it (a quote mark or a bracket left over from a label is none). */
const WORDY = /[\p{L}\p{N}]/u;

const MD_RULE = /^\s*(?::?-{2,}:?)?\s*$/;

/** Box drawing that is not a vertical bar: a rule between rows (`├────┼────┤`). */
const isRuleCode = (c: number) => c >= 0x2500 && c <= 0x257f && c !== 0x2502 && c !== 0x2503 && c !== 0x2551;

const isRunCode = (c: number) => (c >= 48 && c <= 57) || c === 46 || c === 45 || (c >= 0xff10 && c <= 0xff19);

/**
 * Digits glued to a label (`…数量0000000`) or to a piece of another (`0000000三、本…`): the runs of digits
 * at either end of what is left of a word once the labels are taken out.
 */
function digitRuns(text: string, f: Field): Field[] {
  let e = f.start;
  while (e < f.end && isRunCode(text.charCodeAt(e))) e++;
  const out: Field[] = [];
  if (e > f.start) out.push({ start: f.start, end: e });
  let s = f.end;
  while (s > e && isRunCode(text.charCodeAt(s - 1))) s--;
  if (s < f.end && s > e) out.push({ start: s, end: f.end });
  return out;
}

function hasInnerMinus(text: string, r: Field): boolean {
  for (let i = r.start + 1; i < r.end; i++) if (text.charCodeAt(i) === 45) return true;
  return false;
}

/** A run with a minus inside (`35-15`, a 本年增/减 glued to the cell before it) is two numbers: `35` and `-15`. */
function signed(text: string, runs: Field[]): Field[] {
  if (!runs.some((r) => hasInnerMinus(text, r))) return runs;
  const out: Field[] = [];
  for (const r of runs) {
    let s = r.start;
    for (let i = r.start + 1; i < r.end; i++) {
      if (text.charCodeAt(i) === 45 && text.charCodeAt(i - 1) !== 45) {
        out.push({ start: s, end: i });
        s = i;
      }
    }
    out.push({ start: s, end: r.end });
  }
  return out;
}

/** Where a row's text is read: its span, its label's pieces and the other labels in it, and the wide columns counted so far. */
interface RowText {
  text: string;
  index: LineIndex;
  segStart: number;
  segEnd: number;
  own: SpanSet;
  masked: SpanSet;
  labelEnd: number;
  wideCache: { line: number; upto: number; wide: number };
}

function slotOf(r: RowText, cell: Cell, lineStart: number, soft = false): Slot {
  const last = Math.max(cell.textStart, cell.textEnd - 1);
  const wide = wideColumn(r.text, lineStart, cell.textStart, r.wideCache);
  return { cell, value: isFilled(cell), x: { char: cell.textStart - lineStart, wide, charEnd: last - lineStart, wideEnd: wideColumn(r.text, lineStart, last, r.wideCache) }, soft };
}

/** One line of a row's text, as fields (delimited) or words, with the label taken out. */
interface LineInfo {
  li: number;
  ls: number;
  kind: 'V' | 'M' | 'W' | 'E' | 'T' | 'J';
  delim: 'tab' | 'bar' | null;
  slots: Slot[];
  label: boolean;
  wide: boolean;
  indent: boolean;
  /** Numbers glued to the label or to each other on the line. */
  glued: boolean;
}

/** A line with no cells of the row: a line of TABs (T), an empty one (E), or whitespace only (W). */
function emptyLine(li: number, ls: number, kind: LineInfo['kind'], glued = false): LineInfo {
  return { li, ls, kind, delim: null, slots: [], label: false, wide: false, indent: false, glued };
}

/** Line `li` of the row's text, or null where it holds nothing of the row (page furniture, a rule, the padding before the next label). */
function lineOfRow(r: RowText, li: number): LineInfo | null {
  const { text, index, own, masked, labelEnd } = r;
  const ls = index.starts[li];
  const le = index.lineEnd(li);
  const a = Math.max(ls, r.segStart);
  const b = Math.min(le, r.segEnd);
  const hasLabel = own.overlaps(a, b);
  if (isFurnitureAt(text, ls, le)) return null;
  // the padding in front of the next row's label is not a cell of this row
  if (b < le && a < b && onlyPad(text, a, b)) return null;
  // a line that is only TABs separates cells (a browser's innerText of cells holding paragraphs)
  if (a === ls && b === le && onlyTabs(text, a, b)) return emptyLine(li, ls, 'T');
  if (a >= b) return emptyLine(li, ls, le === ls ? 'E' : 'W');
  let hasBar = false;
  let hasRule = false;
  let tabs = 0;
  let lineTabs = 0;
  let glued = false;
  // HTML tags in the row's part of the line separate its cells like bars (`<td>217</td>`)
  let tags: Field[] | undefined;
  for (let i = ls; i < le; i++) {
    const c = text.charCodeAt(i);
    const inside = i >= a && i < b;
    if (c === 60 && inside) {
      const t = tagEnd(text, i, le);
      if (t > 0) {
        tags ??= [];
        tags.push({ start: i, end: t });
        hasBar = true;
        i = t - 1;
        continue;
      }
    }
    if (c === TAB) {
      lineTabs++;
      if (inside) tabs++;
    } else if (inside && isDelimiterCode(c)) {
      hasBar = true;
      if (isRuleCode(c)) hasRule = true;
    }
  }
  // one TAB in front of a line is an indent (one cell a line), not a field
  const indent = lineTabs === 1 && text.charCodeAt(ls) === TAB ? 1 : 0;
  const hasTab = tabs > (indent && a === ls ? 1 : 0);
  const slots: Slot[] = [];
  let delim: LineInfo['delim'] = null;
  let wide = false;
  // the fields of the part of the line that is this row's (a flattened page puts a whole table on one line)
  let fields = hasBar || hasTab ? (tags ? splitAt(a, b, tags, text) : split(text, a, b, hasBar ? isDelimiterCode : (c: number) => c === TAB)) : [];
  // `value |` (and a row's last `17 | ||`): a `|`-wrapped cell, one a line, whatever follows its bar
  // (` |` is a blank one: something before the bar, if only a space; a lone `|` starts a row)
  const blankWrapped = fields.length === 2 && fields[0].end > fields[0].start && onlyPad(text, fields[0].start, fields[0].end) && onlyPad(text, fields[1].start, fields[1].end);
  const wrapped = hasBar && fields.length > 1 && fields[0].end > fields[0].start && (blankWrapped || !isDelimiterCode(text.charCodeAt(skipPad(text, ls, le)))) && fields.slice(1).every((f) => onlyPad(text, f.start, f.end));
  if (wrapped) fields = [fields[0]];
  // a rule between rows (`├────┼────┤`, Markdown's `|---|:--|`): whatever text it holds is a merged cell's, not this row's
  if (hasRule || (hasBar && fields.some((f) => text.slice(f.start, f.end).includes('--')) && fields.every((f) => MD_RULE.test(text.slice(f.start, f.end))))) return null;
  if (hasBar || hasTab) {
    delim = hasBar ? 'bar' : 'tab';
    // a bar line's text before its first bar and after its last is not a field (Markdown, w3m)
    const inner = hasBar && !wrapped ? fields.slice(fields.length > 1 && onlyPad(text, fields[0].start, fields[0].end) ? 1 : 0, fields.length > 1 && onlyPad(text, fields[fields.length - 1].start, fields[fields.length - 1].end) ? -1 : undefined) : fields;
    let afterLabel = !hasLabel || a > ls;
    for (const f of inner) {
      // an empty field at the end of the line is a cell (a blank 总计 after the last TAB)
      if (f.end < a || f.start > b || (f.start === b && b < le) || (f.end === a && f.start < a)) continue;
      // a field holding another label (a group label's row of a `|`-wrapped table) is no cell of this row
      if (!own.overlaps(f.start, f.end) && masked.overlaps(f.start, f.end)) continue;
      if (own.overlaps(f.start, f.end)) {
        afterLabel = true;
        // digits glued to the label in its own field (`数量21710000218`)
        for (const part of own.outside(f)) {
          const cell = makeCell(text, part.start, part.end, li, delim);
          if (isValueCell(cell)) {
            slots.push(slotOf(r, cell, ls));
            glued = true;
          }
        }
        continue;
      }
      if (!afterLabel) continue;
      // a field is a cell, whatever it holds (a word in a number's place is invalid-cell's)
      slots.push(slotOf(r, makeCell(text, Math.max(f.start, a), Math.min(f.end, b), li, delim), ls));
    }
  } else {
    // the label's end counts as the end of a word before the first value (a gap of two or more spaces: aligned)
    let prevEnd = hasLabel ? own.lastEndIn(ls, b) : -1;
    for (const w of words(text, a, b)) {
      for (const part of masked.outside(w)) {
        const whole = part.start === w.start && part.end === w.end;
        for (const run of signed(text, whole ? [part] : digitRuns(text, part))) {
          const cell = makeCell(text, run.start, run.end, li, indent ? 'lines' : 'spaces');
          if (!isValueCell(cell)) {
            // a whole word after the label on its line, among values: a word in a cell's place (kept
            // for now; dropped below unless a value follows it)
            if (whole && hasLabel && run.start >= labelEnd && cell.value.kind === 'text' && WORDY.test(cell.text)) slots.push({ ...slotOf(r, cell, ls), soft: true });
            continue;
          }
          if (!whole) glued = true;
          // (spaces only: a label's closing quote or bracket before one space is no gap of two)
          if (prevEnd >= 0 && run.start - prevEnd >= 2 && gapWidth(text, prevEnd, run.start) >= 2) wide = true;
          prevEnd = run.end;
          slots.push(slotOf(r, cell, ls));
        }
      }
    }
    // words after the last value are the next labels' broken pieces, not cells
    while (slots.length && slots[slots.length - 1].soft) slots.pop();
    for (const x of slots) x.soft = false;
    if (slots.length === 0 && !hasLabel && onlyPad(text, a, b)) slots.push({ cell: makeCell(text, Math.max(a, ls + indent), b, li, 'lines'), value: false });
    // one cell a line, indented: a word there is a cell too (invalid-cell's), unless it is another label
    else if (slots.length === 0 && !hasLabel && indent && a === ls && !masked.overlaps(a, b)) slots.push(slotOf(r, makeCell(text, ls + 1, b, li, 'lines'), ls));
  }
  const values = slots.filter((s) => s.value).length;
  // blank cells between TABs on a line of their own, among cells a paragraph (innerText's `5\n\n \t \t\n\n2`):
  // they separate cells like a line of TABs, they are no row on a line
  if (delim === 'tab' && !hasLabel && slots.every((x) => x.cell.value.kind === 'blank')) return emptyLine(li, ls, 'T', glued);
  // values on the label's own line make a row on a line, even a single one (`（二）部分公开…      3`)
  const kind: LineInfo['kind'] = values > 1 || (delim && (slots.length > 1 || (hasLabel && values === 1))) || (values === 1 && hasLabel && !delim && !indent) ? 'M' : values === 1 ? 'V' : slots.length === 1 ? 'W' : 'J';
  return { li, ls, kind, delim, slots, label: hasLabel, wide, indent: indent === 1, glued };
}

/**
 * The slots of the row whose label pieces are `pieces`, in [segStart, segEnd); `masks` are the pieces of
 * other labels in it (group labels, header words), which are no cells either.
 */
export function rowSlots(text: string, index: LineIndex, segStart: number, segEnd: number, pieces: Span[], masks: Span[] = []): RawRow {
  const own = new SpanSet(pieces);
  const masked = masks.length ? new SpanSet([...pieces, ...masks]) : own;
  // read as tokens only when the table's style asks for it
  let tabFields: Slot[] | undefined;
  const tokensOf = () => (tabFields ??= tokens(text, index, pieces[pieces.length - 1].end, segEnd, masked));
  let hasTabs = false;
  for (let i = pieces[pieces.length - 1].end; i < segEnd && !hasTabs; i++) hasTabs = text.charCodeAt(i) === TAB;
  const firstLine = index.lineOf(segStart);
  const lastLine = index.lineOf(Math.max(segStart, segEnd - 1));
  const labelEnd = pieces[pieces.length - 1].end;
  const row: RowText = { text, index, segStart, segEnd, own, masked, labelEnd, wideCache: { line: -1, upto: 0, wide: 0 } };

  // first: the lines, each as fields (delimited) or words, with the label taken out
  const lines: LineInfo[] = [];
  let glued = false;
  for (let li = firstLine; li <= lastLine; li++) {
    const line = lineOfRow(row, li);
    if (!line) continue;
    glued ||= line.glued;
    lines.push(line);
  }
  const wideGaps = lines.some((l) => l.wide);
  const multi = lines.filter((l) => l.kind === 'M');
  if (multi.length > 0) {
    // a row on a line (or a few): its fields in order
    const numeric = (x: Slot) => isValueCell(x.cell);
    const withValues = multi.filter((l) => l.slots.some(numeric));
    const main = withValues[0] ?? multi[0];
    const delim = main.delim;
    // a wrapped cell's further lines (a grid table's) add values, not blanks or words
    const slots = [...main.slots, ...withValues.slice(1).flatMap((l) => l.slots.filter(numeric))];
    markSoftEnds(slots);
    const rest = lines.filter((l) => l.kind === 'V' && l.li > main.li).flatMap((l) => l.slots.filter(numeric));
    return { shape: delim ?? (glued && slots.length <= 2 ? 'glued' : wideGaps ? 'aligned' : 'spaces'), slots, glued, lineKinds: '', firstLine, lastLine, wideGaps, indented: false, tokens: tokensOf, hasTabs, rest, styled: {} };
  }
  const cells = cellPerLine(row, lines);
  return { shape: cells.shape, slots: cells.slots, glued, lineKinds: cells.lineKinds, firstLine, lastLine, wideGaps, indented: cells.indented, tokens: tokensOf, hasTabs, rest: [], styled: {} };
}

/** A row of one cell a line: the lines after the label's last line (a wrapped label's lines are not cells). */
function cellPerLine(r: RowText, lines: LineInfo[]): Pick<RawRow, 'shape' | 'slots' | 'lineKinds' | 'indented'> {
  const { text, index, masked, labelEnd } = r;
  const labelLine = index.lineOf(labelEnd - 1);
  // (a value on a line of its own between the pieces of a wrapped label is the row's: pdftotext's `…只计这` / `38` / `一情形…`)
  const after = lines.filter((l) => l.li > labelLine || (l.li === labelLine && l.slots.length > 0 && l.kind !== 'J') || (l.li < labelLine && l.kind === 'V' && !l.label));
  // lines that hold only a piece of the label are neither cells nor gaps
  let cells = after.filter((l) => !(l.label && l.slots.length === 0));
  const cellLines = cells.filter((l) => l.kind === 'V' || l.kind === 'W');
  const indented = cellLines.length > 0 && cellLines.every((l) => l.indent);
  if (indented) {
    // the blank line after the row's cells ends it (what follows are the merged cells of the next rows)
    const firstCell = cells.findIndex((l) => l.kind === 'V' || l.kind === 'W');
    const stop = cells.findIndex((l, i) => i > firstCell && l.kind === 'E');
    if (firstCell >= 0 && stop > 0) cells = cells.slice(0, stop);
  }

  // a line of words between two cell lines, that is no label: a word in a cell's place (invalid-cell's)
  const cellNear = (i: number, step: 1 | -1) => {
    for (let k = i + step; k >= 0 && k < cells.length; k += step) {
      if (cells[k].kind === 'E' || cells[k].kind === 'T') continue;
      return cells[k].kind === 'V' || cells[k].kind === 'W';
    }
    // before the first cell line: the label (a word in the first cell's place)
    return step === -1;
  };
  cells.forEach((l, i) => {
    if (l.kind !== 'J' || l.label || !cellNear(i, -1) || !cellNear(i, 1)) return;
    const ls = l.ls;
    const le = index.lineEnd(l.li);
    if (masked.overlaps(ls, le) || isFurnitureAt(text, ls, le) || onlyDelimiters(text, ls, le)) return;
    const cell = makeCell(text, ls + (l.indent ? 1 : 0), le, l.li, 'lines');
    if (cell.value.kind === 'text') {
      l.kind = 'V';
      l.slots = [slotOf(r, cell, ls)];
    }
  });
  const lineKinds = cells.map((l) => (l.kind === 'J' ? '' : l.kind)).join('');
  const slots: Slot[] = [];
  for (const l of cells) {
    if (l.kind === 'V') slots.push(...l.slots.filter((s) => s.value));
    else if (l.kind === 'W') slots.push({ ...l.slots[0], value: false });
    else if (l.kind === 'E' || l.kind === 'T') slots.push({ cell: { ...makeCell(text, l.ls, l.ls, l.li, 'lines'), value: BLANK }, value: false, soft: true });
  }
  // one cell a line, whatever marks its end (`|`-wrapped cells are lines too; their cells keep the bar layout)
  return { shape: 'lines', slots, lineKinds, indented };
}

/**
 * The row as tokens across its lines, cut at TABs and line breaks (a browser's copy of cells that hold
 * paragraphs, `\n\n217\n\n\t\n\n1…`, and of blank cells between them, `5\n\n \t \t\n2`): a token with a
 * value is a cell; one of whitespace only (`&nbsp;`) is a blank cell; an empty one is a blank cell only between
 * two TABs, or after the row's last TAB when nothing follows. Labels in the text (a group label, a header word)
 * are no cells; what is beside them may be.
 */
function tokens(text: string, index: LineIndex, from: number, to: number, masked: SpanSet): Slot[] {
  const out: Slot[] = [];
  let s = from;
  let leftTab = false;
  let first = true;
  for (let i = from; i <= to; i++) {
    const c = i < to ? text.charCodeAt(i) : -1;
    if (c !== -1 && c !== TAB && c !== 10 && c !== 13) continue;
    const f = { start: s, end: i };
    const rightTab = c === TAB;
    const wasLeftTab = leftTab;
    leftTab = rightTab;
    s = c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    const isFirst = first;
    first = false;
    const parts = masked.overlaps(f.start, f.end) ? masked.outside(f).filter((p) => !onlyPad(text, p.start, p.end)) : [f];
    for (const p of parts) {
      if (isFurnitureAt(text, p.start, p.end) || onlyDelimiters(text, p.start, p.end)) continue;
      const cell = makeCell(text, p.start, p.end, index.lineOf(p.start), 'tab');
      // the label's own token (before the first break) is no cell unless it holds a value
      if (isFirst && !isValueCell(cell)) continue;
      const empty = cell.value.kind === 'blank' && p.start === p.end;
      if (empty && !wasLeftTab) continue;
      // an empty token after a TAB at a line end: a cell only if the row's cells end there (`…\t3\t0\t` then the next row)
      out.push({ cell, value: isFilled(cell), soft: empty && !rightTab });
    }
  }
  let last = out.length - 1;
  while (last >= 0 && out[last].soft) last--;
  return out.filter((x, i) => !x.soft || i > last).map((x) => ({ cell: x.cell, value: x.value }));
}

/** Blank fields before the first value and after the last may be padding (empty label columns, trailing delimiters). */
function markSoftEnds(slots: Slot[]): void {
  for (let i = 0; i < slots.length && !slots[i].value; i++) slots[i].soft = true;
  for (let i = slots.length - 1; i >= 0 && !slots[i].value; i--) slots[i].soft = true;
}
