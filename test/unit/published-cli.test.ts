/**
 * The built CLI (dist/cli.js, its readers' libraries from dist/lib) on published files: locations in
 * text, JSON and SARIF, unreadable files named with exit 2 for them alone, folders, `--fix` written
 * into HTML (digits only, in the page's own encoding) and Word files (only that part of the package),
 * never into PDF, Excel or .doc files, and `nianbao convert` with the same findings as the source.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { run } from '../../server/src/cli/cli';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { diffChars } from 'diff';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { at } from '../helpers/repo';
import { spy } from '../helpers/spy';

const P = at('test/fixtures/published');
const C = at('test/fixtures/corpus');
const SHANGHAI = [272, 3, 14, 5, 4, 12, 265, 47, 25, 149, 9];

function nianbao(args: string[], cwd = at('.'), env?: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, [at('dist/cli.js'), ...args], { cwd, encoding: 'utf8', timeout: 120_000, env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-pub-'));
const copy = (dir: string, src: string, name = path.basename(src)) => {
  const to = path.join(dir, name);
  fs.copyFileSync(src, to);
  fs.chmodSync(to, 0o644);
  return to;
};
const json = (args: string[], cwd?: string) => JSON.parse(nianbao(['check', '--format', 'json', ...args], cwd).out);
const errorsOf = (file: { diagnostics: { severity: string; code: string; expected?: number; location?: unknown }[] }) => file.diagnostics.filter((d) => d.severity === 'error');

/** Only text was added (no byte removed or changed), and what was added is ASCII digits. */
function onlyDigitsAdded(before: string, after: string): string[] {
  const parts = diffChars(before, after);
  assert.deepEqual(parts.filter((p) => p.removed), [], 'nothing removed');
  const added = parts.filter((p) => p.added).map((p) => p.value);
  for (const a of added) assert.match(a, /^\d+$/);
  return added;
}

describe('published files in the CLI: where the findings are', () => {
  test('text output: PDF pages, Word table cells, HTML source lines and columns', () => {
    const pdf = nianbao(['check', path.join(P, 'shanghai-bgt-2019-chromium-print.pdf')]);
    assert.equal(pdf.code, 1);
    assert.match(pdf.out, /shanghai-bgt-2019-chromium-print\.pdf:第 3 页 \(page 3\): 错误 total-mismatch “（一）予以公开”行的总计（6 个申请人列之和）应为 272，实际为 空白。/);
    const docx = nianbao(['check', path.join(P, 'shanghai-bgt-2019-libreoffice.docx')]);
    assert.match(docx.out, /libreoffice\.docx:表2 行6 列10 \(table 2 row 6 cell 10\): 错误 total-mismatch “（一）予以公开”行的总计/);
    const dir = tmp();
    // one total of the site page made wrong: its line and column are those of the digits in the HTML
    const page = fs.readFileSync(path.join(P, 'pingtan-2025-site-chrome.html'), 'utf8');
    const wrong = page.replace(/(一、本年新收政府信息公开申请数量[\s\S]*?)154/, '$1155');
    assert.notEqual(wrong, page);
    fs.writeFileSync(path.join(dir, 'page.html'), wrong);
    const html = nianbao(['check', 'page.html'], dir);
    const m = /^page\.html:(\d+):(\d+): 错误 total-mismatch .*应为 154，实际为 155。$/m.exec(html.out);
    assert.ok(m, html.out);
    assert.equal(wrong.split('\n')[+m[1] - 1].slice(+m[2] - 1, +m[2] + 2), '155');
  });

  test('JSON: a location per diagnostic (html line/column, docx table/row/cell, xlsx sheet/cell, pdf page)', () => {
    const [html, docx, pdf] = json([path.join(C, 'shanghai-2019.html'), path.join(P, 'shanghai-bgt-2019-libreoffice.docx'), path.join(P, 'shanghai-bgt-2019-chromium-print.pdf')]);
    for (const f of [html, docx, pdf]) assert.deepEqual(errorsOf(f).map((d) => d.expected), SHANGHAI);
    const loc = errorsOf(html)[0].location as { kind: string; line: number; column: number };
    assert.deepEqual([loc.kind, loc.line], ['html', 1]);
    const page = fs.readFileSync(path.join(C, 'shanghai-2019.html'), 'utf8');
    assert.equal(page.slice(loc.column - 7, loc.column + 3), '&nbsp;</p>', 'the blank total: after its &nbsp;');
    assert.deepEqual(errorsOf(docx)[0].location, { kind: 'docx', table: 2, row: 6, cell: 10 });
    assert.deepEqual(errorsOf(pdf)[0].location, { kind: 'pdf', page: 3 });
    const dir = tmp();
    const book = copy(dir, path.join(P, 'pingtan-2024.xlsx'));
    const [x] = json([book]);
    const sec = x.diagnostics.find((d: { code: string }) => d.code === 'missing-section');
    assert.ok(sec);
    const label = x.diagnostics.find((d: { code: string; location?: { kind: string } }) => d.location?.kind === 'xlsx');
    assert.match(label.location.cell, /^[A-Z]+\d+$/);
    assert.ok(['主动公开和申请情况', '复议诉讼'].includes(label.location.sheet));
  });

  test('SARIF: valid 2.1.0; an HTML page gets a region in the page with its snippet, Word and PDF logical locations', () => {
    const r = nianbao(['check', '--format', 'sarif', path.join(C, 'shanghai-2019.html'), path.join(P, 'shanghai-bgt-2019-libreoffice.docx'), path.join(P, 'shanghai-bgt-2019-chromium-print.pdf')]);
    // biome-ignore lint/suspicious/noExplicitAny: SARIF results are checked field by field below
    const log = JSON.parse(r.out) as { runs: { results: any[] }[] };
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(at('node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')));
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
    const tm = (uri: RegExp) => log.runs[0].results.filter((x: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.ruleId === 'total-mismatch' && uri.test(x.locations[0].physicalLocation.artifactLocation.uri));
    const html = tm(/shanghai-2019\.html$/);
    assert.equal(html.length, 11);
    const region = html[0].locations[0].physicalLocation.region;
    assert.deepEqual({ ...region, startColumn: 0, endColumn: 0, charOffset: 0 }, { startLine: 1, startColumn: 0, endLine: 1, endColumn: 0, charOffset: 0, charLength: 0, snippet: { text: '' } });
    assert.equal(region.startColumn, region.charOffset + 1);
    assert.equal(fs.readFileSync(path.join(C, 'shanghai-2019.html'), 'utf8').slice(region.charOffset - 6, region.charOffset + 4), '&nbsp;</p>');
    const docx = tm(/\.docx$/);
    assert.deepEqual(docx[0].locations[0].logicalLocations, [{ name: '表2 行6 列10 (table 2 row 6 cell 10)', kind: 'element' }]);
    assert.deepEqual(tm(/\.pdf$/)[0].locations[0].logicalLocations, [{ name: '第 3 页 (page 3)', kind: 'element' }]);
  });
});

describe('published files in the CLI: files that cannot be read, folders', () => {
  test('each unreadable file is named with its reason and exit 2, the others are checked', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, '2024年报.wps'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    const files = ['not-a-word-file.docx', 'truncated.docx', 'password-to-open.pdf', 'scan-no-text.pdf', 'truncated.pdf'].map((f) => path.join(P, 'bad', f));
    const r = nianbao(['check', ...files, path.join(dir, '2024年报.wps'), path.join(P, 'shanghai-bgt-2019-chromium-print.pdf')]);
    assert.equal(r.code, 2);
    assert.match(r.err, /not-a-word-file\.docx: 不是 Word 文档（zip 中没有 word\/document\.xml）/);
    assert.match(r.err, /truncated\.docx: 不是有效的 zip 文件（损坏或被截断）/);
    assert.match(r.err, /password-to-open\.pdf: 需要密码才能打开/);
    assert.match(r.err, /scan-no-text\.pdf: 扫描件，没有文字层（不做 OCR）/);
    assert.match(r.err, /truncated\.pdf: PDF 文件损坏或被截断/);
    assert.match(r.err, /2024年报\.wps: 不支持此格式，请另存为 \.docx \/ \.xlsx \/ \.pdf/);
    assert.match(r.out, /shanghai-bgt-2019-chromium-print\.pdf:第 3 页/, 'the readable file is checked');
    assert.match(r.out, /共检查 1 个文件：11 个错误/);
    // a PDF protected against editing and printing only opens without a password and is read
    assert.equal(nianbao(['check', path.join(P, 'pingtan-2024-no-edit-no-print.pdf')]).code, 0);
  });

  test('a folder: .html, .docx, .xlsx, .pdf and .doc are checked; a readable file that is not a report is skipped and named', () => {
    const dir = tmp();
    copy(dir, path.join(P, 'shanghai-bgt-2019-chromium-print.pdf'));
    copy(dir, path.join(P, 'pingtan-2024-word.docx'));
    copy(dir, path.join(C, 'pingtan-2025.html'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<html><body><h1>机关简介</h1><p>本机关负责……</p></body></html>');
    const r = nianbao(['check', dir]);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /index\.html: 不像年度报告，已跳过 \(not a report; skipped\)/);
    assert.match(r.out, /共检查 3 个文件：11 个错误.*（跳过 1 个不像年度报告的文件）/);
  });
});

describe('published files in the CLI: --fix', () => {
  test('HTML in GBK: only the digits of the 11 blank totals are written, in GB18030, the rest byte for byte; a second --fix writes nothing', () => {
    const dir = tmp();
    const file = copy(dir, path.join(P, 'shanghai-2019-gbk.html'));
    const before = fs.readFileSync(file);
    const r = nianbao(['check', '--fix', file]);
    assert.equal(r.code, 0, r.out + r.err);
    const after = fs.readFileSync(file);
    const added = onlyDigitsAdded(before.toString('latin1'), after.toString('latin1'));
    assert.deepEqual(added.map(Number), SHANGHAI);
    assert.ok(iconv.decode(after, 'gb18030').includes('<p align="center">&nbsp;272</p>'));
    const st = fs.statSync(file);
    assert.equal(nianbao(['check', '--fix', file]).code, 0);
    assert.ok(fs.readFileSync(file).equals(after));
    assert.equal(fs.statSync(file).mtimeMs, st.mtimeMs, 'not written again');
  });

  test('Word (LibreOffice): the totals go into the cells of word/document.xml; every other entry of the package is unchanged', async () => {
    const dir = tmp();
    const file = copy(dir, path.join(P, 'shanghai-bgt-2019-libreoffice.docx'));
    const before = await JSZip.loadAsync(fs.readFileSync(file));
    assert.equal(nianbao(['check', '--fix', file]).code, 0);
    const afterBytes = fs.readFileSync(file);
    const after = await JSZip.loadAsync(afterBytes);
    assert.deepEqual(Object.keys(after.files), Object.keys(before.files));
    for (const name of Object.keys(before.files).filter((n) => n !== 'word/document.xml')) {
      assert.ok((await after.files[name].async('nodebuffer')).equals(await before.files[name].async('nodebuffer')), name);
    }
    const added = onlyDigitsAdded(await before.files['word/document.xml'].async('string'), await after.files['word/document.xml'].async('string'));
    assert.deepEqual(added.map(Number), SHANGHAI);
    assert.equal(nianbao(['check', '--fix', file]).code, 0);
    assert.ok(fs.readFileSync(file).equals(afterBytes), 'a second --fix changes nothing');
  });

  test('Word (Word-style): a wrong total written over two runs is fixed in the first run, the second emptied', async () => {
    const dir = tmp();
    const file = path.join(dir, 'word.docx');
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(P, 'pingtan-2024-word.docx')));
    const xml = await zip.file('word/document.xml')!.async('string');
    // 一、本年新收: 217 | 1 | 0 … | 218, the total written as the runs 2 and 18
    const split = /(<w:t>2<\/w:t><\/w:r><w:r w:rsidRPr="[0-9A-F]+">(?:(?!<w:t>).)*<w:t>)18(<\/w:t>)/;
    assert.ok(split.test(xml));
    zip.file('word/document.xml', xml.replace(split, '$129$2'));
    fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const wrong = nianbao(['check', file]);
    assert.match(wrong.out, /word\.docx:表2 行4 列10 \(table 2 row 4 cell 10\): 错误 total-mismatch .*应为 218，实际为 229。/);
    assert.equal(nianbao(['check', '--fix', file]).code, 0);
    const fixed = await (await JSZip.loadAsync(fs.readFileSync(file))).file('word/document.xml')!.async('string');
    assert.equal(fixed, xml.replace(split, '$1$2').replace(/<w:t>2<\/w:t>(<\/w:r><w:r w:rsidRPr="[0-9A-F]+">(?:(?!<w:t>).)*<w:t><\/w:t>)/, '<w:t>218</w:t>$1'));
  });

  test('Word: a save made while --fix checks the file is kept, nothing written, exit 2 (the pause of README 可靠性)', async () => {
    const dir = tmp();
    const file = copy(dir, path.join(P, 'shanghai-bgt-2019-libreoffice.docx'), 'draft.docx');
    const theirs = fs.readFileSync(path.join(P, 'pingtan-2024-libreoffice.docx'));
    const err: string[] = [];
    // just before the rename, someone saves another version (the write module's seam, node/atomic.ts)
    const code = await run(['check', '--fix', file], { out: () => {}, err: (s) => err.push(s) }, { beforeRename: () => fs.writeFileSync(file, theirs) });
    assert.equal(code, 2);
    assert.match(err.join('\n'), /draft\.docx: 文件在检查期间被修改，未写入/);
    assert.ok(fs.readFileSync(file).equals(theirs), 'their version is kept');
    assert.deepEqual(fs.readdirSync(dir).sort(), ['draft.docx']);
  });

  test('never on PDF, Excel or .doc: said, the file unchanged', () => {
    const dir = tmp();
    const pdf = copy(dir, path.join(P, 'shanghai-bgt-2019-chromium-print.pdf'));
    const before = fs.readFileSync(pdf);
    const r = nianbao(['check', '--fix', pdf]);
    assert.equal(r.code, 1, 'the errors remain');
    assert.match(r.err, /不修改 PDF 文件/);
    assert.ok(fs.readFileSync(pdf).equals(before));
  });
});

describe('nianbao convert', () => {
  for (const to of ['txt', 'md']) {
    test(`--to ${to}: a text draft beside the file, with the findings of the source; never over an existing file`, () => {
      const dir = tmp();
      const pdf = copy(dir, path.join(P, 'shanghai-bgt-2019-chromium-print.pdf'), '上海2019.pdf');
      const r = nianbao(['convert', pdf, '--to', to]);
      assert.equal(r.code, 0, r.err);
      const out = path.join(dir, `上海2019.${to}`);
      const [source, draft] = json([pdf, out]);
      assert.deepEqual(errorsOf(draft).map((d) => d.expected), SHANGHAI);
      assert.deepEqual(draft.diagnostics.map((d: { code: string }) => d.code), source.diagnostics.map((d: { code: string }) => d.code));
      if (to === 'md') assert.match(fs.readFileSync(out, 'utf8'), /^\| 一、本年新收政府信息公开申请数量 \| 821 \| 35 \| {2}\| {2}\| 2 \| 1 \| 859 \|$/m);
      else assert.match(fs.readFileSync(out, 'utf8'), /^一、本年新收政府信息公开申请数量\t\t\t821\t35\t\t\t2\t1\t859$/m);
      const again = nianbao(['convert', pdf, '--to', to]);
      assert.equal(again.code, 2);
      assert.match(again.err, /文件已存在，未覆盖/);
    });
  }

  test('the Word, Excel and web readers convert too (-o - to standard output)', () => {
    for (const f of [path.join(P, 'pingtan-2024-word.docx'), path.join(P, 'pingtan-2024.xlsx'), path.join(P, 'pingtan-2025-site-chrome.html')]) {
      const r = nianbao(['convert', f, '--to', 'txt', '-o', '-']);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /一、本年新收政府信息公开申请数量\t/);
    }
  });
});

describe('published files: no network, no program started', () => {
  test('the CLI reading HTML, Word, Excel, PDF and .doc files reads them and its own bundles; pdf.js never reaches the network', () => {
    const s = spy();
    const files = ['shanghai-bgt-2019-chromium-print.pdf', 'pingtan-2024-word.docx', 'pingtan-2024.xlsx', 'pingtan-2024-word.doc', 'pingtan-2025-site-chrome.html'].map((f) => path.join(P, f));
    const r = nianbao(['check', ...files], at('.'), s.env);
    assert.equal(r.code, 1, r.err);
    const entries = s.entries();
    assert.deepEqual(entries.filter((e) => !e.startsWith('fs ')), []);
    const paths = entries.filter((e) => e.startsWith('fs ')).map((e) => e.split(' ').slice(2).join(' '));
    for (const f of files) assert.ok(paths.includes(f), f);
    for (const lib of ['pdfjs.mjs', 'jszip.js', 'exceljs.js', 'word-extractor.js']) assert.ok(paths.some((p) => p.endsWith(path.join('dist', 'lib', lib))), lib);
    // besides: the .nianbaorc.json looked for above each file, the folders on the way up (each is checked
    // to be one other users cannot write) and the .git that ends the search, and the optional canvas
    // package pdf.js asks node for (it needs none to read text); nothing else
    const above = (p: string) => files.some((f) => path.relative(p, f).split(path.sep)[0] !== '..');
    const searched = (p: string) => ['.nianbaorc.json', '.git'].includes(path.basename(p)) && above(path.dirname(p));
    const other = paths.filter((p) => !files.includes(p) && !p.startsWith(at('dist')) && !searched(p) && !above(p) && !/node_modules/.test(p));
    assert.deepEqual(other, []);
  });
});
