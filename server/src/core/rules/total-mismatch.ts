import { describeTotal, writtenText } from '../describe';
import { writeNumber } from '../edits';
import { msg } from '../l10n';
import { cellName } from '../model';
import { cellRange } from '../read/cell';
import { defineRule, type RuleFinding } from './rule';

const rule = defineRule({
  code: 'total-mismatch',
  defaultSeverity: 'error',
  description: { zh: '表中的总数与其各部分之和不符（可自动修正）', en: 'A total cell differs from the sum of its parts (fixed automatically)' },
  check({ report, computed }) {
    const out: RuleFinding[] = [];
    for (const t of computed.totals) {
      if (!t.wrong || !t.cell || t.expected === null) continue;
      const [start, end] = cellRange(report.text, t.cell);
      const edit = writeNumber(report.text, t.cell, t.expected);
      out.push({
        start,
        end,
        message: msg('{what} should be {expected}, but it is {actual}.', { what: describeTotal(report, t), expected: t.expected, actual: writtenText(t) }),
        expected: t.expected,
        actual: t.written ?? undefined,
        cell: cellName(report.format, t.relation.target),
        fix: edit ? { kind: 'totals', title: msg('Write {expected} into this total', { expected: t.expected }), edits: [edit] } : undefined,
        related: t.parts
          .filter((p) => p.cell && p.value)
          .slice(0, 12)
          .map((p) => {
            const [s, e] = cellRange(report.text, p.cell!);
            return { start: s, end: e, message: msg('part: {value}', { value: p.value as number }) };
          }),
      });
    }
    return out;
  },
});
export default rule;
