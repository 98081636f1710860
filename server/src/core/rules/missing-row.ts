import type { TableKind } from '../formats';
import { msg, type Message } from '../l10n';
import { tableLike } from '../read';
import { type BoundRow, type Report, tableSection } from '../report';
import { defineRule, type RuleFinding } from './rule';

/** Zero-width position at the end of the line a row ends on: where a missing row goes. */
function after(report: Report, row: BoundRow): number {
  return report.index.lineEnd(row.lastLine);
}

const rule = defineRule({
  code: 'missing-row',
  defaultSeverity: 'error',
  needsWholeText: true,
  description: { zh: '表格缺少格式规定的行', en: 'A row of the format’s table is absent' },
  check({ report }) {
    const out: RuleFinding[] = [];
    const { format } = report;
    const absentTable = (table: TableKind, name: Message) => {
      const h = tableSection(report, table);
      // a section with something table-like in it has a table that could not be read: unreadable-row's
      if (h && !tableLike(report.text, h.contentStart, h.contentEnd)) out.push({ start: h.end, end: h.end, message: msg('No {table} was found in this section.', { table: name }) });
    };

    const apps = report.applications;
    if (!apps) absentTable('applications', format.applications.name);
    else {
      let prev: BoundRow | undefined;
      for (const def of format.applications.rows) {
        const row = apps.rows.get(def.id);
        if (row) prev = row;
        else if (!def.optional) {
          const at = prev ? after(report, prev) : apps.start;
          out.push({ start: at, end: at, message: msg('Row “{label}” of {table} is missing.', { label: def.label, table: format.applications.name }) });
        }
      }
    }

    if (report.article20.length === 0) absentTable('article20', format.article20Name);
    else {
      const bound = new Set(report.article20.map((r) => r.id));
      let prev: BoundRow | undefined;
      for (const t of format.article20) {
        for (const def of t.rows) {
          const row = report.article20.find((r) => r.id === def.id);
          if (row) prev = row;
          else if (!bound.has(def.id)) {
            const at = prev ? after(report, prev) : report.article20[0].labelCell.start;
            out.push({ start: at, end: at, message: msg('Row “{label}” of {table} is missing.', { label: def.label, table: t.title }) });
          }
        }
      }
    }

    if (!report.review) absentTable('review', format.review.name);
    else {
      const n = report.review.values.filter((c) => c).length;
      const cells = format.review.cells;
      // a row the text does not determine is unreadable-row's, not a missing cell
      if (n < cells && report.review.reading.certain) out.push({ start: report.review.start, end: report.review.end, message: msg('The {table} has {n} of its {cells} cells.', { table: format.review.name, n, cells }) });
    }
    return out;
  },
});
export default rule;
