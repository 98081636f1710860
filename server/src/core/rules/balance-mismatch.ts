/**
 * The balance the format prints in the corner of the table of applications (一 + 二 = （七）总计 + 四),
 * per column, on the computed table: a wrong total is total-mismatch's, so only a real imbalance is
 * reported here (design.md, "Which totals are wrong").
 */
import type { Computed } from '../compute';
import { cellAt, exactSum } from '../compute';
import type { CellRef } from '../formats';
import { msg } from '../l10n';
import { APPLICATIONS_TABLE } from '../model';
import { cellRange } from '../read/cell';
import type { Report } from '../report';
import { defineRule, type RuleFinding } from './rule';

const ref = (row: string, col: string): CellRef => ({ table: 'applications', row, col });

/** The sum of a side in a column of the computed table; null when a cell of it is unknown or the sum is not exact. */
function side(computed: Computed, rows: string[], col: string): number | null {
  let sum: number | null = 0;
  for (const row of rows) {
    const v = computed.value(ref(row, col));
    if (v === null || sum === null) return null;
    sum = exactSum(sum, v);
  }
  return sum;
}

function imbalance(report: Report, computed: Computed, col: string): RuleFinding | null {
  const { left, right, items, note } = report.format.balance;
  const l = side(computed, left, col);
  const r = side(computed, right, col);
  if (l === null || r === null || l === r) return null;
  const rows = [...left, ...right];
  const cells = rows.map((row) => cellAt(report, ref(row, col)));
  const column = report.format.applications.columns.find((c) => c.id === col)!;
  const at = cells.findIndex((c) => c);
  const anchor = at >= 0 ? cells[at]! : report.applications!.rows.get(rows[0])!.labelCell;
  const [start, end] = cellRange(report.text, anchor);
  return {
    start,
    end,
    message: msg('Column “{col}”: {left} = {leftValue}, but {right} = {rightValue} ({note}).', {
      col: column.short ?? column.label,
      left: items.slice(0, left.length).join(' + '),
      leftValue: l,
      right: items.slice(left.length).join(' + '),
      rightValue: r,
      note,
    }),
    expected: l,
    actual: r,
    cell: { table: APPLICATIONS_TABLE, row: rows[Math.max(at, 0)], column: col },
    related: cells.flatMap((c, i) => {
      if (!c) return [];
      const [s, e] = cellRange(report.text, c);
      return [{ start: s, end: e, message: msg('item {item} of the balance', { item: items[i] }) }];
    }),
  };
}

const rule = defineRule({
  code: 'balance-mismatch',
  defaultSeverity: 'error',
  description: { zh: '申请情况表中第一项加第二项之和不等于第三项加第四项之和（勾稽关系）', en: 'The balance of the table of applications (一 + 二 = （七） + 四) fails in a column' },
  check({ report, computed }) {
    const apps = report.applications;
    const { left, right } = report.format.balance;
    if (!apps || ![...left, ...right].every((r) => apps.rows.has(r))) return [];
    const columns = report.format.applications.columns;
    const total = columns[columns.length - 1];
    const out = columns.filter((c) => c !== total).flatMap((c) => imbalance(report, computed, c.id) ?? []);
    // an imbalance in an applicant column shows again in 总计: 总计 is reported only on its own
    const inTotal = out.length === 0 && imbalance(report, computed, total.id);
    if (inTotal) out.push(inTotal);
    return out;
  },
});
export default rule;
