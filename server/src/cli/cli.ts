/**
 * `nianbao check`: the command-line twin of the language server, on the same core.
 * Exit 0 when no error-severity finding remains, 1 when one does, 2 for bad usage, an unreadable
 * file or a file that changed on disk during --fix (2 wins over 1).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { createTwoFilesPatch } from 'diff';
import { analyze, fixText } from '../core/check';
import { encode } from '../node/encoding';
import { FIX_KINDS, type FixKind, type Severity } from '../core/finding';
import { writeAtomically, type WriteOptions } from '../node/atomic';
import { ConfigFinder, collectFiles, loadConfigFile, relativeTo, type LoadedConfig } from '../node/files';
import { readInput } from '../node/readers/input';
import { printable, summary, textLines, toJsonFile, type JsonFile } from './output';
import { checkPublished, convert } from './published';
import { languageOf } from '../core/l10n';
import { toSarif, type SarifFile } from './sarif';
import { looksLikeReport } from '../core/sniff';

const USAGE = `用法 (usage): nianbao check <文件或文件夹…> [选项]
       nianbao convert <文件> --to txt|md [-o 输出文件]   网页、Word、Excel、PDF 转为文本草稿 (published file to a text draft)

  文件可以是 .txt .md .nianbao 草稿，也可以是 .html .docx .xlsx .pdf .doc 报告 (drafts or published reports)

  --format text|json|sarif  输出格式（默认 text；sarif 为 SARIF 2.1.0） output format
  --fix                  自动修正合计并写回文件 fix wrong totals in place
  --fix-type LIST        修正的种类，逗号分隔：${FIX_KINDS.join(',')}（默认 totals）
  --fix-dry-run          只显示修改（diff），不写文件 print the diff, write nothing
  --config FILE          使用此配置文件，不再向上查找 .nianbaorc.json
  --help-uri-base URL    SARIF 中各规则说明页（docs/rules/）发布的地址 where the rule pages are published (SARIF helpUri)
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
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        fix: { type: 'boolean', default: false },
        'fix-type': { type: 'string' },
        'fix-dry-run': { type: 'boolean', default: false },
        config: { type: 'string' },
        'help-uri-base': { type: 'string' },
        pretty: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (e) {
    io.err(`nianbao: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
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
  if (!['text', 'json', 'sarif'].includes(values.format as string)) {
    io.err(`nianbao: --format 的值无效：${values.format}（可用：text, json, sarif）`);
    return 2;
  }
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
  let skipped = 0;
  /** Files read and checked (not those that could not be read, nor the skipped ones). */
  let checkedFiles = 0;
  for (const e of errors) {
    io.err(`${printable(e.path)}: ${e.reason}`);
    exit = 2;
  }
  for (const n of notes) io.err(`${printable(n.path)}: ${n.reason}`);
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
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  let language = fixed?.config.language ?? languageOf('zh-cn');

  for (const draft of files) {
    const file = draft.name;
    const shown = printable(file);
    let loaded: LoadedConfig;
    try {
      loaded = await configFor(file);
    } catch (e) {
      io.err(`nianbao: ${printable((e as Error).message)}`);
      exit = 2;
      continue;
    }
    language = loaded.config.language;
    const input = await readInput(draft.path, file);
    if (input.kind === 'error') {
      io.err(`${shown}: ${input.reason}`);
      exit = 2;
      continue;
    }
    const options = { config: loaded.config, file: relativeTo(loaded.dir, file) };
    const found = draft.walked;
    if (input.kind !== 'text') {
      // a published file (.html, .docx, .xlsx, .pdf, .doc): read into a draft, located in the file (cli/published.ts)
      const r = await checkPublished(file, input, { found, fixing, kinds, dryRun: values['fix-dry-run'], options, format: values.format as string, language, io, write });
      if (r.skipped) skipped++;
      if (r.failed) exit = 2;
      if (!r.analysis) continue;
      checkedFiles++;
      for (const f of r.analysis.findings) counts[f.severity]++;
      if (r.json) json.push(r.json);
      if (r.sarif) sarif.push(r.sarif);
      continue;
    }
    const { bytes, read } = input;
    const decoded = { text: input.text, encoding: input.encoding };
    let analysis = fixing && !found ? null : analyze(decoded.text, options);
    // a text met while walking a folder that is not a report (a README next to the drafts) is skipped
    if (found && analysis && !looksLikeReport(analysis.report)) {
      skipped++;
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
    if (!analysis) continue;
    checkedFiles++;
    for (const f of analysis.findings) counts[f.severity]++;
    if (values.format === 'json') json.push(toJsonFile(file, analysis, language));
    else if (values.format === 'sarif') sarif.push({ file, analysis });
    else for (const line of textLines(shown, analysis, language)) io.out(line);
  }
  if (values.format === 'json') io.out(jsonFiles === 0 ? '[]' : ']');
  else if (values.format === 'sarif') io.out(JSON.stringify(toSarif(sarif, language, VERSION, { helpUriBase }), null, indent));
  else io.out(summary(counts, checkedFiles, language, skipped));
  if (exit === 0 && counts.error > 0) exit = 1;
  return exit;
}

declare const __VERSION__: string;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';
