/**
 * The CLI for published files (.html, .docx, .xlsx, .pdf, .doc): `check` on the draft a reader made
 * (findings located in the file itself), `--fix` written into HTML and Word files only, and
 * `nianbao convert FILE --to txt|md` for an editable text draft.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { analyze, type Analysis, type AnalyzeOptions } from '../core/check';
import type { FixKind } from '../core/finding';
import { looksLikeReport } from '../core/sniff';
import { writeAtomically, type WriteOptions } from '../node/atomic';
import { cellOffset, locate, NO_FIX, type Published } from '../node/readers';
import { fixPublished } from '../node/readers/fix';
import { readInput, type Input } from '../node/readers/input';
import type { Locate } from './output';
import type { SarifFile } from './sarif';
import { commandArgs } from './args';
import type { CliIO } from './cli';

export const NOT_A_REPORT = '不像年度报告，已跳过 (not a report; skipped)';

export interface PublishedCheck {
  found: boolean;
  fixing: boolean;
  kinds: FixKind[];
  dryRun: boolean;
  options: AnalyzeOptions;
  format: string;
  io: CliIO;
  /** The write's options (its seam for tests: node/atomic.ts). */
  write: WriteOptions;
}

/** What the check of a published file gives the CLI's outputs: where its findings are, and for SARIF the page's text. */
export interface PublishedResult {
  analysis?: Analysis;
  /** Not a report (the caller names it and says why). */
  skipped?: boolean;
  failed?: boolean;
  locate?: Locate;
  sarif?: Pick<SarifFile, 'source' | 'toSource'>;
}

/** Checks (and fixes) one published file; says what to count. */
export async function checkPublished(file: string, input: Exclude<Input, { kind: 'text' | 'error' }>, c: PublishedCheck): Promise<PublishedResult> {
  if (input.kind === 'not-report') return { skipped: true };
  const p = input.published;
  let analysis = analyze(p.text, c.options);
  if (c.found && !looksLikeReport(analysis.report)) return { skipped: true };
  let failed = false;
  let current = p;
  if (c.fixing) {
    const r = await fixPublished(p, input.bytes, c.kinds, c.options);
    if (!r.ok) {
      // said when there was something to fix; a PDF, a workbook or a .doc is never written, and that is no failure
      if (r.analysis.findings.some((f) => f.fix && c.kinds.includes(f.fix.kind))) {
        c.io.err(`${file}: ${r.reason}`);
        failed = !(p.kind in NO_FIX);
      }
    } else if (r.data) {
      if (c.dryRun) {
        const patch = createTwoFilesPatch(file, file, p.text, r.analysis.report.text, '', '', { context: 1 });
        (c.format === 'text' ? c.io.out : c.io.err)(patch.trimEnd());
      } else {
        const problem = writeAtomically(file, input.read, r.data, c.write);
        if (problem) {
          c.io.err(`${file}: ${problem}`);
          failed = true;
        } else {
          analysis = r.analysis;
          const again = await readInput(file);
          if (again.kind !== 'error' && again.kind !== 'not-report' && again.kind !== 'text') current = again.published;
        }
      }
    }
  }
  const where: Locate = (offset) => locate(current, offset);
  return { analysis, failed, locate: where, sarif: htmlSource(current) };
}

const htmlSource = (p: Published) => (p.kind === 'html' ? { source: p.source, toSource: (o: number) => p.map.toSource(cellOffset(p, o)) } : {});

const CONVERT = `用法 (usage): nianbao convert <文件> --to txt|md [-o 输出文件|-]

  把 .html .docx .xlsx .pdf .doc 报告写成可编辑的文本草稿（表格每行一行、单元格以制表符分隔；md 为 Markdown 表格）。
  默认写到原文件旁边（同名 .txt / .md），已存在则不覆盖；-o - 写到标准输出。
  writes an editable text draft of a published report (tab rows; md: Markdown tables) beside it, or to -o.`;

export async function convert(argv: string[], io: CliIO): Promise<number> {
  const args = commandArgs(
    { args: argv, allowPositionals: true, options: { to: { type: 'string', default: 'txt' }, output: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h', default: false } } },
    CONVERT,
    io,
  );
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  if (positionals.length !== 1 || !['txt', 'md'].includes(values.to as string)) {
    io.err(`nianbao: 请给出一个文件和 --to txt 或 md (one file and --to txt|md)\n\n${CONVERT}`);
    return 2;
  }
  const file = positionals[0];
  const input = await readInput(file);
  if (input.kind === 'error') {
    io.err(`${file}: ${input.reason}`);
    return 2;
  }
  if (input.kind === 'not-report') {
    io.err(`${file}: ${NOT_A_REPORT}`);
    return 2;
  }
  const text = values.to === 'md' && 'published' in input ? input.published.markdown : input.text;
  const out = values.output ?? path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.${values.to}`);
  if (out === '-') {
    io.out(text.replace(/\n$/, ''));
    return 0;
  }
  if (path.resolve(out) === path.resolve(file) || fs.existsSync(out)) {
    io.err(`${out}: 文件已存在，未覆盖（用 -o 指定其他文件） (exists; not overwritten)`);
    return 2;
  }
  try {
    fs.writeFileSync(out, text, { flag: 'wx' });
  } catch (e) {
    io.err(`${out}: ${(e as Error).message}`);
    return 2;
  }
  io.out(`${file} → ${out}`);
  return 0;
}
