/**
 * `nianbao check`: the command-line twin of the language server, on the same core.
 * Exit 0 when no error-severity finding remains, 1 when one does, 2 for bad usage, an unreadable
 * file or a file that changed on disk during --fix (2 wins over 1).
 */
import { parseArgs } from 'node:util';
import { createTwoFilesPatch } from 'diff';
import { analyze, fixText, type Analysis } from '../core/check';
import { decode, encode } from '../node/encoding';
import { FIX_KINDS, type FixKind, type Severity } from '../core/finding';
import { writeAtomically } from '../node/atomic';
import { ConfigFinder, collectFiles, loadConfigFile, readDraft, relativeTo, type LoadedConfig } from '../node/files';
import { summary, textLines, toJsonFile, type JsonFile } from './output';
import { languageOf } from '../core/l10n';
import { toSarif } from './sarif';
import { looksLikeReport } from '../core/sniff';

const USAGE = `用法 (usage): nianbao check <文件或文件夹…> [选项]

  --format text|json|sarif  输出格式（默认 text；sarif 为 SARIF 2.1.0） output format
  --fix                  自动修正合计并写回文件 fix wrong totals in place
  --fix-type LIST        修正的种类，逗号分隔：${FIX_KINDS.join(',')}（默认 totals）
  --fix-dry-run          只显示修改（diff），不写文件 print the diff, write nothing
  --config FILE          使用此配置文件，不再向上查找 .nianbaorc.json
  --help-uri-base URL    SARIF 中各规则说明页（docs/rules/）发布的地址 where the rule pages are published (SARIF helpUri)
  -h, --help             显示帮助
  -v, --version          显示版本

退出码 (exit code)：0 无错误；1 有错误级别的问题；2 用法错误或文件无法读取。`;

export interface CliIO {
  out: (s: string) => void;
  err: (s: string) => void;
}

const consoleIO: CliIO = { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n') };

function parseFixTypes(v: string | undefined): FixKind[] | string {
  if (v === undefined) return ['totals'];
  const kinds = v.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = kinds.filter((k) => !FIX_KINDS.includes(k as FixKind));
  if (bad.length || kinds.length === 0) return `--fix-type 的值无效：${bad.join(',') || v}（可用：${FIX_KINDS.join(',')}）`;
  return kinds as FixKind[];
}

export function run(argv: string[], io: CliIO = consoleIO): number {
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
  if (values.config) {
    try {
      fixed = loadConfigFile(values.config);
    } catch (e) {
      io.err(`nianbao: ${(e as Error).message}`);
      return 2;
    }
  }
  const finder = new ConfigFinder();
  const reported = new Set<string>();
  const configFor = (file: string): LoadedConfig => {
    const c = fixed ?? finder.forFile(file);
    if (c.file && c.problems.length && !reported.has(c.file)) {
      reported.add(c.file);
      for (const p of c.problems) io.err(`${c.file}: ${p}`);
    }
    return c;
  };

  let exit = 0;
  const { files, walked, errors } = collectFiles(paths);
  let skipped = 0;
  /** Files read and checked (not those that could not be read, nor the skipped ones). */
  let checkedFiles = 0;
  for (const e of errors) {
    io.err(`${e.path}: ${e.reason}`);
    exit = 2;
  }
  const json: JsonFile[] = [];
  const sarif: { file: string; analysis: Analysis }[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  let language = fixed?.config.language ?? languageOf('zh-cn');

  for (const file of files) {
    let loaded: LoadedConfig;
    try {
      loaded = configFor(file);
    } catch (e) {
      io.err(`nianbao: ${(e as Error).message}`);
      exit = 2;
      continue;
    }
    language = loaded.config.language;
    const read = readDraft(file);
    if ('error' in read) {
      io.err(`${file}: ${read.error}`);
      exit = 2;
      continue;
    }
    const bytes = read.bytes;
    const decoded = decode(bytes);
    if (!decoded.ok) {
      io.err(`${file}: ${decoded.reason}`);
      exit = 2;
      continue;
    }
    const options = { config: loaded.config, file: relativeTo(loaded.dir, file) };
    const found = walked.has(file);
    let analysis = fixing && !found ? null : analyze(decoded.text, options);
    // a text met while walking a folder that is not a report (a README next to the drafts) is skipped
    if (found && analysis && !looksLikeReport(analysis.report)) {
      skipped++;
      continue;
    }
    if (fixing) {
      const result = fixText(decoded.text, kinds, options);
      analysis = result.analysis;
      if (result.applied > 0) {
        if (values['fix-dry-run']) {
          const patch = createTwoFilesPatch(file, file, decoded.text, result.text, '', '', { context: 1 });
          (values.format === 'text' ? io.out : io.err)(patch.trimEnd());
        } else {
          const problem = !encode(decoded.text, decoded.encoding).equals(bytes)
            ? '无法按原编码无损写回，未修改 (cannot write back the encoding losslessly; not written)'
            : writeAtomically(file, bytes, encode(result.text, decoded.encoding));
          if (problem) {
            io.err(`${file}: ${problem}`);
            exit = 2;
            analysis = analyze(decoded.text, options);
          }
        }
      }
    }
    if (!analysis) continue;
    checkedFiles++;
    for (const f of analysis.findings) counts[f.severity]++;
    if (values.format === 'json') json.push(toJsonFile(file, analysis, language));
    else if (values.format === 'sarif') sarif.push({ file, analysis });
    else for (const line of textLines(file, analysis, language)) io.out(line);
  }
  if (values.format === 'json') io.out(JSON.stringify(json, null, 2));
  else if (values.format === 'sarif') io.out(JSON.stringify(toSarif(sarif, language, VERSION, { helpUriBase }), null, 2));
  else io.out(summary(counts, checkedFiles, language, skipped));
  if (exit === 0 && counts.error > 0) exit = 1;
  return exit;
}

declare const __VERSION__: string;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

if (require.main === module) process.exitCode = run(process.argv.slice(2));
