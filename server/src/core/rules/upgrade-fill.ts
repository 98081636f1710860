/**
 * The 2021 第二十条 cells no 2019 column fills (formats/upgrade.ts lists them), left blank or
 * marked empty — as the format upgrade leaves them (core/upgrade.ts): the clerk writes the figure.
 * No fix: 0 would be a guess.
 */
import { FORMATS } from '../formats';
import { msg } from '../l10n';
import { cellRange } from '../read/cell';
import { cellsToFill } from '../upgrade';
import { defineRule } from './rule';

const rule = defineRule({
  code: 'upgrade-fill',
  defaultSeverity: 'warning',
  description: { zh: '第二十条中 2019 年格式没有对应栏目的单元格尚未填写', en: 'A 第二十条 cell that no column of the 2019 format fills is not filled in' },
  check({ report }) {
    return cellsToFill(report).map(({ row, column, cell }) => {
      const [start, end] = cellRange(report.text, cell);
      const label = row.table.rows.find((r) => r.id === row.id)?.label ?? row.labelCell.text;
      return {
        start,
        end,
        message: msg('“{row}”: “{column}” is not filled in. No column of the 2019 format ({source}) means the same, so nothing could be carried into it: write this year’s figure.', {
          row: label,
          column: column.label,
          source: FORMATS['2019'].source,
        }),
        cell: { table: row.tableId, row: row.id, column: column.id },
      };
    });
  },
});
export default rule;
