/**
 * Upgrading 2019-format tables to the 2021 format in place (issue 13, item 3), in whatever layout the
 * tables use: every edit writes into the cells, header words and separators the draft already has, so
 * TAB rows stay TAB rows, a cell per line stays a cell per line, pipes stay pipes.
 *
 * - 第二十条: each 2021 column takes the value of the 2019 column formats/upgrade.ts names, in the
 *   place of the row's first cells; a column no 2019 column means the same is left blank
 *   (upgrade-fill asks for it); the cells left over are removed with the separator before them.
 * - 2019 rows and tables the 2021 format has not (其他对外管理服务事项, 第（九）项) are removed; their
 *   values are named in the fix's title.
 * - 规范性文件 is written 行政规范性文件.
 * - （六）其他处理, one row, becomes its three 2021 rows: 1. and 2. get 0, 3.其他 keeps the old values.
 *
 * Nothing is offered when a cell or a header word the upgrade must write is not in the text (an
 * inferred blank, a header the reader did not see): a half-upgraded table would be worse than none.
 */
import { FORMATS } from './formats';
import type { Article20Table, ColumnDef } from './formats/types';
import { FILL_COLUMNS, UPGRADE_2019_TO_2021 } from './formats/upgrade';
import type { Edit } from './finding';
import { blankInsertOffset, type Cell } from './read/cell';
import type { Article20Row, Report } from './report';

export interface Upgrade {
  edits: Edit[];
  /** What the upgrade removes, with its values (`其他对外管理服务事项 0/0/0`). */
  removed: string[];
}

/** What an upgraded cell to be filled holds where a cell cannot be empty (a cell per line). */
const BLANK_MARK = '—';

const F2019 = FORMATS['2019'];
const F2021 = FORMATS['2021'];

/** A label found in the text even when the draft splits it over lines or pads it (`本年新⏎制作数量`). */
function labelPattern(label: string): RegExp {
  const chars = [...label].map((c) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return new RegExp(chars.join('[\\s\\u3000\\u00a0|│]*'), 'g');
}

/** Where a label stands in [from, to), the first time. */
function findLabel(text: string, label: string, from: number, to: number): { start: number; end: number } | null {
  const re = labelPattern(label);
  re.lastIndex = from;
  const m = re.exec(text);
  if (!m || m.index + m[0].length > to) return null;
  return { start: m.index, end: m.index + m[0].length };
}

const lastCell = (row: Article20Row): Cell | undefined => row.values[row.values.length - 1];
const cellText = (text: string, c: Cell | undefined) => (c ? text.slice(c.textStart, c.textEnd) : '');

/** The edit that makes a cell hold `value` (its text; '' blanks it). */
function writeCell(text: string, cell: Cell, value: string): Edit | null {
  if (cell.textEnd > cell.textStart) return value === cellText(text, cell) ? null : { start: cell.textStart, end: cell.textEnd, newText: value };
  if (value === '') return null;
  const at = blankInsertOffset(text, cell);
  return at === undefined ? null : { start: at, end: at, newText: value };
}

/** The values of a row, as its text shows them (`0/0/0`). */
const valuesOf = (text: string, row: Article20Row) => row.values.map((c) => cellText(text, c) || '—').join('/');

/** A 第二十条 row whose cells are all in the text, in column order. */
const readable = (row: Article20Row) => row.reading.certain && row.values.every((c) => c && !c.inferred);

interface Ctx {
  text: string;
  edits: Edit[];
  removed: string[];
}

/** Rewrites one 2019 row into its 2021 columns; false when it cannot be done. */
function upgradeRow(c: Ctx, row: Article20Row, table: Article20Table): boolean {
  const plan = UPGRADE_2019_TO_2021[table.id];
  if (!readable(row) || row.values.length < plan.length) return false;
  const cells = row.values as Cell[];
  // a blank cell of a row on one line stays empty; where each cell has a line of its own, an empty
  // line would be no cell: it gets the mark of a cell left empty
  const blank = row.firstLine === row.lastLine ? '' : BLANK_MARK;
  plan.forEach((col, k) => {
    const from = col.from ? row.columns.findIndex((x) => x.id === col.from) : -1;
    const e = writeCell(c.text, cells[k], from >= 0 ? cellText(c.text, cells[from]) : blank);
    if (e) c.edits.push(e);
  });
  for (let k = plan.length; k < cells.length; k++) c.edits.push({ start: cells[k - 1].textEnd, end: cells[k].textEnd, newText: '' });
  const old = table.rows.find((r) => r.id === row.id)?.label;
  const now = F2021.article20.find((t) => t.id === table.id)?.rows.find((r) => r.id === row.id)?.label;
  if (old && now && old !== now && row.pieces.length === 1 && row.labelCell.text === old) {
    c.edits.push({ start: row.labelCell.textStart, end: row.labelCell.textEnd, newText: now });
  }
  return true;
}

/** Rewrites a table's header words between `from` (the end of what stands before it) and its first row. */
function upgradeHeader(c: Ctx, table: Article20Table, from: number, to: number): boolean {
  const plan = UPGRADE_2019_TO_2021[table.id];
  const spans: { start: number; end: number }[] = [];
  let at = from;
  for (const col of table.columns) {
    const s = findLabel(c.text, col.label, at, to);
    if (!s) return false;
    spans.push(s);
    at = s.end;
  }
  const target = F2021.article20.find((t) => t.id === table.id)!;
  plan.forEach((col, k) => {
    const label = target.columns.find((x) => x.id === col.to)!.label;
    if (c.text.slice(spans[k].start, spans[k].end) !== label) c.edits.push({ start: spans[k].start, end: spans[k].end, newText: label });
  });
  for (let k = plan.length; k < spans.length; k++) c.edits.push({ start: spans[k - 1].end, end: spans[k].end, newText: '' });
  return true;
}

/** The Markdown ruler between a header and its rows (`|---|---|`), with one cell for each column kept. */
function upgradeRuler(c: Ctx, from: number, to: number, drop: number) {
  if (drop <= 0) return;
  const re = /^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*:?-{0,}:?[ \t]*$/gm;
  re.lastIndex = from;
  const m = re.exec(c.text);
  if (!m || m.index >= to) return;
  const cells = m[0].trim().replace(/^\|/, '').replace(/\|$/, '').split('|');
  const keep = cells.slice(0, Math.max(1, cells.length - drop));
  const lead = /^[ \t]*/.exec(m[0])![0];
  c.edits.push({ start: m.index, end: m.index + m[0].length, newText: `${lead}|${keep.join('|')}|` });
}

/** （六）其他处理 as one row → its three 2021 rows, written with the separators the table uses. */
function splitSixth(c: Ctx, report: Report): boolean {
  const rows = report.applications?.rows;
  const six = rows?.get('r6');
  if (!rows || !six) return true;
  const values = six.values;
  if (!six.reading.certain || values.some((v) => !v || v.inferred) || six.pieces.length !== 1) return false;
  const cells = values as Cell[];
  // the row before （六）: 5.要求行政机关确认…, whose end and （六）'s label hold the rows' separator
  const defs = report.format.applications.rows;
  const before = defs
    .slice(
      0,
      defs.findIndex((d) => d.id === 'r6'),
    )
    .map((d) => rows.get(d.id))
    .filter((r) => r?.values.length && r.values[r.values.length - 1])
    .pop();
  const prevEnd = before?.values[before.values.length - 1];
  if (!prevEnd || prevEnd.textEnd > six.labelCell.textStart) return false;
  const rowSep = c.text.slice(prevEnd.textEnd, six.labelCell.textStart);
  const afterLabel = c.text.slice(six.labelCell.textEnd, cells[0].textStart);
  const between = cells.length > 1 ? c.text.slice(cells[0].textEnd, cells[1].textStart) : afterLabel;
  const zeros = cells.map(() => '0').join(between);
  const [group, one, two, other] = ['r6', 'r6_1', 'r6_2', 'r6_3'].map((id) => F2021.applications.rows.find((r) => r.id === id)!.label);
  const newText = [`${group}${afterLabel}${one}${afterLabel}${zeros}`, `${two}${afterLabel}${zeros}`, other].join(rowSep);
  c.edits.push({ start: six.labelCell.textStart, end: six.labelCell.textEnd, newText });
  return true;
}

/** The edits that upgrade a report's 2019-format tables to the 2021 format; null when it cannot be done in full. */
export function upgradeEdits(report: Report): Upgrade | null {
  if (report.format.version !== '2019') return null;
  const c: Ctx = { text: report.text, edits: [], removed: [] };
  const rows = [...report.article20].sort((a, b) => a.labelCell.start - b.labelCell.start);
  let prevEnd = report.sections.find((s) => s.index === 1)?.contentStart ?? 0;
  const seen = new Set<string>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const table = F2019.article20.find((t) => t.id === row.tableId)!;
    const kept = UPGRADE_2019_TO_2021[table.id] && F2021.article20.find((t) => t.id === table.id)?.rows.some((r) => r.id === row.id);
    const end = lastCell(row);
    if (!kept) {
      // the row (and, for a table of its own, its title and header) from the end of what stands before it
      if (i === 0 || !end || end.inferred) return null;
      const label = table.rows.find((r) => r.id === row.id)?.label ?? row.labelCell.text;
      c.removed.push(`${label} ${valuesOf(c.text, row)}`);
      c.edits.push({ start: prevEnd, end: end.textEnd, newText: '' });
      seen.add(table.id);
      prevEnd = end.textEnd;
      continue;
    }
    if (!seen.has(table.id)) {
      seen.add(table.id);
      if (!upgradeHeader(c, table, prevEnd, row.labelCell.start)) return null;
      upgradeRuler(c, prevEnd, row.labelCell.start, table.columns.length - UPGRADE_2019_TO_2021[table.id].length);
    }
    if (!upgradeRow(c, row, table)) return null;
    if (!end) return null;
    prevEnd = end.textEnd;
  }
  if (!splitSixth(c, report)) return null;
  return c.edits.length ? c : null;
}

/**
 * The 第二十条 cells of a 2021-format table that no 2019 column fills, left blank or marked empty
 * (upgrade-fill asks for them; blank-cell does not offer 0 for them: 0 would be a guess).
 */
export function cellsToFill(report: Report): { row: Article20Row; column: ColumnDef; cell: Cell }[] {
  if (report.format.version !== '2021') return [];
  const out: { row: Article20Row; column: ColumnDef; cell: Cell }[] = [];
  for (const row of report.article20) {
    for (const f of FILL_COLUMNS) {
      if (f.table !== row.tableId) continue;
      const i = row.columns.findIndex((c) => c.id === f.column);
      const cell = row.values[i];
      if (cell && !cell.inferred && (cell.value.kind === 'blank' || cell.value.kind === 'dash')) out.push({ row, column: row.columns[i], cell });
    }
  }
  return out;
}
