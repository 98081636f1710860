import { msg } from '../l10n';
import { formatKey, labelKey } from '../text';
import { defineRule } from './rule';

const rule = defineRule({
  code: 'label-variant',
  defaultSeverity: 'information',
  description: { zh: '行标签的措辞与格式不同', en: 'A row label is worded differently from the format' },
  check({ report }) {
    return report.labels
      // (a label written as the format prints it has its key: most are)
      .filter(({ cell, def }) => cell.text !== def.label && labelKey(cell.text) !== formatKey(def.label))
      .map(({ cell, def }) => ({
        start: cell.textStart,
        end: cell.textEnd,
        message: msg('“{found}” is worded differently from the format’s “{label}”.', { found: cell.text, label: def.label }),
        fix: { kind: 'labels' as const, title: msg('Use the format’s label “{label}”', { label: def.label }), edits: [{ start: cell.textStart, end: cell.textEnd, newText: def.label }] },
      }));
  },
});
export default rule;
