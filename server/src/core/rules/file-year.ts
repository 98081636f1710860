/**
 * The year a draft's file name or folder names (`2025年度报告.txt`, `2025年/平潭.txt`) against the report
 * year: last year's report saved under this year's name passes every other check. A warning: a name is
 * not the report, and the report's own years are year-mismatch's.
 */
import { msg } from '../l10n';
import { yearNamed } from '../pair';
import { defineRule } from './rule';

const rule = defineRule({
  code: 'file-year',
  defaultSeverity: 'warning',
  description: { zh: '文件名或文件夹名中的年度与报告年度不一致', en: 'The file name or a folder name names another year than the report year' },
  check({ report, file }) {
    const year = report.reportYear;
    const named = file ? yearNamed(file) : null;
    if (year === null || !named || named.year === year) return [];
    const at = report.titleYear ?? report.period?.from ?? report.title ?? report.yearStatements[0] ?? { start: 0, end: 0 };
    const text = named.folder ? 'The folder “{name}” names the year {named}, but the report is of {year}.' : 'The file name “{name}” names the year {named}, but the report is of {year}.';
    return [{ start: at.start, end: at.end, message: msg(text, { name: named.name, named: named.year, year }), expected: year, actual: named.year }];
  },
});
export default rule;
