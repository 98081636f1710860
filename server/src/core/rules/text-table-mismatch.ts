/**
 * Numbers in the prose against the tables (design.md, "Prose against tables"), and a prose total
 * against its listed parts (`主动公开政府信息1350条。其中…19条…1329条…2条`).
 */
import type { Computed } from '../compute';
import type { CellRef } from '../formats/types';
import { msg, type Message } from '../l10n';
import { cellName } from '../model';
import type { Report } from '../report';
import { asciiDigits } from '../text';
import type { Rule, RuleFinding } from './rule';

const app = (row: string): CellRef => ({ table: 'applications', row, col: 'total' });
const review = (col: number): CellRef => ({ table: 'review', col });

interface Pattern {
  re: RegExp;
  /** A word every match holds: a line without it is not searched. */
  word: string;
  what: string;
  /** The table numbers the prose may equal (the first is the one reported). */
  accept: CellRef[][];
  needs: 'applications' | 'review';
}

const NUM = String.raw`(\d+)\s*`;
const PATTERNS: Pattern[] = [
  { re: new RegExp(String.raw`本年度?新收(?:到)?[^。；，,\d]{0,16}?` + NUM + '件', 'g'), word: '新收', what: '本年新收', accept: [[app('new')]], needs: 'applications' },
  { re: new RegExp(String.raw`上年度?结转[^。；，,\d]{0,16}?` + NUM + '件', 'g'), word: '结转', what: '上年结转', accept: [[app('carried')]], needs: 'applications' },
  {
    re: new RegExp(String.raw`收到[^。；\d]{0,16}?申请[^。；，,\d]{0,4}?` + NUM + '件|收到[^。；，,\\d]{0,8}?' + NUM + '件[^。；，,\\d]{0,8}?申请', 'g'),
    word: '收到',
    what: '收到申请',
    accept: [[app('new')], [app('new'), app('carried')]],
    needs: 'applications',
  },
  { re: new RegExp(String.raw`办结[^。；，,\d]{0,10}?` + NUM + '件', 'g'), word: '办结', what: '办结', accept: [[app('total')]], needs: 'applications' },
  {
    re: new RegExp(
      String.raw`结转(?:至)?下一?年度?(?:继续办理)?[^。；，,\d]{0,10}?` + NUM + '件|结转至\\s*\\d{4}\\s*年度?[^。；，,\\d]{0,10}?' + NUM + '件|' + NUM + '件[^。；，,\\d]{0,4}?结转(?:至)?下一?年度?',
      'g',
    ),
    word: '结转',
    what: '结转下年度',
    accept: [[app('carry_next')]],
    needs: 'applications',
  },
  { re: new RegExp(String.raw`行政复议(?:案件)?[^。；，,\d]{0,6}?` + NUM + '[件起]', 'g'), word: '行政复议', what: '行政复议', accept: [[review(4)]], needs: 'review' },
  { re: new RegExp(String.raw`(?:行政)?诉讼(?:案件)?[^。；，,\d]{0,6}?` + NUM + '[件起]', 'g'), word: '诉讼', what: '行政诉讼', accept: [[review(9), review(14)]], needs: 'review' },
];

const PROSE_TOTAL = /(?:公开|公布|发布)(?:的)?(?:各类)?(?:政府)?信息[^。；\d]{0,10}?(\d+)\s*条/g;
const PARTS_START = /^[。，,；;：:\s(（]{0,3}其中/;
const PART = /(\d+)\s*条/g;
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
  if (!line.includes('信息')) return out;
  PROSE_TOTAL.lastIndex = 0;
  for (let m = PROSE_TOTAL.exec(line); m; m = PROSE_TOTAL.exec(line)) {
    const after = line.slice(m.index + m[0].length);
    const start = PARTS_START.exec(after);
    if (!start) continue;
    const rest = after.slice(start[0].length);
    const stop = rest.search(/[。)）]/);
    const span = stop === -1 ? rest : rest.slice(0, stop);
    const parts = [...span.matchAll(PART)].map((p) => Number(p[1]));
    if (parts.length < 2) continue;
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

function against(report: Report, computed: Computed, line: string, base: number): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const p of PATTERNS) {
    if (!line.includes(p.word) || (p.needs === 'applications' ? !report.applications : !report.review)) continue;
    p.re.lastIndex = 0;
    for (let m = p.re.exec(line); m; m = p.re.exec(line)) {
      const g = m.slice(1).findIndex((x) => x !== undefined);
      const said = Number(m[g + 1]);
      const options = p.accept.map((refs) => sum(computed, refs));
      if (options.some((v) => v === null) || options.includes(said)) continue;
      const at = base + m.index + m[0].lastIndexOf(m[g + 1]);
      const table = options[0] as number;
      const message: Message =
        p.accept.length > 1
          ? msg('The prose says {what} {actual}, but the table gives {expected} (本年新收) or {alt} (本年新收 + 上年结转).', { what: p.what, actual: said, expected: table, alt: options[1] as number })
          : msg('The prose says {what} {actual}, but the table gives {expected}.', { what: p.what, actual: said, expected: table });
      out.push({ start: at, end: at + m[g + 1].length, message, expected: table, actual: said, cell: cellName(report.format, p.accept[0][0]) });
    }
  }
  return out;
}

const rule: Rule = {
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
};
export default rule;
