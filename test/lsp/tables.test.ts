/**
 * The table view's request (`nianbao/tables`), the hover that names a value cell's row and column, and
 * the outline's tables (from their header) with their rows as children (issue 13, items 1 and 6), over
 * the wire to the built server. Expectations are the national format as printed (spec/report-format.md
 * §4–§5) and the hand checks of the seeds and samples (their .findings files).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DocumentSymbolRequest, HoverRequest, type DocumentSymbol, type MarkupContent, type Position } from 'vscode-languageserver-protocol';
import { TABLES_REQUEST, type GridCell, type GridLabel, type GridTable, type TablesResult } from '../../shared/protocol';
import { at, read } from '../helpers/repo';
import { TestClient, uriOf } from './client';

const SEED_003 = 'samples/seeds/003_efc93f8cbbb15791.txt';
const SAMPLE_2020 = 'samples/2020-tab-rows-balance-and-order.txt';
const SAMPLE_2024 = 'samples/2024-markdown-totals-and-period.md';

const labels = (ls: GridLabel[]) => ls.map((l) => `${l.text}[${l.rowSpan}x${l.colSpan}]`);
const table = (r: TablesResult, id: string) => r.tables.find((t) => t.id === id)!;
const row = (t: GridTable, id: string) => t.rows.find((x) => x.id === id)!;
const cell = (t: GridTable, rowId: string, column: string) => row(t, rowId).cells.find((c) => c.column === column)!;
const shown = (c: GridCell) => (c.kind === 'number' ? c.text : c.kind === 'blank' ? '' : `<${c.kind}>`);

/** Sample 2020 with one more value in its （一）予以公开 row (8 values for 7 columns): that row cannot be read. */
function withUnreadableRow(): string {
  const text = read(SAMPLE_2020);
  const broken = text.replace(/(（一）予以公开\t5\t0)/, '$1\t7');
  assert.notEqual(broken, text);
  return broken;
}

describe('table view: nianbao/tables, the hover naming a cell, the outline of a table', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  const tables = (uri: string) => client.conn.sendRequest<TablesResult | null>(TABLES_REQUEST, { uri });
  const hoverAt = async (uri: string, position: Position) => {
    const h = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    return h ? (h.contents as MarkupContent).value : null;
  };

  test('seed 003 (2020, 2019 format): the grids as printed, every value in its cell, the blank （七）总计 自然人 red with 应为 1', async () => {
    const uri = uriOf(at(SEED_003));
    const diags = await client.open(uri, read(SEED_003));
    const r = (await tables(uri))!;
    assert.equal(r.uri, uri);
    assert.equal(r.version, 1);
    assert.equal(r.isReport, true);
    assert.equal(r.status, '2020 年度报告 · 2019 年格式 · 1 个错误');
    // section 二's five 2019 tables, then 三 and 四
    assert.deepEqual(
      r.tables.map((t) => t.title),
      ['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项', '第二十条第（九）项', '收到和处理政府信息公开申请情况', '政府信息公开行政复议、行政诉讼情况'],
    );
    assert.deepEqual([...new Set(r.tables.map((t) => t.section))], ['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况']);

    const a20 = r.tables[0];
    assert.deepEqual(a20.header.map(labels), [['信息内容[1x1]', '本年新制作数量[1x1]', '本年新公开数量[1x1]', '对外公开总数量[1x1]']]);
    assert.deepEqual(
      a20.rows.map((x) => [x.labels.map((l) => l.text), x.cells.map(shown)]),
      [
        [['规章'], ['0', '0', '0']],
        [['规范性文件'], ['0', '0', '0']],
      ],
    );

    // 三: the note in the corner, 申请人情况 over the seven columns, 法人或其他组织 over five
    const apps = table(r, 'applications');
    assert.equal(apps.labelColumns, 3);
    assert.deepEqual(apps.header.map(labels), [
      ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）[3x3]', '申请人情况[1x7]'],
      ['自然人[2x1]', '法人或其他组织[1x5]', '总计[2x1]'],
      ['商业企业[1x1]', '科研机构[1x1]', '社会公益组织[1x1]', '法律服务机构[1x1]', '其他[1x1]'],
    ]);
    // rows under their groups: 三、本年度办理结果 over the 20 result rows of the 2019 format, （三）不予公开 over its 8
    assert.deepEqual(labels(row(apps, 'new').labels), ['一、本年新收政府信息公开申请数量[1x3]']);
    assert.deepEqual(labels(row(apps, 'r1').labels), ['三、本年度办理结果[20x1]', '（一）予以公开[1x2]']);
    assert.deepEqual(labels(row(apps, 'r3_1').labels), ['（三）不予公开[8x1]', '1.属于国家秘密[1x1]']);
    assert.deepEqual(labels(row(apps, 'r3_2').labels), ['2.其他法律行政法规禁止公开[1x1]']);
    assert.deepEqual(labels(row(apps, 'r6').labels), ['（六）其他处理[1x2]']);
    assert.deepEqual(labels(row(apps, 'carry_next').labels), ['四、结转下年度继续办理[1x3]']);
    assert.equal(apps.rows.length, 23, 'the 23 data rows of the 2019 format (spec §4); the group labels are no rows of their own');
    // seed 003 fills only the 总计 column (spec §8): 新收 自然人 1 总计 1, 予以公开 1/1, （七）总计 blank/1
    assert.deepEqual(row(apps, 'new').cells.map(shown), ['1', '', '', '', '', '', '1']);
    assert.deepEqual(row(apps, 'carried').cells.map(shown), ['', '', '', '', '', '', '0']);
    assert.deepEqual(row(apps, 'r1').cells.map(shown), ['1', '', '', '', '', '', '1']);
    assert.deepEqual(row(apps, 'total').cells.map(shown), ['', '', '', '', '', '', '1']);
    for (const x of apps.rows) assert.equal(x.state, 'read', x.id);

    const wrong = apps.rows.flatMap((x) => x.cells.filter((c) => c.expected !== undefined));
    assert.equal(wrong.length, 1, 'one wrong total');
    const [w] = wrong;
    assert.equal(w, cell(apps, 'total', 'natural'));
    assert.equal(w.expected, 1);
    assert.equal(w.expectedText, '应为 1');
    assert.equal(w.kind, 'blank');
    assert.equal(w.name, '（七）总计 · 自然人');
    assert.ok(w.problems.some((p) => p.code === 'total-mismatch' && p.severity === 'error'));
    // the cell is where the diagnostic is
    const d = diags.find((x) => x.code === 'total-mismatch')!;
    assert.deepEqual(w.range, d.range);
    assert.ok(w.editRange, 'a blank the text holds can be written');

    // 四: 行政复议 spans down to its five columns; 行政诉讼 over its two groups
    const review = table(r, 'review');
    assert.equal(review.labelColumns, 0);
    const five = ['结果维持[1x1]', '结果纠正[1x1]', '其他结果[1x1]', '尚未审结[1x1]', '总计[1x1]'];
    assert.deepEqual(review.header.map(labels), [['行政复议[2x5]', '行政诉讼[1x10]'], ['未经复议直接起诉[1x5]', '复议后起诉[1x5]'], [...five, ...five, ...five]]);
    assert.deepEqual(review.rows[0].cells.map(shown), Array(15).fill('0'));
    assert.equal(review.rows[0].cells[5].name, '行政诉讼·未经复议直接起诉 · 结果维持');

    // every table the draft has is placed in the text; its range starts at its header (the outline's too)
    for (const t of r.tables) assert.ok(t.range, t.title);
    assert.deepEqual(apps.range!.start, { line: 88, character: 1 }, 'at the note in the corner (line 89), not at 一、本年新收 (line 106)');
    assert.deepEqual(a20.range!.start, { line: 12, character: 0 }, 'at 第二十条第（一）项 (line 13), not at 规章');
    await client.closeDoc(uri);
  });

  test('an unreadable row is marked with what the reader saw; a wrong total follows the text as it is typed', async () => {
    const uri = uriOf(at('samples/unreadable-row.txt'));
    const text = withUnreadableRow();
    await client.open(uri, text);
    const r = (await tables(uri))!;
    const apps = table(r, 'applications');
    const bad = row(apps, 'r1');
    assert.equal(bad.state, 'unreadable');
    assert.ok(bad.range);
    const [p] = bad.problems.filter((x) => x.code === 'unreadable-row');
    assert.match(p.message, /^无法读取“（一）予以公开”行：文本中有 8 个数（5 0 7 0 0 0 0 5），而此行只有 7 列。/);
    assert.equal(p.severity, 'warning');
    assert.equal(r.words.unreadableRow, '无法读取此行');
    for (const x of apps.rows.filter((y) => y.id !== 'r1')) assert.equal(x.state, 'read', x.id);

    // the sample's own wrong total (its .findings: 43:35 total-mismatch expected=3 cell=applications/r4_1/total)
    const total = cell(apps, 'r4_1', 'total');
    assert.equal(total.expected, 3);
    assert.equal(total.kind, 'blank');
    assert.deepEqual(row(apps, 'r4_1').cells.map(shown), ['3', '0', '0', '0', '0', '0', '']);

    // typed into the draft: the 3 written into the blank 总计 (where the grid says it is written), asked again
    const version = await client.edit(uri, [{ range: total.editRange!, newText: '3' }]);
    await client.diagnostics(uri, version);
    const again = (await tables(uri))!;
    assert.equal(again.version, version);
    const fixed = cell(table(again, 'applications'), 'r4_1', 'total');
    assert.equal(fixed.kind, 'number');
    assert.equal(fixed.text, '3');
    assert.equal(fixed.expected, undefined);
    assert.equal(client.text(uri).split('\n')[42], read(SAMPLE_2020).split('\n')[42].replace(/\t$/, '\t3'));
    await client.closeDoc(uri);
  });

  test('a 2021-format draft: the three-row （六）其他处理 group, the 2021 第二十条 tables; not a report: no tables; bad params', async () => {
    const uri = uriOf(at(SAMPLE_2024));
    await client.open(uri, read(SAMPLE_2024), 'markdown');
    const r = (await tables(uri))!;
    assert.deepEqual(
      r.tables.map((t) => t.title),
      ['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项', '收到和处理政府信息公开申请情况', '政府信息公开行政复议、行政诉讼情况'],
    );
    const apps = table(r, 'applications');
    assert.equal(apps.rows.length, 25, 'the 25 data rows of the 2021 format (spec §4)');
    assert.deepEqual(labels(row(apps, 'r1').labels), ['三、本年度办理结果[22x1]', '（一）予以公开[1x2]']);
    assert.deepEqual(labels(row(apps, 'r6_1').labels), ['（六）其他处理[3x1]', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请[1x1]']);
    assert.deepEqual(
      table(r, 'a20-1').rows.map((x) => x.cells.map(shown)),
      [
        ['0', '0', '0'],
        ['3', '1', '25'],
      ],
    );
    assert.equal(cell(table(r, 'a20-8'), 'fees', 'fee-amount').text, '12.5');
    await client.closeDoc(uri);

    const plain = uriOf(at('samples/not-a-report.txt'));
    await client.open(plain, '会议纪要\n\n今天开会。\n');
    const none = (await tables(plain))!;
    assert.equal(none.isReport, false);
    assert.deepEqual(none.tables, []);
    await client.closeDoc(plain);
    assert.equal(await tables(uriOf(at('samples/never-opened.txt'))), null);
    await assert.rejects(client.conn.sendRequest(TABLES_REQUEST, {}), /nianbao\/tables needs \{ uri \}/);
  });

  test('hover on any value cell names its row and column as the format prints them; on a total, before its sum', async () => {
    const uri = uriOf(at(SEED_003));
    await client.open(uri, read(SEED_003));
    const r = (await tables(uri))!;
    const apps = table(r, 'applications');
    assert.equal(await hoverAt(uri, cell(apps, 'r1', 'natural').range!.start), '（一）予以公开 · 自然人');
    assert.equal(await hoverAt(uri, cell(apps, 'r3_1', 'other').range!.start), '（三）不予公开·1.属于国家秘密 · 法人或其他组织·其他');
    assert.equal(await hoverAt(uri, cell(table(r, 'a20-1'), 'rules', 'made').range!.start), '第二十条第（一）项·规章 · 本年新制作数量');
    assert.equal(await hoverAt(uri, table(r, 'review').rows[0].cells[13].range!.start), '行政诉讼·复议后起诉 · 尚未审结');
    const total = (await hoverAt(uri, cell(apps, 'total', 'natural').range!.start))!;
    assert.ok(total.startsWith('（七）总计 · 自然人\n\n**'), total);
    assert.match(total, /各部分之和：1/);
    // every cell the text holds answers with its name
    let n = 0;
    for (const t of r.tables) {
      for (const x of t.rows) {
        for (const c of x.cells) {
          if (!c.range) continue;
          const h = await hoverAt(uri, c.range.start);
          assert.ok(h?.startsWith(c.name), `${c.name}: ${h}`);
          n++;
        }
      }
    }
    assert.ok(n > 150, `${n} cells`);
    await client.closeDoc(uri);
  });

  test('outline: a table starts at its header; its rows are its children, under their groups', async () => {
    const uri = uriOf(at(SEED_003));
    await client.open(uri, read(SEED_003));
    const symbols = (await client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    const [apps] = symbols[2].children!;
    assert.equal(apps.name, '收到和处理政府信息公开申请情况表');
    assert.deepEqual(apps.range.start, { line: 88, character: 1 }, 'the note, not 一、本年新收 (line 106)');
    assert.deepEqual(
      apps.children!.map((c) => c.name),
      ['一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '三、本年度办理结果', '四、结转下年度继续办理'],
    );
    const results = apps.children![2];
    // a group from its label where the draft writes it: 三、本年度办理结果 on line 124, （三）不予公开 on line 145 (sticky scroll shows them)
    assert.deepEqual(results.range.start, { line: 123, character: 1 });
    assert.deepEqual(results.selectionRange, { start: { line: 123, character: 1 }, end: { line: 123, character: 10 } });
    assert.deepEqual(
      results.children!.map((c) => c.name),
      ['（一）予以公开', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '（三）不予公开', '（四）无法提供', '（五）不予处理', '（六）其他处理', '（七）总计'],
    );
    assert.equal(results.children![2].children!.length, 8);
    assert.deepEqual(results.children![2].range.start, { line: 144, character: 1 });
    assert.deepEqual(results.children![2].children![0].selectionRange.start, { line: 145, character: 1 }, '1.属于国家秘密 on line 146');
    const a20 = symbols[1].children!;
    assert.deepEqual(
      a20.map((s) => [s.name, s.range.start.line, s.children!.map((c) => c.name)]),
      [
        ['第二十条第（一）项', 12, ['规章', '规范性文件']],
        ['第二十条第（五）项', 31, ['行政许可', '其他对外管理服务事项']],
        ['第二十条第（六）项', 48, ['行政处罚', '行政强制']],
        ['第二十条第（八）项', 65, ['行政事业性收费']],
        ['第二十条第（九）项', 75, ['政府集中采购']],
      ],
    );
    // every symbol inside its parent, its selection inside it
    const inside = (o: DocumentSymbol['range'], i: DocumentSymbol['range']) =>
      (o.start.line < i.start.line || (o.start.line === i.start.line && o.start.character <= i.start.character)) && (o.end.line > i.end.line || (o.end.line === i.end.line && o.end.character >= i.end.character));
    const walk = (s: DocumentSymbol) => {
      assert.ok(inside(s.range, s.selectionRange), s.name);
      for (const c of s.children ?? []) {
        assert.ok(inside(s.range, c.range), `${c.name} inside ${s.name}`);
        walk(c);
      }
    };
    symbols.forEach(walk);
    await client.closeDoc(uri);
  });
});
