/**
 * wrong-encoding over the protocol: a GBK draft that the editor decoded as UTF-8 (what VS Code sends when
 * it opened the file with the wrong encoding) gets one diagnostic, and no code action that edits the text.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CodeActionRequest, type CodeAction } from 'vscode-languageserver-protocol';
import { at } from '../helpers/repo';
import { TestClient, uriOf } from './client';

const garbled = () => new TextDecoder('utf-8').decode(fs.readFileSync(at('test/fixtures/encoding/seed-003-gb18030.txt')));

describe('wrong-encoding in the language server', () => {
  let client: TestClient;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-lsp-enc-'));
  before(async () => {
    client = await TestClient.start({ locale: 'zh-cn', workspaceFolders: [dir] });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a nianbao document with the GBK seed read as UTF-8: one error, naming GB18030; no action edits the text', async () => {
    const uri = uriOf(path.join(dir, '东丽区科技局2020年度报告.txt'));
    const diags = await client.open(uri, garbled(), 'nianbao');
    assert.deepEqual(diags.map((d) => [d.code, d.severity]), [['wrong-encoding', 1]]);
    const [d] = diags;
    assert.equal(d.range.start.line, 1);
    assert.match(typeof d.message === 'string' ? d.message : d.message.value, /GB18030/);
    const actions = (await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    assert.deepEqual(actions.filter((a) => a.edit), [], 'no edit of the garbled text');
    const fixAll = (await client.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.nianbao'] },
    })) as CodeAction[];
    assert.deepEqual(fixAll, [], 'fix on save changes nothing');
    await client.closeDoc(uri);
  });

  test('as plain text it is not taken for a report (nothing in it says so): no diagnostics', async () => {
    const uri = uriOf(path.join(dir, 'draft.txt'));
    assert.deepEqual(await client.open(uri, garbled(), 'plaintext'), []);
    await client.closeDoc(uri);
  });
});
