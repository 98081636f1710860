import { SECTIONS, headingOf } from '../formats';
import { msg } from '../l10n';
import { defineRule, type RuleFinding } from './rule';

const heading = (k: number) => headingOf(SECTIONS[k]);

const rule = defineRule({
  code: 'section-order',
  defaultSeverity: 'warning',
  description: { zh: '六个部分的顺序或序号不对', en: 'The six sections are out of order or misnumbered' },
  check({ report }) {
    const out: RuleFinding[] = [];
    let highest = -1;
    for (const h of report.sections) {
      if (h.index < highest) {
        out.push({ start: h.start, end: h.end, message: msg('Section “{heading}” should come before “{other}”.', { heading: heading(h.index), other: heading(highest) }) });
      } else if (h.ordinal !== SECTIONS[h.index].ordinal) {
        out.push({
          start: h.start,
          end: h.end,
          message: msg('This heading is numbered {written}, but “{title}” is section {ordinal} of the format.', { written: h.ordinal, title: SECTIONS[h.index].title, ordinal: SECTIONS[h.index].ordinal }),
        });
      }
      highest = Math.max(highest, h.index);
    }
    return out;
  },
});
export default rule;
