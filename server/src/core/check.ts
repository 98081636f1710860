/**
 * The analysis core: text in, report and findings out. Knows nothing of LSP or files; the
 * server and the CLI are thin layers over it.
 */
import { compute } from './compute';
import { DEFAULT_CONFIG, isIgnored, type Config } from './config';
import { applyEdits } from './edits';
import { CODES, type Edit, type Finding, type FixKind } from './finding';
import { parse, parseHead, type Head } from './parse';
import type { Report } from './report';
import { RULES } from './rules';
import type { Others, PartialCheck } from './rules/rule';

export interface AnalyzeOptions {
  config?: Config;
  /**
   * The draft's path relative to the config file (for ignore entries naming a file), or as the user named
   * it when there is none; file-year reads the years its file and folder names spell.
   */
  file?: string;
  /**
   * Characters checked from the start, instead of what the size limit gives (fixText keeps the first
   * pass's boundary through its edits, so that a fix never pulls an unchecked line into the check).
   */
  checked?: number;
  /** The other reports the cross-report rules compare this one with (none: those rules find nothing). */
  others?: Others;
  /** The report of this text as readReport gave it (pairing read it first): used when it is of the same text, so it is not parsed again. */
  report?: Report;
}

export interface Analysis {
  /** The report of the text, or of its first `partial.checked` characters when it is longer than the size limit. */
  report: Report;
  findings: Finding[];
  partial: PartialCheck | null;
}

const codeOrder = new Map(CODES.map((c, i) => [c, i]));

/**
 * How much of a text is checked: all of it up to `limit` characters, else up to the last line break
 * within the limit (a single longer line is cut at the limit, never inside a surrogate pair).
 */
export function checkedLength(text: string, limit: number): number {
  if (text.length <= limit) return text.length;
  const lineEnd = Math.max(text.lastIndexOf('\n', limit - 1), text.lastIndexOf('\r', limit - 2));
  if (lineEnd >= 0) return lineEnd + 1;
  const last = text.charCodeAt(limit - 1);
  return last >= 0xd800 && last <= 0xdbff ? limit - 1 : limit;
}

/** The part of a text that is checked: all of it, or its beginning when it is longer than the size limit. */
function checkedPart(text: string, options: AnalyzeOptions): { part: string; partial: PartialCheck | null; config: Config } {
  const config = options.config ?? DEFAULT_CONFIG;
  const checked = Math.min(options.checked ?? checkedLength(text, config.sizeLimit), text.length);
  const partial = checked < text.length ? { checked, size: text.length, limit: config.sizeLimit } : null;
  return { part: partial ? text.slice(0, checked) : text, partial, config };
}

/** The report analyze reads of a text (before any rule runs): what pairing reports across years needs. */
export function readReport(text: string, options: AnalyzeOptions = {}): Report {
  return parse(checkedPart(text, options).part);
}

/** The head of the report analyze reads (readReport without the tables): enough to pair reports across years. */
export function readHead(text: string, options: AnalyzeOptions = {}): Head {
  return parseHead(checkedPart(text, options).part);
}

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const { part, partial, config } = checkedPart(text, options);
  // offsets into the beginning are offsets into the whole text: findings and fixes apply to it as they are
  const report = options.report?.text === part ? options.report : parse(part);
  const ctx = { report, computed: compute(report), deadline: config.deadline, partial, others: options.others ?? {}, file: options.file ?? null, year: config.year };
  const findings: Finding[] = [];
  // a text that is not the draft (read in the wrong encoding) gets that rule's findings only
  const alone = RULES.find((rule) => config.rules[rule.code] !== 'off' && rule.alone?.(ctx));
  for (const rule of alone ? [alone] : RULES) {
    const setting = config.rules[rule.code];
    if (setting === 'off' || (partial && rule.needsWholeText)) continue;
    for (const f of rule.check(ctx)) findings.push({ ...f, code: rule.code, severity: setting ?? f.severity ?? rule.defaultSeverity });
  }
  const kept = config.ignore.length
    ? findings.filter((f) => {
        const line = report.index.lineOf(f.start);
        const lineText = text.slice(report.index.starts[line], report.index.lineEnd(line));
        return !isIgnored(f, { file: options.file, line, lineText }, config.ignore);
      })
    : findings;
  kept.sort((a, b) => a.start - b.start || codeOrder.get(a.code)! - codeOrder.get(b.code)! || a.end - b.end);
  return { report, findings: kept, partial };
}

/** The edits of the findings' fixes of the given kinds (totals: the automatic fix). */
export function fixEdits(findings: Finding[], kinds: FixKind[] = ['totals']): Edit[] {
  return findings.flatMap((f) => (f.fix && kinds.includes(f.fix.kind) ? f.fix.edits : []));
}

export interface FixResult {
  text: string;
  /** Edits applied over all passes. */
  applied: number;
  passes: number;
  /** The analysis of the fixed text. */
  analysis: Analysis;
  /** The analysis of the text as it was (what to show when the fixed text cannot be written). */
  before: Analysis;
}

/** How many times fixText applies a round of fixes, at most. */
const MAX_PASSES = 10;

/**
 * Applies fixes until the text is stable (as ESLint does), at most MAX_PASSES times. `first`: the text's analysis
 * when the caller has it already (the CLI, which checked the file before fixing it).
 */
export function fixText(text: string, kinds: FixKind[] = ['totals'], options: AnalyzeOptions = {}, first?: Analysis): FixResult {
  const before = first ?? analyze(text, options);
  let analysis = before;
  // the edits are all inside the checked part: its end moves by what they add or remove
  let boundary = analysis.partial?.checked;
  let applied = 0;
  let passes = 0;
  while (passes < MAX_PASSES) {
    const result = applyEdits(text, fixEdits(analysis.findings, kinds));
    if (result.applied.length === 0) break;
    passes++;
    applied += result.applied.length;
    if (boundary !== undefined) boundary += result.text.length - text.length;
    text = result.text;
    analysis = analyze(text, boundary === undefined ? options : { ...options, checked: boundary });
  }
  return { text, applied, passes, analysis, before };
}
