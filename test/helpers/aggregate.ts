/** The aggregation fixture (test/fixtures/aggregate/, SOURCES.md): its files, its hand sums, and a report's cells to compare with them. */
import { otherReport } from '../../server/src/core/aggregate';
import { analyze } from '../../server/src/core/check';
import { tablesOf } from '../../server/src/core/model';
import type { OtherReport } from '../../server/src/core/rules/rule';
import { at, read } from './repo';

export const DIR = 'test/fixtures/aggregate';
export const BUREAUS = ['各局/交通运输局.txt', '各局/自然资源局.txt', '各局/市场监督管理局.md'];
export const SUMMARY = `${DIR}/东山县汇总.txt`;

/** The hand sums (SOURCES.md, sums.json): table id → row id → cells. */
export const SUMS: Record<string, Record<string, number[]>> = (() => {
  const { '//': _note, ...sums } = JSON.parse(read(`${DIR}/sums.json`));
  return sums;
})();

/** A bureau's report as a part of the summary, named by its absolute path. */
export const part = (f: string): OtherReport => otherReport(at(DIR, f), analyze(read(`${DIR}/${f}`)).report);
export const parts = () => BUREAUS.map(part);

/** Every cell of a report's tables: table id → row id → the numbers (a blank, a word or a missing cell is null). */
export function cellsOf(text: string): Record<string, Record<string, (number | null)[]>> {
  const out: Record<string, Record<string, (number | null)[]>> = {};
  for (const t of tablesOf(analyze(text).report)) {
    out[t.id] = Object.fromEntries(t.rows.map((r) => [r.id, r.cells.map((c) => (c.value.kind === 'number' ? c.value.value : null))]));
  }
  return out;
}
