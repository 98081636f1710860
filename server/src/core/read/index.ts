/**
 * read: the tables of a text, whatever separates their cells (design.md, "read"). One mechanism
 * for every shape: the format's labels are found in the key stream (labels.ts); each row's text,
 * from its label to the next label, becomes slots (slots.ts); the slots are fitted to the format's
 * columns (fit.ts). A row the text does not determine is read as unknown, with what was seen, so
 * that no rule makes a finding from a guess.
 */
import { FORMATS } from '../formats';
import type { Article20Table, Format, FormatVersion, LabelDef } from '../formats/types';
import type { Span } from '../report';
import type { LineIndex } from '../text';
import { formatKey } from '../text';
import { makeCell, type Cell, type Shape } from './cell';
import { bestStyle, fitRow, numberOf, slotsIn, styleOf, type FitOptions, type Fitted, type Problem, type Relation } from './fit';
import { best, fromHeader, fromRows, fromValues, type Anchors, type HeaderWord } from './columns';
import { findLabels, type LabelEntry, type LabelHit } from './labels';
import { rowSlots, type RawRow } from './slots';
import { keyStream, type KeyStream } from './stream';

export type { Cell, Shape } from './cell';

export interface RowReading {
  shape: Shape;
  /** The values are placed in their columns with certainty. */
  certain: boolean;
  problem?: Problem;
  /** The values the text shows, in order. */
  seen: Cell[];
  /** What the text shows in the row that the reading left out of its cells (stray blank fields): named, never silently dropped. */
  dropped: Cell[];
}

export interface ReadRow {
  id: string;
  /** The label as written (its first piece; `pieces` when it is wrapped around other text). */
  labelCell: Cell;
  pieces: Span[];
  firstLine: number;
  lastLine: number;
  /** Value cells in column order; undefined where the row has no cell for a column (or it is unknown). */
  values: (Cell | undefined)[];
  reading: RowReading;
}

export interface ReadArticle20Row extends ReadRow {
  table: Article20Table;
}

export interface ReadReview {
  /** Where the table's header starts (行政复议). */
  headerStart: number;
  labelCell: Cell;
  values: (Cell | undefined)[];
  reading: RowReading;
  start: number;
  end: number;
  firstLine: number;
  lastLine: number;
}

export interface TablesRead {
  formatVersion: FormatVersion | null;
  /** The label that shows the format (an indicator word, or the single （六） row). */
  formatEvidence: Cell | null;
  format: Format;
  applications: Map<string, ReadRow>;
  /** Where the 申请 table's header starts (its note or its first column header), if it was seen. */
  applicationsHeader: number | null;
  article20: ReadArticle20Row[];
  /** Where each 第二十条 table's header starts (its title, else its column headers), by table id; absent where the text shows none before its first row. */
  article20Headers: Map<string, number>;
  review: ReadReview | null;
}

/** How far around a label sentence punctuation makes it a word of prose. */
const PROSE_WINDOW = 8;
const PROSE_MARK = /[。；！？，]/;

/** A text run is prose when it has a sentence end or a long run of words (a table's text has neither). */
const SENTENCE = /[。；！？]|[\u4e00-\u9fff，、（）()“”]{40}/;

/** The start of the line of `at` when only markup or padding stands before it there (`## `, `**`), else `at`. */
function lineStartBefore(text: string, index: LineIndex, at: number): number {
  const ls = index.starts[index.lineOf(at)];
  return /^[\s\u3000#*>]*$/.test(text.slice(ls, at)) ? ls : at;
}

function entryOf(hit: LabelHit, kind: LabelEntry['kind'], table?: LabelEntry['table']): LabelEntry | undefined {
  return hit.entries.find((e) => e.kind === kind && (!table || e.table === table));
}

const isStrong = (h: LabelHit) => h.entries.some((e) => !e.weak && e.kind !== 'header');
/** Hits that end the row before them: rows, titles, the note (header words and group labels do not). */
const ends = (h: LabelHit) => h.entries.some((e) => e.kind === 'row' || e.kind === 'title' || (e.kind === 'header' && e.id === 'note'));

function labelCellOf(text: string, index: LineIndex, hit: LabelHit, pieces: Span[]): Cell {
  const first = pieces[0];
  const contiguous = pieces.length === 1;
  const cell = makeCell(text, first.start, contiguous ? hit.end : first.end, index.lineOf(first.start), 'tab');
  return { ...cell, text: pieces.map((p) => text.slice(p.start, p.end)).join('') };
}

/** Whether a digit stands in [from, to) outside the pieces. */
function digitsOutside(text: string, from: number, to: number, pieces: Span[]): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19)) {
      let inside = false;
      for (let k = 0; k < pieces.length && !inside; k++) inside = pieces[k].start <= i && i < pieces[k].end;
      if (!inside) return true;
    }
  }
  return false;
}

/** Whether a digit stands outside the pieces from `from` up to where it is asked: a scan that goes on from its last answer (asks come in text order). */
function digitsFrom(text: string, from: number, pieces: Span[]): (to: number) => boolean {
  let scanned = from;
  let seen = false;
  return (to) => {
    if (!seen && to > scanned) {
      seen = digitsOutside(text, scanned, to, pieces);
      scanned = to;
    }
    return seen;
  };
}

/** The page an offset is on: the form feeds before it (pdftotext); offsets are asked in any order. */
function pagesOf(text: string): (offset: number) => number {
  const feeds: number[] = [];
  for (let i = text.indexOf('\f'); i >= 0; i = text.indexOf('\f', i + 1)) feeds.push(i);
  return (offset) => {
    let lo = 0;
    let hi = feeds.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (feeds[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Text offsets of a hit's pieces (stream index ranges → spans of the text). */
function piecesOf(hit: LabelHit, offsets: Int32Array): Span[] {
  return hit.pieces.map(([a, b]) => ({ start: offsets[a], end: offsets[b - 1] + 1 }));
}

const sumOf = (vals: (number | null)[], idx: number[]) => idx.reduce<number | null>((s, i) => (s === null || vals[i] === null ? null : s + (vals[i] as number)), 0);

/** The row relation of the 申请 table: 总计 = the six applicant cells. */
function applicationRelation(n: number): Relation {
  const parts = Array.from({ length: n - 1 }, (_, i) => i);
  return (v) => sumOf(v, parts) === v[n - 1];
}

function reviewRelation(format: Format): Relation {
  return (v) => format.review.groups.every((g) => sumOf(v, g.parts) === v[g.total]);
}

/** Each format's indicator words as keys (the format is fixed: made once). */
const INDICATOR_KEYS = Object.fromEntries(Object.values(FORMATS).map((f) => [f.version, f.indicators.map(formatKey)])) as Record<FormatVersion, string[]>;

/** Which format the labels show: indicator words of each, and a single （六） row. */
function detectFormat(hits: LabelHit[], single6: boolean): { version: FormatVersion | null; evidence: LabelHit | null } {
  const scores: Record<FormatVersion, number> = { '2019': 0, '2021': 0 };
  const evidence: Partial<Record<FormatVersion, LabelHit>> = {};
  for (const v of Object.keys(FORMATS) as FormatVersion[]) {
    const keys = INDICATOR_KEYS[v];
    // (a text's hits have few distinct keys: each is matched once)
    const shows = new Map<string, boolean>();
    for (const h of hits) {
      let yes = shows.get(h.key);
      if (yes === undefined) {
        yes = keys.some((k) => h.key.startsWith(k));
        shows.set(h.key, yes);
      }
      if (yes) {
        scores[v]++;
        evidence[v] ??= h;
      }
    }
  }
  if (single6) scores['2019']++;
  const version = scores['2019'] > scores['2021'] ? '2019' : scores['2021'] > scores['2019'] ? '2021' : null;
  return { version, evidence: version ? (evidence[version] ?? null) : null };
}

/** An occurrence of a row's label: its slots are read only if it is the one picked (a long text may repeat a table). */
class Candidate {
  private read: RawRow | undefined;
  constructor(
    readonly hit: LabelHit,
    readonly entry: LabelEntry,
    readonly pieces: Span[],
    /** Where the row's text ends: the next label that ends a row, or the end of its table. */
    readonly end: number,
    /** A digit stands in the row's text besides its label (a first look, before its slots are read). */
    readonly digits: boolean,
    private readonly slots: () => RawRow,
  ) {}

  get raw(): RawRow {
    this.read ??= this.slots();
    return this.read;
  }
}

/** Whether most rows that show values show them on a line (TABs, bars, spaces) rather than a cell a line. */
function onLines(rows: RawRow[]): boolean {
  const shown = rows.filter((r) => r.slots.some((s) => s.value));
  return shown.filter((r) => r.shape !== 'lines').length * 2 > shown.length;
}

/** A row fitted with its values to the left and to the right: the same reading unless it had a choice of blanks at its ends. */
interface BothWays {
  row: Candidate;
  left: Fitted;
  right: Fitted;
}

/** A row's fit under each alignment (fitted once where the alignment cannot matter: no choice of blanks). */
function bothWays(row: Candidate, n: number, o: FitOptions): BothWays {
  const left = fitRow(row.raw, n, { ...o, align: 'left' });
  return { row, left, right: left.choice ? fitRow(row.raw, n, { ...o, align: 'right' }) : left };
}

/**
 * Where rows show more blank fields than cells: the alignment under which more of them agree with their sums;
 * when none tells (all agree, or none does), the values fill the last columns, as exported grids put them.
 */
function alignment(rows: BothWays[], n: number, relation: Relation): 'left' | 'right' {
  let left = 0;
  let right = 0;
  for (const { row, left: l, right: rr } of rows) {
    const r = row.raw;
    // a row whose values fill exactly its columns shows which side its extra blank fields are on
    if (r.shape === 'bar' || r.shape === 'tab') {
      const first = r.slots.findIndex((s) => s.value);
      let last = r.slots.length - 1;
      while (last >= 0 && !r.slots[last].value) last--;
      if (first >= 0 && last - first + 1 === n) {
        if (first > 0 && last === r.slots.length - 1) right++;
        else if (first === 0 && last < r.slots.length - 1) left++;
      }
    }
    if (!l.choice) continue;
    if (relation(l.values.map(numberOf))) left++;
    if (relation(rr.values.map(numberOf))) right++;
  }
  return left > right ? 'left' : 'right';
}

/**
 * Values that are not beside their labels (pdftotext puts a block of cells after the block of labels): a row
 * showing exactly k times its columns' values, with k − 1 rows that show none after it (or before it: the values
 * after the last of the labels), gives each its share in the labels' order,
 * when every share agrees with its row's sum. Otherwise a table with such a row has no empty row that can be
 * trusted: rows showing no values there are unknown, not blank.
 */
function redistribute(rows: Candidate[], fitted: Map<string, Fitted>, n: number, relation: Relation | undefined): void {
  const byText = [...rows].sort((a, b) => a.hit.start - b.hit.start);
  const empty = (c: Candidate) => fitted.get(c.entry.id)!.seen.length === 0 && c.raw.shape !== 'tab' && c.raw.shape !== 'bar';
  let overfull = false;
  for (let i = 0; i < byText.length; i++) {
    const f = fitted.get(byText[i].entry.id)!;
    if (f.problem !== 'many') continue;
    const k = f.seen.length / n;
    // the block after its labels: this row's label and the k − 1 after it, or the k − 1 before it and this one
    const owners = Number.isInteger(k) && k >= 2 ? [byText.slice(i, i + k), byText.slice(Math.max(0, i - k + 1), i + 1)].find((o) => o.length === k && o.every((c) => c === byText[i] || empty(c))) : undefined;
    const shares = owners ? Array.from({ length: k }, (_, j) => f.seen.slice(j * n, (j + 1) * n)) : [];
    if (owners && (!relation || shares.every((s) => relation(s.map(numberOf))))) {
      owners.forEach((c, j) => fitted.set(c.entry.id, { values: shares[j], certain: true, seen: shares[j], dropped: [] }));
      continue;
    }
    overfull = true;
  }
  if (!overfull) return;
  for (const c of byText) if (empty(c) && fitted.get(c.entry.id)!.certain) fitted.set(c.entry.id, { values: new Array(n).fill(undefined), certain: false, problem: 'few', seen: [], dropped: [] });
}

/** Combinations of rows' readings the table's sums look at, at most. */
const MAX_COMBINATIONS = 4096;

/**
 * Rows with several readings (glued digits): the one combination of readings under which every sum of the
 * table holds — its column totals and its balance, not only each row's total — is taken; none, or more
 * than one, and the rows stay unknown.
 */
function resolveBySums(format: Format, rows: Map<string, Fitted>): void {
  const open = [...rows].filter(([, f]) => f.readings);
  if (open.length === 0) return;
  if (open.reduce((p, [, f]) => p * f.readings!.length, 1) > MAX_COMBINATIONS) return;
  const cols = new Map(format.applications.columns.map((c, i) => [c.id, i]));
  const openIds = new Set(open.map(([id]) => id));
  const relations = format.sums.filter((r) => r.target.table === 'applications' && [r.target, ...r.parts].some((p) => p.table === 'applications' && openIds.has(p.row)));
  const current = new Map<string, (Cell | undefined)[]>([...rows].map(([id, f]) => [id, f.values]));
  const num = (row: string, col: string): number | null => {
    const c = current.get(row)?.[cols.get(col)!];
    if (!c) return null;
    const v = c.value;
    return v.kind === 'blank' || v.kind === 'dash' ? 0 : v.kind === 'number' && v.integer ? v.value : null;
  };
  const holdsAll = () =>
    relations.every((r) => {
      if (r.target.table !== 'applications') return true;
      const t = num(r.target.row, r.target.col);
      let sum = 0;
      for (const p of r.parts) {
        if (p.table !== 'applications') return true;
        const v = num(p.row, p.col);
        if (v === null) return true;
        sum += v;
      }
      return t === null || t === sum;
    }) &&
    format.applications.columns.every((c) => {
      const side = (ids: string[]) => ids.reduce<number | null>((s, id) => (s === null || num(id, c.id) === null ? null : s + num(id, c.id)!), 0);
      const l = side(format.balance.left);
      const r = side(format.balance.right);
      return l === null || r === null || l === r;
    });
  const found: Cell[][][] = [];
  const go = (k: number, acc: Cell[][]) => {
    if (found.length > 1) return;
    if (k === open.length) {
      if (holdsAll()) found.push([...acc]);
      return;
    }
    const [id, f] = open[k];
    for (const r of f.readings!) {
      current.set(id, r);
      go(k + 1, [...acc, r]);
    }
    current.set(id, f.values);
  };
  go(0, []);
  if (found.length !== 1) return;
  open.forEach(([id, f], k) => rows.set(id, { values: found[0][k], certain: true, seen: f.seen, dropped: [] }));
}

function reading(f: Fitted, shape: Shape): RowReading {
  return f.problem ? { shape, certain: f.certain, problem: f.problem, seen: f.seen, dropped: f.dropped } : { shape, certain: f.certain, seen: f.seen, dropped: f.dropped };
}

/** A run of labels that makes a table: its hits in text order, and where its text ends. */
interface TableRun {
  hits: LabelHit[];
  end: number;
}

/**
 * The tables' label hits: runs of labels with no prose and no section heading between them, each with two strong
 * labels (or one and two more); labels inside a heading, and label words in a sentence, are none.
 */
function tableRunsOf(text: string, index: LineIndex, stream: KeyStream, headings: Span[]): TableRun[] {
  // labels inside a section heading are the heading's (`四、政府信息公开行政复议、行政诉讼情况`): headings and
  // hits are both in text order, so one walk
  const sorted = [...headings].sort((a, b) => a.start - b.start);
  let hk = 0;
  const found = findLabels(stream).filter((h) => {
    while (hk < sorted.length && sorted[hk].end <= h.start) hk++;
    return !(hk < sorted.length && h.start >= sorted[hk].start && h.start < sorted[hk].end);
  });
  // a label word in a sentence is not a row: sentence punctuation right before or after it (outside other labels)
  const inSentence = (k: number) => {
    const h = found[k];
    const before = Math.max(k > 0 ? found[k - 1].end : 0, h.start - PROSE_WINDOW);
    const after = Math.min(k + 1 < found.length ? found[k + 1].start : text.length, h.end + PROSE_WINDOW);
    return PROSE_MARK.test(text.slice(before, h.start)) || PROSE_MARK.test(text.slice(h.end, after));
  };
  const all = found.filter((_, k) => !inSentence(k));

  // tables: runs of labels with no prose and no section heading between them (a heading's line, `## 五、…`, is no table's)
  const bounds = headings.map((h) => lineStartBefore(text, index, h.start)).sort((a, b) => a - b);
  const runs: LabelHit[][] = [];
  let run: LabelHit[] = [];
  const runEnd: number[] = [];
  let bk = 0;
  /** The first heading at or after `from`, before `to` (bounds are sorted; calls come in text order). */
  const headingIn = (from: number, to: number) => {
    while (bk < bounds.length && bounds[bk] < from) bk++;
    return bk < bounds.length && bounds[bk] < to ? bounds[bk] : undefined;
  };
  for (let i = 0; i < all.length; i++) {
    const h = all[i];
    if (run.length) {
      const prev = run[run.length - 1];
      const gap = text.slice(prev.end, h.start);
      const heading = headingIn(prev.end, h.start);
      const prose = SENTENCE.exec(gap);
      if (heading !== undefined || prose) {
        runs.push(run);
        runEnd.push(Math.min(heading ?? Infinity, prose ? prev.end + prose.index : Infinity));
        run = [];
      }
    }
    run.push(h);
  }
  if (run.length) {
    runs.push(run);
    const last = run[run.length - 1];
    const rest = text.slice(last.end, Math.min(text.length, last.end + 4000));
    const heading = headingIn(last.end, Infinity);
    const prose = SENTENCE.exec(rest);
    runEnd.push(Math.min(heading ?? text.length, prose ? last.end + prose.index : text.length));
  }
  return runs.map((r, i) => ({ hits: r, end: runEnd[i] })).filter((r) => r.hits.filter(isStrong).length >= 2 || (r.hits.some(isStrong) && r.hits.length >= 3));
}

/**
 * Every occurrence of a row's label in the tables, with its text up to the next label that ends a row; and those
 * that are a 复议/诉讼 table's header words rather than rows.
 */
function candidatesOf(text: string, index: LineIndex, stream: KeyStream, tableRuns: TableRun[]): { candidates: Candidate[]; reviewWords: Set<Candidate> } {
  const candidates: Candidate[] = [];
  // weak labels after a 复议/诉讼 title are that table's header words (`总计`), not the 申请 table's rows
  const reviewWords = new Set<Candidate>();
  for (const r of tableRuns) {
    let afterReview = false;
    for (let i = 0; i < r.hits.length; i++) {
      const h = r.hits[i];
      if (entryOf(h, 'title', 'review')) afterReview = true;
      const entry = entryOf(h, 'row');
      if (!entry) continue;
      let end = r.end;
      const pieces = piecesOf(h, stream.offsets);
      const digitsTo = digitsFrom(text, h.start, pieces);
      for (let j = i + 1; j < r.hits.length; j++) {
        const x = r.hits[j];
        // a column header word after values of the row: the text goes on column by column (pdftotext's reading
        // order, `3.补正后申请内容仍不` / `2` / `明确` / `法律服务机构` / `6` …): what follows is other rows' cells
        const columnWord = entry.table === 'applications' && x.entries.some((e) => e.kind === 'header' && e.table === 'applications' && e.id !== 'note') && digitsTo(x.start);
        if (ends(x) || columnWord) {
          end = x.start;
          break;
        }
      }
      // the row's slots are read only for the occurrences that are picked (a long text may repeat a table)
      // the other labels in the row's text: hits are in text order and do not overlap, so those after this one that
      // start before its end (found from here, not by a look at every hit of the run: a long run has thousands)
      const masks = () => {
        const out: Span[] = [];
        for (let k = i + 1; k < r.hits.length && r.hits[k].start < end; k++) out.push(...piecesOf(r.hits[k], stream.offsets));
        return out;
      };
      const c = new Candidate(h, entry, pieces, end, digitsTo(end), () => rowSlots(text, index, h.start, end, pieces, masks()));
      candidates.push(c);
      if (afterReview && h.entries.every((e) => e.weak)) reviewWords.add(c);
    }
  }
  return { candidates, reviewWords };
}

/**
 * One occurrence a row of `table`: the format's own label (or an alias) before one that is also a header word or
 * lacks its enumerator; among those, the first with values. An optional subtotal row is a row only where it holds
 * values; else it is the group's label.
 */
function pickRows(candidates: Candidate[], reviewWords: Set<Candidate>, optional: Set<string>, table: LabelEntry['table']): Map<string, Candidate> {
  const byId = new Map<string, Candidate>();
  const rank = (c: Candidate) => {
    const weak = c.hit.entries.every((e) => e.weak);
    if (weak) return c.digits ? 1 : -1;
    return c.digits ? 3 : 2;
  };
  for (const c of candidates) {
    if (c.entry.table !== table || rank(c) < 0 || reviewWords.has(c)) continue;
    const prev = byId.get(c.entry.id);
    if (prev && rank(c) <= rank(prev)) continue;
    if (optional.has(c.entry.id) && !c.raw.slots.some((s) => s.value && s.cell.value.kind === 'number')) continue;
    byId.set(c.entry.id, c);
  }
  return byId;
}

function rowOf(text: string, index: LineIndex, c: Candidate, fitted: Fitted): ReadRow {
  return {
    id: c.entry.id,
    labelCell: labelCellOf(text, index, c.hit, c.pieces),
    pieces: c.pieces,
    firstLine: c.raw.firstLine,
    lastLine: Math.max(index.lineOf(c.pieces[c.pieces.length - 1].end - 1), ...fitted.values.map((v) => (v && !v.inferred ? v.line : 0))),
    values: fitted.values,
    reading: reading(fitted, c.raw.shape),
  };
}

/** The 申请 table: the picked rows fitted to its columns, and where its header starts. */
function readApplications(text: string, index: LineIndex, format: Format, hits: LabelHit[], appPicked: Map<string, Candidate>): Pick<TablesRead, 'applications' | 'applicationsHeader'> {
  const appDefs = new Map(format.applications.rows.map((r) => [r.id, r]));
  const appCandidates = [...appPicked.values()].filter((c) => appDefs.has(c.entry.id));
  const n = format.applications.columns.length;
  const appRaw = appCandidates.map((c) => c.raw);
  const style = styleOf(appRaw, n);
  let anchors = fromRows(appRaw, n);
  const firstRow = appCandidates.reduce((m, c) => Math.min(m, c.hit.start), Infinity);
  if (!anchors && appRaw.some((r) => r.wideGaps) && firstRow < Infinity) {
    const words: HeaderWord[] = hits.flatMap((h) => {
      const e = entryOf(h, 'header', 'applications');
      const col = e ? format.applications.columns.findIndex((c) => c.id === e.id) : -1;
      return col >= 0 ? [{ start: h.start, end: h.end, col }] : [];
    });
    const note = hits.filter((h) => entryOf(h, 'header', 'applications')?.id === 'note' && h.start < firstRow).at(-1);
    // (from the line above the corner note: pandoc draws its ruler there)
    const from = note ? index.starts[Math.max(0, index.lineOf(note.start) - 2)] : index.starts[Math.max(0, index.lineOf(firstRow) - 12)];
    anchors = best(fromHeader(text, index, words, n, from, firstRow), appRaw);
  }
  if (!anchors && appRaw.some((r) => r.wideGaps)) anchors = fromValues(appRaw, n);
  // a table over a page break may stand at other columns on the next page (pdftotext writes a form feed between
  // pages): each page's rows are placed by that page's columns where its full rows show them
  const pageOf = pagesOf(text);
  const pageAnchors = new Map<number, Anchors | null>();
  const anchorsOf = (c: Candidate) => {
    if (!anchors && !appRaw.some((r) => r.wideGaps)) return null;
    const page = pageOf(c.hit.start);
    if (!pageAnchors.has(page)) {
      const rows = appCandidates.filter((x) => pageOf(x.hit.start) === page).map((x) => x.raw);
      pageAnchors.set(page, fromRows(rows, n) ?? fromValues(rows, n) ?? anchors);
    }
    return pageAnchors.get(page)!;
  };
  const relation = applicationRelation(n);
  const rowsOnLines = onLines(appRaw);
  const appRows = format.applications.rows.flatMap((def) => (appPicked.has(def.id) ? [appPicked.get(def.id)!] : []));
  const fits = appRows.map((c) => bothWays(c, n, { relation, style, anchors: anchorsOf(c), text, rowsOnLines, label: labelCellOf(text, index, c.hit, c.pieces) }));
  const align = alignment(fits, n, relation);
  const fittedApps = new Map<string, Fitted>();
  for (const f of fits) fittedApps.set(f.row.entry.id, align === 'left' ? f.left : f.right);
  redistribute(appRows.filter((c) => !appDefs.get(c.entry.id)?.optional || fittedApps.get(c.entry.id)!.seen.length > 0), fittedApps, n, relation);
  resolveBySums(format, fittedApps);
  const applications = new Map<string, ReadRow>();
  for (const [id, fitted] of fittedApps) applications.set(id, rowOf(text, index, appPicked.get(id)!, fitted));
  const note = hits.find((h) => entryOf(h, 'header', 'applications'));
  const firstApp = [...applications.values()][0];
  return { applications, applicationsHeader: note && firstApp && note.start < firstApp.labelCell.start ? note.start : null };
}

/** The 第二十条 tables: each row with its table's columns (the format's own table, else the other format's), and where each table's header starts. */
function readArticle20(text: string, index: LineIndex, format: Format, hits: LabelHit[], a20Picked: Map<string, Candidate>): Pick<TablesRead, 'article20' | 'article20Headers'> {
  const other = Object.values(FORMATS).find((f) => f.version !== format.version)!;
  const tableOf = (id: string) => format.article20.find((t) => t.rows.some((r) => r.id === id)) ?? other.article20.find((t) => t.rows.some((r) => r.id === id));
  // 第二十条 tables have one to three columns: the style that most rows read right in, each with its own count
  const a20Styles = [...a20Picked.values()].some((c) => c.raw.shape === 'lines') ? (['lines', 'paragraphs', 'tabs'] as const) : (['lines'] as const);
  const a20Columns = new Map([...a20Picked.values()].map((c) => [c.raw, tableOf(c.entry.id)?.columns.length ?? 0]));
  const a20Style = bestStyle([...a20Columns.keys()], a20Styles, (r) => a20Columns.get(r)!);
  const a20OnLines = onLines([...a20Picked.values()].map((c) => c.raw));
  const article20: ReadArticle20Row[] = [];
  const a20Fitted = new Map<string, Fitted>();
  for (const c of a20Picked.values()) {
    const table = tableOf(c.entry.id);
    if (table) a20Fitted.set(c.entry.id, fitRow(c.raw, table.columns.length, { style: a20Style, anchors: null, text, rowsOnLines: a20OnLines, label: labelCellOf(text, index, c.hit, c.pieces) }));
  }
  // a 第二十条 table's rows have one to three columns: values out of place anywhere make its empty rows unknown
  if ([...a20Fitted.values()].some((f) => f.problem === 'many')) {
    for (const c of a20Picked.values()) {
      const f = a20Fitted.get(c.entry.id);
      if (f?.certain && f.seen.length === 0 && c.raw.shape !== 'tab' && c.raw.shape !== 'bar') a20Fitted.set(c.entry.id, { ...f, values: f.values.map(() => undefined), certain: false, problem: 'few' });
    }
  }
  for (const c of a20Picked.values()) {
    const fitted = a20Fitted.get(c.entry.id);
    if (fitted) article20.push({ ...rowOf(text, index, c, fitted), table: tableOf(c.entry.id)! });
  }
  article20.sort((a, b) => a.labelCell.start - b.labelCell.start);
  const article20Headers = new Map<string, number>();
  for (const row of article20) {
    if (article20Headers.has(row.table.id)) continue;
    // back from the table's first row over its header words, up to its own title (never past another row or title)
    let start: number | null = null;
    for (let i = hits.findIndex((h) => h.start >= row.labelCell.start) - 1; i >= 0; i--) {
      const h = hits[i];
      const title = entryOf(h, 'title', 'article20');
      if (title && title.id !== row.table.id) break;
      if (!title && !entryOf(h, 'header', 'article20')) break;
      start = lineStartBefore(text, index, h.start);
      if (title) break;
    }
    if (start !== null) article20Headers.set(row.table.id, start);
  }
  return { article20, article20Headers };
}

/** The 复议/诉讼 table: its 15 values after the header (the first run that holds its title and shows them). */
function readReview(text: string, index: LineIndex, stream: KeyStream, format: Format, tableRuns: TableRun[]): ReadReview | null {
  for (const r of tableRuns) {
    const at = r.hits.findIndex((h) => entryOf(h, 'title', 'review'));
    if (at < 0) continue;
    const head = r.hits[at];
    const pieces = piecesOf(head, stream.offsets);
    // the table ends where the run does, or where another such table opens: its own 行政复议 after values (a
    // flattened header repeats it in every column's header, before any value)
    let next = -1;
    let values = false;
    for (let k = at + 1; k < r.hits.length && next < 0; k++) {
      values ||= digitsOutside(text, r.hits[k - 1].end, r.hits[k].start, []);
      if (values && entryOf(r.hits[k], 'title', 'review')) next = k;
    }
    const end = next < 0 ? r.end : r.hits[next].start;
    // everything up to the end of the table, header words left out
    const headerPieces = r.hits.slice(at, next < 0 ? undefined : next).flatMap((h) => piecesOf(h, stream.offsets));
    const raw = rowSlots(text, index, head.start, end, headerPieces);
    if (!raw.slots.some((s) => s.value) && raw.slots.length < 15 && raw.tokens().length < 15) continue;
    // aligned text: the columns from pandoc's ruler above the header (its 15 runs of dashes)
    const anchors = raw.wideGaps ? best(fromHeader(text, index, [], 15, index.starts[Math.max(0, index.lineOf(head.start) - 2)], end), [raw]) : null;
    let fitted = fitRow(raw, 15, { relation: reviewRelation(format), style: styleOf([raw], 15), anchors, text, label: labelCellOf(text, index, head, pieces) });
    if (!fitted.certain) {
      // values read in between the header's words (pdftotext's reading order, `结果维持` / `2` / `结果纠正…`): all 15
      // of them, in order, holding the table's sums, are its cells — with every cell a value no blank has to be placed
      const between = rowSlots(text, index, head.start, end, pieces, headerPieces);
      const all = (['paragraphs', 'lines'] as const).map((style) => slotsIn(between, style).filter((x) => x.value).map((x) => x.cell)).find((v) => v.length === 15);
      if (all && reviewRelation(format)(all.map(numberOf))) fitted = { values: all, certain: true, seen: all, dropped: [] };
    }
    const present = fitted.values.filter((v): v is Cell => !!v);
    const seenCells = fitted.seen.length ? fitted.seen : present;
    const start = seenCells[0]?.start ?? head.end;
    let last = start;
    for (const v of present) last = Math.max(last, v.end);
    for (const v of seenCells) last = Math.max(last, v.end);
    return {
      headerStart: head.start,
      labelCell: labelCellOf(text, index, head, pieces),
      values: fitted.values,
      reading: reading(fitted, raw.shape),
      start,
      end: last,
      firstLine: index.lineOf(start),
      lastLine: raw.lastLine,
    };
  }
  return null;
}

/**
 * The tables of a text: the format's labels found, their rows picked, each table's rows fitted to its columns.
 * (In parts, each a function of its own: V8 compiles and, when a check's arrays differ from the last one's,
 * drops and compiles again, each part alone rather than all of them — bench/RESULTS.md, fifth round.)
 */
export function readTables(text: string, index: LineIndex, headings: Span[], fallback: (version: FormatVersion | null) => Format): TablesRead {
  const stream = keyStream(text);
  const tableRuns = tableRunsOf(text, index, stream, headings);
  const hits = tableRuns.flatMap((r) => r.hits);
  const { candidates, reviewWords } = candidatesOf(text, index, stream, tableRuns);

  // （六）其他处理 and none of its three rows: the table has it as one row (its values beside it or not: pdftotext)
  const single6 = candidates.some((c) => c.entry.table === 'applications' && c.entry.id === 'r6') && !candidates.some((c) => ['r6_1', 'r6_2', 'r6_3'].includes(c.entry.id));
  const detected = detectFormat(hits, single6);
  const named = fallback(detected.version);
  // a 2021 table that keeps the single （六）其他处理 row: that row is （六） in its sums
  const format = single6 && named.oneSixthRow ? named.oneSixthRow : named;

  const optional = new Set(format.applications.rows.filter((r) => r.optional).map((r) => r.id));
  const appPicked = pickRows(candidates, reviewWords, optional, 'applications');
  const evidenceHit = (format.sixthAsOneRow ? appPicked.get('r6')?.hit : detected.evidence) ?? (single6 ? (appPicked.get('r6')?.hit ?? null) : null);
  return {
    formatVersion: detected.version,
    formatEvidence: evidenceHit ? labelCellOf(text, index, evidenceHit, piecesOf(evidenceHit, stream.offsets)) : null,
    format,
    ...readApplications(text, index, format, hits, appPicked),
    ...readArticle20(text, index, format, hits, pickRows(candidates, reviewWords, optional, 'article20')),
    review: readReview(text, index, stream, format, tableRuns),
  };
}

/** The format's label of a row (label-variant compares the label as written with it). */
export function defOf(format: Format, table: 'applications' | 'article20', id: string): LabelDef | undefined {
  if (table === 'applications') return format.applications.rows.find((r) => r.id === id);
  for (const t of format.article20) {
    const r = t.rows.find((x) => x.id === id);
    if (r) return r;
  }
  return undefined;
}

const NUMBER_WORD = /(?:^|[\s\u3000\u00a0|│\t])[0-9０-９]+(?=$|[\s\u3000\u00a0|│\t])/g;

/**
 * What in [start, end) looks like a table whose rows were not found: a placeholder a converter left in its
 * place (pandoc's `[TABLE]`), or numbers standing apart from prose (six or more). Null when there is none:
 * then the table is missing, not unreadable.
 */
export function tableLike(text: string, start: number, end: number): ({ placeholder: string } | { numbers: string[] }) & { at: number } | null {
  const part = text.slice(start, end);
  const placeholder = /\[TABLE\]|\[表格\]/.exec(part);
  if (placeholder) return { placeholder: placeholder[0], at: start + placeholder.index };
  const numbers: string[] = [];
  let at = -1;
  let offset = start;
  for (const line of part.split(/(?<=\r\n|\r(?!\n)|\n)/)) {
    if (!(/[。；，]/.test(line) && line.length > 30)) {
      for (const m of line.matchAll(NUMBER_WORD)) {
        if (at < 0) at = offset + m.index!;
        numbers.push(m[0].trim());
      }
    }
    offset += line.length;
  }
  return numbers.length >= 6 ? { numbers, at } : null;
}
