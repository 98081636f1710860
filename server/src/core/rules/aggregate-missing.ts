/** A part the summary's `children` (.nianbaorc.json) names that was not found among the reports read. */
import { msg } from '../l10n';
import { titleSpan } from './aggregate-mismatch';
import { defineRule } from './rule';

const rule = defineRule({
  code: 'aggregate-missing',
  defaultSeverity: 'warning',
  description: { zh: '配置 children 中列出的下级单位报告没有找到', en: 'A part named in `children` has no report among the inputs' },
  check({ report, others }) {
    const children = others.children;
    if (!children) return [];
    return children.missing.map((name) => ({
      ...titleSpan(report),
      message: msg('The report of {name}, named in children, was not found: the summary is checked against the {n} parts found.', { name, n: children.reports.length }),
    }));
  },
});
export default rule;
