/**
 * The protocol layer: turns the core's report and findings into LSP values (diagnostics, code
 * actions, hover, symbols, folding ranges, inlay hints, the summary). No rule logic lives here;
 * everything comes from analyze(), compute(), the findings as core/present.ts presents them and the
 * format's own names. server.ts only wires these functions to a connection, so they are plain
 * functions of their inputs.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { diffChars } from 'diff';
import { URI } from 'vscode-uri';
import {
  CodeActionKind,
  DiagnosticSeverity,
  FoldingRangeKind,
  InlayHintKind,
  MarkupKind,
  SymbolKind,
  type CodeAction,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type InlayHint,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { fixEdits, fixText, type Analysis, type AnalyzeOptions } from '../core/check';
import { compute, type TotalCheck } from '../core/compute';
import { describeTotal, partLabel, writtenText } from '../core/describe';
import { selectEdits } from '../core/edits';
import type { Code, Edit, Finding, Severity } from '../core/finding';
import { FORMATS } from '../core/formats';
import { msg, render, type Language, type Message } from '../core/l10n';
import { APPLICATIONS_TABLE, REVIEW_TABLE, type CellName } from '../core/model';
import { AUTOMATIC, isFixable, present, rangeOf } from '../core/present';
import type { Report, Span } from '../core/report';
import { describeReading, rowAsTabs, rowAt, tableAsTabs } from '../core/rewrite';
import { ruleDocPath } from '../core/rules';
import { cellRange, type Cell } from '../core/read/cell';
import { cellAt, cellSpan, tableRows } from './tables';
import type { LineIndex } from '../core/text';
import { COMMANDS, FIX_ALL_KIND, type Summary } from '../../../shared/protocol';

export const SOURCE = 'nianbao';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const toRange: (index: LineIndex, start: number, end: number) => Range = rangeOf;

/** The package's root: dist/ holds the bundles, docs/rules/ the rule pages beside it (in the .vsix and the npm package). */
const PACKAGE_ROOT = path.resolve(__dirname, '..');

/** The page of a rule, as a file: URI (the VS Code client opens it in the Markdown preview). */
export function ruleDocUri(code: Code): string {
  return pathToFileURL(path.join(PACKAGE_ROOT, ruleDocPath(code))).href;
}

const overlaps = (a: Span, b: Span) => a.start <= b.end && b.start <= a.end;

/** Extra data of a diagnostic: the numbers of design.md's output contract. */
export interface DiagnosticData {
  fixable: boolean;
  expected?: number;
  actual?: number;
  cell?: CellName;
}

export function toDiagnostic(f: Finding, report: Report, language: Language, uri: string): Diagnostic {
  const p = present(f, report, language);
  const data: DiagnosticData = { fixable: p.fixable };
  if (p.expected !== undefined) data.expected = p.expected;
  if (p.actual !== undefined) data.actual = p.actual;
  if (p.cell) data.cell = p.cell;
  const d: Diagnostic = {
    range: p.range,
    severity: SEVERITY[p.severity],
    code: p.code,
    codeDescription: { href: ruleDocUri(p.code) },
    source: SOURCE,
    message: p.message,
    data,
  };
  // a place in another report (last year's, a summary's part) is in that report's file: the server names other
  // reports by their paths (lsp/workspace.ts: pairing compares paths and names); one named by a URI keeps it
  if (p.related.length) d.relatedInformation = p.related.map((r) => ({ location: { uri: r.file ? (/^[a-z][\w+.-]+:\/\//i.test(r.file) ? r.file : URI.file(r.file).toString()) : uri, range: r.range }, message: r.message }));
  return d;
}

export function toTextEdits(index: LineIndex, edits: Edit[]): TextEdit[] {
  return edits.map((e) => ({ range: toRange(index, e.start, e.end), newText: e.newText }));
}

/** The edits that turn `from` into `to`, character by character (only what differs). */
export function diffEdits(from: string, to: string): Edit[] {
  const edits: Edit[] = [];
  let pos = 0;
  for (const part of diffChars(from, to)) {
    if (part.added) {
      const last = edits[edits.length - 1];
      if (last && last.end === pos && last.newText === '') last.newText = part.value;
      else edits.push({ start: pos, end: pos, newText: part.value });
    } else if (part.removed) {
      edits.push({ start: pos, end: pos + part.value.length, newText: '' });
      pos += part.value.length;
    } else pos += part.value.length;
  }
  return edits;
}

/**
 * The automatic fixes of a document, as `--fix` applies them: the total cells' edits of one pass
 * (the common case), or, if fixing took more passes, the difference between the text and the
 * fixed one.
 */
export function fixAllEdits(analysis: Analysis, options: AnalyzeOptions): Edit[] {
  const text = analysis.report.text;
  const first = selectEdits(text, fixEdits(analysis.findings, [AUTOMATIC]));
  if (first.length === 0) return [];
  const result = fixText(text, [AUTOMATIC], options);
  return result.passes <= 1 ? first : diffEdits(text, result.text);
}

export interface EditTarget {
  uri: string;
  version: number;
  /** The client takes versioned document changes (workspace.workspaceEdit.documentChanges). */
  documentChanges: boolean;
}

export function workspaceEdit(target: EditTarget, edits: TextEdit[]): WorkspaceEdit {
  if (target.documentChanges) return { documentChanges: [{ textDocument: { uri: target.uri, version: target.version }, edits }] };
  return { changes: { [target.uri]: edits } };
}

/** Whether a code action kind is wanted by the request's `only` filter (absent: quick fixes only). */
/** The kind of the actions that write rows again as TAB-separated cells. */
export const REWRITE_KIND = CodeActionKind.RefactorRewrite;

export function wanted(kind: string, only: string[] | undefined): boolean {
  if (!only || only.length === 0) return kind === CodeActionKind.QuickFix || kind.startsWith(CodeActionKind.QuickFix + '.') || kind === REWRITE_KIND;
  return only.some((o) => o === '' || kind === o || kind.startsWith(o + '.'));
}

export interface ActionRequest extends EditTarget {
  analysis: Analysis;
  options: AnalyzeOptions;
  language: Language;
  /** The requested range, as offsets. */
  range: Span;
  only?: string[];
  /** Offer "ignore this finding" (the server can write `.nianbaorc.json` for this document). */
  canIgnore: boolean;
}

export function codeActions(req: ActionRequest): CodeAction[] {
  const { analysis, language } = req;
  const { report, findings } = analysis;
  const actions: CodeAction[] = [];
  const here = findings.filter((f) => overlaps(f, req.range));

  if (wanted(CodeActionKind.QuickFix, req.only)) {
    for (const f of here) {
      const fix = present(f, report, language).fix;
      if (!fix) continue;
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [toDiagnostic(f, report, language, req.uri)],
        isPreferred: isFixable(f) ? true : undefined,
        edit: workspaceEdit(req, fix.edits.map((e) => ({ range: e.range, newText: e.newText }))),
      });
    }
    const totals = findings.filter(isFixable);
    if (totals.length > 1 && here.some(isFixable)) {
      const edits = fixAllEdits(analysis, req.options);
      if (edits.length) {
        actions.push({
          title: render(msg('Fix all totals in this document ({n})', { n: totals.length }), language),
          kind: CodeActionKind.QuickFix,
          diagnostics: totals.filter((f) => overlaps(f, req.range)).map((f) => toDiagnostic(f, report, language, req.uri)),
          edit: workspaceEdit(req, toTextEdits(report.index, edits)),
        });
      }
    }
    if (req.canIgnore) {
      for (const f of here) {
        const title = render(msg('Ignore this finding ({code}): record it in .nianbaorc.json', { code: f.code }), language);
        const line = report.index.lineOf(f.start);
        actions.push({
          title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [toDiagnostic(f, report, language, req.uri)],
          command: { title, command: COMMANDS.ignoreFinding, arguments: [{ uri: req.uri, code: f.code, line }] },
        });
      }
    }
  }

  // a row (or its whole table) written again as TAB-separated cells, where the reader is sure of every value
  if (wanted(REWRITE_KIND, req.only)) {
    const v = rowAt(report, req.range.start);
    const row = v && rowAsTabs(report, v);
    if (v && row) {
      actions.push({ title: render(msg('Write this row as TAB-separated cells'), language), kind: REWRITE_KIND, edit: workspaceEdit(req, toTextEdits(report.index, [row])) });
    }
    const table = v && tableAsTabs(report, v);
    if (table && table.length > 1) {
      actions.push({ title: render(msg('Write the whole table as TAB-separated rows ({n} rows)', { n: table.length }), language), kind: REWRITE_KIND, edit: workspaceEdit(req, toTextEdits(report.index, table)) });
    }
  }

  if (wanted(FIX_ALL_KIND, req.only) && req.only?.length) {
    const edits = fixAllEdits(analysis, req.options);
    if (edits.length) {
      actions.push({
        title: render(msg('Fix all totals in this document'), language),
        kind: FIX_ALL_KIND,
        edit: workspaceEdit(req, toTextEdits(report.index, edits)),
      });
    }
  }
  return actions;
}

export function totalAt(report: Report, offset: number): TotalCheck | undefined {
  return compute(report).totals.find((t) => t.cell && overlaps(cellSpan(report.text, t.cell), { start: offset, end: offset }));
}

/** How a total is made up: its parts, their sum and the written value (Markdown). */
/** The rule whose totals the hover explains. */
const TOTAL_RULE: Code = 'total-mismatch';

export function hoverText(report: Report, t: TotalCheck, language: Language): string {
  const r = (m: Message) => render(m, language);
  const shown = t.parts.filter((p) => p.value !== 0);
  const rest = t.parts.length - shown.length;
  const parts = shown.map((p) => {
    const value = p.value === null ? r(msg(p.cell ? 'unreadable' : 'missing')) : String(p.value);
    return `- ${r(msg('{label}: {value}', { label: partLabel(report, t, p), value }))}`;
  });
  if (rest > 0) parts.push(`- ${r(shown.length ? msg('the other {n} parts are 0 or blank', { n: rest }) : msg('all {n} parts are 0 or blank', { n: rest }))}`);
  const sum = t.parts.every((p) => p.value !== null) ? t.parts.reduce((s, p) => s + (p.value as number), 0) : null;
  const verdict: string[] = [];
  verdict.push(sum === null ? r(msg('The sum cannot be computed: a part is missing or unreadable.')) : r(msg('Sum of the parts: {sum}', { sum })));
  if (t.partsLeftOut) verdict.push(r(msg('All parts are blank, so the written total stands.')));
  if (t.written === null) verdict.push(r(msg('The total cell cannot be read.')));
  else if (t.wrong) verdict.push(r(msg('Written: {written}; it should be {expected}.', { written: writtenText(t), expected: t.expected as number })));
  else if (t.expected !== null) verdict.push(r(msg('Written: {written} ✓', { written: writtenText(t) })));
  const link = `[${r(msg('About the rule {code}', { code: TOTAL_RULE }))}](${ruleDocUri(TOTAL_RULE)})`;
  return [`**${r(describeTotal(report, t))}**`, `${r(msg('Parts:'))}\n\n${parts.join('\n')}`, verdict.join('  \n'), link].join('\n\n');
}

export function hover(report: Report, offset: number, language: Language): Hover | null {
  const t = totalAt(report, offset);
  // on any value cell: its row and column, as the format names them (`（一）予以公开 · 自然人`)
  const named = cellAt(report, offset);
  const name = named ? `${named.name}\n\n` : '';
  if (!t?.cell) {
    // on a row's label: how the reader read the row, each value with its column
    const v = rowAt(report, offset);
    if (!v) {
      if (!named) return null;
      const [s, e] = cellRange(report.text, named.cell);
      return { contents: { kind: MarkupKind.Markdown, value: named.name }, range: toRange(report.index, s, e) };
    }
    const lines = describeReading(report, v).map((m) => render(m, language));
    const label = v.row.pieces[0];
    return { contents: { kind: MarkupKind.Markdown, value: [`**${v.label}**`, lines[0], lines.slice(1).map((l) => `- ${l}`).join('\n')].filter(Boolean).join('\n\n') }, range: toRange(report.index, label.start, label.end) };
  }
  const [s, e] = cellRange(report.text, t.cell);
  return { contents: { kind: MarkupKind.Markdown, value: name + hoverText(report, t, language) }, range: toRange(report.index, s, e) };
}

/** A table of the report: its name, its span from its header, and its id in the model. */
interface TableSpan extends Span {
  name: string;
  id: string;
}

function cellsEnd(cells: (Cell | undefined)[], from: number): number {
  return Math.max(from, ...cells.map((c) => c?.end ?? 0));
}

export function tables(report: Report, language: Language): TableSpan[] {
  const out: TableSpan[] = [];
  const groups = new Map<string, TableSpan>();
  for (const row of report.article20) {
    const title = Object.values(FORMATS)
      .flatMap((f) => f.article20)
      .find((t) => t.id === row.tableId)?.title;
    const name = title ?? render(report.format.article20Name, language);
    const end = cellsEnd(row.values, row.labelCell.end);
    const g = groups.get(row.tableId);
    if (g) {
      g.start = Math.min(g.start, row.labelCell.start);
      g.end = Math.max(g.end, end);
    } else {
      const span = { name, id: row.tableId, start: Math.min(row.labelCell.start, report.article20Headers.get(row.tableId) ?? row.labelCell.start), end };
      groups.set(row.tableId, span);
      out.push(span);
    }
  }
  if (report.applications) {
    const a = report.applications;
    out.push({ name: render(report.format.applications.name, language), id: APPLICATIONS_TABLE, start: Math.min(a.headerStart, a.start), end: a.end });
  }
  if (report.review) {
    out.push({ name: render(report.format.review.name, language), id: REVIEW_TABLE, start: Math.min(report.review.headerStart, report.review.start), end: report.review.end });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The end of a span with trailing blank lines and padding left out. */
function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /[\s\u3000\u00a0]/.test(text[end - 1])) end--;
  return end;
}

/**
 * A table's rows as symbols, under their groups as the format prints them (三、本年度办理结果 › （三）不予公开 ›
 * 1.属于国家秘密): the outline lists them, and sticky scroll shows the row a long row's lines belong to.
 */
function rowSymbols(report: Report, tableId: string): DocumentSymbol[] {
  const idx = report.index;
  const top: DocumentSymbol[] = [];
  const open: { key: string; symbol: DocumentSymbol }[] = [];
  for (const row of tableRows(report, tableId)) {
    const span = row.span;
    let children = top;
    row.path.slice(0, -1).forEach((name, level) => {
      const key = row.path.slice(0, level + 1).join('\u0000');
      let o = open[level];
      if (!o || o.key !== key) {
        // from the group's label where the draft writes it (三、本年度办理结果 on a line of its own), else from its first row
        const start = Math.min(row.groups[level] ?? span.start, span.start);
        const label = row.groups[level] === undefined ? { start, end: start } : { start, end: start + name.length };
        o = { key, symbol: { name, kind: SymbolKind.Namespace, range: toRange(idx, start, span.end), selectionRange: toRange(idx, label.start, Math.min(label.end, span.end)), children: [] } };
        children.push(o.symbol);
        open.length = level;
        open[level] = o;
      }
      if (idx.offset(o.symbol.range.end) < span.end) o.symbol.range.end = idx.position(span.end);
      children = o.symbol.children!;
    });
    open.length = row.path.length - 1;
    children.push({ name: row.path[row.path.length - 1], kind: SymbolKind.Field, range: toRange(idx, span.start, span.end), selectionRange: toRange(idx, row.label.start, row.label.end) });
  }
  return top;
}

export function documentSymbols(report: Report, language: Language): DocumentSymbol[] {
  const text = report.text;
  const idx = report.index;
  const tableSymbols = tables(report, language).map((t) => ({
    span: t,
    symbol: { name: t.name, kind: SymbolKind.Struct, range: toRange(idx, t.start, t.end), selectionRange: toRange(idx, t.start, t.start), children: rowSymbols(report, t.id) } as DocumentSymbol,
  }));
  const used = new Set<DocumentSymbol>();
  const sections: DocumentSymbol[] = report.sections.map((s) => {
    const end = trimEnd(text, s.start, s.contentEnd);
    const children = tableSymbols.filter((t) => t.span.start >= s.start && t.span.start < s.contentEnd).map((t) => t.symbol);
    children.forEach((c) => used.add(c));
    for (const c of children) if (idx.offset(c.range.end) > end) c.range.end = idx.position(end);
    return {
      name: text.slice(s.start, s.end).replace(/\s+/g, ''),
      detail: render(msg('section {ordinal}', { ordinal: s.ordinal }), language),
      kind: SymbolKind.Namespace,
      range: toRange(idx, s.start, Math.max(end, s.end)),
      selectionRange: toRange(idx, s.start, s.end),
      children,
    };
  });
  const loose = tableSymbols.filter((t) => !used.has(t.symbol)).map((t) => t.symbol);
  const all = [...sections, ...loose];
  return all.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

export function foldingRanges(report: Report, language: Language): FoldingRange[] {
  const idx = report.index;
  const out: FoldingRange[] = [];
  const add = (start: number, end: number, kind?: string) => {
    const a = idx.lineOf(start);
    const b = idx.lineOf(trimEnd(report.text, start, end));
    if (b > a) out.push(kind ? { startLine: a, endLine: b, kind } : { startLine: a, endLine: b });
  };
  for (const s of report.sections) add(s.start, s.contentEnd, FoldingRangeKind.Region);
  for (const t of tables(report, language)) add(t.start, t.end);
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

export function inlayHints(analysis: Analysis, range: Span, language: Language): InlayHint[] {
  const { report } = analysis;
  return analysis.findings
    .filter((f) => f.code === 'total-mismatch' && f.expected !== undefined && overlaps(f, range))
    .map((f) => ({
      position: report.index.position(f.end),
      label: render(msg('should be {expected}', { expected: f.expected as number }), language),
      kind: InlayHintKind.Parameter,
      paddingLeft: true,
      tooltip: render(f.message, language),
    }));
}

export function summarize(uri: string, version: number, analysis: Analysis | null, isReport: boolean, language: Language): Summary {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  const report = analysis?.report;
  if (!analysis || !report || !isReport) {
    const detail = render(msg('This document does not look like a report (no title, section headings or table of a 政府信息公开工作年度报告).'), language);
    return { uri, version, isReport: false, reportYear: null, formatVersion: null, counts, fixable: 0, status: '', detail };
  }
  for (const f of analysis.findings) counts[f.severity]++;
  const fixable = analysis.findings.filter(isFixable).length;
  const r = (m: Message) => render(m, language);
  const year = report.reportYear === null ? r(msg('year unknown')) : r(msg('report for {year}', { year: report.reportYear }));
  const format = report.formatVersion === null ? r(msg('format unknown')) : r(msg('{version} format', { version: report.formatVersion }));
  const status = `${year} · ${format} · ${r(msg(counts.error === 1 ? '{n} error' : '{n} errors', { n: counts.error }))}`;
  const detail = r(
    msg('{year}, {format}. Errors: {errors}, warnings: {warnings}, notes: {notes}; totals that can be fixed automatically: {fixable}.', {
      year,
      format,
      errors: counts.error,
      warnings: counts.warning,
      notes: counts.information + counts.hint,
      fixable,
    }),
  );
  return { uri, version, isReport: true, reportYear: report.reportYear, formatVersion: report.formatVersion, counts, fixable, status, detail };
}
