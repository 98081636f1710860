import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { blankInsertOffset, cellRange, scan, type Cell } from '../../server/src/core/scan';
import { LineIndex, labelKey } from '../../server/src/core/text';
import { SEEDS, read } from '../helpers/repo';

const texts = (cells: Cell[]) => cells.map((c) => c.text);

describe('scan: layouts', () => {
  test('one cell per line: a blank line ends a row, a short unindented line continues a header cell', () => {
    const text = '\t信息内容\n\t本年新\n制作数量\n\t对外公开总数量\n\n\t规章\n\t0\n\t\u00a0\n\t\n';
    const s = scan(text);
    assert.equal(s.rows.length, 2);
    assert.deepEqual(texts(s.rows[0].cells), ['信息内容', '本年新\n制作数量', '对外公开总数量']);
    assert.equal(labelKey(s.rows[0].cells[1].text), '本年新制作数量');
    assert.deepEqual(texts(s.rows[1].cells), ['规章', '0', '', '']);
    assert.deepEqual(
      s.rows[1].cells.map((c) => c.value.kind),
      ['text', 'number', 'blank', 'blank'],
    );
  });

  test('tab-separated rows keep empty cells where merged cells were', () => {
    const text = '二、上年结转政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t\n';
    const [row] = scan(text).rows;
    assert.equal(row.layout, 'tab');
    assert.equal(row.cells.length, 10);
    assert.equal(row.cells[1].value.kind, 'blank');
  });

  test('tab-separated rows may start with empty cells: more than one tab before a cell is not the one-cell-per-line indent', () => {
    // found by the fuzz (convert-layout): a 复议/诉讼 data row with only its last cell filled
    const text = '\t\t\t\t\t\t\t\t\t\t\t\t\t\t0\n\t\t\n\t规章\n';
    const s = scan(text);
    assert.deepEqual(
      s.rows.map((r) => [r.layout, r.cells.length]),
      [
        ['tab', 15],
        ['tab', 3],
        ['cell-per-line', 1],
      ],
    );
    assert.equal(s.rows[0].cells[14].value.kind, 'number');
    assert.ok(s.rows[0].cells.slice(0, 14).every((c) => c.value.kind === 'blank'));
  });

  test('|-wrapped cells: a lone | starts a row; the extra || after the last cell are not cells', () => {
    const text = '|\n(一)予以公开 |\n9 |\n |\n9 | ||\n|\n规章 |\n';
    const s = scan(text);
    assert.equal(s.rows.length, 2);
    assert.deepEqual(texts(s.rows[0].cells), ['(一)予以公开', '9', '', '9']);
    assert.equal(s.rows[0].layout, 'pipe');
    const last = s.rows[0].cells[3];
    assert.equal(text.slice(last.start, last.end), '9');
    assert.equal(blankInsertOffset(text, s.rows[0].cells[2]), text.indexOf(' |\n9 | ||'));
  });

  test('Markdown pipe tables: separator skipped, cells between pipes', () => {
    const text = '| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 3 |\n| 行政规范性文件 |  |\n';
    const s = scan(text);
    assert.equal(s.rows.length, 3);
    assert.deepEqual(texts(s.rows[1].cells), ['规章', '3']);
    const blank = s.rows[2].cells[1];
    assert.equal(blank.value.kind, 'blank');
    assert.equal(blankInsertOffset(text, blank), blank.start + 1);
  });
});

describe('scan: cell values', () => {
  const one = (cell: string) => scan(`\t${cell}\n`).rows[0].cells[0];

  test('full-width digits are read and remembered', () => {
    const c = one('１２');
    assert.deepEqual({ kind: c.value.kind, value: c.value.kind === 'number' && c.value.value, fw: c.value.kind === 'number' && c.value.fullWidth }, { kind: 'number', value: 12, fw: true });
  });

  test('U+3000 and U+00A0 padding is not part of the digit run', () => {
    const text = '\t\u3000\u30000\n\t0\u00a0\n';
    const [a, b] = scan(text).rows[0].cells;
    assert.ok(a.value.kind === 'number' && text.slice(a.value.start, a.value.end) === '0' && a.value.start === 3);
    assert.ok(b.value.kind === 'number' && b.value.start === 6 && b.value.end === 7);
  });

  test('dashes and 无 are placeholders, words are text, thousands separators and units are read', () => {
    for (const d of ['/', '-', '—', '无']) assert.equal(one(d).value.kind, 'dash', d);
    assert.equal(one('十二').value.kind, 'text');
    const n = one('1,234');
    assert.ok(n.value.kind === 'number' && n.value.value === 1234 && n.value.grouped);
    const m = one('75394432.52元');
    assert.ok(m.value.kind === 'number' && m.value.value === 75394432.52 && !m.value.integer && m.value.end === m.value.start + 11);
    const neg = one('-18');
    assert.ok(neg.value.kind === 'number' && neg.value.value === -18);
  });

  test('a blank cell is squiggled on its padding, an empty one on its delimiter', () => {
    const text = '\t规章\n\t\u00a0\n\t\n';
    const [, nbsp, empty] = scan(text).rows[0].cells;
    assert.deepEqual(cellRange(text, nbsp), [text.indexOf('\u00a0'), text.indexOf('\u00a0') + 1]);
    const [s, e] = cellRange(text, empty);
    assert.equal(text.slice(s, e), '\t');
  });
});

describe('scan: line breaks and offsets', () => {
  test('CRLF and lone CR end lines; offsets stay exact', () => {
    const text = '\t规章\r\n\t7\r\n\r\n\t规范性文件\r\t5\r';
    const s = scan(text);
    assert.deepEqual(s.rows.map((r) => texts(r.cells)), [['规章', '7'], ['规范性文件', '5']]);
    for (const r of s.rows) for (const c of r.cells) assert.equal(text.slice(c.textStart, c.textEnd), c.text);
    const idx = new LineIndex(text);
    assert.deepEqual(idx.position(text.indexOf('7')), { line: 1, character: 1 });
    assert.deepEqual(idx.position(text.indexOf('5')), { line: 4, character: 1 });
  });

  test('a BOM at the start is padding', () => {
    const s = scan('\ufeff|\n规章 |\n');
    assert.equal(s.rows[0].cells[0].text, '规章');
  });

  test('every cell of every seed maps back to its text exactly', () => {
    for (const f of SEEDS()) {
      const text = read(f);
      const s = scan(text);
      assert.ok(s.rows.length > 20, f);
      for (const r of s.rows) for (const c of r.cells) assert.equal(text.slice(c.textStart, c.textEnd), c.text, f);
    }
  });
});
