/**
 * How findings, the hover and the outline name the format's cells and totals, in words: one place,
 * asked of the format, for the rules (total-mismatch) and the LSP layer (the hover) alike.
 */
import type { PartValue, TotalCheck } from './compute';
import { REVIEW_CELL_DEFS } from './formats';
import { msg, type Message } from './l10n';
import type { Report } from './report';

export function rowLabel(report: Report, id: string): string {
  return report.format.applications.rows.find((r) => r.id === id)?.label ?? id;
}

export function colLabel(report: Report, id: string): string {
  const c = report.format.applications.columns.find((x) => x.id === id);
  return c?.short ?? c?.label ?? id;
}

/** The label of the 总计 column of the table of applications. */
const totalLabel = (report: Report) => {
  const columns = report.format.applications.columns;
  return columns[columns.length - 1].label;
};

/** What a total is made of, in words (the message, the hover). */
export function describeTotal(report: Report, t: TotalCheck): Message {
  const target = t.relation.target;
  if (target.table === 'review') {
    const cell = REVIEW_CELL_DEFS[target.col];
    const parts = t.relation.parts.map((p) => (p.table === 'review' ? REVIEW_CELL_DEFS[p.col].column : '')).join(' + ');
    return msg('the {total} of {group} ({parts})', { total: cell.column, group: cell.group.label, parts });
  }
  const total = totalLabel(report);
  if (t.relation.kind === 'row-total') {
    return msg('the {total} of row “{row}” (the sum of its {n} applicant columns)', { total, row: rowLabel(report, target.row), n: t.relation.parts.length });
  }
  if (target.col === 'total') return msg('the {total} of row “{row}” (the sum of the {total} of its rows)', { total, row: rowLabel(report, target.row) });
  return msg('column “{col}” of row “{row}” (the sum of that column over its rows)', { row: rowLabel(report, target.row), col: colLabel(report, target.col) });
}

/** The written value of a total, or “blank”. */
export function writtenText(t: TotalCheck): Message | number {
  return t.cell && (t.cell.value.kind === 'blank' || t.cell.value.kind === 'dash') ? msg('blank') : (t.written as number);
}

/** The name of a part of a total: its column (row totals, 复议/诉讼 groups) or its row (column totals). */
export function partLabel(report: Report, t: TotalCheck, p: PartValue): string {
  const ref = p.ref;
  if (ref.table === 'review') return REVIEW_CELL_DEFS[ref.col].column;
  return t.relation.kind === 'row-total' ? colLabel(report, ref.col) : rowLabel(report, ref.row);
}
