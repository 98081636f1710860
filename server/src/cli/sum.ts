/**
 * `nianbao sum <parts…> [--into <summary>] [--out FILE]` (汇总): the parts' reports (bureaus', towns')
 * summed cell by cell (core/aggregate.ts). Without --into, writes the summary draft in the parts' format:
 * a text draft to stdout or --out FILE (.txt, .md), or a workbook (--out FILE.xlsx) whose summary sheet
 * holds live SUM formulas over a sheet per part. With --into, checks the summary report against the
 * sums (aggregate-mismatch, and aggregate-missing for the parts its .nianbaorc.json names that were not
 * given). Exit 0: written, or the summary agrees; 1: the summary has an error-severity finding;
 * 2: bad usage, an unreadable file, parts that cannot be summed (mixed formats or years).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { aggregate, describeCell, findChildren, inOptionalRow, namesFile, otherReport, sumKey, UNKNOWN_SUM, type Sums } from '../core/aggregate';
import { analyze, type Analysis } from '../core/check';
import { render, type Language } from '../core/l10n';
import type { OtherReport } from '../core/rules/rule';
import { looksLikeReport } from '../core/sniff';
import { skeleton } from '../core/skeleton';
import { collectFiles, loadConfigFile, relativeTo, type ConfigFinder, type LoadedConfig } from '../node/files';
import { readInput } from '../node/readers/input';
import { summaryWorkbook } from '../node/sum-xlsx';
import { commandArgs } from './args';
import type { CliIO } from './cli';
import { printable, textLines, toJsonFile } from './output';
import { NOT_A_REPORT } from './published';

export const SUM_USAGE = `       nianbao sum <各下级单位报告或文件夹…> [--out 文件.txt|.md|.xlsx]   逐格汇总，写出汇总报告草稿 (sum the parts into a summary draft)
       nianbao sum <各下级单位报告或文件夹…> --into <汇总报告> [--config FILE] [--format text|json]   核对汇总报告与各下级单位之和 (check a summary against its parts)`;

const CODES = new Set(['aggregate-mismatch', 'aggregate-missing']);

/** Reads a report named on the command line (or found in a folder given); says why not. */
async function readReport(file: string | Buffer, name = String(file)): Promise<{ text: string } | { reason: string }> {
  const input = await readInput(file, name);
  if (input.kind === 'error') return { reason: input.reason };
  if (input.kind === 'not-report') return { reason: NOT_A_REPORT };
  return { text: input.text };
}

/** The summary draft as text: the parts' format, tab-separated rows (Markdown tables for a .md file). */
function draftText(sums: Sums, markdown: boolean): string {
  const byKey = new Map(sums.cells.map((c) => [sumKey(c.ref), c.sum]));
  return skeleton({ year: sums.year, format: sums.format, layout: markdown ? 'markdown' : 'tab', value: (ref) => String(byKey.get(sumKey(ref)) ?? UNKNOWN_SUM) });
}

/** What the draft cannot say: cells whose sum is unknown, parts whose own totals are wrong (their computed totals are summed). */
function notes(sums: Sums, parts: { part: OtherReport; analysis: Analysis }[], language: Language, io: CliIO): void {
  const unknown = sums.cells.filter((c) => c.sum === null && !inOptionalRow(sums.format, c.ref));
  if (unknown.length) {
    const list = unknown.map((c) => describeCell(sums.format, c.ref));
    io.err(`nianbao sum: ${unknown.length} 个单元格有下级单位的值缺失或无法读取，汇总中写“${UNKNOWN_SUM}” (cells marked ${UNKNOWN_SUM}: a part's value is missing or unreadable)：${list.slice(0, 10).join('；')}${list.length > 10 ? '……' : ''}`);
  }
  for (const { part, analysis } of parts) {
    const errors = analysis.findings.filter((f) => f.severity === 'error');
    if (errors.length) io.err(`${printable(part.file)}: ${errors.length} 个错误，汇总时合计按算出的值计 (${errors.length} errors; its totals are summed as computed)：${render(errors[0].message, language)}`);
  }
}

function write(out: string, data: string | Buffer, io: CliIO): number {
  try {
    fs.writeFileSync(out, data, { flag: 'wx' });
  } catch (e) {
    const exists = (e as NodeJS.ErrnoException).code === 'EEXIST';
    io.err(`${printable(out)}: ${exists ? '文件已存在，未覆盖 (exists; not overwritten)' : (e as Error).message}`);
    return 2;
  }
  return 0;
}

/** Runs `nianbao sum …` (argv after `sum`); answers the exit code. */
/** `finder`: where the summary's .nianbaorc.json is looked for (as `nianbao check` looks). */
export async function sum(argv: string[], io: CliIO, finder: ConfigFinder): Promise<number> {
  const args = commandArgs(
    {
      args: argv,
      allowPositionals: true,
      options: {
        into: { type: 'string' },
        out: { type: 'string', short: 'o' },
        format: { type: 'string', default: 'text' },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    },
    SUM_USAGE,
    io,
  );
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  if (positionals.length === 0) {
    io.err(`nianbao sum: 请给出各下级单位的报告 (no parts given)\n\n${SUM_USAGE}`);
    return 2;
  }
  if (!['text', 'json'].includes(values.format as string) || (values.into !== undefined && values.out !== undefined)) {
    io.err(`nianbao sum: --into 与 --out 不能同时使用，--format 只能是 text 或 json (--into and --out exclude each other; --format text|json)\n\n${SUM_USAGE}`);
    return 2;
  }
  const language: Language = 'zh-cn';
  const read: { part: OtherReport; analysis: Analysis }[] = [];
  // folders are walked as `check` walks them; the summary itself is no part of it
  const walk = collectFiles(positionals);
  let failed = walk.errors.length > 0;
  for (const e of [...walk.errors, ...walk.notes]) io.err(`${printable(e.path)}: ${e.reason}`);
  const summaryPath = values.into === undefined ? null : path.resolve(values.into);
  for (const draft of walk.files) {
    const file = draft.name;
    if (path.resolve(file) === summaryPath) continue;
    const r = await readReport(draft.path, file);
    if ('reason' in r) {
      // a file met in a folder that is not a report is left out, as check leaves it
      if (draft.walked && r.reason === NOT_A_REPORT) continue;
      io.err(`${printable(file)}: ${r.reason}`);
      failed = true;
      continue;
    }
    const analysis = analyze(r.text);
    if (draft.walked && !looksLikeReport(analysis.report)) continue;
    read.push({ part: otherReport(file, analysis.report), analysis });
  }
  if (failed) return 2;
  if (read.length === 0) {
    io.err(`nianbao sum: 没有找到下级单位的报告 (no parts found)`);
    return 2;
  }
  const parts = read.map((r) => r.part);

  if (values.into === undefined) {
    const sums = aggregate(parts);
    if (!sums.ok) {
      io.err(`nianbao sum: ${render(sums.problem, language)}`);
      return 2;
    }
    notes(sums, read, language, io);
    const out = values.out;
    if (out === undefined || out === '-') {
      io.out(draftText(sums, false).replace(/\n$/, ''));
      return 0;
    }
    const data = /\.xlsx$/i.test(out) ? await summaryWorkbook(sums) : draftText(sums, /\.(md|markdown)$/i.test(out));
    const code = write(out, data, io);
    if (code === 0) io.out(`${parts.map((p) => printable(p.file)).join(' + ')} → ${printable(out)}`);
    return code;
  }

  const into = values.into;
  const r = await readReport(into);
  if ('reason' in r) {
    io.err(`${printable(into)}: ${r.reason}`);
    return 2;
  }
  // the parts the summary's .nianbaorc.json names (children) that are not among those given
  let loaded: LoadedConfig;
  try {
    loaded = values.config !== undefined ? await loadConfigFile(values.config) : await finder.forFile(into);
  } catch (e) {
    io.err(`nianbao: ${printable((e as Error).message)}`);
    return 2;
  }
  const dir = loaded.dir ?? path.dirname(path.resolve(into));
  const entries = loaded.config.children;
  const resolved = entries.map((e) => (namesFile(e) ? path.resolve(dir, e) : e));
  const given = parts.map((p) => ({ ...p, file: path.resolve(p.file) }));
  const missing = findChildren(resolved, given).missing.map((m) => entries[resolved.indexOf(m)] ?? m);
  const analysis = analyze(r.text, { config: loaded.config, file: relativeTo(loaded.dir, into), others: { children: { reports: parts, missing } } });
  const refused = aggregate(parts, analysis.report);
  if (!refused.ok) {
    io.err(`nianbao sum: ${render(refused.problem, language)}`);
    return 2;
  }
  const shown = { ...analysis, findings: analysis.findings.filter((f) => CODES.has(f.code)) };
  if (values.format === 'json') io.out(JSON.stringify([toJsonFile(into, shown, language)], null, 2));
  else {
    for (const line of textLines(printable(into), shown, language)) io.out(line);
    const counts = ['error', 'warning'].map((s) => shown.findings.filter((f) => f.severity === s).length);
    io.out(`汇总核对：${parts.length} 个下级单位，${counts[0]} 个错误，${counts[1]} 个警告 (${parts.length} parts; ${counts[0]} errors, ${counts[1]} warnings)`);
  }
  return shown.findings.some((f) => f.severity === 'error') ? 1 : 0;
}
