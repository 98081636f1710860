// The shortcuts taken for speed (bench/RESULTS.md) agree with the plain definitions they replace.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { scan } from '../../server/src/scan';
import { LineIndex, indexWithin, isPad, isPadCode } from '../../server/src/text';
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

  test('a LineIndex made from scan lines equals one that searches the text', () => {
    for (const file of [...SEEDS(), ...SAMPLES()]) {
      for (const text of [read(file), read(file).replace(/\n/g, '\r\n'), read(file).replace(/\n/g, '\r'), 'a\r\n\rb\n\n']) {
        const fromScan = new LineIndex(text, scan(text).lines.map((l) => l.start));
        assert.deepEqual(fromScan.starts, new LineIndex(text).starts, file);
      }
    }
  });
});
