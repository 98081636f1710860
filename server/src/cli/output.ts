/** The CLI's output contract (design.md): compiler-like text and the JSON array, over core/present.ts. */
import type { Analysis } from '../core/check';
import type { Severity } from '../core/finding';
import type { Language } from '../core/l10n';
import { SCHEMA_VERSION, tablesOf, type CellName, type ModelValue } from '../core/model';
import { present, rangeOf, type Presented, type Range } from '../core/present';

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

export function toJsonDiagnostic(p: Presented): JsonDiagnostic {
  const d: JsonDiagnostic = { code: p.code, severity: p.severity, message: p.message, range: p.range, fixable: p.fixable };
  if (p.expected !== undefined) d.expected = p.expected;
  if (p.actual !== undefined) d.actual = p.actual;
  if (p.cell) d.cell = p.cell;
  return d;
}

export function toJsonFile(file: string, analysis: Analysis, language: Language): JsonFile {
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
    diagnostics: findings.map((f) => toJsonDiagnostic(present(f, report, language))),
  };
}

const SEVERITY_WORD: Record<Language, Record<Severity, string>> = {
  'zh-cn': { error: '错误', warning: '警告', information: '信息', hint: '提示' },
  en: { error: 'error', warning: 'warning', information: 'information', hint: 'hint' },
};

/** `file:line:col: severity code message`, 1-based like compilers. */
export function textLines(file: string, analysis: Analysis, language: Language): string[] {
  return analysis.findings.map((f) => {
    const p = present(f, analysis.report, language);
    return `${file}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${SEVERITY_WORD[language][p.severity]} ${p.code} ${p.message}`;
  });
}

export function summary(counts: Record<Severity, number>, files: number, language: Language, skipped = 0): string {
  if (language === 'en') {
    const skip = skipped ? ` (${skipped} files that are not reports skipped)` : '';
    return `${counts.error} errors, ${counts.warning} warnings, ${counts.information + counts.hint} notes in ${files} files${skip}`;
  }
  const skip = skipped ? `（跳过 ${skipped} 个不像年度报告的文件）` : '';
  return `共检查 ${files} 个文件：${counts.error} 个错误，${counts.warning} 个警告，${counts.information + counts.hint} 条提示${skip}`;
}
