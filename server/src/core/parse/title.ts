/** The title (it may be split over lines), the organisation named in it, and what kind of body it is. */
import type { Report } from '../report';
import type { LineIndex } from '../text';
import { dateLine } from './dates';

const TITLE_RE = /^([^：:，,。；\s]{2,60}?(?:政府信息(?:与政务)?公开(?:工作)?(?:年度)?报告|年度报告|年报))(?=[\s\u3000]|$)/;
export const YEAR_IN = /(\d{4})\s*年/;

/** A name without the Markdown around it (`# 南开区…`, `**南开区…**`). */
const unmarked = (s: string) => s.replace(/^[#*\s]+|[*\s]+$/g, '');

export function findTitle(text: string, index: LineIndex, firstSection: number): { title: Report['title']; organisation: string | null } {
  const picked: { start: number; end: number }[] = [];
  for (let li = 0; li < index.lineCount; li++) {
    const ls = index.starts[li];
    const le = index.lineEnd(li);
    if (ls >= firstSection || picked.length >= 3) break;
    const t = text.slice(ls, le).trim();
    if (!t) continue;
    if (dateLine(text, ls, le) || /^(本年度报告|本报告|根据)/.test(t)) break;
    if (t.length > 40) {
      const m = TITLE_RE.exec(t);
      if (picked.length === 0 && m) picked.push({ start: ls + text.slice(ls, le).indexOf(m[1]), end: ls + text.slice(ls, le).indexOf(m[1]) + m[1].length });
      break;
    }
    const off = text.slice(ls, le).indexOf(t);
    picked.push({ start: ls + off, end: ls + off + t.length });
  }
  if (picked.length === 0) return { title: null, organisation: null };
  const prefix = /^(?:标题|题目)\s*[:：]\s*/.exec(text.slice(picked[0].start, picked[0].end));
  if (prefix) picked[0].start += prefix[0].length;
  const joined = picked.map((p) => text.slice(p.start, p.end)).join('');
  if (!/报告|年报/.test(joined)) {
    const first = text.slice(picked[0].start, picked[0].end);
    return { title: null, organisation: /[0-9０-９]/.test(first) ? null : unmarked(first) || null };
  }
  const org = unmarked(joined.replace(/\d{4}\s*年度?/, '').replace(/(?:关于)?政府信息(?:与政务)?公开.*$|(?:年度)?报告$|年报$/, ''));
  return { title: { start: picked[0].start, end: picked[picked.length - 1].end, text: joined }, organisation: org || null };
}

export function organisationKind(org: string | null): Report['kind'] {
  if (!org) return 'department';
  if (/人民政府$/.test(org)) return 'government';
  if (/(?:局|办|委|厅|室|中心|所|院|处|站|队|会|社|街道|部)$/.test(org)) return 'department';
  return /(?:省|市|区|县|旗|盟|州|镇|乡)$/.test(org) ? 'government' : 'department';
}
