/**
 * The model every rule sees, as plain data (`--format json` `tables`, the table view, scripts):
 * each table found, its rows by format row id with the label as written, and each cell's value
 * and span. Documented by nianbao-report.schema.json; `schemaVersion` changes when a field's
 * meaning does. Spans are offsets into the text; the output layers turn them into ranges.
 */
import type { CellRef, Format, FormatVersion } from './formats/types';
import type { BoundRow, Report, Span } from './report';
import type { Cell } from './read/cell';

export const SCHEMA_VERSION = 1;

/** A cell named the way the model names it: table id, row id, column id. */
export interface CellName {
  table: string;
  row: string;
  /** Absent for a finding about a whole row. */
  column?: string;
}

export type ModelValue =
  | { kind: 'number'; value: number }
  | { kind: 'blank' }
  | { kind: 'dash'; text: string }
  | { kind: 'text'; text: string }
  /** The row has no cell for this column (the text showed fewer cells). */
  | { kind: 'missing' };

export interface ModelCell extends Partial<Span> {
  column: string;
  value: ModelValue;
}

export interface ModelRow extends Span {
  id: string;
  /** The label as written in the draft. */
  label: string;
  /** The label as the format prints it. */
  formatLabel: string;
  cells: ModelCell[];
}

export interface ModelTable extends Span {
  id: string;
  title: string;
  format: FormatVersion;
  columns: { id: string; label: string }[];
  rows: ModelRow[];
}

/** The id of the one row of the 复议/诉讼 table. */
export const REVIEW_ROW = 'cases';
export const APPLICATIONS_TABLE = 'applications';
export const REVIEW_TABLE = 'review';

/** Column ids of the 复议/诉讼 table: `<group>.<column>`, e.g. `review.total`, `suit-direct.upheld`. */
export function reviewColumnIds(format: Format): string[] {
  const ids: string[] = [];
  for (const g of format.review.groups) {
    const cols = [...g.parts, g.total];
    cols.forEach((index, k) => (ids[index] = `${g.id}.${format.review.columnIds[k]}`));
  }
  return ids;
}

/** The model's name of a cell of the computation (compute.ts, the sums of the format). */
export function cellName(format: Format, ref: CellRef): CellName {
  if (ref.table === 'review') return { table: REVIEW_TABLE, row: REVIEW_ROW, column: reviewColumnIds(format)[ref.col] };
  return { table: APPLICATIONS_TABLE, row: ref.row, column: ref.col };
}

function modelValue(cell: Cell | undefined): ModelValue {
  if (!cell) return { kind: 'missing' };
  const v = cell.value;
  if (v.kind === 'number') return { kind: 'number', value: v.value };
  if (v.kind === 'dash') return { kind: 'dash', text: cell.text };
  if (v.kind === 'blank') return { kind: 'blank' };
  return { kind: 'text', text: cell.text };
}

function modelCell(column: string, cell: Cell | undefined): ModelCell {
  const value = modelValue(cell);
  return cell ? { column, value, start: cell.start, end: cell.end } : { column, value };
}

function rowSpan(row: BoundRow): Span {
  let end = row.labelCell.end;
  for (const c of row.values) if (c && c.end > end) end = c.end;
  return { start: row.labelCell.start, end };
}

function modelRow(row: BoundRow, formatLabel: string, columns: string[]): ModelRow {
  return { id: row.id, label: row.labelCell.text, formatLabel, ...rowSpan(row), cells: columns.map((c, i) => modelCell(c, row.values[i])) };
}

function tableSpan(rows: ModelRow[]): Span {
  return { start: Math.min(...rows.map((r) => r.start)), end: Math.max(...rows.map((r) => r.end)) };
}

/** The tables of a report, in the order the format lists them. */
export function tablesOf(report: Report): ModelTable[] {
  const { format } = report;
  const out: ModelTable[] = [];
  for (const t of format.article20) {
    const rows = report.article20.filter((r) => r.tableId === t.id);
    if (rows.length === 0) continue;
    const columns = rows[0].columns;
    const modelRows = rows.map((r) => modelRow(r, t.rows.find((d) => d.id === r.id)?.label ?? r.labelCell.text, columns.map((c) => c.id)));
    out.push({ id: t.id, title: t.title, format: format.version, columns: columns.map((c) => ({ id: c.id, label: c.label })), ...tableSpan(modelRows), rows: modelRows });
  }
  const apps = report.applications;
  if (apps) {
    const columns = format.applications.columns;
    const rows = format.applications.rows.flatMap((def) => {
      const r = apps.rows.get(def.id);
      return r ? [modelRow(r, def.label, columns.map((c) => c.id))] : [];
    });
    out.push({ id: APPLICATIONS_TABLE, title: format.applications.title, format: format.version, columns: columns.map((c) => ({ id: c.id, label: c.label })), start: apps.start, end: apps.end, rows });
  }
  const review = report.review;
  if (review) {
    const ids = reviewColumnIds(format);
    const labels = format.review.groups.flatMap((g) => [...g.parts, g.total].map((index, k) => ({ index, label: `${g.label}·${format.review.columns[k]}` })));
    const columns = ids.map((id, i) => ({ id, label: labels.find((l) => l.index === i)!.label }));
    const cells = ids.map((id, i) => modelCell(id, review.values[i]));
    const row: ModelRow = { id: REVIEW_ROW, label: review.labelCell.text, formatLabel: format.review.headers[0], start: review.start, end: review.end, cells };
    out.push({ id: REVIEW_TABLE, title: format.review.title, format: format.version, columns, start: Math.min(review.headerStart, review.start), end: review.end, rows: [row] });
  }
  return out;
}

/** Every value cell the reader placed (all tables), in text order. */
export function valueCells(report: Report): Cell[] {
  const cells: Cell[] = [];
  const add = (values: (Cell | undefined)[]) => values.forEach((c) => c && !c.inferred && cells.push(c));
  for (const r of report.article20) add(r.values);
  for (const r of report.applications?.rows.values() ?? []) add(r.values);
  if (report.review) add(report.review.values);
  return cells.sort((a, b) => a.start - b.start);
}
