/**
 * The table view's model (`nianbao/tables`) and the naming of value cells for the hover: the report's
 * tables as the national grids, from the model the rules see (the report's bound rows, the findings).
 * Every header and label comes from formats/: the column headers merged as printed (申请人情况 over the
 * seven columns, 法人或其他组织 over five, 行政诉讼 over its two groups), the row labels under their
 * groups (三、本年度办理结果, （三）不予公开 …). Each cell carries its value as written, its range, and
 * the findings about it; a wrong total its expected value.
 */
import type { Analysis } from '../core/check';
import { writeNumber } from '../core/edits';
import type { Finding } from '../core/finding';
import { FORMATS, SECTIONS, headingOf } from '../core/formats';
import type { Article20Table, Format, TableKind } from '../core/formats/types';
import { msg, render, type Language } from '../core/l10n';
import { rangeOf as toRange } from '../core/present';
import { APPLICATIONS_TABLE, REVIEW_ROW, REVIEW_TABLE, reviewColumnIds } from '../core/model';
import { cellRange, type Cell } from '../core/read/cell';
import type { RowReading } from '../core/read';
import type { Report, Span } from '../core/report';
import type { GridCell, GridLabel, GridProblem, GridRow, GridTable, TablesResult } from '../../../shared/protocol';

/** Between a row's name and its column's in the hover and the grid's tooltips. */
const BETWEEN = ' · ';
/** Between a group and the row or column under it. */
const UNDER = '·';

/** A value cell of the report, named by its row and column as the format prints them. */
interface NamedCell {
  cell: Cell;
  name: string;
}

/** One row of a grid: its label path (groups first), its value cells by column, and how it was read. */
interface RowSource {
  id: string;
  path: string[];
  /** Its name in the hover: the row's label under its group. */
  name: string;
  values?: (Cell | undefined)[];
  label?: Cell;
  reading?: RowReading;
}

interface TableSource {
  id: string;
  kind: TableKind;
  title: string;
  /** The corner cell over the labels (信息内容, the balance note); none for the 复议/诉讼 table. */
  corner?: string;
  /** Each value column's header path (groups first) and its name in the hover. */
  columns: { id: string; path: string[]; name: string }[];
  rows: RowSource[];
  span?: Span;
}

function article20Source(report: Report, t: Article20Table): TableSource {
  const found = report.article20.filter((r) => r.tableId === t.id);
  const rows: RowSource[] = t.rows.map((def) => {
    const r = found.find((x) => x.id === def.id);
    return { id: def.id, path: [def.label], name: `${t.title}${UNDER}${def.label}`, values: r?.values, label: r?.labelCell, reading: r?.reading };
  });
  const end = Math.max(...found.map((r) => Math.max(r.labelCell.end, ...r.values.map((c) => c?.end ?? 0))));
  const first = found[0]?.labelCell.start;
  const span = first === undefined ? undefined : { start: Math.min(first, report.article20Headers.get(t.id) ?? first), end };
  const columns = t.columns.map((c) => ({ id: c.id, path: [c.label], name: c.short ?? c.label }));
  return { id: t.id, kind: 'article20', title: t.title, corner: report.format.article20Header, columns, rows, span };
}

function applicationsSource(report: Report): TableSource {
  const { applications: a } = report.format;
  const found = report.applications?.rows;
  const results = a.groups[0].label;
  const rows: RowSource[] = a.rows
    .filter((def) => !def.optional || found?.has(def.id))
    .map((def) => {
      const r = found?.get(def.id);
      const inResults = def.role === 'result' || def.role === 'subtotal' || def.role === 'total';
      const path = [...(inResults ? [results] : []), ...(def.group ? [def.group] : []), def.label];
      const name = def.group ? `${def.group}${UNDER}${def.label}` : def.label;
      return { id: def.id, path, name, values: r?.values, label: r?.labelCell, reading: r?.reading };
    });
  const groupOf = (id: string) => a.columnGroups.find((g) => g.columns.includes(id))?.label;
  const columns = a.columns.map((c) => {
    const group = groupOf(c.id);
    return { id: c.id, path: [a.applicants, ...(group ? [group] : []), c.label], name: c.short ?? c.label };
  });
  const span = report.applications ? { start: Math.min(report.applications.headerStart, report.applications.start), end: report.applications.end } : undefined;
  return { id: APPLICATIONS_TABLE, kind: 'applications', title: a.title, corner: a.note, columns, rows, span };
}

function reviewSource(report: Report): TableSource {
  const { review: f } = report.format;
  const ids = reviewColumnIds(report.format);
  const columns = ids.map((id, index) => {
    const group = f.groups.find((g) => g.total === index || g.parts.includes(index))!;
    const k = [...group.parts, group.total].indexOf(index);
    return { id, path: [...group.label.split(UNDER), f.columns[k]], name: `${group.label}${BETWEEN}${f.columns[k]}` };
  });
  const r = report.review;
  const rows: RowSource[] = [{ id: REVIEW_ROW, path: [], name: f.title, values: r?.values, label: r?.labelCell, reading: r?.reading }];
  const span = r ? { start: Math.min(r.headerStart, r.start), end: r.end } : undefined;
  return { id: REVIEW_TABLE, kind: 'review', title: f.title, columns, rows, span };
}

/** The grids of a report, in the order of its sections: the 第二十条 tables (the other format's too, where the draft has them), 申请, 复议/诉讼. */
function sourcesOf(report: Report): TableSource[] {
  const own = report.format.article20;
  const foreign = Object.values(FORMATS)
    .flatMap((f: Format) => f.article20)
    .filter((t) => !own.includes(t) && report.article20.some((r) => r.table === t));
  return [...[...own, ...foreign].map((t) => article20Source(report, t)), applicationsSource(report), reviewSource(report)];
}

/** Where a group label is written in text[from, to): its last occurrence, spaces and the width of brackets aside. */
function labelIn(text: string, label: string, from: number, to: number): number | undefined {
  const BRACKETS: Record<string, string> = { '（': '[（(]', '）': '[）)]', '(': '[（(]', ')': '[）)]' };
  const source = [...label].map((c) => BRACKETS[c] ?? c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\u3000]*');
  let found: number | undefined;
  for (const m of text.slice(from, to).matchAll(new RegExp(source, 'g'))) found = from + m.index;
  return found;
}

/**
 * The rows of a table the draft has, in the format's order: each with its label path (groups first), its
 * span, and where the labels of its groups are written before it (after the row before it), if they are.
 */
export function tableRows(report: Report, tableId: string): { path: string[]; label: Cell; span: Span; groups: (number | undefined)[] }[] {
  const t = sourcesOf(report).find((x) => x.id === tableId);
  let previous = t?.span?.start ?? 0;
  return (t?.rows ?? []).flatMap((r) => {
    if (!r.label || !r.values || r.path.length === 0) return [];
    const end = Math.max(r.label.end, ...r.values.map((c) => c?.end ?? 0));
    const from = Math.min(previous, r.label.start);
    const groups = r.path.slice(0, -1).map((g) => labelIn(report.text, g, from, r.label!.start));
    previous = end;
    return [{ path: r.path, label: r.label, span: { start: r.label.start, end }, groups }];
  });
}

/** A cell's name in the hover: its row, then its column (`（一）予以公开 · 自然人`). */
function cellName(table: TableSource, row: RowSource, column: number): string {
  const c = table.columns[column];
  return table.kind === 'review' ? c.name : `${row.name}${BETWEEN}${c.name}`;
}

/** The span a value cell answers hovers on: between its delimiters, its text included. */
export function cellSpan(text: string, cell: Cell): Span {
  const [s, e] = cellRange(text, cell);
  return { start: Math.min(s, cell.start), end: Math.max(e, cell.end) };
}

/** The value cell at an offset, named by its row and column; undefined elsewhere. */
export function cellAt(report: Report, offset: number): NamedCell | undefined {
  for (const t of sourcesOf(report)) {
    for (const r of t.rows) {
      const k = r.values?.findIndex((c) => c && !c.inferred && ((s) => s.start <= offset && offset <= s.end)(cellSpan(report.text, c))) ?? -1;
      if (k >= 0) return { cell: r.values![k]!, name: cellName(t, r, k) };
    }
  }
  return undefined;
}

/** The header rows over the value columns: a group over its columns; a column without a group under it spans down. */
function headerRows(columns: string[][], corner: string | undefined, labelColumns: number): GridLabel[][] {
  interface Node {
    text: string;
    children: Node[];
    leaves: number;
  }
  const root: Node = { text: '', children: [], leaves: 0 };
  for (const path of columns) {
    let node = root;
    path.forEach((text, level) => {
      const last = node.children[node.children.length - 1];
      const leaf = level === path.length - 1;
      let next = !leaf && last && last.text === text && last.children.length ? last : undefined;
      if (!next) {
        next = { text, children: [], leaves: 0 };
        node.children.push(next);
      }
      next.leaves++;
      node = next;
    });
  }
  const depth = Math.max(1, ...columns.map((p) => p.length));
  const rows: GridLabel[][] = Array.from({ length: depth }, () => []);
  const place = (n: Node, level: number) => {
    if (n.children.length === 0) {
      rows[level].push({ text: n.text, rowSpan: depth - level, colSpan: 1 });
      return;
    }
    // a group whose columns have no groups of their own spans down to the row of its columns (行政复议)
    const span = n.children.every((c) => c.children.length === 0) ? depth - level - 1 : 1;
    rows[level].push({ text: n.text, rowSpan: span, colSpan: n.leaves });
    for (const c of n.children) place(c, level + span);
  };
  for (const c of root.children) place(c, 0);
  if (corner !== undefined) rows[0].unshift({ text: corner, rowSpan: depth, colSpan: labelColumns });
  return rows;
}

/** The label cells each row starts: a group's label spans the rows under it; a row's own label spans the columns left. */
function labelCells(paths: string[][], depth: number): GridLabel[][] {
  const open: { key: string; cell: GridLabel }[] = [];
  return paths.map((path) => {
    const cells: GridLabel[] = [];
    path.forEach((text, level) => {
      const leaf = level === path.length - 1;
      const key = path.slice(0, level + 1).join('\u0000');
      const o = open[level];
      if (!leaf && o && o.key === key) {
        o.cell.rowSpan++;
        return;
      }
      const cell = { text, rowSpan: 1, colSpan: leaf ? depth - level : 1 };
      cells.push(cell);
      open.length = level;
      if (!leaf) open[level] = { key, cell };
    });
    if (path.length === 0) open.length = 0;
    return cells;
  });
}

/** The findings about a cell of the model (table, row, column). */
function problemsOf(findings: Finding[], table: string, row: string, column: string | undefined, language: Language): GridProblem[] {
  return findings.filter((f) => f.cell && f.cell.table === table && f.cell.row === row && f.cell.column === column).map((f) => ({ severity: f.severity, code: f.code, message: render(f.message, language) }));
}

function gridTable(report: Report, findings: Finding[], t: TableSource, language: Language): GridTable {
  const { index, text } = report;
  const range = (s: Span) => toRange(index, s.start, s.end);
  const labelColumns = t.kind === 'review' ? 0 : Math.max(...t.rows.map((r) => r.path.length));
  const labels = labelCells(
    t.rows.map((r) => r.path),
    labelColumns,
  );
  const ids = t.columns.map((c) => c.id);
  const rows: GridRow[] = t.rows.map((r, i) => {
    const rowProblems = problemsOf(findings, t.id, r.id, undefined, language);
    const unreadable = !!r.reading && !r.reading.certain && findings.some((f) => f.code === 'unreadable-row' && f.cell?.table === t.id && f.cell.row === r.id);
    const cells = ids.map((column, k): GridCell => {
      const c = r.values?.[k];
      const problems = problemsOf(findings, t.id, r.id, column, language);
      const wrong = findings.find((f) => f.code === 'total-mismatch' && f.expected !== undefined && f.cell?.table === t.id && f.cell.row === r.id && f.cell.column === column);
      const out: GridCell = { column, name: cellName(t, r, k), kind: c ? c.value.kind : 'missing', text: c?.text ?? '', problems };
      if (c && !c.inferred) {
        const [s, e] = cellRange(text, c);
        out.range = toRange(index, s, e);
      }
      const edit = c && writeNumber(text, c, 0);
      if (edit) out.editRange = toRange(index, edit.start, edit.end);
      if (wrong) {
        out.expected = wrong.expected;
        out.expectedText = render(msg('should be {expected}', { expected: wrong.expected as number }), language);
      }
      return out;
    });
    const row: GridRow = { id: r.id, labels: labels[i], cells, state: !r.values ? 'missing' : unreadable ? 'unreadable' : 'read', problems: rowProblems };
    if (r.label) row.range = range(r.label);
    return row;
  });
  const grid: GridTable = {
    id: t.id,
    section: headingOf(SECTIONS.find((s) => s.table === t.kind)!),
    title: t.title,
    labelColumns,
    header: headerRows(
      t.columns.map((c) => c.path),
      t.corner,
      labelColumns,
    ),
    rows,
  };
  if (t.span) grid.range = range(t.span);
  return grid;
}

/** The answer of `nianbao/tables`: every table of the report's format as its grid. */
export function gridsOf(uri: string, version: number, analysis: Analysis, isReport: boolean, status: string, language: Language): TablesResult {
  const r = (m: Parameters<typeof render>[0]) => render(m, language);
  const words = {
    missingRow: r(msg('the draft has no such row')),
    unreadableRow: r(msg('this row cannot be read')),
    blank: r(msg('blank')),
    notFound: r(msg('this table was not found in the draft')),
    edit: r(msg('Double-click a number to change it')),
  };
  if (!isReport) return { uri, version, isReport, status, tables: [], words };
  const { report, findings } = analysis;
  return { uri, version, isReport, status, tables: sourcesOf(report).map((t) => gridTable(report, findings, t, language)), words };
}
