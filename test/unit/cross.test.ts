/**
 * Cross-year checks (issue 15): the Pingtan chain of test/fixtures/cross (SOURCES.md there has every
 * expected value, worked out by hand from ../shared/corpus/real/SOURCES.md), paired by the CLI's `run`;
 * --previous, the config's `previous` mapping, the carry fix, file-year and the year setting.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { run } from '../../server/src/cli/cli';
import { analyze, fixText, readReport } from '../../server/src/core/check';
import { compute } from '../../server/src/core/compute';
import { normalizeConfig } from '../../server/src/core/config';
import { at, read } from '../helpers/repo';
import { spy } from '../helpers/spy';

const rel = (...p: string[]) => path.relative(process.cwd(), at('test/fixtures/cross', ...p));
const TAB = (y: number) => rel('tab', `pingtan-${y}.txt`);
const HTML = (y: number) => rel('html', `pingtan-${y}.html`);
const CARRY = rel('carry', 'pingtan-2022.txt');

interface Related {
  message: string;
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  location?: { kind: string; line: number; column: number };
}
interface Diagnostic {
  code: string;
  severity: string;
  expected?: number;
  actual?: number;
  fixable: boolean;
  cell?: { table: string; row: string; column?: string };
  related?: Related[];
}

async function nianbao(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The cross-year findings of `check --format json`, per file: [code, cell, expected, actual]. */
async function crossFindings(args: string[]) {
  const r = await nianbao(['check', '--format', 'json', ...args]);
  assert.equal(r.err, '');
  const files: { file: string; diagnostics: Diagnostic[] }[] = JSON.parse(r.out);
  return files.flatMap((f) => f.diagnostics.filter((d) => d.code.startsWith('cross-')).map((d) => ({ file: f.file, ...d })));
}

/** The text a related place's range covers in a text draft. */
function textAt(r: Related): string {
  const lines = fs.readFileSync(r.file, 'utf8').split('\n');
  assert.equal(r.range.start.line, r.range.end.line);
  return lines[r.range.start.line].slice(r.range.start.character, r.range.end.character);
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-cross-'));

describe('cross-year: the Pingtan chain 2019–2025', () => {
  const ALL = [1, 2, 3, 4, 5].map((i) => TAB(2018 + i)).concat([HTML(2024), HTML(2025)]);

  test('exactly the 现行有效件数 breaks of 2023, 2024 and 2025, and 2020’s 规章 对外公开总数量; nothing else across years', async () => {
    const found = await crossFindings(ALL);
    assert.deepEqual(
      found.map((f) => [f.file, f.code, f.severity, f.cell, f.expected, f.actual]),
      [
        // SOURCES.md: 2019 规章 0/0/0, 2020 规章 0/0/7 — 0 + 0 (本年新公开数量) = 0, written 7
        [TAB(2020), 'cross-year-stock', 'warning', { table: 'a20-1', row: 'rules', column: 'current' }, 0, 7],
        // 698 + 77 − 132 = 643, written 470
        [TAB(2023), 'cross-year-stock', 'warning', { table: 'a20-1', row: 'normative', column: 'current' }, 643, 470],
        // 470 + 62 − 33 = 499, written 440
        [HTML(2024), 'cross-year-stock', 'warning', { table: 'a20-1', row: 'normative', column: 'current' }, 499, 440],
        // 440 + 58 − 45 = 453, written 546
        [HTML(2025), 'cross-year-stock', 'warning', { table: 'a20-1', row: 'normative', column: 'current' }, 453, 546],
      ],
    );
  });

  test('each with last year’s cell as its related place: the file, the range of the cell, in a published file its line and column', async () => {
    const found = await crossFindings(ALL);
    const of = (file: string) => found.find((f) => f.file === file)!.related!;
    assert.deepEqual([of(TAB(2020))[0].file, textAt(of(TAB(2020))[0])], [TAB(2019), '0']);
    assert.deepEqual([of(TAB(2023))[0].file, textAt(of(TAB(2023))[0]), of(TAB(2023))[0].range.start], [TAB(2022), '698', { line: 4, character: 14 }]);
    assert.deepEqual([of(HTML(2024))[0].file, textAt(of(HTML(2024))[0])], [TAB(2023), '470']);
    const last = of(HTML(2025))[0];
    assert.equal(last.file, HTML(2024));
    assert.equal(last.location?.kind, 'html');
    const page = fs.readFileSync(HTML(2024), 'utf8').split('\n')[last.location!.line - 1];
    assert.equal(page.slice(last.location!.column - 1, last.location!.column + 2), '440', 'the place in the page is the cell 440');
    for (const f of found) assert.match(f.related![0].message, /^上一年度的(?:现行有效件数|对外公开总数量)：\d+$/);
  });

  test('text output: the finding, then an indented line naming last year’s file:line:col', async () => {
    const r = await nianbao(['check', TAB(2022), TAB(2023)]);
    const lines = r.out.split('\n');
    const at2023 = lines.findIndex((l) => l.includes('cross-year-stock'));
    assert.equal(lines[at2023], `${TAB(2023)}:5:16: 警告 cross-year-stock 行政规范性文件：现行有效件数应为 643（上年现行有效件数 698 + 本年制发件数 77 − 本年废止件数 132），实际为 470。`);
    assert.equal(lines[at2023 + 1], `    ${TAB(2022)}:5:15: 上一年度的现行有效件数：698`);
  });

  test('SARIF: last year’s cell among the relatedLocations, in its own artifact; valid SARIF 2.1.0', async () => {
    const r = await nianbao(['check', '--format', 'sarif', TAB(2022), TAB(2023)]);
    const results = JSON.parse(r.out).runs[0].results.filter((x: { ruleId: string }) => x.ruleId === 'cross-year-stock');
    assert.equal(results.length, 1);
    const [loc] = results[0].relatedLocations;
    assert.equal(decodeURIComponent(loc.physicalLocation.artifactLocation.uri), TAB(2022).split(path.sep).join('/'));
    assert.deepEqual([loc.physicalLocation.region.startLine, loc.physicalLocation.region.startColumn], [5, 15]);
    // the whole chain, last year's .html named by its line and column in the page
    const chain = JSON.parse((await nianbao(['check', '--format', 'sarif', ...ALL])).out);
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(at('node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')));
    const valid: boolean = validate(chain);
    assert.ok(valid, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const of2025 = chain.runs[0].results.find(
      (x: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        x.ruleId === 'cross-year-stock' && x.locations[0].physicalLocation.artifactLocation.uri.endsWith('pingtan-2025.html'),
    );
    assert.deepEqual(of2025.relatedLocations[0].logicalLocations, [{ name: '1:4932', kind: 'element' }]);
  });

  test('2021 → 2022 agrees, every carry agrees, 2019 → 2020 上一年项目数量 agrees, nothing across 2020 → 2021', async () => {
    assert.deepEqual(await crossFindings([TAB(2021), TAB(2022)]), []);
    // 2020's only cross-year finding is its 规章 对外公开总数量 (above): the 上一年项目数量 rows roll forward
    assert.deepEqual(
      (await crossFindings([TAB(2019), TAB(2020)])).map((f) => f.cell?.row),
      ['rules'],
    );
    // the 2021 format starts in 2021: its 现行有效件数 is not compared with 2020's 对外公开总数量
    assert.deepEqual(await crossFindings([TAB(2020), TAB(2021)]), []);
  });

  test('every file is read once, last year’s included', () => {
    const s = spy();
    const r = spawnSync(process.execPath, [at('dist/cli.js'), 'check', ...ALL], { encoding: 'utf8', env: s.env });
    assert.equal(r.status, 1, r.stderr);
    const opens = s
      .entries()
      .filter((e) => /^fs (?:open|openSync) /.test(e))
      .map((e) => e.split(' ').slice(2).join(' '));
    for (const f of ALL) assert.equal(opens.filter((p) => p === f).length, 1, f);
  });
});

describe('cross-year-carry: 2022 with 二、上年结转 set to 0 0 0 0 0 0 0', () => {
  test('自然人 and 总计, each pointing at 2021’s 四、结转下年度继续办理 cell; the balance-mismatch in 2022 itself besides', async () => {
    const r = await nianbao(['check', '--format', 'json', '--previous', TAB(2021), CARRY]);
    const [file] = JSON.parse(r.out) as { diagnostics: Diagnostic[] }[];
    const carry = file.diagnostics.filter((d) => d.code === 'cross-year-carry');
    assert.deepEqual(
      carry.map((d) => [d.severity, d.cell?.column, d.expected, d.actual, d.fixable]),
      [
        ['error', 'natural', 1, 0, false],
        ['error', 'total', 1, 0, false],
      ],
    );
    // 2021 line 44: 四、结转下年度继续办理 1 0 0 0 0 0 1
    assert.deepEqual(
      carry.map((d) => [d.related![0].file, d.related![0].range.start, textAt(d.related![0])]),
      [
        [TAB(2021), { line: 43, character: 12 }, '1'],
        [TAB(2021), { line: 43, character: 24 }, '1'],
      ],
    );
    assert.ok(file.diagnostics.some((d) => d.code === 'balance-mismatch'));
  });

  test('paired by file name among the files given, in another folder', async () => {
    const found = await crossFindings([CARRY, TAB(2021)]);
    assert.deepEqual(
      found.map((f) => [f.file, f.code, f.cell?.column]),
      [
        [CARRY, 'cross-year-carry', 'natural'],
        [CARRY, 'cross-year-carry', 'total'],
      ],
    );
  });

  test('last year’s report of two reports, given before, between or after them, serves both (it is dropped only after its last use)', async () => {
    const copy = path.relative(process.cwd(), path.join(tmp(), 'pingtan-2022.txt'));
    fs.copyFileSync(CARRY, copy);
    const carry = (file: string) => [
      [file, 'cross-year-carry', 'natural'],
      [file, 'cross-year-carry', 'total'],
    ];
    for (const files of [
      [CARRY, copy, TAB(2021)],
      [CARRY, TAB(2021), copy],
      [TAB(2021), CARRY, copy],
    ]) {
      const found = await crossFindings(files);
      assert.deepEqual(
        found.map((f) => [f.file, f.code, f.cell?.column]),
        [...carry(CARRY), ...carry(copy)],
        files.join(' '),
      );
    }
  });

  test('the quick fix writes 1 back (--fix-type carry); applied twice it changes nothing; --fix alone leaves it', async () => {
    const dir = tmp();
    const file = path.join(dir, 'pingtan-2022.txt');
    fs.copyFileSync(CARRY, file);
    const before = fs.readFileSync(file, 'utf8');
    assert.equal((await nianbao(['check', '--fix', '--previous', TAB(2021), file])).code, 1);
    assert.equal(fs.readFileSync(file, 'utf8'), before, 'not an automatic fix');
    await nianbao(['check', '--fix-type', 'carry', '--previous', TAB(2021), file]);
    const fixed = fs.readFileSync(file, 'utf8');
    assert.equal(fixed, before.replace('二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0', '二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1'));
    const again = await nianbao(['check', '--fix-type', 'carry', '--previous', TAB(2021), file]);
    assert.equal(fs.readFileSync(file, 'utf8'), fixed);
    assert.doesNotMatch(again.out, /cross-year-carry|balance-mismatch/);
  });

  test('core: fixText with last year given (others.previous) writes the same, once', () => {
    const last = read('test/fixtures/cross/tab/pingtan-2021.txt');
    const report = readReport(last);
    const options = { others: { previous: { file: 'pingtan-2021.txt', text: last, report, computed: compute(report) } } };
    const first = fixText(read('test/fixtures/cross/carry/pingtan-2022.txt'), ['carry'], options);
    assert.equal(first.applied, 2);
    assert.equal(fixText(first.text, ['carry'], options).applied, 0);
    assert.equal(first.text, read('test/fixtures/cross/tab/pingtan-2022.txt').replace('二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\n', '二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n'));
  });
});

describe('pairing by the config’s previous mapping and by --previous', () => {
  test('.nianbaorc.json previous: a report → last year’s file, relative to the config file, read for it', async () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, '去年'));
    fs.copyFileSync(CARRY, path.join(dir, '今年.txt'));
    fs.copyFileSync(TAB(2021), path.join(dir, '去年', '旧.txt'));
    fs.writeFileSync(path.join(dir, '.nianbaorc.json'), JSON.stringify({ previous: { '今年.txt': '去年/旧.txt' } }));
    const r = await nianbao(['check', '--format', 'json', path.join(dir, '今年.txt')]);
    const [file] = JSON.parse(r.out) as { diagnostics: Diagnostic[] }[];
    const carry = file.diagnostics.filter((d) => d.code === 'cross-year-carry');
    assert.equal(carry.length, 2);
    assert.equal(path.resolve(carry[0].related![0].file), path.join(dir, '去年', '旧.txt'));
  });

  test('--previous names last year’s report of one report only; a file that cannot be read is exit 2', async () => {
    const two = await nianbao(['check', '--previous', TAB(2021), CARRY, TAB(2023)]);
    assert.equal(two.code, 2);
    assert.match(two.err, /--previous 只能用于检查一个报告/);
    const missing = await nianbao(['check', '--previous', 'no-such-file.txt', CARRY]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /无法读取上一年度报告.*no-such-file\.txt/);
  });

  test('config: previous must map names to names; year must be a year', () => {
    assert.deepEqual(normalizeConfig({ previous: { 'a.txt': 'b.txt' }, year: 2025 }).config.previous, { 'a.txt': 'b.txt' });
    assert.equal(normalizeConfig({ year: '2025' }).config.year, 2025);
    assert.equal(normalizeConfig({ year: null }).config.year, null);
    assert.equal(normalizeConfig({ previous: ['b.txt'] }).problems.length, 1);
    assert.equal(normalizeConfig({ previous: { 'a.txt': 3 } }).problems.length, 1);
    assert.equal(normalizeConfig({ year: 25 }).problems.length, 1);
    assert.equal(normalizeConfig({ year: '二〇二五' }).problems.length, 1);
  });
});

describe('file-year', () => {
  const text = read('test/fixtures/cross/tab/pingtan-2019.txt');
  const fileYear = (file: string) => {
    const { findings } = analyze(text, { file });
    return findings.filter((f) => f.code === 'file-year');
  };

  test('a 2019 report saved as 2025年度报告.txt, or in a folder 2025年', () => {
    const [byName] = fileYear('drafts/2025年度报告.txt');
    assert.deepEqual([byName.severity, byName.expected, byName.actual], ['warning', 2019, 2025]);
    assert.equal(text.slice(byName.start, byName.end), '2019', 'on the title’s year');
    const [byFolder] = fileYear('报送/2025年/平潭.txt');
    assert.deepEqual([byFolder.expected, byFolder.actual], [2019, 2025]);
  });

  test('silent when the name agrees, names no year, or names a date', () => {
    assert.deepEqual(fileYear('2019年度报告.txt'), []);
    assert.deepEqual(fileYear('2025年/2019年度报告.txt'), [], 'the file name is nearer than its folder');
    assert.deepEqual(fileYear('pingtan-2025.txt'), [], 'digits without 年 are no statement of a year');
    assert.deepEqual(fileYear('2026年1月报送/平潭.txt'), [], 'a month of 2026 is when it was sent');
  });

  test('the CLI: the path as given when there is no config file', async () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, '2025年'));
    fs.copyFileSync(TAB(2019), path.join(dir, '2025年', 'pingtan.txt'));
    const r = await nianbao(['check', path.join(dir, '2025年', 'pingtan.txt')]);
    assert.match(r.out, /警告 file-year 文件夹名“2025年”写的是 2025 年，但报告年度为 2019 年。/);
  });
});

describe('the year setting: --year and .nianbaorc.json year', () => {
  test('a report of another statistics year is a year-mismatch error', async () => {
    const r = await nianbao(['check', '--format', 'json', '--year', '2025', TAB(2019)]);
    assert.equal(r.code, 1);
    const [file] = JSON.parse(r.out) as { diagnostics: Diagnostic[] }[];
    const ym = file.diagnostics.filter((d) => d.code === 'year-mismatch');
    assert.deepEqual(
      ym.map((d) => [d.severity, d.expected, d.actual, d.fixable]),
      [['error', 2025, 2019, false]],
    );
  });

  test('none when the year agrees or is not set; a year that is none is exit 2', async () => {
    const codes = async (args: string[]) => (JSON.parse((await nianbao(['check', '--format', 'json', ...args])).out) as { diagnostics: Diagnostic[] }[])[0].diagnostics.map((d) => d.code);
    assert.ok(!(await codes(['--year', '2019', TAB(2019)])).includes('year-mismatch'));
    assert.ok(!(await codes([TAB(2019)])).includes('year-mismatch'));
    const bad = await nianbao(['check', '--year', 'next', TAB(2019)]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--year 的值无效/);
  });

  test('.nianbaorc.json year, and --year over it', async () => {
    const dir = tmp();
    const file = path.join(dir, 'pingtan.txt');
    fs.copyFileSync(TAB(2019), file);
    fs.writeFileSync(path.join(dir, '.nianbaorc.json'), JSON.stringify({ year: 2024 }));
    assert.match((await nianbao(['check', file])).out, /错误 year-mismatch 报告年度为 2019 年，但设置的统计年度（year、--year）为 2024 年。/);
    assert.doesNotMatch((await nianbao(['check', '--year', '2019', file])).out, /year-mismatch/);
  });
});
