/**
 * Page furniture: what a printed page adds to a table's text — page numbers (`- 3 -`, `第 3 页`,
 * `2/5`), the browser's header and footer (a date and time with the page title, the page's URL), and the
 * report's title repeated at the top of a page.
 * The reader leaves these lines out, so their numbers are never taken for cells.
 */

const PAGE_NUMBER = /^[\s\u3000]*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[，,]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4})[\s\u3000]*$/;
const URL = /(?:https?|file):\/\/\S/;
/** `12/2/26, 2:44 AM …`, `2026/11/28 17:05 …`, `2026-11-28 下午5:05 …` at the start of a line. */
const DATE_TIME = /^[\s\u3000]*\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}[,，]?\s+(?:上午|下午)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?(?:\s|$)/;

/** The report's title on a line of its own (a page header): `平潭综合实验区2025年度政府信息公开工作年度报告`. */
const TITLE = /^[\s\u3000]*[^\s\u3000]{0,40}政府信息公开工作年度报告[\s\u3000]*$/;

function isFurniture(line: string): boolean {
  // most lines are cells or labels: the cheap looks first
  // (a page number centred by pdftotext -layout stands after a long run of spaces)
  if ((line.length <= 24 || line.trimStart().length <= 24) && PAGE_NUMBER.test(line)) return true;
  if (line.includes('://') && URL.test(line)) return true;
  if (line.length <= 80 && line.includes('年度报告') && TITLE.test(line)) return true;
  return /^[\s\u3000]*\d/.test(line) && line.includes(':') && DATE_TIME.test(line);
}

/**
 * Whether text[from, to) is page furniture, without making the line's string where it cannot be: every kind holds
 * an ASCII digit, a `:` (a URL) or `年` (the title); a line of words with none of them (most label lines) is none.
 */
export function isFurnitureAt(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 58 || c === 0x5e74) return isFurniture(text.slice(from, to));
  }
  return false;
}
