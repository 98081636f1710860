/**
 * Published files in the language server: an HTML report gets diagnostics and quick fixes in the
 * page itself; a page that is not a report gets none; Word, Excel, PDF and .doc files are read on
 * request, inside the workspace folders only, never through a link that leaves them.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CodeActionRequest, type CodeAction, type TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PUBLISHED_REQUEST, type PublishedResult } from '../../shared/protocol';
import { at } from '../helpers/repo';
import { applyTextEdits, TestClient, uriOf } from './client';

const SHANGHAI = fs.readFileSync(at('test/fixtures/corpus/shanghai-2019.html'), 'utf8');

describe('server: HTML reports', () => {
  test('diagnostics at the cells of the page; the quick fix writes the digits into the page', async () => {
    const client = await TestClient.start();
    try {
      const uri = 'file:///tmp/shanghai-2019.html';
      const diags = await client.open(uri, SHANGHAI, 'html');
      const errors = diags.filter((d) => d.severity === 1);
      assert.equal(errors.length, 11);
      const doc = TextDocument.create(uri, 'html', 1, SHANGHAI);
      const first = errors[0];
      const at0 = doc.offsetAt(first.range.start);
      assert.equal(SHANGHAI.slice(at0 - 6, at0 + 4), '&nbsp;</p>', 'the blank 总计 cell, after its &nbsp;');
      const actions = (await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: first.range, context: { diagnostics: [first] } })) as CodeAction[];
      const fix = actions.find((a) => a.isPreferred)!;
      assert.equal(fix.title, '将合计改为 272');
      const edits = fix.edit!.changes?.[uri] ?? (fix.edit!.documentChanges![0] as { edits: TextEdit[] }).edits;
      const fixed = applyTextEdits(SHANGHAI, edits);
      assert.equal(fixed, SHANGHAI.slice(0, at0) + '272' + SHANGHAI.slice(at0));
      const all = actions.find((a) => /所有合计/.test(a.title))!;
      const allFixed = applyTextEdits(SHANGHAI, all.edit!.changes?.[uri] ?? (all.edit!.documentChanges![0] as { edits: TextEdit[] }).edits);
      const again = await client.open('file:///tmp/fixed.html', allFixed, 'html');
      assert.deepEqual(again.filter((d) => d.severity === 1), [], 'fixing all totals leaves no error');
      assert.deepEqual(await client.open('file:///tmp/about.html', '<html><body><h1>机关简介</h1><p>一、概况</p></body></html>', 'html'), []);
    } finally {
      await client.stop();
    }
  });
});

describe('server: Word, Excel, PDF and .doc files on request', () => {
  test('read inside the workspace only: not outside it, not through a link that leaves it', async () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-ws-'));
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-out-'));
    fs.copyFileSync(at('test/fixtures/published/shanghai-bgt-2019-libreoffice.docx'), path.join(ws, '报告.docx'));
    fs.copyFileSync(at('test/fixtures/published/pingtan-2024-chromium-print.pdf'), path.join(outside, 'x.pdf'));
    fs.symlinkSync(path.join(outside, 'x.pdf'), path.join(ws, 'link.pdf'));
    const client = await TestClient.start({ workspaceFolders: [ws] });
    try {
      const ask = (file: string) => client.conn.sendRequest(PUBLISHED_REQUEST, { uri: uriOf(file) }) as Promise<PublishedResult>;
      const r = await ask(path.join(ws, '报告.docx'));
      assert.equal(r.kind, 'docx');
      assert.match(r.text!, /^一、本年新收政府信息公开申请数量\t/m);
      const errors = r.diagnostics!.filter((d) => d.severity === 1);
      assert.equal(errors.length, 11);
      assert.match(String(errors[0].message), /应为 272，实际为 空白。（表2 行6 列10 \(table 2 row 6 cell 10\)）$/);
      assert.match((await ask(path.join(outside, 'x.pdf'))).error!, /只读取工作区文件夹中的文件/);
      assert.match((await ask(path.join(ws, 'link.pdf'))).error!, /只读取工作区文件夹中的文件/);
      assert.match((await ask(path.join(ws, 'missing.pdf'))).error!, /只读取工作区文件夹中的文件/);
    } finally {
      await client.stop();
    }
  });
});
