/**
 * Rows as the reader read them, for the editor: how a row's values were placed (the hover on its label)
 * and the edits that write a row, or a whole table, again as TAB-separated cells — offered where every
 * value of it is certain and nothing but its own label, values and separators stands in its text.
 */
import type { Edit } from './finding';
import { msg, type Message } from './l10n';
import type { Cell, Shape } from './read';
import type { BoundRow, Report } from './report';
import { isPadCode } from './text';

const SHAPE: Record<Shape, string> = {
  tab: 'cells separated by TABs',
  bar: 'cells between `|` or `│` (a Markdown, w3m or pandoc table)',
  lines: 'one cell a line',
  paragraphs: 'one cell a paragraph',
  spaces: 'cells separated by single spaces (a PDF viewer’s copy)',
  aligned: 'cells in columns of aligned spaces (pdftotext -layout, pandoc)',
  glued: 'digits run together, split where the table’s sums leave one reading',
};

export interface ReadRowView {
  row: BoundRow;
  /** The table's column labels, in order. */
  columns: string[];
  /** The format's label of the row. */
  label: string;
}

/** Every row the reader placed, with its table's columns (the 申请 table and the 第二十条 tables). */
export function rowsOf(report: Report): ReadRowView[] {
  const out: ReadRowView[] = [];
  const cols = report.format.applications.columns.map((c) => c.short ?? c.label);
  for (const def of report.format.applications.rows) {
    const row = report.applications?.rows.get(def.id);
    if (row) out.push({ row, columns: cols, label: def.label });
  }
  for (const row of report.article20) out.push({ row, columns: row.columns.map((c) => c.label), label: row.table.rows.find((d) => d.id === row.id)?.label ?? row.labelCell.text });
  return out;
}

/** The row whose label is at `offset`. */
export function rowAt(report: Report, offset: number): ReadRowView | undefined {
  return rowsOf(report).find(({ row }) => row.pieces.some((p) => p.start <= offset && offset <= p.end));
}

function valueText(text: string, c: Cell | undefined): string {
  if (!c || c.value.kind === 'blank') return '';
  return text.slice(c.textStart, c.textEnd);
}

/** How a row was read: its shape, and each value with its column (or why it could not be placed). */
export function describeReading(report: Report, v: ReadRowView): Message[] {
  const { row } = v;
  const lines: Message[] = [msg('Read as: {shape}.', { shape: msg(SHAPE[row.reading.shape]) })];
  if (!row.reading.certain) {
    lines.push(msg('Its values cannot be placed in the columns: {values}.', { values: row.reading.seen.map((c) => c.text).join(' ') || '—' }));
    return lines;
  }
  v.columns.forEach((col, i) => {
    const c = row.values[i];
    lines.push(msg('{column}: {value}', { column: col, value: c && c.value.kind !== 'blank' ? valueText(report.text, c) : msg('blank') }));
  });
  return lines;
}

/**
 * The edit that writes a row again as its label and its cells separated by TABs; null when a value is
 * uncertain, or when its text holds anything else (a broken group label would be lost).
 */
export function rowAsTabs(report: Report, v: ReadRowView): Edit | null {
  const { row } = v;
  if (!row.reading.certain || row.values.some((c) => !c)) return null;
  const text = report.text;
  const owned = [...row.pieces, ...row.values.filter((c): c is Cell => !!c && !c.inferred).map((c) => ({ start: c.textStart, end: c.textEnd }))];
  const start = Math.min(...owned.map((s) => s.start));
  const end = Math.max(...owned.map((s) => s.end));
  for (let i = start; i < end; i++) {
    if (owned.some((s) => s.start <= i && i < s.end)) continue;
    const c = text.charCodeAt(i);
    // separators only: padding, line breaks, TABs, bars
    if (!(isPadCode(c) || c === 0x7c || (c >= 0x2500 && c <= 0x257f))) return null;
  }
  const newText = [row.labelCell.text.replace(/\s+/g, ''), ...row.values.map((c) => valueText(text, c))].join('\t');
  return text.slice(start, end) === newText ? null : { start, end, newText };
}

/** The edits that write every row of the table holding `row` as TAB-separated cells, if every row can be. */
export function tableAsTabs(report: Report, v: ReadRowView): Edit[] | null {
  const inTable = rowsOf(report).filter((x) => sameTable(report, x.row, v.row));
  const edits: Edit[] = [];
  for (const x of inTable) {
    if (x.row.reading.shape === 'tab' && x.row.reading.certain) continue;
    const e = rowAsTabs(report, x);
    if (!e) return null;
    edits.push(e);
  }
  return edits.length ? edits : null;
}

function tableIds(report: Report): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of report.article20) out[r.id] = r.tableId;
  return out;
}

function sameTable(report: Report, a: BoundRow, b: BoundRow): boolean {
  const ids = tableIds(report);
  return (ids[a.id] ?? 'applications') === (ids[b.id] ?? 'applications');
}
