import { msg } from '../l10n';
import { APPLICATIONS_TABLE } from '../model';
import { cellRange } from '../read/cell';
import type { Rule } from './rule';

const ROLES = ['一', '二', '（七）', '四'];

const rule: Rule = {
  code: 'balance-mismatch',
  defaultSeverity: 'error',
  description: { zh: '第一项加第二项之和不等于第三项（七）总计加第四项之和', en: '一 + 二 differs from （七）总计 + 四 in a column' },
  check({ report, computed }) {
    return computed.imbalances.map((b) => {
      const col = report.format.applications.columns.find((c) => c.id === b.col)!;
      const sides = [...report.format.balance.left, ...report.format.balance.right];
      const at = b.cells.findIndex((c) => c);
      const anchor = at >= 0 ? b.cells[at]! : report.applications!.rows.get(sides[0])!.labelCell;
      const [start, end] = cellRange(report.text, anchor);
      return {
        start,
        end,
        message: msg('Column “{col}”: 一 + 二 = {left}, but （七）总计 + 四 = {right} (第一项加第二项之和，等于第三项加第四项之和).', {
          col: col.short ?? col.label,
          left: b.left,
          right: b.right,
        }),
        expected: b.left,
        actual: b.right,
        cell: { table: APPLICATIONS_TABLE, row: sides[Math.max(at, 0)], column: b.col },
        related: b.cells.flatMap((c, i) => {
          if (!c) return [];
          const [s, e] = cellRange(report.text, c);
          return [{ start: s, end: e, message: msg('item {item} of the balance', { item: ROLES[i] }) }];
        }),
      };
    });
  },
};
export default rule;
