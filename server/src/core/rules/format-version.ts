import { FORMATS, formatForYear } from '../formats';
import { msg } from '../l10n';
import { defineRule } from './rule';

const rule = defineRule({
  code: 'format-version',
  defaultSeverity: 'warning',
  description: { zh: '表格格式与报告年度不符（2019年格式用于2019、2020年度，2021年格式用于2021年度起）', en: 'The tables follow the wrong national format for the report year' },
  check({ report }) {
    const found = report.formatVersion;
    const year = report.reportYear;
    const at = report.formatEvidence;
    if (!found || year === null || !at) return [];
    const expected = formatForYear(year);
    if (expected === found) return [];
    return [
      {
        start: at.textStart,
        end: at.textEnd,
        message: msg('The tables follow the {found} format ({foundSource}), but a report for {year} uses the {expected} format ({expectedSource}).', {
          found,
          foundSource: FORMATS[found].source,
          year,
          expected,
          expectedSource: FORMATS[expected].source,
        }),
      },
    ];
  },
});
export default rule;
