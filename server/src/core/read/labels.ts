/**
 * Labels of the national formats, found in a text whatever separates them from their cells:
 * rows (with aliases and without their enumerator), group labels, table titles and column
 * headers. The format stays data: every key here is made from formats/.
 *
 * Matching walks the key stream (stream.ts) with a trie of all keys. A label may be wrapped over
 * lines and have other things inside it — its row's values (`（二）部分公开（区分处理的，只计这一情形，`
 * / `29 0 0 0 0 0 29` / `不计其他情形）`), or a word of a merged group label broken into it (`…缴` /
 * `处理` / `纳费用、…`): up to two such runs are skipped, and the skipped characters stay where
 * they are (values for the row, junk for the rest).
 */
import { FORMATS } from '../formats';
import type { FormatVersion, LabelDef } from '../formats/types';
import { labelKey, stripEnumerator } from '../text';
import type { KeyStream } from './stream';

export type LabelKind = 'row' | 'group' | 'title' | 'header';
export type LabelTable = 'applications' | 'article20' | 'review';

export interface LabelEntry {
  kind: LabelKind;
  table: LabelTable;
  /** Row id (kind row), group or table id. */
  id: string;
  /** The format's own label (not an alias, not without its enumerator). */
  canonical: boolean;
  /** Without the enumerator or an alias that is also a header word: only read inside a table. */
  weak: boolean;
  formats: FormatVersion[];
}

interface TrieNode {
  /** By code unit. */
  next: Map<number, TrieNode>;
  entries: LabelEntry[] | null;
}

const node = (): TrieNode => ({ next: new Map(), entries: null });

const ROOT = node();
/** Every key and the labels it names. */
const KEYS = new Map<string, LabelEntry[]>();

function add(key: string, entry: LabelEntry) {
  if (key.length < 2) return;
  let list = KEYS.get(key);
  if (!list) {
    list = [];
    KEYS.set(key, list);
  }
  const same = list.find((e) => e.kind === entry.kind && e.table === entry.table && e.id === entry.id);
  if (same) {
    for (const f of entry.formats) if (!same.formats.includes(f)) same.formats.push(f);
    same.canonical ||= entry.canonical;
    same.weak &&= entry.weak;
    return;
  }
  list.push(entry);
  let n = ROOT;
  for (let i = 0; i < key.length; i++) {
    const ch = key.charCodeAt(i);
    let m = n.next.get(ch);
    if (!m) {
      m = node();
      n.next.set(ch, m);
    }
    n = m;
  }
  n.entries = list;
}

function addDef(kind: LabelKind, table: LabelTable, def: LabelDef, version: FormatVersion, headerWords: Set<string>) {
  const keys = [def.label, ...(def.aliases ?? [])].map(labelKey);
  keys.forEach((key, i) => {
    add(key, { kind, table, id: def.id, canonical: i === 0, weak: headerWords.has(key), formats: [version] });
    const bare = stripEnumerator(key);
    if (bare !== key && bare.length >= 4) add(bare, { kind, table, id: def.id, canonical: false, weak: true, formats: [version] });
  });
}

for (const version of Object.keys(FORMATS) as FormatVersion[]) {
  const f = FORMATS[version];
  const headerWords = new Set([...f.applications.columns.map((c) => labelKey(c.label)), ...f.review.columns.map(labelKey)]);
  for (const r of f.applications.rows) addDef(r.role === 'subtotal' ? 'group' : 'row', 'applications', r, version, headerWords);
  // an optional subtotal row is a row too where a template gives it values
  for (const r of f.applications.rows) if (r.role === 'subtotal') addDef('row', 'applications', r, version, headerWords);
  for (const g of f.applications.groups) addDef('group', 'applications', g, version, headerWords);
  for (const c of f.applications.columns) add(labelKey(c.label), { kind: 'header', table: 'applications', id: c.id, canonical: true, weak: true, formats: [version] });
  add(labelKey(f.applications.note), { kind: 'header', table: 'applications', id: 'note', canonical: true, weak: false, formats: [version] });
  for (const t of f.article20) {
    add(labelKey(t.title), { kind: 'title', table: 'article20', id: t.id, canonical: true, weak: false, formats: [version] });
    for (const r of t.rows) addDef('row', 'article20', r, version, headerWords);
    for (const c of t.columns) add(labelKey(c.label), { kind: 'header', table: 'article20', id: c.id, canonical: true, weak: true, formats: [version] });
  }
  add(labelKey(f.article20Header), { kind: 'header', table: 'article20', id: 'content', canonical: true, weak: true, formats: [version] });
  f.review.headers.forEach((h, i) => add(labelKey(h), { kind: i === 0 ? 'title' : 'header', table: 'review', id: h, canonical: true, weak: i > 0, formats: [version] }));
  for (const c of f.review.columns) add(labelKey(c), { kind: 'header', table: 'review', id: c, canonical: true, weak: true, formats: [version] });
}

/** 1 for each code unit a label starts with: findLabels looks at every character of a text (an array index, not the trie's Map). */
const STARTS = new Uint8Array(0x10000);
for (const c of ROOT.next.keys()) STARTS[c] = 1;

/** A label found in the text. */
export interface LabelHit {
  entries: LabelEntry[];
  key: string;
  /** Stream index ranges [from, to) of the matched characters (more than one when something was skipped). */
  pieces: [number, number][];
  /** Offsets in the text: the first matched character, and after the last. */
  start: number;
  end: number;
}

/** The labels a key names (tests, the fuzzy reading of slips). */
export function entriesOf(key: string): LabelEntry[] | undefined {
  return KEYS.get(key);
}

export function allKeys(): IterableIterator<[string, LabelEntry[]]> {
  return KEYS.entries();
}

const isDigitCode = (c: number) => c >= 48 && c <= 57;
/** A value character: digits, and what numbers are written with. */
const isValueCode = (c: number) => isDigitCode(c) || c === 0x2e /* . */ || c === 0x2c /* , */ || c === 0x2d /* - */ || c === 0x2b /* + */ || c === 0x25 /* % */ || c === 0x2f /* / */ || c === 0x2014; /* — */

const MAX_SKIPS = 3;
const MAX_SKIP_WORD = 8;

/** The end (stream index) of the run to skip at j, or -1: a run of value words, or one short word after a line break. */
function skippable(s: KeyStream, j: number): number {
  const { codes } = s;
  const n = codes.length;
  if (j >= n || s.breaks[j] === 0) {
    // digits glued to the label (a flattened table) are skipped only when they are a run of their own
    if (j < n && isDigitCode(codes[j]) && j > 0 && !isDigitCode(codes[j - 1])) {
      let k = j;
      while (k < n && isValueCode(codes[k])) k++;
      return k;
    }
    return -1;
  }
  let k = j;
  if (isValueCode(codes[j])) {
    // value words, one after another (a unit may close one: `251000元`)
    while (k < n && isValueCode(codes[k])) {
      k++;
      while (k < n && s.breaks[k] === 0 && isValueCode(codes[k])) k++;
      if (s.chars.startsWith('万元', k)) k += 2;
      else if (codes[k] === 0x5143 /* 元 */) k++;
      if (k < n && !isValueCode(codes[k])) break;
    }
    return k;
  }
  if (s.breaks[j] !== 2) return -1;
  k = j + 1;
  while (k < n && s.breaks[k] === 0) k++;
  return k - j <= MAX_SKIP_WORD && (k >= n || s.breaks[k] > 0) ? k : -1;
}

interface Walk {
  /** Stream index after the last matched character. */
  end: number;
  node: TrieNode;
  pieces: [number, number][];
}

const NO_PIECES: [number, number][] = [];

/**
 * The walk of longestAt from node n at stream index j: `pieces` are the matched runs before the current one, `from`
 * where the current run started, `best` the longest label found so far (a function of its own, not a closure per
 * start: it is tried at most characters of a text).
 */
function walk(s: KeyStream, i: number, n: TrieNode, j: number, pieces: [number, number][], from: number, best: Walk | null): Walk | null {
  const { codes } = s;
  for (;;) {
    // after a skip, a label goes on for two characters at least before it ends (one, the last of a long label)
    if (n.entries && (pieces.length === 0 || j - from >= 2 || (j - from === 1 && j - i >= 8)) && (!best || j > best.end)) best = { end: j, node: n, pieces: [...pieces, [from, j]] };
    const m = j < codes.length ? n.next.get(codes[j]) : undefined;
    if (!m) break;
    n = m;
    j++;
  }
  // a short start (`行政` / `0 0` / `事业性收费`, `政` / … / `府集中采购`: a grid table's wrapped cell) only goes on from the next line
  if (j === i) return best;
  // skip one run, or two in a row (the row's values, then a word of a group label: `…另行` / `3 0 0…` / `法提供 制作`)
  let to = j;
  for (let used = pieces.length; used < MAX_SKIPS && to < codes.length; used++) {
    const next = skippable(s, to);
    if (next <= to || next >= codes.length) return best;
    to = next;
    if (n.next.has(codes[to]) && (j - i >= 4 || s.breaks[to] === 2)) return walk(s, i, n, to, [...pieces, [from, j]], to, best);
  }
  return best;
}

/** The longest label starting at stream index i, or null. */
function longestAt(s: KeyStream, i: number): Walk | null {
  return walk(s, i, ROOT, i, NO_PIECES, i, null);
}

/** Row labels by their enumerator (`2.`, `(三)`), for reading slips (`2.其他法律行政止公开`). */
const BY_ENUMERATOR = new Map<string, { key: string; entries: LabelEntry[] }[]>();
for (const [key, entries] of KEYS) {
  const m = /^(\d+\.|\([一二三四五六七八九十]+\))/.exec(key);
  if (!m || key.length < 6 || !entries.some((e) => e.kind === 'row' && e.canonical)) continue;
  let list = BY_ENUMERATOR.get(m[1]);
  if (!list) {
    list = [];
    BY_ENUMERATOR.set(m[1], list);
  }
  list.push({ key, entries });
}

/** Edit distance of a and b, or more than `max` (stops early). */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/**
 * A row label written with a slip (a few characters left out or changed), where no label matches exactly:
 * the label of the same enumerator within a quarter of its length in edits, on one line, if there is one.
 */
function slipAt(s: KeyStream, i: number): Walk | null {
  const m = /^(\d+\.|\([一二三四五六七八九十]+\))/.exec(s.chars.slice(i, i + 6));
  const candidates = m && BY_ENUMERATOR.get(m[1]);
  if (!candidates) return null;
  // the run of label characters from i: up to a line break or a value word
  let end = i + m[1].length;
  while (end < s.chars.length && s.breaks[end] !== 2 && !(s.breaks[end] && /\d/.test(s.chars[end]))) end++;
  const run = s.chars.slice(i, end);
  let best: { key: string; entries: LabelEntry[]; d: number } | null = null;
  let tie = false;
  for (const c of candidates) {
    const max = Math.max(1, Math.floor(c.key.length / 4));
    const d = distance(run, c.key, max);
    if (d > max || d === 0) continue;
    if (!best || d < best.d) {
      best = { ...c, d };
      tie = false;
    } else if (d === best.d) tie = true;
  }
  if (!best || tie) return null;
  const n: TrieNode = { next: new Map(), entries: best.entries };
  return { end, node: n, pieces: [[i, end]] };
}

/** Every label in the stream, left to right, each the longest that starts where it starts. */
export function findLabels(s: KeyStream): LabelHit[] {
  const hits: LabelHit[] = [];
  const { chars, codes } = s;
  for (let i = 0; i < codes.length; ) {
    if (!STARTS[codes[i]]) {
      i++;
      continue;
    }
    const w = (longestAt(s, i) ?? (s.breaks[i] ? slipAt(s, i) : null)) as Walk | null;
    if (!w) {
      i++;
      continue;
    }
    const key = w.pieces.length === 1 ? chars.slice(w.pieces[0][0], w.pieces[0][1]) : w.pieces.map(([a, b]) => chars.slice(a, b)).join('');
    const last = w.pieces[w.pieces.length - 1];
    hits.push({ entries: w.node.entries!, key, pieces: w.pieces, start: s.offsets[i], end: s.offsets[last[1] - 1] + 1 });
    i = w.end;
  }
  return hits;
}
