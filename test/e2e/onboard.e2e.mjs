// A new user's first hour in a real VS Code (code-server 4.99.4 = VS Code 1.99.3), issue 13 items 4, 5 and 8:
// seed 003 in GBK and in GB18030 (test/fixtures/encoding) opened with files.autoGuessEncoding (the extension's
// default for report files: GBK opens right, GB18030 is guessed as GB 2312 and its U+00A0 padding garbled) and,
// in the Chinese UI, without it (opened as UTF-8) — the one wrong-encoding finding, its quick fix through VS
// Code's own "Reopen with Encoding" picker (1.99 has no encoding API), unsaved garbled edits discarded only after
// a modal question; the command 开启保存时自动修正合计
// found by Chinese words in the English UI, its user setting on disk, and Ctrl+S fixing the totals; the Markdown
// preview of a *年度报告*.md draft; the commands found by English words in the Chinese UI.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { closeSessionAfter, openSession } from './lib/session.mjs';
import { copyInto, findings, firstDiff, fixedBytes, OUT, ROOT, RUN } from './lib/fixtures.mjs';
import {
  closePanel, focusEditor, gotoLine, NIANBAO_STATUS, openFile, openQuickFix, paletteShows,
  runCommand, saveAndWaitDisk, shot, squash, T, waitLine, waitProblems, waitStatus,
} from './lib/workbench.mjs';

const SHOTS = () => path.join(OUT(), 'screenshots');
const GB18030 = 'test/fixtures/encoding/seed-003-gb18030.txt';
const GBK = 'test/fixtures/encoding/seed-003-gbk.txt';
const GUESSED = '东丽区科技局2020年度报告（GBK）.txt';
const GUESSED_2312 = '东丽区科技局2020年度报告（GB18030）.txt';
const GARBLED = '东丽区科技局2020年度报告（GB18030，按 UTF-8 打开）.txt';
const ON_SAVE = { src: 'samples/seeds/003_efc93f8cbbb15791.txt', name: '东丽区科技局2020年度报告（保存时修正）.txt' };
const MD = { src: 'samples/2024-markdown-totals-and-period.md', name: '滨江区市场监督管理局2024年度报告.md' };
const ENCODING = 'status.editor.encoding';
/** Whether a row of the Problems panel is a wrong-encoding finding (the file names hold “GB18030” too; the code is a link). */
const wrong = (row) => /nianbao\W+wrong-encoding\W+\[Ln/.test(row);
const TITLE = '东丽区科技局政府信息公开工作年度报告';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The rows of the open quick pick (label and description, as their aria-labels give them). */
const pickRows = (page) => page.evaluate(() => [...document.querySelectorAll('.quick-input-list .monaco-list-row')].map((r) => r.getAttribute('aria-label') || ''));

/** Types into the open quick pick and waits until the focused row contains `label`; Enter. */
async function pick(page, typed, label) {
  await page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible' });
  await page.keyboard.type(typed);
  await page.waitForFunction((l) => (document.querySelector('.quick-input-list .monaco-list-row.focused')?.getAttribute('aria-label') || '').includes(l), label, { timeout: T.short });
  await page.keyboard.press('Enter');
}

/** The workbench, its top 620 px (the editor) or whole (`full`: the notifications are at the bottom). */
async function workbenchShot(page, name, full = false) {
  const box = await page.locator('.monaco-workbench').boundingBox();
  return shot(page, SHOTS(), name, { x: box.x, y: box.y, width: box.width, height: full ? box.height : Math.min(box.height, 620) });
}

describe('VS Code (code-server): a new user — GBK drafts, fix on save, the Markdown preview', () => {
  let cs;
  let browser;
  let page;
  const dir = path.join(RUN(), 'o');
  const ws = path.join(dir, 'w');
  const files = {};
  let onSaveReport;

  before(async () => {
    files.guessed = copyInto(ws, GBK, GUESSED);
    files.gb18030 = copyInto(ws, GB18030, GUESSED_2312);
    files.onSave = copyInto(ws, ON_SAVE.src, ON_SAVE.name);
    files.md = copyInto(ws, MD.src, MD.name);
    onSaveReport = findings(files.onSave);
    assert.equal(onSaveReport.diagnostics.filter((d) => d.code === 'total-mismatch').length, 1);
    for (const f of [files.guessed, files.gb18030]) assert.deepEqual(findings(f).diagnostics.map((d) => d.code), onSaveReport.diagnostics.map((d) => d.code), `the CLI reads ${f} as GB18030`);
    ({ cs, browser, page } = await openSession(dir, ws));
  });

  closeSessionAfter(() => ({ cs, browser, page }));

  test('i. files.autoGuessEncoding (the extension’s default for report files): a GBK draft opens as Chinese, with the seed’s findings', async () => {
    await openFile(page, GUESSED);
    const encoding = await waitStatus(page, ENCODING, (t) => t !== 'UTF-8', 'an encoding guessed from the content', T.long);
    console.log(`    encoding guessed by VS Code: ${encoding}`);
    assert.match(encoding, /^(GBK|GB 2312)$/);
    await waitLine(page, 2, (v) => squash(v.text).includes(TITLE), 'the title in Chinese');
    await waitStatus(page, NIANBAO_STATUS, (t) => t === '2020 年度报告 · 2019 年格式 · 1 个错误', 'the seed’s status', T.long);
  });

  test('i2. a GB18030 draft guessed as GB 2312: its U+00A0 padding garbled (�0�2), one wrong-encoding finding; the quick fix and Reopen with Encoding → GB18030 give the seed’s findings', async () => {
    await openFile(page, GUESSED_2312);
    assert.equal(await waitStatus(page, ENCODING, (t) => t !== 'UTF-8', 'the guess', T.long), 'GB 2312');
    const status = await waitStatus(page, NIANBAO_STATUS, (t) => /1 个错误$/.test(t), 'one error', T.long);
    console.log(`    status bar: ${status}`);
    const rows = await waitProblems(page, 'wrong-encoding', (rs) => rs.some((r) => wrong(r)), 'the wrong-encoding finding', T.long);
    assert.ok(rows.some((r) => wrong(r) && /本文有 175 个字被读成了 � 和数字/.test(r)), JSON.stringify(rows));
    await closePanel(page);
    const line = Number(/\[Ln (\d+), Col \d+\]/.exec(rows.find((r) => wrong(r)))[1]);
    await gotoLine(page, line);
    const menu = await openQuickFix(page, '用 GB18030 编码重新打开');
    const actions = menu.filter((r) => !r.header);
    assert.ok(actions[0].text.includes('用 GB18030 编码重新打开（不修改文件）') && actions[0].focused, JSON.stringify(menu));
    assert.ok(!actions.some((r) => /将合计改为|修正本文档中的所有合计|改写为|填 0/.test(r.text)), 'nothing that edits the garbled text');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible', timeout: T.mid });
    console.log(`    Change File Encoding offers: ${JSON.stringify(await pickRows(page))}`);
    await pick(page, 'Reopen', 'Reopen with Encoding');
    await page.waitForFunction(() => [...document.querySelectorAll('.quick-input-list .monaco-list-row')].some((r) => /Simplified Chinese/.test(r.getAttribute('aria-label') || '')), null, { timeout: T.mid });
    console.log(`    the encoding list begins: ${JSON.stringify((await pickRows(page)).slice(0, 3))}`);
    await pick(page, 'gb18030', 'GB18030');
    await waitStatus(page, ENCODING, (t) => t === 'GB18030', 'GB18030', T.long);
    await waitLine(page, line, (v) => !v.text.includes('\ufffd'), 'the padding read right');
    await waitProblems(page, 'wrong-encoding', (rs) => !rs.some((r) => wrong(r)), 'no wrong-encoding any more', T.long);
    await closePanel(page);
    await waitStatus(page, NIANBAO_STATUS, (t) => t === '2020 年度报告 · 2019 年格式 · 1 个错误', 'the seed’s status', T.long);
    assert.ok(fs.readFileSync(files.gb18030).equals(fs.readFileSync(path.join(ROOT, GB18030))), 'the file on disk is untouched');
  });

  test('k. “年报” in the English UI finds 开启保存时自动修正合计; it writes the user setting; Ctrl+S then fixes the total as --fix does', async () => {
    const title = 'nianbao: Turn On Fix Totals on Save (年报：开启保存时自动修正合计)';
    const offered = await runCommand(page, '年报', title);
    assert.ok(offered.some((r) => r.includes(title)), JSON.stringify(offered));
    const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: 'Fix totals on save is on' }).first();
    await toast.waitFor({ state: 'visible', timeout: T.mid });
    assert.match(await toast.innerText(), /nianbao, plaintext, markdown/);
    await sleep(1000); // the toast slides in
    await workbenchShot(page, 'fix-on-save', true);
    const user = JSON.parse(fs.readFileSync(path.join(cs.ud, 'User/settings.json'), 'utf8'));
    for (const language of ['nianbao', 'plaintext', 'markdown']) {
      assert.deepEqual(user[`[${language}]`]['editor.codeActionsOnSave'], { 'source.fixAll.nianbao': 'explicit' }, language);
    }
    await page.keyboard.press('Escape');

    await openFile(page, ON_SAVE.name);
    await waitStatus(page, NIANBAO_STATUS, (t) => t.endsWith('1 个错误'), 'the wrong total', T.long);
    // one keystroke makes the draft dirty; the expectation is --fix on the same text
    await gotoLine(page, 2);
    await page.keyboard.press('End');
    await page.keyboard.type('。');
    const edited = fs.readFileSync(files.onSave, 'utf8').split('\n');
    edited[1] += '。';
    const copy = path.join(dir, 'edited', ON_SAVE.name);
    fs.mkdirSync(path.dirname(copy), { recursive: true });
    fs.writeFileSync(copy, edited.join('\n'));
    const want = fixedBytes(copy);
    const { bytes } = await saveAndWaitDisk(page, files.onSave, (b) => b.equals(want));
    assert.ok(bytes.equals(want), `on disk after Ctrl+S: ${firstDiff(bytes, want)}`);
    await waitStatus(page, NIANBAO_STATUS, (t) => t.endsWith('0 个错误'), 'no error after the save', T.long);
  });

  test('l. a *年度报告*.md draft is a report (nianbao language) and keeps the Markdown preview: the editor title button opens it beside', async () => {
    await openFile(page, MD.name);
    await waitStatus(page, 'status.editor.mode', (t) => t.includes('政府信息公开工作年度报告'), 'the nianbao language', T.long);
    const button = page.locator('.editor-group-container.active .editor-actions .action-label[aria-label*="Open Preview to the Side"]');
    await button.waitFor({ state: 'visible', timeout: T.mid });
    await button.click();
    await page.waitForFunction((n) => [...document.querySelectorAll('.tab')].some((t) => (t.getAttribute('aria-label') || '').includes(`Preview ${n}`)), MD.name, { timeout: T.long });
    // the preview is a webview (an iframe inside an iframe): its document holds the report's tables
    const end = Date.now() + T.long;
    let tables = 0;
    while (Date.now() < end && tables < 3) {
      for (const f of page.frames()) tables = Math.max(tables, await f.evaluate(() => document.querySelectorAll('table').length).catch(() => 0));
      if (tables < 3) await sleep(300);
    }
    assert.ok(tables >= 3, `the preview renders the report's tables (${tables} tables)`);
    await workbenchShot(page, 'markdown-preview');
    // Ctrl+K V, bound for the same files, opens it again once it is closed
    const previewTab = () => page.locator('.tab').filter({ hasText: `Preview ${MD.name}` });
    await previewTab().first().click();
    await page.keyboard.press('Control+W');
    await previewTab().first().waitFor({ state: 'detached', timeout: T.short });
    await openFile(page, MD.name);
    await focusEditor(page);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('v');
    await previewTab().first().waitFor({ state: 'visible', timeout: T.long });
  });
});

describe('VS Code (code-server) in Chinese, guessing off for report files: a GB18030 draft opened as UTF-8; commands found by English words', () => {
  let cs;
  let browser;
  let page;
  let garbled;
  const dir = path.join(RUN(), 'oz');
  const ws = path.join(dir, 'w');

  closeSessionAfter(() => ({ cs, browser, page }));

  before(async () => {
    copyInto(ws, ON_SAVE.src, ON_SAVE.name);
    garbled = copyInto(ws, GB18030, GARBLED);
    // the user turned guessing off for report files (or VS Code guessed UTF-8): the draft opens as UTF-8
    ({ cs, browser, page } = await openSession(dir, ws, { locale: 'zh-cn', settings: { '[nianbao]': { 'files.autoGuessEncoding': false } } }));
    await openFile(page, ON_SAVE.name);
    await waitStatus(page, NIANBAO_STATUS, (t) => t.endsWith('1 个错误'), 'the extension running', T.long);
  });

  test('m. “fix totals on save” finds 年报检查: 开启保存时自动修正合计; “年报” finds the commands in Chinese', async () => {
    const rows = await paletteShows(page, 'fix totals on save', '年报检查: 开启保存时自动修正合计');
    console.log(`    “fix totals on save”: ${JSON.stringify(rows)}`);
    await page.keyboard.press('Escape');
    const all = await paletteShows(page, '年报', '年报检查: 修正本文档中的所有合计');
    assert.ok(all.some((r) => r.includes('年报检查: 开启保存时自动修正合计')), JSON.stringify(all));
    await page.keyboard.press('Escape');
    const gb = await paletteShows(page, 'reopen gb18030', '年报检查: 用 GB18030 编码重新打开');
    assert.ok(gb.length >= 1);
    await page.keyboard.press('Escape');
  });

  test('j. opened as UTF-8, one finding (wrong-encoding), no fix that edits; the quick fix discards unsaved edits only after asking, and Reopen with Encoding → GB18030 shows the draft', async () => {
    await openFile(page, GARBLED);
    assert.equal(await waitStatus(page, ENCODING, (t) => t === 'UTF-8', 'UTF-8', T.long), 'UTF-8');
    const status = await waitStatus(page, NIANBAO_STATUS, (t) => /1 个错误$/.test(t), 'one error', T.long);
    assert.equal(status, '年度未识别 · 格式未识别 · 1 个错误');
    const rows = await waitProblems(page, 'wrong-encoding', (rs) => rs.some((r) => wrong(r)), 'the wrong-encoding finding', T.long);
    const row = rows.find((r) => wrong(r));
    assert.match(row, /本文有 3217 个替换字符（�）/);
    assert.match(row, /\[Ln 2, Col 1\]/);
    assert.ok(rows.some((r) => r.startsWith(`${GARBLED} 1`) || r.includes(`${GARBLED} 1`)), `the file has one problem: ${JSON.stringify(rows)}`);
    await closePanel(page);

    // an edit on the garbled text makes it dirty: saving now would destroy the file
    await gotoLine(page, 2);
    await page.keyboard.press('End');
    await page.keyboard.type('x');
    await page.waitForFunction(() => !!document.querySelector('.editor-group-container.active .tab.active.dirty'), null, { timeout: T.short });
    await page.keyboard.press('Home');
    const menu = await openQuickFix(page, '用 GB18030 编码重新打开');
    console.log(`    Quick Fix menu: ${JSON.stringify(menu.map((r) => r.text))}`);
    const actions = menu.filter((r) => !r.header);
    assert.ok(actions[0].text.includes('用 GB18030 编码重新打开（不修改文件）') && actions[0].focused, 'the first (preferred) action reopens');
    assert.ok(!actions.some((r) => /将合计改为|修正本文档中的所有合计|改写为/.test(r.text)), 'nothing that edits the garbled text');
    await workbenchShot(page, 'wrong-encoding');
    await page.keyboard.press('Enter');
    // a modal question first; nothing is saved
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: T.short });
    assert.match(await dialog.innerText(), /用 GB18030 重新打开会放弃这些修改/);
    await dialog.getByRole('button', { name: '放弃修改并重新打开' }).click();
    // VS Code's own picker: Reopen with Encoding, then the encodings
    await page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible', timeout: T.mid });
    const first = await pickRows(page);
    console.log(`    Change File Encoding offers: ${JSON.stringify(first)}`);
    assert.ok(first.some((r) => r.includes('Reopen with Encoding')));
    assert.ok(!(await page.evaluate(() => !!document.querySelector('.editor-group-container.active .tab.active.dirty'))), 'the garbled edit was discarded, not saved');
    assert.ok(fs.readFileSync(garbled).equals(fs.readFileSync(path.join(ROOT, GB18030))), 'the file on disk is untouched');
    await pick(page, 'Reopen', 'Reopen with Encoding');
    await page.waitForFunction(() => [...document.querySelectorAll('.quick-input-list .monaco-list-row')].some((r) => /Simplified Chinese/.test(r.getAttribute('aria-label') || '')), null, { timeout: T.mid });
    const encodings = await pickRows(page);
    console.log(`    the encoding list begins: ${JSON.stringify(encodings.slice(0, 4))}`);
    await page.keyboard.type('gb18030');
    await page.waitForFunction(() => (document.querySelector('.quick-input-list .monaco-list-row.focused')?.getAttribute('aria-label') || '').includes('GB18030'), null, { timeout: T.short });
    await workbenchShot(page, 'reopen-encoding');
    await page.keyboard.press('Enter');
    await waitStatus(page, ENCODING, (t) => t === 'GB18030', 'GB18030', T.long);
    await waitLine(page, 2, (v) => squash(v.text).includes(TITLE), 'the title in Chinese');
    await waitStatus(page, NIANBAO_STATUS, (t) => t === '2020 年度报告 · 2019 年格式 · 1 个错误', 'the seed’s status', T.long);
    await waitProblems(page, 'wrong-encoding', (rs) => !rs.some((r) => wrong(r)), 'no wrong-encoding any more', T.long);
    assert.ok(fs.readFileSync(garbled).equals(fs.readFileSync(path.join(ROOT, GB18030))), 'the file on disk is still untouched');
    await closePanel(page);
  });
});
