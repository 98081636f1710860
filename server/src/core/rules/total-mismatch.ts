import type { TotalCheck } from '../compute';
import { writeNumber } from '../edits';
import { msg, type Message } from '../l10n';
import { cellName } from '../model';
import type { Report } from '../report';
import { cellRange } from '../read/cell';
import type { Rule, RuleFinding } from './rule';

export function rowLabel(report: Report, id: string): string {
  return report.format.applications.rows.find((r) => r.id === id)?.label ?? id;
}

export function colLabel(report: Report, id: string): string {
  const c = report.format.applications.columns.find((x) => x.id === id);
  return c?.short ?? c?.label ?? id;
}

/** What a total is made of, in words (the message, the hover). */
export function describeTotal(report: Report, t: TotalCheck): Message {
  const target = t.relation.target;
  if (target.table === 'review') {
    const group = report.format.review.groups.find((g) => g.total === target.col)!;
    return msg('the 总计 of {group} (结果维持 + 结果纠正 + 其他结果 + 尚未审结)', { group: group.label });
  }
  if (t.relation.kind === 'row-total') return msg('the 总计 of row “{row}” (the sum of its six applicant columns)', { row: rowLabel(report, target.row) });
  if (target.col === 'total') return msg('the 总计 of row “{row}” (the sum of the 总计 of its rows)', { row: rowLabel(report, target.row) });
  return msg('column “{col}” of row “{row}” (the sum of that column over its rows)', { row: rowLabel(report, target.row), col: colLabel(report, target.col) });
}

export function writtenText(t: TotalCheck): Message | number {
  return t.cell && (t.cell.value.kind === 'blank' || t.cell.value.kind === 'dash') ? msg('blank') : (t.written as number);
}

const rule: Rule = {
  code: 'total-mismatch',
  defaultSeverity: 'error',
  description: { zh: '合计单元格与其各部分之和不符（可自动修正）', en: 'A total cell differs from the sum of its parts (fixed automatically)' },
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
};
export default rule;
