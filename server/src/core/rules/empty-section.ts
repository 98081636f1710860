import { FORMATS, SECTIONS, formatForYear, headingOf } from '../formats';
import { msg } from '../l10n';
import type { Report, SectionHit } from '../report';
import { defineRule, type RuleFinding } from './rule';

/** Text that is not content: padding and Word artifacts such as `[bookmark: _GoBack]`. */
const NOISE = /\[bookmark:[^\]]*\]|[\s\u3000\u00a0\ufeff\u200b-\u200f]/g;
const NOTHING = /^无[。.]?$/;
/** Content longer than `无。` is not “nothing”. */
const SAYS_SOMETHING = '无。'.length + 1;

/** A section's own text: the signature and date that close the report are not part of it. */
function sectionText(report: Report, h: SectionHit): string {
  let end = h.contentEnd;
  const date = report.publication;
  if (date && date.start >= h.contentStart && date.start < end) {
    end = report.index.starts[report.index.lineOf(date.start)];
    const lines = report.text.slice(h.contentStart, end).trimEnd().split(/\r?\n|\r/);
    const last = lines[lines.length - 1].trim();
    if (lines.length > 1 && last.length <= 30 && !/[。，；：,.;:]/.test(last)) lines.pop();
    return lines.join('\n');
  }
  return report.text.slice(h.contentStart, end);
}

/**
 * The section's text without noise when it is shorter than `limit` characters, else null: no check
 * looks further (a long section is not empty), so a long section is not copied.
 */
function shortContent(text: string, limit: number): string | null {
  let out = '';
  let pos = 0;
  NOISE.lastIndex = 0;
  for (let m = NOISE.exec(text); ; m = NOISE.exec(text)) {
    out += text.slice(pos, m ? m.index : text.length);
    if (out.length >= limit) return null;
    if (!m) return out;
    pos = m.index + m[0].length;
  }
}

const rule = defineRule({
  code: 'empty-section',
  defaultSeverity: 'warning',
  needsWholeText: true,
  description: { zh: '部分内容为空（第五部分只有“无”或不足10个字，第六部分为空）', en: 'A section is empty (五 only “无” or under 10 characters; 六 empty)' },
  check({ report }) {
    const out: RuleFinding[] = [];
    // what 六 must say is the report year's format's, whatever format the tables follow
    const due = report.reportYear === null ? report.format : FORMATS[formatForYear(report.reportYear)];
    for (const h of report.sections) {
      const sec = SECTIONS[h.index];
      // a section that says enough is not looked at further
      const content = shortContent(sectionText(report, h), Math.max(sec.minLength ?? 0, SAYS_SOMETHING));
      if (content === null) continue;
      const heading = headingOf(sec);
      if (content.length === 0) {
        out.push({ start: h.start, end: h.end, message: msg('Section “{heading}” is empty.', { heading }) });
      } else if (sec.minLength && (NOTHING.test(content) || content.length < sec.minLength)) {
        out.push({ start: h.start, end: h.end, message: msg('Section “{heading}” says too little (“{content}”): state the main problems and how they are being improved.', { heading, content }) });
      } else if (sec.id === due.feeSection && NOTHING.test(content)) {
        out.push({
          start: h.start,
          end: h.end,
          message: msg('Section “{heading}” says only “无”: under the {version} format it should state whether 信息处理费 was collected (even if none was).', { heading, version: due.version }),
        });
      }
    }
    return out;
  },
});
export default rule;
