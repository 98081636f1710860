/**
 * `nianbao check`: the command-line twin of the language server, on the same core.
 * Exit 0 when no error-severity finding remains, 1 when one does, 2 for bad usage, an unreadable
 * file or a file that changed on disk during --fix (2 wins over 1).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { analyze, fixText, readHead, readReport, type Analysis, type AnalyzeOptions } from '../core/check';
import { parseYear } from '../core/config';
import { encode } from '../node/encoding';
import { FIX_KINDS, type FixKind, type Severity } from '../core/finding';
import { writeAtomically, type WriteOptions } from '../node/atomic';
import { ConfigFinder, collectFiles, loadConfigFile, relativeTo, type Draft, type LoadedConfig } from '../node/files';
import { readInput, type Input } from '../node/readers/input';
import { printable, summary, textLines, toJsonFile, type JsonFile, type Locate } from './output';
import { checkPublished, convert, NOT_A_REPORT } from './published';
import { newDraft } from './new';
import { languageOf } from '../core/l10n';
import { toSarif, type SarifFile } from './sarif';
import { headLooksLikeReport, looksLikeReport } from '../core/sniff';
import { mappedPrevious, Pairs, type Head } from './pairs';
import { UNSUPPORTED } from '../node/readers';
import { atLeast, checkedOf, reportTable, SEVERITIES, summaryJson, type BatchEntry, type SkipReason } from './batch';
import { toHtml } from './html';
import { commandArgs } from './args';
import { ChildReader } from './children';
import { sum, SUM_USAGE } from './sum';

const USAGE = `用法 (usage): nianbao check <文件或文件夹…> [选项]
       nianbao convert <文件> --to txt|md [-o 输出文件]   网页、Word、Excel、PDF 转为文本草稿 (published file to a text draft)
${SUM_USAGE}
       nianbao new --from <本年度报告> [--out 输出文件]   根据本年度报告新建下一年度草稿 (next year's draft from this year's report)

  文件可以是 .txt .md .nianbao 草稿，也可以是 .html .docx .xlsx .pdf .doc 报告 (drafts or published reports)

  --format text|json|sarif|html  输出格式（默认 text，末尾附各报告一览表；sarif 为 SARIF 2.1.0；html 为可发给各单位的单页网页） output format
  --fix                  自动修正合计并写回文件 fix wrong totals in place
  --fix-type LIST        修正的种类，逗号分隔：${FIX_KINDS.join(',')}（默认 totals）
  --fix-dry-run          只显示修改（diff），不写文件 print the diff, write nothing
  --config FILE          使用此配置文件，不再向上查找 .nianbaorc.json
  --help-uri-base URL    SARIF 中各规则说明页（docs/rules/）发布的地址 where the rule pages are published (SARIF helpUri)
  --previous FILE        上一年度的报告（只检查一个报告时）；不给时在所给文件中按单位和年度配对 last year's report of the one report checked
  --year N               报告应属的统计年度，不符即报错 the statistics year every report must be of
  --quiet                只列出错误（同 --min-severity error） list errors only
  --min-severity LEVEL   只列出此级别及以上的问题：error|warning|information|hint（一览表和 --summary 仍计全部） list findings of this level and above
  --summary FILE         把本次检查的汇总（各报告一行、跳过的文件及原因、合计）以 JSON 写入文件 write the batch summary as JSON
  --pretty               JSON 与 SARIF 缩进输出（默认紧凑） indented JSON and SARIF (compact by default)
  -h, --help             显示帮助
  -v, --version          显示版本

退出码 (exit code)：0 无错误；1 有错误级别的问题；2 用法错误或文件无法读取。`;

export interface CliIO {
  out: (s: string) => void;
  err: (s: string) => void;
}


function parseFixTypes(v: string | undefined): FixKind[] | string {
  if (v === undefined) return ['totals'];
  const kinds = v.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = kinds.filter((k) => !FIX_KINDS.includes(k as FixKind));
  if (bad.length || kinds.length === 0) return `--fix-type 的值无效：${bad.join(',') || v}（可用：${FIX_KINDS.join(',')}）`;
  return kinds as FixKind[];
}

/**
 * Where the CLI's upward search for `.nianbaorc.json` ends: a repository root (a `.git` there) or
 * the home folder, read and not gone above (files.ts: never a folder other users can write).
 */
function isSearchTop(dir: string): boolean {
  return dir === os.homedir() || fs.existsSync(path.join(dir, '.git'));
}

/** Runs `nianbao …`; answers the exit code. `write` reaches the write of --fix (node/atomic.ts; tests use its seam). */
export async function run(argv: string[], io: CliIO, write: WriteOptions = {}): Promise<number> {
  if (argv[0] === 'convert') return convert(argv.slice(1), io);
  if (argv[0] === 'sum') return sum(argv.slice(1), io, new ConfigFinder(isSearchTop));
  if (argv[0] === 'new') return newDraft(argv.slice(1), io);
  const args = commandArgs(
    {
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        fix: { type: 'boolean', default: false },
        'fix-type': { type: 'string' },
        'fix-dry-run': { type: 'boolean', default: false },
        config: { type: 'string' },
        'help-uri-base': { type: 'string' },
        previous: { type: 'string' },
        year: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        'min-severity': { type: 'string' },
        summary: { type: 'string' },
        pretty: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    },
    USAGE,
    io,
  );
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  if (values.version) {
    io.out(VERSION);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (command !== 'check') {
    io.err(`nianbao: ${command ? `未知命令 “${command}” (unknown command)` : '缺少命令 (missing command)'}\n\n${USAGE}`);
    return 2;
  }
  if (paths.length === 0) {
    io.err(`nianbao: 请给出要检查的文件或文件夹 (no files given)\n\n${USAGE}`);
    return 2;
  }
  if (!['text', 'json', 'sarif', 'html'].includes(values.format as string)) {
    io.err(`nianbao: --format 的值无效：${values.format}（可用：text, json, sarif, html）`);
    return 2;
  }
  const minSeverity = values['min-severity'] ?? (values.quiet ? 'error' : 'hint');
  if (!SEVERITIES.includes(minSeverity as Severity)) {
    io.err(`nianbao: --min-severity 的值无效：${minSeverity}（可用：${SEVERITIES.join(', ')}）`);
    return 2;
  }
  if (values.quiet && minSeverity !== 'error') {
    io.err('nianbao: --quiet 只列出错误，不能与 --min-severity 同用 (--quiet means --min-severity error)');
    return 2;
  }
  if (values.summary === '') {
    io.err('nianbao: --summary 需要一个文件名 (--summary needs a file name)');
    return 2;
  }
  /** The findings listed (text lines, JSON, SARIF, the HTML page); the table and --summary count them all. */
  const listed = (a: Analysis): Analysis => (minSeverity === 'hint' ? a : { ...a, findings: a.findings.filter((f) => atLeast(f.severity, minSeverity as Severity)) });
  const helpUriBase = values['help-uri-base'];
  if (helpUriBase !== undefined && !URL.canParse(helpUriBase)) {
    io.err(`nianbao: --help-uri-base 的值不是网址：${helpUriBase} (not a URL)`);
    return 2;
  }
  const kinds = parseFixTypes(values['fix-type']);
  if (typeof kinds === 'string') {
    io.err(`nianbao: ${kinds}`);
    return 2;
  }
  const fixing = values.fix || values['fix-dry-run'] || values['fix-type'] !== undefined;
  const year = values.year === undefined ? undefined : parseYear(values.year);
  if (year === null) {
    io.err(`nianbao: --year 的值无效：${values.year}（应为统计年度，如 2025） (--year: a statistics year such as 2025)`);
    return 2;
  }
  if (values.previous === '') {
    io.err('nianbao: --previous 需要一个文件名 (--previous needs a file name)');
    return 2;
  }

  let fixed: LoadedConfig | null = null;
  if (values.config !== undefined) {
    try {
      if (values.config === '') throw new Error('--config 需要一个文件名 (--config needs a file name)');
      fixed = await loadConfigFile(values.config);
    } catch (e) {
      io.err(`nianbao: ${(e as Error).message}`);
      return 2;
    }
  }
  const finder = new ConfigFinder(isSearchTop);
  const reported = new Set<string>();
  const configFor = async (file: string): Promise<LoadedConfig> => {
    const c = fixed ?? (await finder.forFile(file));
    if (c.file && c.problems.length && !reported.has(c.file)) {
      reported.add(c.file);
      for (const p of c.problems) io.err(`${printable(c.file)}: ${p}`);
    }
    return c;
  };

  let exit = 0;
  const { files, errors, notes } = collectFiles(paths);
  /** Every file the run met: a report checked, or a file skipped and why (the table, --summary, the HTML page). */
  const entries: BatchEntry[] = [];
  // the HTML page reads each report's whole analysis; the table and --summary its counts (entries)
  const pages: BatchEntry<Analysis>[] | null = values.format === 'html' ? [] : null;
  const skip = (file: string, reason: SkipReason, message: string) => {
    io.err(`${printable(file)}: ${message}`);
    entries.push({ kind: 'skipped', file, reason, message });
    pages?.push({ kind: 'skipped', file, reason, message });
  };
  for (const e of errors) {
    skip(e.path, 'unreadable', e.reason);
    exit = 2;
  }
  for (const n of notes) skip(n.path, 'link-outside', n.reason);
  if (values.previous !== undefined && files.length !== 1) {
    io.err(`nianbao: --previous 只能用于检查一个报告（现有 ${files.length} 个文件） (--previous names last year's report of one report)`);
    return 2;
  }
  // the JSON array is written a file at a time (10,000 files' tables are not all held until the end)
  const indent = values.pretty ? 2 : undefined;
  let jsonFiles = 0;
  const json = {
    push(f: JsonFile) {
      const item = values.pretty ? JSON.stringify(f, null, indent).replace(/^/gm, '  ') : JSON.stringify(f);
      // `[` on a line of its own, then a file a line (`,` in front of all but the first), then `]`
      io.out(jsonFiles++ === 0 ? `[\n${item}` : `,${values.pretty ? '\n' : ''}${item}`);
    },
  };
  const sarif: SarifFile[] = [];
  let language = fixed?.config.language ?? languageOf('zh-cn');
  const emit = (file: string, analysis: Analysis, locate?: Locate, source?: Pick<SarifFile, 'source' | 'toSource'>) => {
    entries.push({ kind: 'report', file, analysis: checkedOf(analysis) });
    pages?.push({ kind: 'report', file, analysis, locate });
    const shown = listed(analysis);
    if (values.format === 'json') json.push(toJsonFile(file, shown, language, locate, pairs.locateIn));
    else if (values.format === 'sarif') sarif.push({ file, analysis: shown, locate, ...source, locateIn: pairs.locateIn });
    else if (values.format === 'text') for (const line of textLines(printable(file), shown, language, locate, pairs.locateIn)) io.out(line);
  };

  // every file read and its report read first, so that each report can be paired with last year's among them
  const pairs = new Pairs();
  const children = new ChildReader(files.map((f) => f.name));
  const inputs: ({ draft: Draft; loaded: LoadedConfig; input: Exclude<Input, { kind: 'error' }>; options: AnalyzeOptions; head?: Head; named?: string } | undefined)[] = [];
  for (const draft of files) {
    const file = draft.name;
    let loaded: LoadedConfig;
    try {
      loaded = await configFor(file);
    } catch (e) {
      io.err(`nianbao: ${printable((e as Error).message)}`);
      exit = 2;
      continue;
    }
    const input = await readInput(draft.path, file);
    if (input.kind === 'error') {
      skip(file, input.reason === UNSUPPORTED ? 'unsupported' : 'unreadable', input.reason);
      exit = 2;
      continue;
    }
    const config = year === undefined ? loaded.config : { ...loaded.config, year };
    // no config: the path as given (file-year reads its folders' names); with one, relative to it (ignore entries)
    const options: AnalyzeOptions = { config, file: loaded.dir ? relativeTo(loaded.dir, file) : file.split(path.sep).join('/') };
    if (input.kind === 'not-report') {
      inputs.push({ draft, loaded, input, options });
      continue;
    }
    // the head only (title, years: what pairing reads); the tables are read when the report is checked
    const read = readHead(input.text, options);
    const head: Head = { organisation: read.organisation, reportYear: read.reportYear };
    // a text met while walking a folder that is not a report is no one's last year (its table may tell)
    const full = draft.walked && !headLooksLikeReport(read) ? readReport(input.text, options) : undefined;
    const candidate = !full || looksLikeReport(full);
    pairs.add(file, input.text, head, options, candidate, input.kind === 'text' ? undefined : input.published, full);
    inputs.push({ draft, loaded, input, options, head, named: values.previous ?? mappedPrevious(loaded.config.previous, loaded.dir, file) });
  }
  pairs.plan(inputs.flatMap((i) => (i?.head && i.named === undefined ? [{ file: i.draft.name, report: i.head }] : [])));

  for (let at = 0; at < inputs.length; at++) {
    const item = inputs[at];
    // each file's text and report are dropped once it is checked
    inputs[at] = undefined;
    if (!item) continue;
    const { draft, loaded, input, options: own, head, named } = item;
    const file = draft.name;
    const shown = printable(file);
    language = loaded.config.language;
    let options = own;
    let done = () => {};
    if (head) {
      const report = pairs.reportOf(file);
      if (report) options = { ...options, report };
      const previous = await pairs.previousOf({ file, report: head }, named, own);
      if (typeof previous === 'string') {
        io.err(`${shown}: 无法读取上一年度报告 (cannot read last year's report): ${printable(previous)}`);
        exit = 2;
      } else {
        done = previous.done;
        if (previous.previous) options = { ...options, others: { previous: previous.previous } };
      }
    }
    // a summary's parts (children in .nianbaorc.json): read once however many summaries name them
    const parts = await children.childrenOf(file, loaded, io.err);
    if (parts) options = { ...options, others: { ...options.others, children: parts } };
    const found = draft.walked;
    if (input.kind !== 'text') {
      // a published file (.html, .docx, .xlsx, .pdf, .doc): read into a draft, located in the file (cli/published.ts)
      const r = await checkPublished(file, input, { found, fixing, kinds, dryRun: values['fix-dry-run'], options, format: values.format as string, io, write });
      done();
      if (r.skipped) skip(file, 'not-report', NOT_A_REPORT);
      if (r.failed) exit = 2;
      if (r.analysis) emit(file, r.analysis, r.locate, r.sarif);
      continue;
    }
    const { bytes, read } = input;
    const decoded = { text: input.text, encoding: input.encoding };
    let analysis = fixing && !found ? null : analyze(decoded.text, options);
    // last year's whole report is no longer held for this report (the options still hold it for the fix below)
    done();
    // a text met while walking a folder that is not a report (a README next to the drafts) is skipped
    if (found && analysis && !looksLikeReport(analysis.report)) {
      skip(file, 'not-report', NOT_A_REPORT);
      continue;
    }
    if (fixing) {
      const result = fixText(decoded.text, kinds, options, analysis ?? undefined);
      analysis = result.analysis;
      if (result.applied > 0) {
        if (values['fix-dry-run']) {
          const patch = createTwoFilesPatch(shown, shown, decoded.text, result.text, '', '', { context: 1 });
          (values.format === 'text' ? io.out : io.err)(patch.trimEnd());
        } else {
          const problem = !encode(decoded.text, decoded.encoding).equals(bytes)
            ? '无法按原编码无损写回，未修改 (cannot write back the encoding losslessly; not written)'
            : writeAtomically(draft.path, read, encode(result.text, decoded.encoding), write);
          if (problem) {
            io.err(`${shown}: ${problem}`);
            exit = 2;
            analysis = result.before;
          }
        }
      }
    }
    if (analysis) emit(file, analysis);
  }
  // in the order of the files (a file that cannot be read was met in the first pass, the others in the second)
  const order = new Map(files.map((d, i) => [d.name, i]));
  const byOrder = (a: BatchEntry, b: BatchEntry) => (order.get(a.file) ?? -1) - (order.get(b.file) ?? -1);
  entries.sort(byOrder);
  pages?.sort(byOrder);
  const batch = summaryJson(entries);
  if (values.format === 'json') io.out(jsonFiles === 0 ? '[]' : ']');
  else if (values.format === 'sarif') io.out(JSON.stringify(toSarif(sarif, language, VERSION, { helpUriBase }), null, indent));
  else if (pages) io.out(toHtml(pages, language, VERSION, listed));
  else {
    const table = reportTable(entries, language);
    if (table.length) io.out(['', ...table, ''].join('\n'));
    const skipped: Partial<Record<SkipReason, number>> = {};
    for (const s of batch.skipped) skipped[s.reason] = (skipped[s.reason] ?? 0) + 1;
    io.out(summary(batch.totals, batch.totals.reports, language, skipped));
  }
  if (values.summary !== undefined) {
    try {
      fs.writeFileSync(values.summary, `${JSON.stringify(batch, null, 2)}\n`);
    } catch (e) {
      io.err(`nianbao: --summary ${printable(values.summary)}: ${(e as Error).message}`);
      exit = 2;
    }
  }
  if (exit === 0 && batch.totals.error > 0) exit = 1;
  return exit;
}

declare const __VERSION__: string;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';
