/**
 * Properties over random and randomly mutated drafts (fast-check): the same checks as
 * `npm run fuzz` (test/helpers/properties.ts), a few hundred cases here, 100,000 there.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/check';
import { tablesOf } from '../../server/src/core/model';
import { mutate, mutateAll, mutationArb } from '../helpers/mutate';
import { SHAPES, renderDraft, renderRows } from '../helpers/render';
import { assertOnlyCellsChanged } from '../helpers/edits';
import { PROPERTIES, assertProperties, examine, totalCells } from '../helpers/properties';
import { applyEdits } from '../../server/src/core/edits';
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

  test('“text outside the fixed cells is byte-identical” rejects what a fix must not do, zero-width insertions included', () => {
    const text = read('samples/seeds/003_efc93f8cbbb15791.txt');
    const cells = totalCells(analyze(text).report);
    const line332 = text.split('\n').slice(0, 331).reduce((n, l) => n + l.length + 1, 0); // `\t` U+00A0: the blank （七）总计 自然人
    const check = (edits: { start: number; end: number; newText: string }[]) => () => assertOnlyCellsChanged(text, applyEdits(text, edits).text, edits, cells);
    assert.doesNotThrow(check([{ start: line332 + 2, end: line332 + 2, newText: '1' }]), 'the fix itself: after the padding of the blank total');
    const heading = text.indexOf('六、其他需要报告的事项');
    assert.throws(check([{ start: heading, end: heading, newText: '1' }]), /outside every total cell/, 'an insertion in the prose');
    assert.throws(check([{ start: line332, end: line332, newText: '1' }]), /outside every total cell/, 'an insertion before the tab, between two cells');
    const part = text.split('\n').slice(0, 125).reduce((n, l) => n + l.length + 1, 0) + 1; // line 126: （一）予以公开's 自然人 part, `1`
    assert.equal(text.slice(part, part + 1), '1');
    assert.throws(check([{ start: part, end: part + 1, newText: '2' }]), /outside every total cell/, 'a part, not a total');
  });
});

describe('mutator', () => {
  const cellsOf = (text: string) => tablesOf(analyze(text).report).flatMap((t) => t.rows.map((r) => [r.label, ...r.cells.map((c) => (c.value.kind === 'number' ? String(c.value.value) : c.value.kind))]));

  test('a table rendered in each shape reads back to the same cells', () => {
    const rows = [
      ['一、本年新收政府信息公开申请数量', '1', '', '0', '１２', '0', '0', '13'],
      ['二、上年结转政府信息公开申请数量', '', '', '', '', '', '', '3'],
      ['四、结转下年度继续办理', '0', '0', '0', '0', '0', '0', '0'],
    ];
    for (const shape of SHAPES) {
      for (const eol of ['\n', '\r\n']) {
        const text = `三、收到和处理政府信息公开申请情况${eol}${eol}${renderRows(rows, shape, eol)}${eol}${eol}四、政府信息公开行政复议、行政诉讼情况${eol}`;
        const want = shape === 'spaces' ? rows.map((r) => r.map((c) => c || 'dash')) : rows.map((r) => r.map((c) => c || 'blank'));
        assert.deepEqual(
          cellsOf(text),
          want.map((r) => r.map((c) => (/^[0-9１２]+$/.test(c) ? String(Number(c.replace(/[１２]/g, (d) => String(d.charCodeAt(0) - 0xff10)))) : c))),
          `${shape} ${JSON.stringify(eol)}`,
        );
      }
    }
  });

  test('convert-layout rewrites one whole table of a draft and leaves the rest alone', () => {
    const text = read('samples/2024-markdown-totals-and-period.md');
    const after = mutate(text, { op: 'convert-layout', at: 0, layout: 'pipe' });
    assert.notEqual(after, text);
    assert.deepEqual(cellsOf(after), cellsOf(text));
    assert.ok(after.includes('| 规章 |') || after.includes('规章 |'), 'the first table is now |-wrapped');
    assert.ok(after.includes('| （一）予以公开 |'), 'the 申请 table is still Markdown');
  });

  test('every table of every seed and sample in every shape gives the same findings with the same numbers', () => {
    const summary = (text: string) => analyze(text).findings.filter((f) => f.code !== 'label-variant').map((f) => `${f.code} ${f.expected ?? ''}/${f.actual ?? ''}`).sort();
    let converted = 0;
    for (const text of drafts) {
      const want = summary(text);
      for (const shape of SHAPES) {
        if (shape === 'spaces') continue;
        assert.deepEqual(summary(renderDraft(text, shape)), want, `as ${shape}`);
        converted++;
      }
    }
    assert.ok(converted >= 90);
  });

  test('line endings, split rows', () => {
    assert.equal(mutate('a\r\nb\nc\rd', { op: 'line-endings', eol: '\r' }), 'a\rb\rc\rd');
    assert.equal(mutate('x\na\tb\tc\n', { op: 'split-row', at: 0, cell: 1 }), 'x\na\tb\nc\n');
  });
});
