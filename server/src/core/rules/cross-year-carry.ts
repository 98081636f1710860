/**
 * This year's 二、上年结转 against last year's 四、结转下年度继续办理, column by column (spec R3.5): what
 * was carried over at the end of last year is what this year starts with. Last year's report comes
 * from ctx.others.previous (core/pair.ts pairs them); without it the rule finds nothing. The quick fix
 * (`carry`, a suggestion) writes last year's value.
 */
import { cellAt, countValue } from '../compute';
import { writeNumber } from '../edits';
import { msg } from '../l10n';
import { APPLICATIONS_TABLE } from '../model';
import { lastYearOf } from '../pair';
import { cellRange } from '../read/cell';
import { defineRule, placeIn, type RuleFinding } from './rule';

const rule = defineRule({
  code: 'cross-year-carry',
  defaultSeverity: 'error',
  description: { zh: '本年承接的上年未办结申请数与上一年度报告中结转的数不一致（按列）', en: 'The applications carried over into this year differ from those last year’s report carried forward (per column)' },
  check({ report, others }) {
    const prev = lastYearOf(report, others.previous);
    if (!prev || !report.applications || !prev.report.applications) return [];
    const carried = report.format.applications.rows.find((r) => r.role === 'carried')!;
    const next = prev.report.format.applications.rows.find((r) => r.role === 'carry-next')!;
    const out: RuleFinding[] = [];
    for (const column of report.format.applications.columns) {
      const cell = cellAt(report, { table: 'applications', row: carried.id, col: column.id });
      const last = cellAt(prev.report, { table: 'applications', row: next.id, col: column.id });
      const written = countValue(cell);
      const expected = countValue(last);
      if (!cell || !last || written === null || expected === null || written === expected) continue;
      const [start, end] = cellRange(report.text, cell);
      const [s, e] = cellRange(prev.text, last);
      const edit = writeNumber(report.text, cell, expected);
      out.push({
        start,
        end,
        message: msg('Column “{col}”: {row} is {actual}, but last year’s {lastRow} is {expected}.', {
          col: column.short ?? column.label,
          row: carried.label,
          actual: written,
          lastRow: next.label,
          expected,
        }),
        expected,
        actual: written,
        cell: { table: APPLICATIONS_TABLE, row: carried.id, column: column.id },
        fix: edit ? { kind: 'carry', title: msg('Write last year’s {expected} into this cell', { expected }), edits: [edit] } : undefined,
        related: [{ start: s, end: e, message: msg('last year’s {row}, column “{col}”: {value}', { row: next.label, col: column.short ?? column.label, value: expected }), other: placeIn(prev) }],
      });
    }
    return out;
  },
});
export default rule;
