/** What a rule reports: a range, a message, the numbers involved and the edits that fix it. */
import type { Message } from './l10n';
import type { CellName } from './model';
import type { Span } from './report';

import type { Code } from './rules';
import type { OtherReport } from './rules/rule';

/** The codes are the rules' own (rules/index.ts). */
export { CODES, type Code } from './rules';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** totals: the automatic fix (`--fix`, source.fixAll); the others are suggestions (`--fix-type`). */
export type FixKind = 'totals' | 'labels' | 'sections' | 'blanks' | 'years' | 'carry';
export const FIX_KINDS: FixKind[] = ['totals', 'labels', 'sections', 'blanks', 'years', 'carry'];

export interface Edit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  kind: FixKind;
  title: Message;
  edits: Edit[];
}

export interface Related extends Span {
  message: Message;
  /** The place is in another report (last year's): its span is in that report's text. */
  other?: OtherReport;
}

export interface Finding extends Span {
  code: Code;
  severity: Severity;
  message: Message;
  expected?: number;
  actual?: number;
  fix?: Fix;
  related?: Related[];
  /** The cell of the model the finding is about (table, row and column ids). */
  cell?: CellName;
}
