/**
 * A reviewer's batch (issue 15, item 5): what `nianbao check` saw of each file — a report with its
 * counts, or a file skipped and why — as the table that ends the text output and as the JSON of
 * `--summary FILE` (nianbao-report.schema.json, definitions/summary).
 */
import { eastAsianWidth } from 'get-east-asian-width';
import type { Finding, Severity } from '../core/finding';
import type { Language } from '../core/l10n';
import { SCHEMA_VERSION } from '../core/model';
import type { Report } from '../core/report';
import { printable, type Locate } from './output';

/** Why a file was not checked. */
export type SkipReason = 'not-report' | 'unreadable' | 'unsupported' | 'link-outside';

/** What the table and `--summary` read of a report's analysis (the HTML page reads all of it: `BatchEntry<Analysis>`). */
export interface Checked {
  report: Pick<Report, 'organisation' | 'reportYear' | 'formatVersion'>;
  findings: readonly Pick<Finding, 'severity'>[];
}

export type BatchEntry<A extends Checked = Checked> = { kind: 'report'; file: string; analysis: A; locate?: Locate } | { kind: 'skipped'; file: string; reason: SkipReason; message: string };

/** What a batch keeps of a report's analysis when no HTML page is written: not the report's tables and text. */
export const checkedOf = (a: Checked): Checked => ({
  report: { organisation: a.report.organisation, reportYear: a.report.reportYear, formatVersion: a.report.formatVersion },
  findings: a.findings.map((f) => ({ severity: f.severity })),
});

export type Counts = Record<Severity, number>;
/** A report's state: it has an error, a warning (and no error), or neither. */
export type Status = 'error' | 'warning' | 'ok';

export const SEVERITIES: Severity[] = ['error', 'warning', 'information', 'hint'];
const RANK: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };

/** Whether a finding of severity `s` is shown under `--min-severity min`. */
export const atLeast = (s: Severity, min: Severity) => RANK[s] >= RANK[min];

export function countsOf(analysis: Checked): Counts {
  const counts: Counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of analysis.findings) counts[f.severity]++;
  return counts;
}

export const statusOf = (c: Counts): Status => (c.error ? 'error' : c.warning ? 'warning' : 'ok');

const WORDS = {
  'zh-cn': {
    header: ['文件', '单位', '年度', '格式', '错误', '警告', '提示', '状态'],
    status: { error: '有错误', warning: '有警告', ok: '通过' } as Record<Status, string>,
  },
  en: {
    header: ['File', 'Body', 'Year', 'Format', 'Errors', 'Warnings', 'Notes', 'Status'],
    status: { error: 'errors', warning: 'warnings', ok: 'passed' } as Record<Status, string>,
  },
};

/** A report's status in words (the table, the HTML page). */
export const statusWord = (s: Status, language: Language) => WORDS[language].status[s];
export const tableHeader = (language: Language) => WORDS[language].header;

/** One row per report: the cells of the table (and of the HTML page's overview), counts of all severities. */
export function reportRow(e: Extract<BatchEntry, { kind: 'report' }>, language: Language): string[] {
  const { report } = e.analysis;
  const c = countsOf(e.analysis);
  return [
    printable(e.file),
    report.organisation ?? '—',
    String(report.reportYear ?? '—'),
    report.formatVersion ?? '—',
    String(c.error),
    String(c.warning),
    String(c.information + c.hint),
    statusWord(statusOf(c), language),
  ];
}

// a combining mark, a format character (zero-width space, joiners) or a control takes no column
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]$/u;

/** Columns a string takes in a terminal: East Asian Wide and Fullwidth characters two (UAX #11), ambiguous ones one. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ZERO_WIDTH.test(ch) ? 0 : eastAsianWidth(ch.codePointAt(0)!);
  return w;
}

const pad = (s: string, width: number, right: boolean) => {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
};

/** The counts are right-aligned, the rest left-aligned; columns two spaces apart; no trailing blanks. */
const NUMERIC = [false, false, false, false, true, true, true, false];

/** The per-report table that ends the text output (nothing when no report was checked). */
export function reportTable(entries: BatchEntry[], language: Language): string[] {
  const rows = entries.flatMap((e) => (e.kind === 'report' ? [reportRow(e, language)] : []));
  if (rows.length === 0) return [];
  const header = tableHeader(language);
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => displayWidth(r[i]))));
  const line = (r: string[]) =>
    r
      .map((cell, i) => pad(cell, widths[i], NUMERIC[i]))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

export interface SummaryJson {
  schemaVersion: number;
  reports: { file: string; organisation: string | null; reportYear: number | null; formatVersion: '2019' | '2021' | null; counts: Counts; status: Status }[];
  skipped: { file: string; reason: SkipReason; message: string }[];
  totals: Counts & { files: number; reports: number; skipped: number };
}

/** `--summary FILE`: the batch as JSON, a row per report and per skipped file, and the totals. */
export function summaryJson(entries: BatchEntry[]): SummaryJson {
  const totals = { files: entries.length, reports: 0, skipped: 0, error: 0, warning: 0, information: 0, hint: 0 };
  const out: SummaryJson = { schemaVersion: SCHEMA_VERSION, reports: [], skipped: [], totals };
  for (const e of entries) {
    if (e.kind === 'skipped') {
      totals.skipped++;
      out.skipped.push({ file: e.file, reason: e.reason, message: e.message });
      continue;
    }
    const { report } = e.analysis;
    const counts = countsOf(e.analysis);
    totals.reports++;
    for (const s of SEVERITIES) totals[s] += counts[s];
    out.reports.push({ file: e.file, organisation: report.organisation, reportYear: report.reportYear, formatVersion: report.formatVersion, counts, status: statusOf(counts) });
  }
  return out;
}
