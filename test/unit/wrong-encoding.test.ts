/**
 * wrong-encoding (issue 13 item 5): a GBK/GB18030 draft that an editor decoded as UTF-8 (VS Code's default,
 * with the WHATWG decoder: U+FFFD for every byte sequence that is not UTF-8) gets one finding that says so
 * and nothing else; replacement characters from other causes are named where they are, and the draft is
 * checked as usual. The CLI decodes GB18030 itself and never sees the first case.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { analyze, type AnalyzeOptions } from '../../server/src/core/check';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { render } from '../../server/src/core/l10n';
import { misdecoding } from '../../server/src/core/garbled';
import { SAMPLES, SEEDS, at, read } from '../helpers/repo';

const GBK_SEED = 'test/fixtures/encoding/seed-003-gb18030.txt';
/** Seed 003 as a GBK editor saves it (its U+00A0 padding, which GBK lacks, as spaces). */
const GBK_ONLY = 'test/fixtures/encoding/seed-003-gbk.txt';
const SEED_003 = 'samples/seeds/003_efc93f8cbbb15791.txt';

/** What VS Code shows for a file it opened as UTF-8: the browser's (WHATWG) decoder. */
const asUtf8 = (bytes: Uint8Array) => new TextDecoder('utf-8').decode(bytes);
const replacements = (s: string) => s.split('\ufffd').length - 1;
function codesOf(text: string, options?: AnalyzeOptions): string[] {
  const { findings } = analyze(text, options);
  return findings.map((f) => f.code);
}

describe('wrong-encoding', () => {
  test('the committed GBK fixture is seed 003 in GB18030 (SOURCES.md)', () => {
    const bytes = fs.readFileSync(at(GBK_SEED));
    assert.equal(iconv.decode(bytes, 'gb18030'), read(SEED_003));
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'not UTF-8');
  });

  test('the GBK fixture is seed 003 with spaces for its U+00A0 padding, in GBK; the seed’s findings are the same either way', () => {
    const bytes = fs.readFileSync(at(GBK_ONLY));
    const seed = read(SEED_003);
    assert.equal(iconv.decode(bytes, 'gbk'), seed.replace(/\u00a0/g, ' '));
    const lines = (text: string) => {
      const { findings, report } = analyze(text);
      return findings.map((f) => `${f.code} ${report.index.lineOf(f.start)}`);
    };
    assert.deepEqual(lines(iconv.decode(bytes, 'gbk')), lines(seed));
  });

  test('a GB18030 draft opened as GBK or GB 2312 (what VS Code guesses for Chinese): its U+00A0 padding is �0�2, read as numbers; one finding, naming GB18030', () => {
    // VS Code decodes a guessed GB 2312 with iconv-lite's gb2312 (its cp936 table, no four-byte sequences)
    const text = iconv.decode(fs.readFileSync(at(GBK_SEED)), 'gb2312');
    assert.equal(text.split('\ufffd0\ufffd2').length - 1, 175, 'the 175 U+00A0 of the seed');
    const { findings } = analyze(text);
    assert.deepEqual(findings.map((f) => `${f.code}/${f.severity}`), ['wrong-encoding/error']);
    const zh = render(findings[0].message, 'zh-cn');
    assert.match(zh, /^本文有 175 个字被读成了 � 和数字/);
    assert.ok(zh.includes('GB18030') && zh.includes('GB 2312'), zh);
    // a GBK draft read as GBK: the seed's findings, nothing about the encoding
    const gbk = iconv.decode(fs.readFileSync(at(GBK_ONLY)), 'gb2312');
    assert.equal(misdecoding(gbk), null);
    assert.ok(!codesOf(gbk).includes('wrong-encoding'));
    // and the GBK draft opened as UTF-8 is the first case
    assert.deepEqual(codesOf(asUtf8(fs.readFileSync(at(GBK_ONLY)))), ['wrong-encoding']);
  });

  test('the GBK seed opened as UTF-8: exactly one finding, an error on the first garbled line, naming GB18030', () => {
    const text = asUtf8(fs.readFileSync(at(GBK_SEED)));
    const { findings, report } = analyze(text);
    assert.equal(findings.length, 1, JSON.stringify(findings.map((f) => f.code)));
    const [f] = findings;
    assert.equal(f.code, 'wrong-encoding');
    assert.equal(f.severity, 'error');
    assert.equal(f.fix, undefined, 'no edit: reopening is the editor’s');
    // line 2 is the title (line 1 is blank)
    assert.equal(report.index.lineOf(f.start), 1);
    assert.equal(f.end, report.index.lineEnd(1));
    const zh = render(f.message, 'zh-cn');
    const en = render(f.message, 'en');
    assert.ok(zh.includes('GB18030') && zh.includes('UTF-8') && zh.includes(`${replacements(text)} 个替换字符`), zh);
    assert.ok(en.includes('GB18030') && en.includes('do not save it'), en);
  });

  test('every seed and sample, GB18030-encoded and opened as UTF-8: the one wrong-encoding finding only', () => {
    for (const rel of [...SEEDS(), ...SAMPLES()]) {
      const text = asUtf8(iconv.encode(read(rel), 'gb18030'));
      const { findings } = analyze(text);
      const codes = findings.map((f) => `${f.code}/${f.severity}`);
      assert.deepEqual(codes, ['wrong-encoding/error'], rel);
    }
  });

  test('the same drafts in UTF-8 have no replacement character and no wrong-encoding finding', () => {
    for (const rel of [...SEEDS(), ...SAMPLES()]) {
      assert.equal(misdecoding(read(rel)), null, rel);
      assert.ok(!codesOf(read(rel)).includes('wrong-encoding'), rel);
    }
  });

  test('a � pasted into a good draft: a warning on its line, and the draft is checked as usual', () => {
    const original = read(SEED_003);
    const line = original.split('\n').findIndex((l) => l.startsWith('2020年'));
    assert.ok(line > 0);
    const lines = original.split('\n');
    lines[line] = lines[line].replace('年', '年\ufffd\ufffd');
    const text = lines.join('\n');
    assert.equal(misdecoding(text), null);
    const { findings, report } = analyze(text);
    const ours = findings.filter((f) => f.code === 'wrong-encoding');
    assert.equal(ours.length, 1);
    assert.equal(ours[0].severity, 'warning', 'a few lost characters are not an unreadable draft');
    assert.equal(report.index.lineOf(ours[0].start), line);
    assert.equal(text.slice(ours[0].start, ours[0].end), '\ufffd\ufffd');
    assert.match(render(ours[0].message, 'zh-cn'), /^本行有 2 个替换字符（�）/);
    assert.doesNotMatch(render(ours[0].message, 'zh-cn'), /GB18030/, 'it does not claim a wrong encoding');
    // the other rules still speak: the seed's own findings, unchanged
    const rest = ({ findings: all, report: r }: ReturnType<typeof analyze>) => all.filter((f) => f.code !== 'wrong-encoding').map((f) => `${f.code} ${r.index.lineOf(f.start)} ${render(f.message, 'en')}`);
    assert.deepEqual(rest({ findings, report, partial: null }), rest(analyze(original)));
    assert.ok(rest(analyze(original)).length > 0);
  });

  test('replacement characters that are not GBK read as UTF-8 (Latin-1 accents between ASCII, one per word) are named per line, not called GBK', () => {
    const latin1 = asUtf8(iconv.encode('Caf\u00e9 cr\u00e8me, na\u00efve r\u00e9sum\u00e9s, d\u00e9j\u00e0 vu, pi\u00f1a, se\u00f1or, fa\u00e7ade.\nSecond line, no accent.\n\u00c9t\u00e9 \u00e0 No\u00ebl.\n', 'latin1'));
    assert.equal(replacements(latin1), 14);
    assert.equal(misdecoding(latin1), null, 'isolated, not in runs');
    const { findings: all } = analyze(latin1);
    const ours = all.filter((f) => f.code === 'wrong-encoding');
    assert.deepEqual(
      ours.map((f) => [f.severity, render(f.message, 'en').slice(0, 40)]),
      [
        ['warning', '10 replacement characters (�) on this li'],
        ['warning', '4 replacement characters (�) on this lin'],
      ],
    );
  });

  test('a few runs of � in a short text are lost characters, not a misread file (fewer than 8)', () => {
    const text = `${read(SEED_003)}\n\ufffd\ufffd\ufffd\n`;
    assert.equal(misdecoding(text), null);
    assert.deepEqual(codesOf(text).filter((c) => c === 'wrong-encoding'), ['wrong-encoding']);
  });

  test('turned off, it neither reports nor silences the other rules (the user chose to see what they find)', () => {
    const text = asUtf8(fs.readFileSync(at(GBK_SEED)));
    const config = { ...DEFAULT_CONFIG, rules: { ...DEFAULT_CONFIG.rules, 'wrong-encoding': 'off' as const } };
    const codes = codesOf(text, { config });
    assert.ok(!codes.includes('wrong-encoding'));
    assert.ok(codes.length > 1, 'the other rules report what they read in the garbled text');
  });

  test('CLI: the GBK draft is decoded as GB18030 and checked as the seed; a stray � is the warning; a garbled file saved as UTF-8 is refused as not text', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-enc-'));
    try {
      const cli = (file: string) => {
        const r = spawnSync(process.execPath, [at('dist/cli.js'), 'check', '--format', 'json', file], { encoding: 'utf8', timeout: 60_000 });
        return { code: r.status, out: JSON.parse(r.stdout) as { diagnostics: { code: string; message: string }[] }[] };
      };
      const gbk = path.join(dir, '东丽区科技局2020年度报告.txt');
      fs.copyFileSync(at(GBK_SEED), gbk);
      const seed = path.join(dir, 'seed.txt');
      fs.copyFileSync(at(SEED_003), seed);
      assert.deepEqual(
        cli(gbk).out[0].diagnostics.map((d) => d.code),
        cli(seed).out[0].diagnostics.map((d) => d.code),
      );
      assert.ok(!cli(gbk).out[0].diagnostics.some((d) => d.code === 'wrong-encoding'));
      // a UTF-8 draft with a lost character: the warning, and the seed's findings (exit code 1 from its wrong total)
      const pasted = path.join(dir, '粘贴的2020年度报告.txt');
      fs.writeFileSync(pasted, read(SEED_003).replace('年度报告', '年度\ufffd告'));
      const r = cli(pasted);
      assert.equal(r.code, 1);
      assert.deepEqual(
        r.out[0].diagnostics.map((d) => d.code).sort(),
        [...cli(seed).out[0].diagnostics.map((d) => d.code), 'wrong-encoding'].sort(),
      );
      // what saving the garbled editor would write (UTF-8 with the replacement characters and the C1 controls
      // that some GBK byte pairs decode to) is refused by the CLI as not text
      const saved = path.join(dir, '已损坏的2020年度报告.txt');
      fs.writeFileSync(saved, asUtf8(fs.readFileSync(at(GBK_SEED))));
      const s = spawnSync(process.execPath, [at('dist/cli.js'), 'check', saved], { encoding: 'utf8', timeout: 60_000 });
      assert.equal(s.status, 2);
      assert.match(s.stderr + s.stdout, /不是文本文件/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
