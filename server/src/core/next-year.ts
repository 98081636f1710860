/**
 * Next year's draft from this year's report (issue 13, item 2), through text edits that keep the
 * draft's layout: the title, the 统计期限 and every statement of the report year move to Y+1; the
 * publication date moves one year later with its 星期 recomputed (a 2月29日 that next year has not, or a
 * date that was not of the year after the report's, is removed, and said); 二、上年结转 takes 四、结转下年度继续办理 (its computed values: a wrong 总计 is not
 * carried); the 第二十条 stocks roll forward as the format says (2021 现行有效件数 stays last year's, as
 * 制发 and 废止 start at 0); every other count is 0 (blank and dash cells stay as they are: they count
 * 0 already); 2019-format tables are upgraded when next year is 2021 or later (core/upgrade.ts). The
 * prose is left as it is: checked against this year's report, stale-prose names what still describes Y.
 */
import { compute, countValue } from './compute';
import { fixText, readReport } from './check';
import { applyEdits, writeNumber } from './edits';
import { formatForYear } from './formats';
import type { Edit } from './finding';
import { msg, type Message } from './l10n';
import { WEEKDAY_NAMES } from './parse/dates';
import type { ReadRow } from './read';
import type { Cell } from './read/cell';
import type { Article20Row, DateRef, Report, Span } from './report';
import { toFullWidthDigits } from './text';
import { upgradeEdits } from './upgrade';

export interface NextYearDraft {
  text: string;
  /** This report's year and the new draft's. */
  from: number;
  year: number;
  /** What was done that the clerk should know of (a date removed, rows not read, the tables upgraded). */
  notes: Message[];
}

const CN_DIGITS = '〇一二三四五六七八九';

/** A year written like the one it replaces: ASCII or full-width digits, or Chinese numerals (二〇二五). */
function yearLike(written: string, year: number): string {
  if (/^[0-9]+$/.test(written)) return String(year);
  if (/^[\uff10-\uff19]+$/.test(written)) return toFullWidthDigits(String(year));
  const zero = [...written].find((c) => '〇零○ＯO'.includes(c)) ?? '〇';
  return [...String(year)].map((d) => (d === '0' ? zero : CN_DIGITS[+d])).join('');
}

const isNumber = (c: Cell | undefined): c is Cell => c?.value.kind === 'number';
const fullWidth = (cells: (Cell | undefined)[]) => cells.some((c) => c?.value.kind === 'number' && c.value.fullWidth);

/**
 * The edit that writes `value` into a cell: a blank or dash cell that should hold 0 is left as it is (it
 * counts 0); a count written in words (`十二`) is a count all the same, and gets its new value.
 */
function write(text: string, cell: Cell | undefined, value: number, wide: boolean): Edit | null {
  if (!cell) return null;
  if (cell.value.kind === 'text') return cell.inferred || cell.textEnd === cell.textStart ? null : { start: cell.textStart, end: cell.textEnd, newText: String(value) };
  if (!isNumber(cell) && value === 0) return null;
  return writeNumber(text, cell, value, wide);
}

function moveYears(report: Report, year: number, edits: Edit[]) {
  const refs: Span[] = [...report.yearStatements];
  if (report.titleYear) refs.push(report.titleYear);
  if (report.period) refs.push(report.period.from, ...(report.period.to.start === report.period.from.start ? [] : [report.period.to]));
  for (const r of refs) edits.push({ start: r.start, end: r.end, newText: yearLike(report.text.slice(r.start, r.end), year) });
}

function movePublication(report: Report, d: DateRef, from: number, edits: Edit[], notes: Message[]) {
  const y = d.year + 1;
  if (d.year !== from + 1) {
    // a date not in the year after the report's (copied from an older draft) is no date to move on
    edits.push({ start: d.start, end: d.end, newText: '' });
    notes.push(msg('The publication date {date} is not of {next}, the year after the report’s: it was removed; write the new date.', { date: report.text.slice(d.start, d.end), next: from + 1 }));
    return;
  }
  const date = new Date(Date.UTC(y, d.month - 1, d.day));
  if (date.getUTCMonth() !== d.month - 1) {
    edits.push({ start: d.start, end: d.end, newText: '' });
    notes.push(msg('The publication date {month}月{day}日 does not exist in {year}: it was removed; write the new date.', { month: d.month, day: d.day, year: y }));
    return;
  }
  // the year as written: four digits (ASCII, full-width) or four Chinese numerals
  edits.push({ start: d.start, end: d.start + 4, newText: yearLike(report.text.slice(d.start, d.start + 4), y) });
  if (d.weekday) edits.push({ start: d.weekday.start, end: d.weekday.end, newText: WEEKDAY_NAMES[date.getUTCDay()] });
}

function applicationEdits(report: Report, edits: Edit[], notes: Message[]) {
  const apps = report.applications;
  if (!apps) return;
  const computed = compute(report);
  const defs = report.format.applications;
  const next = defs.rows.find((r) => r.role === 'carry-next')!;
  for (const def of defs.rows) {
    const row = apps.rows.get(def.id);
    if (!row) continue;
    if (!row.reading.certain) notes.push(msg('Row “{row}” could not be read: its values were left as they are.', { row: def.label }));
    const wide = fullWidth(row.values);
    defs.columns.forEach((col, i) => {
      const cell = row.values[i];
      let value = 0;
      if (def.role === 'carried') {
        const carried = computed.value({ table: 'applications', row: next.id, col: col.id });
        if (carried === null) {
          if (cell) notes.push(msg('“{row}”, column “{col}”: this year’s {next} is not known; the cell was left as it is.', { row: def.label, col: col.short ?? col.label, next: next.label }));
          return;
        }
        value = carried;
      }
      const e = write(report.text, cell, value, wide);
      if (e) edits.push(e);
    });
  }
}

/** The last value cell of a row the reader placed with certainty, every cell in the text. */
function lastValue(row: ReadRow | undefined): Cell | undefined {
  if (!row?.reading.certain || row.values.some((v) => !v || v.inferred)) return undefined;
  return row.values[row.values.length - 1];
}

/**
 * The rows of the 申请 table this year's report lacks (missing-row), put in with 0 after the row before
 * them, written with the separators of two neighbouring rows of the table: next year's table is whole.
 * A row that opens a group (its group label would have to be written too) is left out, and said.
 */
function missingRows(report: Report, edits: Edit[], notes: Message[]) {
  const apps = report.applications;
  if (!apps) return;
  const defs = report.format.applications.rows;
  // two neighbours of one group, both read: what stands between rows, after a label, between values
  let pattern: { rowSep: string; afterLabel: string; between: string } | null = null;
  for (let i = 1; i < defs.length && !pattern; i++) {
    const [a, b] = [apps.rows.get(defs[i - 1].id), apps.rows.get(defs[i].id)];
    const end = lastValue(a);
    if (!a || !b || !end || !lastValue(b) || !defs[i].group || defs[i].group !== defs[i - 1].group || b.values.length < 2) continue;
    const [v0, v1] = [b.values[0]!, b.values[1]!];
    // a blank cell's padding (U+00A0, U+3000) is its content, not a separator
    const gap = (from: number, to: number) => report.text.slice(from, to).replace(/[\u00a0\u3000]/g, '');
    pattern = { rowSep: gap(end.textEnd, b.labelCell.textStart), afterLabel: gap(b.labelCell.textEnd, v0.textStart), between: gap(v0.textEnd, v1.textStart) };
  }
  for (let i = 1; i < defs.length; i++) {
    const def = defs[i];
    if (def.optional || apps.rows.has(def.id)) continue;
    const before = apps.rows.get(defs[i - 1].id);
    const end = lastValue(before);
    const sameGroup = !def.group || defs[i - 1].group === def.group;
    if (!pattern || !end || !sameGroup) {
      notes.push(msg('Row “{row}” is missing in this year’s report and was not put in: add it.', { row: def.label }));
      continue;
    }
    const zeros = report.format.applications.columns.map(() => '0').join(pattern.between);
    edits.push({ start: end.textEnd, end: end.textEnd, newText: `${pattern.rowSep}${def.label}${pattern.afterLabel}${zeros}` });
    notes.push(msg('Row “{row}”, missing in this year’s report, was put in with 0.', { row: def.label }));
  }
}

function reviewEdits(report: Report, edits: Edit[]) {
  const values = report.review?.values ?? [];
  for (const c of values) {
    const e = write(report.text, c, 0, fullWidth(values));
    if (e) edits.push(e);
  }
}

/** Next year's value of a 第二十条 cell: a stock rolls forward (this year's changes start at 0), the rest is 0. */
function article20Value(report: Report, row: Article20Row, column: string, upgrading: boolean): number | null {
  const rel = upgrading ? undefined : report.format.stock.find((s) => s.table === row.tableId && s.column === column && (!s.rows || s.rows.includes(row.id)));
  if (!rel) return 0;
  const at = (id: string) => {
    const i = row.columns.findIndex((c) => c.id === id);
    const v = row.values[i]?.value;
    if (row.columns[i]?.kind === 'delta' && v?.kind === 'number') return v.integer && v.exact ? v.value : null;
    return countValue(row.values[i]);
  };
  let value = at(rel.from);
  for (const t of rel.terms) {
    const term = t.of === 'last' ? at(t.column) : 0;
    value = value === null || term === null ? null : value + t.sign * term;
  }
  return value;
}

function article20Edits(report: Report, upgrading: boolean, edits: Edit[]) {
  for (const row of report.article20) {
    const wide = fullWidth(row.values);
    row.columns.forEach((col, i) => {
      const value = article20Value(report, row, col.id, upgrading);
      if (value === null) return;
      const e = write(report.text, row.values[i], value, wide);
      if (e) edits.push(e);
    });
  }
}

/** Next year's draft of a report's text; a message when the text names no report year. */
export function nextYearDraft(text: string): NextYearDraft | { error: Message } {
  const report = readReport(text);
  const from = report.reportYear;
  if (from === null) return { error: msg('The report year could not be told (no title, 统计期限 or statement of the year names it): no draft was made.') };
  const year = from + 1;
  const notes: Message[] = [];
  const edits: Edit[] = [];
  const upgrading = report.format.version === '2019' && formatForYear(year) === '2021';
  moveYears(report, year, edits);
  if (report.publication) movePublication(report, report.publication, from, edits, notes);
  applicationEdits(report, edits, notes);
  missingRows(report, edits, notes);
  reviewEdits(report, edits);
  article20Edits(report, upgrading, edits);
  let out = applyEdits(text, edits).text;
  if (upgrading) {
    const u = upgradeEdits(readReport(out));
    if (u) {
      out = applyEdits(out, u.edits).text;
      notes.push(msg('The tables were upgraded to the 2021 format; 本年废止件数, 现行有效件数 and 本年收费金额 are left for you to fill in.'));
      if (u.removed.length) notes.push(msg('Removed with the 2019 format: {removed}.', { removed: u.removed.join('; ') }));
    } else notes.push(msg('The tables follow the 2019 format and could not be upgraded here: upgrade them by hand (format-version).'));
  }
  // a section heading the report lacks is put in (missing-section's fix): next year's report has all six
  const sections = fixText(out, ['sections']);
  if (sections.applied) notes.push(msg('Section headings this year’s report lacks were inserted: write their content.'));
  return { text: sections.text, from, year, notes };
}
