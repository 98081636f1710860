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

export interface RuleContext {
  report: Report;
  computed: Computed;
  deadline: Deadline;
  partial: PartialCheck | null;
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
  check(ctx: RuleContext): RuleFinding[];
}

/** A rule, with its code kept as a literal type (the list of codes is the list of rules). */
export function defineRule<const C extends string>(rule: Rule<C>): Rule<C> {
  return rule;
}
