import { writeNumber } from '../edits';
import type { Edit } from '../finding';
import { msg } from '../l10n';
import type { Cell } from '../read/cell';
import { cellsToFill } from '../upgrade';
import { defineRule, type RuleFinding } from './rule';

const isBlank = (c: Cell | undefined): c is Cell => !!c && (c.value.kind === 'blank' || c.value.kind === 'dash');

const rule = defineRule({
  code: 'blank-cell',
  defaultSeverity: 'information',
  description: { zh: '表格中应填0的单元格为空白（每行一条）', en: 'Blank cells where the format wants 0 (one finding per row)' },
  check({ report, computed }) {
    const rows: { label: string; anchor: Cell; values: (Cell | undefined)[] }[] = [];
    const defs = new Map(report.format.applications.rows.map((r) => [r.id, r.label]));
    for (const r of report.applications?.rows.values() ?? []) rows.push({ label: defs.get(r.id) ?? r.labelCell.text, anchor: r.labelCell, values: r.values });
    for (const r of report.article20) rows.push({ label: r.labelCell.text, anchor: r.labelCell, values: r.values });
    const review = report.review;
    const firstReview = review?.values.find((c) => c);
    if (review && firstReview) rows.push({ label: report.format.review.title, anchor: firstReview, values: review.values });

    const out: RuleFinding[] = [];
    // a 2021 column no 2019 column fills wants its figure, not 0: upgrade-fill asks for it
    const toFill = new Set(cellsToFill(report).map((f) => f.cell));
    for (const row of rows) {
      // a blank total that a total fix writes does not want 0: total-mismatch says what it should be
      const blanks = row.values.filter((c): c is Cell => isBlank(c) && !computed.fixedCells.has(c) && !toFill.has(c));
      if (blanks.length === 0) continue;
      const fullWidth = row.values.some((c) => c?.value.kind === 'number' && c.value.fullWidth);
      const edits = blanks
        .map((c) => writeNumber(report.text, c, 0, fullWidth))
        .filter((e): e is Edit => !!e);
      const line = row.anchor.line;
      out.push({
        start: report.index.starts[line],
        end: report.index.lineEnd(line),
        message: msg('Row “{row}” has {n} blank cells where the format wants 0.', { row: row.label, n: blanks.length }),
        fix: edits.length ? { kind: 'blanks', title: msg('Fill the blank cells of this row with 0'), edits } : undefined,
      });
    }
    return out;
  },
});
export default rule;

