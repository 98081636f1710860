// The shortcuts taken for speed (bench/RESULTS.md) agree with the plain definitions they replace.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LineIndex, indexWithin, isPad, isPadCode } from '../../server/src/core/text';
import { SAMPLES, SEEDS, read } from '../helpers/repo';

describe('fast paths', () => {
  test('isPadCode agrees with isPad on every UTF-16 code unit', () => {
    for (let c = 0; c <= 0xffff; c++) assert.equal(isPadCode(c), isPad(String.fromCharCode(c)), `U+${c.toString(16)}`);
  });

  test('indexWithin finds a character only inside [from, to)', () => {
    const text = 'ab|cd\tef|';
    assert.equal(indexWithin(text, '|', 0, text.length), 2);
    assert.equal(indexWithin(text, '|', 3, 8), -1);
    assert.equal(indexWithin(text, '|', 3, 9), 8);
    assert.equal(indexWithin(text, '\t', 0, 5), -1);
    assert.equal(indexWithin(text, '\t', 0, 6), 5);
  });

  test('the line index: each line ends at its line break (LF, CRLF or CR)', () => {
    const texts = [...SEEDS(), ...SAMPLES()].flatMap((f) => [read(f), read(f).replace(/\n/g, '\r\n'), read(f).replace(/\n/g, '\r')]);
    for (const text of [...texts, 'a\r\n\rb\n\n', 'a\r\r\n', '\n\r', '']) {
      const plain: { start: number; end: number }[] = [];
      for (let start = 0; ; ) {
        const m = /\r\n|\r|\n/g;
        m.lastIndex = start;
        const hit = m.exec(text);
        plain.push({ start, end: hit ? hit.index : text.length });
        if (!hit) break;
        start = hit.index + hit[0].length;
      }
      const index = new LineIndex(text);
      assert.deepEqual(index.starts.map((start, li) => ({ start, end: index.lineEnd(li) })), plain);
    }
  });
});
