import { SECTIONS, headingOf } from '../formats';
import { msg } from '../l10n';
import { dominantEol } from '../text';
import { defineRule } from './rule';

const rule = defineRule({
  code: 'missing-section',
  defaultSeverity: 'error',
  needsWholeText: true,
  description: { zh: '缺少六个部分之一', en: 'One of the six sections is missing' },
  check({ report }) {
    const { text, sections, index } = report;
    const eol = dominantEol(text);
    return SECTIONS.flatMap((sec, k) => {
      if (sections.some((h) => h.index === k)) return [];
      const heading = headingOf(sec);
      const next = sections.find((h) => h.index > k);
      let at: number;
      let newText: string;
      if (next) {
        at = index.starts[index.lineOf(next.start)];
        newText = heading + eol;
      } else {
        at = text.length;
        newText = (text.length && !/[\r\n]$/.test(text) ? eol : '') + heading + eol;
      }
      return [
        {
          start: at,
          end: at,
          message: msg('Section “{heading}” is missing.', { heading }),
          fix: { kind: 'sections' as const, title: msg('Insert the heading “{heading}”', { heading }), edits: [{ start: at, end: at, newText }] },
        },
      ];
    });
  },
});
export default rule;
