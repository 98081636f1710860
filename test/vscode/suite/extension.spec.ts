/**
 * The protocol checks again, inside VS Code's extension host with the installed extension:
 * diagnostics of a seed, the quick fix, source.fixAll.nianbao, hover, outline, folding, inlay
 * hints, the commands, the language of `*年度报告*.txt`, and settings applied without a restart.
 * The workspace (runTest.ts) holds copies of the seeds.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { suite, suiteSetup, teardown, test } from 'mocha';
import * as vscode from 'vscode';

const SEED_003 = '003_efc93f8cbbb15791.txt';

function wsFile(name: string): vscode.Uri {
  return vscode.Uri.file(path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, name));
}

async function until<T>(what: string, get: () => T | undefined | false, ms = 20000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'nianbao');
const code = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

async function open(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(wsFile(name));
  return vscode.window.showTextDocument(doc);
}

async function untitled(content: string, language = 'plaintext'): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ content, language });
  return vscode.window.showTextDocument(doc);
}

async function wrongTotal(uri: vscode.Uri): Promise<vscode.Diagnostic> {
  return until('the total-mismatch diagnostic', () => ours(uri).find((d) => code(d) === 'total-mismatch'));
}

suite('nianbao in the extension host', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension('nianbao.nianbao')!.activate();
  });

  teardown(async () => {
    // Revert every dirty editor, not only the active one: outside @vscode/test-electron's test mode (in
    // code-server, test/e2e) closing a dirty editor opens a modal "Do you want to save?" that blocks.
    for (let i = 0; i < 20 && vscode.window.activeTextEditor; i++) {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the diagnostic’s code opens its rule page, shipped in the extension, in the Markdown preview', async () => {
    const editor = await open(SEED_003);
    const d = await wrongTotal(editor.document.uri);
    assert.equal(typeof d.code, 'object');
    const target = (d.code as { target: vscode.Uri }).target;
    assert.equal(target.scheme, 'command');
    assert.equal(target.path, 'nianbao.showRule');
    assert.deepEqual(JSON.parse(decodeURIComponent(target.query)), ['total-mismatch']);
    const page = (await vscode.commands.executeCommand('nianbao.showRule', 'total-mismatch')) as vscode.Uri;
    assert.ok(page.path.endsWith('/docs/rules/total-mismatch.md'), page.toString());
    const bytes = await vscode.workspace.fs.readFile(page);
    assert.match(Buffer.from(bytes).toString('utf8'), /^# total-mismatch：/);
  });

  test('003: one error, total-mismatch on line 332, expected 1', async () => {
    const editor = await open(SEED_003);
    const d = await wrongTotal(editor.document.uri);
    const errors = ours(editor.document.uri).filter((x) => x.severity === vscode.DiagnosticSeverity.Error);
    assert.equal(errors.length, 1);
    assert.equal(d.range.start.line, 331);
    assert.match(d.message, /应为 1/);
  });

  test('the preferred quick fix writes 1 into the cell and the error goes away', async () => {
    const editor = await open(SEED_003);
    const d = await wrongTotal(editor.document.uri);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, d.range);
    const fix = actions.find((a) => a.isPreferred)!;
    assert.equal(fix.title, '将合计改为 1');
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.equal(editor.document.lineAt(331).text.trim(), '1');
    await until('no total-mismatch', () => !ours(editor.document.uri).some((x) => code(x) === 'total-mismatch'));
  });

  test('source.fixAll.nianbao changes only the wrong cell', async () => {
    const editor = await open(SEED_003);
    await wrongTotal(editor.document.uri);
    const before = editor.document.getText().split('\n');
    const full = new vscode.Range(0, 0, editor.document.lineCount, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, full, 'source.fixAll.nianbao');
    assert.deepEqual(
      actions.map((a) => a.kind?.value),
      ['source.fixAll.nianbao'],
    );
    assert.ok(await vscode.workspace.applyEdit(actions[0].edit!));
    const after = editor.document.getText().split('\n');
    assert.deepEqual(
      after.map((l, i) => (l === before[i] ? -1 : i)).filter((i) => i >= 0),
      [331],
    );
    await until('no total-mismatch', () => !ours(editor.document.uri).some((x) => code(x) === 'total-mismatch'));
  });

  test('hover, outline, folding and inlay hints', async () => {
    const editor = await open(SEED_003);
    const uri = editor.document.uri;
    const d = await wrongTotal(uri);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, d.range.start);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /各部分之和：1/);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
    assert.equal(symbols.length, 6);
    assert.equal(symbols[0].name, '一、总体情况');
    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri);
    assert.ok(folds.length >= 6);
    const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, new vscode.Range(0, 0, editor.document.lineCount, 0));
    assert.deepEqual(
      hints.map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''))),
      ['应为 1'],
    );
  });

  test('commands: summary, fix all totals, skeleton', async () => {
    const editor = await open(SEED_003);
    await wrongTotal(editor.document.uri);
    const summary = await vscode.commands.executeCommand<{ reportYear: number; formatVersion: string; counts: { error: number } }>('nianbao.showSummary');
    assert.equal(summary.reportYear, 2020);
    assert.equal(summary.formatVersion, '2019');
    assert.equal(summary.counts.error, 1);
    const fixed = await vscode.commands.executeCommand<{ applied: number }>('nianbao.fixAllTotals');
    assert.equal(fixed.applied, 1);
    assert.equal(editor.document.lineAt(331).text.trim(), '1');

    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('nianbao.insertSkeleton');
    assert.equal(doc.languageId, 'nianbao');
    for (const h of ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']) {
      assert.ok(doc.getText().includes(h), h);
    }
    await until('the skeleton checked', () => vscode.languages.getDiagnostics(doc.uri) !== undefined);
    assert.ok(!ours(doc.uri).some((x) => x.severity === vscode.DiagnosticSeverity.Error));
  });

  test('根据本年度报告新建下一年度草稿: next year’s draft opens in an untitled editor, checked, with no error', async () => {
    // seed 002: 天津市河北区人民政府 2025, the 2021 format, its cells between `|`
    await open('002_4505276ac13c66c6.txt');
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('nianbao.newNextYear');
    assert.equal(doc.uri.scheme, 'untitled');
    assert.match(doc.uri.path, /002_4505276ac13c66c6-2026\.txt$/);
    assert.match(doc.getText(), /统计期限从2026年1月1日起至2026年12月31日止/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString());
    // checked like any draft: its 上年结转 is 0, so no error at all
    await until('the draft checked', () => vscode.languages.getDiagnostics(doc.uri) !== undefined && ours(doc.uri).length > 0);
    assert.deepEqual(ours(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map(code), []);
  });

  test('*年度报告*.txt is the nianbao language; a plain note stays silent', async () => {
    const editor = await open('示例单位2025年度报告.txt');
    assert.equal(editor.document.languageId, 'nianbao');
    await until('diagnostics of the draft', () => ours(editor.document.uri).length > 0);
    const note = await untitled('会议纪要\n一、会议时间：3月5日\n二、参加人员：张三\n');
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(ours(note.document.uri), []);
  });

  test('settings apply without a restart: a rule off, messages in English', async () => {
    const config = vscode.workspace.getConfiguration('nianbao');
    const editor = await open(SEED_003);
    const uri = editor.document.uri;
    await wrongTotal(uri);
    assert.ok(ours(uri).some((d) => code(d) === 'blank-cell'));
    try {
      await config.update('rules', { 'blank-cell': 'off' }, vscode.ConfigurationTarget.Global);
      await config.update('language', 'en', vscode.ConfigurationTarget.Global);
      await until('English, without blank-cell', () => {
        const ds = ours(uri);
        return !ds.some((d) => code(d) === 'blank-cell') && ds.some((d) => /should be 1/.test(d.message));
      });
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Global);
      await config.update('language', undefined, vscode.ConfigurationTarget.Global);
    }
    await until('back to Chinese', () => ours(uri).some((d) => /应为 1/.test(d.message)));
  });

  test('the nianbao.sizeLimit setting reaches the server (issue 10): a limit below the draft checks it in part', async () => {
    const config = vscode.workspace.getConfiguration('nianbao');
    const editor = await open(SEED_003);
    const uri = editor.document.uri;
    await wrongTotal(uri);
    assert.ok(!ours(uri).some((d) => code(d) === 'partly-checked'));
    try {
      await config.update('sizeLimit', 1000, vscode.ConfigurationTarget.Global);
      const note = await until('partly-checked', () => ours(uri).find((d) => code(d) === 'partly-checked'));
      assert.match(note.message, /1000 个字符的检查上限/);
    } finally {
      await config.update('sizeLimit', undefined, vscode.ConfigurationTarget.Global);
    }
    await until('checked whole again', () => ours(uri).length > 0 && !ours(uri).some((d) => code(d) === 'partly-checked'));
  });

  test('“开启保存时自动修正合计” writes codeActionsOnSave for the draft languages into the user settings, keeping the user’s own', async () => {
    const languages = ['nianbao', 'plaintext', 'markdown'];
    const onSave = (languageId: string) => vscode.workspace.getConfiguration('editor', { languageId }).inspect('codeActionsOnSave')?.globalLanguageValue;
    const markdown = vscode.workspace.getConfiguration('editor', { languageId: 'markdown' });
    const all = vscode.workspace.getConfiguration('editor');
    try {
      // the user's own: one for every language, one for Markdown (which then is Markdown's)
      await all.update('codeActionsOnSave', { 'source.fixAll.eslint': 'explicit' }, vscode.ConfigurationTarget.Global);
      await markdown.update('codeActionsOnSave', { 'source.organizeImports': 'explicit' }, vscode.ConfigurationTarget.Global, true);
      const changed = await vscode.commands.executeCommand<string[]>('nianbao.turnOnFixOnSave');
      assert.deepEqual(changed, languages);
      assert.deepEqual(onSave('nianbao'), { 'source.fixAll.eslint': 'explicit', 'source.fixAll.nianbao': 'explicit' });
      assert.deepEqual(onSave('plaintext'), { 'source.fixAll.eslint': 'explicit', 'source.fixAll.nianbao': 'explicit' });
      assert.deepEqual(onSave('markdown'), { 'source.organizeImports': 'explicit', 'source.fixAll.nianbao': 'explicit' });
      assert.equal(vscode.workspace.getConfiguration('editor', { languageId: 'javascript' }).inspect('codeActionsOnSave')?.globalLanguageValue, undefined, 'other languages untouched');
      assert.deepEqual(await vscode.commands.executeCommand<string[]>('nianbao.turnOnFixOnSave'), [], 'a second run changes nothing');
    } finally {
      for (const languageId of languages) await vscode.workspace.getConfiguration('editor', { languageId }).update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Global, true);
      await all.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('a GBK draft read as UTF-8: the one wrong-encoding error, and its quick fix reopens as GB18030 (an untitled text has no file to reopen)', async () => {
    const seed = await vscode.workspace.fs.readFile(wsFile(SEED_003));
    // roughly what VS Code shows for the seed in GBK opened as UTF-8 (test/unit/wrong-encoding.test.ts has the real
    // bytes): each Chinese character's two bytes become replacement characters, ASCII digits and tabs stay
    const gbk = new TextDecoder().decode(seed).slice(0, 600).replace(/[\u0080-\uffff]/g, '\ufffd\ufffd');
    const editor = await untitled(`${gbk}\n`, 'nianbao');
    const uri = editor.document.uri;
    const d = await until('the wrong-encoding diagnostic', () => ours(uri).find((x) => code(x) === 'wrong-encoding'));
    assert.deepEqual(ours(uri).map(code), ['wrong-encoding']);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /GB18030/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range);
    const reopen = actions.find((a) => a.command?.command === 'nianbao.reopenAsGb18030');
    assert.ok(reopen, actions.map((a) => a.title).join(' | '));
    assert.equal(reopen.title, '用 GB18030 编码重新打开（不修改文件）');
    assert.ok(!actions.some((a) => a.edit && a.edit.size > 0), 'no action edits the garbled text');
    assert.equal(await vscode.commands.executeCommand('nianbao.reopenAsGb18030', uri), false);
  });
});
