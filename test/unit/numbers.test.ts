/**
 * Numbers a draft may hold that JavaScript does not hold exactly (issue: wrong totals written): a total is
 * computed and fixed only when every part and the sum are exact integers; digits are written as digits,
 * never in exponent notation; a leading `+` is positive.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze, fixText } from '../../server/src/core/check';
import { read } from '../helpers/repo';

const CLEAN = read('samples/2023-markdown-clean.md');
const ROW = '| 2.重复申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |';
const withRow = (cells: string[]) => {
  assert.ok(CLEAN.includes(ROW));
  return CLEAN.replace(ROW, `| 2.重复申请 | ${cells.join(' | ')} |`);
};
const codes = (text: string) => analyze(text).findings.map((f) => f.code);

describe('numbers beyond exact arithmetic', () => {
  test('a part of 9007199254740993 (2^53 + 1) is named and no total is computed or written from it', () => {
    const text = withRow(['9007199254740993', '0', '0', '0', '0', '0', '9007199254740993']);
    const a = analyze(text);
    const invalid = a.findings.filter((f) => f.code === 'invalid-cell');
    assert.equal(invalid.length, 2, 'both cells are named');
    assert.ok(!a.findings.some((f) => f.code === 'total-mismatch' && f.fix), 'nothing to write');
    assert.equal(fixText(text).text, text, '--fix writes nothing');
  });

  test('parts whose sum is 10^21 are not summed: nothing is written, never `1e+21`', () => {
    const text = withRow(['500000000000000000000', '500000000000000000000', '0', '0', '0', '0', '1000000000000000000000']);
    const fixed = fixText(text).text;
    assert.equal(fixed, text);
    assert.ok(!fixed.includes('e+'));
  });

  test('400 nines are too many digits: invalid-cell, and no Infinity anywhere', () => {
    const text = withRow(['9'.repeat(400), '0', '0', '0', '0', '0', '1']);
    const a = analyze(text);
    assert.ok(a.findings.some((f) => f.code === 'invalid-cell'));
    assert.ok(a.findings.every((f) => f.expected === undefined || Number.isFinite(f.expected)));
    assert.ok(a.findings.every((f) => f.actual === undefined || Number.isFinite(f.actual)));
    assert.ok(!a.findings.some((f) => JSON.stringify(f.message).includes('Infinity')));
    assert.equal(fixText(text).text, text);
  });

  test('a leading + is positive: `+1` in the 自然人 cell adds up to the total 1', () => {
    assert.deepEqual(codes(withRow(['+1', '0', '0', '0', '0', '0', '1'])), []);
    const a = analyze(withRow(['+1', '0', '0', '0', '0', '0', '2']));
    const tm = a.findings.filter((f) => f.code === 'total-mismatch');
    assert.deepEqual(tm.map((f) => [f.expected, f.actual]), [[1, 2]]);
  });

  test('a sum just below 2^53 is still computed and written as digits', () => {
    const big = '4503599627370495'; // 2^52 − 1: twice it is 2^53 − 2, exact
    const fixed = fixText(withRow([big, big, '0', '0', '0', '0', '0'])).text;
    assert.ok(fixed.includes(`| ${big} | ${big} | 0 | 0 | 0 | 0 | 9007199254740990 |`), fixed.split('\n').find((l) => l.includes('2.重复申请')));
  });
});
