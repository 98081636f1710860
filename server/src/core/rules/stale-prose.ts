/**
 * Prose that still describes last year (issue 13, item 2): a sentence of this report that states
 * figures (`…2645条`, `…70件申请`) and stands word for word, years aside, in last year's report of
 * the same body (ctx.others.previous) — a draft started from last year's (`nianbao new`) keeps last
 * year's prose until the clerk rewrites it. Consecutive such sentences are one finding. A sentence
 * holding a year year-mismatch reports is left to it. Boilerplate without figures (the 条例's
 * preamble, the list of the six parts) is the same every year and is not reported. Without last
 * year's report the rule finds nothing: the text alone cannot tell this year's figures from last year's.
 */
import { STALE_PROSE } from '../formats';
import { msg } from '../l10n';
import { lastYearOf } from '../pair';
import type { Report, Span } from '../report';
import { asciiDigits } from '../text';
import { defineRule, placeIn, type RuleFinding } from './rule';

/** A sentence ends at 。！？； or a line break; only those ending in a sentence mark are prose. */
const SENTENCE = /[^。！？；!?;\n]+[。！？；!?;]/g;
/** Years, masked when sentences are compared (a year moved to this year is still last year's sentence). */
const YEAR = /(?:19|20)\d\d/g;
const SPACE = /[\s\u3000\u00a0]+/g;

interface Sentence extends Span {
  key: string;
}

/** The prose sentences of a report that state figures, each with its comparison key. */
function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  SENTENCE.lastIndex = 0;
  for (let m = SENTENCE.exec(text); m; m = SENTENCE.exec(text)) {
    const lead = m[0].length - m[0].trimStart().length;
    const s = m[0].slice(lead);
    const ascii = asciiDigits(s);
    if (s.length < STALE_PROSE.minLength || !STALE_PROSE.figure.test(ascii)) continue;
    out.push({ start: m.index + lead, end: m.index + m[0].length, key: ascii.normalize('NFKC').replace(SPACE, '').replace(YEAR, 'Y') });
  }
  return out;
}

/** Where year-mismatch reports a year: those sentences are its. */
function wrongYears(report: Report): Span[] {
  const y = report.reportYear;
  const refs: (Span & { year: number })[] = [...report.yearStatements];
  if (report.titleYear) refs.push(report.titleYear);
  if (report.period) refs.push(report.period.from, report.period.to);
  return refs.filter((r) => r.year !== y);
}

const rule = defineRule({
  code: 'stale-prose',
  defaultSeverity: 'information',
  description: { zh: '正文段落与上一年度报告相同，仍在描述上一年度', en: 'Prose copied unchanged from last year’s report still describes last year' },
  check({ report, others }) {
    const prev = lastYearOf(report, others.previous);
    const year = report.reportYear;
    if (!prev || year === null) return [];
    const lastYear = prev.report.reportYear ?? year - 1;
    const before = new Map<string, Sentence>();
    for (const s of sentences(prev.text)) if (!before.has(s.key)) before.set(s.key, s);
    const wrong = wrongYears(report);
    const out: RuleFinding[] = [];
    let run: { first: Sentence; last: Sentence; was: Sentence; n: number } | null = null;
    const flush = () => {
      if (!run) return;
      const [s, e] = [run.was.start, run.was.end];
      out.push({
        start: run.first.start,
        end: run.last.end,
        message: msg('This passage still describes {lastYear}: {n} of its sentences stand as they are in the {lastYear} report. Rewrite them for {year}.', { lastYear, n: run.n, year }),
        related: [{ start: s, end: e, message: msg('the same sentence in the {lastYear} report', { lastYear }), other: placeIn(prev) }],
      });
      run = null;
    };
    for (const s of sentences(report.text)) {
      const was = before.get(s.key);
      if (!was || wrong.some((w) => w.start >= s.start && w.start < s.end)) {
        flush();
        continue;
      }
      // a passage does not run over a section heading
      if (run && report.sections.some((h) => h.start >= run!.last.end && h.start < s.start)) flush();
      if (run) {
        run.last = s;
        run.n++;
      } else run = { first: s, last: s, was, n: 1 };
    }
    flush();
    return out;
  },
});
export default rule;
