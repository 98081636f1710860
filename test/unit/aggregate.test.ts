/**
 * 汇总 (issue 15, items 2 and 9) in the core: the aggregation fixture (test/fixtures/aggregate/, SOURCES.md) —
 * three bureau drafts in three layouts, a summary with two wrong cells and a fourth bureau missing — summed,
 * compared (aggregate-mismatch, aggregate-missing, their related places and fix), refused when mixed; findChildren.
 * The CLI's side is aggregate-cli.test.ts.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { aggregate, findChildren, otherReport } from '../../server/src/core/aggregate';
import { analyze, fixText } from '../../server/src/core/check';
import { normalizeConfig } from '../../server/src/core/config';
import { present } from '../../server/src/core/present';
import { cellsOf, DIR, parts, SUMMARY, SUMS } from '../helpers/aggregate';
import { at, read } from '../helpers/repo';

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
