/**
 * The title, the 统计期限 and each statement of the report year against the report year (design.md,
 * "Years"). parse finds them and the year most of them agree on; this rule says which disagree:
 * one finding per place, so a 统计期限 copied from last year (both its dates) is one finding.
 */
import { msg } from '../l10n';
import type { Report, Span } from '../report';
import { toFullWidthDigits } from '../text';
import { defineRule, type RuleFinding } from './rule';

const WHERE = {
  title: 'The title says {year}, but the report year is {reportYear}.',
  period: 'The 统计期限 says {year}, but the report year is {reportYear}.',
  body: 'This statement of the report year says {year}, but the report year is {reportYear}.',
};

type Written = Span & { year: number };

/** One finding for the years of one place: on the first, the fix writes the report year into each. */
function finding(report: Report, where: keyof typeof WHERE, wrong: Written[], year: number): RuleFinding {
  const [first, ...rest] = wrong;
  const edits = wrong.map((y) => {
    const written = report.text.slice(y.start, y.end);
    return { start: y.start, end: y.end, newText: /[\uff10-\uff19]/.test(written) ? toFullWidthDigits(String(year)) : String(year) };
  });
  const f: RuleFinding = {
    start: first.start,
    end: first.end,
    message: msg(WHERE[where], { year: first.year, reportYear: year }),
    expected: year,
    actual: first.year,
    fix: { kind: 'years', title: msg('Change the year to {reportYear}', { reportYear: year }), edits },
  };
  if (rest.length) f.related = rest.map((y) => ({ start: y.start, end: y.end, message: msg('also {year}', { year: y.year }) }));
  return f;
}

const rule = defineRule({
  code: 'year-mismatch',
  defaultSeverity: 'error',
  description: { zh: '标题、统计期限或正文中的年度与报告年度不一致', en: 'The title, the 统计期限 or a statement of the year disagrees with the report year' },
  check({ report, year: expectedYear }) {
    const year = report.reportYear;
    if (year === null) return [];
    const out: RuleFinding[] = [];
    if (expectedYear !== null && year !== expectedYear) {
      // the setting names the year every report must be of: the whole report is another year's, no year to rewrite
      const at = report.titleYear ?? report.period?.from ?? report.yearStatements[0] ?? report.title ?? { start: 0, end: 0 };
      out.push({
        start: at.start,
        end: at.end,
        message: msg('The report is of {reportYear}, but the year set (year, --year) is {year}.', { reportYear: year, year: expectedYear }),
        expected: expectedYear,
        actual: year,
      });
    }
    if (report.titleYear && report.titleYear.year !== year) out.push(finding(report, 'title', [report.titleYear], year));
    const period = report.period;
    if (period) {
      // the end date may share the start's year (`自2019年1月1日至12月31日`): that year is written once
      const ends = period.to.start === period.from.start ? [period.from] : [period.from, period.to];
      const wrong = ends.filter((d) => d.year !== year);
      if (wrong.length) out.push(finding(report, 'period', wrong, year));
    }
    for (const y of report.yearStatements) if (y.year !== year) out.push(finding(report, 'body', [y], year));
    return out;
  },
});
export default rule;
