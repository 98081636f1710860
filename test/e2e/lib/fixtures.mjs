// Paths given by test/e2e/run.sh, the drafts copied into the workspaces, and what the CLI says about them
// (the expectations: findings from `nianbao check --format json`, bytes from `nianbao check --fix`).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function need(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the real-editor tests with \`npm run test:e2e\` (test/e2e/run.sh)`);
  return v;
}
/** Short run directory (code-server's sockets live under it). */
export const RUN = () => need('NIANBAO_E2E_RUN');
/** Screenshots, logs and results that outlive the run. */
export const OUT = () => need('NIANBAO_E2E_OUT');
export const VSIX = () => need('NIANBAO_E2E_VSIX');
export const RUNNER_VSIX = () => need('NIANBAO_E2E_RUNNER_VSIX');

/** One draft per table layout, each with a wrong 总计 (samples/ and samples/seeds/). */
export const LAYOUTS = [
  { layout: 'cell per line', src: 'samples/seeds/003_efc93f8cbbb15791.txt', name: '东丽区科技局2020年政府信息公开工作年度报告（初稿）.txt' },
  { layout: 'tab rows', src: 'samples/2020-tab-rows-balance-and-order.txt', name: '河西区民政局2020年政府信息公开工作年度报告（初稿）.txt' },
  { layout: '|-wrapped', src: 'samples/2022-pipe-old-format-fullwidth.txt', name: '红桥区教育局2022年政府信息公开工作年度报告（初稿）.txt' },
  { layout: 'Markdown', src: 'samples/2024-markdown-totals-and-period.md', name: '滨江区市场监督管理局2024年政府信息公开工作年度报告（初稿）.md' },
];
/** The same drafts again, for the fix-all command. */
export const forCommand = (name) => name.replace('（初稿）', '（送审稿）');
/** Untouched copies for the Outline view (seed 003) and for the message language (the Markdown draft). */
export const FOR_OUTLINE = { src: LAYOUTS[0].src, name: '东丽区科技局2020年政府信息公开工作年度报告（定稿）.txt' };
export const FOR_LANGUAGE = { src: LAYOUTS[3].src, name: '滨江区市场监督管理局2024年政府信息公开工作年度报告（征求意见稿）.md' };
/** A draft without section 六 (seed 004). */
export const NO_SIX = { src: 'samples/seeds/004_f08e199b8ba50c35.txt', name: '汉沽街道办事处2019年政府信息公开工作年度报告（缺第六部分）.txt' };
/** A report named like the real thing, and the same text under a name that is not a report's. */
export const NAMED = { src: 'samples/seeds/002_4505276ac13c66c6.txt', name: '2025年政府信息公开工作年度报告.txt', plain: '河北区办公室工作材料.txt' };

export const CLI = () => path.join(ROOT, 'dist/cli.js');

/** `nianbao check --format json` of a file (messages in `language`). */
export function findings(file, language = 'zh-cn') {
  const dir = fs.mkdtempSync(path.join(RUN(), 'cli-'));
  const config = path.join(dir, '.nianbaorc.json');
  fs.writeFileSync(config, JSON.stringify({ language }));
  const r = spawnSync(process.execPath, [CLI(), 'check', '--format', 'json', '--config', config, file], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0 && r.status !== 1) throw new Error(`nianbao check ${file}: exit ${r.status}\n${r.stderr}`);
  const [report] = JSON.parse(r.stdout);
  return report;
}

/** The bytes `nianbao check --fix` writes for a file (run on a copy with the same name). */
export function fixedBytes(file) {
  const dir = fs.mkdtempSync(path.join(RUN(), 'fix-'));
  const copy = path.join(dir, path.basename(file));
  fs.copyFileSync(file, copy);
  const r = spawnSync(process.execPath, [CLI(), 'check', '--fix', copy], { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`nianbao check --fix ${file}: exit ${r.status}\n${r.stderr}`);
  const bytes = fs.readFileSync(copy);
  fs.rmSync(dir, { recursive: true, force: true });
  return bytes;
}

/** 1-based position of a finding, as the Problems panel and Ctrl+G show it. */
export const pos = (d) => ({ line: d.range.start.line + 1, col: d.range.start.character + 1 });

/** The status bar text the extension shows for a report (server/src/lsp/convert.ts, zh-cn / en). */
export function statusLine(report, language = 'zh-cn') {
  const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
  return language === 'en'
    ? `report for ${report.reportYear} · ${report.formatVersion} format · ${errors} ${errors === 1 ? 'error' : 'errors'}`
    : `${report.reportYear} 年度报告 · ${report.formatVersion} 年格式 · ${errors} 个错误`;
}

/** A short description of where two buffers first differ. */
export function firstDiff(a, b) {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  if (i === n && a.length === b.length) return 'identical';
  const line = a.subarray(0, i).toString('utf8').split('\n').length;
  return `differ at byte ${i} (line ${line}): got ${JSON.stringify(a.subarray(Math.max(0, i - 20), i + 20).toString('utf8'))}, want ${JSON.stringify(b.subarray(Math.max(0, i - 20), i + 20).toString('utf8'))} (lengths ${a.length} / ${b.length})`;
}

export function copyInto(dir, src, name) {
  fs.mkdirSync(dir, { recursive: true });
  const dest = path.join(dir, name);
  fs.copyFileSync(path.join(ROOT, src), dest);
  fs.chmodSync(dest, 0o644); // the seeds are read-only; a draft being edited is not
  return dest;
}
