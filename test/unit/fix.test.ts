/** --fix repairs every wrong total in every layout, writes only digits, and is stable. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, test } from 'node:test';
import { analyze, fixEdits, fixText } from '../../server/src/core/check';
import { applyEdits, writeNumber } from '../../server/src/core/edits';
import { makeCell } from '../../server/src/core/read/cell';
import { valueCells } from '../../server/src/core/model';
import { htmlToText } from '../helpers/html';
import { assertOnlyCellsChanged } from '../helpers/edits';
import { totalCells } from '../helpers/properties';
import { SAMPLES, SEEDS, at, read } from '../helpers/repo';

const drafts = () => [
  ...[...SAMPLES(), ...SEEDS()].map((f) => ({ name: f, text: read(f) })),
  ...['test/fixtures/corpus/pingtan-2020.txt'].map((f) => ({ name: f, text: read(f) })),
  { name: 'shanghai-2019.html', text: htmlToText(fs.readFileSync(at('test/fixtures/corpus/shanghai-2019.html'), 'utf8')) },
];

describe('fix: totals', () => {
  for (const { name, text } of drafts()) {
    test(`${name}: one pass fixes every wrong total, touching only those cells; a second pass changes nothing`, () => {
      const before = analyze(text);
      const wrong = before.findings.filter((f) => f.code === 'total-mismatch');
      const edits = fixEdits(before.findings);
      assert.equal(edits.length, wrong.filter((f) => f.fix).length);
      const once = applyEdits(text, edits).text;
      assertOnlyCellsChanged(text, once, edits, totalCells(before.report));
      const after = analyze(once);
      assert.deepEqual(after.findings.filter((f) => f.code === 'total-mismatch'), []);
      assert.deepEqual(fixEdits(after.findings), []);
      assert.equal(fixText(once).text, once);
    });
  }

  test('every layout with a wrong total is repaired (cell per line, tab rows, |-wrapped, Markdown, HTML copy)', () => {
    const layouts = new Set<string>();
    for (const { text } of drafts()) {
      const a = analyze(text);
      for (const f of a.findings.filter((x) => x.code === 'total-mismatch')) {
        const cell = valueCells(a.report).find((c) => c.start <= f.start && f.end <= Math.max(c.end, c.start + 1));
        if (cell) layouts.add(cell.layout);
      }
    }
    // cell per line (lines), tab rows, `|`-wrapped and Markdown (both bar)
    assert.deepEqual([...layouts].sort(), ['bar', 'lines', 'tab']);
  });

  test('full-width digits stay full-width', () => {
    const text = read('samples/2022-pipe-old-format-fullwidth.txt');
    const fixed = fixText(text).text;
    assert.equal(text.split('\n')[117], '１０ | ||');
    assert.equal(fixed.split('\n')[117], '９ | ||');
  });

  test('thousands separators stay as written: `,` or the full-width `，` (found by the fuzz)', () => {
    const cases: [string, number, string][] = [
      ['1,234', 12345, '12,345'],
      ['１，２３４', 12345, '１２，３４５'],
      ['1１，２３４', 1, '１'],
      ['１２３４', 12345, '１２３４５'],
    ];
    for (const [written, value, want] of cases) {
      const text = `\t${written}\n`;
      const edit = writeNumber(text, makeCell(text, 1, text.length - 1, 0, 'lines'), value)!;
      assert.deepEqual([text.slice(edit.start, edit.end), edit.newText], [written, want]);
    }
  });

  test('a blank total gets the digits in its empty cell (tab rows)', () => {
    const text = read('samples/2020-tab-rows-balance-and-order.txt');
    const fixed = fixText(text).text;
    const line = fixed.split('\n').find((l) => l.includes('1.本机关不掌握相关政府信息'));
    assert.equal(line, '（四）无法提供\t1.本机关不掌握相关政府信息\t3\t0\t0\t0\t0\t0\t3');
  });

  test('Shanghai 2019: every blank row 总计 of 三、本年度办理结果 is filled with its row sum', () => {
    const text = htmlToText(fs.readFileSync(at('test/fixtures/corpus/shanghai-2019.html'), 'utf8'));
    const fixed = fixText(text).text;
    const row = (label: string) => fixed.split('\n').find((l) => l.includes(label))!.split('\t');
    // the digits go after the cell's U+00A0 padding, which stays
    assert.equal(row('（一）予以公开').at(-1), '\u00a0272');
    assert.equal(row('1.本机关不掌握相关政府信息').at(-1), '\u00a0265');
    assert.equal(row('（七）总计').at(-1), '805');
  });
});

describe('fix: suggestions are applied only on request', () => {
  test('--fix-type widens the fix: labels, sections, blanks, years', () => {
    const t004 = read('samples/seeds/004_f08e199b8ba50c35.txt');
    assert.equal(fixText(t004).text, t004);
    const withSection = fixText(t004, ['sections']).text;
    assert.ok(withSection.endsWith('六、其他需要报告的事项\n'));
    assert.equal(analyze(withSection).findings.filter((f) => f.code === 'missing-section').length, 0);

    const t001 = read('samples/seeds/001_a4e326b7c8b95611.txt');
    assert.ok(fixText(t001, ['labels']).text.includes('\t\t2.其他法律行政法规禁止公开\t'));

    const t003 = read('samples/seeds/003_efc93f8cbbb15791.txt');
    const filled = fixText(t003, ['totals', 'blanks']);
    assert.equal(filled.analysis.findings.filter((f) => f.code === 'blank-cell' || f.code === 'total-mismatch').length, 0);
    assert.equal(filled.text.split('\n')[331], '\t\u00a01', 'the blank fill does not touch the cell the total fix owns');

    const years = read('samples/2024-markdown-totals-and-period.md');
    const y = fixText(years, ['years']).text;
    assert.ok(y.includes('统计期限自2024年1月1日起至2024年12月31日止'));
  });

  test('blank-cell never offers to fill a cell that a total fix owns', () => {
    const a = analyze(read('samples/seeds/003_efc93f8cbbb15791.txt'));
    const owned = a.findings.find((f) => f.code === 'total-mismatch')!.fix!.edits[0];
    for (const f of a.findings.filter((x) => x.code === 'blank-cell')) {
      for (const e of f.fix?.edits ?? []) assert.notEqual(e.start, owned.start);
    }
  });
});
