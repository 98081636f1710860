/**
 * The one conversion of a finding into what every output shows (design.md, "Output contract"): its
 * range (0-based lines, UTF-16 characters), whether the automatic fix applies, its numbers, the cell
 * it is about, its related places and its fix as ranged edits, with the messages rendered. The CLI's
 * text, JSON and SARIF and the server's diagnostics and code actions are each a few field names over
 * this; none of them works out "fixable", a range or a message of its own.
 */
import { selectEdits } from './edits';
import type { Code, Finding, Fix, FixKind, Severity } from './finding';
import { render, type Language } from './l10n';
import type { CellName } from './model';
import type { Report } from './report';
import type { LineIndex } from './text';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface PresentedEdit {
  range: Range;
  /** Offsets of the edit in the text. */
  offset: number;
  length: number;
  newText: string;
}

export interface Presented {
  code: Code;
  severity: Severity;
  message: string;
  range: Range;
  /** Offsets of the range in the text. */
  offset: number;
  length: number;
  /** The automatic fix applies (`--fix`, source.fixAll); suggestions are not counted. */
  fixable: boolean;
  expected?: number;
  actual?: number;
  cell?: CellName;
  /** `file`: the place is in that other report (its path or URI as the caller named it), not in this one. */
  related: { range: Range; offset: number; length: number; message: string; file?: string }[];
  /** The fix, without edits that change nothing; absent when the finding has none (or nothing is left to do). */
  fix?: { kind: FixKind; title: string; edits: PresentedEdit[] };
}

/** The kind of fix `--fix` and source.fixAll apply. */
export const AUTOMATIC: FixKind = 'totals';

/** Whether a finding's fix is the automatic one. */
export const isFixable = (f: { fix?: Fix }) => f.fix?.kind === AUTOMATIC;

export function rangeOf(index: LineIndex, start: number, end: number): Range {
  return { start: index.position(start), end: index.position(end) };
}

/** A finding as the outputs show it, messages in the given language. */
export function present(f: Finding, report: Report, language: Language): Presented {
  const { index, text } = report;
  const p: Presented = {
    code: f.code,
    severity: f.severity,
    message: render(f.message, language),
    range: rangeOf(index, f.start, f.end),
    offset: f.start,
    length: f.end - f.start,
    fixable: isFixable(f),
    related: (f.related ?? []).map((r) => {
      const place = { range: rangeOf(r.other?.index ?? index, r.start, r.end), offset: r.start, length: r.end - r.start, message: render(r.message, language) };
      return r.other ? { ...place, file: r.other.file } : place;
    }),
  };
  if (f.expected !== undefined) p.expected = f.expected;
  if (f.actual !== undefined) p.actual = f.actual;
  if (f.cell) p.cell = f.cell;
  const edits = f.fix ? selectEdits(text, f.fix.edits) : [];
  if (f.fix && edits.length) {
    p.fix = {
      kind: f.fix.kind,
      title: render(f.fix.title, language),
      edits: edits.map((e) => ({ range: rangeOf(index, e.start, e.end), offset: e.start, length: e.end - e.start, newText: e.newText })),
    };
  }
  return p;
}
