/**
 * The columns of aligned text (pdftotext -layout, pandoc's plain tables): where each column's centre is,
 * learnt from the rows that show every column, else from the table's own header — its column labels, or
 * pandoc's ruler of dashes. Counted two ways, since tools align differently: characters (pdftotext) or
 * display width, a CJK character taking two columns (pandoc, w3m). A value then goes to the nearest column,
 * and only when it is clearly nearer to it than to the next.
 */
import type { LineIndex } from '../text';
import type { RawRow } from './slots';
import { isWide } from './slots';

/** Column anchors of aligned text: each column's centre, in one of the two ways of counting columns. */
export interface Anchors {
  metric: 'char' | 'wide';
  centres: number[];
  /** A ruler's runs, [start, end): a value written inside one is in its column, however the column aligns its cells. */
  spans?: [number, number][];
}

type X = { char: number; wide: number; charEnd: number; wideEnd: number };

const centreOf = (x: X, metric: Anchors['metric']) =>
  metric === 'char' ? (x.char + x.charEnd + 1) / 2 : (x.wide + x.wideEnd + (x.wideEnd > x.wide ? 2 : 1)) / 2;

/** Both column counts of [start, end) on its line. */
function span(text: string, lineStart: number, start: number, end: number): { char: [number, number]; wide: [number, number] } {
  let w = 0;
  let ws = 0;
  for (let i = lineStart; i < end; i++) {
    if (i === start) ws = w;
    w += isWide(text.charCodeAt(i)) ? 2 : 1;
  }
  return { char: [start - lineStart, end - lineStart], wide: [ws, w] };
}

/**
 * Column centres from the rows that show every column, in the way of counting that lines them up best: each
 * column's median, kept when most of those rows (all but a few with a wrapped label or a wider number) have every
 * value within reach of it and the columns stand apart.
 */
export function fromRows(rows: RawRow[], n: number): Anchors | null {
  const full = rows.filter((r) => (r.shape === 'aligned' || r.shape === 'spaces') && r.wideGaps && r.slots.length === n && r.slots.every((s) => s.value && s.x));
  if (full.length < 1) return null;
  let best: Anchors | null = null;
  let bestFit = 0;
  for (const metric of ['char', 'wide'] as const) {
    const centres: number[] = [];
    for (let c = 0; c < n; c++) {
      const xs = full.map((r) => centreOf(r.slots[c].x!, metric)).sort((a, b) => a - b);
      centres.push(xs[xs.length >> 1]);
    }
    let minGap = Infinity;
    for (let i = 1; i < n; i++) minGap = Math.min(minGap, centres[i] - centres[i - 1]);
    if (minGap < 2) continue;
    const reach = Math.max(2, minGap * 0.4);
    const fitting = full.filter((r) => r.slots.every((s, c) => Math.abs(centreOf(s.x!, metric) - centres[c]) <= reach)).length;
    if (fitting > bestFit) {
      bestFit = fitting;
      best = { metric, centres };
    }
  }
  return best && bestFit >= Math.max(1, Math.ceil(full.length * 0.75)) ? best : null;
}

/**
 * Column spans from the values themselves, where no row shows every column: the stretches of the lines that the
 * aligned rows' values cover, merged where they touch, when they make exactly the table's columns and the rows
 * put no two of their values in one of them (pdftotext -layout keeps every cell under its column).
 */
export function fromValues(rows: RawRow[], n: number): Anchors | null {
  const aligned = rows.filter((r) => r.shape === 'aligned' && r.slots.every((s) => !s.value || s.x));
  if (aligned.length < 3) return null;
  for (const metric of ['char', 'wide'] as const) {
    const spans = aligned
      .flatMap((r) => r.slots.filter((s) => s.value).map((s): [number, number] => (metric === 'char' ? [s.x!.char, s.x!.charEnd + 1] : [s.x!.wide, s.x!.wideEnd + 2])))
      .sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const [a, b] of spans) {
      const last = merged[merged.length - 1];
      if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
      else merged.push([a, b]);
    }
    if (merged.length !== n) continue;
    const anchors: Anchors = { metric, centres: merged.map(([a, b]) => (a + b) / 2), spans: merged.map(([a, b]) => [a, b + 1]) };
    const distinct = aligned.every((r) => {
      let last = -1;
      for (const s of r.slots) {
        if (!s.value) continue;
        const col = columnOf(anchors, s.x!);
        if (col === null || col <= last) return false;
        last = col;
      }
      return true;
    });
    if (distinct) return anchors;
  }
  return null;
}

export interface HeaderWord {
  start: number;
  end: number;
  /** The column it heads. */
  col: number;
}

/**
 * Column centres from the header: each column's label (the last one above the table's first row), or the
 * ruler of dashes pandoc draws under a header (its last `n` runs). Null unless every column is placed, in order.
 */
export function fromHeader(text: string, index: LineIndex, words: HeaderWord[], n: number, from: number, to: number): Anchors[] {
  const out: Anchors[] = [];
  const byCol: (HeaderWord | undefined)[] = new Array(n).fill(undefined);
  for (const w of words) if (w.start >= from && w.end <= to) byCol[w.col] = w;
  if (byCol.every((w) => w)) {
    for (const metric of ['char', 'wide'] as const) {
      const centres = byCol.map((w) => {
        const s = span(text, index.starts[index.lineOf(w!.start)], w!.start, w!.end)[metric];
        return (s[0] + s[1]) / 2;
      });
      if (centres.every((c, i) => i === 0 || c > centres[i - 1])) out.push({ metric, centres });
    }
  }
  // pandoc's ruler: `  ------- ------ ----`, its runs are the columns (ASCII, so both counts agree)
  for (let li = index.lineOf(from); li <= index.lineOf(Math.max(from, to - 1)); li++) {
    const ls = index.starts[li];
    const line = text.slice(ls, index.lineEnd(li));
    if (!/^\s*-{3,}(?:\s+-{3,})+\s*$/.test(line)) continue;
    const runs = [...line.matchAll(/-+/g)].slice(-n);
    const centres = runs.map((m) => (m.index! * 2 + m[0].length) / 2);
    const spans = runs.map((m): [number, number] => [m.index!, m.index! + m[0].length]);
    if (runs.length === n) out.push({ metric: 'wide', centres, spans }, { metric: 'char', centres, spans });
  }
  return out;
}

/**
 * The anchors under which most values of the aligned rows fall clearly into a column: a value's nearest
 * centre must be less than 0.6 of the way to the next nearest.
 */
export function best(candidates: Anchors[], rows: RawRow[]): Anchors | null {
  let chosen: Anchors | null = null;
  let score = -1;
  for (const a of candidates) {
    let ok = 0;
    for (const r of rows) {
      if (r.shape !== 'aligned') continue;
      let last = -1;
      for (const s of r.slots) {
        if (!s.x) continue;
        const col = columnOf(a, s.x);
        if (col !== null && col > last) {
          ok++;
          last = col;
        }
      }
    }
    if (ok > score) {
      score = ok;
      chosen = a;
    }
  }
  return chosen;
}

/** The column a centre is clearly nearest to, or null. */
export function nearest(a: Anchors, centre: number): number | null {
  let bestCol = -1;
  let d1 = Infinity;
  let d2 = Infinity;
  a.centres.forEach((c, i) => {
    const d = Math.abs(c - centre);
    if (d < d1) {
      d2 = d1;
      d1 = d;
      bestCol = i;
    } else if (d < d2) d2 = d;
  });
  return d1 < 0.6 * d2 || (d1 <= 1 && d2 > 1) ? bestCol : null;
}

/** The column of a value at x: the ruler's run it stands in, else the centre it is clearly nearest to, or null. */
export function columnOf(a: Anchors, x: X): number | null {
  if (a.spans) {
    const [start, end] = a.metric === 'char' ? [x.char, x.charEnd] : [x.wide, x.wideEnd];
    const k = a.spans.findIndex(([s, e]) => start >= s && end < e);
    if (k >= 0) return k;
  }
  return nearest(a, centreOf(x, a.metric));
}
