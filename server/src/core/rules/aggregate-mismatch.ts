/**
 * A summary report (汇总) against its parts (the `children` of .nianbaorc.json, others.children): every
 * cell of its three tables is the sum of its parts' cells (core/aggregate.ts). A total the summary's own
 * parts make up, whose parts' sums are all known, is left to the parts' findings and total-mismatch:
 * one wrong cell is reported once, never again in the totals above it. While a part is missing the
 * sum is incomplete, and the findings are warnings.
 */
import { aggregate, describeCell, sumKey, valueAt, type SumCell } from '../aggregate';
import { refKey } from '../compute';
import { writeNumber } from '../edits';
import type { Related } from '../finding';
import { msg } from '../l10n';
import { cellRange } from '../read/cell';
import type { Report } from '../report';
import { defineRule, placeIn, type RuleContext, type RuleFinding } from './rule';

/** Keys of the summary's totals that its own parts make up, every part's sum known. */
function derivedTotals({ computed }: RuleContext, known: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const t of computed.totals) {
    if (t.expected === null || t.partsLeftOut) continue;
    if (t.relation.parts.every((p) => known.has(refKey(p)))) out.add(refKey(t.relation.target));
  }
  return out;
}

function related(cell: SumCell): Related[] {
  return cell.parts.flatMap((p) => {
    if (!p.cell || p.value === null) return [];
    const [start, end] = cellRange(p.report.text, p.cell);
    const who = p.report.report.organisation ?? p.report.file;
    return [{ start, end, message: msg('part {who}: {value}', { who, value: p.value }), other: placeIn(p.report) }];
  });
}

/** Where a finding about the summary as a whole goes: its title, else its start. */
export function titleSpan(report: Report): { start: number; end: number } {
  return report.title ? { start: report.title.start, end: report.title.end } : { start: 0, end: 0 };
}

const rule = defineRule({
  code: 'aggregate-mismatch',
  defaultSeverity: 'error',
  description: { zh: '汇总报告的单元格与各下级单位报告之和不符', en: 'A cell of a summary report differs from the sum of its parts’ reports' },
  check(ctx) {
    const children = ctx.others.children;
    if (!children || children.reports.length === 0) return [];
    const { report } = ctx;
    const sums = aggregate(children.reports, report);
    if (!sums.ok) return [{ ...titleSpan(report), severity: 'warning', message: msg('The summary cannot be checked against its parts: {problem}', { problem: sums.problem }) }];
    const missing = children.missing.length;
    const known = new Set(sums.cells.filter((c) => c.sum !== null).map((c) => sumKey(c.ref)));
    const derived = derivedTotals(ctx, known);
    const out: RuleFinding[] = [];
    for (const c of sums.cells) {
      if (c.sum === null || derived.has(sumKey(c.ref))) continue;
      const mine = valueAt(ctx, c.ref, c.kind);
      if (!mine.cell || mine.value === null || mine.value === c.sum) continue;
      const [start, end] = cellRange(report.text, mine.cell);
      const args = { cell: describeCell(report.format, c.ref), sum: c.sum, n: c.parts.length, actual: mine.value, missing };
      const edit = writeNumber(report.text, mine.cell, c.sum);
      out.push({
        start,
        end,
        severity: missing ? 'warning' : undefined,
        message: missing
          ? msg('{cell} is {actual}, but the {n} parts found sum to {sum} ({missing} named in children not found: the sum is incomplete).', args)
          : msg('{cell} should be {sum}, the sum of its {n} parts, but it is {actual}.', args),
        expected: c.sum,
        actual: mine.value,
        cell: c.name,
        fix: edit ? { kind: 'aggregate', title: msg('Write the sum of the parts, {sum}', { sum: c.sum }), edits: [edit] } : undefined,
        related: related(c),
      });
    }
    return out;
  },
});
export default rule;
