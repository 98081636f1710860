// The table view (issue 13, item 1) in a real VS Code (code-server 4.99.4 = VS Code 1.99.3): the editor
// title's button opens the grids beside the draft; the wrong 总计 is red with the value the CLI expects; a
// click on a cell selects it in the editor; typing the right value into the draft turns it back; the view
// follows the active editor to another draft. The webview is an iframe inside an iframe: frameLocator.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { closeSessionAfter, openSession } from './lib/session.mjs';
import { copyInto, findings, firstDiff, fixedBytes, LAYOUTS, OUT, pos, RUN } from './lib/fixtures.mjs';
import { focusEditor, gotoLine, openFile, runCommand, saveAndWaitDisk, shot, squash, T, waitStatus } from './lib/workbench.mjs';

const SHOTS = () => path.join(OUT(), 'screenshots');
const MARKDOWN = LAYOUTS[3];
const CELL_PER_LINE = LAYOUTS[0];

/** Polls `check` until it holds. */
async function until(check, what, ms = T.mid) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The table view's page: the webview's outer iframe, then its active frame. */
const grid = (page) => page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');

describe('VS Code (code-server): the table view', () => {
  let cs;
  let browser;
  let page;
  let md;
  let seed;
  const dir = path.join(RUN(), 'g');
  const ws = path.join(dir, 'w');

  before(async () => {
    const prepare = (e) => {
      const file = copyInto(ws, e.src, e.name);
      return { ...e, file, report: findings(file) };
    };
    md = prepare(MARKDOWN);
    md.fixed = fixedBytes(md.file);
    seed = prepare(CELL_PER_LINE);
    ({ cs, browser, page } = await openSession(dir, ws));
  });

  closeSessionAfter(() => ({ cs, browser, page }), 'grid_');

  test('the editor title’s “Table View” button opens the grids beside the draft; the wrong totals are red with the CLI’s expected value', async () => {
    await openFile(page, md.name);
    const button = page.locator('.editor-group-container.active .editor-actions .action-label[aria-label*="Table View"]');
    await button.waitFor({ state: 'visible', timeout: T.long });
    await button.click();
    const view = grid(page);
    await view.locator('table.grid').first().waitFor({ state: 'visible', timeout: T.long });
    // beside the draft: a second editor group holds the view, the draft stays in the first
    assert.equal(await page.locator('.editor-group-container').count(), 2);
    assert.match(await page.locator('.editor-group-container .tab.active').last().innerText(), /Table View|表格视图/);
    // the three tables' sections and the printed headers
    const headings = await view.locator('h2').allInnerTexts();
    assert.deepEqual(headings, ['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况']);
    for (const h of ['申请人情况', '法人或其他组织', '行政复议', '未经复议直接起诉']) await view.locator('th', { hasText: h }).first().waitFor({ state: 'visible' });
    // every wrong total of the CLI is a red cell saying what it should be, and no other cell is
    const totals = md.report.diagnostics.filter((d) => d.code === 'total-mismatch');
    assert.equal(totals.length, 2);
    const wrong = view.locator('td.wrong');
    await wrong.nth(totals.length - 1).waitFor({ state: 'visible' });
    assert.equal(await wrong.count(), totals.length);
    const texts = (await wrong.allInnerTexts()).map(squash);
    for (const t of totals) assert.ok(texts.some((x) => x === `${t.actual} 应为 ${t.expected}`), `${t.expected} in ${JSON.stringify(texts)}`);
    const colours = await wrong.first().evaluate((td) => ({ cell: getComputedStyle(td).color, body: getComputedStyle(document.body).color, error: getComputedStyle(document.documentElement).getPropertyValue('--vscode-errorForeground').trim() }));
    assert.notEqual(colours.cell, colours.body, 'a wrong total is coloured');
    assert.ok(colours.error, 'in the theme’s error colour');
    // the README's picture: the side bar folded away, the first wrong total in view
    await page.keyboard.press('Control+B');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
    await wrong.first().scrollIntoViewIfNeeded();
    await page.mouse.move(320, 600); // no tooltip over the view
    await page.waitForTimeout(600);
    await shot(page, SHOTS(), 'table-view');
  });

  test('a click on a cell selects it in the editor', async () => {
    const view = grid(page);
    const text = fs.readFileSync(md.file, 'utf8').split('\n');
    const line = text.findIndex((l) => l.includes('（一）予以公开')) + 1;
    assert.ok(line > 0);
    // 自然人 of （一）予以公开: the “6” in `| 三、本年度办理结果 | （一）予以公开 | 6 | 1 | …`
    const col = text[line - 1].indexOf('| 6 |') + 3;
    await view.locator('tr[data-row="r1"] td[data-column="natural"]').click();
    // the status bar shows where the cursor is: at the end of the one character selected
    await waitStatus(page, 'status.editor.selection', (t) => t.startsWith(`Ln ${line}, Col ${col + 1} `) && /\(1 selected\)/.test(t), `the selection on “6” at ${line}:${col}`);
    // the editor has the focus: the cell is what is typed over
    await page.waitForFunction(() => !!document.querySelector('.editor-group-container.active .monaco-editor.focused'), null, { timeout: T.short });
  });

  test('typing the right total into the draft turns the red cell into a right one', async () => {
    const view = grid(page);
    const [t] = md.report.diagnostics.filter((d) => d.code === 'total-mismatch');
    const { line, col } = pos(t);
    await focusEditor(page);
    await gotoLine(page, line, col);
    for (let i = 0; i < String(t.actual).length; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.type(String(t.expected));
    const cell = view.locator('tr[data-row="r1"] td[data-column="total"]');
    await until(async () => !(await cell.getAttribute('class')).includes('wrong'), 'the 总计 of （一）予以公开 to be right');
    assert.equal(squash(await cell.innerText()), String(t.expected));
    assert.equal(await view.locator('td.wrong').count(), 1, 'the other wrong total stays red');
    await cell.scrollIntoViewIfNeeded();
    await shot(page, SHOTS(), 'table-view-typed');
  });

  test('a double-click on a number in the grid asks for its value and writes only that cell: with both totals right, Ctrl+S writes the CLI’s --fix bytes', async () => {
    const view = grid(page);
    const [, t] = md.report.diagnostics.filter((d) => d.code === 'total-mismatch');
    assert.equal(t.message, '行政复议的总计（结果维持 + 结果纠正 + 其他结果 + 尚未审结之和）应为 2，实际为 3。');
    const cell = view.locator('tr[data-row="cases"] td[data-column="review.total"]');
    assert.match(await cell.getAttribute('class'), /\bwrong\b/);
    await cell.dblclick();
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    assert.equal(await input.inputValue(), String(t.actual));
    assert.match(await page.locator('.quick-input-widget').innerText(), /行政复议 · 总计/);
    // the keyboard is in the input box (the double-click's clicks did not send the focus to the editor)
    await page.waitForFunction(() => !!document.activeElement?.closest('.quick-input-widget .quick-input-box'), null, { timeout: T.short });
    await page.keyboard.press('Control+A');
    await page.keyboard.type(String(t.expected));
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
    await until(async () => !(await cell.getAttribute('class')).includes('wrong'), 'the 行政复议 总计 to be right');
    assert.equal(squash(await cell.innerText()), String(t.expected));
    assert.equal(await view.locator('td.wrong').count(), 0);
    // back to the draft (a click on the cell), saved: the one digit typed and the one written from the grid are --fix's
    await cell.click();
    await waitStatus(page, 'status.editor.selection', (x) => x.startsWith(`Ln ${pos(t).line}, `), `the editor at line ${pos(t).line}`);
    const { bytes } = await saveAndWaitDisk(page, md.file, (b) => b.equals(md.fixed));
    assert.ok(bytes.equals(md.fixed), `the saved draft is not --fix's: ${firstDiff(bytes, md.fixed)}`);
  });

  test('the view follows the active editor: another draft, its own grids', async () => {
    const view = grid(page);
    await openFile(page, seed.name);
    await view.locator('#status', { hasText: seed.name }).waitFor({ state: 'visible', timeout: T.mid });
    // seed 003: the 2019 format's 第二十条第（九）项, and its one wrong total (（七）总计 自然人, blank, 应为 1)
    await view.locator('h3', { hasText: '第二十条第（九）项' }).waitFor({ state: 'visible' });
    const wrong = view.locator('td.wrong');
    await wrong.first().waitFor({ state: 'visible' });
    assert.equal(await wrong.count(), 1);
    assert.equal(squash(await wrong.innerText()), '应为 1');
    assert.equal(await wrong.getAttribute('data-column'), 'natural');
    // its blank cells are blank in the grid (marked so), not 0: seed 003 fills only the 总计 column
    const blanks = view.locator('td.kind-blank:not(.wrong)');
    assert.ok((await blanks.count()) > 100);
    assert.deepEqual([...new Set(await blanks.allInnerTexts())], ['']);
    assert.match(await blanks.first().getAttribute('title'), /\(空白\)/);
  });

  test('sticky scroll over a long table shows the rows’ groups, not the table’s first data row (item 6)', async () => {
    // seed 003 writes one cell a line: 1.属于国家秘密 … 8.属于行政查询事项 run over lines 146–230, under （三）不予公开
    const text = fs.readFileSync(seed.file, 'utf8').split('\n');
    const line = text.findIndex((l) => l.includes('5.属于三类内部事务信息')) + 1;
    await focusEditor(page);
    await gotoLine(page, line + 15);
    const sticky = page.locator(`.editor-group-container.active .sticky-widget .sticky-line-content`);
    await sticky.first().waitFor({ state: 'visible', timeout: T.mid });
    const lines = (await sticky.allInnerTexts()).map(squash);
    assert.ok(lines.some((l) => l === '三、收到和处理政府信息公开申请情况'), JSON.stringify(lines));
    assert.ok(lines.some((l) => l === '三、本年度办理结果'), JSON.stringify(lines));
    assert.ok(lines.some((l) => l === '（三）不予公开'), JSON.stringify(lines));
    assert.ok(!lines.some((l) => l.startsWith('一、本年新收')), JSON.stringify(lines));
    await shot(page, SHOTS(), 'sticky-scroll', { x: 0, y: 0, width: 900, height: 300 });
  });
});

describe('VS Code (code-server) in an untrusted workspace (Restricted Mode): the table view works the same', () => {
  let cs;
  let browser;
  let page;
  let md;
  const dir = path.join(RUN(), 'gu');
  const ws = path.join(dir, 'w');

  before(async () => {
    const file = copyInto(ws, MARKDOWN.src, MARKDOWN.name);
    md = { file, report: findings(file) };
    ({ cs, browser, page } = await openSession(dir, ws, { untrusted: true }));
  });

  closeSessionAfter(() => ({ cs, browser, page }), 'grid-untrusted_');

  test('“nianbao: Table View” from the Command Palette shows the grids with the wrong totals red; a click selects the cell', async () => {
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'visible', timeout: T.long });
    await openFile(page, MARKDOWN.name);
    await runCommand(page, 'nianbao: Table View', 'nianbao: Table View');
    const view = grid(page);
    const wrong = view.locator('td.wrong');
    const totals = md.report.diagnostics.filter((d) => d.code === 'total-mismatch');
    await wrong.nth(totals.length - 1).waitFor({ state: 'visible', timeout: T.long });
    assert.equal(await wrong.count(), totals.length);
    await wrong.first().click();
    const [t] = totals;
    await waitStatus(page, 'status.editor.selection', (s) => s.startsWith(`Ln ${pos(t).line}, `) && /\(1 selected\)/.test(s), `the selection on line ${pos(t).line}`);
  });
});
