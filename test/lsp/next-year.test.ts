/** nianbao/nextYear: the server makes next year's draft of a text it is sent, or of an open document. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CodeActionRequest, type CodeAction, type TextEdit } from 'vscode-languageserver-protocol';
import { NEXT_YEAR_REQUEST, type NextYearResult } from '../../shared/protocol';
import { fixText, readReport } from '../../server/src/core/check';
import { read } from '../helpers/repo';
import { applyTextEdits, TestClient } from './client';

describe('server: nianbao/nextYear', () => {
  test('the draft of an open document, of a text sent with the request; a text with no year says why', async () => {
    const client = await TestClient.start();
    try {
      const uri = 'file:///tmp/平潭-2021.txt';
      await client.open(uri, read('test/fixtures/cross/tab/pingtan-2021.txt'), 'plaintext');
      const r = (await client.conn.sendRequest(NEXT_YEAR_REQUEST, { uri })) as NextYearResult;
      assert.equal(r.year, 2022);
      const report = readReport(r.text!);
      assert.equal(report.reportYear, 2022);
      assert.deepEqual(report.applications?.rows.get('carried')?.values.map((c) => c?.text), ['1', '0', '0', '0', '0', '0', '1']);
      // the 2022 pipe sample: its 2019 tables upgraded, what goes named in the notes (in Chinese, the default)
      const sent = (await client.conn.sendRequest(NEXT_YEAR_REQUEST, { uri: 'untitled:Untitled-1', text: read('samples/2022-pipe-old-format-fullwidth.txt') })) as NextYearResult;
      assert.equal(sent.year, 2023);
      assert.ok(sent.notes?.some((n) => n.includes('其他对外管理服务事项 0/0/0')), JSON.stringify(sent.notes));
      const none = (await client.conn.sendRequest(NEXT_YEAR_REQUEST, { uri: 'untitled:Untitled-2', text: '一、总体情况\n无。\n' })) as NextYearResult;
      assert.match(none.error ?? '', /无法确定报告年度/);
    } finally {
      await client.stop();
    }
  });

  test('the format-version quick fix “将此表升级为 2021 年格式” in the editor: its title names what goes; it writes what fixText writes', async () => {
    const client = await TestClient.start();
    try {
      const uri = 'file:///tmp/2022-pipe-old-format-fullwidth.txt';
      const text = read('samples/2022-pipe-old-format-fullwidth.txt');
      const diags = await client.open(uri, text, 'plaintext');
      const fv = diags.find((d) => d.code === 'format-version')!;
      const actions = (await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: fv.range, context: { diagnostics: [fv] } })) as CodeAction[];
      const upgrade = actions.find((a) => a.title.startsWith('将此表升级为 2021 年格式'))!;
      assert.equal(upgrade.title, '将此表升级为 2021 年格式（删除：其他对外管理服务事项 0/0/0; 政府集中采购 0/0）');
      const edits = upgrade.edit!.changes?.[uri] ?? (upgrade.edit!.documentChanges![0] as { edits: TextEdit[] }).edits;
      assert.equal(applyTextEdits(text, edits), fixText(text, ['format']).text);
    } finally {
      await client.stop();
    }
  });
});
