// nianbao in Neovim (Debian's 0.7.2, built-in LSP client), headless: the README's configuration
// (neovim/init.lua) starts `nianbao-language-server --stdio` from an `npm install -g` of the packed package;
// neovim/session.lua opens drafts, takes the quick fix from vim.lsp.buf.code_action() and writes the file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { copyInto, findings, firstDiff, fixedBytes, LAYOUTS, ROOT, RUN } from './lib/fixtures.mjs';

const HERE = path.join(ROOT, 'test/e2e/neovim');

describe('Neovim 0.7 (built-in LSP client) with nianbao-language-server --stdio', () => {
  const dir = path.join(RUN(), 'n');
  const ws = path.join(dir, 'w');
  let result;
  let quick;
  let all;
  let nvim;

  before(() => {
    const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0, 'nvim is installed (test/e2e/setup.sh installs Debian’s neovim)');
    nvim = version.stdout.split('\n')[0];
    // the server as a user gets it: npm pack, npm install -g (into a prefix of this run)
    fs.mkdirSync(dir, { recursive: true });
    const pack = spawnSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(pack.status, 0, pack.stderr);
    const tgz = path.join(dir, pack.stdout.trim().split('\n').pop());
    const prefix = path.join(dir, 'npm-global');
    const inst = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tgz], { encoding: 'utf8' });
    assert.equal(inst.status, 0, inst.stderr);
    assert.ok(fs.existsSync(path.join(prefix, 'bin/nianbao-language-server')));

    const q = copyInto(ws, LAYOUTS[0].src, '东丽区科技局2020年政府信息公开工作年度报告.txt');
    const a = copyInto(ws, LAYOUTS[3].src, '滨江区市场监督管理局2024年政府信息公开工作年度报告.md');
    quick = { file: q, report: findings(q), fixed: fixedBytes(q) };
    all = { file: a, report: findings(a), fixed: fixedBytes(a) };
    const out = path.join(dir, 'result.json');
    const r = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${path.join(HERE, 'init.lua')}`, '-c', `luafile ${path.join(HERE, 'session.lua')}`], {
      cwd: ws,
      encoding: 'utf8',
      timeout: 120000,
      env: {
        ...process.env,
        PATH: `${path.join(prefix, 'bin')}:${process.env.PATH}`,
        NIANBAO_NVIM_FILE: q,
        NIANBAO_NVIM_FIXALL: a,
        NIANBAO_NVIM_RESULT: out,
      },
    });
    assert.ok(fs.existsSync(out), `no result from nvim (exit ${r.status}, signal ${r.signal}):\n${r.stdout}\n${r.stderr}`);
    result = JSON.parse(fs.readFileSync(out, 'utf8'));
    assert.equal(result.error, undefined, `nvim: ${result.error}`);
    assert.equal(r.status, 0, r.stderr);
  });

  test('Debian’s Neovim 0.7 attaches the nianbao client through the README configuration', () => {
    assert.match(nvim, /^NVIM v0\.7\./);
    assert.equal(result.client, 'nianbao');
    const code = fs.readFileSync(path.join(HERE, 'init.lua'), 'utf8').split('\n').filter((l) => !l.startsWith('--')).join('\n');
    assert.ok(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').includes(`\`\`\`lua\n${code}\`\`\`\n`), 'README.md shows test/e2e/neovim/init.lua');
  });

  test('diagnostics on the wrong 总计 of seed 003: total-mismatch on line 332, in Chinese, as the CLI reports', () => {
    const want = quick.report.diagnostics.filter((d) => d.code === 'total-mismatch');
    const got = result.diagnostics.filter((d) => d.code === 'total-mismatch');
    assert.equal(got.length, 1);
    assert.equal(got[0].lnum, 331);
    assert.deepEqual(
      got.map((d) => ({ line: d.lnum, col: d.col, message: d.message, source: d.source })),
      want.map((d) => ({ line: d.range.start.line, col: d.range.start.character, message: d.message, source: 'nianbao' })),
    );
    assert.match(got[0].message, /应为 1，实际为 空白/);
    assert.equal(result.diagnostics.length, quick.report.diagnostics.length, 'every finding of the CLI is a diagnostic');
  });

  test('vim.lsp.buf.code_action() offers “将合计改为 1” as the preferred quick fix; the file written is the CLI’s --fix output', () => {
    const fix = result.offered.find((a) => a.title === '将合计改为 1');
    assert.ok(fix, JSON.stringify(result.offered));
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.equal(result.chosen, '将合计改为 1');
    assert.equal(result.line_after_fix.trim(), '1');
    assert.ok(!result.diagnostics_after_fix.some((d) => d.code === 'total-mismatch'));
    const bytes = fs.readFileSync(quick.file);
    assert.ok(bytes.equals(quick.fixed), firstDiff(bytes, quick.fixed));
  });

  test('source.fixAll.nianbao repairs both totals of the Markdown draft; the file written is the CLI’s --fix output', () => {
    assert.equal(result.fixall_before, all.report.diagnostics.filter((d) => d.code === 'total-mismatch').length);
    assert.equal(result.fixall_before, 2);
    assert.deepEqual(result.fixall_offered.map((a) => a.kind), ['source.fixAll.nianbao']);
    const bytes = fs.readFileSync(all.file);
    assert.ok(bytes.equals(all.fixed), firstDiff(bytes, all.fixed));
  });
});
