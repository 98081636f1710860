/**
 * Runs the extension-host suite of `npm run test:vscode` (test/vscode/suite/extension.spec.ts) inside
 * code-server's own extension host, against the real `vscode` API and the installed nianbao extension,
 * and writes the results as JSON to $NIANBAO_E2E_SUITE_RESULT. Without that variable it does nothing.
 *
 * mocha and the spec are bundled into one file (test/e2e/build-runner.mjs), so the spec's
 * `import { suite, test } from 'mocha'` is the same mocha instance that runs it: the runner emits
 * mocha's pre-require event itself, as `mocha.loadFiles` does, and then loads the spec.
 */
import * as fs from 'node:fs';
import Mocha from 'mocha';
import * as vscode from 'vscode';

interface TestResult {
  title: string;
  state: 'passed' | 'failed';
  durationMs?: number;
  error?: string;
}

function write(file: string, data: unknown): void {
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(data, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}

export function activate(): void {
  const out = process.env.NIANBAO_E2E_SUITE_RESULT;
  if (!out) return;
  if (fs.existsSync(out)) return; // one run per code-server: a second window must not run it again
  const started = new Date().toISOString();
  const base = {
    started,
    vscodeVersion: vscode.version,
    appName: vscode.env.appName,
    uiKind: vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop',
    language: vscode.env.language,
    workspace: vscode.workspace.workspaceFolders?.map((f) => f.uri.fsPath) ?? [],
    nianbao: vscode.extensions.getExtension('nianbao.nianbao')?.packageJSON?.version ?? null,
  };
  write(out, { ...base, done: false });

  const mocha = new Mocha({ ui: 'tdd', timeout: 60000, reporter: 'json', reporterOptions: { output: `${out}.mocha.json` } });
  const results: TestResult[] = [];
  try {
    mocha.suite.emit('pre-require', globalThis, 'extension.spec.js', mocha);
    require('../../../vscode/suite/extension.spec');
    mocha.suite.emit('post-require', globalThis, 'extension.spec.js', mocha);
  } catch (e) {
    write(out, { ...base, done: true, loadError: e instanceof Error ? e.stack : String(e), total: 0, tests: [] });
    return;
  }
  const runner = mocha.run((failures) => {
    write(out, { ...base, done: true, finished: new Date().toISOString(), total: runner.total, failures, tests: results });
  });
  runner.on('pass', (t) => results.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration }));
  runner.on('fail', (t, err: Error) => results.push({ title: t.fullTitle(), state: 'failed', error: err?.stack ?? String(err) }));
}

export function deactivate(): void {}
