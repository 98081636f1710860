/**
 * The reviewer's CLI output (issue 15, item 5), through cli.ts `run`: the per-report table that ends the
 * text output, --quiet and --min-severity, every skipped file named with why, --summary FILE (its JSON
 * against nianbao-report.schema.json), and the one HTML page of `--format html` (parsed, not rendered:
 * test/e2e/review.e2e.mjs opens it in chromium).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import Ajv from 'ajv';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { run } from '../../server/src/cli/cli';
import { displayWidth, type SummaryJson } from '../../server/src/cli/batch';
import { escapeHtml } from '../../server/src/cli/html';
import { at, read } from '../helpers/repo';

const SEED003 = 'samples/seeds/003_efc93f8cbbb15791.txt';
const SEED004 = 'samples/seeds/004_f08e199b8ba50c35.txt';
const SEED002 = 'samples/seeds/002_4505276ac13c66c6.txt';
const CLEAN = 'samples/2023-markdown-clean.md';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const tmpdir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-review-'));
const schema = JSON.parse(read('nianbao-report.schema.json'));
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema(schema, 'report');
const validateSummary = ajv.compile<SummaryJson>({ $ref: 'report#/definitions/summary' });

/** The table's lines: from its head to the line before the summary. */
function tableOf(out: string): string[] {
  const lines = out.split('\n');
  const head = lines.findIndex((l) => /^文件\s+单位\s+年度\s+格式\s+错误\s+警告\s+提示\s+状态$/.test(l));
  assert.ok(head >= 0, out);
  return lines.slice(
    head,
    lines.findIndex((l, i) => i > head && l === ''),
  );
}

/** The display column where `word` starts in a line. */
const columnOf = (line: string, word: string) => displayWidth(line.slice(0, line.indexOf(word)));

/**
 * A folder as a reviewer gets it: three drafts, a README (not a report), a .wps (a kind not supported)
 * and a .txt that is binary (unreadable).
 */
function batchFolder(): string {
  const dir = tmpdir();
  fs.copyFileSync(at(SEED003), path.join(dir, '东丽区科技局.txt'));
  fs.copyFileSync(at(SEED004), path.join(dir, '汉沽街道.txt'));
  fs.copyFileSync(at(CLEAN), path.join(dir, '南开区人社局.md'));
  fs.writeFileSync(path.join(dir, 'README.md'), '# 说明\n\n本文件夹存放各单位报送的年报草稿。\n');
  fs.writeFileSync(path.join(dir, '红桥区.wps'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 1, 2, 3]));
  fs.writeFileSync(path.join(dir, '坏文件.txt'), Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0, 0, 9, 9]));
  return dir;
}

describe('displayWidth: columns in a terminal (UAX #11)', () => {
  test('CJK and full-width characters take two columns, ASCII one, combining marks none', () => {
    assert.equal(displayWidth('abc'), 3);
    assert.equal(displayWidth('东丽区科技局'), 12);
    assert.equal(displayWidth('（一）'), 6);
    assert.equal(displayWidth('ｅ'), 2, 'a full-width Latin letter');
    assert.equal(displayWidth('e\u0301'), 1, 'e and a combining acute accent');
    assert.equal(displayWidth('a\u200bb'), 2, 'a zero-width space');
    assert.equal(displayWidth('2019 年'), 7);
  });
});

describe('text output: the table per report', () => {
  test('ends with a row per report (单位, 年度, 格式, counts, 状态), aligned by display width, then the summary line', async () => {
    const r = await cli(['check', SEED003, SEED004, CLEAN, SEED002]);
    assert.equal(r.code, 1);
    const table = tableOf(r.out);
    assert.equal(table.length, 2 + 4, 'head, rule, four reports');
    const rows = table.slice(2);
    // the counts of seeds 003 and 004 are those of their expectation files (written by hand): 003 one total-mismatch,
    // one empty-section, one blank-cell; 004 one missing-section and two blank-cell (the 申请 table and 复议/诉讼)
    assert.match(rows[0], /^samples\/seeds\/003_efc93f8cbbb15791\.txt +东丽区科技局 +2020 +2019 +1 +1 +1 +有错误$/);
    assert.match(rows[1], /^samples\/seeds\/004_f08e199b8ba50c35\.txt +汉沽街道办事处 +2019 +2019 +1 +0 +2 +有错误$/);
    assert.match(rows[2], /^samples\/2023-markdown-clean\.md .* +2023 +2021 +0 +0 +0 +通过$/);
    assert.match(rows[3], /^samples\/seeds\/002_4505276ac13c66c6\.txt +天津市河北区人民政府 +2025 +2021 +0 +1 +0 +有警告$/);
    // organisations of 6, 7 and 10 characters: the year column starts at one display column in every row
    const yearAt = columnOf(table[0], '年度');
    for (const row of rows) assert.equal(displayWidth(row.slice(0, / (20\d\d) +20(19|21) /.exec(row)!.index + 1)), yearAt, row);
    const statusAt = columnOf(table[0], '状态');
    for (const row of rows) assert.equal(columnOf(row, row.match(/(有错误|有警告|通过)$/)![1]), statusAt, row);
    // the counts are right-aligned under their heads (each head two characters, four columns wide)
    const errorsEnd = columnOf(table[0], '错误') + 4;
    for (const row of rows) {
      const m = / (\d+) +\d+ +\d+ +(有错误|有警告|通过)$/.exec(row)!;
      assert.equal(displayWidth(row.slice(0, m.index + 1 + m[1].length)), errorsEnd, row);
    }
    assert.match(r.out, /\n共检查 4 个文件：2 个错误，2 个警告，3 条提示$/);
  });

  test('in English: the same table with English heads and statuses', async () => {
    const dir = tmpdir();
    const config = path.join(dir, '.nianbaorc.json');
    fs.writeFileSync(config, JSON.stringify({ language: 'en' }));
    const r = await cli(['check', '--config', config, SEED003]);
    assert.match(r.out, /^File +Body +Year +Format +Errors +Warnings +Notes +Status$/m);
    assert.match(r.out, /003_efc93f8cbbb15791\.txt +东丽区科技局 +2020 +2019 +1 +1 +1 +errors$/m);
  });
});

describe('--quiet and --min-severity', () => {
  const findingLines = (out: string) => out.split('\n').filter((l) => /^samples\/.*:\d+:\d+: /.test(l));

  test('--quiet lists the errors only; the table still counts every finding; the exit code is the same', async () => {
    const all = await cli(['check', SEED003, SEED004]);
    const quiet = await cli(['check', '--quiet', SEED003, SEED004]);
    assert.deepEqual(
      findingLines(quiet.out).map((l) => l.replace(/ .*/, '')),
      ['samples/seeds/003_efc93f8cbbb15791.txt:332:2:', 'samples/seeds/004_f08e199b8ba50c35.txt:399:1:'],
    );
    assert.ok(findingLines(quiet.out).every((l) => / 错误 /.test(l)));
    assert.equal(findingLines(all.out).length, 6);
    assert.deepEqual(tableOf(quiet.out), tableOf(all.out));
    assert.equal(quiet.code, all.code);
    assert.equal(quiet.code, 1);
  });

  test('--min-severity warning|information|hint; a bad level, or --quiet with another level, is a usage error', async () => {
    const levels = async (min: string) => findingLines((await cli(['check', '--min-severity', min, SEED003, SEED004])).out).map((l) => l.split(' ')[1]);
    assert.deepEqual(await levels('error'), ['错误', '错误']);
    assert.deepEqual(await levels('warning'), ['错误', '警告', '错误']);
    assert.deepEqual(await levels('information'), ['信息', '错误', '警告', '信息', '信息', '错误']);
    assert.deepEqual(await levels('hint'), await levels('information'));
    const bad = await cli(['check', '--min-severity', 'notes', SEED003]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--min-severity 的值无效：notes（可用：error, warning, information, hint）/);
    const both = await cli(['check', '--quiet', '--min-severity', 'warning', SEED003]);
    assert.equal(both.code, 2);
    assert.match(both.err, /--quiet/);
    assert.equal((await cli(['check', '--quiet', '--min-severity', 'error', SEED003])).code, 1);
  });

  test('a rule lowered to hint is left out under --min-severity information (blank-cell, issue 15)', async () => {
    const dir = tmpdir();
    const config = path.join(dir, '.nianbaorc.json');
    fs.writeFileSync(config, JSON.stringify({ rules: { 'blank-cell': 'hint' } }));
    const r = await cli(['check', '--config', config, '--min-severity', 'information', SEED004]);
    assert.doesNotMatch(r.out, /blank-cell/);
    assert.match(tableOf(r.out)[2], / +1 +0 +2 +有错误$/, 'the hints are still counted in the table');
  });

  test('JSON and SARIF list only the findings chosen', async () => {
    const json = JSON.parse((await cli(['check', '--format', 'json', '--quiet', SEED003])).out);
    assert.deepEqual(
      json[0].diagnostics.map((d: { code: string }) => d.code),
      ['total-mismatch'],
    );
    const sarif = JSON.parse((await cli(['check', '--format', 'sarif', '--min-severity', 'warning', SEED003])).out);
    assert.deepEqual(
      sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId),
      ['total-mismatch', 'empty-section'],
    );
  });
});

describe('skipped files: each named with why', () => {
  test('not a report, a kind not supported, unreadable: on stderr, counted by reason in the summary line', async () => {
    const dir = batchFolder();
    const r = await cli(['check', dir]);
    assert.equal(r.code, 2, 'an unreadable file is exit 2');
    const said = r.err.split('\n');
    assert.ok(said.includes(`${dir}/README.md: 不像年度报告，已跳过 (not a report; skipped)`), r.err);
    assert.ok(
      said.some((l) => l.startsWith(`${dir}/红桥区.wps: 不支持此格式`)),
      r.err,
    );
    assert.ok(
      said.some((l) => l.startsWith(`${dir}/坏文件.txt: `)),
      r.err,
    );
    assert.equal(said.length, 3, r.err);
    assert.match(r.out, /共检查 3 个文件：2 个错误，1 个警告，3 条提示（跳过 1 个不像年度报告的文件、1 个无法读取的文件、1 个格式不支持的文件）$/);
    assert.equal(tableOf(r.out).length, 2 + 3, 'the table has the three reports');
  });

  test('a link out of the folder is named and counted', async () => {
    const dir = tmpdir();
    const outside = tmpdir();
    fs.copyFileSync(at(SEED003), path.join(outside, 'elsewhere.txt'));
    fs.copyFileSync(at(SEED003), path.join(dir, 'draft.txt'));
    fs.symlinkSync(path.join(outside, 'elsewhere.txt'), path.join(dir, 'link.txt'));
    const r = await cli(['check', dir]);
    assert.match(r.err, /link\.txt: 符号链接指向所给文件夹之外，未跟随/);
    assert.match(r.out, /共检查 1 个文件：.*（跳过 1 个指向文件夹之外的链接）$/);
  });
});

describe('--summary FILE', () => {
  test('the batch as JSON: a row per report with organisation and counts, each skipped file with its reason, the totals; stdout keeps its format', async () => {
    const dir = batchFolder();
    const summary = path.join(tmpdir(), 'summary.json');
    const r = await cli(['check', '--format', 'json', '--summary', summary, dir]);
    const files = JSON.parse(r.out);
    assert.ok(Array.isArray(files) && files.length === 3, 'stdout is design.md’s array');
    assert.deepEqual(files.map((f: { organisation: string }) => f.organisation).sort(), ['南开区人力资源和社会保障局', '东丽区科技局', '汉沽街道办事处'].sort());
    const s = JSON.parse(fs.readFileSync(summary, 'utf8'));
    assert.ok(validateSummary(s), JSON.stringify(validateSummary.errors));
    assert.deepEqual(
      s.reports.map((x) => [path.basename(x.file), x.organisation, x.reportYear, x.counts, x.status]),
      [
        ['东丽区科技局.txt', '东丽区科技局', 2020, { error: 1, warning: 1, information: 1, hint: 0 }, 'error'],
        ['南开区人社局.md', '南开区人力资源和社会保障局', 2023, { error: 0, warning: 0, information: 0, hint: 0 }, 'ok'],
        ['汉沽街道.txt', '汉沽街道办事处', 2019, { error: 1, warning: 0, information: 2, hint: 0 }, 'error'],
      ],
    );
    // in the order met: a folder's entries by name (bytes), README.md before the Chinese names
    assert.deepEqual(
      s.skipped.map((x) => [path.basename(x.file), x.reason]),
      [
        ['README.md', 'not-report'],
        ['坏文件.txt', 'unreadable'],
        ['红桥区.wps', 'unsupported'],
      ],
    );
    assert.deepEqual(s.totals, { files: 6, reports: 3, skipped: 3, error: 2, warning: 1, information: 3, hint: 0 });
  });

  test('the schema refuses a summary without totals or with an unknown reason', async () => {
    const summary = path.join(tmpdir(), 'summary.json');
    await cli(['check', '--summary', summary, SEED003]);
    const s = JSON.parse(fs.readFileSync(summary, 'utf8'));
    assert.ok(validateSummary(s));
    const { totals, ...noTotals } = s;
    assert.equal(totals.reports, 1);
    assert.equal(validateSummary(noTotals), false);
    assert.equal(validateSummary({ ...s, skipped: [{ file: 'x', reason: 'tired', message: '' }] }), false);
  });

  test('a summary that cannot be written is exit 2, the output is still given', async () => {
    const r = await cli(['check', '--summary', tmpdir(), SEED003]);
    assert.equal(r.code, 2);
    assert.match(r.err, /--summary .*EISDIR/);
    assert.match(r.out, /共检查 1 个文件/);
    assert.equal((await cli(['check', '--summary', '', SEED003])).code, 2);
  });
});

describe('--format html: one page for the batch', () => {
  const texts = (el: Element | Element[]) => DomUtils.textContent(el).replace(/\s+/g, ' ');

  test('parses; a row per report, each report’s findings with the lines around them; skipped files listed; nothing external', async () => {
    const dir = batchFolder();
    const r = await cli(['check', '--format', 'html', dir]);
    assert.equal(r.code, 2);
    const doc = parseDocument(r.out);
    const all = DomUtils.getElementsByTagName(() => true, doc.children, true) as Element[];
    const html = all.find((e) => e.name === 'html')!;
    assert.equal(html.attribs.lang, 'zh-CN');
    assert.ok(all.some((e) => e.name === 'meta' && e.attribs.charset === 'utf-8'));
    // self-contained: no script, no external resource, no link leaving the page
    assert.deepEqual(
      all.filter((e) => ['script', 'link', 'img', 'iframe', 'object'].includes(e.name)).map((e) => e.name),
      [],
    );
    for (const e of all) {
      assert.equal(e.attribs.src, undefined, e.name);
      if (e.attribs.href !== undefined) assert.match(e.attribs.href, /^#r\d+$/);
    }
    const overview = all.find((e) => e.attribs.id === 'overview')!;
    const rows = DomUtils.getElementsByTagName('tr', overview.children, true).slice(1);
    assert.deepEqual(
      rows.map((tr) =>
        DomUtils.getElementsByTagName('td', tr.children, true)
          .slice(1)
          .map((td) => DomUtils.textContent(td)),
      ),
      [
        ['东丽区科技局', '2020', '2019', '1', '1', '1', '有错误'],
        ['南开区人力资源和社会保障局', '2023', '2021', '0', '0', '0', '通过'],
        ['汉沽街道办事处', '2019', '2019', '1', '0', '2', '有错误'],
      ],
    );
    // each report's section: its findings, each with its message and the numbered lines around its place
    const sections = all.filter((e) => e.name === 'section' && /^r\d$/.test(e.attribs.id));
    assert.equal(sections.length, 3);
    const seed = texts(sections[0]);
    assert.match(seed, /东丽区科技局 · 2020/);
    assert.match(seed, /问题（3）/);
    assert.match(seed, /“（七）总计”行的“自然人”列（本列各行之和）应为 1，实际为 空白。/);
    assert.match(seed, /“收到和处理政府信息公开申请情况”表中有 135 个空白单元格/);
    assert.match(seed, /“六、其他需要报告的事项”部分内容为空。/);
    assert.match(seed, /位置：第 332 行第 2 列/);
    const pres = DomUtils.getElementsByTagName('pre', sections[0].children, true);
    assert.equal(pres.length, 3);
    // the total-mismatch's cell: lines 330–334 of the draft, line 332 marked (its blank is U+00A0)
    const cell = pres.find((p) => /(^|\n)332 │ /.test(DomUtils.textContent(p)))!;
    assert.deepEqual(
      DomUtils.textContent(cell)
        .split('\n')
        .map((l) => l.replace(/ │ .*/, '').trim()),
      ['330', '331', '332', '333', '334'],
    );
    assert.deepEqual(
      DomUtils.getElementsByTagName('mark', [cell], true).map((m) => DomUtils.textContent(m)),
      ['\u00a0'],
    );
    assert.match(texts(sections[1]), /未发现问题。/);
    const blank = texts(sections[2]);
    assert.match(blank, /“政府信息公开行政复议、行政诉讼情况”表中有 14 个空白单元格/);
    assert.match(blank, /相关位置（23）/);
    assert.match(blank, /缺少“六、其他需要报告的事项”部分。/);
    const skipped = texts(all.find((e) => e.attribs.id === 'skipped')!);
    assert.match(skipped, /未检查的文件（3）/);
    for (const name of ['README.md', '红桥区.wps', '坏文件.txt']) assert.ok(skipped.includes(name), name);
  });

  test('every text is escaped: a file name and a draft line with markup stay text', async () => {
    const dir = tmpdir();
    const name = '<img src=x onerror=alert(1)>&".txt';
    fs.writeFileSync(path.join(dir, name), read(SEED003).replace('东丽区科技局', '东丽区<script>alert(1)</script>科技局'));
    const r = await cli(['check', '--format', 'html', path.join(dir, name)]);
    const doc = parseDocument(r.out);
    const all = DomUtils.getElementsByTagName(() => true, doc.children, true) as Element[];
    assert.deepEqual(
      all.filter((e) => e.name === 'img' || e.name === 'script').map((e) => e.name),
      [],
    );
    assert.ok(DomUtils.textContent(doc).includes(name));
    assert.ok(DomUtils.textContent(doc).includes('东丽区<script>alert(1)</script>科技局'));
    assert.equal(escapeHtml('a<b>&"\'\u001b'), 'a&lt;b&gt;&amp;&quot;&#39;\\x1b');
  });

  test('--min-severity lists fewer findings; the overview still counts them all; English when the configuration says so', async () => {
    const r = await cli(['check', '--format', 'html', '--quiet', SEED003]);
    const doc = parseDocument(r.out);
    const section = DomUtils.findOne((e) => e.attribs.id === 'r1', doc.children, true)!;
    const list = DomUtils.findOne((e) => e.name === 'ol', section.children, true)!;
    assert.deepEqual(list.children.filter((c) => c.type === 'tag').length, 1, 'the one error');
    assert.match(DomUtils.textContent(DomUtils.findOne((e) => e.attribs.id === 'overview', doc.children, true)!), /东丽区科技局202020191 ?1 ?1有错误/);
    const dir = tmpdir();
    const config = path.join(dir, '.nianbaorc.json');
    fs.writeFileSync(config, JSON.stringify({ language: 'en' }));
    const en = await cli(['check', '--format', 'html', '--config', config, SEED003]);
    assert.match(en.out, /<html lang="en">/);
    assert.match(en.out, /should be 1, but it is blank\./);
  });
});
