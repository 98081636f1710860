/** The findings issue 2 names for each seed, and no error-severity finding beyond them. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixText } from '../../server/src/core/check';
import { check, errors, lineOf, read } from '../helpers/repo';

const seed = (n: string) => read(`samples/seeds/${n}`);
const RANK = { error: 3, warning: 2, information: 1, hint: 0 };

describe('seeds', () => {
  test('000: nothing above information', () => {
    const a = check(seed('000_a8e5998f6003955d.txt'));
    assert.deepEqual(a.findings.filter((f) => RANK[f.severity] > RANK.information), []);
  });

  test('001: label-variant on 其他法律法规禁止公开, no error', () => {
    const text = seed('001_a4e326b7c8b95611.txt');
    const a = check(text);
    const lv = a.findings.filter((f) => f.code === 'label-variant');
    assert.equal(lv.length, 1);
    assert.equal(text.slice(lv[0].start, lv[0].end), '2.其他法律法规禁止公开');
    assert.deepEqual(lv[0].fix?.edits, [{ start: lv[0].start, end: lv[0].end, newText: '2.其他法律行政法规禁止公开' }]);
    assert.deepEqual(errors(a), []);
  });

  test('002: publish-date on the date line 2019年12月3日 (the statistics year is 2025), no error', () => {
    const text = seed('002_4505276ac13c66c6.txt');
    const a = check(text);
    const pd = a.findings.filter((f) => f.code === 'publish-date');
    assert.equal(pd.length, 1);
    assert.equal(lineOf(a, pd[0]), 2);
    assert.ok(text.slice(pd[0].start, pd[0].end).startsWith('2019年12月3日'));
    assert.deepEqual(errors(a), []);
  });

  test('003: empty-section on 六 and one total-mismatch on the blank 自然人 cell of （七）总计 (expected 1), no balance-mismatch', () => {
    const text = seed('003_efc93f8cbbb15791.txt');
    const a = check(text);
    const es = a.findings.filter((f) => f.code === 'empty-section');
    assert.equal(es.length, 1);
    assert.equal(text.slice(es[0].start, es[0].end), '六、其他需要报告的事项');
    const e = errors(a);
    assert.equal(e.length, 1);
    assert.equal(e[0].code, 'total-mismatch');
    assert.equal(e[0].expected, 1);
    assert.equal(e[0].actual, 0);
    assert.equal(lineOf(a, e[0]), 332);
    assert.equal(text.slice(e[0].start, e[0].end), '\u00a0');
    assert.equal(a.findings.filter((f) => f.code === 'balance-mismatch').length, 0);
    // the fix writes 1 after the padding of that cell and nowhere else
    const fixed = fixText(text).text;
    const lines = fixed.split('\n');
    assert.equal(lines[331], '\t\u00a01');
    assert.equal(fixed.length, text.length + 1);
    assert.equal(fixed.slice(0, e[0].end) + fixed.slice(e[0].end + 1), text);
    assert.deepEqual(errors(check(fixed)), []);
  });

  test('004: missing-section for 六, no other error', () => {
    const text = seed('004_f08e199b8ba50c35.txt');
    const a = check(text);
    const e = errors(a);
    assert.equal(e.length, 1);
    assert.equal(e[0].code, 'missing-section');
    assert.match(e[0].message.args?.heading as string, /^六、其他需要报告的事项$/);
    assert.equal(e[0].start, text.length);
    assert.equal(e[0].end, text.length);
  });
});
