import type { CellKind } from '../formats/types';
import { msg, type Message } from '../l10n';
import type { Cell } from '../scan';
import type { Rule, RuleFinding } from './rule';

function problem(cell: Cell, kind: CellKind): Message | null {
  const v = cell.value;
  if (v.kind === 'text') return msg('“{text}” is not a number.', { text: cell.text });
  if (v.kind !== 'number') return null;
  if (v.value < 0 && kind !== 'delta') return msg('“{text}” is negative; a count cannot be.', { text: cell.text });
  if (!v.integer && kind !== 'amount') return msg('“{text}” is not a whole number; a count must be.', { text: cell.text });
  return null;
}

const rule: Rule = {
  code: 'invalid-cell',
  defaultSeverity: 'error',
  description: { zh: '计数单元格不是非负整数（金额除外）', en: 'A count cell is not a non-negative whole number (amounts excepted)' },
  check({ report }) {
    const cells: [Cell | undefined, CellKind][] = [];
    for (const row of report.applications?.rows.values() ?? []) row.values.forEach((c) => cells.push([c, 'count']));
    report.review?.values.forEach((c) => cells.push([c, 'count']));
    for (const row of report.article20) row.values.forEach((c, i) => cells.push([c, row.columns[i].kind]));
    const out: RuleFinding[] = [];
    for (const [cell, kind] of cells) {
      const m = cell && problem(cell, kind);
      if (m && cell) out.push({ start: cell.textStart, end: cell.textEnd, message: m });
    }
    return out;
  },
};
export default rule;
