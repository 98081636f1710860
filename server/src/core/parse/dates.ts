/** Dates: a line that is only a date, the 统计期限, the publication date. */
import type { DateRef, Report } from '../report';
import { asciiDigits, type LineIndex } from '../text';

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, '○': 0, Ｏ: 0, O: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const WEEKDAYS: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
/** The weekdays as 星期… writes them, from Sunday (getUTCDay's order). */
export const WEEKDAY_NAMES = ['日', '一', '二', '三', '四', '五', '六'];

function cnNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s.length === 4 && [...s].every((c) => c in CN_DIGITS)) return Number([...s].map((c) => CN_DIGITS[c]).join(''));
  const i = s.indexOf('十');
  if (i === -1) return CN_DIGITS[s] ?? NaN;
  const tens = i === 0 ? 1 : CN_DIGITS[s[i - 1]];
  const ones = i === s.length - 1 ? 0 : CN_DIGITS[s[i + 1]];
  return tens * 10 + ones;
}

const DATE_PREFIX = String.raw`^(?:(?:发布|成文|印发|公开|报告)?(?:日期|时间)\s*[:：]?\s*)?`;
const WEEKDAY_PART = String.raw`(?:\s*[（(]?\s*(?:星期|周|礼拜)([一二三四五六日天])\s*[)）]?)?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*$`;
const DATE_ARABIC = new RegExp(DATE_PREFIX + String.raw`(\d{4})\s*(?:年|[-./])\s*(\d{1,2})\s*(?:月|[-./])\s*(\d{1,2})\s*日?` + WEEKDAY_PART);
const DATE_CN = new RegExp(DATE_PREFIX + String.raw`([〇零一二三四五六七八九○ＯO\d]{4})\s*年\s*([一二三四五六七八九十\d]{1,3})\s*月\s*([一二三四五六七八九十\d]{1,3})\s*日` + WEEKDAY_PART);

/** A line that is only a date (with an optional 发布日期： prefix, weekday and time). */
export function dateLine(text: string, start: number, end: number): DateRef | null {
  const raw = asciiDigits(text.slice(start, end));
  const lead = raw.length - raw.trimStart().length;
  const line = raw.trim();
  const m = DATE_ARABIC.exec(line) ?? DATE_CN.exec(line);
  if (!m) return null;
  const year = cnNumber(m[1]);
  const month = cnNumber(m[2]);
  const day = cnNumber(m[3]);
  if (!(year > 1900 && month >= 1 && month <= 12 && day >= 1 && day <= 31)) return null;
  const yearAt = start + lead + line.indexOf(m[1]);
  const ref: DateRef = { start: yearAt, end: start + lead + line.length, year, month, day };
  if (m[4]) {
    const w = line.lastIndexOf(m[4]);
    ref.weekday = { value: WEEKDAYS[m[4]], start: start + lead + w, end: start + lead + w + 1 };
    ref.end = start + lead + line.length;
  }
  return ref;
}

const PERIOD_RE =
  /统计(?:期限|时限|时间|区间|周期|期间)[^。\d]{0,8}?(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[^。\d]{0,8}?(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日/;

export function findPeriod(text: string, index: LineIndex): Report['period'] {
  for (let li = 0; li < index.lineCount; li++) {
    const ls = index.starts[li];
    const le = index.lineEnd(li);
    const raw = text.slice(ls, le);
    if (!raw.includes('统计')) continue;
    const line = asciiDigits(raw);
    const m = PERIOD_RE.exec(line);
    if (!m) continue;
    const at = ls + m.index;
    const fromYearAt = at + m[0].indexOf(m[1]);
    const from: DateRef = { year: +m[1], month: +m[2], day: +m[3], start: fromYearAt, end: fromYearAt + 4 };
    let to: DateRef;
    if (m[4]) {
      const toYearAt = at + m[0].indexOf(m[4], m[0].indexOf(m[1]) + 4);
      to = { year: +m[4], month: +m[5], day: +m[6], start: toYearAt, end: toYearAt + 4 };
    } else {
      to = { year: from.year, month: +m[5], day: +m[6], start: from.start, end: from.end };
    }
    return { start: at, end: at + m[0].length, from, to };
  }
  return null;
}

/** The publication date: on one of the last 8 non-blank lines (from the end), else one of the first 8. */
export function findPublication(text: string, index: LineIndex): DateRef | null {
  const scanLines = (from: number, step: 1 | -1) => {
    let seen = 0;
    for (let li = from; li >= 0 && li < index.lineCount && seen < 8; li += step) {
      const ls = index.starts[li];
      const le = index.lineEnd(li);
      if (text.slice(ls, le).trim().length === 0) continue;
      seen++;
      const d = dateLine(text, ls, le);
      if (d) return d;
    }
    return null;
  };
  return scanLines(index.lineCount - 1, -1) ?? scanLines(0, 1);
}
