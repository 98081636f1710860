/** What a rule reports: a range, a message, the numbers involved and the edits that fix it. */
import type { Message } from './l10n';
import type { CellName } from './model';
import type { Span } from './report';
import type { LineIndex } from './text';

import type { Code } from './rules';

/** The codes are the rules' own (rules/index.ts). */
export { CODES, type Code } from './rules';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** totals: the automatic fix (`--fix`, source.fixAll); the others are suggestions (`--fix-type`). */
export type FixKind = 'totals' | 'labels' | 'sections' | 'blanks' | 'years' | 'carry' | 'aggregate' | 'format';
export const FIX_KINDS: FixKind[] = ['totals', 'labels', 'sections', 'blanks', 'years', 'carry', 'aggregate', 'format'];

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
  /** The place is in another report (cross-report rules): its file, as OtherReport names it, and its lines. Absent: this report. */
  other?: { file: string; index: LineIndex };
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
