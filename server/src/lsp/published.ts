/**
 * Published files in the language server. HTML documents are checked as they are typed: the HTML
 * reader turns the text the editor sends into a draft, the core checks the draft, and every range
 * (diagnostics, quick fixes) is mapped back into the HTML through the reader's source map; a page
 * that never says 政府信息 costs only that look. Word, Excel, PDF and .doc files are read from disk
 * on request (nianbao/readPublished), inside the workspace folders only, for the read-only rendering
 * the client shows.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis, type AnalyzeOptions } from '../core/check';
import type { Language } from '../core/l10n';
import type { LineIndex } from '../core/text';
import { MAX_DRAFT_BYTES, readDraft } from '../node/files';
import { cellOffset, describeWhere, locate, readPublished, type Published } from '../node/readers';
import { mayBeHtmlReport, readHtml } from '../node/readers/html';
import type { PublishedResult } from '../../../shared/protocol';
import { toDiagnostic } from './convert';

/** Larger pages are not read as they are typed (the sniff's limit for plain texts, core/sniff.ts). */
const MAX_LIVE_HTML = 4 * 1024 * 1024;

/** The draft of an HTML document, or null when the page does not look like a report. */
export function htmlDraft(text: string): Published | null {
  if (text.length > MAX_LIVE_HTML || !mayBeHtmlReport(text)) return null;
  return { kind: 'html', ...readHtml(text), source: text };
}

const offsetOf = (index: LineIndex, p: Position) => Math.min(index.starts[p.line] + p.character, index.lineEnd(p.line));

/** A draft range as a range of the HTML document. */
export function toHtmlRange(p: Published, doc: TextDocument, index: LineIndex, r: Range): Range {
  const start = p.map.toSource(cellOffset(p, offsetOf(index, r.start))) ?? 0;
  const end = Math.max(start, p.map.toSource(offsetOf(index, r.end)) ?? start);
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

/** The HTML document's range as the draft's offsets (for code action requests). */
export function toDraftSpan(p: Published, doc: TextDocument, r: Range): { start: number; end: number } {
  const s = p.map.toDraft(doc.offsetAt(r.start)) ?? 0;
  const e = p.map.toDraft(doc.offsetAt(r.end)) ?? s;
  return { start: Math.min(s, e), end: Math.max(s, e) };
}

export function htmlDiagnostics(p: Published, analysis: Analysis, doc: TextDocument, language: Language, uri: string): Diagnostic[] {
  return analysis.findings.map((f) => mapDiagnostic(p, doc, analysis.report.index, toDiagnostic(f, analysis.report, language, uri)));
}

function mapDiagnostic(p: Published, doc: TextDocument, index: LineIndex, d: Diagnostic): Diagnostic {
  return {
    ...d,
    range: toHtmlRange(p, doc, index, d.range),
    // places in this page are mapped into it; a place in another report (last year's) is in that file already
    relatedInformation: d.relatedInformation?.map((r) => (r.location.uri === doc.uri ? { ...r, location: { ...r.location, range: toHtmlRange(p, doc, index, r.location.range) } } : r)),
  };
}

/** Draft edits as edits of the HTML text: the digits of a cell only; null if one of them cannot be written there. */
function mapEdits(p: Published, doc: TextDocument, index: LineIndex, edits: TextEdit[]): TextEdit[] | null {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const to = p.map.toSourceEdits(offsetOf(index, e.range.start), offsetOf(index, e.range.end));
    if (!to) return null;
    to.forEach((t, i) => out.push({ range: { start: doc.positionAt(t.start), end: doc.positionAt(t.end) }, newText: i === 0 ? e.newText : '' }));
  }
  return out;
}

function mapWorkspaceEdit(p: Published, doc: TextDocument, index: LineIndex, edit: WorkspaceEdit): WorkspaceEdit | null {
  if (edit.documentChanges) {
    const changes = [];
    for (const c of edit.documentChanges) {
      if (!('edits' in c)) return null;
      const edits = mapEdits(p, doc, index, c.edits as TextEdit[]);
      if (!edits) return null;
      changes.push({ ...c, edits });
    }
    return { documentChanges: changes };
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    const mapped = mapEdits(p, doc, index, edits);
    if (!mapped) return null;
    changes[uri] = mapped;
  }
  return { changes };
}

/** The core's code actions on the draft, as actions on the HTML (those whose edits can be written into the page). */
export function htmlCodeActions(p: Published, doc: TextDocument, analysis: Analysis, actions: CodeAction[]): CodeAction[] {
  const index = analysis.report.index;
  return actions.flatMap((a) => {
    if (!a.edit) return [];
    const edit = mapWorkspaceEdit(p, doc, index, a.edit);
    return edit ? [{ ...a, edit, diagnostics: a.diagnostics?.map((d) => mapDiagnostic(p, doc, index, d)) }] : [];
  });
}

/** The edits of fixAllTotals, mapped into the page (null when they cannot be written there). */
export function htmlEdits(p: Published, doc: TextDocument, analysis: Analysis, edits: TextEdit[]): TextEdit[] | null {
  return mapEdits(p, doc, analysis.report.index, edits);
}

/** Whether `file` is a regular file inside one of the folders, reached without a link that leaves it. */
export function insideWorkspace(file: string, folders: string[]): string | null {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    return null;
  }
  for (const f of folders) {
    let root: string;
    try {
      root = fs.realpathSync(f);
    } catch {
      continue;
    }
    const rel = path.relative(root, real);
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return real;
  }
  return null;
}

/**
 * Reads a Word, Excel, PDF or .doc file (or an HTML page) of the workspace for the client's
 * read-only rendering: the draft text and its findings, each with where it is in the file.
 */
export async function readPublishedFile(file: string, folders: string[], options: AnalyzeOptions, language: Language, uri: string): Promise<PublishedResult> {
  const real = insideWorkspace(file, folders);
  if (!real) return { error: '只读取工作区文件夹中的文件 (only files inside the workspace folders are read)' };
  const st = fs.statSync(real);
  if (!st.isFile()) return { error: '不是普通文件 (not a regular file)' };
  if (st.size > MAX_DRAFT_BYTES) return { error: '文件太大，未读取 (file too large; not read)' };
  const read = readDraft(real);
  if ('error' in read) return { error: read.error };
  const r = await readPublished(real, read.bytes);
  if (r.ok === 'not-report') return { error: '不像年度报告 (not a report)' };
  if (!r.ok) return { error: r.reason };
  const analysis = analyze(r.file.text, options);
  return {
    kind: r.file.kind,
    text: r.file.text,
    diagnostics: analysis.findings.map((f) => {
      const where = locate(r.file, f.start);
      const d = toDiagnostic(f, analysis.report, language, uri);
      return where && where.kind !== 'doc' ? { ...d, message: `${d.message}（${describeWhere(where)}）` } : d;
    }),
  };
}
