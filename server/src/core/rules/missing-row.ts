import { msg } from '../l10n';
import { tableLike } from '../read';
import type { BoundRow, Report } from '../report';
import type { Rule, RuleFinding } from './rule';

/** Zero-width position at the end of the line a row ends on: where a missing row goes. */
function after(report: Report, row: BoundRow): number {
  return report.index.lineEnd(row.lastLine);
}

function sectionHeading(report: Report, k: number) {
  return report.sections.find((h) => h.index === k);
}

const rule: Rule = {
  code: 'missing-row',
  defaultSeverity: 'error',
  needsWholeText: true,
  description: { zh: '表格缺少格式规定的行', en: 'A row of the format’s table is absent' },
  check({ report }) {
    const out: RuleFinding[] = [];
    const { format } = report;
    const absentTable = (k: number, what: string) => {
      const h = sectionHeading(report, k);
      // a section with something table-like in it has a table that could not be read: unreadable-row's
      if (h && !tableLike(report.text, h.contentStart, h.contentEnd)) out.push({ start: h.end, end: h.end, message: msg('No {table} was found in this section.', { table: msg(what) }) });
    };

    const apps = report.applications;
    if (!apps) absentTable(2, 'table of applications (收到和处理政府信息公开申请情况)');
    else {
      let prev: BoundRow | undefined;
      for (const def of format.applications.rows) {
        const row = apps.rows.get(def.id);
        if (row) prev = row;
        else if (!def.optional) {
          const at = prev ? after(report, prev) : apps.start;
          out.push({ start: at, end: at, message: msg('Row “{label}” of the table of applications is missing.', { label: def.label }) });
        }
      }
    }

    if (report.article20.length === 0) absentTable(1, '第二十条 table');
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

    if (!report.review) absentTable(3, 'table of 行政复议 and 行政诉讼');
    else {
      const n = report.review.values.filter((c) => c).length;
      // a row the text does not determine is unreadable-row's, not a missing cell
      if (n < 15 && report.review.reading.certain) out.push({ start: report.review.start, end: report.review.end, message: msg('The table of 行政复议 and 行政诉讼 has {n} of its 15 cells.', { n }) });
    }
    return out;
  },
};
export default rule;
