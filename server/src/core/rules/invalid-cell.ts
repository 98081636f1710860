import type { CellKind } from '../formats/types';
import { msg, type Message } from '../l10n';
import { APPLICATIONS_TABLE, REVIEW_ROW, REVIEW_TABLE, reviewColumnIds, type CellName } from '../model';
import type { Cell } from '../read/cell';
import { defineRule, type RuleFinding } from './rule';

function problem(cell: Cell, kind: CellKind): Message | null {
  const v = cell.value;
  if (v.kind === 'text') return msg('“{text}” is not a number.', { text: cell.text });
  if (v.kind !== 'number') return null;
  if (!v.exact) return msg('“{text}” has too many digits to be checked exactly; no total that uses it is computed or fixed.', { text: cell.text });
  if (v.value < 0 && kind !== 'delta') return msg('“{text}” is negative; a count cannot be.', { text: cell.text });
  if (!v.integer && kind !== 'amount') return msg('“{text}” is not a whole number; a count must be.', { text: cell.text });
  return null;
}

const rule = defineRule({
  code: 'invalid-cell',
  defaultSeverity: 'error',
  description: { zh: '计数单元格不是非负整数（金额除外）', en: 'A count cell is not a non-negative whole number (amounts excepted)' },
  check({ report }) {
    const cells: [Cell | undefined, CellKind, CellName][] = [];
    const columns = report.format.applications.columns;
    for (const row of report.applications?.rows.values() ?? []) row.values.forEach((c, i) => cells.push([c, 'count', { table: APPLICATIONS_TABLE, row: row.id, column: columns[i].id }]));
    const reviewIds = reviewColumnIds(report.format);
    report.review?.values.forEach((c, i) => cells.push([c, 'count', { table: REVIEW_TABLE, row: REVIEW_ROW, column: reviewIds[i] }]));
    for (const row of report.article20) row.values.forEach((c, i) => cells.push([c, row.columns[i].kind, { table: row.tableId, row: row.id, column: row.columns[i].id }]));
    const out: RuleFinding[] = [];
    for (const [cell, kind, name] of cells) {
      const m = cell && problem(cell, kind);
      if (m && cell) out.push({ start: cell.textStart, end: cell.textEnd, message: m, cell: name });
    }
    return out;
  },
});
export default rule;
