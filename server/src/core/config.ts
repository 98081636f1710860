/**
 * Settings shared by the server and the CLI (design.md, "config"): rules on/off and severity,
 * the publication deadline, the message language, and findings to ignore. Read from
 * `.nianbaorc.json` (found upward from a draft, or given with --config) or VS Code settings.
 * A value of the wrong type falls back to the default and is reported.
 */
import { CODES, type Code, type Finding, type Severity } from './finding';
import { LANGUAGES, type Language } from './l10n';
import type { Deadline } from './rules/rule';

export type RuleSetting = Severity | 'off';

/** A finding not to report: every field given must match. */
export interface IgnoreEntry {
  code: Code;
  /** The draft's path, relative to the config file (or its file name). */
  file?: string;
  /** 1-based line of the finding. */
  line?: number;
  /** Text that the finding's line contains. */
  text?: string;
}

export interface Config {
  rules: Partial<Record<Code, RuleSetting>>;
  deadline: Deadline;
  language: Language;
  ignore: IgnoreEntry[];
  /** Characters checked at most: a longer file is checked up to the last line break within it (partly-checked). */
  sizeLimit: number;
  /** The statistics year every report must be of (year-mismatch); null: any year. */
  year: number | null;
  /** Last year's report of a draft, named explicitly: draft → previous file, paths relative to the config file. */
  previous: Record<string, string>;
  /**
   * A summary report's parts (汇总, aggregate-mismatch): paths relative to the config file's folder, or the
   * organisations their titles name (core/aggregate.ts findChildren). It applies to the reports the config
   * governs that it does not itself name.
   */
  children: string[];
}

/** The statistics years a `year` setting may name. */
export const YEAR_RANGE = { min: 2008, max: 2100 };

/** Far above any real report (the largest known is about 65,000 characters); README, "可靠性 / Hardening". */
export const DEFAULT_SIZE_LIMIT = 1_000_000;
/**
 * The largest sizeLimit honoured (a larger one is clamped to it and reported): checking 10 million
 * characters of the densest tables stays within about 1 GB, where 50 million ran out of memory
 * (README, "可靠性 / Hardening").
 */
export const MAX_SIZE_LIMIT = 10_000_000;

export const DEFAULT_CONFIG: Config = { rules: {}, deadline: 'auto', language: 'zh-cn', ignore: [], sizeLimit: DEFAULT_SIZE_LIMIT, year: null, previous: {}, children: [] };

/** A statistics year as a setting gives it (a number or digits), or null when it is none. */
export function parseYear(v: unknown): number | null {
  const n = typeof v === 'string' && /^\s*\d{4}\s*$/.test(v) ? Number(v) : v;
  return Number.isInteger(n) && (n as number) >= YEAR_RANGE.min && (n as number) <= YEAR_RANGE.max ? (n as number) : null;
}

const SEVERITIES: RuleSetting[] = ['error', 'warning', 'information', 'hint', 'off'];

/** `1月31日`, `01-31`, `1-31` → month and day. */
export function parseDeadline(v: unknown): Deadline | null {
  if (v === 'auto' || v === 'department' || v === 'government') return v;
  if (typeof v !== 'string') return null;
  const m = /^(\d{1,2})\s*(?:月|-|\/|\.)\s*(\d{1,2})\s*日?$/.exec(v.trim());
  if (!m) return null;
  const month = Number(m[1]);
  const day = Number(m[2]);
  // the days of the month (29 for February: a deadline recurs every year, leap years included)
  if (month < 1 || month > 12 || day < 1 || day > [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]) return null;
  return { month, day };
}

/**
 * Reads a raw settings object. Unknown keys and wrong types are reported in `problems`
 * (English and Chinese in one line) and fall back to the default.
 */
export function normalizeConfig(raw: unknown, base: Config = DEFAULT_CONFIG): { config: Config; problems: string[] } {
  const problems: string[] = [];
  const config: Config = {
    rules: { ...base.rules },
    deadline: base.deadline,
    language: base.language,
    ignore: [...base.ignore],
    sizeLimit: base.sizeLimit,
    year: base.year,
    previous: { ...base.previous },
    children: [...base.children],
  };
  if (raw === undefined || raw === null) return { config, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { config, problems: ['设置应为对象 (settings must be an object)'] };
  const r = raw as Record<string, unknown>;
  for (const key of Object.keys(r)) {
    if (!['rules', 'deadline', 'language', 'ignore', 'sizeLimit', 'year', 'previous', 'children', '$schema'].includes(key)) problems.push(`未知设置项 “${key}” (unknown setting)`);
  }
  if (r.rules !== undefined) {
    if (typeof r.rules !== 'object' || r.rules === null || Array.isArray(r.rules)) problems.push('“rules” 应为对象 (must be an object)');
    else {
      for (const [code, v] of Object.entries(r.rules as Record<string, unknown>)) {
        if (!(CODES as readonly string[]).includes(code)) {
          problems.push(`未知规则 “${code}” (unknown rule)`);
          continue;
        }
        const setting: RuleSetting | null = v === true ? null : v === false ? 'off' : SEVERITIES.includes(v as RuleSetting) ? (v as RuleSetting) : null;
        if (v === true) delete config.rules[code as Code];
        else if (setting) config.rules[code as Code] = setting;
        else problems.push(`规则 “${code}” 的设置无效：${JSON.stringify(v)} (invalid rule setting)`);
      }
    }
  }
  if (r.deadline !== undefined) {
    const d = parseDeadline(r.deadline);
    if (d) config.deadline = d;
    else problems.push(`“deadline” 无效：${JSON.stringify(r.deadline)}（应为 auto、department、government 或 “1月31日”） (invalid deadline)`);
  }
  if (r.language !== undefined) {
    if (LANGUAGES.includes(r.language as Language)) config.language = r.language as Language;
    else problems.push(`“language” 无效：${JSON.stringify(r.language)}（应为 zh-cn 或 en） (invalid language)`);
  }
  if (r.sizeLimit !== undefined) {
    if (Number.isSafeInteger(r.sizeLimit) && (r.sizeLimit as number) > MAX_SIZE_LIMIT) {
      config.sizeLimit = MAX_SIZE_LIMIT;
      problems.push(`“sizeLimit” ${r.sizeLimit} 超过上限，按 ${MAX_SIZE_LIMIT} 检查 (sizeLimit above the maximum of ${MAX_SIZE_LIMIT} characters; ${MAX_SIZE_LIMIT} used)`);
    } else if (Number.isSafeInteger(r.sizeLimit) && (r.sizeLimit as number) >= 1000) config.sizeLimit = r.sizeLimit as number;
    else problems.push(`“sizeLimit” 无效：${JSON.stringify(r.sizeLimit)}（应为不小于 1000 的整数，单位为字符） (invalid sizeLimit: a whole number of characters, at least 1000)`);
  }
  if (r.year === null) config.year = null;
  else if (r.year !== undefined) {
    const y = parseYear(r.year);
    if (y !== null) config.year = y;
    else problems.push(`“year” 无效：${JSON.stringify(r.year)}（应为 ${YEAR_RANGE.min}–${YEAR_RANGE.max} 之间的年份） (invalid year: a statistics year such as 2025)`);
  }
  if (r.previous !== undefined) {
    const p = r.previous;
    if (typeof p !== 'object' || p === null || Array.isArray(p)) problems.push('“previous” 应为对象（报告 → 上一年度报告） (must be an object: report → last year’s report)');
    else {
      for (const [from, to] of Object.entries(p as Record<string, unknown>)) {
        if (typeof to === 'string' && to !== '' && from !== '') config.previous[from] = to;
        else problems.push(`“previous” 中的项无效：${JSON.stringify(from)}: ${JSON.stringify(to)} (invalid previous entry: a file name for each report)`);
      }
    }
  }
  if (r.children !== undefined) {
    if (Array.isArray(r.children) && r.children.every((c) => typeof c === 'string' && c.trim() !== '')) config.children = r.children as string[];
    else problems.push(`“children” 无效：${JSON.stringify(r.children)}（应为下级单位报告的路径或单位名称的数组） (invalid children: an array of paths or organisation names)`);
  }
  if (r.ignore !== undefined) {
    if (!Array.isArray(r.ignore)) problems.push('“ignore” 应为数组 (must be an array)');
    else {
      for (const e of r.ignore) {
        const ok =
          e &&
          typeof e === 'object' &&
          (CODES as readonly string[]).includes((e as IgnoreEntry).code) &&
          ((e as IgnoreEntry).file === undefined || typeof (e as IgnoreEntry).file === 'string') &&
          ((e as IgnoreEntry).line === undefined || Number.isInteger((e as IgnoreEntry).line)) &&
          ((e as IgnoreEntry).text === undefined || typeof (e as IgnoreEntry).text === 'string');
        if (ok) config.ignore.push(e as IgnoreEntry);
        else problems.push(`忽略项无效：${JSON.stringify(e)} (invalid ignore entry)`);
      }
    }
  }
  return { config, problems };
}

/** Where a finding is, for matching ignore entries. */
export interface FindingPlace {
  /** The draft's path relative to the config file's folder, with `/` separators. */
  file?: string;
  line: number;
  lineText: string;
}

export function isIgnored(f: Finding, place: FindingPlace, ignore: IgnoreEntry[]): boolean {
  return ignore.some(
    (e) =>
      e.code === f.code &&
      (e.file === undefined || (place.file !== undefined && (place.file === e.file || place.file.endsWith('/' + e.file)))) &&
      (e.line === undefined || e.line === place.line + 1) &&
      (e.text === undefined || place.lineText.includes(e.text)),
  );
}
