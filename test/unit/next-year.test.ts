/**
 * Next year's draft (`nianbao new --from`, core/next-year.ts) and the format upgrade (format-version's
 * quick fix, core/upgrade.ts). Expected values written by hand: test/fixtures/next-year/SOURCES.md.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { otherReport } from '../../server/src/core/aggregate';
import { analyze, fixText, readReport, type Analysis } from '../../server/src/core/check';
import { cellAt } from '../../server/src/core/compute';
import type { Finding } from '../../server/src/core/finding';
import { render } from '../../server/src/core/l10n';
import { nextYearDraft, type NextYearDraft } from '../../server/src/core/next-year';
import type { Report } from '../../server/src/core/report';
import { at, read, SAMPLES, SEEDS } from '../helpers/repo';

const CLI = at('dist/cli.js');
const CHAIN = [
  'test/fixtures/cross/tab/pingtan-2019.txt',
  'test/fixtures/cross/tab/pingtan-2020.txt',
  'test/fixtures/cross/tab/pingtan-2021.txt',
  'test/fixtures/cross/tab/pingtan-2022.txt',
  'test/fixtures/cross/tab/pingtan-2023.txt',
];
const LAYOUTS = ['test/fixtures/next-year/upgrade-tab-2021.txt', 'test/fixtures/next-year/upgrade-lines-2021.txt', 'test/fixtures/next-year/upgrade-markdown-2021.md'];

function nianbao(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const tmpdir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-new-'));

function draftOf(text: string): NextYearDraft {
  const d = nextYearDraft(text);
  assert.ok(!('error' in d), 'error' in d ? render(d.error) : '');
  return d as NextYearDraft;
}

/** The new draft checked against this year's report, as `nianbao new` checks it. */
const checkDraft = (draft: string, source: string, file = 'this-year.txt') => analyze(draft, { others: { previous: otherReport(file, readReport(source)) } });

const values = (report: Report, row: string) => report.format.applications.columns.map((c) => cellAt(report, { table: 'applications', row, col: c.id })?.text ?? '');

/** Errors the new draft may have: balance-mismatch in the columns where 上年结转 > 0 (those applications have no result yet). */
function unexpectedErrors(a: Analysis): Finding[] {
  const carried = (col: string) => Number(cellAt(a.report, { table: 'applications', row: 'carried', col })?.text || 0);
  return a.findings.filter((f) => f.severity === 'error' && !(f.code === 'balance-mismatch' && f.cell?.column && carried(f.cell.column) > 0));
}

const stock = (report: Report, row: string) => report.article20.find((r) => r.tableId === 'a20-1' && r.id === row)?.values[2]?.text;

describe('nianbao new --from', () => {
  test('Pingtan 2021 (tab text) → a 2022 draft: 上年结转 1 0 0 0 0 0 1 (the real 2022 report’s), 现行有效件数 665, no year-mismatch', () => {
    const dir = tmpdir();
    const src = path.join(dir, 'pingtan-2021.txt');
    fs.copyFileSync(at('test/fixtures/cross/tab/pingtan-2021.txt'), src);
    const r = nianbao(['new', '--from', src]);
    assert.equal(r.code, 0, r.err);
    const out = path.join(dir, 'pingtan-2022.txt');
    const draft = fs.readFileSync(out, 'utf8');
    const a = checkDraft(draft, read('test/fixtures/cross/tab/pingtan-2021.txt'));
    assert.equal(a.report.reportYear, 2022);
    assert.match(draft, /平潭综合实验区2022年度政府信息公开工作年度报告/);
    assert.deepEqual([a.report.period?.from.year, a.report.period?.to.year], [2022, 2022]);
    assert.deepEqual(values(a.report, 'carried'), ['1', '0', '0', '0', '0', '0', '1']);
    assert.deepEqual(values(readReport(read('test/fixtures/cross/tab/pingtan-2022.txt')), 'carried'), ['1', '0', '0', '0', '0', '0', '1']);
    assert.equal(stock(a.report, 'normative'), '665');
    // 制发 and 废止 start at 0; the other counts are 0
    assert.deepEqual(
      a.report.article20.find((x) => x.id === 'normative')?.values.map((c) => c?.text),
      ['0', '0', '665'],
    );
    assert.deepEqual(values(a.report, 'new'), ['0', '0', '0', '0', '0', '0', '0']);
    assert.deepEqual(a.report.review?.values.map((c) => c?.text).join(' '), '0 0 0 0 0 0 0 0 0 0 0 0 0 0 0');
    assert.deepEqual(
      a.findings.filter((f) => f.code === 'year-mismatch'),
      [],
    );
    assert.deepEqual(unexpectedErrors(a), []);
    // 一、总体情况 still states 2021's figures (主动公开…2645条): named, not rewritten
    const stale = a.findings.filter((f) => f.code === 'stale-prose');
    assert.ok(stale.length >= 1);
    assert.ok(draft.slice(stale[0].start, stale[0].end).includes('2645条'));
    assert.match(r.out, /stale-prose/);
    // never over an existing file
    const again = nianbao(['new', '--from', src]);
    assert.equal(again.code, 2);
    assert.match(again.err, /文件已存在，未覆盖/);
    assert.equal(fs.readFileSync(out, 'utf8'), draft);
  });

  // the published page, and the same report as Word, Excel and PDF files (test/fixtures/published/SOURCES.md)
  for (const file of ['test/fixtures/cross/html/pingtan-2024.html', 'test/fixtures/published/pingtan-2024-libreoffice.docx', 'test/fixtures/published/pingtan-2024.xlsx', 'test/fixtures/published/pingtan-2024-chromium-print.pdf']) {
    test(`Pingtan 2024 (${path.extname(file)}) → a 2025 text draft with 现行有效件数 440`, () => {
      const dir = tmpdir();
      const src = path.join(dir, `pingtan-2024${path.extname(file)}`);
      fs.copyFileSync(at(file), src);
      const r = nianbao(['new', '--from', src]);
      assert.equal(r.code, 0, r.err);
      const a = readReport(fs.readFileSync(path.join(dir, 'pingtan-2025.txt'), 'utf8'));
      assert.equal(a.reportYear, 2025);
      assert.equal(stock(a, 'normative'), '440');
    });
  }

  test('--out - writes the draft to standard output; no --from is a usage error', () => {
    const r = nianbao(['new', '--from', 'samples/2023-markdown-clean.md', '--out', '-']);
    assert.equal(r.code, 0, r.err);
    assert.equal(readReport(r.out).reportYear, 2024);
    assert.equal(nianbao(['new']).code, 2);
  });

  for (const file of [...SEEDS(), ...SAMPLES(), ...CHAIN]) {
    test(`${file}: the next year's draft has no error but balance-mismatch where 上年结转 > 0, and no year-mismatch`, () => {
      const source = read(file);
      const d = draftOf(source);
      const a = checkDraft(d.text, source);
      assert.equal(a.report.reportYear, d.year);
      assert.equal(d.year, readReport(source).reportYear! + 1);
      assert.deepEqual(
        a.findings.filter((f) => f.code === 'year-mismatch').map((f) => render(f.message)),
        [],
      );
      // a row this year's report lacks is not made up (missing-row has no fix): it stays missing next year
      const missingRows = new Set(
        analyze(source)
          .findings.filter((f) => f.code === 'missing-row')
          .map(key),
      );
      assert.deepEqual(
        unexpectedErrors(a)
          .filter((f) => !missingRows.has(key(f)))
          .map((f) => `${f.code} ${render(f.message)}`),
        [],
      );
      // 2021 or later: the 2021 format
      if (d.year >= 2021) assert.equal(a.report.format.version, '2021');
    });
  }

  test('the Pingtan chain: each draft carries this year’s 结转下年度 into 上年结转 (the computed total, not a wrong one)', () => {
    // 2020: 四、结转下年度 is 1 0 0 0 0 0 1 (SOURCES.md) → the 2021 draft's 上年结转
    const d = draftOf(read('test/fixtures/cross/tab/pingtan-2020.txt'));
    assert.deepEqual(values(readReport(d.text), 'carried'), values(readReport(read('test/fixtures/cross/tab/pingtan-2020.txt')), 'carry_next'));
  });

  test('the publication date: one year later with its 星期 recomputed; a 2月29日 next year has not is removed and said', () => {
    const clean = read('samples/2023-markdown-clean.md');
    // 2024年1月26日 星期五 → 2025年1月26日, a Sunday (1月1日 2025 a Wednesday, + 25 days)
    const withDay = draftOf(clean.replace('2024年1月26日', '2024年1月26日 星期五'));
    assert.match(withDay.text, /2025年1月26日 星期日\n/);
    const leap = draftOf(clean.replace(/2023/g, '2023').replace('2024年1月26日', '2024年2月29日'));
    assert.doesNotMatch(leap.text, /2月29日/);
    assert.equal(leap.notes.length, 1);
    assert.match(render(leap.notes[0]), /2025 年没有 2月29日/);
    // seed 002 (2025) is dated 2019年12月3日星期二, copied from an old draft: not moved on, removed
    const old = draftOf(read('samples/seeds/002_4505276ac13c66c6.txt'));
    assert.doesNotMatch(old.text, /12月3日/);
    assert.ok(old.notes.some((n) => render(n) === '发布日期 2019年12月3日星期二 不在报告年度的下一年（2026 年），已删除，请填写新的日期。'), JSON.stringify(old.notes.map((n) => render(n))));
  });

  test('a row this year lacks is put in with 0, in the draft’s own layout (a cell per line, TAB-indented, CRLF)', () => {
    const d = draftOf(read('samples/2019-cell-per-line-crlf-title-year.txt'));
    // 3.补正后申请内容仍不明确 is missing after 2.没有现成信息需要另行制作 (its last cell `\t0` on line 224)
    const from = d.text.indexOf('\t3.补正后申请内容仍不明确');
    assert.equal(d.text.slice(from, d.text.indexOf('\t（五）不予处理')), `\t3.补正后申请内容仍不明确${'\r\n\t0'.repeat(7)}\r\n\r\n`);
    assert.ok(d.notes.some((n) => render(n).includes('“3.补正后申请内容仍不明确”行已补上')));
    assert.deepEqual(analyze(d.text).findings.filter((f) => f.code === 'missing-row'), []);
  });

  test('a text that names no year makes no draft', () => {
    const r = nextYearDraft('一、总体情况\n无。\n');
    assert.ok('error' in r);
  });
});

/** The texts whose tables follow the 2019 format in a 2021-or-later report (the repository's samples, seeds and fixtures). */
const TO_UPGRADE = textsToUpgrade();
function textsToUpgrade(): string[] {
  const walk = (dir: string): string[] => fs.readdirSync(at(dir), { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : /\.(txt|md)$/.test(d.name) ? [path.join(dir, d.name)] : []));
  return [...walk('samples'), ...walk('test/fixtures')].filter((f) => {
    const a = analyze(read(f));
    return a.report.format.version === '2019' && a.findings.some((x) => x.code === 'format-version');
  });
}

/** A finding as compared across the upgrade: the one （六） row is 3.其他 after it. */
const key = (f: Finding) => `${f.code} ${f.expected ?? ''} ${f.actual ?? ''} ${render(f.message).replace('“（六）其他处理”', '“3.其他”')}`;

describe('format upgrade (format-version quick fix “将此表升级为 2021 年格式”)', () => {
  test('the texts with 2019-format tables in a 2021-or-later report are the 2022 pipe sample and the three layout fixtures', () => {
    assert.deepEqual([...TO_UPGRADE].sort(), ['samples/2022-pipe-old-format-fullwidth.txt', ...LAYOUTS].sort());
  });

  for (const file of TO_UPGRADE) {
    test(`${file}: no format-version after it, every other finding unchanged, applied twice changes nothing`, () => {
      const text = read(file);
      const before = analyze(text);
      const fv = before.findings.find((f) => f.code === 'format-version')!;
      assert.equal(fv.fix?.kind, 'format');
      assert.match(render(fv.fix!.title), /^将此表升级为 2021 年格式/);
      const once = fixText(text, ['format']);
      assert.equal(once.analysis.report.format.version, '2021');
      assert.deepEqual(
        once.analysis.findings.filter((f) => f.code === 'format-version'),
        [],
      );
      const rest = (a: Analysis) => a.findings.filter((f) => f.code !== 'format-version' && f.code !== 'upgrade-fill').map(key);
      assert.deepEqual(rest(once.analysis), rest(before));
      // 本年废止件数 and 现行有效件数 of both rows, 本年收费金额: left for the clerk
      assert.deepEqual(
        once.analysis.findings.filter((f) => f.code === 'upgrade-fill').map((f) => `${f.cell?.row}/${f.cell?.column}`),
        ['rules/repealed', 'rules/current', 'normative/repealed', 'normative/current', 'fees/fee-amount'],
      );
      assert.equal(fixText(once.text, ['format']).text, once.text);
    });
  }

  test('tab rows stay tab rows: each cell written by hand', () => {
    const text = read('test/fixtures/next-year/upgrade-tab-2021.txt');
    const fv = analyze(text).findings.find((f) => f.code === 'format-version')!;
    // 其他对外管理服务事项 0/0/0 and 政府集中采购 2 项 35.2 万元 go: the title names them
    assert.equal(render(fv.fix!.title), '将此表升级为 2021 年格式（删除：其他对外管理服务事项 0/0/0; 政府集中采购 2/35.2）');
    const out = fixText(text, ['format']).text;
    const table = out.slice(out.indexOf('第二十条第（一）项'), out.indexOf('三、收到和处理'));
    assert.equal(
      table,
      [
        '第二十条第（一）项',
        '信息内容\t本年制发件数\t本年废止件数\t现行有效件数',
        '规章\t0\t\t',
        '行政规范性文件\t2\t\t',
        '第二十条第（五）项',
        '信息内容\t本年处理决定数量',
        '行政许可\t37',
        '第二十条第（六）项',
        '信息内容\t本年处理决定数量',
        '行政处罚\t0',
        '行政强制\t0',
        '第二十条第（八）项',
        '信息内容\t本年收费金额（单位：万元）',
        '行政事业性收费\t',
        '',
      ].join('\n'),
    );
    const six = out.slice(out.indexOf('（六）其他处理'), out.indexOf('（七）总计'));
    assert.equal(
      six,
      [
        '（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0',
        '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0',
        '3.其他\t0\t0\t0\t0\t0\t0\t0',
        '',
      ].join('\n'),
    );
  });

  test('Markdown keeps its pipes and its rulers have one cell a column', () => {
    const out = fixText(read('test/fixtures/next-year/upgrade-markdown-2021.md'), ['format']).text;
    const five = out.slice(out.indexOf('第二十条第（五）项'), out.indexOf('第二十条第（六）项'));
    assert.equal(five, ['第二十条第（五）项', '| 信息内容 | 本年处理决定数量 |', '|---|---|', '| 行政许可 | 37 |', ''].join('\n'));
  });

  test('a cell per line (the 2022 pipe sample): the cells to fill hold “—”, one line each', () => {
    const out = fixText(read('samples/2022-pipe-old-format-fullwidth.txt'), ['format']).text;
    const one = out.slice(out.indexOf('规章 |'), out.indexOf('第二十条第（五）项'));
    assert.equal(one, ['规章 |', '0 |', '— |', '— | ||', '|', '行政规范性文件 |', '0 |', '— |', '— | ||', '|', ''].join('\n'));
  });
});
