/**
 * `nianbao new --from THIS_YEAR [--out FILE]`: next year's draft from this year's report
 * (core/next-year.ts), from a text draft or a published file (.html .docx .xlsx .pdf .doc, read as
 * `check` reads it). Written beside it (the year in the file name moved on, else `-YYYY` added), never
 * over an existing file; then checked against this year's report, so that what still describes this
 * year (stale-prose) and what the clerk must fill in (upgrade-fill) are listed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { otherReport } from '../core/aggregate';
import { analyze, readReport } from '../core/check';
import { render } from '../core/l10n';
import { nextYearDraft } from '../core/next-year';
import { encode } from '../node/encoding';
import { readInput } from '../node/readers/input';
import { commandArgs } from './args';
import type { CliIO } from './cli';
import { printable, textLines } from './output';
import { NOT_A_REPORT } from './published';

const USAGE = `用法 (usage): nianbao new --from <本年度报告> [--out 输出文件|-]

  根据本年度报告新建下一年度草稿：标题、统计期限和年度改为下一年，发布日期推后一年（重算星期），
  “二、上年结转”填入本年的“四、结转下年度继续办理”，现行有效件数沿用本年，其他数字清零；
  2019 年格式的表格升级为 2021 年格式。正文保持原样，仍在描述本年度的段落会被列出（stale-prose）。
  本年度报告可以是 .txt .md 草稿，也可以是 .html .docx .xlsx .pdf .doc 报告。
  默认写到原文件旁边（文件名中的年份加一，没有年份则加上“-年份”），已存在则不覆盖；--out - 写到标准输出。
  makes next year's draft from this year's report (years, carry-over, stocks moved on; counts zeroed;
  2019 tables upgraded) beside it or to --out, never over an existing file.`;

/** The new draft's file: the source's name with its year moved on, else with `-YYYY` added (a published file's draft is .txt). */
export function nextYearName(file: string, from: number, year: number, published: boolean): string {
  const ext = published ? '.txt' : path.extname(file);
  const stem = path.basename(file, path.extname(file));
  const moved = stem.includes(String(from)) ? stem.split(String(from)).join(String(year)) : `${stem}-${year}`;
  return path.join(path.dirname(file), moved + ext);
}

export async function newDraft(argv: string[], io: CliIO): Promise<number> {
  const args = commandArgs({ args: argv, options: { from: { type: 'string' }, out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h', default: false } } }, USAGE, io);
  if (typeof args === 'number') return args;
  const { values } = args;
  const file = values.from;
  if (!file) {
    io.err(`nianbao: 请用 --from 给出本年度报告 (--from names this year's report)\n\n${USAGE}`);
    return 2;
  }
  const input = await readInput(file);
  if (input.kind === 'error') {
    io.err(`${printable(file)}: ${input.reason}`);
    return 2;
  }
  if (input.kind === 'not-report') {
    io.err(`${printable(file)}: ${NOT_A_REPORT}`);
    return 2;
  }
  const draft = nextYearDraft(input.text);
  if ('error' in draft) {
    io.err(`${printable(file)}: ${render(draft.error)}`);
    return 2;
  }
  const published = input.kind !== 'text';
  const out = values.out ?? nextYearName(file, draft.from, draft.year, published);
  // with the draft on standard output, what is said about it goes to standard error
  const say = out === '-' ? io.err : io.out;
  if (out === '-') io.out(draft.text.replace(/\n$/, ''));
  else {
    if (path.resolve(out) === path.resolve(file) || fs.existsSync(out)) {
      io.err(`${printable(out)}: 文件已存在，未覆盖（用 --out 指定其他文件） (exists; not overwritten)`);
      return 2;
    }
    try {
      // a text draft keeps its encoding (a GB18030 draft stays GB18030); a published file's draft is UTF-8
      fs.writeFileSync(out, input.kind === 'text' ? encode(draft.text, input.encoding) : draft.text, { flag: 'wx' });
    } catch (e) {
      io.err(`${printable(out)}: ${(e as Error).message}`);
      return 2;
    }
    say(`${printable(file)} → ${printable(out)}：${draft.year} 年度草稿 (next year's draft)`);
  }
  for (const n of draft.notes) say(`${printable(out)}: ${render(n)}`);
  // the new draft against this year's report: stale prose, cells to fill, the carry-over's balance
  const analysis = analyze(draft.text, { others: { previous: otherReport(file, readReport(input.text)) } });
  for (const line of textLines(printable(out), analysis, 'zh-cn')) say(line);
  return 0;
}
