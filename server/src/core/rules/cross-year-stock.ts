/**
 * The 第二十条 counts that roll forward from last year's report of the same body (formats/ lists them:
 * 2021 现行有效件数 = last year's + 本年制发件数 − 本年废止件数; 2019 对外公开总数量 = last year's +
 * 本年新公开数量, 上一年项目数量 = last year's + last year's 本年增/减). Only between reports of the same
 * format: across 2020 → 2021 the columns mean different things. A warning: a body may recount its stock.
 */
import { countValue } from '../compute';
import type { CellKind, StockRelation } from '../formats/types';
import { msg, type Message } from '../l10n';
import { lastYearOf } from '../pair';
import { cellRange, type Cell } from '../read/cell';
import type { Article20Row, Report } from '../report';
import type { OtherReport } from './rule';
import { defineRule, placeIn, type RuleFinding } from './rule';

/** A cell's value in a sum: a count as compute.ts counts it; a 本年增/减 may be negative. */
function amountOf(cell: Cell | undefined, kind: CellKind): number | null {
  const v = cell?.value;
  if (kind !== 'delta' || v?.kind !== 'number') return countValue(cell);
  return v.integer && v.exact ? v.value : null;
}

const cellOf = (row: Article20Row, column: string) => {
  const i = row.columns.findIndex((c) => c.id === column);
  return i < 0 ? undefined : { cell: row.values[i], def: row.columns[i] };
};

const rowOf = (report: Report, table: string, row: string) => report.article20.find((r) => r.tableId === table && r.id === row);

function check(report: Report, prev: OtherReport, rel: StockRelation, rowId: string): RuleFinding | null {
  const cur = rowOf(report, rel.table, rowId);
  const old = rowOf(prev.report, rel.table, rowId);
  if (!cur || !old) return null;
  const target = cellOf(cur, rel.column);
  const from = cellOf(old, rel.from);
  if (!target?.cell || !from?.cell) return null;
  const written = amountOf(target.cell, target.def.kind);
  let expected = amountOf(from.cell, from.def.kind);
  if (written === null || expected === null) return null;
  const fromValue = expected;
  let terms: Message = msg('last year’s {label} {value}', { label: from.def.label, value: fromValue });
  const related: NonNullable<RuleFinding['related']> = [];
  const place = (r: OtherReport | null, cell: Cell, message: Message) => {
    const [s, e] = cellRange(r ? r.text : report.text, cell);
    related.push(r ? { start: s, end: e, message, other: placeIn(r) } : { start: s, end: e, message });
  };
  place(prev, from.cell, msg('last year’s {label}: {value}', { label: from.def.label, value: fromValue }));
  for (const t of rel.terms) {
    const term = cellOf(t.of === 'this' ? cur : old, t.column);
    const value = term?.cell ? amountOf(term.cell, term.def.kind) : null;
    if (!term?.cell || value === null) return null;
    expected += t.sign * value;
    const sign = t.sign > 0 ? '+' : '−';
    terms =
      t.of === 'this'
        ? msg('{before} {sign} {label} {value}', { before: terms, sign, label: term.def.label, value })
        : msg('{before} {sign} last year’s {label} {value}', { before: terms, sign, label: term.def.label, value });
    place(t.of === 'this' ? null : prev, term.cell, t.of === 'this' ? msg('{label}: {value}', { label: term.def.label, value }) : msg('last year’s {label}: {value}', { label: term.def.label, value }));
  }
  if (!Number.isSafeInteger(expected) || expected === written) return null;
  const rowDef = report.format.article20.find((t) => t.id === rel.table)?.rows.find((r) => r.id === rowId);
  const [start, end] = cellRange(report.text, target.cell);
  return {
    start,
    end,
    message: msg('{row}: {column} should be {expected} ({terms}), but it is {actual}.', {
      row: rowDef?.label ?? cur.labelCell.text,
      column: target.def.label,
      expected,
      terms,
      actual: written,
    }),
    expected,
    actual: written,
    cell: { table: rel.table, row: rowId, column: rel.column },
    related,
  };
}

const rule = defineRule({
  code: 'cross-year-stock',
  defaultSeverity: 'warning',
  description: { zh: '第二十条逐年累计的件数与上一年度报告及本年增减不衔接', en: 'A 第二十条 count that rolls forward does not follow from last year’s report and this year’s changes' },
  check({ report, others }) {
    const prev = lastYearOf(report, others.previous);
    if (!prev || prev.report.format.version !== report.format.version) return [];
    const out: RuleFinding[] = [];
    for (const rel of report.format.stock) {
      const table = report.format.article20.find((t) => t.id === rel.table);
      for (const row of rel.rows ?? table?.rows.map((r) => r.id) ?? []) {
        const f = check(report, prev, rel, row);
        if (f) out.push(f);
      }
    }
    return out;
  },
});
export default rule;
