/** The shape of a rule, in the spirit of markdownlint's rule files and ESLint's meta + create. */
import type { Computed } from '../compute';
import type { Finding, Severity } from '../finding';
import type { Report } from '../report';

/** When a report is due: by organisation kind (条例第四十九条), or a fixed month and day. */
export type Deadline = 'auto' | 'department' | 'government' | { month: number; day: number };

/** A text longer than the size limit: only its first `checked` characters were parsed and checked. */
export interface PartialCheck {
  checked: number;
  size: number;
  limit: number;
}

/** Another report a check compares with (across years, or a summary against its parts). */
export interface OtherReport {
  /** Its path or URI, as the caller names it (shown in related information). */
  file: string;
  text: string;
  report: Report;
  computed: Computed;
}

/** Where a related place lies when it is in another report: that report's name and lines (not its whole analysis, which a finding would keep alive). */
export const placeIn = (r: OtherReport) => ({ file: r.file, index: r.report.index });

/** The reports beyond this one that the cross-report rules read; a rule whose report is absent finds nothing. */
export interface Others {
  /** Last year's report of the same body (cross-year-carry, cross-year-stock). */
  previous?: OtherReport;
  /** A summary report's parts (aggregate-mismatch) and the parts the configuration names that were not found (aggregate-missing). */
  children?: { reports: OtherReport[]; missing: string[] };
}

export interface RuleContext {
  report: Report;
  computed: Computed;
  deadline: Deadline;
  partial: PartialCheck | null;
  others: Others;
  /** The draft's path as the caller names it (file-year reads its file and folder names); null when unknown. */
  file: string | null;
  /** The statistics year the configuration expects (`year`, `--year`); null when none is set. */
  year: number | null;
}

/** A finding as a rule gives it; `severity` only where the rule rates one lower than its default (the user's setting still wins). */
export type RuleFinding = Omit<Finding, 'code' | 'severity'> & { severity?: Severity };

export interface Rule<C extends string = string> {
  /** The finding code (design.md's closed list); docs/rules/<code>.md describes the rule. */
  code: C;
  defaultSeverity: Severity;
  description: { zh: string; en: string };
  /**
   * The rule reports what is absent or what the end of the report holds (a missing section or row, an
   * empty section, the publication date): it is not run when only part of a long file is checked.
   */
  needsWholeText?: boolean;
  /**
   * When this holds, the rule's findings are the report's only ones: the text is not the draft (a file read
   * in the wrong encoding), and what the other rules would find in it would tempt edits that destroy it.
   */
  alone?(ctx: RuleContext): boolean;
  check(ctx: RuleContext): RuleFinding[];
}

/** A rule, with its code kept as a literal type (the list of codes is the list of rules). */
export function defineRule<const C extends string>(rule: Rule<C>): Rule<C> {
  return rule;
}
