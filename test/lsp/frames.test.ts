/**
 * Issue 12 items 13 and the protocol's edges: the server read over raw stdio, frame by frame. A bad
 * frame makes it log the error and exit (an editor restarts it) instead of wedging silently;
 * requests before initialize get ServerNotInitialized; an editor that never answers
 * workspace/configuration does not hang the document's checks.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { at, read } from '../helpers/repo';
import { TestClient, uriOf } from './client';
import { INITIALIZE, RawServer, frame } from './raw';

const SEED_003 = 'samples/seeds/003_efc93f8cbbb15791.txt';

async function initialized(): Promise<RawServer> {
  const s = new RawServer();
  s.send(frame(INITIALIZE));
  const r = await s.response(1);
  assert.ok(r && 'result' in r, `initialize answered: ${s.stderr}`);
  s.send(frame({ jsonrpc: '2.0', method: 'initialized', params: {} }));
  return s;
}

const SHUTDOWN = frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' });
const body = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'shutdown' });

describe('item 13: bad frames on stdio', () => {
  const bad: [string, Buffer | string][] = [
    ['Content-Length that is not a number', `Content-Length: abc\r\n\r\n${body}`],
    ['a header line without a colon', `Content-Length ${body.length}\r\n\r\n${body}`],
    ['LF-only separators', `Content-Length: ${body.length}\n\n${body}`],
    ['a Content-Length shorter than the body (the rest would be read as the next header)', `Content-Length: 10\r\n\r\n${body}`],
    ['a Content-Length over the 256 MB limit', `Content-Length: 999999999999\r\n\r\n${body}`],
    ['a header without Content-Length', `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${body}`],
    ['random bytes', Buffer.from([0x17, 0xfe, 0x00, 0x42, 0x9c, 0x0d, 0x0a, 0x0d, 0x0a])],
    ['a body that is not JSON', `Content-Length: 9\r\n\r\nnot json!`],
  ];
  for (const [name, bytes] of bad) {
    test(`${name}: the error is logged and the server exits (1) instead of hanging`, async () => {
      const s = await initialized();
      s.send(bytes);
      s.send(SHUTDOWN); // a well-formed request after it: never answered by a wedged server
      assert.equal(await s.exitWithin(8000), 1, `stderr: ${s.stderr}`);
      assert.match(s.stderr, /nianbao-language-server: bad message frame: .+; exiting/);
    });
  }

  test('a message that stays incomplete (its Content-Length promised more) ends the server after 10 s', async () => {
    const s = await initialized();
    s.send(`Content-Length: ${body.length + 50}\r\n\r\n${body}`);
    assert.equal(await s.exitWithin(20_000), 1);
    assert.match(s.stderr, /bad message frame: a message stayed incomplete for 10 s; exiting/);
  });

  test('input that ends inside a message: logged, exit 1', async () => {
    const s = await initialized();
    s.send(`Content-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`);
    s.proc.stdin.end();
    assert.equal(await s.exitWithin(8000), 1);
    assert.match(s.stderr, /bad message frame: the input ended inside a message/);
  });

  test('well-formed frames in any chunking are read: byte by byte, several in one write, headers in any case', async () => {
    const s = new RawServer();
    for (const b of frame(INITIALIZE)) s.send(Buffer.from([b]));
    assert.ok((await s.response(1))?.result, s.stderr);
    const hover = (id: number) => frame({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { textDocument: { uri: 'untitled:x' }, position: { line: 0, character: 0 } } });
    s.send(Buffer.concat([frame({ jsonrpc: '2.0', method: 'initialized', params: {} }), hover(3), hover(4)]));
    const lower = Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'shutdown' }));
    s.send(Buffer.concat([Buffer.from(`content-length: ${lower.length}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n`), lower]));
    assert.deepEqual([(await s.response(3))?.result, (await s.response(4))?.result, (await s.response(5))?.result], [null, null, null]);
    s.send(frame({ jsonrpc: '2.0', method: 'exit' }));
    assert.equal(await s.exitWithin(8000), 0);
    assert.equal(s.stderr, '');
  });
});

describe('requests before initialize', () => {
  test('are answered with ServerNotInitialized (-32002), not null', async () => {
    const s = new RawServer();
    s.send(frame({ jsonrpc: '2.0', id: 7, method: 'textDocument/hover', params: { textDocument: { uri: 'untitled:x' }, position: { line: 0, character: 0 } } }));
    s.send(frame({ jsonrpc: '2.0', id: 8, method: 'nianbao/summary', params: { uri: 'untitled:x' } }));
    s.send(frame({ jsonrpc: '2.0', id: 9, method: 'workspace/executeCommand', params: { command: 'nianbao.server.fixAllTotals', arguments: ['untitled:x'] } }));
    for (const id of [7, 8, 9]) assert.equal((await s.response(id))?.error?.code, -32002, `request ${id}`);
    s.send(frame(INITIALIZE));
    assert.ok((await s.response(1))?.result);
    s.proc.kill();
    await s.exited;
  });
});

describe('an editor that never answers workspace/configuration', () => {
  test('the document is checked with the defaults after a time-out, said once; its requests answer', async () => {
    const client = await TestClient.start({ answerConfiguration: false });
    try {
      const uri = uriOf(at(SEED_003));
      const found = await client.open(uri, read(SEED_003)); // waits 10 s at most: the time-out is 5 s
      assert.ok(found.some((d) => d.code === 'total-mismatch'));
      assert.ok(client.messages.some((m) => /workspace\/configuration not answered; defaults used/.test(m.message)), JSON.stringify(client.messages));
    } finally {
      await client.stop();
    }
  });
});
