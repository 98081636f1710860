/**
 * Issue 12, the server side: config files that are FIFOs or lie above the workspace folder, an
 * untrusted workspace's sizeLimit, edit bursts, and "ignore this finding" writing through links.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CodeActionRequest, ExecuteCommandRequest, HoverRequest, type CodeAction } from 'vscode-languageserver-protocol';
import { read } from '../helpers/repo';
import { TestClient, uriOf } from './client';
import { frame } from './raw';

const SEED_003 = 'samples/seeds/003_efc93f8cbbb15791.txt';

function workspace(): { top: string; ws: string; draft: string } {
  const top = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-lsphard-'));
  const ws = path.join(top, 'ws');
  fs.mkdirSync(path.join(ws, 'drafts'), { recursive: true });
  const draft = path.join(ws, 'drafts', 'draft.txt');
  fs.writeFileSync(draft, read(SEED_003));
  return { top, ws, draft };
}

/** Resolves to the value, or to 'timed out' after `ms` (a test of a hang must not hang). */
const within = <T>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<'timed out'>((r) => setTimeout(() => r('timed out'), ms))]);

describe('item 5: config files and the server', () => {
  test('a FIFO as .nianbaorc.json neither freezes the server nor the document: a message names it, defaults apply', async () => {
    const { ws, draft } = workspace();
    execFileSync('mkfifo', [path.join(ws, '.nianbaorc.json')]);
    const client = await TestClient.start({ workspaceFolders: [ws] });
    try {
      const diags = await within(client.open(uriOf(draft), read(SEED_003)), 10_000);
      assert.notEqual(diags, 'timed out', 'the draft is checked');
      assert.ok((diags as { code?: unknown }[]).some((d) => d.code === 'total-mismatch'));
      assert.ok(client.messages.some((m) => m.message.includes(`${path.join(ws, '.nianbaorc.json')}: 无法读取配置文件：不是普通文件`)), JSON.stringify(client.messages));
      const other = await within(client.open('untitled:other', read(SEED_003)), 10_000);
      assert.notEqual(other, 'timed out', 'other documents too');
    } finally {
      await client.stop();
    }
  });

  test('the upward search ends at the workspace folder: a config above it is not read', async () => {
    const { top, ws, draft } = workspace();
    fs.writeFileSync(path.join(top, '.nianbaorc.json'), JSON.stringify({ rules: { 'total-mismatch': 'off' } }));
    const client = await TestClient.start({ workspaceFolders: [ws] });
    try {
      const diags = await client.open(uriOf(draft), read(SEED_003));
      assert.ok(diags.some((d) => d.code === 'total-mismatch'), 'the config above the workspace folder is not read');
      fs.writeFileSync(path.join(ws, '.nianbaorc.json'), JSON.stringify({ rules: { 'total-mismatch': 'off' } }));
      const from = client.published.length;
      await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path.join(ws, '.nianbaorc.json')), type: 1 }] });
      await client.waitFor('re-check', () => client.published.slice(from).some((p) => p.uri === uriOf(draft)));
      assert.ok(!client.last(uriOf(draft))!.diagnostics.some((d) => d.code === 'total-mismatch'), 'the one at the workspace folder is');
    } finally {
      await client.stop();
    }
  });
});

describe('item 7: an untrusted workspace cannot raise sizeLimit', () => {
  test('its .nianbaorc.json sizeLimit above the default is ignored (and said), until the workspace is trusted', async () => {
    const { ws, draft } = workspace();
    fs.writeFileSync(path.join(ws, '.nianbaorc.json'), JSON.stringify({ sizeLimit: 4_000_000 }));
    const seed = read(SEED_003);
    const text = seed.repeat(Math.ceil(3_000_000 / seed.length));
    const partly = (diags: { code?: unknown }[]) => diags.some((d) => d.code === 'partly-checked');
    const trusted = await TestClient.start({ workspaceFolders: [ws] });
    try {
      assert.ok(!partly(await trusted.open(uriOf(draft), text, 'nianbao')), 'trusted (the default): checked whole');
    } finally {
      await trusted.stop();
    }
    const client = await TestClient.start({ workspaceFolders: [ws], initializationOptions: { trusted: false } });
    try {
      assert.ok(partly(await client.open(uriOf(draft), text, 'nianbao')), 'untrusted: checked up to the default limit');
      assert.ok(client.messages.some((m) => /untrusted workspace: a sizeLimit above the default is ignored/.test(m.message)));
      const from = client.published.length;
      await client.conn.sendNotification('nianbao/didGrantTrust');
      await client.waitFor('re-check once trusted', () => client.published.slice(from).some((p) => p.uri === uriOf(draft)));
      assert.ok(!partly(client.last(uriOf(draft))!.diagnostics), 'trusted now: checked whole');
    } finally {
      await client.stop();
    }
  });
});

describe('item 14: edit bursts', () => {
  test('300 one-character edits of a 1 MB draft: few versions are checked, the last diagnostics are of the last version, a hover answers', async () => {
    const seed = read(SEED_003);
    const text = seed.repeat(Math.ceil(1_000_000 / Buffer.byteLength(seed)));
    const client = await TestClient.start();
    try {
      const uri = 'untitled:burst';
      await client.open(uri, text, 'nianbao');
      const from = client.published.length;
      let version = 1;
      for (let i = 0; i < 300; i++) version = await client.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '字' }]);
      const hover = client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 331, character: 1 } });
      const diags = await client.diagnostics(uri, version, from);
      assert.ok(diags.some((d) => d.code === 'total-mismatch'));
      assert.ok(await hover, 'the hover of the newest version');
      const checked = client.published.slice(from).filter((p) => p.uri === uri).map((p) => p.version);
      assert.equal(checked.at(-1), version, 'the last diagnostics are of the last version');
      assert.ok(checked.length <= 30, `versions checked: ${checked.length} (${checked.join(', ')})`);
    } finally {
      await client.stop();
    }
  });

  test('changes read at once: only the newest version is checked and published; a change without changes holds nothing back', async () => {
    const client = await TestClient.start();
    try {
      const uri = 'untitled:together';
      await client.open(uri, read(SEED_003), 'nianbao');
      const at = { line: 1, character: 0 };
      const change = (version: number, contentChanges: unknown[]) => frame({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri, version }, contentChanges } });
      // after a pause (the first change of a burst is checked at once), five changes in one write: the server reads
      // them together, before the first is applied
      await new Promise((r) => setTimeout(r, 120));
      let from = client.published.length;
      client.proc.stdin.write(Buffer.concat([2, 3, 4, 5, 6].map((v) => change(v, [{ range: { start: at, end: at }, text: '字' }]))));
      await client.diagnostics(uri, 6, from);
      await new Promise((r) => setTimeout(r, 300)); // anything else the server would publish
      assert.deepEqual(client.published.slice(from).filter((p) => p.uri === uri).map((p) => p.version), [6]);
      // a didChange with no change is not applied (TextDocuments ignores it): it does not stand for a newer version
      await new Promise((r) => setTimeout(r, 120));
      from = client.published.length;
      client.proc.stdin.write(Buffer.concat([change(7, [{ range: { start: at, end: at }, text: '字' }]), change(8, [])]));
      await client.diagnostics(uri, 7, from);
    } finally {
      await client.stop();
    }
  });

  test('an isolated edit is checked (its own version), and so is each of a few slow edits', async () => {
    const client = await TestClient.start();
    try {
      const uri = 'untitled:slow';
      await client.open(uri, read(SEED_003), 'nianbao');
      for (let i = 0; i < 3; i++) {
        const from = client.published.length;
        const v = await client.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '字' }]);
        await client.diagnostics(uri, v, from);
        await new Promise((r) => setTimeout(r, 120)); // a pause longer than a burst's
      }
    } finally {
      await client.stop();
    }
  });
});

describe('item 15: "ignore this finding" writes only inside the workspace folder', () => {
  async function ignoreTotal(client: TestClient, uri: string) {
    const diags = await client.open(uri, read(SEED_003));
    const total = diags.find((d) => d.code === 'total-mismatch')!;
    const actions = (await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: total.range, context: { diagnostics: [total] } })) as CodeAction[];
    return actions.find((a) => a.command?.command === 'nianbao.server.ignoreFinding');
  }

  test('a .nianbaorc.json that links out of the workspace (to a package.json) is not written through', async () => {
    const { top, ws, draft } = workspace();
    const outside = path.join(top, 'package.json');
    fs.writeFileSync(outside, '{ "name": "someone-else" }\n');
    fs.symlinkSync(outside, path.join(ws, '.nianbaorc.json'));
    const client = await TestClient.start({ workspaceFolders: [ws] });
    try {
      const action = await ignoreTotal(client, uriOf(draft));
      assert.ok(action, 'offered');
      await assert.rejects(client.conn.sendRequest(ExecuteCommandRequest.type, action!.command!), /指向工作区文件夹之外.*未写入 \(leads outside the workspace folder; not written\)/);
      assert.equal(fs.readFileSync(outside, 'utf8'), '{ "name": "someone-else" }\n');
      assert.ok(fs.lstatSync(path.join(ws, '.nianbaorc.json')).isSymbolicLink());
    } finally {
      await client.stop();
    }
  });

  test('the write is atomic (a new file renamed into place, its mode kept), and nothing is left beside it', async () => {
    const { ws, draft } = workspace();
    const rc = path.join(ws, '.nianbaorc.json');
    fs.writeFileSync(rc, JSON.stringify({ rules: { 'blank-cell': 'off' } }));
    fs.chmodSync(rc, 0o640);
    const before = fs.statSync(rc);
    const client = await TestClient.start({ workspaceFolders: [ws] });
    try {
      const action = await ignoreTotal(client, uriOf(draft));
      await client.conn.sendRequest(ExecuteCommandRequest.type, action!.command!);
      const after = fs.statSync(rc);
      assert.notEqual(after.ino, before.ino, 'renamed into place');
      assert.equal(after.mode & 0o777, 0o640);
      assert.deepEqual(JSON.parse(fs.readFileSync(rc, 'utf8')), { rules: { 'blank-cell': 'off' }, ignore: [{ code: 'total-mismatch', file: 'drafts/draft.txt', line: 332 }] });
      assert.deepEqual(fs.readdirSync(ws).sort(), ['.nianbaorc.json', 'drafts']);
    } finally {
      await client.stop();
    }
  });

  test('a new .nianbaorc.json is created exclusively, with the mode any new file gets (not the temporary file’s 0600)', async () => {
    const { ws, draft } = workspace();
    const probe = path.join(ws, 'probe');
    fs.writeFileSync(probe, ''); // the umask applied to a new file
    const usual = fs.statSync(probe).mode & 0o777;
    fs.rmSync(probe);
    const client = await TestClient.start({ workspaceFolders: [ws] });
    try {
      const action = await ignoreTotal(client, uriOf(draft));
      await client.conn.sendRequest(ExecuteCommandRequest.type, action!.command!);
      const rc = path.join(ws, '.nianbaorc.json');
      assert.equal(fs.statSync(rc).mode & 0o777, usual);
      assert.equal(fs.statSync(rc).nlink, 1, 'the temporary name is gone');
      assert.deepEqual(fs.readdirSync(ws).sort(), ['.nianbaorc.json', 'drafts']);
    } finally {
      await client.stop();
    }
  });

  test('a draft outside every workspace folder gets no ignore action, and the command is refused', async () => {
    const { ws, draft } = workspace();
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-lsphard-other-'));
    const client = await TestClient.start({ workspaceFolders: [elsewhere] });
    try {
      const uri = uriOf(draft);
      assert.equal(await ignoreTotal(client, uri), undefined);
      await assert.rejects(client.conn.sendRequest(ExecuteCommandRequest.type, { command: 'nianbao.server.ignoreFinding', arguments: [{ uri, code: 'total-mismatch', line: 331 }] }), /not inside a workspace folder/);
      assert.deepEqual(fs.readdirSync(ws).sort(), ['drafts']);
      assert.deepEqual(fs.readdirSync(path.dirname(draft)), ['draft.txt']);
    } finally {
      await client.stop();
    }
  });
});


