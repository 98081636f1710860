/**
 * 汇总: a summary report (a county's, a city's) as the sum of its parts (its bureaus' and towns' reports),
 * cell by cell over the three tables — the 第二十条 tables, the 申请 table (上年结转 and 结转下年度 included)
 * and the 复议/诉讼 table. Each part's value is the one compute.ts gives (a total's computed value, a
 * blank 0); a part whose cell is unknown (missing, unreadable) makes that sum unknown, and no finding is
 * made from it. `nianbao sum` writes the sums as a draft; aggregate-mismatch compares a summary with them.
 */
import { cellAt, compute, countValue, exactSum, refKey } from './compute';
import { REVIEW_CELL_DEFS } from './formats';
import type { CellKind, CellRef, Format } from './formats/types';
import { msg, type Message } from './l10n';
import { cellName, type CellName } from './model';
import type { Cell } from './read/cell';
import type { Report } from './report';
import type { OtherReport } from './rules/rule';

/**
 * What a summary draft says in a cell whose sum is unknown (a part's cell missing or unreadable): a word, not a
 * blank, so that nianbao reading the draft back treats the cell as unknown (invalid-cell) and claims no total over it.
 */
export const UNKNOWN_SUM = '待填';

/** A report read for comparison with another (an analysis's report, `analyze(text).report`), named by its path or URI. */
export function otherReport(file: string, report: Report): OtherReport {
  return { file, text: report.text, report, computed: compute(report) };
}

/** A cell of the three tables: the computation's cells, and those of the 第二十条 tables (no sums there). */
export type SumRef = CellRef | { table: 'article20'; id: string; row: string; col: string };

export interface SumPart {
  report: OtherReport;
  cell: Cell | undefined;
  /** The part's value; null when its cell is missing or unreadable. */
  value: number | null;
}

export interface SumCell {
  ref: SumRef;
  name: CellName;
  kind: CellKind;
  /** The sum of the parts; null when one of them is unknown. */
  sum: number | null;
  parts: SumPart[];
}

export interface Sums {
  format: Format;
  year: number;
  /** Every cell of the format's three tables, in the order the format prints them. */
  cells: SumCell[];
}

export type Aggregation = ({ ok: true } & Sums) | { ok: false; problem: Message };

/** The model's name of a cell. */
export function sumCellName(format: Format, ref: SumRef): CellName {
  return ref.table === 'article20' ? { table: ref.id, row: ref.row, column: ref.col } : cellName(format, ref);
}

/** A key naming a cell (the same for the same cell of any report of a format). */
export function sumKey(ref: SumRef): string {
  return ref.table === 'article20' ? `t:${ref.id}:${ref.row}:${ref.col}` : refKey(ref);
}

/** A cell of a subtotal row some local templates add (（三）不予公开 …): drafts written from the format leave it out. */
export function inOptionalRow(format: Format, ref: SumRef): boolean {
  return ref.table === 'applications' && !!format.applications.rows.find((r) => r.id === ref.row)?.optional;
}

/** Every cell of a format's three tables, with the kind of number it holds. */
export function cellsOf(format: Format): { ref: SumRef; kind: CellKind }[] {
  const out: { ref: SumRef; kind: CellKind }[] = [];
  for (const t of format.article20) {
    for (const r of t.rows) for (const c of t.columns) out.push({ ref: { table: 'article20', id: t.id, row: r.id, col: c.id }, kind: c.kind });
  }
  for (const r of format.applications.rows) {
    for (const c of format.applications.columns) out.push({ ref: { table: 'applications', row: r.id, col: c.id }, kind: c.kind });
  }
  for (let col = 0; col < format.review.cells; col++) out.push({ ref: { table: 'review', col }, kind: 'count' });
  return out;
}

/** Decimal places of a number cell's digits (money: 18651.06). */
function decimals(text: string, cell: Cell): number {
  const v = cell.value;
  if (v.kind !== 'number' || v.integer) return 0;
  const digits = text.slice(v.start, v.end);
  const dot = digits.search(/[.．]/);
  return dot < 0 ? 0 : digits.length - dot - 1;
}

/** A 第二十条 cell's value by its kind: counts as in the sums, changes with their sign, money with its decimals. */
function article20Value(text: string, cell: Cell | undefined, kind: CellKind): { value: number | null; places: number } {
  if (kind === 'count' || !cell) return { value: countValue(cell), places: 0 };
  const v = cell.value;
  if (v.kind === 'blank' || v.kind === 'dash') return { value: 0, places: 0 };
  if (v.kind !== 'number' || !v.exact || (kind === 'delta' && !v.integer)) return { value: null, places: 0 };
  return { value: v.value, places: decimals(text, cell) };
}

/** A cell of a report and its value, as the sums take it (compute.ts for the 申请 and 复议/诉讼 tables). */
export function valueAt(other: Pick<OtherReport, 'report' | 'computed'>, ref: SumRef, kind: CellKind): { cell: Cell | undefined; value: number | null; places: number } {
  const { report } = other;
  if (ref.table !== 'article20') return { cell: cellAt(report, ref), value: other.computed.value(ref), places: 0 };
  const row = report.article20.find((r) => r.tableId === ref.id && r.id === ref.row);
  const cell = row?.values[row.columns.findIndex((c) => c.id === ref.col)];
  return { cell, ...article20Value(report.text, cell, kind) };
}

/** a + b kept to `places` decimals (money), exact for whole numbers; null beyond 2^53. */
function addTo(a: number, b: number, places: number): number | null {
  if (places === 0) return exactSum(a, b);
  const scale = 10 ** places;
  const s = Math.round(a * scale) + Math.round(b * scale);
  return Number.isSafeInteger(s) ? s / scale : null;
}

const sameFormat = (a: Format, b: Format) => a.version === b.version && !!a.sixthAsOneRow === !!b.sixthAsOneRow;

/** The label of the format's （六） row. */
const sixthLabel = (format: Format) => format.applications.rows.find((r) => r.id === 'r6')?.label ?? 'r6';

/**
 * Why reports cannot be summed together (or compared with the summary `into`), or null: they must
 * follow one format (a table with （六） as one row is not summed with tables that split it) and state
 * one statistics year.
 */
export function mixedProblem(reports: readonly OtherReport[], into?: Report): Message | null {
  if (reports.length === 0) return msg('No report to sum.');
  const unknown = reports.filter((r) => r.report.reportYear === null);
  if (unknown.length) return msg('The statistics year of {files} cannot be read: reports are summed only when they state one year.', { files: unknown.map((r) => r.file).join(', ') });
  const first = reports[0].report;
  if (new Set(reports.map((r) => r.report.format.version)).size > 1) {
    const list = reports.map((r) => `${r.file} (${r.report.format.version})`).join(', ');
    return msg('The reports follow different formats and cannot be summed cell by cell: {list}.', { list });
  }
  const oneRow = reports.filter((r) => r.report.format.sixthAsOneRow);
  if (oneRow.length && oneRow.length < reports.length) {
    return msg('{files} give {row} as one row, the other reports split it: they cannot be summed cell by cell.', { files: oneRow.map((r) => r.file).join(', '), row: sixthLabel(first.format) });
  }
  if (new Set(reports.map((r) => r.report.reportYear)).size > 1) {
    const list = reports.map((r) => `${r.file} (${r.report.reportYear})`).join(', ');
    return msg('The reports are of different years and cannot be summed: {list}.', { list });
  }
  if (into && !sameFormat(into.format, first.format)) {
    return into.format.version === first.format.version
      ? msg('The summary and its parts differ in {row} (one row or three): they cannot be compared cell by cell.', { row: sixthLabel(first.format) })
      : msg('The summary follows the {summary} format, its parts the {parts} format: they cannot be compared cell by cell.', { summary: into.format.version, parts: first.format.version });
  }
  if (into && into.reportYear !== null && into.reportYear !== first.reportYear) {
    return msg('The summary is of {summary}, its parts of {parts}: they cannot be compared.', { summary: into.reportYear, parts: first.reportYear as number });
  }
  return null;
}

/** The sums of the reports, cell by cell; refused (with why) for reports of mixed formats or years. */
export function aggregate(reports: readonly OtherReport[], into?: Report): Aggregation {
  const problem = mixedProblem(reports, into);
  if (problem) return { ok: false, problem };
  const format = reports[0].report.format;
  const cells: SumCell[] = cellsOf(format).map(({ ref, kind }) => {
    let sum: number | null = 0;
    let places = 0;
    const parts = reports.map((report) => {
      const v = valueAt(report, ref, kind);
      places = Math.max(places, v.places);
      sum = sum === null || v.value === null ? null : addTo(sum, v.value, places);
      return { report, cell: v.cell, value: v.value };
    });
    return { ref, name: sumCellName(format, ref), kind, sum, parts };
  });
  return { ok: true, format, year: reports[0].report.reportYear as number, cells };
}

/** A cell's name in words: its table, row and column, as the format prints them. */
export function describeCell(format: Format, ref: SumRef): string {
  if (ref.table === 'review') {
    const c = REVIEW_CELL_DEFS[ref.col];
    return `${c.group.label}·${c.column}`;
  }
  if (ref.table === 'applications') {
    const row = format.applications.rows.find((r) => r.id === ref.row);
    const col = format.applications.columns.find((c) => c.id === ref.col);
    // 1.属于国家秘密 is one of several rows numbered 1.: named with its group
    const label = row ? (row.group && row.group !== row.label ? `${row.group}${row.label}` : row.label) : ref.row;
    return `${label}·${col?.short ?? col?.label ?? ref.col}`;
  }
  const t = format.article20.find((x) => x.id === ref.id);
  const row = t?.rows.find((r) => r.id === ref.row)?.label ?? ref.row;
  const col = t?.columns.find((c) => c.id === ref.col)?.label ?? ref.col;
  return `${t?.title ?? ref.id}·${row}·${col}`;
}

/** A path or URI with `/` separators, `file://` and a leading `./` taken off, percent escapes decoded. */
function normalisePath(p: string): string {
  let s = p.trim().replace(/\\/g, '/');
  if (/^file:\/\//i.test(s)) {
    s = s.replace(/^file:\/\/(localhost)?/i, '');
    try {
      s = decodeURIComponent(s);
    } catch {
      // a malformed escape: the name as written
    }
    // file:///c%3A/x → c:/x
    if (/^\/[A-Za-z]:/.test(s)) s = s.slice(1);
  }
  while (s.startsWith('./')) s = s.slice(2);
  return s.replace(/\/{2,}/g, '/');
}

/** The organisation a report's title names, without the Markdown marks around it (a `# ` title's organisation keeps its `#`). */
/** An organisation as compared: no spaces. */
const normaliseName = (s: string) => s.replace(/\s+/g, '');

/** Whether a `children` entry names a file (it has a folder or an extension) rather than an organisation. */
export const namesFile = (name: string) => /[/\\]/.test(name) || /\.[A-Za-z0-9]{1,8}$/.test(name.trim());

function matchesPath(name: string, file: string): boolean {
  const n = normalisePath(name);
  const f = normalisePath(file);
  if (!n) return false;
  const fold = /^[A-Za-z]:/.test(f) || /^[A-Za-z]:/.test(n);
  const [a, b] = fold ? [n.toLowerCase(), f.toLowerCase()] : [n, f];
  return a === b || (!a.startsWith('/') && !a.split('/').includes('..') && b.endsWith(`/${a}`));
}

/**
 * The reports a summary's `children` entries (.nianbaorc.json) name, among the candidates, and the
 * entries none of them answers. An entry is a path, relative to the folder of the .nianbaorc.json that
 * lists it: it matches a candidate whose `file` is that path (the caller may resolve entries against
 * that folder first, and must when one goes up with `..`) or ends with it (`局/交通局.txt` matches
 * `/县/局/交通局.txt`, and a `file://` URI of it). An entry with no folder and no extension
 * (`东山县交通运输局`) names an organisation: it matches a candidate whose title names it. Each candidate
 * answers one entry at most, the first that matches it; reports come in the order of the entries.
 */
export function findChildren(names: readonly string[], candidates: readonly OtherReport[]): { reports: OtherReport[]; missing: string[] } {
  const taken = new Set<OtherReport>();
  const reports: OtherReport[] = [];
  const missing: string[] = [];
  for (const name of names) {
    const byPath = candidates.find((c) => !taken.has(c) && matchesPath(name, c.file));
    const found =
      byPath ?? (namesFile(name) ? undefined : candidates.find((c) => !taken.has(c) && normaliseName(c.report.organisation ?? '') === normaliseName(name)));
    if (found) {
      taken.add(found);
      reports.push(found);
    } else missing.push(name);
  }
  return { reports, missing };
}

/**
 * A summary's parts by the `children` entries of its configuration (`resolve` makes an entry that names a
 * file the path the candidates are named by: relative to the config's folder), found among the candidates,
 * and the entries not found. None when there are no entries, or they name this report itself, by path or by
 * its organisation (a part is no summary: the config governs its parts too).
 */
export function childrenFor(
  self: OtherReport,
  entries: readonly string[],
  resolve: (entry: string) => string,
  candidates: readonly OtherReport[],
): { reports: OtherReport[]; missing: string[] } | undefined {
  if (entries.length === 0) return undefined;
  const resolved = entries.map((e) => (namesFile(e) ? resolve(e) : e));
  if (resolved.includes(self.file)) return undefined;
  const organisations = entries.filter((e) => !namesFile(e));
  if (organisations.length && findChildren(organisations, [self]).reports.length) return undefined;
  const found = findChildren(resolved, candidates);
  return { reports: found.reports, missing: found.missing.map((m) => entries[resolved.indexOf(m)] ?? m) };
}
