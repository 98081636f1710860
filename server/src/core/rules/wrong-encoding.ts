import { REPLACEMENT, misdecoded, replacements } from '../garbled';
import { msg } from '../l10n';
import type { Report } from '../report';
import { defineRule, type RuleFinding } from './rule';

/**
 * A GBK/GB18030 draft opened as UTF-8 (VS Code's default) has replacement characters (�) where its Chinese
 * was (garbled.ts): then the text is not the draft, and this rule's one finding is the report's only one
 * (the totals, years and sections read from it would tempt edits, and saving the text writes the � into
 * the file). A few of them among Chinese text are characters lost in some earlier conversion (pasted
 * from a page that was decoded wrongly): each line that holds them is named, and the other rules check
 * the draft as usual.
 */

/** The lines that hold replacement characters: from the first one to the last one on each, and how many. */
function replacedLines(report: Report): { start: number; end: number; n: number }[] {
  const { text, index } = report;
  const out: { start: number; end: number; n: number }[] = [];
  for (let at = text.indexOf(REPLACEMENT); at >= 0; ) {
    const lineEnd = index.lineEnd(index.lineOf(at));
    let n = 0;
    let last = at;
    for (let i = at; i >= 0 && i < lineEnd; i = text.indexOf(REPLACEMENT, i + 1)) {
      n++;
      last = i;
    }
    out.push({ start: at, end: last + 1, n });
    at = text.indexOf(REPLACEMENT, lineEnd);
  }
  return out;
}

const rule = defineRule({
  code: 'wrong-encoding',
  defaultSeverity: 'error',
  description: {
    zh: '文本中有替换字符（�）：GBK/GB18030 文件被当作 UTF-8 打开（只报这一条），或个别字已经丢失',
    en: 'The text holds replacement characters (�): a GBK/GB18030 file opened as UTF-8 (then the only finding), or a few characters lost',
  },
  alone: ({ report }) => misdecoded(report.text),
  check({ report }) {
    if (!report.text.includes(REPLACEMENT)) return [];
    if (misdecoded(report.text)) {
      const first = report.text.indexOf(REPLACEMENT);
      return [
        {
          start: first,
          end: report.index.lineEnd(report.index.lineOf(first)),
          message: msg(
            '{n} replacement characters (�) stand where the Chinese characters should be: this is a GBK/GB18030 file opened as UTF-8. Reopen it with the encoding GB18030 (VS Code: Reopen with Encoding, Simplified Chinese (GB18030)), and do not save it as it is: saving writes the � into the file and the characters are lost. If it was saved like this already, take the original file.',
            { n: replacements(report.text).count },
          ),
        },
      ];
    }
    return replacedLines(report).map(
      (l): RuleFinding => ({
        start: l.start,
        end: l.end,
        severity: 'warning',
        message: msg('{n} replacement characters (�) on this line: these characters were not text in the encoding the file was read with, and what they were cannot be seen any more; type them again from the original.', { n: l.n }),
      }),
    );
  },
});
export default rule;
