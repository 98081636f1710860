// Driving the VS Code workbench (code-server) in Debian's chromium with playwright-core, the way a person
// does: keyboard shortcuts, the Command Palette, the Problems panel, hovers, the status bar. Every helper waits
// (generous timeouts) for what a person would see; none relies on timing.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const PW_CORE = process.env.NIANBAO_PW_CORE;
const CHROMIUM = process.env.NIANBAO_CHROMIUM || '/usr/bin/chromium';

export const T = { long: 90000, mid: 30000, short: 15000 };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Monaco renders spaces as U+00A0 and tabs as runs of them: compare text with whitespace collapsed. */
export const squash = (s) => String(s).replace(/[\s\u00a0\u3000]+/g, ' ').trim();

export async function launchBrowser(profileDir) {
  if (!PW_CORE) throw new Error('NIANBAO_PW_CORE is not set: run test/e2e/setup.sh and source its env.sh');
  const { chromium } = require(PW_CORE);
  fs.mkdirSync(profileDir, { recursive: true });
  const ctx = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = ctx.pages()[0] || (await ctx.newPage());
  page.setDefaultTimeout(T.mid);
  return { ctx, page };
}

/** Opens `/?folder=<ws>` and waits until the explorer lists the workspace. */
export async function openWorkbench(page, url) {
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: T.long });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: T.long });
}

const QUICK_INPUT = '.quick-input-widget .quick-input-box input';

async function quickPick(page, keys, text, rowLabel) {
  await page.keyboard.press('Escape');
  await page.keyboard.press(keys);
  await page.waitForSelector(QUICK_INPUT, { state: 'visible' });
  await page.keyboard.type(text);
  // the list filters asynchronously: wait until the *focused* row is the one we want, then Enter
  await page.waitForFunction(
    (label) => {
      const row = document.querySelector('.quick-input-list .monaco-list-row.focused');
      return !!row && (row.getAttribute('aria-label') || '').includes(label);
    },
    rowLabel,
    { timeout: T.short },
  );
  await page.keyboard.press('Enter');
  await page.waitForSelector(QUICK_INPUT, { state: 'hidden' });
}

/** Ctrl+P, the file name, Enter; waits until its tab is the active one. */
export async function openFile(page, name) {
  await quickPick(page, 'Control+P', name, name);
  await page.waitForFunction(
    (n) => (document.querySelector('.editor-group-container.active .tab.active')?.getAttribute('aria-label') || '').includes(n),
    name,
    { timeout: T.short },
  );
  await page.waitForSelector(`${EDITOR} .view-lines`);
}

/** Ctrl+Shift+P, the title, Enter. Returns the labels of the rows the palette offered. */
export async function runCommand(page, typed, title = typed) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+P');
  await page.waitForSelector(QUICK_INPUT, { state: 'visible' });
  await page.keyboard.type(typed);
  await page.waitForFunction(
    (t) => [...document.querySelectorAll('.quick-input-list .monaco-list-row')].some((r) => (r.getAttribute('aria-label') || '').includes(t)),
    title,
    { timeout: T.short },
  );
  const rows = await paletteRows(page);
  await quickPickFocus(page, title);
  await page.keyboard.press('Enter');
  await page.waitForSelector(QUICK_INPUT, { state: 'hidden' });
  return rows;
}

async function quickPickFocus(page, title) {
  for (let i = 0; i < 30; i++) {
    const focused = await page.evaluate(() => document.querySelector('.quick-input-list .monaco-list-row.focused')?.getAttribute('aria-label') || '');
    if (focused.includes(title)) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`palette row “${title}” never got the focus`);
}

export const paletteRows = (page) =>
  page.evaluate(() => [...document.querySelectorAll('.quick-input-list .monaco-list-row')].map((r) => r.getAttribute('aria-label') || ''));

/** Opens the Command Palette, types `typed` and returns the rows shown (the palette stays open). */
export async function paletteShows(page, typed, expected) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+P');
  await page.waitForSelector(QUICK_INPUT, { state: 'visible' });
  await page.keyboard.type(typed);
  await page.waitForFunction(
    (e) => [...document.querySelectorAll('.quick-input-list .monaco-list-row')].some((r) => (r.getAttribute('aria-label') || '').includes(e)),
    expected,
    { timeout: T.short },
  );
  return paletteRows(page);
}

/** The active editor. */
export const EDITOR = '.editor-group-container.active .editor-container .monaco-editor';

/** Puts the keyboard focus into the active editor: a click on its (active) tab. */
export async function focusEditor(page) {
  await page.keyboard.press('Escape');
  await page.locator('.editor-group-container.active .tab.active').click();
  await page.waitForFunction((sel) => !!document.querySelector(`${sel}.focused`), EDITOR, { timeout: T.short });
}

/** Ctrl+G line:column Enter (1-based, as the Problems panel and the CLI show them). */
export async function gotoLine(page, line, column) {
  await focusEditor(page);
  await quickInputType(page, 'Control+G', column ? `${line}:${column}` : `${line}`);
  // (the status bar's Col is the visual column, tabs expanded; the line is enough to know we got there)
  await page.waitForFunction(
    (l) => (document.querySelector('#status\\.editor\\.selection')?.textContent || '').includes(`Ln ${l},`),
    line,
    { timeout: T.short },
  );
}

async function quickInputType(page, keys, text) {
  await page.keyboard.press(keys);
  await page.waitForSelector(QUICK_INPUT, { state: 'visible' });
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await page.waitForSelector(QUICK_INPUT, { state: 'hidden' });
}

/**
 * What the active editor shows on a (1-based) line: its text and the squiggles drawn on it, with their
 * horizontal extent, and the x of the cursor when it is on that line. The line must be rendered (in view).
 */
export function lineView(page, line) {
  return page.evaluate(
    ([sel, ln]) => {
      const ed = document.querySelector(sel);
      if (!ed) return null;
      const num = [...ed.querySelectorAll('.margin-view-overlays .line-numbers')].find((e) => e.textContent.trim() === String(ln));
      if (!num) return null;
      const top = num.parentElement.style.top;
      const viewLines = [...ed.querySelectorAll('.view-lines .view-line')];
      const viewLine = viewLines.find((e) => e.style.top === top);
      // with word wrap on (the nianbao language's default), a line goes on in the view lines below it, up to the next line number
      const px = (e) => Number.parseFloat(e.style.top);
      const nextTop = Math.min(...[...ed.querySelectorAll('.margin-view-overlays .line-numbers')].map((e) => px(e.parentElement)).filter((t) => t > px(num.parentElement)), Number.POSITIVE_INFINITY);
      const wrapped = viewLines.filter((e) => px(e) >= px(num.parentElement) && px(e) < nextTop).sort((a, b) => px(a) - px(b));
      const overlay = [...ed.querySelectorAll('.view-overlays > div')].find((e) => e.style.top === top);
      const squiggles = overlay
        ? [...overlay.querySelectorAll('[class*="squiggly-"]')].map((e) => {
            const r = e.getBoundingClientRect();
            return { cls: e.className, left: r.left, right: r.right };
          })
        : [];
      const box = viewLine?.getBoundingClientRect();
      const cursor = [...ed.querySelectorAll('.cursors-layer .cursor')].map((c) => c.getBoundingClientRect())
        .find((r) => box && Math.abs(r.top - box.top) < 3);
      return { text: viewLine ? wrapped.map((e) => e.innerText).join('') : null, squiggles, cursorX: cursor ? cursor.left : null };
    },
    [EDITOR, line],
  );
}

/** Waits until `check(lineView)` holds; returns the last view. */
export async function waitLine(page, line, check, what, ms = T.mid) {
  const end = Date.now() + ms;
  let v;
  for (;;) {
    v = await lineView(page, line);
    if (v && check(v)) return v;
    if (Date.now() > end) throw new Error(`line ${line}: timed out waiting for ${what}; last: ${JSON.stringify(v)}`);
    await sleep(150);
  }
}

/** Text of a status bar entry (by its element id, e.g. 'status.problems'). */
export const statusText = (page, id) =>
  page.evaluate((i) => {
    const e = document.getElementById(i);
    return e ? e.innerText.replace(/\s+/g, ' ').trim() : null;
  }, id);

export async function waitStatus(page, id, check, what, ms = T.mid) {
  const end = Date.now() + ms;
  let t;
  for (;;) {
    t = await statusText(page, id);
    if (t !== null && check(t)) return t;
    if (Date.now() > end) throw new Error(`status bar ${id}: timed out waiting for ${what}; last: ${JSON.stringify(t)}`);
    await sleep(150);
  }
}

/** The status bar item of the extension (createStatusBarItem('nianbao.status') → element id). */
export const NIANBAO_STATUS = 'nianbao.nianbao.nianbao.status';

/** Opens the Problems panel (Ctrl+Shift+M), types `filter` into its filter box, returns the visible rows' text. */
export async function problemsRows(page, filter) {
  await page.keyboard.press('Escape');
  if (!(await page.locator('.markers-panel').isVisible().catch(() => false))) await page.keyboard.press('Control+Shift+M');
  const input = page.locator('.panel input[aria-label="Filter Problems"]');
  await input.waitFor({ state: 'visible' });
  await input.fill(filter);
  await sleep(300);
  return page.evaluate(() => [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((e) => e.innerText.replace(/\s+/g, ' ').trim()));
}

export async function waitProblems(page, filter, check, what, ms = T.mid) {
  const end = Date.now() + ms;
  let rows;
  for (;;) {
    rows = await problemsRows(page, filter);
    if (check(rows)) return rows;
    if (Date.now() > end) throw new Error(`Problems panel (filter “${filter}”): timed out waiting for ${what}; rows: ${JSON.stringify(rows)}`);
    await sleep(500);
  }
}

/** Ctrl+J hides the panel (Problems). */
export async function closePanel(page) {
  await page.keyboard.press('Escape');
  if (await page.locator('.part.panel .markers-panel').isVisible()) await page.keyboard.press('Control+J');
  await page.locator('.part.panel .markers-panel').waitFor({ state: 'hidden', timeout: T.short });
}

/** Ctrl+K Ctrl+I (Show Hover) at the cursor; waits until the hover shows `expect` and returns its text. */
export async function showHover(page, expect) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  // the problem part of a hover comes first, the hover provider's part a moment later
  const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: expect }).first();
  await hover.waitFor({ state: 'visible' });
  return hover.innerText();
}

/** Ctrl+. at the cursor; returns the rows of the Quick Fix menu (the menu stays open). */
export async function openQuickFix(page, expect) {
  await page.keyboard.press('Escape');
  const row = page.locator('.action-widget .monaco-list-row.action').filter({ hasText: expect }).first();
  const none = page.locator(`${EDITOR} .monaco-editor-overlaymessage`).filter({ hasText: 'No code actions available' });
  await page.keyboard.press('Control+.');
  await row.or(none).first().waitFor({ state: 'visible' });
  if (!(await row.isVisible())) {
    // Seen in 2 of 12 runs, right after a fix on another line of the same draft: VS Code answered Ctrl+. with "No code
    // actions available" although the server offers the fix for that position at that version (checked at the protocol
    // level). A person presses Ctrl+. again; so does the test, once, and says so.
    console.log(`    note: Ctrl+. showed "No code actions available" before “${expect}”; pressed Ctrl+. again`);
    await page.keyboard.press('Escape');
    await none.waitFor({ state: 'hidden' });
    await page.keyboard.press('Control+.');
    await row.waitFor({ state: 'visible' });
  }
  return page.evaluate(() =>
    [...document.querySelectorAll('.action-widget .monaco-list-row')].map((r) => ({
      text: r.innerText.replace(/\s+/g, ' ').trim(),
      focused: r.classList.contains('focused'),
      header: r.classList.contains('group-header'),
    })),
  );
}

/** Whether the active tab shows the unsaved dot. */
export const activeTabDirty = (page) =>
  page.evaluate(() => !!document.querySelector('.editor-group-container.active .tab.active.dirty'));

/** Ctrl+S; waits until the tab is clean and the file on disk satisfies `check`. Returns its bytes and whether it was written. */
export async function saveAndWaitDisk(page, file, check, ms = T.mid) {
  const mtime = fs.statSync(file).mtimeMs;
  await focusEditor(page);
  await page.keyboard.press('Control+S');
  await page.waitForFunction(() => !document.querySelector('.editor-group-container.active .tab.active.dirty'), null, { timeout: ms });
  const end = Date.now() + ms;
  for (;;) {
    const bytes = fs.readFileSync(file);
    const written = fs.statSync(file).mtimeMs !== mtime;
    if (check(bytes) || Date.now() > end) return { bytes, written };
    await sleep(150);
  }
}

/** Runs "Developer: Inspect Editor Tokens and Scopes" at the cursor; returns the widget's text. */
export async function inspectTokens(page) {
  await runCommand(page, 'Inspect Editor Tokens and Scopes', 'Developer: Inspect Editor Tokens and Scopes');
  const w = page.locator('.token-inspect-widget');
  await w.waitFor({ state: 'visible' });
  await page.waitForFunction(() => /language|No grammar/.test(document.querySelector('.token-inspect-widget')?.innerText || ''), null, { timeout: T.short });
  const text = await w.innerText();
  await page.keyboard.press('Escape');
  await w.waitFor({ state: 'hidden' }).catch(() => {});
  return text;
}

export async function shot(page, dir, name, clip) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, ...(clip ? { clip } : {}) });
  return file;
}
