/**
 * Drafts longer than the size limit (config `sizeLimit`, default 1,000,000 characters): checked up
 * to the last line break within the limit, one partly-checked finding, no finding that needs the
 * whole text, and fixes that leave the unchecked rest byte for byte.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze, checkedLength, fixText } from '../../server/src/core/check';
import { DEFAULT_CONFIG, DEFAULT_SIZE_LIMIT, normalizeConfig } from '../../server/src/core/config';
import { render } from '../../server/src/core/l10n';
import { RULES } from '../../server/src/core/rules';
import { read } from '../helpers/repo';

const SEED003 = read('samples/seeds/003_efc93f8cbbb15791.txt');

describe('size limit', () => {
  test('checkedLength: all of a short text; else up to the last line break within the limit', () => {
    assert.equal(checkedLength('abc', 3), 3);
    assert.equal(checkedLength('ab\ncd\nef', 7), 6);
    assert.equal(checkedLength('ab\r\ncd\r\nef', 9), 8);
    assert.equal(checkedLength('ab\rcd\ref', 7), 6);
    // a CR whose LF lies beyond the limit is not a place to stop
    assert.equal(checkedLength('ab\ncd\r\nef', 6), 3);
    assert.equal(checkedLength('ab\ncd\r\nef', 7), 7);
    // one long line: cut at the limit, never between the two halves of a surrogate pair
    assert.equal(checkedLength('abcdef', 4), 4);
    assert.equal(checkedLength('abc😀def', 4), 3);
    assert.equal(checkedLength('abc😀def', 5), 5);
  });

  test('a draft over the limit: one partly-checked information on line 1; the rules that need the whole text stay quiet', () => {
    const part = SEED003.trimEnd() + '\n';
    const text = part.repeat(3);
    const limit = part.length;
    const a = analyze(text, { config: { ...DEFAULT_CONFIG, sizeLimit: limit } });
    assert.deepEqual(a.partial, { checked: part.length, size: text.length, limit });
    assert.equal(a.report.text, part);
    const partly = a.findings.filter((f) => f.code === 'partly-checked');
    assert.equal(partly.length, 1);
    assert.equal(partly[0].severity, 'information');
    assert.deepEqual([partly[0].start, partly[0].end], [0, 0], 'the first line of seed 003 is empty');
    assert.equal(
      render(partly[0].message, 'en'),
      `Only the first ${part.split('\n').length - 1} lines (${part.length} of ${text.length} characters) were checked: the file is longer than the size limit of ${limit} characters (sizeLimit).`,
    );
    const wholeText = RULES.filter((r) => r.needsWholeText).map((r) => r.code);
    assert.deepEqual(wholeText.sort(), ['empty-section', 'missing-row', 'missing-section', 'publish-date']);
    assert.deepEqual(
      a.findings.filter((f) => wholeText.includes(f.code)),
      [],
    );
    // the checked part on its own, under the limit, has them (seed 003's empty 六), and no partly-checked
    const whole = analyze(part, { config: { ...DEFAULT_CONFIG, sizeLimit: limit } });
    assert.equal(whole.partial, null);
    assert.ok(whole.findings.some((f) => f.code === 'empty-section'));
    assert.ok(!whole.findings.some((f) => f.code === 'partly-checked'));
  });

  test('the checked part is fixed; the rest of the file is left byte for byte', () => {
    const tail = '\n' + SEED003;
    const text = SEED003 + tail;
    const config = { ...DEFAULT_CONFIG, sizeLimit: SEED003.length + 10 };
    const fixed = fixText(text, ['totals'], { config });
    assert.equal(fixed.applied, 1);
    assert.ok(fixed.text.endsWith(tail));
    assert.equal(fixed.text.slice(0, -tail.length), fixText(SEED003).text);
  });

  test('a generated 3 MB draft is checked in part with the default limit', () => {
    const text = SEED003.repeat(Math.ceil(3_000_000 / SEED003.length));
    const a = analyze(text);
    assert.ok(a.partial && a.partial.checked <= DEFAULT_SIZE_LIMIT && a.partial.checked > DEFAULT_SIZE_LIMIT - SEED003.length);
    assert.equal(text[a.partial.checked - 1], '\n');
    assert.deepEqual(
      a.findings.map((f) => f.code),
      ['partly-checked', ...analyze(SEED003).findings.filter((f) => f.code !== 'empty-section').map((f) => f.code)],
    );
  });

  test('sizeLimit in .nianbaorc.json or the settings: a whole number of characters, at least 1000', () => {
    assert.equal(normalizeConfig({ sizeLimit: 5000 }).config.sizeLimit, 5000);
    for (const bad of [999, 1.5, '1000000', -1, null]) {
      const { config, problems } = normalizeConfig({ sizeLimit: bad });
      assert.equal(config.sizeLimit, DEFAULT_SIZE_LIMIT, String(bad));
      assert.equal(problems.length, 1, String(bad));
    }
    assert.match(normalizeConfig({ sizeLimit: 'big' }).problems[0], /“sizeLimit” 无效.*invalid sizeLimit/);
  });
});
