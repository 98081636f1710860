/**
 * A row found by its label whose values cannot be placed in its columns (design.md, "read"): it says
 * what was seen and why it cannot be read, so that no wrong total is claimed from a guess. The rules that
 * add up cells see such a row's cells as unknown.
 */
import type { TableKind } from '../formats';
import { msg, type Message } from '../l10n';
import { APPLICATIONS_TABLE, REVIEW_ROW, REVIEW_TABLE } from '../model';
import type { Problem } from '../read/fit';
import { tableLike, type Cell, type RowReading } from '../read';
import { type Report, tableSection } from '../report';
import { defineRule, type RuleFinding } from './rule';

const WHY: Record<Problem, string> = {
  few: 'the text shows {k} values ({values}) for its {n} columns, and nothing shows which columns its blank cells are in (a PDF or web copy drops blank cells)',
  many: 'the text shows {k} values ({values}) where the row has {n} columns',
  glued: 'its digits run together ({values}) and the table’s sums do not split them into {n} cells one way only',
  columns: 'its values ({values}) do not line up with the columns of the table',
  ambiguous: 'its blank cells could stand on either side of its values ({values})',
  shifted: 'read as the text places them, its values ({values}) break the row’s sums, which hold if the values stood in other columns: the columns were probably shifted when the text was copied',
};

const MIXED = 'the text shows {k} values ({values}) with other text among them, in more cells than its {n} columns (header words or another row’s cells read in between)';

const SHAPES = 'Rows are read with their cells separated by TABs, `|` or `│`, by runs of spaces in aligned columns, one cell a line, or one cell a paragraph; retype the row with a TAB between its cells.';

function seenText(seen: Cell[]): string {
  return seen.length ? seen.map((c) => c.text).join(' ') : '—';
}

interface ReadRow {
  table: string;
  row: string;
  label: string;
  at: Cell;
  n: number;
  reading: RowReading;
}

function rowsOf(report: Report): ReadRow[] {
  const out: ReadRow[] = [];
  const { format } = report;
  for (const r of report.applications?.rows.values() ?? []) {
    const def = format.applications.rows.find((d) => d.id === r.id);
    out.push({ table: APPLICATIONS_TABLE, row: r.id, label: def?.label ?? r.labelCell.text, at: r.labelCell, n: format.applications.columns.length, reading: r.reading });
  }
  for (const r of report.article20) {
    const def = r.table.rows.find((d) => d.id === r.id);
    out.push({ table: r.tableId, row: r.id, label: `${r.table.title}·${def?.label ?? r.labelCell.text}`, at: r.labelCell, n: r.columns.length, reading: r.reading });
  }
  const review = report.review;
  if (review) out.push({ table: REVIEW_TABLE, row: REVIEW_ROW, label: format.review.title, at: review.labelCell, n: format.review.cells, reading: review.reading });
  return out;
}

const rule = defineRule({
  code: 'unreadable-row',
  defaultSeverity: 'warning',
  description: { zh: '找到了行标签，但无法确定各数值所在的列（说明看到了什么）', en: 'A row found by its label whose values cannot be placed in its columns' },
  check({ report }) {
    const out: RuleFinding[] = [];
    for (const r of rowsOf(report)) {
      const { reading } = r;
      if (reading.certain && reading.dropped.length) {
        // read with certainty, with something beside its cells left out: said, as information
        const last = reading.dropped[reading.dropped.length - 1];
        out.push({
          start: r.at.start,
          end: r.at.line === last.line ? Math.max(r.at.end, last.end) : r.at.end,
          severity: 'information',
          message: reading.dropped.every((c) => c.value.kind === 'blank')
            ? msg('Row “{row}” was read with its {n} values ({values}); {k} empty cells between them were left out (an extra TAB or a merged cell’s empty column).', {
                row: r.label,
                n: r.n,
                values: seenText(reading.seen),
                k: reading.dropped.length,
              })
            : msg('Row “{row}” was read with its {n} values ({values}); the numbers after it ({left}), on lines of their own before the next row, were left out: check whether they belong to a row whose label is missing.', {
                row: r.label,
                n: r.n,
                values: seenText(reading.seen),
                left: seenText(reading.dropped),
              }),
          cell: { table: r.table, row: r.row },
        });
        continue;
      }
      if (reading.certain || !reading.problem) continue;
      // on the row: from its label to the last value seen on the label's line
      const lineEnd = report.index.lineEnd(r.at.line);
      const end = Math.max(r.at.end, ...reading.seen.filter((c) => c.end <= lineEnd && c.start >= r.at.start).map((c) => c.end));
      // more cells than columns, not all of them values: words stand among the values (a PDF's header words, read in between)
      const mixed = reading.problem === 'many' && reading.seen.length <= r.n;
      const why: Message = msg(mixed ? MIXED : WHY[reading.problem], { k: reading.seen.length, n: r.n, values: seenText(reading.seen) });
      out.push({
        start: r.at.start,
        end,
        message: msg('Row “{row}” cannot be read: {why}. {shapes}', { row: r.label, why, shapes: msg(SHAPES) }),
        cell: { table: r.table, row: r.row },
      });
    }
    // a section whose table was not found, though something table-like is there: one finding for the table
    const { format } = report;
    const tables: [TableKind, boolean, Message][] = [
      ['article20', report.article20.length > 0, format.article20Name],
      ['applications', !!report.applications, format.applications.name],
      ['review', !!report.review, format.review.name],
    ];
    for (const [table, found, what] of tables) {
      const h = tableSection(report, table);
      if (found || !h) continue;
      const seen = tableLike(report.text, h.contentStart, h.contentEnd);
      if (!seen) continue;
      const line = report.index.lineOf(seen.at);
      out.push({
        start: report.index.starts[line],
        end: report.index.lineEnd(line),
        message:
          'placeholder' in seen
            ? msg('The {table} cannot be read: the text holds “{placeholder}” in its place (the tool that made the text left the table out). Copy the table from the original file.', { table: what, placeholder: seen.placeholder })
            : msg('The {table} cannot be read: the section holds {n} numbers ({first} …), but no row of the table was found by its label. {shapes}', { table: what, n: seen.numbers.length, first: seen.numbers.slice(0, 8).join(' '), shapes: msg(SHAPES) }),
      });
    }
    return out;
  },
});
export default rule;
