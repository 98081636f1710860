import { writeNumber } from '../edits';
import type { Edit, Related } from '../finding';
import { msg, type Message } from '../l10n';
import type { Cell } from '../read/cell';
import { cellsToFill } from '../upgrade';
import { defineRule, type RuleFinding } from './rule';

const isBlank = (c: Cell | undefined): c is Cell => !!c && (c.value.kind === 'blank' || c.value.kind === 'dash');

interface Row {
  label: string;
  anchor: Cell;
  values: (Cell | undefined)[];
}

interface Table {
  title: string;
  rows: Row[];
}

/**
 * One finding per table (design.md): a draft that leaves every 0 blank gets a note for each of its
 * tables, not one for each row, so the errors stay in sight. The note sits on the first row with blank
 * cells, names every such row with its count (message and related information), and its fix fills them all.
 */
const rule = defineRule({
  code: 'blank-cell',
  defaultSeverity: 'information',
  description: { zh: '表格中应填0的单元格为空白（每张表一条，列出各行）', en: 'Blank cells where the format wants 0 (one finding per table, listing its rows)' },
  check({ report, computed }) {
    const tables: Table[] = [];
    const { format } = report;
    for (const t of format.article20) {
      const rows = report.article20.filter((r) => r.tableId === t.id).map((r) => ({ label: r.labelCell.text, anchor: r.labelCell, values: r.values }));
      tables.push({ title: t.title, rows });
    }
    const defs = new Map(format.applications.rows.map((r) => [r.id, r.label]));
    const apps = [...(report.applications?.rows.values() ?? [])].map((r) => ({ label: defs.get(r.id) ?? r.labelCell.text, anchor: r.labelCell, values: r.values }));
    tables.push({ title: format.applications.title, rows: apps });
    const review = report.review;
    const firstReview = review?.values.find((c) => c);
    if (review && firstReview) tables.push({ title: format.review.title, rows: [{ label: format.review.title, anchor: firstReview, values: review.values }] });

    const out: RuleFinding[] = [];
    // a 2021 column no 2019 column fills wants its figure, not 0: upgrade-fill asks for it
    const toFill = new Set(cellsToFill(report).map((f) => f.cell));
    for (const table of tables) {
      const edits: Edit[] = [];
      const related: Related[] = [];
      const named: Message[] = [];
      let cells = 0;
      let first: Row | undefined;
      for (const row of table.rows) {
        // a blank total that a total fix writes does not want 0: total-mismatch says what it should be
        const blanks = row.values.filter((c): c is Cell => isBlank(c) && !computed.fixedCells.has(c) && !toFill.has(c));
        if (blanks.length === 0) continue;
        first ??= row;
        cells += blanks.length;
        const fullWidth = row.values.some((c) => c?.value.kind === 'number' && c.value.fullWidth);
        for (const c of blanks) {
          const e = writeNumber(report.text, c, 0, fullWidth);
          if (e) edits.push(e);
        }
        const line = row.anchor.line;
        related.push({ start: report.index.starts[line], end: report.index.lineEnd(line), message: msg('Row “{row}”: {n} blank cells', { row: row.label, n: blanks.length }) });
        named.push(msg('“{row}” ({n})', { row: row.label, n: blanks.length }));
      }
      if (!first) continue;
      const line = first.anchor.line;
      out.push({
        start: report.index.starts[line],
        end: report.index.lineEnd(line),
        message: msg('Table “{table}” has {n} blank cells where the format wants 0, in {k} rows: {rows}.', { table: table.title, n: cells, k: related.length, rows: named }),
        related,
        fix: edits.length ? { kind: 'blanks', title: msg('Fill the blank cells of this table with 0'), edits } : undefined,
      });
    }
    return out;
  },
});
export default rule;
