/**
 * The npm package (issue 10, item 8): `npm pack` gives a tarball that installs into another folder
 * (from the npm cache where it can: its one dependency, @napi-rs/xattr, is fetched only when the cache lacks
 * its metadata, as on a fresh machine after `npm ci`) and whose bins run there:
 * `nianbao check` on a draft and on a Word file (its reader's library from dist/lib), and
 * `nianbao-language-server --version`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { at, read } from '../helpers/repo';

test('npm pack, npm install of the tarball elsewhere, nianbao check there', () => {
  const pkg = JSON.parse(read('package.json'));
  assert.equal(pkg.private, undefined, 'publishable');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-pack-'));
  try {
    const pack = spawnSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: at('.'), encoding: 'utf8' });
    assert.equal(pack.status, 0, pack.stderr);
    const tgz = path.join(dir, pack.stdout.trim().split('\n').pop()!);
    const project = path.join(dir, 'elsewhere');
    fs.mkdirSync(project);
    const install = spawnSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', tgz], { cwd: project, encoding: 'utf8' });
    assert.equal(install.status, 0, install.stderr);
    const installed = path.join(project, 'node_modules/nianbao');
    assert.ok(!fs.existsSync(path.join(installed, 'server')) && !fs.existsSync(path.join(installed, 'test')), 'no sources or tests in the package');
    assert.ok(fs.existsSync(path.join(installed, 'docs/rules/total-mismatch.md')), 'the rule pages ship (the server links them)');
    assert.deepEqual(fs.readdirSync(path.join(installed, 'dist')).sort(), ['cli.js', 'lib', 'server.js'], 'the two bins and the readers’ libraries, without the VS Code client or maps');
    assert.ok(!fs.readdirSync(path.join(installed, 'dist/lib')).some((f) => f.endsWith('.map')), 'no maps in dist/lib');

    const draft = path.join(project, '东丽区科技局2020年政府信息公开工作年度报告.txt');
    fs.copyFileSync(at('samples/seeds/003_efc93f8cbbb15791.txt'), draft);
    const check = spawnSync(path.join(project, 'node_modules/.bin/nianbao'), ['check', path.basename(draft)], { cwd: project, encoding: 'utf8' });
    assert.equal(check.status, 1, check.stderr);
    assert.match(check.stdout, /:332:2: 错误 total-mismatch /);
    assert.match(check.stdout, /共检查 1 个文件：1 个错误/);
    // a published file: the reader's library comes from the package's dist/lib (there is no node_modules/jszip here)
    assert.ok(!fs.existsSync(path.join(project, 'node_modules/jszip')));
    const docx = spawnSync(path.join(project, 'node_modules/.bin/nianbao'), ['check', at('test/fixtures/published/shanghai-bgt-2019-libreoffice.docx')], { cwd: project, encoding: 'utf8' });
    assert.equal(docx.status, 1, docx.stderr);
    assert.match(docx.stdout, /\.docx:表\d+ 行\d+ 列\d+ \(table \d+ row \d+ cell \d+\): 错误 total-mismatch /);
    const server = spawnSync(path.join(project, 'node_modules/.bin/nianbao-language-server'), ['--version'], { cwd: project, encoding: 'utf8' });
    assert.equal(server.stdout.trim(), pkg.version);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
