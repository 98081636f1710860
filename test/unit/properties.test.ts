/**
 * Properties over random and randomly mutated drafts (fast-check): the same checks as
 * `npm run fuzz` (test/helpers/properties.ts), a few hundred cases here, 100,000 there.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { scan } from '../../server/src/core/scan';
import { analyze } from '../../server/src/core/check';
import { LAYOUTS, mutate, mutateAll, mutationArb, renderTable, tables } from '../helpers/mutate';
import { PROPERTIES, assertProperties, examine } from '../helpers/properties';
import { SAMPLES, SEEDS, read } from '../helpers/repo';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);
const drafts = [...SEEDS(), ...SAMPLES()].map(read);
const mutated = fc.tuple(fc.constantFrom(...drafts), fc.array(mutationArb, { minLength: 1, maxLength: 6 })).map(([t, ms]) => mutateAll(t, ms));

describe('properties', () => {
  test('random text keeps every property', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), assertProperties), { numRuns: RUNS });
    const tableish = fc.array(fc.constantFrom('\t', '|', ' |', '\n', '\r\n', '0', '１', '\u00a0', '一、本年新收政府信息公开申请数量', '（七）总计', '三、收到和处理政府信息公开申请情况', '行政复议', '2019年', '统计期限自2019年1月1日起至2019年12月31日止'), { maxLength: 80 }).map((a) => a.join(''));
    fc.assert(fc.property(tableish, assertProperties), { numRuns: RUNS });
  });

  test('randomly mutated drafts keep every property', () => {
    fc.assert(fc.property(mutated, assertProperties), { numRuns: RUNS });
  });

  test('every property is checked (none skipped) on a draft with wrong totals, fixed in one pass', () => {
    const { outcome, passes } = examine(read('samples/2024-markdown-totals-and-period.md'));
    assert.deepEqual(
      PROPERTIES.map((p) => outcome[p]),
      PROPERTIES.map(() => null),
    );
    assert.equal(passes, 1);
  });
});

describe('mutator', () => {
  const cellsOf = (text: string) => scan(text).rows.map((r) => r.cells.map((c) => c.text));

  test('a table rendered in each of the four layouts scans back to the same cells', () => {
    const rows = [
      ['（七）总计', '1', '', '0', '１２', '—'],
      ['', '', '', '', '', '3'],
      ['四、结转下年度继续办理', '0', '0', '0', '0', '0'],
    ];
    for (const layout of LAYOUTS) {
      for (const eol of ['\n', '\r\n']) {
        const text = `前文${eol}${eol}${renderTable(rows, layout, eol)}${eol}${eol}后文${eol}`;
        assert.deepEqual(cellsOf(text), rows, `${layout} ${JSON.stringify(eol)}`);
        assert.ok(scan(text).rows.every((r) => r.layout === layout), layout);
      }
    }
  });

  test('convert-layout rewrites one whole table of a draft and leaves the rest alone', () => {
    const text = read('samples/2024-markdown-totals-and-period.md');
    const before = cellsOf(text);
    const after = mutate(text, { op: 'convert-layout', at: 0, layout: 'pipe' });
    assert.notEqual(after, text);
    assert.deepEqual(cellsOf(after), before);
    assert.ok(scan(after).rows.some((r) => r.layout === 'pipe'));
    assert.ok(scan(after).rows.some((r) => r.layout === 'markdown'), 'only one table changed');
  });

  test('any table of a seed or sample in any layout gives the same findings', () => {
    const summary = (text: string) => analyze(text).findings.map((f) => `${f.code} ${f.expected ?? ''}/${f.actual ?? ''}`).sort();
    let converted = 0;
    for (const text of drafts) {
      const want = summary(text);
      for (let at = 0; at < tables(text).length; at++) {
        for (const layout of LAYOUTS) {
          assert.deepEqual(summary(mutate(text, { op: 'convert-layout', at, layout })), want, `table ${at} as ${layout}`);
          converted++;
        }
      }
    }
    assert.ok(converted > 100);
  });

  test('line endings, split rows', () => {
    assert.equal(mutate('a\r\nb\nc\rd', { op: 'line-endings', eol: '\r' }), 'a\rb\rc\rd');
    assert.equal(mutate('x\na\tb\tc\n', { op: 'split-row', at: 0, cell: 1 }), 'x\na\tb\nc\n');
  });
});
