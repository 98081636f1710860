import { msg } from '../l10n';
import { defineRule } from './rule';

/** The one finding of a file longer than the size limit (`sizeLimit`): only its beginning was checked. */
const rule = defineRule({
  code: 'partly-checked',
  defaultSeverity: 'information',
  description: { zh: '文件超过检查上限（sizeLimit），只检查了开头部分', en: 'The file is longer than the size limit (sizeLimit); only its beginning was checked' },
  check({ report, partial }) {
    if (!partial) return [];
    return [
      {
        start: 0,
        end: report.index.lineEnd(0),
        message: msg('Only the first {lines} lines ({checked} of {size} characters) were checked: the file is longer than the size limit of {limit} characters (sizeLimit).', {
          lines: report.index.lineOf(Math.max(0, partial.checked - 1)) + 1,
          checked: partial.checked,
          size: partial.size,
          limit: partial.limit,
        }),
      },
    ];
  },
});
export default rule;
