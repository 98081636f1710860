/** All rules, in the order of design.md's table of codes. */
import aggregateMismatch from './aggregate-mismatch';
import aggregateMissing from './aggregate-missing';
import balanceMismatch from './balance-mismatch';
import blankCell from './blank-cell';
import crossYearCarry from './cross-year-carry';
import crossYearStock from './cross-year-stock';
import emptySection from './empty-section';
import fileYear from './file-year';
import formatVersion from './format-version';
import invalidCell from './invalid-cell';
import labelVariant from './label-variant';
import missingRow from './missing-row';
import missingSection from './missing-section';
import partlyChecked from './partly-checked';
import publishDate from './publish-date';
import sectionOrder from './section-order';
import staleProse from './stale-prose';
import textTableMismatch from './text-table-mismatch';
import totalMismatch from './total-mismatch';
import unreadableRow from './unreadable-row';
import wrongEncoding from './wrong-encoding';
import upgradeFill from './upgrade-fill';
import yearMismatch from './year-mismatch';

export const RULES = [
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
  crossYearCarry,
  crossYearStock,
  fileYear,
  aggregateMismatch,
  aggregateMissing,
  wrongEncoding,
  upgradeFill,
  staleProse,
] as const;

/** The finding codes: the codes of the rules, in the order of design.md's table. */
export type Code = (typeof RULES)[number]['code'];
export const CODES: readonly Code[] = RULES.map((r) => r.code);

/** The rule's page, relative to the package root: `docs/rules/<code>.md` (Chinese, then English). */
export const ruleDocPath = (code: Code) => `docs/rules/${code}.md`;
