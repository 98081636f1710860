/**
 * Pairing a report with last year's report of the same body (cross-year-carry, cross-year-stock):
 * by an explicit mapping (.nianbaorc.json `previous`, `--previous FILE`), else by the organisation the
 * titles name (normalised: 人民政府办公室 and 政府办, 综合实验区 and its 管委会, 县 and 区 …), else by the
 * file name with the year replaced (`平潭-2024.txt` → `平潭-2023.txt`). Pure: paths are strings the
 * caller gives, compared as written (`/` and `\` alike).
 */
import type { Report } from './report';

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
export function yearOf(file: string, report: Pick<Report, 'reportYear'>): number | null {
  if (report.reportYear !== null) return report.reportYear;
  const years = new Set(stemOf(split(file).base).match(YEAR_DIGITS) ?? []);
  return years.size === 1 ? Number([...years][0]) : null;
}

/** What pairing reads of a report: its path and its title's organisation and year. */
export interface Pairable {
  file: string;
  report: Pick<Report, 'organisation' | 'reportYear'>;
}

/** A candidate as the index holds it: what pairing compares, computed once. */
interface Entry<T> {
  item: T;
  /** Its place among the candidates (among several that fit, the first of the nearest wins). */
  order: number;
  path: string;
  dir: string[];
  org: string | null;
}

const push = <V>(map: Map<string, V[]>, key: string, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/** The organisation key of a report's title (null when it names none). */
const orgKeyOf = (report: Pairable['report']) => (report.organisation ? organisationKey(report.organisation) : null);

/**
 * The candidates for last year's report, indexed so that a report finds its own without a look at every
 * other: by normalised path, by year and organisation key (every suffix of three characters or more too,
 * the shorter names sameOrganisation accepts), by year and file-name stem.
 */
export class PreviousIndex<T extends Pairable> {
  private count = 0;
  private readonly byPath = new Map<string, Entry<T>>();
  /** `year|key` → the candidates of that year whose organisation key is `key`. */
  private readonly byOrg = new Map<string, Entry<T>[]>();
  /** `year|suffix` → the candidates of that year whose organisation key ends with `suffix` (a proper suffix of three characters or more). */
  private readonly byOrgSuffix = new Map<string, Entry<T>[]>();
  /** `year|stem` → the candidates of that year whose file name (without its extension) is `stem`. */
  private readonly byStem = new Map<string, Entry<T>[]>();

  constructor(candidates: Iterable<T> = []) {
    for (const c of candidates) this.add(c);
  }

  add(item: T): void {
    const path = normalisePath(item.file);
    const { dir, base } = split(item.file);
    const entry: Entry<T> = { item, order: this.count++, path, dir: dir.split('/'), org: orgKeyOf(item.report) };
    if (!this.byPath.has(path)) this.byPath.set(path, entry);
    const year = yearOf(item.file, item.report);
    if (year === null) return;
    if (entry.org !== null) {
      push(this.byOrg, `${year}|${entry.org}`, entry);
      for (let i = 1; i <= entry.org.length - 3; i++) push(this.byOrgSuffix, `${year}|${entry.org.slice(i)}`, entry);
    }
    push(this.byStem, `${year}|${stemOf(base)}`, entry);
  }

  /**
   * Last year's report of the same body among the candidates: the one the mapping names for the current
   * file (a file → previous file map, compared as normalised paths), else one whose statistics year is the
   * current one's − 1 and whose title names the same organisation, else one of that year whose file name
   * is the current one's with the year replaced (and whose title names no other organisation). Among
   * several, the nearest wins: in the same folder, else in the folder sharing most of the current one's path.
   * Undefined when none fits (the cross-year rules then find nothing).
   */
  find(current: Pairable, mapping?: Readonly<Record<string, string>>): T | undefined {
    const self = normalisePath(current.file);
    if (mapping) {
      const named = Object.entries(mapping).find(([from]) => normalisePath(from) === self)?.[1];
      if (named !== undefined) {
        const path = normalisePath(named);
        return path === self ? undefined : this.byPath.get(path)?.item;
      }
    }
    const year = yearOf(current.file, current.report);
    if (year === null) return undefined;
    const here = split(current.file);
    const hereDir = here.dir.split('/');
    // the nearest: the one whose folder shares the most folders with the current one's (the same folder first)
    const shared = (e: Entry<T>) => {
      const [a, b] = [hereDir, e.dir];
      let n = 0;
      while (n < a.length && n < b.length && a[n] === b[n]) n++;
      return n === a.length && n === b.length ? Number.MAX_SAFE_INTEGER : n;
    };
    const nearest = (list: Entry<T>[]) => {
      const fit = list.filter((e) => e.path !== self).sort((a, b) => a.order - b.order);
      return fit.length ? fit.reduce((best, e) => (shared(e) > shared(best) ? e : best)).item : undefined;
    };

    const org = current.report.organisation && organisationKey(current.report.organisation);
    const last = year - 1;
    if (org) {
      // the same key, a longer one ending with it, or a shorter one it ends with (sameOrganisation decides)
      const same = [...(this.byOrg.get(`${last}|${org}`) ?? []), ...(this.byOrgSuffix.get(`${last}|${org}`) ?? [])];
      for (let i = 1; i <= org.length - 3; i++) same.push(...(this.byOrg.get(`${last}|${org.slice(i)}`) ?? []));
      const found = nearest(same.filter((e) => e.org !== null && sameOrganisation(org, e.org)));
      if (found) return found;
    }
    const stem = stemOf(here.base);
    if (!stem.match(YEAR_DIGITS)?.includes(String(year))) return undefined;
    const wanted = stem.replace(YEAR_DIGITS, (y) => (y === String(year) ? String(last) : y));
    const byName = (this.byStem.get(`${last}|${wanted}`) ?? []).filter((e) => !org || e.org === null || sameOrganisation(org, e.org));
    return nearest(byName);
  }
}

/** Last year's report of the same body among the candidates (PreviousIndex.find, for one look). */
export function findPrevious<T extends Pairable>(current: Pairable, candidates: readonly T[], mapping?: Readonly<Record<string, string>>): T | undefined {
  return new PreviousIndex(candidates).find(current, mapping);
}

/**
 * Last year's report as the cross-year rules take it: the one given, unless both reports state their
 * years and these are not consecutive (a mapping that names another year compares nothing).
 */
export function lastYearOf<T extends Pairable>(report: Report, previous: T | undefined): T | undefined {
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
