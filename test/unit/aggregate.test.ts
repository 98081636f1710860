/**
 * 汇总 (issue 15, items 2 and 9): the aggregation fixture (test/fixtures/aggregate/, SOURCES.md) — three
 * bureau drafts in three layouts, a summary with two wrong cells and a fourth bureau missing — through the
 * core (sums, findChildren, the rules and their fix) and the built CLI (`nianbao check` reading `children`,
 * `nianbao sum` writing a draft and a workbook, `--into`, mixed reports refused).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { aggregate, findChildren, otherReport } from '../../server/src/core/aggregate';
import { analyze, fixText } from '../../server/src/core/check';
import { normalizeConfig } from '../../server/src/core/config';
import { tablesOf } from '../../server/src/core/model';
import { present } from '../../server/src/core/present';
import type { OtherReport } from '../../server/src/core/rules/rule';
import { readInput } from '../../server/src/node/readers/input';
import { at, read } from '../helpers/repo';

const DIR = 'test/fixtures/aggregate';
const BUREAUS = ['各局/交通运输局.txt', '各局/自然资源局.txt', '各局/市场监督管理局.md'];
const SUMMARY = `${DIR}/东山县汇总.txt`;
/** The hand sums (SOURCES.md): table id → row id → cells. */
const SUMS: Record<string, Record<string, number[]>> = JSON.parse(read(`${DIR}/sums.json`));
delete (SUMS as Record<string, unknown>)['//'];

const CLI = at('dist/cli.js');
function nianbao(args: string[], cwd = at(DIR)) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const part = (f: string): OtherReport => otherReport(at(DIR, f), analyze(read(`${DIR}/${f}`)).report);
const parts = () => BUREAUS.map(part);

/** Every cell of a report's tables: table id → row id → the numbers (a blank or missing cell is null). */
function cellsOf(text: string): Record<string, Record<string, (number | null)[]>> {
  const out: Record<string, Record<string, (number | null)[]>> = {};
  for (const t of tablesOf(analyze(text).report)) {
    out[t.id] = Object.fromEntries(t.rows.map((r) => [r.id, r.cells.map((c) => (c.value.kind === 'number' ? c.value.value : null))]));
  }
  return out;
}

const aggregateFindings = (text: string, others: Parameters<typeof analyze>[1]) =>
  analyze(text, others).findings.filter((f) => f.code.startsWith('aggregate-'));

describe('aggregation: the core', () => {
  test('the three bureaus sum, cell by cell, to the hand sums (blank cells 0, money with its decimals)', () => {
    const sums = aggregate(parts());
    assert.ok(sums.ok);
    const got: Record<string, Record<string, number[]>> = {};
    for (const c of sums.cells) {
      if (c.sum === null) continue;
      const table = got[c.name.table] ?? {};
      got[c.name.table] = table;
      table[c.name.row] = [...(table[c.name.row] ?? []), c.sum];
    }
    // the optional subtotal rows (（三）不予公开 …) are in no bureau's table: their sums are unknown
    for (const id of ['g3', 'g4', 'g5', 'r6']) assert.equal(got.applications[id], undefined, id);
    assert.deepEqual(got, SUMS);
  });

  test('the summary: exactly its two wrong cells and the missing bureau; warnings while one is missing', () => {
    const text = read(SUMMARY);
    const found = aggregateFindings(text, { others: { children: { reports: parts(), missing: ['各局/教育局.txt'] } } });
    const report = analyze(text).report;
    const shown = found.map((f) => [f.code, f.severity, report.index.position(f.start).line + 1, f.cell ? `${f.cell.table}/${f.cell.row}/${f.cell.column}` : '', f.expected, f.actual]);
    assert.deepEqual(shown, [
      ['aggregate-missing', 'warning', 1, '', undefined, undefined],
      ['aggregate-mismatch', 'warning', 41, 'applications/r4_1/natural', 4, 3],
      ['aggregate-mismatch', 'warning', 60, 'review/cases/review.corrected', 1, 2],
    ]);
  });

  test('every bureau found: the two cells are errors, each part listed in related information in its own file', () => {
    const text = read(SUMMARY);
    const found = aggregateFindings(text, { others: { children: { reports: parts(), missing: [] } } });
    assert.deepEqual(
      found.map((f) => [f.code, f.severity, f.expected]),
      [
        ['aggregate-mismatch', 'error', 4],
        ['aggregate-mismatch', 'error', 1],
      ],
    );
    const p = present(found[0], analyze(text).report, 'zh-cn');
    // 1.本机关不掌握相关政府信息 · 自然人: 交通 1, 自然资源 1, 市场监管 2 (SOURCES.md)
    assert.deepEqual(
      p.related.map((r) => [path.basename(r.file!), r.message, r.range.start.line + 1]),
      [
        ['交通运输局.txt', '下级单位 东山县交通运输局：1', 41],
        ['自然资源局.txt', '下级单位 东山县自然资源局：1', 153],
        ['市场监督管理局.md', '下级单位 东山县市场监督管理局：2', 52],
      ],
    );
    for (const r of p.related) assert.equal(read(path.relative(at('.'), r.file!)).split('\n')[r.range.start.line].slice(r.range.start.character, r.range.end.character).trim(), /交通|自然/.test(r.file!) ? '1' : '2');
  });

  test('the quick fix writes the sums; applied twice it changes nothing', () => {
    const options = { others: { children: { reports: parts(), missing: [] } } };
    const text = read(SUMMARY);
    const once = fixText(text, ['aggregate'], options);
    assert.equal(once.applied, 2);
    const lines = text.split('\n');
    const fixed = once.text.split('\n');
    assert.deepEqual(
      fixed.flatMap((l, i) => (l === lines[i] ? [] : [[i + 1, l.split('\t')]])),
      [
        [41, ['（四）无法提供', '1.本机关不掌握相关政府信息', '4', '1', '1', '0', '0', '1', '6']],
        [60, ['3', '1', '1', '1', '7', '1', '1', '0', '0', '2', '1', '0', '0', '1', '2']],
      ],
    );
    assert.equal(once.analysis.findings.filter((f) => f.code === 'aggregate-mismatch').length, 0);
    const twice = fixText(once.text, ['aggregate'], options);
    assert.equal(twice.applied, 0);
    assert.equal(twice.text, once.text);
    // the totals above the written cells are then total-mismatch's, and its automatic fix leaves the hand sums
    const totals = fixText(once.text, ['totals'], options);
    assert.deepEqual(cellsOf(totals.text), SUMS);
  });

  test('reports of mixed formats or years are refused with a message', () => {
    const y2019 = otherReport('2019.txt', analyze(read('test/fixtures/shapes/2019-h-tab.txt')).report);
    const mixed = aggregate([...parts(), y2019]);
    assert.ok(!mixed.ok);
    assert.match(mixed.problem.text, /different formats/);
    const earlier = otherReport('2023.txt', analyze(read(`${DIR}/各局/交通运输局.txt`).replace(/2024年/g, '2023年').replace(/2025年/g, '2024年')).report);
    const years = aggregate([...parts(), earlier]);
    assert.ok(!years.ok);
    assert.match(years.problem.text, /different years/);
    // the rule says so on the summary's title rather than guessing
    const f = aggregateFindings(read(SUMMARY), { others: { children: { reports: [...parts(), y2019], missing: [] } } });
    assert.deepEqual(f.map((x) => [x.code, x.severity, x.start]), [['aggregate-mismatch', 'warning', 0]]);
  });

  test('a summary of another year or format than its parts is not compared', () => {
    const summary2023 = analyze(read(SUMMARY).replace(/2024年/g, '2023年').replace(/2025年/g, '2024年')).report;
    const r = aggregate(parts(), summary2023);
    assert.ok(!r.ok);
    assert.match(r.problem.text, /^The summary is of/);
    const summary2019 = analyze(read('test/fixtures/shapes/2019-h-tab.txt')).report;
    const f = aggregate(parts(), summary2019);
    assert.ok(!f.ok);
    assert.match(f.problem.text, /^The summary follows the/);
  });

  test('findChildren: paths (as written, resolved, as URIs, with backslashes) and organisations; each report answers one entry', () => {
    const [a, b, c] = parts();
    const got = findChildren(
      ['各局/交通运输局.txt', `file://${encodeURI(b.file)}`, '东山县 市场监督管理局', '各局/教育局.txt', '东山县交通运输局'],
      [c, b, a],
    );
    assert.deepEqual(got.reports, [a, b, c]);
    assert.deepEqual(got.missing, ['各局/教育局.txt', '东山县交通运输局']);
    assert.deepEqual(findChildren(['各局\\自然资源局.txt', './各局/交通运输局.txt', '交通运输局'], [a, b]).missing, ['交通运输局']);
    // a name with an extension is a file, never an organisation; `..` is for the caller to resolve
    assert.deepEqual(findChildren(['东山县交通运输局.txt', '../各局/交通运输局.txt'], [a]).missing, ['东山县交通运输局.txt', '../各局/交通运输局.txt']);
  });

  test('children in .nianbaorc.json: a list of names; anything else reported', () => {
    assert.deepEqual(normalizeConfig({ children: ['a.txt', '某局'] }).config.children, ['a.txt', '某局']);
    for (const bad of ['a.txt', [1], ['']]) {
      const r = normalizeConfig({ children: bad });
      assert.deepEqual(r.config.children, []);
      assert.match(r.problems.join(), /children/);
    }
  });
});

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
    assert.deepEqual(analyze(fixed).findings.filter((f) => f.severity === 'error'), []);
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
    assert.deepEqual(a.findings.filter((f) => f.severity === 'error' || f.code === 'total-mismatch' || f.code === 'balance-mismatch'), []);
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
    const back = analyze(r.out).findings;
    assert.deepEqual([...new Set(back.filter((f) => f.severity === 'error').map((f) => f.code))], ['invalid-cell']);
  });

  test('nianbao sum refuses reports of mixed formats (exit 2, a message)', () => {
    const r = nianbao(['sum', '各局/交通运输局.txt', '../shapes/2019-h-tab.txt']);
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.match(r.err, /^nianbao sum: 这些报告的表格格式不同，无法逐格汇总：各局\/交通运输局\.txt \(2021\), \.\.\/shapes\/2019-h-tab\.txt \(2019\)。/);
  });
});
