/**
 * Fitting a row's slots (slots.ts) to the format's columns: by the column count and the blanks
 * the shape shows; by the columns of aligned text; by the format's sums where digits are glued.
 * A row whose values cannot be placed with certainty is not guessed: it is read as unknown and
 * says what was seen (the unreadable-row rule). The sums decide only between readings the text
 * allows, never against what it shows.
 */
import { BLANK, makeCell, type Cell } from './cell';
import { columnOf, type Anchors } from './columns';
import type { RawRow, Slot } from './slots';

export type { Anchors } from './columns';

export type Problem =
  /** Fewer cells than columns and nothing shows where the blanks were (blanks dropped). */
  | 'few'
  /** More values than columns. */
  | 'many'
  /** Digits glued together that the sums do not split one way only. */
  | 'glued'
  /** Values between the columns of aligned text. */
  | 'columns'
  /** Blank cells at the ends of a row that could be on either side of its values. */
  | 'ambiguous'
  /** The sums fail as the text places the values, and hold if the values sat one column over (the shift test). */
  | 'shifted';

export interface Fitted {
  values: (Cell | undefined)[];
  certain: boolean;
  /** Where the text allows several readings (glued digits): each of them, for the table's sums to choose from. */
  readings?: Cell[][];
  problem?: Problem;
  /** The values the text shows, in order (for messages). */
  seen: Cell[];
  /** Values left out of the row's cells (a stray number). */
  dropped: Cell[];
  /** The reading chose between blanks at the row's ends (the table's alignment decides). */
  choice?: boolean;
}

/** Whether a candidate row's values satisfy its sums (blank = 0; null = not a count). */
export type Relation = (values: (number | null)[]) => boolean;


export const numberOf = (c: Cell | undefined): number | null => {
  if (!c) return null;
  const v = c.value;
  if (v.kind === 'blank' || v.kind === 'dash') return 0;
  return v.kind === 'number' && v.integer ? v.value : null;
};

function holds(relation: Relation | undefined, cells: (Cell | undefined)[]): boolean {
  return !!relation && relation(cells.map(numberOf));
}

/** A blank cell the text does not show (an empty paragraph, a column with nothing under it): no digit can be written there. */
function inferredBlank(near: Cell): Cell {
  return { start: near.end, end: near.end, text: '', textStart: near.end, textEnd: near.end, line: near.line, layout: near.layout, value: BLANK, inferred: true };
}

/** Paragraph style: an empty line ends a cell, so a cell that is empty shows as one more empty line. */
function paragraphs(row: RawRow): Slot[] {
  let kinds = row.lineKinds;
  let slots = row.slots;
  if (kinds.startsWith('E')) {
    kinds = kinds.slice(1);
    slots = slots.slice(1);
  }
  if (kinds.endsWith('E')) {
    kinds = kinds.slice(0, -1);
    slots = slots.slice(0, -1);
  }
  const out: Slot[] = [];
  let open: Slot[] = [];
  let prev: Cell | undefined = row.slots[0]?.cell;
  const close = (last: boolean) => {
    if (open.length) out.push(...open);
    else if (prev) out.push({ cell: inferredBlank(prev), value: false, soft: last });
    open = [];
  };
  for (let i = 0; i < kinds.length; i++) {
    if (kinds[i] === 'E') {
      close(false);
      prev = slots[i].cell;
    } else open.push({ ...slots[i], soft: false });
  }
  if (kinds.length) close(true);
  // empty paragraphs at the end, before the next label, may be the page's spacing: soft
  for (let i = out.length - 1; i >= 0 && !out[i].value && out[i].cell.inferred; i--) out[i].soft = true;
  return out;
}

/** Lines style: every line a cell; empty lines at the ends may be spacing (the row's own slots where they say so already). */
function lines(row: RawRow): Slot[] {
  const { slots } = row;
  const spacing = (i: number) => !slots[i].value && row.lineKinds[i] === 'E';
  let lead = 0;
  while (lead < slots.length && spacing(lead)) lead++;
  let trail = slots.length;
  while (trail > lead && spacing(trail - 1)) trail--;
  const soft = (i: number) => i < lead || i >= trail;
  if (slots.every((s, i) => !!s.soft === soft(i))) return slots;
  return slots.map((s, i) => ({ ...s, soft: soft(i) }));
}

/** Splits of a digit string into `parts` numbers without leading zeros, at most `limit` of them. */
function splits(digits: string, parts: number, limit: number): string[][] | null {
  const out: string[][] = [];
  const cur: string[] = [];
  let tried = 0;
  const go = (at: number): boolean => {
    if (++tried > limit * 20) return false;
    if (cur.length === parts - 1) {
      const rest = digits.slice(at);
      const sign = at === 0 && rest[0] === '-' ? 1 : 0;
      if (rest.length === sign || (rest.length > 1 + sign && rest[sign] === '0')) return true;
      cur.push(rest);
      out.push([...cur]);
      cur.pop();
      return out.length <= limit;
    }
    const maxLen = digits.length - at - (parts - 1 - cur.length);
    const sign = at === 0 && digits[0] === '-' ? 1 : 0;
    for (let len = 1 + sign; len <= maxLen; len++) {
      const part = digits.slice(at, at + len);
      if (len > 1 + sign && part[sign] === '0') break;
      cur.push(part);
      const ok = go(at + len);
      cur.pop();
      if (!ok) return false;
    }
    return true;
  };
  return go(0) ? out : null;
}

/** How many readings the split search of glued digits looks at, at most (README, "what is read"). */
export const GLUED_LIMIT = 20000;

/**
 * Glued digits (`21710000218`, `230 000023`): each run of digits is split into numbers without
 * leading zeros, the runs together into the row's cells; the reading is taken only when exactly one
 * split agrees with the row's sums (or, for a row with no sum, when there is only one split at all).
 */
function unglue(row: RawRow, n: number, relation: Relation | undefined, text: string): Fitted {
  const seen = row.slots.filter((s) => s.value).map((s) => s.cell);
  const fail: Fitted = { values: new Array(n).fill(undefined), certain: false, problem: 'glued', seen, dropped: [] };
  const runs = seen.map((c) => ({ cell: c, digits: text.slice(c.textStart, c.textEnd) }));
  if (!runs.every((r) => /^-?\d+$/.test(r.digits)) || runs.reduce((s, r) => s + r.digits.length, 0) < n) return fail;
  const found: Cell[][] = [];
  let tooMany = false;
  const byRun = (w: number, left: number, acc: Cell[]) => {
    if (tooMany) return;
    if (w === runs.length) {
      if (left === 0 && (!relation || relation(acc.map(numberOf)))) found.push(acc);
      tooMany = found.length > MAX_READINGS;
      return;
    }
    const r = runs[w];
    const after = runs.length - w - 1;
    for (let parts = 1; parts <= Math.min(r.digits.length, left - after); parts++) {
      const options = splits(r.digits, parts, GLUED_LIMIT);
      if (!options) {
        tooMany = true;
        return;
      }
      for (const o of options) {
        let at = r.cell.textStart;
        const cells = o.map((d) => {
          const c = makeCell(text, at, at + d.length, r.cell.line, 'glued');
          at += d.length;
          return c;
        });
        byRun(w + 1, left - parts, [...acc, ...cells]);
        if (tooMany) return;
      }
    }
  };
  byRun(0, n, []);
  if (tooMany || found.length === 0) return fail;
  if (found.length === 1) return { values: found[0], certain: true, seen, dropped: [] };
  return { ...fail, readings: found };
}

/** Readings of one row kept for the table's sums to choose from, at most. */
const MAX_READINGS = 16;

function byAnchors(slots: Slot[], n: number, anchors: Anchors): (Cell | undefined)[] | null {
  if (anchors.centres.length !== n) return null;
  const out: (Cell | undefined)[] = new Array(n).fill(undefined);
  let last = -1;
  for (const s of slots) {
    if (!s.value || !s.x) return null;
    const col = columnOf(anchors, s.x);
    if (col === null || col <= last) return null;
    out[col] = s.cell;
    last = col;
  }
  const first = slots.find((s) => s.value)!.cell;
  return out.map((c) => c ?? inferredBlank(first));
}

/**
 * Values that can only be glued digits: a word with a leading zero (`0000000`, `000023`), or a single word
 * with at least as many digits as the row has cells.
 */
function gluedWords(core: Slot[], n: number, text: string): boolean {
  const words = core.filter((s) => s.value).map((s) => text.slice(s.cell.textStart, s.cell.textEnd));
  if (!words.every((w) => /^\d+$/.test(w))) return false;
  if (words.some((w) => w.length > 1 && w[0] === '0')) return true;
  return n > 1 && words.length === 1 && words[0].length >= n;
}

export interface FitOptions {
  relation?: Relation;
  /**
   * How the table's one-cell-a-line rows separate cells: a line each, a blank line after each (paragraphs),
   * or TABs and line breaks with blank lines as spacing (tabs).
   */
  style: 'lines' | 'paragraphs' | 'tabs';
  anchors: Anchors | null;
  text: string;
  /**
   * The table's alignment where a row shows more blank fields than it needs: 'right' — the values fill the
   * last columns (leading fields are merged label columns), 'left' — the first (trailing fields are padding).
   */
  align?: 'left' | 'right';
  /** Most of the table's rows with values are on a line of their own (TABs, bars, spaces), not a cell a line. */
  rowsOnLines?: boolean;
  /** The row's label cell: where inferred blanks are, for their line. */
  label: Cell;
}

export type Style = FitOptions['style'];

/** A row's slots as a table style reads them (made once a row and style, kept in the row's `styled`). */
export function slotsIn(row: RawRow, style: Style): Slot[] {
  if (style === 'tabs' ? row.shape !== 'lines' && row.shape !== 'tab' : row.shape !== 'lines') return row.slots;
  row.styled[style] ??= style === 'tabs' ? row.tokens() : style === 'paragraphs' ? paragraphs(row) : lines(row);
  return row.styled[style];
}

/** The slots a style shows as cells (soft blanks, which may be spacing, not counted). */
function shownCount(slots: Slot[]): number {
  let count = 0;
  for (const s of slots) if (!s.soft) count++;
  return count;
}

/**
 * Of `styles`, the one under which most rows show as many cells as they have columns (ties: the first); once a
 * style reads every row so, no later one can read more.
 */
export function bestStyle(rows: RawRow[], styles: readonly Style[], columns: (row: RawRow) => number): Style {
  let best = styles[0];
  let bestCount = -1;
  for (const style of styles) {
    let count = 0;
    for (const r of rows) if (shownCount(slotsIn(r, style)) === columns(r)) count++;
    if (count > bestCount) {
      best = style;
      bestCount = count;
    }
    if (count === rows.length) break;
  }
  return best;
}

/**
 * The style a table's rows are read in: the one under which most rows show as many cells as the table
 * has columns (ties: one cell a line, then paragraphs; where lines of TABs stand between cells, TAB-cut tokens first).
 */
export function styleOf(rows: RawRow[], n: number): Style {
  // styles only differ for rows of a cell a line, and 'tabs' only where TABs stand among the lines
  if (!rows.some((r) => r.shape === 'lines' || (r.shape === 'tab' && r.lineKinds.includes('T')))) return 'lines';
  // lines of TABs between the cells: a browser's innerText, read first (its lines style would take each such line for one blank)
  const styles: readonly Style[] = rows.some((r) => r.lineKinds.includes('T')) ? ['tabs', 'lines', 'paragraphs'] : rows.some((r) => r.hasTabs) ? ['lines', 'paragraphs', 'tabs'] : ['lines', 'paragraphs'];
  return bestStyle(rows, styles, () => n);
}

/** Placements the shift test looks at, at most. */
const MAX_PLACEMENTS = 20000;

/**
 * The shift test: values whose blanks the text only suggests (empty lines, aligned gaps) read into columns
 * where the sums fail, while some other placement of the same values, in the same order, satisfies them —
 * that is a misreading, not a wrong total.
 */
function looksShifted(values: Cell[], n: number, relation: Relation): boolean {
  const k = values.length;
  if (k === 0 || k > n) return false;
  let count = 1;
  for (let i = 0; i < k; i++) count = (count * (n - i)) / (i + 1);
  if (count > MAX_PLACEMENTS) return false;
  const nums = values.map(numberOf);
  const row: (number | null)[] = new Array(n).fill(0);
  const place = (v: number, from: number): boolean => {
    if (v === k) return relation(row);
    for (let c = from; c <= n - (k - v); c++) {
      row[c] = nums[v];
      if (place(v + 1, c + 1)) return true;
      row[c] = 0;
    }
    return false;
  };
  return place(0, 0);
}

export function fitRow(row: RawRow, n: number, o: FitOptions): Fitted {
  const fitted = fitSlots(row, n, o);
  // blanks the text does not show: a reading that fails its sums where a shift would not is no reading
  if (fitted.certain && o.relation && fitted.values.some((c) => c && (c.inferred || (c.value.kind === 'blank' && c.start === c.end))) && !o.relation(fitted.values.map(numberOf))) {
    const values = fitted.values.filter((c): c is Cell => !!c && c.value.kind !== 'blank');
    if (looksShifted(values, n, o.relation)) return { ...fitted, values: new Array(n).fill(undefined), certain: false, problem: 'shifted' };
  }
  return fitted;
}

function fitSlots(row: RawRow, n: number, o: FitOptions): Fitted {
  const slots = slotsIn(row, o.style);
  const seen = slots.filter((s) => s.value).map((s) => s.cell);
  const valueCount = seen.length;
  if (valueCount === 0) {
    // no value: a row of blanks when the text shows them, else every cell blank and nowhere to write
    const shown = slots.filter((s) => !s.soft);
    if (shown.length === n) return { values: shown.map((s) => s.cell), certain: true, seen, dropped: [] };
    const all = slots.length >= n ? slots.slice(slots.length - n) : null;
    if (all && row.shape !== 'lines') return { values: all.map((s) => s.cell), certain: true, seen, dropped: [] };
    // one cell a line, and fewer blank lines than cells: the cells are not beside their label (unless the
    // table's rows are each on a line, where a label alone on its line is a row of blanks)
    if (row.shape === 'lines' && !o.rowsOnLines) {
      if (slots.length >= n) return { values: slots.slice(0, n).map((s) => s.cell), certain: true, seen, dropped: [] };
      return { values: new Array(n).fill(undefined), certain: false, problem: 'few', seen, dropped: [] };
    }
    // nothing but the label on its line (aligned text, a viewer's copy): every cell blank, and no place to write in
    return { values: new Array(n).fill(undefined).map(() => inferredBlank(o.label)), certain: true, seen, dropped: [] };
  }
  const firstValue = slots.findIndex((s) => s.value);
  let lastValue = slots.length - 1;
  while (!slots[lastValue].value) lastValue--;
  const core = slots.slice(firstValue, lastValue + 1);
  const lead = slots.slice(0, firstValue);
  const trail = slots.slice(lastValue + 1);

  if (core.length < n && (row.glued || row.shape === 'glued' || gluedWords(core, n, o.text))) return unglue(row, n, o.relation, o.text);
  if (core.length > n) {
    // delimited fields, as many filled as the row has columns: the blank ones between are stray delimiters (an
    // extra TAB typed, a merged cell's empty column in a grid table); the values keep their order, and are certain
    const filled = core.filter((s) => s.value);
    if (filled.length === n && (row.shape === 'tab' || row.shape === 'bar')) return { values: filled.map((s) => s.cell), certain: true, seen, dropped: core.filter((s) => !s.value).map((s) => s.cell) };
    return { values: new Array(n).fill(undefined), certain: false, problem: 'many', seen, dropped: [] };
  }
  const need = n - core.length;
  // the row's other values a line each after it: the row's cells when they make up its columns exactly (no blank
  // can be among them), else left out and named
  const rest = row.rest.map((s) => s.cell);
  if (need > 0 && rest.length === need && !core.some((s) => !s.value)) return { values: [...core.map((s) => s.cell), ...rest], certain: true, seen: [...seen, ...rest], dropped: [] };
  if (need === 0) return { values: core.map((s) => s.cell), certain: true, seen, dropped: rest };
  if (row.shape === 'spaces' || row.shape === 'aligned' || row.shape === 'glued') {
    const placed = o.anchors ? byAnchors(core, n, o.anchors) : null;
    if (placed) return { values: placed, certain: true, seen, dropped: [] };
    return { values: new Array(n).fill(undefined), certain: false, problem: o.anchors ? 'columns' : 'few', seen, dropped: [] };
  }
  // values on lines of their own in an aligned table (pdftotext -layout puts a lone `0` under its column when the
  // label wraps): their columns are where they stand
  if (row.shape === 'lines' && o.anchors && core.every((s) => s.value && s.x)) {
    const placed = byAnchors(core, n, o.anchors);
    if (placed) return { values: placed, certain: true, seen, dropped: [] };
  }
  // blanks at the ends: hard ones (the text shows a cell) before soft ones; trailing before leading
  let candidates: (Cell | undefined)[][] = [];
  const softUsed: number[] = [];
  for (let t = Math.min(need, trail.length); t >= 0; t--) {
    const l = need - t;
    if (l > lead.length) continue;
    const taken = [...lead.slice(lead.length - l), ...trail.slice(0, t)];
    candidates.push([...lead.slice(lead.length - l), ...core, ...trail.slice(0, t)].map((s) => s.cell));
    softUsed.push(taken.filter((s) => s.soft).length);
  }
  // blanks the text shows (a line of &nbsp;) before empty lines that may be spacing
  const fewestSoft = Math.min(...softUsed);
  candidates = candidates.filter((_, k) => softUsed[k] === fewestSoft);
  if (candidates.length === 0) return { values: new Array(n).fill(undefined), certain: false, problem: 'few', seen, dropped: [] };
  if (candidates.length === 1) return { values: candidates[0], certain: true, seen, dropped: [] };
  // a choice of blanks at the ends: the table's alignment, else the one reading its sums allow
  if (o.align) return { values: o.align === 'right' ? candidates[0] : candidates[candidates.length - 1], certain: true, seen, dropped: [], choice: true };
  const agreeing = candidates.filter((c) => holds(o.relation, c));
  if (agreeing.length === 1) return { values: agreeing[0], certain: true, seen, dropped: [], choice: true };
  return { values: new Array(n).fill(undefined), certain: false, problem: 'ambiguous', seen, dropped: [], choice: true };
}
