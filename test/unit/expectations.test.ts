/**
 * The findings of every sample, seed and real report against the expectations written by hand beside
 * each (`<draft>.findings`, test/helpers/expectations.ts). No test writes those files: a change of what
 * nianbao finds is a change of these files, made and read by a person (`npm run golden:diff` prints it).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/check';
import { EXPECTED_DRAFTS } from '../helpers/drafts';
import { difference, draftText, expectationsFile, formatReport, found, parse, reportOf } from '../helpers/expectations';
import { ROOT, at, read } from '../helpers/repo';

describe('findings as written by hand', () => {
  for (const draft of EXPECTED_DRAFTS()) {
    test(draft, () => {
      const want = parse(read(expectationsFile(draft)), expectationsFile(draft));
      const a = analyze(draftText(draft));
      assert.equal(formatReport(reportOf(a)), formatReport(want.report));
      const diff = difference(want.findings, found(a));
      assert.deepEqual(diff, [], `${expectationsFile(draft)} (- expected, + found; npm run golden:diff):\n${diff.join('\n')}`);
    });
  }

  test('every expectations file has its draft, and every draft its file', () => {
    const drafts = new Set(EXPECTED_DRAFTS().map(expectationsFile));
    assert.ok(drafts.size >= 25);
    const files = ['samples', 'samples/seeds', 'test/fixtures/corpus'].flatMap((d) =>
      fs
        .readdirSync(at(d))
        .filter((f) => f.endsWith('.findings'))
        .map((f) => path.join(d, f)),
    );
    assert.deepEqual(files.sort(), [...drafts].sort());
  });

  test('the format: one finding a line, sorted, known fields only; a report line first', () => {
    const ok = parse('# note\nreport year=2020 format=2019\n3:1 year-mismatch expected=2020 actual=2019 fix=years  # why\n3:1 text-table-mismatch\n9:2 blank-cell\n');
    assert.deepEqual(ok.report, { year: 2020, format: '2019' });
    assert.deepEqual(ok.findings.map((e) => e.code), ['year-mismatch', 'text-table-mismatch', 'blank-cell']);
    assert.throws(() => parse('report year=2020 format=2019\n9:2 blank-cell\n3:1 year-mismatch\n'), /not sorted/);
    assert.throws(() => parse('report year=2020 format=2019\n3:1 year-mismatch colour=red\n'), /unknown field/);
    assert.throws(() => parse('report year=2020 format=2019\n3 no-such-code\n'), /not “LINE:COL CODE/);
    assert.throws(() => parse('3:1 year-mismatch\n'), /no “report/);
    assert.deepEqual(difference(ok.findings, ok.findings.slice(1)), ['- 3:1 year-mismatch expected=2020 actual=2019 fix=years']);
  });

  test('no test writes the expectations (the old UPDATE_GOLDEN switch is gone)', () => {
    const sources = (dir: string): string[] =>
      fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((d) => {
        const p = path.join(dir, d.name);
        if (d.isDirectory()) return d.name.startsWith('out') || d.name === 'fixtures' ? [] : sources(p);
        return /\.(ts|mjs)$/.test(d.name) ? [p] : [];
      });
    const golden = new RegExp(['UPDATE', 'GOLDEN'].join('_'));
    const self = 'test/unit/expectations.test.ts';
    const files = [...sources('test'), ...sources('scripts')].filter((f) => f !== self);
    assert.ok(files.includes('test/helpers/expectations.ts') && files.includes('scripts/golden-diff.ts'));
    for (const f of files) {
      const src = read(f);
      assert.doesNotMatch(src, golden, f);
      if (/\.findings\b/.test(src)) assert.doesNotMatch(src, /write(File|Sync)|appendFile|createWriteStream/, `${f} mentions the expectations and writes files`);
    }
  });
});
