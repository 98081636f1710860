import { DEADLINES } from '../formats';
import { msg } from '../l10n';
import { WEEKDAY_NAMES } from '../parse/dates';
import type { DateRef } from '../report';
import { defineRule, type RuleFinding } from './rule';

const fmt = (y: number, m: number, d: number) => `${y}年${m}月${d}日`;
const dayNumber = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);

/** A real calendar date (2月30日 is not). */
function valid(d: DateRef): boolean {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day));
  return t.getUTCMonth() === d.month - 1 && t.getUTCDate() === d.day;
}

const rule = defineRule({
  code: 'publish-date',
  defaultSeverity: 'warning',
  needsWholeText: true,
  description: {
    zh: '发布日期早于统计年度结束、晚于第四十九条规定的期限，或星期与日期不符',
    en: 'The publication date is before the end of the report year, after the 第四十九条 deadline, or its weekday is wrong',
  },
  check({ report, deadline }) {
    const d = report.publication;
    if (!d) return [];
    const out: RuleFinding[] = [];
    const date = fmt(d.year, d.month, d.day);
    if (!valid(d)) return [{ start: d.start, end: d.end, message: msg('{date} is not a date of the calendar.', { date }) }];
    const year = report.reportYear;
    if (year !== null) {
      const day = dayNumber(d.year, d.month, d.day);
      const due = typeof deadline === 'object' ? deadline : DEADLINES[deadline === 'auto' ? report.kind : deadline];
      if (day < dayNumber(year + 1, 1, 1)) {
        out.push({ start: d.start, end: d.end, message: msg('Published {date}, before the report year {reportYear} has ended.', { date, reportYear: year }) });
      } else if (day > dayNumber(year + 1, due.month, due.day)) {
        out.push({
          start: d.start,
          end: d.end,
          message: msg('Published {date}, after the deadline {deadline} ({source}).', { date, deadline: fmt(year + 1, due.month, due.day), source: DEADLINES.source }),
        });
      }
    }
    if (d.weekday) {
      const actual = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
      if (actual !== d.weekday.value) {
        out.push({
          start: d.weekday.start,
          end: d.weekday.end,
          message: msg('{date} is a 星期{actual}, not 星期{written}.', { date, actual: WEEKDAY_NAMES[actual], written: WEEKDAY_NAMES[d.weekday.value] }),
        });
      }
    }
    return out;
  },
});
export default rule;
