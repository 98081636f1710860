import { msg } from '../l10n';
import { toFullWidthDigits } from '../text';
import type { Rule } from './rule';

const WHERE = {
  title: 'The title says {year}, but the report year is {reportYear}.',
  period: 'The 统计期限 says {year}, but the report year is {reportYear}.',
  body: 'This statement of the report year says {year}, but the report year is {reportYear}.',
};

const rule: Rule = {
  code: 'year-mismatch',
  defaultSeverity: 'error',
  description: { zh: '标题、统计期限或正文中的年度与报告年度不一致', en: 'The title, the 统计期限 or a statement of the year disagrees with the report year' },
  check({ report }) {
    const year = report.reportYear;
    if (year === null) return [];
    return report.years
      .filter((y) => y.year !== year)
      .map((y) => {
        const written = report.text.slice(y.start, y.end);
        const newText = /[\uff10-\uff19]/.test(written) ? toFullWidthDigits(String(year)) : String(year);
        return {
          start: y.start,
          end: y.end,
          message: msg(WHERE[y.source], { year: y.year, reportYear: year }),
          expected: year,
          actual: y.year,
          fix: { kind: 'years' as const, title: msg('Change the year to {reportYear}', { reportYear: year }), edits: [{ start: y.start, end: y.end, newText }] },
        };
      });
  },
};
export default rule;
