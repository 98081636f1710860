/**
 * Protocol tests: the built server (dist/server.js --stdio) spoken to over LSP, as an editor would.
 * Every expectation is about what goes over the wire: published diagnostics, code actions and
 * their edits, hover, symbols, folding, inlay hints, settings, the ignore command.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import {
  CodeActionRequest,
  DidChangeWatchedFilesNotification,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  FileChangeType,
  FoldingRangeRequest,
  HoverRequest,
  InlayHintRequest,
  type CodeAction,
  type Diagnostic,
  type DocumentSymbol,
  type MarkupContent,
  type Range,
} from 'vscode-languageserver-protocol';
import { analyze } from '../../server/src/core/check';
import { compute } from '../../server/src/core/compute';
import type { Summary } from '../../shared/protocol';
import { cellRange } from '../../server/src/core/read/cell';
import { skeleton } from '../../server/src/core/skeleton';
import { asDiagnostics, difference, expectedFindings, fromDiagnostic } from '../helpers/expectations';
import { SEEDS, at, read } from '../helpers/repo';
import { SERVER, TestClient, applyTextEdits, uriOf } from './client';

const SEED_003 = 'samples/seeds/003_efc93f8cbbb15791.txt';

/** A diagnostic's message as text (LSP 3.18 also allows Markdown). */
const messageOf = (d: Diagnostic | undefined) => (typeof d!.message === 'string' ? d!.message : d!.message.value);

const contains = (outer: Range, inner: Range) =>
  (outer.start.line < inner.start.line || (outer.start.line === inner.start.line && outer.start.character <= inner.start.character)) &&
  (outer.end.line > inner.end.line || (outer.end.line === inner.end.line && outer.end.character >= inner.end.character));

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-lsp-'));
}

/** A seed with three total cells changed to a wrong value (+5): their offsets in the broken text. */
function brokenTotals(rel: string): { original: string; broken: string; cells: { start: number; end: number }[] } {
  const original = read(rel);
  const { report } = analyze(original);
  const picks = compute(report)
    .totals.filter((t) => t.cell && t.cell.value.kind === 'number' && !t.wrong && t.expected !== null)
    .filter((_, i, all) => i === 0 || i === Math.floor(all.length / 2) || i === all.length - 1);
  assert.equal(picks.length, 3);
  let broken = original;
  const cells: { start: number; end: number }[] = [];
  let shift = 0;
  for (const t of [...picks].sort((a, b) => a.cell!.start - b.cell!.start)) {
    const [s, e] = cellRange(original, t.cell!);
    const wrong = String((t.written as number) + 5);
    broken = broken.slice(0, s + shift) + wrong + broken.slice(e + shift);
    cells.push({ start: s + shift, end: s + shift + wrong.length });
    shift += wrong.length - (e - s);
  }
  return { original, broken, cells };
}

describe('language server over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ applyEdits: true });
  });
  after(async () => {
    assert.equal(await client.stop(), 0, 'the server exits with 0 after shutdown + exit');
  });

  test('initialize announces incremental sync and the features', () => {
    const caps = (client.initializeResult as { capabilities: Record<string, unknown> }).capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    assert.deepEqual((caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'refactor.rewrite', 'source.fixAll.nianbao']);
    assert.equal(caps.hoverProvider, true);
    assert.ok(caps.documentSymbolProvider);
    assert.equal(caps.foldingRangeProvider, true);
    assert.ok(caps.inlayHintProvider);
    assert.deepEqual((caps.executeCommandProvider as { commands: string[] }).commands, ['nianbao.server.fixAllTotals', 'nianbao.server.ignoreFinding']);
  });

  for (const rel of SEEDS()) {
    test(`${path.basename(rel)}: published diagnostics are the hand-written findings, with source nianbao and the version`, async () => {
      const uri = uriOf(at(rel));
      const diags = await client.open(uri, read(rel));
      assert.equal(client.last(uri)!.version, 1);
      for (const d of diags) assert.equal(d.source, 'nianbao');
      assert.deepEqual(difference(asDiagnostics(expectedFindings(rel)), diags.map(fromDiagnostic)), []);
      await client.closeDoc(uri);
    });
  }

  test('every diagnostic links its rule’s page: a file: URI of docs/rules/<code>.md shipped beside the server bundle', async () => {
    const seen = new Set<string>();
    for (const rel of [...SEEDS(), 'samples/2020-tab-rows-balance-and-order.txt', 'samples/2022-pipe-old-format-fullwidth.txt']) {
      const uri = uriOf(at(rel));
      for (const d of await client.open(uri, read(rel))) {
        const href = d.codeDescription?.href;
        assert.ok(href, `${rel}: ${d.code} has codeDescription.href`);
        const u = new URL(href);
        assert.equal(u.protocol, 'file:');
        assert.equal(fileURLToPath(u), at('docs/rules', `${d.code}.md`));
        assert.ok(fs.existsSync(fileURLToPath(u)));
        seen.add(String(d.code));
      }
      await client.closeDoc(uri);
    }
    assert.ok(seen.size >= 8, [...seen].join(' '));
  });

  test('003: exactly one error, total-mismatch on line 332 with expected 1 and its parts as related information', async () => {
    const uri = uriOf(at(SEED_003));
    const diags = await client.open(uri, read(SEED_003));
    const errors = diags.filter((d) => d.severity === 1);
    assert.equal(errors.length, 1);
    const [e] = errors;
    assert.equal(e.code, 'total-mismatch');
    assert.equal(e.range.start.line, 331);
    assert.deepEqual(e.data, { fixable: true, expected: 1, actual: 0, cell: { table: 'applications', row: 'total', column: 'natural' } });
    assert.match(messageOf(e), /应为 1/);
    assert.ok(e.relatedInformation && e.relatedInformation.length > 0);
    for (const r of e.relatedInformation) {
      assert.equal(r.location.uri, uri);
      assert.ok(r.location.range.start.line < 331, 'a part lies above its total');
      assert.match(r.message, /组成部分/);
    }
    await client.closeDoc(uri);
    await client.waitFor('cleared diagnostics', () => client.last(uri)!.diagnostics.length === 0 && client.last(uri)!.version === undefined);
  });

  test('003: the preferred quick fix writes 1 into the blank cell and nothing else; the next version has no total-mismatch', async () => {
    const uri = uriOf(at(SEED_003));
    const text = read(SEED_003);
    const diags = await client.open(uri, text);
    const d = diags.find((x) => x.code === 'total-mismatch')!;
    const actions = (await client.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    })) as CodeAction[];
    const preferred = actions.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1);
    const fix = preferred[0];
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.title, '将合计改为 1');
    assert.equal(fix.diagnostics?.[0].code, 'total-mismatch');
    assert.ok(!actions.some((a) => a.kind?.startsWith('source')), 'no source action without `only`');
    const { version, edits } = TestClient.editsOf(fix.edit, uri);
    assert.equal(version, 1, 'the edit is versioned');
    assert.equal(edits.length, 1);
    assert.equal(edits[0].range.start.line, 331);
    assert.equal(edits[0].newText, '1');
    const fixed = applyTextEdits(text, edits);
    const lines = (s: string) => s.split('\n');
    assert.equal(lines(fixed)[331].trim(), '1', 'the cell reads 1');
    lines(text).forEach((l, i) => i !== 331 && assert.equal(lines(fixed)[i], l));
    const v2 = await client.edit(uri, edits);
    const after2 = await client.diagnostics(uri, v2);
    assert.ok(!after2.some((x) => x.code === 'total-mismatch'));
    assert.ok(!after2.some((x) => x.severity === 1));
    await client.closeDoc(uri);
  });

  test('source.fixAll.nianbao: only when asked for, writes exactly the broken total cells back (same as --fix)', async () => {
    const { original, broken, cells } = brokenTotals('samples/seeds/002_4505276ac13c66c6.txt');
    const uri = 'untitled:Untitled-fixall';
    const diags = await client.open(uri, broken);
    const wrong = diags.filter((d) => d.code === 'total-mismatch');
    assert.equal(wrong.length, 3);
    const request = (only?: string[]) =>
      client.conn.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: wrong[0].range,
        context: { diagnostics: [], only },
      }) as Promise<CodeAction[]>;
    assert.ok(!(await request(['quickfix'])).some((a) => a.kind === 'source.fixAll.nianbao'));
    for (const only of [['source.fixAll.nianbao'], ['source.fixAll'], ['source']]) {
      const actions = await request(only);
      assert.deepEqual(
        actions.map((a) => a.kind),
        ['source.fixAll.nianbao'],
        `only ${only}`,
      );
    }
    const [fixAll] = await request(['source.fixAll']);
    const { edits } = TestClient.editsOf(fixAll.edit, uri);
    const doc = client.docs.get(uri)!;
    for (const e of edits) {
      const s = doc.offsetAt(e.range.start);
      const en = doc.offsetAt(e.range.end);
      assert.ok(cells.some((c) => c.start <= s && en <= c.end), `edit ${JSON.stringify(e)} lies inside a broken cell`);
    }
    const fixed = applyTextEdits(broken, edits);
    assert.equal(fixed, original, 'only the broken cells change, back to their values');
    const v = await client.edit(uri, edits);
    assert.ok(!(await client.diagnostics(uri, v)).some((d) => d.code === 'total-mismatch'));
    await client.closeDoc(uri);
  });

  test('"fix all totals" quick fix next to a wrong total, and the fixAllTotals command applies it through workspace/applyEdit', async () => {
    const { original, broken } = brokenTotals('samples/seeds/000_a8e5998f6003955d.txt');
    const uri = 'untitled:Untitled-fixall-command';
    const diags = await client.open(uri, broken, 'nianbao');
    const wrong = diags.filter((d) => d.code === 'total-mismatch');
    assert.equal(wrong.length, 3);
    const actions = (await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: wrong[1].range, context: { diagnostics: [wrong[1]] } })) as CodeAction[];
    const all = actions.find((a) => a.title === '修正本文档中的所有合计（3 处）');
    assert.ok(all, actions.map((a) => a.title).join(' | '));
    assert.equal(applyTextEdits(broken, TestClient.editsOf(all.edit, uri).edits), original);

    const before = client.published.length;
    const result = (await client.conn.sendRequest(ExecuteCommandRequest.type, { command: 'nianbao.server.fixAllTotals', arguments: [uri] })) as { applied: number; message: string };
    assert.equal(result.applied, 3);
    assert.equal(result.message, '已修正 3 处合计。');
    await client.waitFor('diagnostics after the applied edit', () => client.published.slice(before).some((p) => p.uri === uri && p.version === 2));
    assert.equal(client.text(uri), original);
    assert.ok(!client.last(uri)!.diagnostics.some((d) => d.code === 'total-mismatch'));
    const again = (await client.conn.sendRequest(ExecuteCommandRequest.type, { command: 'nianbao.server.fixAllTotals', arguments: [uri] })) as { applied: number; message: string };
    assert.deepEqual(again, { applied: 0, message: '没有需要修正的合计。' });
    await client.closeDoc(uri);
  });

  test('suggestion fixes come one by one and are not preferred', async () => {
    const rel = 'samples/seeds/001_a4e326b7c8b95611.txt';
    const uri = uriOf(at(rel));
    const diags = await client.open(uri, read(rel));
    const lv = diags.find((d) => d.code === 'label-variant')!;
    const actions = (await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: lv.range, context: { diagnostics: [lv] } })) as CodeAction[];
    const fixes = actions.filter((a) => a.edit);
    assert.equal(fixes.length, 1);
    assert.equal(fixes[0].title, '改为格式规定的“2.其他法律行政法规禁止公开”');
    assert.equal(fixes[0].isPreferred, undefined);
    const { edits } = TestClient.editsOf(fixes[0].edit, uri);
    assert.deepEqual(edits, [{ range: lv.range, newText: '2.其他法律行政法规禁止公开' }]);
    await client.closeDoc(uri);
  });

  test('blank cells: one Information diagnostic per table, its rows as related information; its fix fills every blank cell of the table (issue 15)', async () => {
    // seed 004: the applications table has 153 blank cells in 23 rows, the 复议/诉讼 row 14 (as its expectations file counts them by hand)
    const rel = 'samples/seeds/004_f08e199b8ba50c35.txt';
    const uri = uriOf(at(rel));
    const text = read(rel);
    const diags = await client.open(uri, text);
    const blanks = diags.filter((d) => d.code === 'blank-cell');
    assert.deepEqual(blanks.map((d) => [d.range.start.line + 1, d.severity, d.relatedInformation?.length]), [[104, 3, 23], [378, 3, 1]]);
    assert.match(messageOf(blanks[0]), /“收到和处理政府信息公开申请情况”表中有 153 个空白单元格，按格式应填 0，在 23 行：“一、本年新收政府信息公开申请数量”（5 个）、/);
    assert.deepEqual(blanks[0].relatedInformation!.slice(0, 2).map((r) => [r.location.range.start.line + 1, r.message]), [[104, '“一、本年新收政府信息公开申请数量”行：5 个空白单元格'], [113, '“二、上年结转政府信息公开申请数量”行：7 个空白单元格']]);
    const actions = (await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: blanks[0].range, context: { diagnostics: [blanks[0]] } })) as CodeAction[];
    const fill = actions.find((a) => a.title === '将本表空白单元格填为 0')!;
    const { edits } = TestClient.editsOf(fill.edit, uri);
    assert.equal(edits.length, 153);
    const from = client.published.length;
    const version = await client.edit(uri, edits);
    const after = await client.diagnostics(uri, version, from);
    assert.equal(client.text(uri), applyTextEdits(text, edits));
    assert.deepEqual(after.filter((d) => d.code === 'blank-cell').map((d) => d.range.start.line + 1), [378], 'the applications table is filled; the 复议/诉讼 table is the other finding');
    await client.closeDoc(uri);
  });

  test('hover on a total: its parts, their sum and the expected value; nothing elsewhere', async () => {
    const uri = uriOf(at(SEED_003));
    const text = read(SEED_003);
    const diags = await client.open(uri, text);
    const d = diags.find((x) => x.code === 'total-mismatch')!;
    const hover = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: d.range.start });
    assert.ok(hover);
    const md = (hover.contents as MarkupContent).value;
    assert.equal((hover.contents as MarkupContent).kind, 'markdown');
    assert.match(md, /“（七）总计”行的“自然人”列/);
    assert.match(md, /各部分之和：1/);
    assert.match(md, /所填数值：空白，应为 1。/);
    assert.deepEqual(hover.range, d.range);
    // the hover links the rule's page, as the diagnostic does
    assert.ok(md.includes(`[规则 total-mismatch 的说明](${d.codeDescription!.href})`), md);

    // a right total: every target of compute().totals answers
    const { report } = analyze(text);
    const totals = compute(report).totals.filter((t) => t.cell);
    let answered = 0;
    for (const t of totals) {
      const [s] = cellRange(text, t.cell!);
      const h = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: report.index.position(s) });
      assert.ok(h, `hover on the total at offset ${s}`);
      const v = (h.contents as MarkupContent).value;
      assert.match(v, t.wrong ? /应为/ : /✓|无法|均为空白/);
      answered++;
    }
    assert.equal(answered, totals.length);
    assert.ok(answered > 20);
    assert.equal(await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } }), null);
    await client.closeDoc(uri);
  });

  test('document symbols: the six sections in order, the tables inside their sections', async () => {
    const uri = uriOf(at(SEED_003));
    await client.open(uri, read(SEED_003));
    const symbols = (await client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'],
    );
    assert.deepEqual(
      symbols[2].children?.map((c) => c.name),
      ['收到和处理政府信息公开申请情况表'],
    );
    assert.deepEqual(
      symbols[3].children?.map((c) => c.name),
      ['行政复议、行政诉讼情况表'],
    );
    assert.ok((symbols[1].children ?? []).length >= 1, 'the 第二十条 tables sit in section 二');
    for (const s of symbols) {
      assert.ok(contains(s.range, s.selectionRange));
      for (const c of s.children ?? []) assert.ok(contains(s.range, c.range), `${c.name} inside ${s.name}`);
    }
    await client.closeDoc(uri);
  });

  test('folding ranges: one per section heading and per table', async () => {
    const uri = uriOf(at(SEED_003));
    const text = read(SEED_003);
    await client.open(uri, text);
    const ranges = (await client.conn.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } }))!;
    const { report } = analyze(text);
    for (const s of report.sections) {
      const line = report.index.position(s.start).line;
      if (report.index.position(s.contentEnd).line <= line + 1) continue; // nothing under the heading to fold
      assert.ok(ranges.some((r) => r.startLine === line && r.endLine > line), `section at line ${line}`);
    }
    assert.ok(ranges.length >= 6 + 3);
    for (const r of ranges) assert.ok(r.endLine > r.startLine);
    await client.closeDoc(uri);
  });

  test('inlay hint: the expected total after the wrong one', async () => {
    const uri = uriOf(at(SEED_003));
    const diags = await client.open(uri, read(SEED_003));
    const d = diags.find((x) => x.code === 'total-mismatch')!;
    const hints = (await client.conn.sendRequest(InlayHintRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 500, character: 0 } },
    }))!;
    assert.equal(hints.length, 1);
    assert.deepEqual(hints[0].position, d.range.end);
    assert.equal(hints[0].label, '应为 1');
    const none = await client.conn.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } } });
    assert.deepEqual(none, []);
    await client.closeDoc(uri);
  });

  test('a burst of didChange ends in the diagnostics of the final text; versions only go up', async () => {
    const uri = 'untitled:Untitled-edits';
    const text = read(SEED_003);
    await client.open(uri, text);
    const from = client.published.length;
    const line331 = text.split('\n')[331];
    let v = 1;
    v = await client.change(uri, [{ range: { start: { line: 331, character: 1 }, end: { line: 331, character: 1 } }, text: '1' }]);
    v = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '草稿\n' }]);
    v = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' }]);
    v = await client.change(uri, [{ range: { start: { line: 331, character: 0 }, end: { line: 331, character: line331.length + 1 } }, text: '\t7' }]);
    v = await client.change(uri, [{ text: client.text(uri).replace('六、其他需要报告的事项', '六、其他需要报告的事项\n本年度未收取信息处理费。') }]);
    assert.equal(v, 6);
    const final = await client.diagnostics(uri, 6, from);
    assert.equal(client.text(uri).split('\n')[331], '\t7');
    // seed 003's findings (written by hand) with the （七）总计 自然人 cell now 7 (still wrong: it should be 1)
    // and 六 no longer empty
    const expected = asDiagnostics(expectedFindings(SEED_003))
      .filter((e) => e.code !== 'empty-section')
      .map((e) => (e.code === 'total-mismatch' ? { ...e, actual: 7 } : e));
    assert.equal(expected.length, 2, 'the table’s one blank-cell note and the total-mismatch');
    assert.deepEqual(difference(expected, final.map(fromDiagnostic)), []);
    await new Promise((r) => setTimeout(r, 200));
    const versions = client.published.slice(from).filter((p) => p.uri === uri).map((p) => p.version!);
    assert.deepEqual([...versions].sort((a, b) => a - b), versions, `published in order: ${versions}`);
    assert.equal(versions.at(-1), 6);
    await client.closeDoc(uri);
  });

  test('plain text that is not a report stays silent; the same text as language nianbao is checked', async () => {
    const notes = '会议纪要\n\n一、会议时间：3月5日\n二、参加人员：张三、李四\n今年共收到来信12件。\n';
    assert.deepEqual(await client.open('untitled:notes', notes, 'plaintext'), []);
    assert.deepEqual(await client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: 'untitled:notes' } }), []);
    assert.deepEqual(await client.open('untitled:notes-md', notes, 'markdown'), []);
    const asReport = await client.open('untitled:notes-nb', notes, 'nianbao');
    assert.equal(asReport.filter((d) => d.code === 'missing-section').length, 6);
    for (const u of ['untitled:notes', 'untitled:notes-md', 'untitled:notes-nb']) await client.closeDoc(u);
  });

  test('a Markdown draft with any name is recognised as a report', async () => {
    const rel = 'samples/2024-markdown-totals-and-period.md';
    const uri = uriOf(at(rel));
    const diags = await client.open(uri, read(rel), 'markdown');
    assert.deepEqual(difference(asDiagnostics(expectedFindings(rel)), diags.map(fromDiagnostic)), []);
    assert.ok(diags.length > 0);
    await client.closeDoc(uri);
  });

  test('summary: request and the notification after each check', async () => {
    const uri = uriOf(at(SEED_003));
    await client.open(uri, read(SEED_003));
    const note = client.notifications.filter((n) => n.method === 'nianbao/didCheck' && (n.params as Summary).uri === uri).at(-1)?.params as Summary;
    const summary = (await client.conn.sendRequest('nianbao/summary', { uri })) as Summary;
    assert.deepEqual(note, summary);
    assert.equal(summary.isReport, true);
    assert.equal(summary.reportYear, 2020);
    assert.equal(summary.formatVersion, '2019');
    assert.deepEqual(summary.counts, { error: 1, warning: 1, information: 1, hint: 0 });
    assert.equal(summary.fixable, 1);
    assert.equal(summary.status, '2020 年度报告 · 2019 年格式 · 1 个错误');
    assert.match(summary.detail, /1 个错误，1 个警告，1 条提示；其中 1 处合计可自动修正/);
    assert.equal(await client.conn.sendRequest('nianbao/summary', { uri: 'file:///nowhere.txt' }), null);
    await client.closeDoc(uri);
  });

  test('skeleton: the inserted 2021 report (plain and Markdown) has no error and six sections', async () => {
    for (const [layout, languageId] of [
      ['tab', 'nianbao'],
      ['markdown', 'markdown'],
    ] as const) {
      const uri = `untitled:skeleton-${layout}`;
      const diags = await client.open(uri, skeleton({ year: 2024, layout }), languageId);
      assert.deepEqual(diags.filter((d) => d.severity === 1 || d.severity === 2), [], layout);
      const symbols = (await client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
      assert.equal(symbols.length, 6);
      const summary = (await client.conn.sendRequest('nianbao/summary', { uri })) as Summary;
      assert.equal(summary.formatVersion, '2021');
      assert.equal(summary.reportYear, 2024);
      await client.closeDoc(uri);
    }
  });

  test('never crashes: out-of-range positions, unknown documents, bad arguments', async () => {
    const uri = uriOf(at(SEED_003));
    await client.open(uri, read(SEED_003));
    const far = { line: 99999, character: 99999 };
    assert.equal(await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: far }), null);
    assert.equal(await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: -5, character: -1 } }), null);
    const actions = await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: far, end: far }, context: { diagnostics: [] } });
    assert.deepEqual(actions, []);
    const unknown = 'file:///no/such/draft.txt';
    assert.equal(await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri: unknown }, position: { line: 0, character: 0 } }), null);
    assert.deepEqual(await client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: unknown } }), []);
    assert.deepEqual(await client.conn.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: unknown } }), []);
    assert.deepEqual(await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri: unknown }, range: { start: far, end: far }, context: { diagnostics: [] } }), []);
    await assert.rejects(client.conn.sendRequest('nianbao/summary', {}), /needs \{ uri \}/);
    await assert.rejects(client.conn.sendRequest(ExecuteCommandRequest.type, { command: 'nianbao.server.ignoreFinding', arguments: [{ uri, code: 'no-such-code', line: 1 }] }), /needs/);
    await assert.rejects(client.conn.sendRequest(ExecuteCommandRequest.type, { command: 'nianbao.server.ignoreFinding', arguments: [{ uri, code: 'blank-cell', line: 99999 }] }), /out of range/);
    await assert.rejects(client.conn.sendRequest(ExecuteCommandRequest.type, { command: 'nianbao.server.fixAllTotals', arguments: [42] }), /needs a document URI/);
    await assert.rejects(client.conn.sendRequest(ExecuteCommandRequest.type, { command: 'nianbao.nope', arguments: [] }), /unknown command/);
    for (const [i, junk] of ['', '\u0000\uffff\ud800', '|'.repeat(5000), '一、\n'.repeat(2000), '\t\n'.repeat(3000)].entries()) {
      const u = `untitled:junk-${i}`;
      await client.open(u, junk, 'nianbao');
      await client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: u } });
      await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri: u }, position: { line: 1, character: 1 } });
      await client.closeDoc(u);
    }
    const summary = (await client.conn.sendRequest('nianbao/summary', { uri })) as Summary;
    assert.equal(summary.reportYear, 2020, 'still answering');
    await client.closeDoc(uri);
  });
});

describe('settings through workspace/configuration', () => {
  let client: TestClient;
  let settings: unknown = null;
  before(async () => {
    client = await TestClient.start({ settings: () => settings, locale: 'en' });
  });
  after(async () => {
    await client.stop();
  });

  const recheck = async (uri: string) => {
    const from = client.published.length;
    await client.configurationChanged();
    await client.waitFor('re-check after didChangeConfiguration', () => client.published.slice(from).some((p) => p.uri === uri));
    return client.published.slice(from).filter((p) => p.uri === uri).at(-1)!.diagnostics;
  };

  test('a rule turned off and the language switched to English apply without a restart', async () => {
    const uri = uriOf(at(SEED_003));
    const first = await client.open(uri, read(SEED_003));
    assert.ok(first.some((d) => d.code === 'blank-cell'));
    assert.match(messageOf(first.find((d) => d.code === 'total-mismatch')), /应为 1/);
    const asked = client.configurationRequests.length;
    assert.ok(asked >= 1);
    assert.deepEqual((client.configurationRequests[0] as { items: unknown[] }).items, [{ scopeUri: uri, section: 'nianbao' }]);

    settings = { rules: { 'blank-cell': 'off', 'empty-section': 'error' }, language: 'en' };
    const refreshes = client.inlayHintRefreshes;
    const second = await recheck(uri);
    await client.waitFor('inlay hints refreshed', () => client.inlayHintRefreshes > refreshes);
    const hints = await client.conn.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 500, character: 0 } } });
    assert.deepEqual(
      hints!.map((h) => h.label),
      ['should be 1'],
    );
    assert.ok(client.configurationRequests.length > asked, 'settings are asked for again');
    assert.ok(!second.some((d) => d.code === 'blank-cell'));
    assert.equal(second.find((d) => d.code === 'empty-section')!.severity, 1);
    assert.equal(messageOf(second.find((d) => d.code === 'total-mismatch')), 'column “自然人” of row “（七）总计” (the sum of that column over its rows) should be 1, but it is blank.');
    const actions = (await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: second.find((d) => d.code === 'total-mismatch')!.range, context: { diagnostics: [] } })) as CodeAction[];
    assert.ok(actions.some((a) => a.title === 'Write 1 into this total'));

    settings = { language: 'auto' };
    const third = await recheck(uri);
    assert.ok(third.some((d) => d.code === 'blank-cell'), 'the rule is back on');
    assert.match(messageOf(third.find((d) => d.code === 'total-mismatch')), /should be 1/, 'auto follows the client locale (en)');

    settings = null;
    const fourth = await recheck(uri);
    assert.match(messageOf(fourth.find((d) => d.code === 'total-mismatch')), /应为 1/, 'back to the default zh-cn');
    await client.closeDoc(uri);
  });

  test('malformed settings fall back to the defaults and are reported once', async () => {
    const uri = uriOf(at(SEED_003));
    await client.open(uri, read(SEED_003));
    const before = client.messages.length;
    settings = { language: 42, rules: 'all', deadline: 'soon', ignore: {}, unknownKey: true };
    const diags = await recheck(uri);
    assert.match(messageOf(diags.find((d) => d.code === 'total-mismatch')), /应为 1/);
    assert.ok(diags.some((d) => d.code === 'blank-cell'));
    const shown = client.messages.slice(before);
    assert.ok(shown.every((m) => m.type === 2), 'warnings');
    for (const word of ['language', 'rules', 'deadline', 'ignore', 'unknownKey']) assert.equal(shown.filter((m) => m.message.includes(`“${word}”`)).length, 1, word);
    // the same problems on the next check are not shown again
    const count = client.messages.length;
    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
    await client.diagnostics(uri, 2);
    assert.equal(client.messages.length, count);
    settings = null;
    await client.closeDoc(uri);
  });

  test('the year setting reaches the server: a report of another statistics year is a year-mismatch error (issue 15)', async () => {
    const uri = uriOf(at(SEED_003));
    assert.ok(!(await client.open(uri, read(SEED_003))).some((d) => d.code === 'year-mismatch'), 'seed 003 is of 2020 throughout');
    settings = { year: 2025 };
    const ym = (await recheck(uri)).filter((d) => d.code === 'year-mismatch');
    assert.deepEqual(
      ym.map((d) => [d.severity, messageOf(d)]),
      [[1, '报告年度为 2020 年，但设置的统计年度（year、--year）为 2025 年。']],
    );
    settings = { year: 2020 };
    assert.ok(!(await recheck(uri)).some((d) => d.code === 'year-mismatch'));
    settings = null;
    await client.closeDoc(uri);
  });
});

describe('settings pushed with didChangeConfiguration (clients without workspace/configuration)', () => {
  test('a rule turned off by the pushed settings', async () => {
    const client = await TestClient.start({ pull: false, locale: 'zh-cn' });
    try {
      const uri = uriOf(at(SEED_003));
      assert.ok((await client.open(uri, read(SEED_003))).some((d) => d.code === 'total-mismatch'));
      assert.equal(client.configurationRequests.length, 0);
      const from = client.published.length;
      await client.configurationChanged({ nianbao: { rules: { 'total-mismatch': 'off' }, language: 'auto' } });
      await client.waitFor('re-check', () => client.published.slice(from).some((p) => p.uri === uri));
      const diags = client.last(uri)!.diagnostics;
      assert.ok(!diags.some((d) => d.code === 'total-mismatch'));
      assert.match(messageOf(diags.find((d) => d.code === 'empty-section')), /部分内容为空/, 'auto follows the zh-cn locale');
    } finally {
      await client.stop();
    }
  });
});

describe('.nianbaorc.json', () => {
  test('found upward from the draft; editor settings win where both set a value; a changed file is re-read', async () => {
    const dir = tmpDir();
    fs.mkdirSync(path.join(dir, 'drafts'));
    const draft = path.join(dir, 'drafts', '003.txt');
    fs.copyFileSync(at(SEED_003), draft);
    const rc = path.join(dir, '.nianbaorc.json');
    fs.writeFileSync(rc, JSON.stringify({ rules: { 'blank-cell': 'off' }, language: 'en' }));
    let settings: unknown = null;
    const client = await TestClient.start({ settings: () => settings, workspaceFolders: [dir] });
    try {
      const uri = uriOf(draft);
      const first = await client.open(uri, fs.readFileSync(draft, 'utf8'));
      assert.ok(!first.some((d) => d.code === 'blank-cell'), 'the file turns blank-cell off');
      assert.match(messageOf(first.find((d) => d.code === 'total-mismatch')), /should be 1/, 'the file says en');

      settings = { language: 'zh-cn', rules: { 'empty-section': 'off' } };
      let from = client.published.length;
      await client.configurationChanged();
      await client.waitFor('re-check', () => client.published.slice(from).some((p) => p.uri === uri));
      const second = client.last(uri)!.diagnostics;
      assert.match(messageOf(second.find((d) => d.code === 'total-mismatch')), /应为 1/, 'the setting wins');
      assert.ok(!second.some((d) => d.code === 'blank-cell'), 'the file still applies where the setting is silent');
      assert.ok(!second.some((d) => d.code === 'empty-section'));

      fs.writeFileSync(rc, JSON.stringify({ rules: { 'total-mismatch': 'off' } }));
      from = client.published.length;
      await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(rc), type: FileChangeType.Changed }] });
      await client.waitFor('re-check after the file changed', () => client.published.slice(from).some((p) => p.uri === uri));
      const third = client.last(uri)!.diagnostics;
      assert.ok(!third.some((d) => d.code === 'total-mismatch'));
      assert.ok(third.some((d) => d.code === 'blank-cell'));
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the children and previous settings reach the server: a part named and not found is aggregate-missing; last year mapped by the setting is compared (issue 15)', async () => {
    const dir = tmpDir();
    const draft = path.join(dir, '003.txt');
    fs.copyFileSync(at(SEED_003), draft);
    const last = path.join(dir, 'last.txt');
    let settings: unknown = null;
    const client = await TestClient.start({ settings: () => settings, workspaceFolders: [dir] });
    try {
      const uri = uriOf(draft);
      const first = await client.open(uri, fs.readFileSync(draft, 'utf8'));
      assert.ok(!first.some((d) => String(d.code).startsWith('aggregate-')));
      settings = { children: ['某某街道办事处'] };
      let from = client.published.length;
      await client.configurationChanged();
      await client.waitFor('re-check', () => client.published.slice(from).some((p) => p.uri === uri));
      const missing = client.last(uri)!.diagnostics.filter((d) => d.code === 'aggregate-missing');
      assert.deepEqual(
        missing.map((d) => [d.severity, messageOf(d)]),
        [[2, 'children 中列出的“某某街道办事处”的报告没有找到：汇总报告只与已找到的 0 个下级单位核对。']],
      );
      // last year named by the setting: files whose names and titles pair nothing (Pingtan 2021 and 2022 have no title)
      fs.copyFileSync(at('test/fixtures/cross/tab/pingtan-2021.txt'), last);
      const carry = path.join(dir, 'this.txt');
      fs.copyFileSync(at('test/fixtures/cross/carry/pingtan-2022.txt'), carry);
      const carryUri = uriOf(carry);
      await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: [last, carry].map((f) => ({ uri: uriOf(f), type: FileChangeType.Created as FileChangeType })),
      });
      settings = { previous: { 'this.txt': 'last.txt' } };
      await client.configurationChanged();
      await client.open(carryUri, fs.readFileSync(carry, 'utf8'));
      // the index reads the new files, then checks the open document again with last year's report
      await client.waitFor('cross-year-carry', () => client.last(carryUri)?.diagnostics.some((d) => d.code === 'cross-year-carry') ?? false);
      const paired = client.last(carryUri)!.diagnostics.filter((d) => d.code === 'cross-year-carry');
      assert.equal(paired.length, 2, 'cross-year-carry in 自然人 and 总计, against last.txt');
      assert.ok(paired.every((d) => d.relatedInformation?.[0].location.uri.endsWith('last.txt')));
      settings = null;
      from = client.published.length;
      await client.configurationChanged();
      await client.waitFor('re-check', () => client.published.slice(from).some((p) => p.uri === carryUri));
      assert.ok(!client.last(carryUri)!.diagnostics.some((d) => d.code === 'cross-year-carry'), 'without the setting nothing pairs them');
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('"ignore this finding" records {code, file, text/line} in a new .nianbaorc.json at the workspace root; the draft is untouched', async () => {
    const dir = tmpDir();
    fs.mkdirSync(path.join(dir, 'sub'));
    const draft = path.join(dir, 'sub', 'draft.txt');
    fs.copyFileSync(at(SEED_003), draft);
    const bytes = fs.readFileSync(draft);
    const client = await TestClient.start({ workspaceFolders: [dir] });
    try {
      const uri = uriOf(draft);
      const text = bytes.toString('utf8');
      const diags = await client.open(uri, text);
      const total = diags.find((d) => d.code === 'total-mismatch')!;
      const actions = (await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: total.range, context: { diagnostics: [total] } })) as CodeAction[];
      const ignore = actions.find((a) => a.command?.command === 'nianbao.server.ignoreFinding' && a.title.includes('total-mismatch'))!;
      assert.equal(ignore.title, '忽略此问题（total-mismatch），记入 .nianbaorc.json');
      assert.equal(ignore.edit, undefined, 'no edit of the draft');

      const from = client.published.length;
      const result = (await client.conn.sendRequest(ExecuteCommandRequest.type, ignore.command!)) as { file: string };
      const rc = path.join(dir, '.nianbaorc.json');
      assert.equal(result.file, rc);
      // line 332 is a blank cell: no text to match, so the line is recorded
      assert.deepEqual(JSON.parse(fs.readFileSync(rc, 'utf8')), { ignore: [{ code: 'total-mismatch', file: 'sub/draft.txt', line: 332 }] });
      await client.waitFor('re-check after ignoring', () => client.published.slice(from).some((p) => p.uri === uri));
      const after1 = client.last(uri)!.diagnostics;
      assert.ok(!after1.some((d) => d.code === 'total-mismatch'));
      assert.equal(after1.length, diags.length - 1);

      const empty = after1.find((d) => d.code === 'empty-section')!;
      const from2 = client.published.length;
      await client.conn.sendRequest(ExecuteCommandRequest.type, { command: 'nianbao.server.ignoreFinding', arguments: [{ uri, code: 'empty-section', line: empty.range.start.line }] });
      assert.deepEqual(JSON.parse(fs.readFileSync(rc, 'utf8')).ignore[1], { code: 'empty-section', file: 'sub/draft.txt', text: '六、其他需要报告的事项' });
      await client.waitFor('re-check after the second ignore', () => client.published.slice(from2).some((p) => p.uri === uri && !p.diagnostics.some((d) => d.code === 'empty-section')));
      assert.ok(fs.readFileSync(draft).equals(bytes), 'the draft on disk is unchanged');
      assert.equal(client.text(uri), text, 'and so is the open document');
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('no ignore action for documents that are not files', async () => {
    const client = await TestClient.start();
    try {
      const uri = 'untitled:Untitled-9';
      const diags = await client.open(uri, read(SEED_003));
      const total = diags.find((d) => d.code === 'total-mismatch')!;
      const actions = (await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: total.range, context: { diagnostics: [total] } })) as CodeAction[];
      assert.ok(actions.length >= 1);
      assert.ok(!actions.some((a) => a.command));
    } finally {
      await client.stop();
    }
  });
});

describe('the npm bin', () => {
  test('package.json names dist/server.js as nianbao-language-server; --version and --help answer', () => {
    const pkg = JSON.parse(read('package.json'));
    assert.equal(pkg.bin['nianbao-language-server'], 'dist/server.js');
    assert.equal(path.resolve(at(pkg.bin['nianbao-language-server'])), SERVER);
    assert.ok(fs.readFileSync(SERVER, 'utf8').startsWith('#!/usr/bin/env node'));
    assert.equal(execFileSync(process.execPath, [SERVER, '--version'], { encoding: 'utf8' }).trim(), pkg.version);
    assert.match(execFileSync(process.execPath, [SERVER, '--help'], { encoding: 'utf8' }), /--stdio/);
  });
});

