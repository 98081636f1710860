/**
 * Security (issue 6): no network, no eval, no file read that was not given, and the extension's
 * claims about untrusted and virtual workspaces backed by what the code does.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CodeActionRequest, DidChangeWatchedFilesNotification, DocumentSymbolRequest, ExecuteCommandRequest, FileChangeType, HoverRequest } from 'vscode-languageserver-protocol';
import { at, read } from '../helpers/repo';
import { spy } from '../helpers/spy';
import type { WorkspaceCheckResult } from '../../shared/protocol';
import { TestClient, uriOf } from './client';

const SEED_003 = 'samples/seeds/003_efc93f8cbbb15791.txt';
/** Node modules that reach the network or start programs. */
const REACHING_OUT = ['net', 'http', 'https', 'http2', 'tls', 'dns', 'dgram', 'child_process', 'cluster', 'inspector'];

/** The Node built-ins a bundle requires, by the bundled file that requires them (esbuild's `// path` markers). */
function builtinsBySource(bundle: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  let source = '(top)';
  for (const line of fs.readFileSync(at(bundle), 'utf8').split('\n')) {
    // `// node_modules/x/y.js`, or with the path esbuild printed when node_modules is a link (`// ../../x/node_modules/…`)
    const marker = /^\/\/ (?:\S*\/)?((?:node_modules|server\/src|client\/src)\/\S+)$/.exec(line);
    if (marker) source = marker[1];
    for (const m of line.matchAll(/\brequire\("(?:node:)?([a-z_0-9/]+)"\)/g)) {
      if (!out.has(m[1])) out.set(m[1], new Set());
      out.get(m[1])!.add(source);
    }
  }
  return out;
}

function sources(dir: string): string[] {
  return fs.readdirSync(at(dir), { recursive: true, withFileTypes: true }).filter((d) => d.isFile() && d.name.endsWith('.ts')).map((d) => path.join(d.parentPath, d.name));
}

describe('security: no network', () => {
  test('dist/cli.js requires nothing that reaches out: no net, http, https, tls, dns, child_process; no fetch', () => {
    const used = builtinsBySource('dist/cli.js');
    assert.deepEqual(
      REACHING_OUT.filter((m) => used.has(m)),
      [],
    );
    // crypto: the random names of temporary files; os: the home folder, where the search for .nianbaorc.json ends
    assert.deepEqual([...used.keys()].sort(), ['buffer', 'crypto', 'fs', 'os', 'path', 'stream', 'string_decoder', 'url', 'util'].filter((m) => used.has(m)));
    assert.doesNotMatch(fs.readFileSync(at('dist/cli.js'), 'utf8'), /\bfetch\(|XMLHttpRequest|WebSocket/);
  });

  test('dist/server.js: only vscode-jsonrpc’s socket and pipe transports require net, only an unused helper of vscode-languageserver requires child_process', () => {
    const used = builtinsBySource('dist/server.js');
    const reaching = Object.fromEntries(REACHING_OUT.filter((m) => used.has(m)).map((m) => [m, [...used.get(m)!].sort()]));
    assert.deepEqual(reaching, {
      // --socket=PORT and --pipe=NAME (the editor's choice of transport); --stdio and --node-ipc need no network
      net: ['node_modules/vscode-jsonrpc/lib/node/main.js'],
      // Files.resolveGlobalNodePath / resolveGlobalYarnPath run npm or yarn; nothing of ours calls them
      child_process: ['node_modules/vscode-languageserver/lib/node/files.js'],
    });
    const ours = [...sources('server/src'), ...sources('client/src')].map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    assert.doesNotMatch(ours, /resolveGlobal(?:Node|Yarn)Path|resolveModulePath|Files\.resolve/);
    assert.doesNotMatch(fs.readFileSync(at('dist/server.js'), 'utf8'), /\bfetch\(|XMLHttpRequest|WebSocket/);
  });

  test('our sources use no eval and no new Function (server/src, client/src)', () => {
    const files = [...sources('server/src'), ...sources('client/src')];
    assert.ok(files.length > 30);
    for (const f of files) {
      const src = fs.readFileSync(f, 'utf8');
      assert.doesNotMatch(src, /\beval\s*\(|\bnew\s+Function\b|(?<![.\w])Function\s*\(/, f);
      assert.doesNotMatch(src, /from '(?:node:)?(?:child_process|net|http|https|tls|dns|dgram)'/, f);
    }
    for (const bundle of ['dist/cli.js', 'dist/server.js']) assert.doesNotMatch(fs.readFileSync(at(bundle), 'utf8'), /\beval\(|\bnew Function\(/, bundle);
  });
});

describe('security: what the programs touch when they run', () => {
  function workspace() {
    const top = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-sec-'));
    const ws = path.join(top, 'ws');
    fs.mkdirSync(path.join(ws, 'a', 'b'), { recursive: true });
    fs.writeFileSync(path.join(ws, '.nianbaorc.json'), JSON.stringify({ rules: { 'blank-cell': 'off' } }));
    fs.writeFileSync(path.join(ws, 'a', 'b', 'draft.txt'), '磁盘上的版本，不是编辑器里的文本\n');
    fs.writeFileSync(path.join(ws, 'other.txt'), read(SEED_003));
    // a report outside the workspace folder, linked from inside it: the server must not follow the links
    const outside = path.join(top, 'outside');
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'secret.txt'), read(SEED_003));
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(ws, 'linked-report.txt'));
    fs.symlinkSync(outside, path.join(ws, 'linked-folder'));
    return ws;
  }
  const outsideOf = (ws: string) => path.join(path.dirname(ws), 'outside');
  /** A path inside the workspace folder. */
  const insideWs = (ws: string, p: string) => p === ws || p.startsWith(ws + path.sep);

  /** Starts the server with the spy on it. */
  async function spiedServer(ws: string) {
    const s = spy();
    const saved = { ...process.env };
    Object.assign(process.env, { NODE_OPTIONS: s.env.NODE_OPTIONS, NIANBAO_SPY_LOG: s.env.NIANBAO_SPY_LOG });
    const starting = TestClient.start({ workspaceFolders: [ws] }); // spawned now, with the spy
    process.env = saved;
    return { s, client: await starting };
  }
  const fsPathsOf = (entries: string[]) => entries.filter((e) => e.startsWith('fs ')).map((e) => e.split(' ').slice(2).join(' '));
  /** A `.nianbaorc.json` in the folder of `file` or above. */
  const configAbove = (file: string, p: string) => path.basename(p) === '.nianbaorc.json' && (path.dirname(file) + path.sep).startsWith(path.dirname(p).replace(/\/?$/, '/'));
  /** The folder of `file` or one above it (looked at: may others write there? then no config is read from it). */
  const folderAbove = (file: string, p: string) => (path.dirname(file) + path.sep).startsWith(p.replace(/\/?$/, '/'));
  /** A `.git` in the folder of `file` or above (the CLI's search ends at a repository root). */
  const gitAbove = (file: string, p: string) => path.basename(p) === '.git' && folderAbove(file, path.dirname(p));

  test('the server reads the .nianbaorc.json above the file and, for the checks across reports and the workspace command, files inside the workspace folder only: never through a link out of it; no network, no program started', async () => {
    const ws = workspace();
    const draft = path.join(ws, 'a', 'b', 'draft.txt');
    const { s, client } = await spiedServer(ws);
    try {
      const uris = [uriOf(draft), 'untitled:Untitled-1', 'vscode-vfs://github/org/repo/report.txt'];
      for (const uri of uris) {
        const diags = await client.open(uri, read(SEED_003), 'nianbao');
        assert.ok(diags.some((d) => d.code === 'total-mismatch'), 'checks the text it was sent, not the file');
        assert.equal(diags.some((d) => d.code === 'blank-cell'), uri !== uriOf(draft), '.nianbaorc.json applies to the file only');
        const textDocument = { uri };
        await client.conn.sendRequest(HoverRequest.type, { textDocument, position: { line: 331, character: 1 } });
        await client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument });
        await client.conn.sendRequest(CodeActionRequest.type, { textDocument, range: { start: { line: 331, character: 0 }, end: { line: 331, character: 2 } }, context: { diagnostics: [] } });
        await client.conn.sendRequest(ExecuteCommandRequest.type, { command: 'nianbao.server.fixAllTotals', arguments: [uri] }).catch(() => undefined);
      }
      await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(path.join(ws, '.nianbaorc.json')), type: FileChangeType.Changed }] });
      await client.conn.sendRequest('nianbao/summary', { uri: uris[0] });
      const r = (await client.conn.sendRequest('nianbao/checkWorkspace', {})) as WorkspaceCheckResult;
      assert.equal(r.reports, 1, 'other.txt (draft.txt is not a report on disk)');
      assert.equal(r.linksNotFollowed, 2);
    } finally {
      await client.stop();
    }
    const entries = s.entries();
    const fsPaths = fsPathsOf(entries);
    assert.ok(fsPaths.includes(path.join(ws, '.nianbaorc.json')), `the config was read: ${entries.join('; ')}`);
    assert.ok(entries.includes(`fs openSync ${path.join(ws, 'other.txt')}`), 'the workspace report was read');
    assert.deepEqual(
      fsPaths.filter((p) => p !== at('dist/server.js') && !configAbove(draft, p) && !folderAbove(draft, p) && !insideWs(ws, p)), // node loads the program itself
      [],
    );
    assert.deepEqual(
      fsPaths.filter((p) => p.startsWith(outsideOf(ws))),
      [],
      'nothing outside the folder is named, let alone opened',
    );
    // what is opened through a link-free path inside the folder: the config, the report, the draft (a workspace file)
    assert.deepEqual(
      entries.filter((e) => /^fs (open|readFile)/.test(e) && !e.endsWith(at('dist/server.js'))).map((e) => e.split(' ').slice(2).join(' ')).filter((p) => p.includes('linked-')),
      [],
    );
    assert.deepEqual(
      entries.filter((e) => !e.startsWith('fs ')),
      [],
    );
  });

  test('only for these features: documents not in a workspace folder make the server read nothing of the folder', async () => {
    const ws = workspace();
    const { s, client } = await spiedServer(ws);
    try {
      for (const uri of ['untitled:Untitled-1', 'vscode-vfs://github/org/repo/report.txt']) {
        assert.ok((await client.open(uri, read(SEED_003), 'nianbao')).some((d) => d.code === 'total-mismatch'));
        await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 331, character: 1 } });
      }
    } finally {
      await client.stop();
    }
    assert.deepEqual(
      fsPathsOf(s.entries()).filter((p) => insideWs(ws, p)),
      [],
    );
  });

  test('the CLI reads the drafts it is given and the .nianbaorc.json above them; no network, no program started', () => {
    const ws = workspace();
    const s = spy();
    const r = spawnSync(process.execPath, [at('dist/cli.js'), 'check', path.join(ws, 'other.txt')], { env: s.env, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    const entries = s.entries();
    const fsPaths = entries.filter((e) => e.startsWith('fs ')).map((e) => e.split(' ').slice(2).join(' '));
    assert.ok(fsPaths.includes(path.join(ws, 'other.txt')));
    assert.deepEqual(
      fsPaths.filter((p) => p !== at('dist/cli.js') && p !== path.join(ws, 'other.txt') && !configAbove(path.join(ws, 'other.txt'), p) && !folderAbove(path.join(ws, 'other.txt'), p) && !gitAbove(path.join(ws, 'other.txt'), p)),
      [],
    );
    assert.deepEqual(
      entries.filter((e) => !e.startsWith('fs ')),
      [],
    );
  });
});

describe('security: workspace trust', () => {
  test('untrusted workspaces limited (sizeLimit and the workspace limits), virtual ones limited: the code does what the manifest says', () => {
    const pkg = JSON.parse(read('package.json'));
    // nothing from the workspace is run: no settings name a program, the client starts only the bundled
    // server, and no source starts a program; the limits are sizeLimit (test/lsp/hardening.test.ts:
    // an untrusted workspace's .nianbaorc.json cannot raise it) and how much of the workspace the server
    // reads (nianbao.workspace.maxFiles / maxMegabytes), which VS Code itself keeps from the workspace's
    // settings as restricted configurations, and the client forwards only the user's values of
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces, { supported: 'limited', restrictedConfigurations: ['nianbao.sizeLimit', 'nianbao.workspace.maxFiles', 'nianbao.workspace.maxMegabytes'], description: '%capabilities.untrustedWorkspaces.description%' });
    const nlsTrust = JSON.parse(read('package.nls.json'))['capabilities.untrustedWorkspaces.description'];
    assert.match(nlsTrust, /cannot raise `nianbao\.sizeLimit`/);
    assert.match(JSON.parse(read('package.nls.zh-cn.json'))['capabilities.untrustedWorkspaces.description'], /不能把 `nianbao\.sizeLimit` 提高/);
    assert.match(read('client/src/extension.ts'), /trusted: vscode\.workspace\.isTrusted/, 'the client tells the server');
    assert.match(nlsTrust, /nor the workspace limits `nianbao\.workspace\.maxFiles` and `nianbao\.workspace\.maxMegabytes`/);
    assert.match(read('client/src/extension.ts'), /const RESTRICTED = new Set\(\['sizeLimit', 'workspace\.maxFiles', 'workspace\.maxMegabytes'\]\)/, 'the client forwards only the user’s values of these');
    const settings = Object.keys(pkg.contributes.configuration.properties);
    assert.deepEqual(settings.filter((k) => /path|command|executable|program|args/i.test(k)), []);
    const client = read('client/src/extension.ts');
    assert.match(client, /module: context\.asAbsolutePath\(|module = context\.asAbsolutePath\(|asAbsolutePath\(path\.join\('dist', 'server\.js'\)\)|asAbsolutePath\('dist\/server\.js'\)/, 'the server module is the bundled one');
    // limited in virtual workspaces: .nianbaorc.json is read only for file: documents (the server test
    // above: nothing is read for untitled: and vscode-vfs: documents); "ignore this finding" writes a file
    assert.equal(pkg.capabilities.virtualWorkspaces.supported, 'limited');
    const nls = JSON.parse(read('package.nls.json'));
    assert.match(nls[pkg.capabilities.virtualWorkspaces.description.slice(1, -1)], /`\.nianbaorc\.json` files are not read/);
  });
});
