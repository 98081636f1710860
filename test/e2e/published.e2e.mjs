// Published files in a real VS Code (code-server): a PDF opened in the workbench, "nianbao: Check This Report"
// from the Command Palette, and what a person sees: a read-only rendering of the report's text with the
// CLI's findings in the Problems panel, each naming its page; an HTML report squiggled in its source.
// Expectations come from the CLI (`nianbao check --format json`).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { closeSessionAfter, openSession } from './lib/session.mjs';
import { copyInto, findings, OUT, pos, RUN } from './lib/fixtures.mjs';
import { closePanel, openFile, runCommand, shot, waitProblems, T } from './lib/workbench.mjs';

const PDF = { src: 'test/fixtures/published/shanghai-bgt-2019-chromium-print.pdf', name: '上海市政府办公厅2019年报.pdf' };
const HTML = { src: 'test/fixtures/published/shanghai-2019-gbk.html', name: '上海市政府办公厅2019年报.html' };

describe('VS Code (code-server): published reports', () => {
  let cs;
  let browser;
  let page;
  let pdf;
  let html;
  const dir = path.join(RUN(), 'p');
  const ws = path.join(dir, 'w');

  before(async () => {
    pdf = findings(copyInto(ws, PDF.src, PDF.name));
    html = findings(copyInto(ws, HTML.src, HTML.name));
    assert.equal(pdf.diagnostics.filter((d) => d.severity === 'error').length, 11);
    ({ cs, browser, page } = await openSession(dir, ws, { settings: { '[html]': { 'files.encoding': 'gb18030' } } }));
  });

  closeSessionAfter(() => ({ cs, browser, page }));

  test('g. a PDF: Check This Report opens its text read-only; the Problems panel lists its 11 blank totals with their page', async () => {
    await page.keyboard.press('Control+P');
    await page.keyboard.type(PDF.name);
    await page.waitForFunction((n) => [...document.querySelectorAll('.quick-input-list .monaco-list-row')].some((r) => (r.getAttribute('aria-label') || '').includes(n)), PDF.name, { timeout: T.short });
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => (document.querySelector('.editor-group-container.active .tab.active')?.getAttribute('aria-label') || '').includes(n), PDF.name, { timeout: T.short });
    await runCommand(page, 'Check This Report', 'nianbao: Check This Report');
    const view = `${PDF.name}.txt`;
    await page.waitForFunction((n) => (document.querySelector('.editor-group-container.active .tab.active')?.getAttribute('aria-label') || '').includes(n), view, { timeout: T.long });
    const errors = pdf.diagnostics.filter((d) => d.severity === 'error');
    // the panel shows the rendering with its 11 findings; the first ones are in view (the list is virtual)
    const rows = await waitProblems(
      page,
      'total-mismatch',
      (rs) => rs.some((r) => r.startsWith(`${view} 11`)) && errors.slice(0, 3).every((e) => rs.some((r) => r.includes(`应为 ${e.expected}，实际为 空白。（第 3 页 (page 3)）`))),
      'the rendering with 11 findings, the first blank totals each on page 3',
      T.long,
    );
    const first = rows.find((r) => r.includes('应为 272'));
    assert.ok(first?.includes(`[Ln ${pos(errors[0]).line}, Col ${pos(errors[0]).col}]`), `${first}: at the draft line of the CLI's finding`);
    // the rendering is read-only: typing changes nothing
    await page.keyboard.press('Escape');
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
    await page.keyboard.type('x');
    const readonly = await page.evaluate(() => !!document.querySelector('.editor-group-container.active .tab.active.dirty'));
    assert.equal(readonly, false, 'the rendering never becomes dirty');
    const box = await page.locator('.monaco-workbench').boundingBox();
    await shot(page, path.join(OUT(), 'screenshots'), 'published-pdf', { x: box.x, y: box.y, width: box.width, height: box.height });
    await closePanel(page);
  });

  test('h. an HTML report in GBK: its 11 blank totals in the Problems panel, at the lines of the page', async () => {
    await openFile(page, HTML.name);
    const errors = html.diagnostics.filter((d) => d.severity === 'error');
    assert.equal(errors.length, 11);
    await waitProblems(
      page,
      'total-mismatch',
      (rs) => rs.some((r) => r.startsWith(`${HTML.name} 11`)) && errors.slice(0, 3).every((e) => rs.some((r) => r.includes(`应为 ${e.expected}，实际为 空白。`) && r.includes(`[Ln ${e.location.line}, Col ${e.location.column}]`))),
      'the page with 11 findings, the first blank totals at their HTML lines and columns',
      T.long,
    );
    await closePanel(page);
  });
});
