/** Properties over random and randomly mutated drafts (fast-check). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyze, fixEdits, fixText } from '../../server/src/check';
import { applyEdits } from '../../server/src/edits';
import { assertOnlyCellsChanged } from '../helpers/edits';
import { mutateAll, mutationArb } from '../helpers/mutate';
import { SAMPLES, SEEDS, read } from '../helpers/repo';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);
const drafts = [...SEEDS(), ...SAMPLES()].map(read);
const mutated = fc.tuple(fc.constantFrom(...drafts), fc.array(mutationArb, { minLength: 1, maxLength: 6 })).map(([t, ms]) => mutateAll(t, ms));

function assertRangesInside(text: string) {
  const { findings } = analyze(text);
  for (const f of findings) {
    assert.ok(0 <= f.start && f.start <= f.end && f.end <= text.length, `${f.code} ${f.start}-${f.end} outside 0-${text.length}`);
    for (const e of f.fix?.edits ?? []) assert.ok(0 <= e.start && e.start <= e.end && e.end <= text.length);
  }
}

describe('properties', () => {
  test('random text never throws and every range lies inside the document', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), assertRangesInside), { numRuns: RUNS });
    const tableish = fc.array(fc.constantFrom('\t', '|', ' |', '\n', '\r\n', '0', '１', '\u00a0', '一、本年新收政府信息公开申请数量', '（七）总计', '三、收到和处理政府信息公开申请情况', '行政复议', '2019年', '统计期限自2019年1月1日起至2019年12月31日止'), { maxLength: 80 }).map((a) => a.join(''));
    fc.assert(fc.property(tableish, assertRangesInside), { numRuns: RUNS });
  });

  test('randomly mutated drafts never throw and every range lies inside the document', () => {
    fc.assert(fc.property(mutated, assertRangesInside), { numRuns: RUNS });
  });

  test('fix twice equals fix once', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        const once = fixText(text).text;
        assert.equal(fixText(once).text, once);
      }),
      { numRuns: RUNS },
    );
  });

  test('a fix changes nothing outside the cells it fixes (the rest byte for byte)', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        const edits = fixEdits(analyze(text).findings);
        const { text: fixed, applied } = applyEdits(text, edits);
        assertOnlyCellsChanged(text, fixed, applied);
      }),
      { numRuns: RUNS },
    );
  });

  test('after the automatic fix no total-mismatch remains where the parts are readable', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        const { analysis } = fixText(text);
        assert.deepEqual(analysis.findings.filter((f) => f.code === 'total-mismatch' && f.fix), []);
      }),
      { numRuns: RUNS },
    );
  });
});
