// The reviewer's HTML page (`nianbao check --format html`, issue 15 item 5) opened in Debian's chromium
// (playwright-core), as a bureau opens the page it is sent: a batch of drafts and a note that is no report, the
// page from the built CLI, read off the rendered page (innerText: what a person sees), with no request
// leaving the page. Expectations come from the CLI's JSON of the same files (`nianbao check --format json`).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { CLI, copyInto, findings, LAYOUTS, NO_SIX, OUT, RUN } from './lib/fixtures.mjs';
import { launchBrowser, shot, squash } from './lib/workbench.mjs';

describe('chromium: the HTML page of a batch', () => {
  const dir = path.join(RUN(), 'r');
  const ws = path.join(dir, 'w');
  const page = path.join(dir, '年报检查结果.html');
  let browser;
  let tab;
  let reports;
  const requests = [];

  before(async () => {
    const drafts = [...LAYOUTS, NO_SIX].map((d) => copyInto(ws, d.src, d.name));
    fs.writeFileSync(path.join(ws, '说明.md'), '# 说明\n\n本文件夹存放各单位报送的年报草稿。\n');
    reports = drafts.map((f) => findings(f));
    const r = spawnSync(process.execPath, [CLI(), 'check', '--format', 'html', ws], { encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /说明\.md: 不像年度报告，已跳过/);
    fs.writeFileSync(page, r.stdout);
    browser = await launchBrowser(path.join(dir, 'pw'));
    tab = browser.page;
    tab.on('request', (q) => requests.push(q.url()));
    await tab.goto(pathToFileURL(page).href);
    await tab.waitForSelector('#overview tbody tr');
  });

  after(async () => {
    if (browser) await browser.ctx.close().catch(() => {});
  });

  test('the overview shows a row per report: its body, year, format, counts and status, as the CLI counts them', async () => {
    const rows = await tab.$$eval('#overview tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())));
    assert.equal(rows.length, reports.length);
    for (const rep of reports) {
      const row = rows.find((r) => r[0] === rep.file);
      assert.ok(row, `${rep.file} has a row: ${JSON.stringify(rows)}`);
      const n = (s) => rep.diagnostics.filter((d) => s.includes(d.severity)).length;
      const status = n(['error']) ? '有错误' : n(['warning']) ? '有警告' : '通过';
      assert.deepEqual(row.slice(1), [rep.organisation ?? '—', String(rep.reportYear), rep.formatVersion, String(n(['error'])), String(n(['warning'])), String(n(['information', 'hint'])), status]);
    }
    const title = await tab.title();
    assert.equal(title, '政府信息公开工作年度报告检查结果');
  });

  test('each report’s findings are shown with their messages and the marked cell; the note that is no report is listed', async () => {
    for (const rep of reports) {
      const i = await tab.$$eval('#overview tbody tr td:first-child', (tds, f) => tds.findIndex((td) => td.innerText.trim() === f), rep.file);
      const section = `#r${i + 1}`;
      const shown = squash(await tab.locator(section).innerText());
      for (const d of rep.diagnostics) assert.ok(shown.includes(squash(d.message)), `${rep.file}: ${d.message}`);
      assert.equal(await tab.locator(`${section} > ol > li`).count(), rep.diagnostics.length);
      // each finding's lines are shown, its own line marked
      assert.equal(await tab.locator(`${section} pre .at`).count(), rep.diagnostics.length);
    }
    // following the overview's link goes to the report's section
    await tab.locator('#overview tbody tr:first-child a').click();
    await tab.waitForFunction(() => location.hash === '#r1');
    assert.ok(await tab.locator('#r1 h2').isVisible());
    const skipped = squash(await tab.locator('#skipped').innerText());
    assert.match(skipped, /未检查的文件（1）/);
    assert.match(skipped, /说明\.md：不像年度报告，已跳过/);
  });

  test('self-contained: the page asked for nothing but itself; a screenshot for the record', async () => {
    assert.deepEqual(
      requests.filter((u) => u !== pathToFileURL(page).href),
      [],
    );
    await tab.evaluate(() => window.scrollTo(0, 0));
    await shot(tab, path.join(OUT(), 'screenshots'), 'review-html');
  });
});
