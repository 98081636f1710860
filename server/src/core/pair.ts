/**
 * Pairing a report with last year's report of the same body (cross-year-carry, cross-year-stock):
 * by an explicit mapping (.nianbaorc.json `previous`, `--previous FILE`), else by the organisation the
 * titles name (normalised: 人民政府办公室 and 政府办, 综合实验区 and its 管委会, 县 and 区 …), else by the
 * file name with the year replaced (`平潭-2024.txt` → `平潭-2023.txt`). Pure: paths are strings the
 * caller gives, compared as written (`/` and `\` alike).
 */
import type { Report } from './report';
import type { OtherReport } from './rules/rule';

/** A path with `/` separators, `.` segments dropped and `a/..` folded (no file system is asked). */
export function normalisePath(file: string): string {
  const absolute = /^[\\/]/.test(file);
  const parts: string[] = [];
  for (const seg of file.split(/[\\/]+/)) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && parts.length && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(seg);
  }
  return (absolute ? '/' : '') + parts.join('/');
}

const split = (file: string) => {
  const p = normalisePath(file);
  const at = p.lastIndexOf('/');
  return { dir: at >= 0 ? p.slice(0, at) : '', base: at >= 0 ? p.slice(at + 1) : p };
};

/** The file name without its extension. */
const stemOf = (base: string) => base.replace(/\.[^.]*$/, '');

/** Years a name spells as four digits of their own (`平潭-2024`, `2024年度`): 1990–2099. */
const YEAR_DIGITS = /(?<!\d)(?:199\d|20\d\d)(?!\d)/g;

/**
 * Organisation names normalised for comparison: the same body however its title spells it. The
 * forms folded are those real titles show: full-width and half-width characters, spaces, a bracketed
 * addition (`平潭综合实验区（管委会办公室）`, `（汇总）`), 人民政府 and 政府, 办公室/办公厅 and 办,
 * 管理委员会 and 管委会, a zone's 管委会 and the zone (`综合实验区管委会` = `综合实验区`), 县 and 区
 * (撤县设区), and the 中共 prefix of a party body.
 */
export function organisationKey(org: string): string {
  return org
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/\([^()]*\)/g, '')
    .replace(/^中共/, '')
    .replace(/人民政府/g, '政府')
    .replace(/管理委员会/g, '管委会')
    .replace(/办公[室厅]/g, '办')
    .replace(/((?:实验|开发|新|高新|示范|园|合作)区)管委会/g, '$1')
    .replace(/县/g, '区');
}

/**
 * Two organisation keys name the same body: equal, or one is the other with the higher body in front
 * (`天津市河北区政府` and `河北区政府`: what is in front ends in 省/市/州/盟/区, and the shorter names a place).
 */
export function sameOrganisation(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  // the shorter must name a place of its own (河北区政府, not 教育局, which every 区 has)
  if (short.length < 3 || !long.endsWith(short) || !/[省市区州盟旗镇乡]/.test(short.slice(0, -1))) return false;
  return /[省市州盟区]$/.test(long.slice(0, long.length - short.length));
}

/** The statistics year of a report: the year it states, else the year its file name spells (once). */
export function yearOf(file: string, report: Report): number | null {
  if (report.reportYear !== null) return report.reportYear;
  const years = new Set(stemOf(split(file).base).match(YEAR_DIGITS) ?? []);
  return years.size === 1 ? Number([...years][0]) : null;
}

/**
 * Last year's report of the same body among the candidates: the one the mapping names for the current
 * file (a file → previous file map, compared as normalised paths), else one whose statistics year is the
 * current one's − 1 and whose title names the same organisation, else one of that year whose file name
 * is the current one's with the year replaced (and whose title names no other organisation). Among
 * several, the nearest wins: in the same folder, else in the folder sharing most of the current one's path.
 * Undefined when none fits (the cross-year rules then find nothing).
 */
export function findPrevious(current: { file: string; report: Report }, candidates: readonly OtherReport[], mapping?: Readonly<Record<string, string>>): OtherReport | undefined {
  const self = normalisePath(current.file);
  const others = candidates.filter((c) => normalisePath(c.file) !== self);
  if (mapping) {
    const named = Object.entries(mapping).find(([from]) => normalisePath(from) === self)?.[1];
    if (named !== undefined) return others.find((c) => normalisePath(c.file) === normalisePath(named));
  }
  const year = yearOf(current.file, current.report);
  if (year === null) return undefined;
  const lastYear = others.filter((c) => yearOf(c.file, c.report) === year - 1);
  const here = split(current.file);
  // the nearest: the one whose folder shares the most folders with the current one's (the same folder first)
  const shared = (c: OtherReport) => {
    const [a, b] = [here.dir.split('/'), split(c.file).dir.split('/')];
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n === a.length && n === b.length ? Number.MAX_SAFE_INTEGER : n;
  };
  const nearest = (list: OtherReport[]) => list.reduce((best, c) => (shared(c) > shared(best) ? c : best));

  const org = current.report.organisation && organisationKey(current.report.organisation);
  const keyOf = (c: OtherReport) => (c.report.organisation ? organisationKey(c.report.organisation) : null);
  if (org) {
    const same = lastYear.filter((c) => {
      const k = keyOf(c);
      return k !== null && sameOrganisation(org, k);
    });
    if (same.length) return nearest(same);
  }
  const stem = stemOf(here.base);
  if (!stem.match(YEAR_DIGITS)?.includes(String(year))) return undefined;
  const wanted = stem.replace(YEAR_DIGITS, (y) => (y === String(year) ? String(year - 1) : y));
  const byName = lastYear.filter((c) => {
    if (stemOf(split(c.file).base) !== wanted) return false;
    const k = keyOf(c);
    return !org || k === null || sameOrganisation(org, k);
  });
  return byName.length ? nearest(byName) : undefined;
}

/**
 * Last year's report as the cross-year rules take it: the one given, unless both reports state their
 * years and these are not consecutive (a mapping that names another year compares nothing).
 */
export function lastYearOf(report: Report, previous: OtherReport | undefined): OtherReport | undefined {
  if (!previous) return undefined;
  const [y, p] = [report.reportYear, previous.report.reportYear];
  return y !== null && p !== null && p !== y - 1 ? undefined : previous;
}

/** A statistics year a name spells: `2025年`, `2025年度` (not `2026年1月`, a date). */
const NAMED_YEAR = /(?<!\d)((?:199|20\d)\d)\s*年(?!\s*\d{1,2}\s*月)/g;

/**
 * The statistics year a draft's path names: its file name's, else the nearest folder's that names one
 * (a name that spells two different years names none).
 */
export function yearNamed(file: string): { year: number; name: string; folder: boolean } | null {
  const segments = normalisePath(file).split('/').filter(Boolean);
  for (let i = segments.length - 1; i >= 0; i--) {
    const name = i === segments.length - 1 ? stemOf(segments[i]) : segments[i];
    const years = new Set([...name.matchAll(NAMED_YEAR)].map((m) => Number(m[1])));
    if (years.size === 1) return { year: [...years][0], name: segments[i], folder: i < segments.length - 1 };
  }
  return null;
}
