/**
 * Tables: binds table cells to the rows of a national format by their label (not by grid position:
 * merged headers shift cells), tells which format the tables follow, and finds the 复议/诉讼 row.
 */
import { FORMATS, REVIEW_CELLS, REVIEW_HEADER } from '../formats';
import type { Format, FormatVersion, LabelDef } from '../formats/types';
import type { Article20Row, BoundRow, ReviewTable } from '../report';
import type { Cell, Row, Scan } from '../scan';
import { labelKey, stripEnumerator } from '../text';

type LabelTable = 'applications' | 'groups' | 'article20';
interface LabelHit {
  table: LabelTable;
  id: string;
}

/** Every label of both formats (canonical, aliases, and without enumerator) → the row it names. */
const LABELS: Map<string, LabelHit> = (() => {
  const map = new Map<string, LabelHit>();
  const stripped = new Map<string, LabelHit>();
  const add = (table: LabelTable, def: LabelDef) => {
    for (const l of [def.label, ...(def.aliases ?? [])]) {
      const key = labelKey(l);
      if (!map.has(key)) map.set(key, { table, id: def.id });
      const bare = stripEnumerator(key);
      if (bare.length >= 4 && bare !== key && !stripped.has(bare)) stripped.set(bare, { table, id: def.id });
    }
  };
  for (const f of Object.values(FORMATS)) {
    f.applications.rows.forEach((r) => add('applications', r));
    f.applications.groups.forEach((g) => add('groups', g));
    f.article20.forEach((t) => t.rows.forEach((r) => add('article20', r)));
  }
  for (const [k, v] of stripped) if (!map.has(k)) map.set(k, v);
  return map;
})();

export function lookupLabel(cell: Cell, key?: string): LabelHit | undefined {
  if (cell.value.kind !== 'text' || cell.text.length > 60) return undefined;
  key ??= labelKey(cell.text);
  return LABELS.get(key) ?? LABELS.get(stripEnumerator(key));
}

const isBlank = (c: Cell) => c.value.kind === 'blank';
const isValueLike = (c: Cell) => c.value.kind !== 'text';

/** Value cells after a label: kept when they hold a number or a dash, or are all blank. */
function bindable(after: Cell[]): boolean {
  if (after.some((c) => c.value.kind === 'number' || c.value.kind === 'dash')) return true;
  return after.length > 0 && after.every(isBlank);
}

/**
 * Fits a row's value cells to n columns. Extra blank cells go first: trailing ones (padding of
 * Markdown and `|` rows, tabs at the end of a line), then leading ones (merged-cell shifts).
 */
function fitValues(after: Cell[], n: number): (Cell | undefined)[] {
  let v = after;
  while (v.length > n && isBlank(v[v.length - 1])) v = v.slice(0, -1);
  while (v.length > n && isBlank(v[0])) v = v.slice(1);
  if (v.length > n) v = [...v.slice(0, n - 1), v[v.length - 1]];
  const out: (Cell | undefined)[] = new Array(n).fill(undefined);
  v.forEach((c, i) => (out[i] = c));
  return out;
}

interface RawBinding {
  id: string;
  labelCell: Cell;
  row: Row;
  after: Cell[];
}

const INDICATOR_KEYS = (Object.keys(FORMATS) as FormatVersion[]).map((v) => ({ v, keys: FORMATS[v].indicators.map(labelKey) }));

/** What a text cell tells, by its text alone. */
interface TextCell {
  hit: LabelHit | undefined;
  /** The formats whose indicator words the text starts with. */
  indicates: FormatVersion[];
  /** The header of the 复议/诉讼 table. */
  reviewHeader: boolean;
}

export function bindLabels(s: Scan) {
  const applications = new Map<string, RawBinding>();
  const article20 = new Map<string, RawBinding>();
  const labels: { cell: Cell; hit: LabelHit }[] = [];
  const scores: Record<FormatVersion, number> = { '2019': 0, '2021': 0 };
  const evidence: Partial<Record<FormatVersion, Cell>> = {};
  let reviewHeader: Row | null = null;
  let reviewHeaderIndex = -1;
  // the same labels and headers come back in every table of a long draft: each text is looked at once
  const known = new Map<string, TextCell>();
  const look = (cell: Cell): TextCell => {
    let k = known.get(cell.text);
    if (!k) {
      const key = labelKey(cell.text);
      const indicates = INDICATOR_KEYS.filter(({ keys }) => keys.some((i) => key.startsWith(i))).map(({ v }) => v);
      k = { hit: lookupLabel(cell, key), indicates, reviewHeader: key === REVIEW_HEADER };
      known.set(cell.text, k);
    }
    return k;
  };

  s.rows.forEach((row, ri) => {
    let last = -1;
    let lastHit: LabelHit | undefined;
    const rowLabels: { cell: Cell; hit: LabelHit }[] = [];
    for (let i = 0; i < row.cells.length; i++) {
      const cell = row.cells[i];
      if (cell.value.kind !== 'text') continue;
      const { hit, indicates, reviewHeader: isReviewHeader } = look(cell);
      for (const v of indicates) {
        scores[v]++;
        evidence[v] ??= cell;
      }
      if (!reviewHeader && isReviewHeader) {
        reviewHeader = row;
        reviewHeaderIndex = ri;
      }
      if (hit) {
        last = i;
        lastHit = hit;
        rowLabels.push({ cell, hit });
      }
    }
    if (!lastHit || lastHit.table === 'groups') return;
    const after = row.cells.slice(last + 1);
    // a data row holds group labels or merged-cell blanks before its label, never header words
    const before = row.cells.slice(0, last);
    if (!bindable(after) || !before.every((c) => c.value.kind === 'blank' || rowLabels.some((l) => l.cell === c))) return;
    const map = lastHit.table === 'applications' ? applications : article20;
    if (map.has(lastHit.id)) return;
    map.set(lastHit.id, { id: lastHit.id, labelCell: row.cells[last], row, after });
    labels.push(...rowLabels);
  });
  return { applications, article20, labels, scores, evidence, reviewHeader: reviewHeader as Row | null, reviewHeaderIndex };
}

export function detectFormat(scores: Record<FormatVersion, number>, applications: Map<string, RawBinding>): FormatVersion | null {
  const s = { ...scores };
  if (applications.has('r6') && !applications.has('r6_1') && !applications.has('r6_2')) s['2019']++;
  if (s['2019'] > s['2021']) return '2019';
  if (s['2021'] > s['2019']) return '2021';
  return null;
}

export function bindReview(s: Scan, header: Row | null, headerIndex: number): ReviewTable | null {
  if (!header) return null;
  const candidates = s.rows.slice(headerIndex + 1, headerIndex + 9);
  const valueRow = (r: Row) => {
    // a row of another table (it starts with one of their labels) is not the 复议/诉讼 data row
    if (r.cells[0] && lookupLabel(r.cells[0])) return null;
    const cells = r.cells[0] && r.cells[0].value.kind === 'text' ? r.cells.slice(1) : r.cells;
    return cells.length > 0 && cells.every(isValueLike) ? cells : null;
  };
  let cells: Cell[] | null = null;
  let dataRow: Row | null = null;
  for (const r of candidates) {
    const v = valueRow(r);
    if (v?.some((c) => !isBlank(c))) {
      cells = v;
      dataRow = r;
      break;
    }
  }
  if (!cells) {
    for (const r of candidates) {
      const v = valueRow(r);
      if (v && v.length >= REVIEW_CELLS) {
        cells = v;
        dataRow = r;
        break;
      }
    }
  }
  if (!cells || !dataRow) return null;
  const values = fitValues(cells, REVIEW_CELLS);
  const present = values.filter((c): c is Cell => !!c);
  return { header, values, start: present[0]?.start ?? dataRow.cells[0].start, end: present[present.length - 1]?.end ?? dataRow.cells[0].end };
}

export function rowsOfFormat(format: Format, raw: Map<string, RawBinding>): Map<string, BoundRow> {
  const rows = new Map<string, BoundRow>();
  for (const def of format.applications.rows) {
    const b = raw.get(def.id);
    if (b) rows.set(def.id, { id: def.id, labelCell: b.labelCell, row: b.row, values: fitValues(b.after, format.applications.columns.length) });
  }
  return rows;
}

export function article20Rows(format: Format, raw: Map<string, RawBinding>): Article20Row[] {
  const other = Object.values(FORMATS).find((f) => f !== format)!;
  const out: Article20Row[] = [];
  for (const b of raw.values()) {
    const table = format.article20.find((t) => t.rows.some((r) => r.id === b.id)) ?? other.article20.find((t) => t.rows.some((r) => r.id === b.id));
    if (!table) continue;
    out.push({ id: b.id, tableId: table.id, columns: table.columns, labelCell: b.labelCell, row: b.row, values: fitValues(b.after, table.columns.length) });
  }
  return out.sort((a, b) => a.labelCell.start - b.labelCell.start);
}

export function labelDef(format: Format, hit: LabelHit): LabelDef | undefined {
  if (hit.table === 'applications') return format.applications.rows.find((r) => r.id === hit.id);
  if (hit.table === 'groups') return format.applications.groups.find((g) => g.id === hit.id);
  for (const t of format.article20) {
    const r = t.rows.find((x) => x.id === hit.id);
    if (r) return r;
  }
  return undefined;
}
