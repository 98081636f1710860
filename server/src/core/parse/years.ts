/** Statements of the report year in the body (design.md, "Years") and the year most sources agree on. */
import { SECTIONS } from '../formats';
import type { Report, Span, YearRef } from '../report';
import { asciiDigits, type LineIndex } from '../text';

const PLAN = /(?<!现)将|计划|拟|下一步|明年|下一年|预计|力争|争取|打算|展望/;
const SENTENCE_START_YEAR = /^(\d{4})\s*年(?!\s*\d)(?!\s*(?:修订|修正|印发|出台|颁布|发布|公布))/;
const ANYWHERE_YEAR = [/截至\s*(\d{4})\s*年\s*(?:12\s*月\s*31\s*日|底|末)/g, /(?:在|于)\s*(\d{4})\s*年度/g, /(\d{4})\s*年度?政府信息(?:与政务)?公开(?:工作)?(?:年度)?报告/g];
const ENUMERATOR = /^(?:[\s\u3000\u00a0]|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+是|\d+[.、．]|[一二三四五六]、)*/;

/** `\d{4}\s*年` on a line before asciiDigits (which maps each full-width digit to one ASCII digit). */
const YEAR_ON_LINE = /[0-9\uff10-\uff19]{4}\s*年/;
/** The same, searched through the text: only the lines where a match starts are looked at. */
const YEAR_IN_TEXT = new RegExp(YEAR_ON_LINE.source, 'g');
const FOUR_DIGITS = /\d{4}/;
const SENTENCE_END = new Set([...'。；！？!?;'].map((c) => c.charCodeAt(0)));
const HEADING_AT_START = /^[\s\u3000]*[一二三四五六]\s*、/;

/** A wrapped line's previous line: at least this long, and ending in no sentence end or colon. */
const WRAP_WIDTH = 30;
const CLAUSE_END = /[。；！？!?;：:]\s*$/;

function continues(text: string, index: LineIndex, li: number): boolean {
  if (li === 0) return false;
  const prev = text.slice(index.starts[li - 1], index.lineEnd(li - 1)).trim();
  return prev.length >= WRAP_WIDTH && !CLAUSE_END.test(prev);
}

/** Statements of the report year in the body (design.md, "Years"); plans and other events are not. */
export function findBodyYears(text: string, index: LineIndex, from: number, skip: Span | null): YearRef[] {
  const out: YearRef[] = [];
  const seen = new Set<number>();
  const push = (year: number, start: number) => {
    if (seen.has(start) || (skip && start >= skip.start && start < skip.end)) return;
    seen.add(start);
    out.push({ year, start, end: start + 4, source: 'body' });
  };
  // a scan, not a string per line: from where the next match starts, its line (a match whose `\s*` runs over a line
  // break starts on a line the line's own test then refuses; the search goes on from the next line)
  YEAR_IN_TEXT.lastIndex = index.starts[index.lineOf(Math.min(from, text.length))];
  for (let m = YEAR_IN_TEXT.exec(text); m; m = YEAR_IN_TEXT.exec(text)) {
    const li = index.lineOf(m.index);
    const ls = index.starts[li];
    const le = index.lineEnd(li);
    if (li + 1 >= index.lineCount) YEAR_IN_TEXT.lastIndex = text.length;
    else YEAR_IN_TEXT.lastIndex = index.starts[li + 1];
    if (le <= from) continue;
    const raw = text.slice(ls, le);
    if (!YEAR_ON_LINE.test(raw)) continue;
    const line = asciiDigits(raw);
    // a line that goes on from a long one with no sentence end (text wrapped at a width: w3m, lynx, pdftotext)
    // does not start a sentence
    const wrapped = continues(text, index, li);
    // sentences end at 。；！？
    let sStart = 0;
    for (let i = 0; i <= line.length; i++) {
      if (i < line.length && !SENTENCE_END.has(line.charCodeAt(i))) continue;
      const sentence = line.slice(sStart, i);
      const base = ls + sStart;
      sStart = i + 1;
      if (!FOUR_DIGITS.test(sentence) || PLAN.test(sentence)) continue;
      let body = sentence;
      let lead = 0;
      // a heading on the same line (flattened text) ends where the sentence begins
      const heading = HEADING_AT_START.exec(body);
      if (heading) {
        const k = SECTIONS.findIndex((sec) => sec.pattern.test(body.slice(heading[0].length)));
        if (k >= 0) {
          const mm = SECTIONS[k].pattern.exec(body.slice(heading[0].length))!;
          lead = heading[0].length + mm[0].length;
        }
      }
      body = sentence.slice(lead);
      const en = ENUMERATOR.exec(body)![0].length;
      const m = base === ls && wrapped ? null : SENTENCE_START_YEAR.exec(body.slice(en));
      if (m) push(+m[1], base + lead + en);
      for (const re of ANYWHERE_YEAR) {
        re.lastIndex = 0;
        for (let mm = re.exec(sentence); mm; mm = re.exec(sentence)) push(+mm[1], base + mm.index + mm[0].indexOf(mm[1]));
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The year most of title, 统计期限 and body statements agree on; the 统计期限 breaks a tie, then the title. */
export function voteYear(titleYear: YearRef | null, period: Report['period'], statements: YearRef[]): number | null {
  const counts = new Map<number, number>();
  const vote = (y: number) => counts.set(y, (counts.get(y) ?? 0) + 1);
  if (titleYear) vote(titleYear.year);
  if (period) vote(period.from.year);
  for (const y of statements) vote(y.year);
  if (counts.size === 0) return null;
  const max = Math.max(...counts.values());
  const tied = [...counts.keys()].filter((y) => counts.get(y) === max);
  if (tied.length === 1) return tied[0];
  if (period && tied.includes(period.from.year)) return period.from.year;
  if (titleYear && tied.includes(titleYear.year)) return titleYear.year;
  return Math.max(...tied);
}
