import { REPLACEMENT, misdecoding } from '../garbled';
import { msg } from '../l10n';
import type { Report } from '../report';
import { defineRule, type RuleFinding } from './rule';

/**
 * A Chinese draft opened in the wrong encoding (garbled.ts: GBK/GB18030 as UTF-8, or GB18030 as GBK) is not
 * the draft: this rule's one finding is the report's only one (the totals, years and sections read from it
 * would tempt edits, and saving the text writes the � into the file). A few replacement characters among
 * Chinese text are characters lost in some earlier conversion (pasted from a page that was decoded wrongly):
 * each line that holds them is named, and the other rules check the draft as usual.
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
    zh: '文本中有替换字符（�）：文件用错了编码打开（只报这一条），或个别字已经丢失',
    en: 'The text holds replacement characters (�): the file was opened in the wrong encoding (then the only finding), or a few characters are lost',
  },
  alone: ({ report }) => misdecoding(report.text) !== null,
  check({ report }) {
    if (!report.text.includes(REPLACEMENT)) return [];
    const wrong = misdecoding(report.text);
    if (wrong) {
      const n = wrong.count;
      return [
        {
          start: wrong.first,
          end: report.index.lineEnd(report.index.lineOf(wrong.first)),
          message:
            wrong.as === 'utf8'
              ? msg(
                  '{n} replacement characters (�) stand where the Chinese characters should be: this is a GBK/GB18030 file opened as UTF-8. Reopen it with the encoding GB18030 (VS Code: Reopen with Encoding, Simplified Chinese (GB18030)), and do not save it as it is: saving writes the � into the file and the characters are lost. If it was saved like this already, take the original file.',
                  { n },
                )
              : msg(
                  '{n} characters of this GB18030 file were read as � and digits (such as �0�2, which the tables read as numbers): it was opened as GBK or GB 2312, which lack them. Reopen it with the encoding GB18030 (VS Code: Reopen with Encoding, Simplified Chinese (GB18030)), and do not save it as it is: saving writes the � into the file.',
                  { n },
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
