// nianbao in a real VS Code (code-server 4.99.4 = VS Code 1.99.3) driven through Debian's chromium, asserting
// what a person sees: squiggles, the Problems panel, hovers, the Quick Fix menu, the file written by Ctrl+S,
// the Outline view, the status bar, the Settings editor, the Command Palette, the language mode and colours.
// Expectations come from the CLI: `nianbao check --format json` (findings) and `nianbao check --fix` (bytes).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { closeSessionAfter, openSession } from './lib/session.mjs';
import {
  copyInto, findings, firstDiff, fixedBytes, FOR_LANGUAGE, FOR_OUTLINE, forCommand, LAYOUTS, NAMED, NO_SIX, OUT, pos, RUN, statusLine, 
} from './lib/fixtures.mjs';
import {
  activeTabDirty, closePanel, EDITOR, gotoLine, inspectTokens, lineView, NIANBAO_STATUS, openFile,
  openQuickFix, openWorkbench, paletteShows, runCommand, saveAndWaitDisk, shot, showHover, squash, statusText, T,
  waitLine, waitProblems, waitStatus,
} from './lib/workbench.mjs';

const SHOTS = () => path.join(OUT(), 'screenshots');
const SECTIONS = ['一、', '二、', '三、', '四、', '五、', '六、'];
const ON_SAVE = { 'editor.codeActionsOnSave': { 'source.fixAll.nianbao': 'explicit' } };

/** The drafts of one workspace with their CLI findings and --fix bytes. */
function prepare(dir, entries) {
  return entries.map((e) => {
    const file = copyInto(dir, e.src, e.name);
    const report = findings(file);
    const totals = report.diagnostics.filter((d) => d.code === 'total-mismatch');
    return { ...e, file, report, totals, fixed: fixedBytes(file) };
  });
}

/** Waits until the status bar item of nianbao shows the CLI's year, format and error count for this report. */
const waitNianbaoStatus = (page, report, language = 'zh-cn') => {
  const want = statusLine(report, language);
  return waitStatus(page, NIANBAO_STATUS, (t) => t === want, `“${want}”`, T.long);
};

/** The squiggle of a finding is drawn on its line, where the cursor is after Ctrl+G line:column. */
async function assertSquiggleAt(page, d, severity = 'error') {
  const { line, col } = pos(d);
  await gotoLine(page, line, col);
  return waitLine(
    page,
    line,
    (v) => v.cursorX !== null && v.squiggles.some((s) => s.cls.includes(`squiggly-${severity}`) && s.left - 2 <= v.cursorX && v.cursorX <= s.right + 2),
    `a ${severity} squiggle under the cursor at ${line}:${col}`,
  );
}

/** 460 px of the editor area, from its top, or lower so that `include` is inside: the README's pictures (small PNGs). */
async function editorClip(page, include) {
  const box = await page.locator('.part.editor').boundingBox();
  const height = Math.min(box.height, 460);
  let y = box.y;
  if (include) {
    const inc = await page.locator(include).first().boundingBox();
    if (inc) y = Math.min(Math.max(y, inc.y + inc.height + 12 - height), box.y + box.height - height);
  }
  return { x: box.x, y, width: box.width, height };
}

async function assertBytes(file, want, page) {
  const { bytes, written } = await saveAndWaitDisk(page, file, (b) => b.equals(want));
  assert.ok(bytes.equals(want), `${path.basename(file)} on disk (${written ? 'written by the save' : 'not written'}) is not the CLI's --fix output: ${firstDiff(bytes, want)}`);
}

describe('VS Code (code-server): nianbao as a person sees it', () => {
  let cs;
  let browser;
  let page;
  let drafts;
  let commandDrafts;
  let saveDrafts;
  let noSix;
  let named;
  let outlineDraft;
  let languageDraft;
  const dir = path.join(RUN(), 'v');
  const ws = path.join(dir, 'w');
  const wsSave = path.join(dir, 'save');

  before(async () => {
    drafts = prepare(ws, LAYOUTS);
    commandDrafts = prepare(ws, LAYOUTS.map((l) => ({ ...l, name: forCommand(l.name) })));
    [noSix] = prepare(ws, [NO_SIX]);
    [named] = prepare(ws, [NAMED]);
    [outlineDraft, languageDraft] = prepare(ws, [FOR_OUTLINE, FOR_LANGUAGE]);
    copyInto(ws, NAMED.src, NAMED.plain);
    // a second workspace whose settings fix every total on save
    saveDrafts = prepare(wsSave, LAYOUTS);
    fs.mkdirSync(path.join(wsSave, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(wsSave, '.vscode/settings.json'), JSON.stringify(ON_SAVE, null, 2));
    for (const d of [...drafts, ...commandDrafts, ...saveDrafts]) {
      assert.ok(d.totals.length > 0, `${d.name}: the draft must have a wrong 总计`);
      assert.ok(!d.fixed.equals(fs.readFileSync(d.file)), `${d.name}: --fix must change it`);
    }
    ({ cs, browser, page } = await openSession(dir, ws));
  });

  closeSessionAfter(() => ({ cs, browser, page }));

  for (const [i, layout] of LAYOUTS.entries()) {
    test(`a. ${layout.layout}: a squiggle on the wrong 总计, the Problems panel lists it in Chinese as total-mismatch, the hover shows its parts`, async () => {
      const d = drafts[i];
      await openFile(page, d.name);
      await waitNianbaoStatus(page, d.report);
      for (const t of d.totals) {
        const { line, col } = pos(t);
        await assertSquiggleAt(page, t);
        const hover = squash(await showHover(page, '各部分之和'));
        assert.ok(hover.includes(squash(t.message)), `hover: ${hover}`);
        assert.ok(hover.includes('total-mismatch'), hover);
        assert.match(hover, /组成部分：/);
        assert.ok(hover.includes(`各部分之和：${t.expected}`), hover);
        assert.ok(hover.includes(`应为 ${t.expected}`), hover);
        if (layout.layout === 'Markdown' && t === d.totals[0]) await shot(page, SHOTS(), 'squiggle-hover', await editorClip(page));
        await page.keyboard.press('Escape');
        const rows = await waitProblems(
          page,
          'total-mismatch',
          (rs) => rs.some((r) => r.includes(squash(t.message)) && r.includes(`[Ln ${line}, Col ${col}]`)),
          `the row “${t.message}” at ${line}:${col}`,
        );
        const row = rows.find((r) => r.includes(squash(t.message)) && r.includes(`[Ln ${line}, Col ${col}]`));
        assert.match(row, /nianbao ?\(?total-mismatch\)?/);
        assert.match(t.message, /[\u4e00-\u9fff]/, 'the message is Chinese');
        assert.ok(!/should be/.test(row), row);
        await closePanel(page);
      }
    });
  }

  for (const [i, layout] of LAYOUTS.entries()) {
    test(`b. ${layout.layout}: Ctrl+. offers “将合计改为 N”, Enter writes N into the cell, Ctrl+S writes the CLI's --fix bytes`, async () => {
      const d = drafts[i];
      const want = d.fixed.toString('utf8').split(/\r?\n/);
      await openFile(page, d.name);
      await waitNianbaoStatus(page, d.report);
      for (const t of d.totals) {
        const { line } = pos(t);
        await assertSquiggleAt(page, t);
        const rows = await openQuickFix(page, `将合计改为 ${t.expected}`);
        const focused = rows.find((r) => r.focused);
        assert.equal(focused?.text, `将合计改为 ${t.expected}`, `the preferred fix comes first: ${JSON.stringify(rows)}`);
        if (layout.layout === 'Markdown' && t === d.totals[0]) await shot(page, SHOTS(), 'quick-fix', await editorClip(page, '.action-widget'));
        await page.keyboard.press('Enter');
        await page.locator('.action-widget').waitFor({ state: 'hidden' });
        // the cell now shows the right number: the rendered line is the line of the --fix output
        await waitLine(page, line, (v) => squash(v.text) === squash(want[line - 1]), `line ${line} = ${JSON.stringify(want[line - 1])}`);
        await waitLine(page, line, (v) => !v.squiggles.some((s) => s.cls.includes('squiggly-error') && s.left - 2 <= v.cursorX && v.cursorX <= s.right + 2), 'the squiggle to go');
      }
      assert.ok(await activeTabDirty(page), 'the fix leaves the editor dirty until saved');
      await assertBytes(d.file, d.fixed, page);
      const after = { ...d.report, diagnostics: d.report.diagnostics.filter((x) => x.code !== 'total-mismatch') };
      await waitNianbaoStatus(page, after);
    });
  }

  for (const [i, layout] of LAYOUTS.entries()) {
    test(`c. ${layout.layout}: the command “nianbao: Fix All Totals in This Document”, then Ctrl+S, writes the CLI's --fix bytes`, async () => {
      const d = commandDrafts[i];
      await openFile(page, d.name);
      await waitNianbaoStatus(page, d.report);
      const rows = await runCommand(page, 'nianbao: Fix All Totals', 'nianbao: Fix All Totals in This Document');
      assert.ok(rows.some((r) => r.startsWith('nianbao: Fix All Totals in This Document')), JSON.stringify(rows));
      const after = { ...d.report, diagnostics: d.report.diagnostics.filter((x) => x.code !== 'total-mismatch') };
      await waitNianbaoStatus(page, after);
      assert.ok(await activeTabDirty(page));
      await assertBytes(d.file, d.fixed, page);
    });
  }

  test('c. editor.codeActionsOnSave {"source.fixAll.nianbao": "explicit"}: Ctrl+S repairs every total of each layout', async () => {
    const second = await browser.ctx.newPage();
    try {
      await openWorkbench(second, cs.folderUrl(wsSave));
      for (const d of saveDrafts) {
        await openFile(second, d.name);
        await waitNianbaoStatus(second, d.report);
        assert.ok(!(await activeTabDirty(second)), `${d.name} is unchanged before the save`);
        const original = fs.readFileSync(d.file);
        assert.ok(!original.equals(d.fixed));
        // Seen about once in ten runs, only on the first save in a freshly opened window: the save wrote the
        // draft without running the fix (the server offered it; VS Code's save participant did not apply it).
        // Saving once more must then fix it; the note makes the retry visible in the output.
        const first = await saveAndWaitDisk(second, d.file, (b) => b.equals(d.fixed));
        if (!first.bytes.equals(d.fixed) && first.bytes.equals(original)) {
          console.log(`    note: the first Ctrl+S in the new window saved ${d.name} without the fix; saved again`);
        }
        await assertBytes(d.file, d.fixed, second);
        const after = { ...d.report, diagnostics: d.report.diagnostics.filter((x) => x.code !== 'total-mismatch') };
        await waitNianbaoStatus(second, after);
      }
    } finally {
      await second.close();
    }
  });

  test('d. a draft without section 六 (seed 004): missing-section in the Problems panel, status bar with year, format and error count', async () => {
    await openFile(page, noSix.name);
    await waitNianbaoStatus(page, noSix.report);
    const [missing] = noSix.report.diagnostics.filter((d) => d.code === 'missing-section');
    assert.equal(missing.message, '缺少“六、其他需要报告的事项”部分。');
    await assertSquiggleAt(page, missing);
    const { line, col } = pos(missing);
    await waitProblems(page, 'missing-section', (rs) => rs.some((r) => r.includes(missing.message) && r.includes('missing-section') && r.includes(`[Ln ${line}, Col ${col}]`)), missing.message);
    await closePanel(page);
    assert.equal(await statusText(page, NIANBAO_STATUS), '2019 年度报告 · 2019 年格式 · 1 个错误');
  });

  test('d. a draft whose 统计期限 year disagrees with its title (2024 report, 2023 period): year-mismatch on the period', async () => {
    const d = drafts[3];
    await openFile(page, d.name);
    const years = d.report.diagnostics.filter((x) => x.code === 'year-mismatch');
    assert.equal(years.length, 1, 'a 统计期限 copied from last year is one finding (issue 10), its fix writes both years');
    for (const y of years) {
      assert.equal(y.message, '统计期限中的年份为 2023，但报告年度为 2024。');
      await assertSquiggleAt(page, y);
      const { line, col } = pos(y);
      await waitProblems(page, 'year-mismatch', (rs) => rs.some((r) => r.includes(y.message) && r.includes('year-mismatch') && r.includes(`[Ln ${line}, Col ${col}]`)), y.message);
      await closePanel(page);
    }
    const rendered = await lineView(page, pos(years[0]).line);
    assert.match(squash(rendered.text), /统计期限自2023年1月1日起至2023年12月31日止/);
  });

  test('d. the Outline view lists the six sections; the status bar shows year, format and error count', async () => {
    const d = outlineDraft;
    await openFile(page, d.name);
    await waitNianbaoStatus(page, d.report);
    assert.equal(await statusText(page, NIANBAO_STATUS), '2020 年度报告 · 2019 年格式 · 1 个错误');
    // fold the file list away so that the Outline view gets the side bar
    const folders = page.locator('.pane:has(.explorer-folders-view) > .pane-header');
    if ((await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
    await runCommand(page, 'Focus on Outline View', 'Explorer: Focus on Outline View');
    const outline = page.locator('.outline-pane .monaco-list');
    await outline.locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: T.long });
    // collapse the tree so the six sections are the rows (the list is virtual: only visible rows exist)
    await page.locator('.pane-header:has-text("Outline") .action-label[aria-label="Collapse All"]').click();
    const level1 = async () =>
      page.evaluate(() => [...document.querySelectorAll('.outline-pane .monaco-list-row')].map((r) => ({
        level: r.getAttribute('aria-level'),
        label: (r.querySelector('.label-name')?.textContent || r.getAttribute('aria-label') || '').trim(),
      })));
    let rows;
    const end = Date.now() + T.mid;
    do {
      rows = await level1();
      if (rows.length === 6 && rows.every((r) => r.level === '1')) break;
      await new Promise((r) => setTimeout(r, 200));
    } while (Date.now() < end);
    assert.deepEqual(rows.map((r) => r.level), ['1', '1', '1', '1', '1', '1'], JSON.stringify(rows));
    const text = fs.readFileSync(d.file, 'utf8');
    rows.forEach((r, k) => {
      assert.ok(r.label.startsWith(SECTIONS[k]), `section ${k + 1}: ${r.label}`);
      assert.ok(text.includes(r.label), `“${r.label}” is a heading of the draft`);
    });
    // a click on section 三 shows it in the editor; expanded, it lists its table
    await page.locator('.outline-pane .monaco-list-row').nth(2).click();
    await page.keyboard.press('ArrowRight');
    await page.locator('.outline-pane .monaco-list-row[aria-level="2"]').first().waitFor({ state: 'visible' });
    await waitStatus(page, 'status.editor.selection', (t) => !t.startsWith('Ln 1,'), 'the editor at section 三');
    await shot(page, SHOTS(), 'outline', { x: 0, y: 0, width: 900, height: 560 });
  });

  test('e. messages are Chinese by default and English once nianbao.language is set to en in the Settings editor', async () => {
    const d = languageDraft;
    const zh = d.report;
    const en = findings(d.file, 'en');
    const year = (r) => r.diagnostics.find((x) => x.code === 'year-mismatch').message;
    assert.equal(year(en), 'The 统计期限 says 2023, but the report year is 2024.');
    await openFile(page, d.name);
    await waitNianbaoStatus(page, zh);
    await waitProblems(page, 'year-mismatch', (rs) => rs.some((r) => r.includes(year(zh))), year(zh));
    await closePanel(page);

    const choose = async (value) => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+,');
      const search = page.locator('.settings-editor .suggest-input-container .monaco-editor textarea');
      await search.waitFor({ state: 'attached' });
      await page.locator('.settings-editor .suggest-input-container').click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('nianbao.language');
      const select = page.locator('.settings-editor select[aria-label="nianbao.language"]');
      await select.waitFor({ state: 'visible' });
      await select.click();
      await page.locator(`.monaco-select-box-dropdown-container .monaco-list-row[aria-label^="${value}."]`).click();
      await page.waitForFunction((v) => document.querySelector('.settings-editor select[aria-label="nianbao.language"]')?.value === v, value);
      await openFile(page, d.name); // back to the draft (the Settings editor stays open in its tab)
    };
    await choose('en');
    await waitNianbaoStatus(page, en, 'en');
    await waitProblems(page, 'year-mismatch', (rs) => rs.some((r) => r.includes(year(en)) && r.includes('year-mismatch')), year(en));
    await closePanel(page);
    const y = en.diagnostics.find((x) => x.code === 'year-mismatch');
    await gotoLine(page, pos(y).line, pos(y).col);
    assert.ok(squash(await showHover(page, 'says 2023')).includes(squash(year(en))));
    await page.keyboard.press('Escape');
    const settings = JSON.parse(fs.readFileSync(path.join(cs.ud, 'User/settings.json'), 'utf8'));
    assert.equal(settings['nianbao.language'], 'en');

    await choose('zh-cn');
    await waitNianbaoStatus(page, zh);
    await waitProblems(page, 'year-mismatch', (rs) => rs.some((r) => r.includes(year(zh))), year(zh));
    await closePanel(page);
  });

  test('f. “2025年政府信息公开工作年度报告.txt” gets the nianbao language and its colours without any setting', async () => {
    await openFile(page, NAMED.name);
    await waitStatus(page, 'status.editor.mode', (t) => t === 'Annual report (政府信息公开工作年度报告)', 'the language mode of nianbao');
    await waitNianbaoStatus(page, named.report);
    const text = fs.readFileSync(named.file, 'utf8').split(/\r?\n/);
    const headingLine = text.findIndex((l) => l.trim() === '一、总体情况') + 1;
    assert.ok(headingLine > 0);
    await gotoLine(page, headingLine, 2);
    const scopes = await inspectTokens(page);
    assert.match(scopes, /language\s+nianbao/);
    assert.match(scopes, /markup\.heading\.section\.nianbao/);
    assert.match(scopes, /text\.nianbao/);
    const colours = async (line) =>
      page.evaluate(
        ([sel, ln]) => {
          const ed = document.querySelector(sel);
          const num = [...ed.querySelectorAll('.margin-view-overlays .line-numbers')].find((e) => e.textContent.trim() === String(ln));
          const top = num.parentElement.style.top;
          const vl = [...ed.querySelectorAll('.view-lines .view-line')].find((e) => e.style.top === top);
          return [...vl.querySelectorAll('span span')].filter((s) => s.textContent.trim()).map((s) => {
            const cs = getComputedStyle(s);
            return `${cs.color}|${cs.fontWeight}`;
          });
        },
        [EDITOR, line],
      );
    const nianbaoColours = await colours(headingLine);
    await shot(page, SHOTS(), 'language-nianbao');

    await openFile(page, NAMED.plain);
    await waitStatus(page, 'status.editor.mode', (t) => t === 'Plain Text', 'Plain Text');
    await gotoLine(page, headingLine, 2);
    const plainScopes = await inspectTokens(page);
    assert.match(plainScopes, /No grammar or semantic tokens available/);
    assert.doesNotMatch(plainScopes, /nianbao/);
    const plainColours = await colours(headingLine);
    assert.notDeepEqual(nianbaoColours, plainColours, 'the heading is coloured differently from plain text');
    assert.equal(new Set(plainColours).size, 1, `plain text has one colour: ${plainColours}`);
  });
});

describe('VS Code in Chinese (--locale zh-cn and a stub language pack): the titles of package.nls.zh-cn.json', () => {
  let cs;
  let browser;
  let page;
  let draft;
  const dir = path.join(RUN(), 'z');
  const ws = path.join(dir, 'w');

  before(async () => {
    [draft] = prepare(ws, [LAYOUTS[0]]);
    ({ cs, browser, page } = await openSession(dir, ws, { locale: 'zh-cn' }));
  });

  closeSessionAfter(() => ({ cs, browser, page }), 'zh-cn_');

  test('e. the Command Palette lists the commands under “年报检查” in Chinese and runs them; the language mode is Chinese', async () => {
    await openFile(page, draft.name);
    await waitNianbaoStatus(page, draft.report);
    await waitStatus(page, 'status.editor.mode', (t) => t === '政府信息公开工作年度报告', 'the Chinese language name');
    const rows = await paletteShows(page, '年报检查', '年报检查: 修正本文档中的所有合计');
    for (const title of ['年报检查: 修正本文档中的所有合计', '年报检查: 显示报告概况', '年报检查: 插入年度报告框架（2021年格式）']) {
      assert.ok(rows.some((r) => r.startsWith(title)), `${title} in ${JSON.stringify(rows)}`);
    }
    // the palette's list is virtual (about eight rows are drawn): the table view, further down, is asked for by its own name
    const view = await paletteShows(page, '年报检查: 表格', '年报检查: 表格视图');
    assert.ok(view.some((r) => r.startsWith('年报检查: 表格视图')), JSON.stringify(view));
    await shot(page, SHOTS(), 'command-palette-zh-cn');
    await page.keyboard.press('Escape');
    await runCommand(page, '年报检查: 显示报告概况', '年报检查: 显示报告概况');
    const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: '2020 年度报告' }).first();
    await toast.waitFor({ state: 'visible' });
    assert.match(squash(await toast.innerText()), /2020 年度报告，2019 年格式：1 个错误/);
  });

  test('e. the Settings editor shows the settings of nianbao with their Chinese titles and descriptions', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+,');
    await page.locator('.settings-editor .suggest-input-container').waitFor({ state: 'visible' });
    await page.locator('.settings-editor .suggest-input-container').click();
    await page.keyboard.type('@ext:nianbao.nianbao');
    const item = page.locator('.settings-editor .setting-item').filter({ hasText: '提示信息的语言' }).first();
    await item.waitFor({ state: 'visible' });
    const body = squash(await page.locator('.settings-editor .settings-body').innerText());
    for (const s of ['年报检查 (nianbao)', '提示信息的语言。', '《条例》第四十九条规定的发布期限', '不再报告的问题']) assert.ok(body.includes(s), `${s} in ${body.slice(0, 600)}`);
    assert.ok(!body.includes('The language of the messages'), 'no English description');
    await shot(page, SHOTS(), 'settings-zh-cn');
  });
});
