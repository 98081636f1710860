/**
 * Numbers in the prose against the tables (design.md, "Prose against tables"), and a prose total
 * against its listed parts (`主动公开政府信息1350条。其中…19条…1329条…2条`). The patterns are data
 * beside the formats (formats/prose.ts).
 */
import type { Computed } from '../compute';
import { PROSE_PATTERNS, PROSE_SUMS, type CellRef } from '../formats';
import { msg, type Message } from '../l10n';
import { cellName } from '../model';
import type { Report } from '../report';
import { asciiDigits } from '../text';
import { defineRule, type RuleFinding } from './rule';

/** Lines worth searching: a count word and a digit (ASCII or full-width, before asciiDigits). */
const COUNT_WORD = /[件起条]/;
const ANY_DIGIT = /[0-9\uff10-\uff19]/;

function sum(computed: Computed, refs: CellRef[]): number | null {
  let s = 0;
  for (const r of refs) {
    const v = computed.value(r);
    if (v === null) return null;
    s += v;
  }
  return s;
}

function proseSums(line: string, base: number): RuleFinding[] {
  const out: RuleFinding[] = [];
  if (!line.includes(PROSE_SUMS.word)) return out;
  const re = PROSE_SUMS.total;
  re.lastIndex = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const after = line.slice(m.index + m[0].length);
    const start = PROSE_SUMS.partsStart.exec(after);
    if (!start) continue;
    const rest = after.slice(start[0].length);
    const stop = rest.search(PROSE_SUMS.partsEnd);
    const span = stop === -1 ? rest : rest.slice(0, stop);
    const parts = [...span.matchAll(PROSE_SUMS.part)].map((p) => Number(p[1]));
    if (parts.length < PROSE_SUMS.minParts) continue;
    const total = Number(m[1]);
    const partsSum = parts.reduce((a, b) => a + b, 0);
    if (partsSum === total) continue;
    const at = base + m.index + m[0].lastIndexOf(m[1]);
    out.push({
      start: at,
      end: at + m[1].length,
      message: msg('The prose gives {actual} in all, but the parts it lists add up to {expected} ({parts}).', { actual: total, expected: partsSum, parts: parts.join(' + ') }),
      expected: partsSum,
      actual: total,
    });
  }
  return out;
}

/** The table a pattern's numbers come from is there. */
const hasTable = (report: Report, ref: CellRef) => (ref.table === 'applications' ? !!report.applications : !!report.review);

function against(report: Report, computed: Computed, line: string, base: number): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const p of PROSE_PATTERNS) {
    if (!line.includes(p.word) || !hasTable(report, p.accept[0].cells[0])) continue;
    p.re.lastIndex = 0;
    for (let m = p.re.exec(line); m; m = p.re.exec(line)) {
      const g = m.slice(1).findIndex((x) => x !== undefined);
      const said = Number(m[g + 1]);
      const options = p.accept.map((a) => sum(computed, a.cells));
      if (options.some((v) => v === null) || options.includes(said)) continue;
      const at = base + m.index + m[0].lastIndexOf(m[g + 1]);
      const table = options[0] as number;
      const message: Message =
        options.length > 1
          ? msg('The prose says {what} {actual}, but the table gives {expected} ({first}) or {alt} ({second}).', {
              what: p.what,
              actual: said,
              expected: table,
              first: p.accept[0].name,
              alt: options[1] as number,
              second: p.accept[1].name,
            })
          : msg('The prose says {what} {actual}, but the table gives {expected}.', { what: p.what, actual: said, expected: table });
      out.push({ start: at, end: at + m[g + 1].length, message, expected: table, actual: said, cell: cellName(report.format, p.accept[0].cells[0]) });
    }
  }
  return out;
}

const rule = defineRule({
  code: 'text-table-mismatch',
  defaultSeverity: 'warning',
  description: { zh: '正文中的数字与表格不一致', en: 'A number in the prose disagrees with the tables' },
  check({ report, computed }) {
    const out: RuleFinding[] = [];
    const { index } = report;
    for (let li = 0; li < index.lineCount; li++) {
      const ls = index.starts[li];
      const raw = report.text.slice(ls, index.lineEnd(li));
      if (!COUNT_WORD.test(raw) || !ANY_DIGIT.test(raw)) continue;
      const line = asciiDigits(raw);
      out.push(...against(report, computed, line, ls), ...proseSums(line, ls));
    }
    return out;
  },
});
export default rule;
