/** The shape of a rule, in the spirit of markdownlint's rule files and ESLint's meta + create. */
import type { Computed } from '../compute';
import type { Code, Finding, Severity } from '../finding';
import type { Report } from '../report';

/** When a report is due: by organisation kind (条例第四十九条), or a fixed month and day. */
export type Deadline = 'auto' | 'department' | 'government' | { month: number; day: number };

export interface RuleContext {
  report: Report;
  computed: Computed;
  deadline: Deadline;
}

export type RuleFinding = Omit<Finding, 'code' | 'severity'>;

export interface Rule {
  code: Code;
  defaultSeverity: Severity;
  description: { zh: string; en: string };
  check(ctx: RuleContext): RuleFinding[];
}
