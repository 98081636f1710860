// The extension-host suite of `npm run test:vscode` (test/vscode/suite/extension.spec.ts), run inside
// code-server's own extension host by the runner extension (test/e2e/runner-ext) installed next to nianbao.
// The harness opens the workspace in chromium (the extension host starts only when a window connects),
// waits for the runner's result file and asserts it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startCodeServer } from './lib/codeserver.mjs';
import { OUT, ROOT, RUN, RUNNER_VSIX, VSIX } from './lib/fixtures.mjs';
import { launchBrowser, openWorkbench, shot } from './lib/workbench.mjs';

const SPEC = path.join(ROOT, 'test/vscode/suite/extension.spec.ts');

describe('extension-host suite (test/vscode) inside code-server', () => {
  let cs;
  let browser;
  let result;
  const dir = path.join(RUN(), 's');
  const ws = path.join(dir, 'w');
  const resultFile = path.join(OUT(), 'extension-host-suite.json');

  before(async () => {
    // the same workspace as test/vscode/runTest.ts: the seeds, and seed 002 as 示例单位2025年度报告.txt
    fs.mkdirSync(ws, { recursive: true });
    for (const f of fs.readdirSync(path.join(ROOT, 'samples/seeds')).filter((f) => f.endsWith('.txt'))) {
      fs.copyFileSync(path.join(ROOT, 'samples/seeds', f), path.join(ws, f));
    }
    fs.copyFileSync(path.join(ROOT, 'samples/seeds/002_4505276ac13c66c6.txt'), path.join(ws, '示例单位2025年度报告.txt'));
    fs.rmSync(resultFile, { force: true });
    fs.rmSync(`${resultFile}.mocha.json`, { force: true });
    cs = await startCodeServer({ dir, vsix: [VSIX(), RUNNER_VSIX()], env: { NIANBAO_E2E_SUITE_RESULT: resultFile } });
    browser = await launchBrowser(path.join(dir, 'pw'));
    await openWorkbench(browser.page, cs.folderUrl(ws));
  });

  after(async () => {
    if (browser) {
      await shot(browser.page, path.join(OUT(), 'screenshots'), 'extension-host-suite').catch(() => {});
      await browser.ctx.close().catch(() => {});
    }
    if (cs) await cs.stop();
  });

  test('the runner extension runs every test of test/vscode/suite/extension.spec.ts, and all pass', async () => {
    const end = Date.now() + 5 * 60 * 1000;
    for (;;) {
      if (fs.existsSync(resultFile)) {
        result = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
        if (result.done) break;
      }
      if (Date.now() > end) assert.fail(`no result from the extension host in ${resultFile}; code-server log: ${cs.log}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    for (const t of result.tests ?? []) console.log(`    ${t.state === 'passed' ? '✔' : '✖'} [extension host] ${t.title}${t.error ? `\n${t.error}` : ''}`);
    assert.equal(result.loadError, undefined, 'the suite failed to load');
    assert.equal(result.uiKind, 'web');
    assert.match(result.appName, /code-server|Code/);
    assert.equal(result.vscodeVersion, '1.99.3');
    assert.deepEqual(result.workspace, [ws]);
    const declared = (fs.readFileSync(SPEC, 'utf8').match(/^\s*test\(/gm) ?? []).length;
    assert.ok(declared >= 7, `found ${declared} tests in the spec`);
    assert.equal(result.total, declared, 'every test of the spec ran');
    const failed = result.tests.filter((t) => t.state !== 'passed');
    assert.deepEqual(failed.map((t) => `${t.title}: ${t.error}`), []);
    assert.equal(result.tests.filter((t) => t.state === 'passed').length, declared);
  });
});
