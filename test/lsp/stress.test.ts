/**
 * The language server under stress and against bad input (issue 6): a storm of edits, requests for
 * closed documents, out-of-range positions and invalid URIs, closing, cancellation, bad settings.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CancellationTokenSource,
  CodeActionRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  InlayHintRequest,
  LSPErrorCodes,
  ResponseError,
} from 'vscode-languageserver-protocol';
import { rng } from '../../bench/generate';
import { asDiagnostics, difference, expectedFindings, fromDiagnostic } from '../helpers/expectations';
import { read } from '../helpers/repo';
import { TestClient } from './client';

const SEED_003 = 'samples/seeds/003_efc93f8cbbb15791.txt';


/** A draft made only of table rows: about a second of checking for the server, well under the size limit. */
const heavy = () => ('一、本年新收政府信息公开申请数量\t1\t2\t3\t4\t5\t6\t21\n' + '0\t'.repeat(60) + '\n').repeat(3000);

describe('language server under stress', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    await client.stop();
  });

  test('1,000 rapid edits, sent without waiting: the last diagnostics published are those of the final text', async () => {
    // 500 random edits, then each undone, the last first: the final text is seed 003 again, whose findings are written by hand
    const uri = 'untitled:storm';
    const seed = read(SEED_003);
    await client.open(uri, seed, 'nianbao');
    const from = client.published.length;
    const random = rng(6);
    const typed = ['1', '0', '9', '\t', '\n', ' ', '一', '|', '总计', '\u3000', '１'];
    let version = 1;
    const undo: { at: number; removed: string; inserted: string }[] = [];
    const send = async (at: number, length: number, text: string) => {
      const doc = client.docs.get(uri)!;
      const removed = doc.getText().slice(at, at + length);
      version = await client.change(uri, [{ range: { start: doc.positionAt(at), end: doc.positionAt(at + length) }, text }]);
      return removed;
    };
    for (let i = 0; i < 500; i++) {
      const length = client.docs.get(uri)!.getText().length;
      const at = Math.floor(random() * length);
      const remove = random() < 0.4;
      const n = remove ? Math.min(1 + Math.floor(random() * 3), length - at) : 0;
      const inserted = remove ? '' : typed[Math.floor(random() * typed.length)];
      undo.push({ at, removed: await send(at, n, inserted), inserted });
    }
    assert.notEqual(client.text(uri), seed);
    for (const u of undo.reverse()) await send(u.at, u.inserted.length, u.removed);
    assert.equal(version, 1001);
    assert.equal(client.text(uri), seed);
    // the server checks a burst's versions one by one: on a loaded machine the last comes late, so wait longer than for one check
    await client.waitFor(`diagnostics of v${version}`, () => client.published.slice(from).some((p) => p.uri === uri && p.version === version), 120_000);
    const final = await client.diagnostics(uri, version, from);
    assert.deepEqual(difference(asDiagnostics(expectedFindings(SEED_003)), final.map(fromDiagnostic)), []);
    // and the server holds that text, not the one it was opened with: the 1 the （七）总计 自然人 cell wants, typed after its U+00A0
    const line = seed.split('\n')[331];
    assert.equal(line, '\t\u00a0');
    const fixed = await client.change(uri, [{ range: { start: { line: 331, character: 2 }, end: { line: 331, character: 2 } }, text: '1' }]);
    const after = await client.diagnostics(uri, fixed, from);
    assert.deepEqual(difference(asDiagnostics(expectedFindings(SEED_003)).filter((e) => e.code !== 'total-mismatch'), after.map(fromDiagnostic)), []);
    // nothing older arrives after the final version, and versions only go up
    const summary = await client.conn.sendRequest('nianbao/summary', { uri });
    assert.ok(summary, 'still answering');
    const versions = client.published.slice(from).filter((p) => p.uri === uri).map((p) => p.version!);
    assert.equal(versions.at(-1), 1002);
    assert.deepEqual([...versions].sort((a, b) => a - b), versions);
    await client.closeDoc(uri);
  });

  test('closing a document clears its diagnostics', async () => {
    const uri = 'untitled:closing';
    const diags = await client.open(uri, read(SEED_003), 'nianbao');
    assert.ok(diags.length > 0);
    const from = client.published.length;
    await client.closeDoc(uri);
    await client.waitFor('empty diagnostics after close', () => client.published.slice(from).some((p) => p.uri === uri && p.diagnostics.length === 0));
    assert.deepEqual(client.last(uri)!.diagnostics, []);
  });

  test('closed documents, invalid URIs, out-of-range and reversed ranges: defaults, never a crash', async () => {
    const closed = 'untitled:closed-again';
    await client.open(closed, read(SEED_003), 'nianbao');
    await client.closeDoc(closed);
    const far = { line: 2 ** 31 - 1, character: 2 ** 31 - 1 };
    const zero = { line: 0, character: 0 };
    for (const uri of [closed, 'not a uri', '', 'file://', 'file:///%E0%A4%A', 'file:///\u0000', 'vscode-vfs://github/x/y/%zz.txt', 'untitled:']) {
      const textDocument = { uri };
      assert.equal(await client.conn.sendRequest(HoverRequest.type, { textDocument, position: zero }), null, uri);
      assert.deepEqual(await client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument }), [], uri);
      assert.deepEqual(await client.conn.sendRequest(FoldingRangeRequest.type, { textDocument }), [], uri);
      assert.deepEqual(await client.conn.sendRequest(InlayHintRequest.type, { textDocument, range: { start: zero, end: far } }), [], uri);
      assert.deepEqual(await client.conn.sendRequest(CodeActionRequest.type, { textDocument, range: { start: zero, end: far }, context: { diagnostics: [] } }), [], uri);
      assert.equal(await client.conn.sendRequest('nianbao/summary', { uri }), null, uri);
    }
    // documents opened under strange URIs are checked like any other
    for (const uri of ['not a uri', 'file:///%E0%A4%A', 'vscode-vfs://github/x/y/%zz.txt']) {
      const diags = await client.open(uri, read(SEED_003), 'nianbao');
      assert.ok(diags.some((d) => d.code === 'total-mismatch'), uri);
      await client.closeDoc(uri);
    }
    const open = 'untitled:ranges';
    await client.open(open, read(SEED_003), 'nianbao');
    const textDocument = { uri: open };
    const reversed = { start: { line: 400, character: 3 }, end: { line: 2, character: 0 } };
    for (const range of [reversed, { start: { line: -1, character: -1 }, end: far }, { start: far, end: far }]) {
      const hints = await client.conn.sendRequest(InlayHintRequest.type, { textDocument, range });
      assert.ok(Array.isArray(hints));
      const actions = await client.conn.sendRequest(CodeActionRequest.type, { textDocument, range, context: { diagnostics: [] } });
      assert.ok(Array.isArray(actions));
    }
    for (const position of [far, { line: -3, character: 5 }, { line: 331, character: -1 }]) {
      await client.conn.sendRequest(HoverRequest.type, { textDocument, position });
    }
    assert.equal(client.proc.exitCode, null, 'the server is still running');
    await client.closeDoc(open);
  });

  test('a request cancelled while the server is busy with a long check gets RequestCancelled; the same request uncancelled is answered', async () => {
    const uri = 'untitled:heavy';
    await client.open(uri, heavy(), 'nianbao');
    const params = { textDocument: { uri } };
    // the change keeps the server busy for its check; the request and its cancellation wait behind it
    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
    const source = new CancellationTokenSource();
    const cancelled = client.conn.sendRequest(DocumentSymbolRequest.type, params, source.token);
    source.cancel();
    await assert.rejects(cancelled, (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled);
    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: '' }]);
    const answered = await client.conn.sendRequest(DocumentSymbolRequest.type, params, new CancellationTokenSource().token);
    assert.ok(Array.isArray(answered));
    await client.closeDoc(uri);
  });
});

describe('language server: a wrong sizeLimit setting', () => {
  let settings: unknown = { sizeLimit: 'big' };
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ settings: () => settings });
  });
  after(async () => {
    await client.stop();
  });

  test('falls back to the default and is reported once', async () => {
    const uri = 'untitled:limit';
    const before = client.messages.length;
    const diags = await client.open(uri, read(SEED_003), 'nianbao');
    assert.ok(diags.some((d) => d.code === 'total-mismatch'));
    assert.ok(!diags.some((d) => d.code === 'partly-checked'), 'the default limit is far above a report');
    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
    await client.diagnostics(uri, 2);
    const shown = client.messages.slice(before).filter((m) => m.message.includes('“sizeLimit”'));
    assert.equal(shown.length, 1);
    assert.match(shown[0].message, /“sizeLimit” 无效/);
    // a valid limit below the draft's length: checked in part
    settings = { sizeLimit: 1000 };
    await client.configurationChanged();
    await client.waitFor('partly-checked', () => !!client.last(uri)?.diagnostics.some((d) => d.code === 'partly-checked'));
    settings = null;
    await client.closeDoc(uri);
  });
});
