/**
 * Published files (test/fixtures/published, SOURCES.md there): every table cell each reader gives
 * equals the cells recorded from the source (the HTML tables, written with another HTML library;
 * the Hongze PDF read by eye), and the core finds on the readers' drafts exactly what it finds on
 * the reports: Shanghai 2019's eleven blank row totals, no error in Pingtan 2024 and 2025.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/check';
import { readInput, type Input } from '../../server/src/node/readers/input';
import { at } from '../helpers/repo';

const P = 'test/fixtures/published';
const C = 'test/fixtures/corpus';

async function draft(file: string): Promise<Extract<Input, { published: unknown }>> {
  const input = await readInput(at(file));
  if (!('published' in input)) assert.fail(`${file}: ${input.kind === 'error' ? input.reason : input.kind}`);
  return input;
}

/** Every table row of a draft (TAB lines), as its non-empty cells. */
const rowsOf = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.includes('\t'))
    .map((l) => l.split('\t').filter(Boolean))
    .filter((r) => r.length > 0);

/** The recorded rows of a report's tables (test/fixtures/published/*.tables.json), as their non-empty cells. */
function recorded(name: string): string[][] {
  const { blocks } = JSON.parse(fs.readFileSync(at(`${P}/${name}.tables.json`), 'utf8')) as { blocks: { table?: { text: string }[][] }[] };
  return blocks.flatMap((b) => (b.table ?? []).map((r) => r.map((c) => c.text).filter(Boolean))).filter((r) => r.length > 0);
}

const READ_AS_RECORDED: [string, string][] = [
  [`${C}/shanghai-2019.html`, 'shanghai-2019'],
  [`${P}/shanghai-2019-gbk.html`, 'shanghai-2019'],
  [`${P}/shanghai-bgt-2019-chromium-print.pdf`, 'shanghai-2019'],
  [`${P}/shanghai-bgt-2019-libreoffice.docx`, 'shanghai-2019'],
  [`${C}/pingtan-2024.html`, 'pingtan-2024'],
  [`${P}/pingtan-2024-chromium-print.pdf`, 'pingtan-2024'],
  [`${P}/pingtan-2024-no-edit-no-print.pdf`, 'pingtan-2024'],
  [`${P}/pingtan-2024-libreoffice.docx`, 'pingtan-2024'],
  [`${P}/pingtan-2024-word.docx`, 'pingtan-2024'],
  [`${P}/pingtan-2024.xlsx`, 'pingtan-2024'],
  [`${C}/pingtan-2025.html`, 'pingtan-2025'],
  [`${P}/pingtan-2025-site-chrome.html`, 'pingtan-2025'],
  [`${P}/pingtan-2025-chromium-print-with-headers.pdf`, 'pingtan-2025'],
  [`${P}/pingtan-2025-libreoffice.docx`, 'pingtan-2025'],
];

describe('published files: every cell as recorded', () => {
  for (const [file, name] of READ_AS_RECORDED) {
    test(`${file}: every table row and cell equals ${name}.tables.json`, async () => {
      const { text } = await draft(file);
      const expected = recorded(name);
      assert.ok(expected.length >= 44);
      assert.deepEqual(rowsOf(text), expected);
    });
  }

  test('Hongze 2024 (WPS-made PDF): every cell equals the values read by eye, but the vertical 三、本年度办理结果, of which pdf.js gives 三、本', async () => {
    const { text } = await draft(`${P}/hongze-2024-published.pdf`);
    const expected = (JSON.parse(fs.readFileSync(at(`${P}/hongze-2024.by-eye.json`), 'utf8')) as { rows: string[][] }).rows;
    const got = rowsOf(text);
    assert.equal(got.length, expected.length);
    const differing = got.flatMap((row, r) => row.flatMap((cell, c) => (cell === expected[r][c] ? [] : [{ r, c, got: cell, expected: expected[r][c] }])));
    assert.deepEqual(differing, [{ r: 19, c: 0, got: '三、本', expected: '三、本年度办理结果' }]);
    assert.deepEqual(got.map((r) => r.length), expected.map((r) => r.length));
  });

  test('.doc (LibreOffice from the Word-style .docx): word-extractor gives every cell value in order, the six sections and the year; its text stream has no reliable row ends', async () => {
    const { text } = await draft(`${P}/pingtan-2024-word.doc`);
    // the cells in order; where a table ends, the heading after it runs on in the same line
    const pieces = rowsOf(text).flat();
    const cells = recorded('pingtan-2024').flat();
    const extra: string[] = [];
    let k = 0;
    for (const p of pieces) {
      if (p === cells[k]) k++;
      else extra.push(p);
    }
    assert.equal(k, cells.length, 'every recorded cell, in order');
    assert.deepEqual(extra, ['四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况']);
    const a = analyze(text);
    assert.equal(a.report.sections.length, 6);
    assert.equal(a.report.reportYear, 2024);
  });

  test('the site page: menus, breadcrumb, 来源/时间 line, share links and footer are not in the draft; the page title is its first line', async () => {
    const { text } = await draft(`${P}/pingtan-2025-site-chrome.html`);
    assert.equal(text.split('\n')[0], '平潭综合实验区2025年度政府信息公开工作年度报告');
    for (const chrome of ['当前位置', '政府信息公开指南', '来源：', '浏览次数', '分享到', '闽ICP备', '无障碍', 'tongji']) assert.ok(!text.includes(chrome), chrome);
    const body = await draft(`${C}/pingtan-2025.html`);
    assert.equal(text, `平潭综合实验区2025年度政府信息公开工作年度报告\n${body.text}`);
  });

  test('the GBK page reads as the UTF-8 original does (meta charset gb2312)', async () => {
    const gbk = await draft(`${P}/shanghai-2019-gbk.html`);
    assert.equal(gbk.published.encoding, 'gb18030');
    const utf8 = await draft(`${C}/shanghai-2019.html`);
    assert.ok(gbk.text.endsWith(utf8.text));
  });

  test('the Word-style .docx: bare and explicit w:vMerge, w:gridSpan, a number over two runs and content controls read', async () => {
    const { text, published } = await draft(`${P}/pingtan-2024-word.docx`);
    const xml = published.source!;
    assert.match(xml, /<w:vMerge\/>/);
    assert.match(xml, /<w:vMerge w:val="continue"\/>/);
    assert.match(xml, /<w:sdt><w:sdtPr><w:alias w:val="合计"\/>/);
    assert.match(xml, /<w:t>2<\/w:t><\/w:r><w:r w:rsidRPr="[0-9A-F]+">.*?<w:t>17<\/w:t>/);
    assert.match(text, /^一、本年新收政府信息公开申请数量\t\t\t217\t1\t0\t0\t0\t0\t218$/m);
    assert.match(text, /^2025年3月10日$/m, 'the date in a run-level content control');
  });
});

const errorsOf = async (file: string) => {
  const a = analyze((await draft(file)).text);
  return a.findings.filter((f) => f.severity === 'error');
};

describe('published files: the findings of the reports', () => {
  for (const file of [`${C}/shanghai-2019.html`, `${P}/shanghai-2019-gbk.html`, `${P}/shanghai-bgt-2019-chromium-print.pdf`, `${P}/shanghai-bgt-2019-libreoffice.docx`]) {
    test(`${file}: the 11 blank row totals of 三、本年度办理结果, and no other error`, async () => {
      const e = await errorsOf(file);
      assert.deepEqual(e.map((f) => f.code), Array(11).fill('total-mismatch'));
      assert.deepEqual(e.map((f) => f.expected), [272, 3, 14, 5, 4, 12, 265, 47, 25, 149, 9]);
      assert.ok(e.every((f) => f.actual === 0));
    });
  }
  for (const file of [
    `${C}/pingtan-2024.html`,
    `${P}/pingtan-2024-chromium-print.pdf`,
    `${P}/pingtan-2024-libreoffice.docx`,
    `${P}/pingtan-2024-word.docx`,
    `${C}/pingtan-2025.html`,
    `${P}/pingtan-2025-site-chrome.html`,
    `${P}/pingtan-2025-chromium-print-with-headers.pdf`,
    `${P}/pingtan-2025-libreoffice.docx`,
  ]) {
    test(`${file}: no error`, async () => assert.deepEqual((await errorsOf(file)).map((f) => f.code), []));
  }

  test('pingtan-2024.xlsx (the tables alone): the tables check clean; only what a workbook has not (its six sections) is missing', async () => {
    const e = await errorsOf(`${P}/pingtan-2024.xlsx`);
    assert.deepEqual([...new Set(e.map((f) => f.code))], ['missing-section']);
  });

  test('Hongze 2024: no error; the one warning is its 2019-style （六）其他处理 row in a 2021-format table', async () => {
    const a = analyze((await draft(`${P}/hongze-2024-published.pdf`)).text);
    const kept = a.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
    assert.deepEqual(kept.map((f) => `${f.severity}:${f.code}`), ['warning:format-version']);
    assert.match(JSON.stringify(kept[0].message), /（六）/);
  });
});

describe('published files: damaged input', () => {
  test('truncated and bit-flipped copies of each kind: a draft or a reason, never a throw', async () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const { readPublished } = await import('../../server/src/node/readers');
    const { decodeHtml } = await import('../../server/src/node/readers/html-charset');
    for (const f of [`${P}/pingtan-2024-word.docx`, `${P}/pingtan-2024.xlsx`, `${P}/pingtan-2024-chromium-print.pdf`, `${P}/pingtan-2024-word.doc`, `${P}/shanghai-2019-gbk.html`]) {
      const bytes = fs.readFileSync(at(f));
      for (let k = 0; k < 8; k++) {
        const b = Buffer.from(k % 2 ? bytes.subarray(0, 1 + rnd(bytes.length)) : bytes);
        if (k % 2 === 0) for (let j = 0; j < 20; j++) b[8 + rnd(b.length - 8)] = rnd(256);
        const r = await readPublished(f, b, decodeHtml);
        assert.ok(r.ok === true ? r.file.text.length >= 0 : r.ok === 'not-report' || r.reason.length > 0, `${f} #${k}`);
      }
    }
  });
});
