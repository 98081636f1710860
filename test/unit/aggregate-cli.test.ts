/**
 * 汇总 (issue 15, items 2 and 9) through the built CLI, on the aggregation fixture (test/fixtures/aggregate/,
 * SOURCES.md): `nianbao check` reading `children`, its fix, SARIF; `nianbao sum` writing a draft and a workbook,
 * `--into`, a part's unknown cell, mixed reports refused.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { analyze } from '../../server/src/core/check';
import { readInput } from '../../server/src/node/readers/input';
import { BUREAUS, cellsOf, DIR, SUMS } from '../helpers/aggregate';
import { at, codes, errors, read } from '../helpers/repo';

const CLI = at('dist/cli.js');
function nianbao(args: string[], cwd = at(DIR)) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('aggregation: the CLI', () => {
  test('nianbao check reads the children its .nianbaorc.json names: two warnings and the missing bureau; the bureaus are parts, not summaries', () => {
    const r = nianbao(['check', '--format', 'json', '东山县汇总.txt', '各局']);
    const files: { file: string; diagnostics: { code: string; severity: string; expected?: number; range: { start: { line: number } } }[] }[] = JSON.parse(r.out);
    const agg = files.map((f) => [f.file, f.diagnostics.filter((d) => d.code.startsWith('aggregate-')).map((d) => [d.code, d.severity, d.range.start.line + 1, d.expected])]);
    assert.deepEqual(agg, [
      [
        '东山县汇总.txt',
        [
          ['aggregate-missing', 'warning', 1, undefined],
          ['aggregate-mismatch', 'warning', 41, 4],
          ['aggregate-mismatch', 'warning', 60, 1],
        ],
      ],
      ['各局/交通运输局.txt', []],
      ['各局/市场监督管理局.md', []],
      ['各局/自然资源局.txt', []],
    ]);
  });

  test('SARIF: the parts’ cells as related locations in their own files', () => {
    const sarif = JSON.parse(nianbao(['check', '--format', 'sarif', '东山县汇总.txt']).out);
    const mismatch = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'aggregate-mismatch');
    assert.deepEqual(
      mismatch.relatedLocations.map((l: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }) => [decodeURIComponent(l.physicalLocation.artifactLocation.uri), l.physicalLocation.region.startLine]),
      [
        ['各局/交通运输局.txt', 41],
        ['各局/自然资源局.txt', 153],
        ['各局/市场监督管理局.md', 52],
      ],
    );
  });

  test('with a config naming only the bureaus that exist (one by organisation): errors, nothing missing, exit 1', () => {
    const r = nianbao(['check', '--config', 'complete.nianbaorc.json', '东山县汇总.txt', '各局/市场监督管理局.md']);
    assert.equal(r.code, 1);
    const lines = r.out.split('\n').filter((l) => l.includes('aggregate-'));
    assert.deepEqual(
      lines.map((l) => l.split(' ').slice(0, 3).join(' ')),
      ['东山县汇总.txt:41:24: 错误 aggregate-mismatch', '东山县汇总.txt:60:3: 错误 aggregate-mismatch'],
    );
    assert.match(lines[0], /（四）无法提供1\.本机关不掌握相关政府信息·自然人应为 3 个下级单位之和 4，实为 3。/);
  });

  test('nianbao check --fix-type aggregate,totals writes the sums and the totals over them: the summary becomes the hand sums', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-sum-'));
    fs.cpSync(at(DIR), dir, { recursive: true });
    const r = nianbao(['check', '--config', 'complete.nianbaorc.json', '--fix-type', 'aggregate,totals', '东山县汇总.txt', '各局/市场监督管理局.md'], dir);
    assert.equal(r.code, 0, r.out + r.err);
    const fixed = fs.readFileSync(path.join(dir, '东山县汇总.txt'), 'utf8');
    assert.deepEqual(cellsOf(fixed), SUMS);
    assert.deepEqual(errors(analyze(fixed)), []);
  });

  test('nianbao sum --into: the summary against the parts given, the missing child from its config', () => {
    const r = nianbao(['sum', ...BUREAUS, '--into', '东山县汇总.txt']);
    assert.equal(r.code, 0, r.err);
    const all = r.out.trim().split('\n');
    // each part's cell follows its finding, indented
    assert.deepEqual(all.slice(2, 5), ['    各局/交通运输局.txt:41:24: 下级单位 东山县交通运输局：1', '    各局/自然资源局.txt:153:1: 下级单位 东山县自然资源局：1', '    各局/市场监督管理局.md:52:20: 下级单位 东山县市场监督管理局：2']);
    const lines = all.filter((l) => !l.startsWith(' '));
    assert.deepEqual(
      lines.slice(0, -1).map((l) => l.split(' ').slice(0, 3).join(' ')),
      ['东山县汇总.txt:1:1: 警告 aggregate-missing', '东山县汇总.txt:41:24: 警告 aggregate-mismatch', '东山县汇总.txt:60:3: 警告 aggregate-mismatch'],
    );
    assert.equal(lines.at(-1), '汇总核对：3 个下级单位，0 个错误，3 个警告 (3 parts; 0 errors, 3 warnings)');
    assert.equal(nianbao(['sum', ...BUREAUS, '--into', '东山县汇总.txt', '--config', 'complete.nianbaorc.json']).code, 1);
    // a folder of parts, walked as check walks it (its files in another order)
    const walked = nianbao(['sum', '各局', '--into', '东山县汇总.txt']);
    assert.deepEqual(walked.out.split('\n').filter((l) => !l.startsWith(' ')), r.out.split('\n').filter((l) => !l.startsWith(' ')));
  });

  test('nianbao sum writes a draft in the bureaus’ format that reads back with every hand sum and no error', () => {
    const r = nianbao(['sum', ...BUREAUS]);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(cellsOf(r.out), SUMS);
    const a = analyze(r.out);
    assert.equal(a.report.reportYear, 2024);
    assert.equal(a.report.formatVersion, '2021');
    assert.deepEqual(errors(a), []);
    assert.ok(!codes(a).includes('total-mismatch') && !codes(a).includes('balance-mismatch'));
    // Markdown for a .md file
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-sum-'));
    const md = path.join(dir, '汇总.md');
    assert.equal(nianbao(['sum', ...BUREAUS, '--out', md]).code, 0);
    assert.match(fs.readFileSync(md, 'utf8'), /^\| 一、本年新收政府信息公开申请数量 \| 24 \| 5 \| 1 \| 1 \| 1 \| 1 \| 33 \|/m);
    assert.deepEqual(cellsOf(fs.readFileSync(md, 'utf8')), SUMS);
    // an existing file is not overwritten
    const again = nianbao(['sum', ...BUREAUS, '--out', md]);
    assert.equal(again.code, 2);
    assert.match(again.err, /未覆盖/);
  });

  test('nianbao sum --out .xlsx: a SUM formula over the bureaus’ sheets in every value cell; nianbao’s reader reads the hand sums', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-sum-'));
    const out = path.join(dir, '汇总.xlsx');
    const r = nianbao(['sum', ...BUREAUS, '--out', out]);
    assert.equal(r.code, 0, r.err);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['汇总', '东山县交通运输局', '东山县自然资源局', '东山县市场监督管理局'],
    );
    const formulas: { address: string; formula: string }[] = [];
    wb.worksheets[0].eachRow((row) => row.eachCell((c) => c.formula && formulas.push({ address: c.address, formula: c.formula })));
    // 10 第二十条 cells (3 + 3 + 1 + 1 + 1 + 1) + 25 rows × 7 of the 申请 table + 15 复议/诉讼 cells
    assert.equal(formulas.length, 10 + 25 * 7 + 15);
    for (const f of formulas) assert.equal(f.formula, `SUM('东山县交通运输局'!${f.address},'东山县自然资源局'!${f.address},'东山县市场监督管理局'!${f.address})`);
    // the 33 of 一、本年新收 · 总计 is 13 + 10 + 10 on the bureaus' sheets, at the same address
    const newTotal = formulas.find((f) => wb.worksheets[0].getCell(f.address).result === 33)!;
    assert.deepEqual(wb.worksheets.slice(1).map((w) => w.getCell(newTotal.address).value), [13, 10, 10]);
    const input = await readInput(out);
    assert.ok(input.kind === 'xlsx', input.kind);
    assert.deepEqual(cellsOf(input.text), SUMS);
  });

  test('nianbao sum: a cell a part cannot give is marked 待填 and named; a part’s own errors are said', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-sum-'));
    // 交通运输局 with a word in （一）予以公开 · 自然人 and its row total written wrong
    const bad = read(`${DIR}/各局/交通运输局.txt`).replace('（一）予以公开\t5\t1\t0\t0\t0\t0\t6', '（一）予以公开\t若干\t1\t0\t0\t0\t0\t6');
    assert.notEqual(bad, read(`${DIR}/各局/交通运输局.txt`));
    fs.writeFileSync(path.join(dir, '交通运输局.txt'), bad);
    const r = nianbao(['sum', path.join(dir, '交通运输局.txt'), '各局/自然资源局.txt']);
    assert.equal(r.code, 0, r.err);
    // the word makes that cell unknown; the totals over it stand as written (compute.ts), so the 总计 is 6 + 4 = 10
    // and the （七）总计 自然人 10 + 6 = 16
    assert.match(r.err, /^nianbao sum: 1 个单元格有下级单位的值缺失或无法读取，汇总中写“待填” .*：（一）予以公开·自然人$/m);
    assert.match(r.out, /^（七）总计\t16\t/m);
    assert.match(r.err, /交通运输局\.txt: 1 个错误/);
    assert.match(r.out, /^三、本年度办理结果\t（一）予以公开\t待填\t2\t0\t0\t0\t0\t10$/m);
    // read back, the word is an unreadable cell and no total is claimed over it
    assert.deepEqual([...new Set(errors(analyze(r.out)).map((f) => f.code))], ['invalid-cell']);
  });

  test('nianbao sum refuses reports of mixed formats (exit 2, a message)', () => {
    const r = nianbao(['sum', '各局/交通运输局.txt', '../shapes/2019-h-tab.txt']);
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.match(r.err, /^nianbao sum: 这些报告的表格格式不同，无法逐格汇总：各局\/交通运输局\.txt \(2021\), \.\.\/shapes\/2019-h-tab\.txt \(2019\)。/);
  });
});
