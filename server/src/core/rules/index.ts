/** All rules, in the order of design.md's table of codes. */
import balanceMismatch from './balance-mismatch';
import blankCell from './blank-cell';
import emptySection from './empty-section';
import formatVersion from './format-version';
import invalidCell from './invalid-cell';
import labelVariant from './label-variant';
import missingRow from './missing-row';
import missingSection from './missing-section';
import partlyChecked from './partly-checked';
import publishDate from './publish-date';
import sectionOrder from './section-order';
import textTableMismatch from './text-table-mismatch';
import totalMismatch from './total-mismatch';
import unreadableRow from './unreadable-row';
import yearMismatch from './year-mismatch';
import type { Rule } from './rule';

export const RULES: Rule[] = [
  totalMismatch,
  balanceMismatch,
  yearMismatch,
  publishDate,
  missingSection,
  emptySection,
  sectionOrder,
  formatVersion,
  missingRow,
  invalidCell,
  textTableMismatch,
  labelVariant,
  blankCell,
  partlyChecked,
  unreadableRow,
];
