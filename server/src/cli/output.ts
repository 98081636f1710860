/** The CLI's output contract (design.md): compiler-like text and the JSON array, over core/present.ts. */
import type { Analysis } from '../core/check';
import type { Severity } from '../core/finding';
import type { Language } from '../core/l10n';
import { SCHEMA_VERSION, tablesOf, type CellName, type ModelValue } from '../core/model';
import { present, rangeOf, type Presented, type Range } from '../core/present';
import { describeWhere } from '../node/readers';
import type { Where } from '../node/readers/sourcemap';
import type { SkipReason } from './batch';

/** Where a finding is in a published file (.html line and column, Word table cell, sheet cell, PDF page). */
export type Locate = (offset: number) => Where | undefined;
/** The Locate of another report (last year's) by its name, when it is a published file. */
export type LocateIn = (file: string) => Locate | undefined;

/** A related place of a finding in another report (JSON `related`: last year's cell); `range` is in that file's text. */
export interface JsonRelated {
  message: string;
  range: JsonRange;
  file: string;
  location?: Where;
}

export type JsonRange = Range;

export interface JsonDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: JsonRange;
  fixable: boolean;
  expected?: number;
  actual?: number;
  cell?: CellName;
  /** Published files only: where the finding is in the file (`range` is in the draft text `nianbao convert` writes). */
  location?: Where;
  related?: JsonRelated[];
}

export interface JsonCell {
  column: string;
  value: ModelValue;
  range?: JsonRange;
}

export interface JsonTable {
  id: string;
  title: string;
  format: '2019' | '2021';
  range: JsonRange;
  columns: { id: string; label: string }[];
  rows: { id: string; label: string; formatLabel: string; range: JsonRange; cells: JsonCell[] }[];
}

/** One file of `--format json` (nianbao-report.schema.json). */
export interface JsonFile {
  schemaVersion: number;
  file: string;
  reportYear: number | null;
  formatVersion: '2019' | '2021' | null;
  organisation: string | null;
  tables: JsonTable[];
  diagnostics: JsonDiagnostic[];
}

const range = rangeOf;

/** Where a place in another report is in that file, when it is a published one. */
function relatedWhere(r: Presented['related'][number], locateIn?: LocateIn): Where | undefined {
  const where = locateIn?.(r.file!)?.(r.offset);
  return where && where.kind !== 'doc' ? where : undefined;
}

export function toJsonDiagnostic(p: Presented, locate?: Locate, locateIn?: LocateIn): JsonDiagnostic {
  const d: JsonDiagnostic = { code: p.code, severity: p.severity, message: p.message, range: p.range, fixable: p.fixable };
  if (p.expected !== undefined) d.expected = p.expected;
  if (p.actual !== undefined) d.actual = p.actual;
  if (p.cell) d.cell = p.cell;
  const where = locate?.(p.offset);
  if (where && where.kind !== 'doc') d.location = where;
  // the places in other reports (last year's): where a reader of this file could not look otherwise
  const elsewhere = p.related.filter((r) => r.file !== undefined);
  if (elsewhere.length) {
    d.related = elsewhere.map((r) => {
      const j: JsonRelated = { message: r.message, range: r.range, file: r.file! };
      const at = relatedWhere(r, locateIn);
      if (at) j.location = at;
      return j;
    });
  }
  return d;
}

export function toJsonFile(file: string, analysis: Analysis, language: Language, locate?: Locate, locateIn?: LocateIn): JsonFile {
  const { report, findings } = analysis;
  const { index } = report;
  return {
    schemaVersion: SCHEMA_VERSION,
    file,
    reportYear: report.reportYear,
    formatVersion: report.formatVersion,
    organisation: report.organisation,
    tables: tablesOf(report).map((t) => ({
      id: t.id,
      title: t.title,
      format: t.format,
      range: range(index, t.start, t.end),
      columns: t.columns,
      rows: t.rows.map((r) => ({
        id: r.id,
        label: r.label,
        formatLabel: r.formatLabel,
        range: range(index, r.start, r.end),
        cells: r.cells.map((c) => (c.start === undefined ? { column: c.column, value: c.value } : { column: c.column, value: c.value, range: range(index, c.start, c.end!) })),
      })),
    })),
    diagnostics: findings.map((f) => toJsonDiagnostic(present(f, report, language), locate, locateIn)),
  };
}

const SEVERITY_WORD: Record<Language, Record<Severity, string>> = {
  'zh-cn': { error: '错误', warning: '警告', information: '信息', hint: '提示' },
  en: { error: 'error', warning: 'warning', information: 'information', hint: 'hint' },
};

/**
 * `file:line:col: severity code message`, 1-based like compilers. A published file gives its own
 * location instead: `page.html:120:35`, `报告.docx:表3 行5 列9`, `报告.pdf:第 4 页`.
 */
export function textLines(file: string, analysis: Analysis, language: Language, locate?: Locate, locateIn?: LocateIn): string[] {
  return analysis.findings.flatMap((f) => {
    const p = present(f, analysis.report, language);
    const line = `${file}${place(p.offset, p.range, locate)}: ${SEVERITY_WORD[language][p.severity]} ${p.code} ${p.message}`;
    // a place in another report (last year's) gets a line of its own, indented under the finding
    const others = p.related.filter((r) => r.file !== undefined).map((r) => `    ${printable(r.file!)}${place(r.offset, r.range, locateIn?.(r.file!))}: ${r.message}`);
    return [line, ...others];
  });
}

/** `:line:col` of a text, or a published file's own location (`:120:35`, `:表3 行5 列9`; nothing for a place it cannot name). */
function place(offset: number, range: Range, locate?: Locate): string {
  if (!locate) return `:${range.start.line + 1}:${range.start.character + 1}`;
  const where = locate(offset);
  return where && where.kind !== 'doc' ? `:${describeWhere(where)}` : '';
}

const SKIPPED: Record<Language, Record<SkipReason, (n: number) => string>> = {
  'zh-cn': {
    'not-report': (n) => `${n} 个不像年度报告的文件`,
    unreadable: (n) => `${n} 个无法读取的文件`,
    unsupported: (n) => `${n} 个格式不支持的文件`,
    'link-outside': (n) => `${n} 个指向文件夹之外的链接`,
  },
  en: {
    'not-report': (n) => `${n} not reports`,
    unreadable: (n) => `${n} unreadable`,
    unsupported: (n) => `${n} of a kind not supported`,
    'link-outside': (n) => `${n} links leading outside the folders`,
  },
};

/** The last line of the text output: the counts over every checked file, and the files skipped by why. */
export function summary(counts: Record<Severity, number>, files: number, language: Language, skipped: Partial<Record<SkipReason, number>> = {}): string {
  const parts = (Object.keys(SKIPPED[language]) as SkipReason[]).flatMap((r) => (skipped[r] ? [SKIPPED[language][r](skipped[r])] : []));
  if (language === 'en') {
    const skip = parts.length ? ` (skipped: ${parts.join(', ')})` : '';
    return `${counts.error} errors, ${counts.warning} warnings, ${counts.information + counts.hint} notes in ${files} files${skip}`;
  }
  const skip = parts.length ? `（跳过 ${parts.join('、')}）` : '';
  return `共检查 ${files} 个文件：${counts.error} 个错误，${counts.warning} 个警告，${counts.information + counts.hint} 条提示${skip}`;
}

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A file name as printed in text lines and messages: control characters escaped (`\n`, `\x1b`,
 * `\u2028`), so that a name cannot start a fake `file:1:1: 错误` line; nothing else changed.
 */
export function printable(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what is escaped
  return name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    const code = c.charCodeAt(0);
    return ESCAPES[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`);
  });
}
