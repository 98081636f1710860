/**
 * parse: binds a scanned draft to a national format. Finds the title and organisation, the years,
 * the 统计期限 and publication date, the six section headings and their ranges, and binds table
 * cells to format rows by their label (not by grid position: merged headers shift cells).
 */
import { FORMATS, SECTIONS, formatForYear } from './formats';
import type { Format, FormatVersion, LabelDef } from './formats/types';
import type { Article20Row, BoundRow, DateRef, Report, ReviewTable, SectionHit, Span, YearRef } from './report';
import { scan as scanText, type Cell, type Row, type Scan } from './scan';
import { asciiDigits, indexWithin, labelKey, stripEnumerator } from './text';

type LabelTable = 'applications' | 'groups' | 'article20';
interface LabelHit {
  table: LabelTable;
  id: string;
}

/** Every label of both formats (canonical, aliases, and without enumerator) → the row it names. */
const LABELS: Map<string, LabelHit> = (() => {
  const map = new Map<string, LabelHit>();
  const stripped = new Map<string, LabelHit>();
  const add = (table: LabelTable, def: LabelDef) => {
    for (const l of [def.label, ...(def.aliases ?? [])]) {
      const key = labelKey(l);
      if (!map.has(key)) map.set(key, { table, id: def.id });
      const bare = stripEnumerator(key);
      if (bare.length >= 4 && bare !== key && !stripped.has(bare)) stripped.set(bare, { table, id: def.id });
    }
  };
  for (const f of Object.values(FORMATS)) {
    f.applications.rows.forEach((r) => add('applications', r));
    f.applications.groups.forEach((g) => add('groups', g));
    f.article20.forEach((t) => t.rows.forEach((r) => add('article20', r)));
  }
  for (const [k, v] of stripped) if (!map.has(k)) map.set(k, v);
  return map;
})();

function lookupLabel(cell: Cell, key?: string): LabelHit | undefined {
  if (cell.value.kind !== 'text' || cell.text.length > 60) return undefined;
  key ??= labelKey(cell.text);
  return LABELS.get(key) ?? LABELS.get(stripEnumerator(key));
}

const isBlank = (c: Cell) => c.value.kind === 'blank';
const isValueLike = (c: Cell) => c.value.kind !== 'text';

/** Value cells after a label: kept when they hold a number or a dash, or are all blank. */
function bindable(after: Cell[]): boolean {
  if (after.some((c) => c.value.kind === 'number' || c.value.kind === 'dash')) return true;
  return after.length > 0 && after.every(isBlank);
}

/**
 * Fits a row's value cells to n columns. Extra blank cells go first: trailing ones (padding of
 * Markdown and `|` rows, tabs at the end of a line), then leading ones (merged-cell shifts).
 */
function fitValues(after: Cell[], n: number): (Cell | undefined)[] {
  let v = after;
  // a TAB row on its table's grid (a published file's draft) has the blanks a merged label spans right after it
  if (v[0]?.layout === 'tab') while (v.length > n && isBlank(v[0])) v = v.slice(1);
  while (v.length > n && isBlank(v[v.length - 1])) v = v.slice(0, -1);
  while (v.length > n && isBlank(v[0])) v = v.slice(1);
  if (v.length > n) v = [...v.slice(0, n - 1), v[v.length - 1]];
  const out: (Cell | undefined)[] = new Array(n).fill(undefined);
  v.forEach((c, i) => (out[i] = c));
  return out;
}

interface RawBinding {
  id: string;
  labelCell: Cell;
  row: Row;
  after: Cell[];
}

const INDICATOR_KEYS = (Object.keys(FORMATS) as FormatVersion[]).map((v) => ({ v, keys: FORMATS[v].indicators.map(labelKey) }));

/** What a text cell tells, by its text alone. */
interface TextCell {
  hit: LabelHit | undefined;
  /** The formats whose indicator words the text starts with. */
  indicates: FormatVersion[];
  /** The header of the 复议/诉讼 table. */
  reviewHeader: boolean;
}

function bindLabels(s: Scan) {
  const applications = new Map<string, RawBinding>();
  const article20 = new Map<string, RawBinding>();
  const labels: { cell: Cell; hit: LabelHit }[] = [];
  const scores: Record<FormatVersion, number> = { '2019': 0, '2021': 0 };
  const evidence: Partial<Record<FormatVersion, Cell>> = {};
  let reviewHeader: Row | null = null;
  let reviewHeaderIndex = -1;
  // the same labels and headers come back in every table of a long draft: each text is looked at once
  const known = new Map<string, TextCell>();
  const look = (cell: Cell): TextCell => {
    let k = known.get(cell.text);
    if (!k) {
      const key = labelKey(cell.text);
      const indicates = INDICATOR_KEYS.filter(({ keys }) => keys.some((i) => key.startsWith(i))).map(({ v }) => v);
      known.set(cell.text, (k = { hit: lookupLabel(cell, key), indicates, reviewHeader: key === '行政复议' }));
    }
    return k;
  };

  s.rows.forEach((row, ri) => {
    let last = -1;
    let lastHit: LabelHit | undefined;
    const rowLabels: { cell: Cell; hit: LabelHit }[] = [];
    for (let i = 0; i < row.cells.length; i++) {
      const cell = row.cells[i];
      if (cell.value.kind !== 'text') continue;
      const { hit, indicates, reviewHeader: isReviewHeader } = look(cell);
      for (const v of indicates) {
        scores[v]++;
        evidence[v] ??= cell;
      }
      if (!reviewHeader && isReviewHeader) {
        reviewHeader = row;
        reviewHeaderIndex = ri;
      }
      if (hit) {
        last = i;
        lastHit = hit;
        rowLabels.push({ cell, hit });
      }
    }
    if (!lastHit || lastHit.table === 'groups') return;
    const after = row.cells.slice(last + 1);
    // a data row holds group labels or merged-cell blanks before its label, never header words
    const before = row.cells.slice(0, last);
    if (!bindable(after) || !before.every((c) => c.value.kind === 'blank' || rowLabels.some((l) => l.cell === c))) return;
    const map = lastHit.table === 'applications' ? applications : article20;
    if (map.has(lastHit.id)) return;
    map.set(lastHit.id, { id: lastHit.id, labelCell: row.cells[last], row, after });
    labels.push(...rowLabels);
  });
  return { applications, article20, labels, scores, evidence, reviewHeader: reviewHeader as Row | null, reviewHeaderIndex };
}

function detectFormat(scores: Record<FormatVersion, number>, applications: Map<string, RawBinding>): FormatVersion | null {
  const s = { ...scores };
  if (applications.has('r6') && !applications.has('r6_1') && !applications.has('r6_2')) s['2019']++;
  if (s['2019'] > s['2021']) return '2019';
  if (s['2021'] > s['2019']) return '2021';
  return null;
}

function bindReview(s: Scan, header: Row | null, headerIndex: number): ReviewTable | null {
  if (!header) return null;
  const candidates = s.rows.slice(headerIndex + 1, headerIndex + 9);
  const valueRow = (r: Row) => {
    // a row of another table (it starts with one of their labels) is not the 复议/诉讼 data row
    if (r.cells[0] && lookupLabel(r.cells[0])) return null;
    const cells = r.cells[0] && r.cells[0].value.kind === 'text' ? r.cells.slice(1) : r.cells;
    return cells.length > 0 && cells.every(isValueLike) ? cells : null;
  };
  let cells: Cell[] | null = null;
  let dataRow: Row | null = null;
  for (const r of candidates) {
    const v = valueRow(r);
    if (v && v.some((c) => !isBlank(c))) {
      cells = v;
      dataRow = r;
      break;
    }
  }
  if (!cells) {
    for (const r of candidates) {
      const v = valueRow(r);
      if (v && v.length >= 15) {
        cells = v;
        dataRow = r;
        break;
      }
    }
  }
  if (!cells || !dataRow) return null;
  const values = fitValues(cells, 15);
  const present = values.filter((c): c is Cell => !!c);
  return { header, values, start: present[0]?.start ?? dataRow.cells[0].start, end: present[present.length - 1]?.end ?? dataRow.cells[0].end };
}

// ---------------------------------------------------------------------------------------------
// Sections

const HEADING_ORDINAL = /([一二三四五六])\s*、/g;
const LIST_PUNCT = /^[；、，,;：:。]/;
const LINE_START = /^[\s\u3000\u00a0\ufeff#*>]*$/;
const LEADING_SPACE = /^[\s\u3000]+/;

function findSections(text: string, s: Scan): SectionHit[] {
  const atStart: (SectionHit | undefined)[] = new Array(6).fill(undefined);
  const inline: (SectionHit | undefined)[] = new Array(6).fill(undefined);
  for (let li = 0; li < s.index.lineCount; li++) {
    const ls = s.index.starts[li];
    const le = s.index.lineEnd(li);
    if (indexWithin(text, '、', ls, le) === -1) continue;
    const line = text.slice(ls, le);
    HEADING_ORDINAL.lastIndex = 0;
    for (let m = HEADING_ORDINAL.exec(line); m; m = HEADING_ORDINAL.exec(line)) {
      const prefix = line.slice(0, m.index);
      // at the start of a line, or inside one (flattened text glues headings to what went before)
      const lineStart = LINE_START.test(prefix);
      const restStart = m.index + m[0].length;
      const rest = line.slice(restStart);
      const lead = rest.length - rest.replace(LEADING_SPACE, '').length;
      for (let k = 0; k < 6; k++) {
        const mm = SECTIONS[k].pattern.exec(rest.slice(lead));
        if (!mm) continue;
        const end = restStart + lead + mm[0].length;
        if (!lineStart && LIST_PUNCT.test(line.slice(end))) break;
        const slot = lineStart ? atStart : inline;
        if (!slot[k]) {
          slot[k] = { index: k, ordinal: m[1], start: ls + m.index, end: ls + end, contentStart: ls + end, contentEnd: text.length };
        }
        break;
      }
    }
  }
  const hits = atStart.map((h, k) => h ?? inline[k]).filter((h): h is SectionHit => !!h);
  hits.sort((a, b) => a.start - b.start);
  hits.forEach((h, i) => (h.contentEnd = i + 1 < hits.length ? hits[i + 1].start : text.length));
  return hits;
}

// ---------------------------------------------------------------------------------------------
// Title, dates, years

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, '○': 0, Ｏ: 0, O: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const WEEKDAYS: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };

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
function dateLine(text: string, start: number, end: number): DateRef | null {
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

const TITLE_RE = /^([^：:，,。；\s]{2,60}?(?:政府信息(?:与政务)?公开(?:工作)?(?:年度)?报告|年度报告|年报))(?=[\s\u3000]|$)/;
const YEAR_IN = /(\d{4})\s*年/;

function findTitle(text: string, s: Scan, firstSection: number): { title: Report['title']; organisation: string | null } {
  const picked: { start: number; end: number }[] = [];
  for (let li = 0; li < s.index.lineCount; li++) {
    const ls = s.index.starts[li];
    const le = s.index.lineEnd(li);
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
    return { title: null, organisation: /[0-9０-９]/.test(first) ? null : first };
  }
  const org = joined
    .replace(/\d{4}\s*年度?/, '')
    .replace(/(?:关于)?政府信息(?:与政务)?公开.*$|(?:年度)?报告$|年报$/, '')
    .trim();
  return { title: { start: picked[0].start, end: picked[picked.length - 1].end, text: joined }, organisation: org || null };
}

function organisationKind(org: string | null): Report['kind'] {
  if (!org) return 'department';
  if (/人民政府$/.test(org)) return 'government';
  if (/(?:局|办|委|厅|室|中心|所|院|处|站|队|会|社|街道|部)$/.test(org)) return 'department';
  return /(?:省|市|区|县|旗|盟|州|镇|乡)$/.test(org) ? 'government' : 'department';
}

const PERIOD_RE =
  /统计(?:期限|时限|时间|区间|周期|期间)[^。\d]{0,8}?(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[^。\d]{0,8}?(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日/;

function findPeriod(text: string, s: Scan): Report['period'] {
  for (let li = 0; li < s.index.lineCount; li++) {
    const ls = s.index.starts[li];
    const le = s.index.lineEnd(li);
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
function findPublication(text: string, s: Scan): DateRef | null {
  const scanLines = (from: number, step: 1 | -1) => {
    let seen = 0;
    for (let li = from; li >= 0 && li < s.index.lineCount && seen < 8; li += step) {
      const ls = s.index.starts[li];
      const le = s.index.lineEnd(li);
      if (text.slice(ls, le).trim().length === 0) continue;
      seen++;
      const d = dateLine(text, ls, le);
      if (d) return d;
    }
    return null;
  };
  return scanLines(s.index.lineCount - 1, -1) ?? scanLines(0, 1);
}

const PLAN = /(?<!现)将|计划|拟|下一步|明年|下一年|预计|力争|争取|打算|展望/;
const SENTENCE_START_YEAR = /^(\d{4})\s*年(?!\s*\d)(?!\s*(?:修订|修正|印发|出台|颁布|发布|公布))/;
const ANYWHERE_YEAR = [/截至\s*(\d{4})\s*年\s*(?:12\s*月\s*31\s*日|底|末)/g, /(?:在|于)\s*(\d{4})\s*年度/g, /(\d{4})\s*年度?政府信息(?:与政务)?公开(?:工作)?(?:年度)?报告/g];
const ENUMERATOR = /^(?:[\s\u3000\u00a0]|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+是|\d+[.、．]|[一二三四五六]、)*/;

/** `\d{4}\s*年` on a line before asciiDigits (which maps each full-width digit to one ASCII digit). */
const YEAR_ON_LINE = /[0-9\uff10-\uff19]{4}\s*年/;
const FOUR_DIGITS = /\d{4}/;
const SENTENCE_END = new Set([...'。；！？!?;'].map((c) => c.charCodeAt(0)));
const HEADING_AT_START = /^[\s\u3000]*[一二三四五六]\s*、/;

/** Statements of the report year in the body (design.md, "Years"); plans and other events are not. */
function findBodyYears(text: string, s: Scan, from: number, skip: Span | null): YearRef[] {
  const out: YearRef[] = [];
  const seen = new Set<number>();
  const push = (year: number, start: number) => {
    if (seen.has(start) || (skip && start >= skip.start && start < skip.end)) return;
    seen.add(start);
    out.push({ year, start, end: start + 4, source: 'body' });
  };
  for (let li = 0; li < s.index.lineCount; li++) {
    const ls = s.index.starts[li];
    const le = s.index.lineEnd(li);
    if (le <= from) continue;
    const raw = text.slice(ls, le);
    if (!YEAR_ON_LINE.test(raw)) continue;
    const line = asciiDigits(raw);
    // sentences end at 。；！？
    let sStart = 0;
    for (let i = 0; i <= line.length; i++) {
      if (i < line.length && !SENTENCE_END.has(line.charCodeAt(i))) continue;
      const sentence = line.slice(sStart, i);
      const base = ls + sStart;
      sStart = i + 1;
      if (!FOUR_DIGITS.test(sentence) || PLAN.test(sentence)) continue;
      let body = sentence;
      let lead = 0;
      // a heading on the same line (flattened text) ends where the sentence begins
      const heading = HEADING_AT_START.exec(body);
      if (heading) {
        const k = SECTIONS.findIndex((sec) => sec.pattern.test(body.slice(heading[0].length)));
        if (k >= 0) {
          const mm = SECTIONS[k].pattern.exec(body.slice(heading[0].length))!;
          lead = heading[0].length + mm[0].length;
        }
      }
      body = sentence.slice(lead);
      const en = ENUMERATOR.exec(body)![0].length;
      const m = SENTENCE_START_YEAR.exec(body.slice(en));
      if (m) push(+m[1], base + lead + en);
      for (const re of ANYWHERE_YEAR) {
        re.lastIndex = 0;
        for (let mm = re.exec(sentence); mm; mm = re.exec(sentence)) push(+mm[1], base + mm.index + mm[0].indexOf(mm[1]));
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The year most of title, 统计期限 and body statements agree on; the 统计期限 breaks a tie, then the title. */
function voteYear(years: YearRef[], period: Report['period'], titleYear: YearRef | undefined): number | null {
  const counts = new Map<number, number>();
  const vote = (y: number) => counts.set(y, (counts.get(y) ?? 0) + 1);
  if (titleYear) vote(titleYear.year);
  if (period) vote(period.from.year);
  years.filter((y) => y.source === 'body').forEach((y) => vote(y.year));
  if (counts.size === 0) return null;
  const max = Math.max(...counts.values());
  const tied = [...counts.keys()].filter((y) => counts.get(y) === max);
  if (tied.length === 1) return tied[0];
  if (period && tied.includes(period.from.year)) return period.from.year;
  if (titleYear && tied.includes(titleYear.year)) return titleYear.year;
  return Math.max(...tied);
}

// ---------------------------------------------------------------------------------------------

function rowsOfFormat(format: Format, raw: Map<string, RawBinding>): Map<string, BoundRow> {
  const rows = new Map<string, BoundRow>();
  for (const def of format.applications.rows) {
    const b = raw.get(def.id);
    if (b) rows.set(def.id, { id: def.id, labelCell: b.labelCell, row: b.row, values: fitValues(b.after, format.applications.columns.length) });
  }
  return rows;
}

function article20Rows(format: Format, raw: Map<string, RawBinding>): Article20Row[] {
  const other = Object.values(FORMATS).find((f) => f !== format)!;
  const out: Article20Row[] = [];
  for (const b of raw.values()) {
    const table = format.article20.find((t) => t.rows.some((r) => r.id === b.id)) ?? other.article20.find((t) => t.rows.some((r) => r.id === b.id));
    if (!table) continue;
    out.push({ id: b.id, tableId: table.id, columns: table.columns, labelCell: b.labelCell, row: b.row, values: fitValues(b.after, table.columns.length) });
  }
  return out.sort((a, b) => a.labelCell.start - b.labelCell.start);
}

function labelDef(format: Format, hit: LabelHit): LabelDef | undefined {
  if (hit.table === 'applications') return format.applications.rows.find((r) => r.id === hit.id);
  if (hit.table === 'groups') return format.applications.groups.find((g) => g.id === hit.id);
  for (const t of format.article20) {
    const r = t.rows.find((x) => x.id === hit.id);
    if (r) return r;
  }
  return undefined;
}

export function parse(text: string): Report {
  const s = scanText(text);
  const index = s.index;
  const sections = findSections(text, s);
  const firstSection = sections.length ? sections[0].start : text.length;
  const { title, organisation } = findTitle(text, s, firstSection);

  const years: YearRef[] = [];
  let titleYear: YearRef | undefined;
  if (title) {
    const t = asciiDigits(text.slice(title.start, title.end));
    const m = YEAR_IN.exec(t);
    if (m) years.push((titleYear = { year: +m[1], start: title.start + m.index, end: title.start + m.index + 4, source: 'title' }));
  }
  const period = findPeriod(text, s);
  if (period) {
    years.push({ year: period.from.year, start: period.from.start, end: period.from.end, source: 'period' });
    if (period.to.start !== period.from.start) years.push({ year: period.to.year, start: period.to.start, end: period.to.end, source: 'period' });
  }
  const publication = findPublication(text, s);
  years.push(...findBodyYears(text, s, title ? title.end : 0, period));
  const reportYear = voteYear(years, period, titleYear);

  const bound = bindLabels(s);
  const formatVersion = detectFormat(bound.scores, bound.applications);
  const format = FORMATS[formatVersion ?? (reportYear ? formatForYear(reportYear) : '2021')];
  const appRows = rowsOfFormat(format, bound.applications);
  let applications: Report['applications'] = null;
  if (appRows.size > 0) {
    const spans = [...appRows.values()];
    applications = {
      rows: appRows,
      start: Math.min(...spans.map((r) => r.labelCell.start)),
      end: Math.max(...spans.map((r) => Math.max(r.labelCell.end, ...r.values.map((v) => v?.end ?? 0)))),
    };
  }
  const labels: Report['labels'] = [];
  for (const { cell, hit } of bound.labels) {
    const def = labelDef(format, hit);
    if (def) labels.push({ cell, def });
  }

  return {
    text,
    scan: s,
    index,
    title,
    organisation,
    kind: organisationKind(organisation),
    years,
    reportYear,
    period,
    publication,
    sections,
    formatVersion,
    formatEvidence: formatVersion ? (bound.evidence[formatVersion] ?? bound.applications.get('r6')?.labelCell ?? null) : null,
    format,
    applications,
    review: bindReview(s, bound.reviewHeader, bound.reviewHeaderIndex),
    article20: article20Rows(format, bound.article20),
    labels,
  };
}
