/**
 * Expected findings written by hand (issue 10, item 6), one file beside each draft:
 * `<draft name>.findings`, one finding a line, sorted by line (markdownlint keeps its markers in
 * test files, never in the documents it lints):
 *
 *     report year=N|null format=2019|2021|null                                  (the report as a whole)
 *     LINE:COL CODE [expected=N] [actual=N] [cell=TABLE/ROW[/COLUMN]] [fix=KIND]   # a note for people
 *
 * (a finding about a whole row, such as unreadable-row, names its cell without a column)
 *
 * LINE and COL are 1-based, as an editor shows them (for an .html report: of the text a browser copy
 * gives, test/helpers/html.ts). Lines that are blank or start with `#` are comments. No test writes these
 * files: whoever changes what nianbao finds edits them by hand; `npm run golden:diff` prints the difference.
 */
import * as fs from 'node:fs';
import type { Analysis } from '../../server/src/core/check';
import type { CellName } from '../../server/src/core/model';
import { CODES } from '../../server/src/core/rules';
import { htmlToText } from './html';
import { at } from './repo';

export interface Expected {
  line: number;
  col: number;
  code: string;
  expected?: number;
  actual?: number;
  cell?: string;
  fix?: string;
}

/** The expectations file of a draft. */
export const expectationsFile = (draft: string) => draft.replace(/\.(txt|md|html)$/, '.findings');

/** The text nianbao checks: the file itself, or the text a browser copy of an .html report gives. */
export function draftText(draft: string): string {
  const raw = fs.readFileSync(at(draft), 'utf8');
  return draft.endsWith('.html') ? htmlToText(raw) : raw;
}

const codeOrder = new Map<string, number>(CODES.map((c, i) => [c, i]));
const byPlace = (a: Expected, b: Expected) => a.line - b.line || a.col - b.col || (codeOrder.get(a.code) ?? 99) - (codeOrder.get(b.code) ?? 99);

export function format(e: Expected): string {
  const parts = [`${e.line}:${e.col}`, e.code];
  if (e.expected !== undefined) parts.push(`expected=${e.expected}`);
  if (e.actual !== undefined) parts.push(`actual=${e.actual}`);
  if (e.cell) parts.push(`cell=${e.cell}`);
  if (e.fix) parts.push(`fix=${e.fix}`);
  return parts.join(' ');
}

export interface ExpectedReport {
  year: number | null;
  format: string | null;
}

export interface Expectations {
  report: ExpectedReport;
  findings: Expected[];
}

const nullable = (v: string | undefined) => (v === undefined || v === 'null' ? null : v);

/** Parses an expectations file; throws on a line that is not one finding, or on lines out of order. */
export function parse(text: string, file = 'expectations'): Expectations {
  const out: Expected[] = [];
  let report: ExpectedReport | null = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    const r = /^report year=(\d{4}|null) format=(2019|2021|null)$/.exec(line);
    if (r) {
      if (report || out.length) throw new Error(`${file}:${i + 1}: the report line comes once, before the findings`);
      report = { year: r[1] === 'null' ? null : Number(r[1]), format: nullable(r[2]) };
      return;
    }
    const [place, code, ...rest] = line.split(/\s+/);
    const m = /^(\d+):(\d+)$/.exec(place);
    if (!m || !code || !codeOrder.has(code)) throw new Error(`${file}:${i + 1}: not “LINE:COL CODE …”: ${raw}`);
    const e: Expected = { line: +m[1], col: +m[2], code };
    for (const kv of rest) {
      const [k, v] = kv.split('=');
      if (k === 'expected' || k === 'actual') e[k] = Number(v);
      else if (k === 'cell' || k === 'fix') e[k] = v;
      else throw new Error(`${file}:${i + 1}: unknown field “${kv}”`);
      if ((k === 'expected' || k === 'actual') && !Number.isFinite(e[k])) throw new Error(`${file}:${i + 1}: ${k} is not a number`);
    }
    if (out.length && byPlace(out[out.length - 1], e) > 0) throw new Error(`${file}:${i + 1}: not sorted by line (after ${format(out[out.length - 1])})`);
    out.push(e);
  });
  if (!report) throw new Error(`${file}: no “report year=… format=…” line`);
  return { report, findings: out };
}

export const reportOf = (a: Analysis): ExpectedReport => ({ year: a.report.reportYear, format: a.report.formatVersion });
export const formatReport = (r: ExpectedReport) => `report year=${r.year} format=${r.format}`;

/** `table/row/column`, or `table/row` for a whole row. */
const cellText = (c: CellName) => (c.column === undefined ? `${c.table}/${c.row}` : `${c.table}/${c.row}/${c.column}`);

/** What nianbao found, in the same shape. */
export function found(a: Analysis): Expected[] {
  return a.findings
    .map((f) => {
      const p = a.report.index.position(f.start);
      const e: Expected = { line: p.line + 1, col: p.character + 1, code: f.code };
      if (f.expected !== undefined) e.expected = f.expected;
      if (f.actual !== undefined) e.actual = f.actual;
      if (f.cell) e.cell = cellText(f.cell);
      if (f.fix) e.fix = f.fix.kind;
      return e;
    })
    .sort(byPlace);
}

/** The lines only one side has: `-` expected but not found, `+` found but not expected. */
export function difference(expected: Expected[], actual: Expected[]): string[] {
  const want = expected.map(format);
  const got = actual.map(format);
  const left = [...got];
  const missing: string[] = [];
  for (const w of want) {
    const k = left.indexOf(w);
    if (k >= 0) left.splice(k, 1);
    else missing.push(w);
  }
  return [...missing.map((l) => `- ${l}`), ...left.map((l) => `+ ${l}`)].sort((a, b) => parseInt(a.slice(2), 10) - parseInt(b.slice(2), 10));
}

/** What an LSP diagnostic carries of a finding: no fix kind, only whether the automatic fix applies. */
export function fromDiagnostic(d: { code?: number | string; range: { start: { line: number; character: number } }; data?: unknown }): Expected {
  const data = (d.data ?? {}) as { fixable?: boolean; expected?: number; actual?: number; cell?: CellName };
  const e: Expected = { line: d.range.start.line + 1, col: d.range.start.character + 1, code: String(d.code) };
  if (data.expected !== undefined) e.expected = data.expected;
  if (data.actual !== undefined) e.actual = data.actual;
  if (data.cell) e.cell = cellText(data.cell);
  if (data.fixable) e.fix = 'totals';
  return e;
}

/** Expectations as an LSP diagnostic can show them (suggestion fixes are not in its data). */
export const asDiagnostics = (list: Expected[]): Expected[] => list.map(({ fix, ...e }) => (fix === 'totals' ? { ...e, fix } : e));

/** The hand-written findings of a draft. */
export const expectedFindings = (draft: string): Expected[] => parse(fs.readFileSync(at(expectationsFile(draft)), 'utf8'), expectationsFile(draft)).findings;
