/**
 * Issue 15, item 4: the whole workspace in the language server. The command (nianbao/checkWorkspace)
 * publishes the diagnostics of report files never opened, drops files that are not reports, says
 * what the limits left out, follows changes on disk, never follows a link out of the folder; an
 * open document's own diagnostics win; the settings `nianbao.workspace.*` reach the server.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CodeActionRequest, DidChangeWatchedFilesNotification, FileChangeType, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';
import type { WorkspaceCheckResult } from '../../shared/protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { at, read } from '../helpers/repo';
import { TestClient, applyTextEdits, uriOf } from './client';

const SEED_003 = 'samples/seeds/003_efc93f8cbbb15791.txt'; // one total-mismatch (（七）总计, 自然人), one empty-section
const SEED_000 = 'samples/seeds/000_a8e5998f6003955d.txt'; // no finding
const SEED_004 = 'samples/seeds/004_f08e199b8ba50c35.txt';

const codes = (ds: Diagnostic[] | undefined) => (ds ?? []).map((d) => d.code).filter((c) => c !== 'blank-cell');

/** A workspace folder of three reports, two texts that are not reports, a file too large, and links out of it. */
function workspace() {
  const top = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-ws-'));
  const ws = path.join(top, 'ws');
  const outside = path.join(top, 'outside');
  fs.mkdirSync(path.join(ws, 'bureaus', 'deep'), { recursive: true });
  fs.mkdirSync(outside);
  const files = {
    a: path.join(ws, '2020年度报告.txt'),
    b: path.join(ws, 'bureaus', 'b.md'),
    c: path.join(ws, 'bureaus', 'deep', 'c.nianbao'),
    readme: path.join(ws, 'README.md'),
    notes: path.join(ws, 'bureaus', 'notes.txt'),
    large: path.join(ws, 'large.txt'),
    secret: path.join(outside, 'secret.txt'),
  };
  fs.writeFileSync(files.a, read(SEED_003));
  fs.writeFileSync(files.b, read(SEED_000));
  fs.writeFileSync(files.c, read(SEED_004));
  fs.writeFileSync(files.readme, '# 说明\n\n这些是草稿。\n');
  fs.writeFileSync(files.notes, 'meeting notes, 一、二、三\n');
  // larger than any report: never read (its size says so)
  fs.writeFileSync(files.large, `${read(SEED_003)}\n${'x'.repeat(5 * 1024 * 1024)}\n`);
  // outside the folder: a report reached only through links, which are not followed
  fs.writeFileSync(files.secret, read(SEED_003));
  fs.symlinkSync(files.secret, path.join(ws, 'link-to-secret.txt'));
  fs.symlinkSync(outside, path.join(ws, 'link-to-outside'));
  // a link inside the folder: the same file once, not twice
  fs.symlinkSync(files.a, path.join(ws, 'bureaus', 'same-as-a.txt'));
  return { top, ws, files };
}

/**
 * Tells the server that a file changed on disk (workspace/didChangeWatchedFiles) and waits until it publishes
 * diagnostics for `uri` (the file's own, by default) that pass `test`; answers them.
 */
async function changedOnDisk(client: TestClient, file: string, type: FileChangeType, test: (ds: Diagnostic[]) => boolean = () => true, uri = uriOf(file)): Promise<Diagnostic[]> {
  const from = client.published.length;
  await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(file), type }] });
  await client.waitFor(`diagnostics of ${uri} after ${file} changed on disk`, () => client.published.slice(from).some((p) => p.uri === uri && test(p.diagnostics)));
  return client.last(uri)!.diagnostics;
}

const checkWorkspace = (client: TestClient) => client.conn.sendRequest('nianbao/checkWorkspace', {}) as Promise<WorkspaceCheckResult>;

describe('issue 15 item 4: the workspace command', () => {
  test('publishes the findings of reports never opened; files that are not reports, too large, or reached through a link out of the folder are not', async () => {
    const { top, ws, files } = workspace();
    const client = await TestClient.start({ workspaceFolders: [ws], locale: 'en', settings: () => ({ language: 'en' }) });
    try {
      const r = await checkWorkspace(client);
      assert.deepEqual({ reports: r.reports, notReports: r.notReports, leftOut: r.leftOut, linksNotFollowed: r.linksNotFollowed }, { reports: 3, notReports: 2, leftOut: 1, linksNotFollowed: 2 });
      // seed 003: total-mismatch (error), empty-section (warning); seed 004: missing-section (error); seed 000: none
      assert.match(r.message, /^Checked 3 reports in the workspace \(2 other files are not reports\): 2 errors, 1 warnings, \d+ notes in the files not open\./);
      assert.deepEqual([r.counts.error, r.counts.warning], [2, 1]);
      assert.match(r.message, /1 files larger than 4 MB were not read\./);
      assert.match(r.message, /2 links leading outside the workspace folder were not followed\./);
      const uris = new Set(client.published.map((p) => p.uri));
      assert.deepEqual(codes(client.last(uriOf(files.a))?.diagnostics), ['total-mismatch', 'empty-section']);
      assert.ok(client.last(uriOf(files.a))!.version === undefined, 'not a document version: the file on disk');
      assert.deepEqual(codes(client.last(uriOf(files.b))?.diagnostics), []);
      assert.deepEqual(codes(client.last(uriOf(files.c))?.diagnostics), ['missing-section']);
      assert.ok(uris.has(uriOf(files.b)) && uris.has(uriOf(files.c)));
      for (const f of [files.readme, files.notes, files.large, files.secret, path.join(ws, 'link-to-secret.txt'), path.join(ws, 'link-to-outside', 'secret.txt'), path.join(ws, 'bureaus', 'same-as-a.txt')]) {
        assert.ok(!uris.has(uriOf(f)), `nothing published for ${f}`);
      }
      assert.ok(
        client.registrations.some((reg) => reg.method === 'workspace/didChangeWatchedFiles' && JSON.stringify(reg.registerOptions).includes('**/*.{txt,md,nianbao,html,htm}')),
        'the server asks the client to watch the report files',
      );
    } finally {
      await client.stop();
      fs.rmSync(top, { recursive: true, force: true });
    }
  });

  test('a file changed, created or deleted on disk: its diagnostics follow (workspace/didChangeWatchedFiles)', async () => {
    const { top, ws, files } = workspace();
    const client = await TestClient.start({ workspaceFolders: [ws] });
    try {
      await checkWorkspace(client);
      const total = client.last(uriOf(files.a))!.diagnostics.find((d) => d.code === 'total-mismatch')!;
      // the total written (1, as the hand check says): the error goes
      fs.writeFileSync(files.a, applyTextEdits(read(SEED_003), [{ range: total.range, newText: '1' }]));
      assert.deepEqual(codes(await changedOnDisk(client, files.a, FileChangeType.Changed)), ['empty-section']);

      const created = path.join(ws, 'bureaus', 'new.txt');
      fs.writeFileSync(created, read(SEED_003));
      assert.deepEqual(codes(await changedOnDisk(client, created, FileChangeType.Created)), ['total-mismatch', 'empty-section']);

      // a report rewritten into something that is not one: its diagnostics go
      fs.writeFileSync(created, 'meeting notes, 一、二\n');
      await changedOnDisk(client, created, FileChangeType.Changed, (ds) => ds.length === 0);

      fs.writeFileSync(created, read(SEED_003));
      await changedOnDisk(client, created, FileChangeType.Changed, (ds) => ds.length > 0);
      fs.rmSync(created);
      assert.deepEqual(await changedOnDisk(client, created, FileChangeType.Deleted), []);
    } finally {
      await client.stop();
      fs.rmSync(top, { recursive: true, force: true });
    }
  });

  test('an open document’s own diagnostics win; closing it brings its workspace diagnostics back', async () => {
    const { top, ws, files } = workspace();
    const client = await TestClient.start({ workspaceFolders: [ws] });
    try {
      const uri = uriOf(files.a);
      const total = (await client.open(uri, read(SEED_003))).find((d) => d.code === 'total-mismatch')!;
      await client.change(uri, [{ range: total.range, text: '1' }]);
      assert.deepEqual(codes(await client.diagnostics(uri, 2)), ['empty-section'], 'the editor’s text, not the file’s');
      const from = client.published.length;
      await checkWorkspace(client);
      assert.ok(!client.published.slice(from).some((p) => p.uri === uri), 'the open document is not published from disk');
      await client.closeDoc(uri);
      await client.waitFor('the workspace diagnostics back', () => codes(client.last(uri)?.diagnostics).includes('total-mismatch'));
      assert.equal(client.last(uri)!.version, undefined);
    } finally {
      await client.stop();
      fs.rmSync(top, { recursive: true, force: true });
    }
  });

  test('a FIFO named like a draft is neither opened nor waited on', async () => {
    const { top, ws, files } = workspace();
    execFileSync('mkfifo', [path.join(ws, 'pipe.txt')]);
    const client = await TestClient.start({ workspaceFolders: [ws] });
    try {
      const r = await checkWorkspace(client);
      assert.equal(r.reports, 3);
      assert.ok(client.published.some((p) => p.uri === uriOf(files.c)));
      assert.ok(!client.published.some((p) => p.uri === uriOf(path.join(ws, 'pipe.txt'))));
    } finally {
      await client.stop();
      fs.rmSync(top, { recursive: true, force: true });
    }
  });
});

describe('issue 15 item 7: the settings nianbao.workspace.* reach the server', () => {
  test('maxFiles: files past it are left out, and the message says how many and names the setting', async () => {
    const { top, ws } = workspace();
    const client = await TestClient.start({ workspaceFolders: [ws], settings: () => ({ language: 'en', workspace: { maxFiles: 2 } }) });
    try {
      const r = await checkWorkspace(client);
      // five files are listed (the large one aside): two are read
      assert.equal(r.leftOut, 1 + 3);
      assert.equal(r.reports + r.notReports, 2);
      assert.match(r.message, /3 files were left out by the limits \(nianbao\.workspace\.maxFiles: 2, nianbao\.workspace\.maxMegabytes: 50\)\./);
    } finally {
      await client.stop();
      fs.rmSync(top, { recursive: true, force: true });
    }
  });

  test('a limit lowered after the command (didChangeConfiguration): the files past it are listed out and their diagnostics cleared', async () => {
    const { top, ws, files } = workspace();
    let settings: unknown = null;
    const client = await TestClient.start({ workspaceFolders: [ws], settings: () => settings });
    try {
      await checkWorkspace(client);
      assert.ok(codes(client.last(uriOf(files.c))?.diagnostics).includes('missing-section'));
      settings = { workspace: { maxFiles: 2 } };
      await client.configurationChanged();
      // a and README are read first (the walk's order); b and c are past the limit now
      await client.waitFor('c cleared', () => client.last(uriOf(files.c))?.diagnostics.length === 0);
      assert.equal(client.last(uriOf(files.b))?.diagnostics.length, 0);
      assert.ok(codes(client.last(uriOf(files.a))?.diagnostics).includes('total-mismatch'));
    } finally {
      await client.stop();
      fs.rmSync(top, { recursive: true, force: true });
    }
  });

  test('maxMegabytes: reading stops at the megabytes given; the message is Chinese by default', async () => {
    const { top, ws } = workspace();
    // 0.7 MB each, not reports: the second is past a limit of 1 MB
    for (const n of ['1', '2']) fs.writeFileSync(path.join(ws, `padding-${n}.txt`), 'x'.repeat(700 * 1024));
    const client = await TestClient.start({ workspaceFolders: [ws], settings: () => ({ workspace: { maxMegabytes: 1 } }) });
    try {
      const r = await checkWorkspace(client);
      assert.equal(r.leftOut, 2, 'padding-2.txt and large.txt');
      assert.match(r.message, /个文件因超出限制未检查（nianbao\.workspace\.maxFiles：1000，nianbao\.workspace\.maxMegabytes：1）/);
    } finally {
      await client.stop();
      fs.rmSync(top, { recursive: true, force: true });
    }
  });

  test('checkOnStart: the diagnostics of files never opened are published without the command; a wrong value is reported', async () => {
    const { top, ws, files } = workspace();
    const client = await TestClient.start({ workspaceFolders: [ws], settings: () => ({ workspace: { checkOnStart: true, maxFiles: 'many' } }) });
    try {
      await client.waitFor('published on start', () => client.published.some((p) => p.uri === uriOf(files.a)));
      assert.deepEqual(codes(client.last(uriOf(files.a))!.diagnostics), ['total-mismatch', 'empty-section']);
      await client.waitFor('the wrong value reported', () => client.messages.some((m) => m.message.includes('“workspace.maxFiles” 无效')));
    } finally {
      await client.stop();
      fs.rmSync(top, { recursive: true, force: true });
    }
  });

  test('off by default: without the command nothing is published for files never opened', async () => {
    const { top, ws, files } = workspace();
    const client = await TestClient.start({ workspaceFolders: [ws] });
    try {
      const uri = uriOf(files.b);
      await client.open(uri, read(SEED_000));
      // the open document looked for its other reports in the index: that publishes nothing for the rest
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual([...new Set(client.published.map((p) => p.uri))], [uri]);
    } finally {
      await client.stop();
      fs.rmSync(top, { recursive: true, force: true });
    }
  });
});

describe('issue 15 item 1 in the editor: last year’s report found in the workspace (core/pair.ts)', () => {
  const CHAIN = 'test/fixtures/cross/tab';
  /** 2022 and 2023 of Pingtan: 2023's 行政规范性文件 现行有效 470, where 2022's 698 + 77 − 132 = 643 (SOURCES.md). */
  function chain() {
    const top = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-chain-'));
    const ws = path.join(top, 'ws');
    fs.mkdirSync(path.join(ws, '2022'), { recursive: true });
    fs.mkdirSync(path.join(ws, '2023'));
    const y2022 = path.join(ws, '2022', 'pingtan-2022.txt');
    const y2023 = path.join(ws, '2023', 'pingtan-2023.txt');
    fs.writeFileSync(y2022, read(`${CHAIN}/pingtan-2022.txt`));
    fs.writeFileSync(y2023, read(`${CHAIN}/pingtan-2023.txt`));
    return { top, ws, y2022, y2023 };
  }
  const stock = (ds: Diagnostic[] | undefined) => (ds ?? []).filter((d) => d.code === 'cross-year-stock');
  /** 2022's 现行有效件数 of 行政规范性文件 (line 5: 行政规范性文件 88 55 698). */
  const NORMATIVE_2022 = { start: { line: 4, character: '行政规范性文件\t88\t55\t'.length }, end: { line: 4, character: '行政规范性文件\t88\t55\t698'.length } };

  test('an open report gets cross-year-stock pointing at last year’s cell; a change of last year’s file on disk, or of its open document, re-checks it', async () => {
    const { top, ws, y2022, y2023 } = chain();
    const client = await TestClient.start({ workspaceFolders: [ws] });
    try {
      const uri = uriOf(y2023);
      await client.open(uri, read(`${CHAIN}/pingtan-2023.txt`));
      // the index is built on first use; the document is checked again with last year's report
      await client.waitFor('cross-year-stock', () => stock(client.last(uri)?.diagnostics).length > 0);
      const [d] = stock(client.last(uri)!.diagnostics);
      assert.equal(d.range.start.line, 4, '2023: 行政规范性文件 77 132 470');
      assert.deepEqual(
        d.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line]),
        [
          [uriOf(y2022), 4],
          [uri, 4],
          [uri, 4],
        ],
        'last year’s cell, in its own file; this year’s 本年制发 and 本年废止',
      );
      assert.equal(stock(client.last(uri)!.diagnostics).length, 1);

      // 2022 corrected on disk so that 525 + 77 − 132 = 470: the warning goes
      fs.writeFileSync(y2022, applyTextEdits(read(`${CHAIN}/pingtan-2022.txt`), [{ range: NORMATIVE_2022, newText: '525' }]));
      await changedOnDisk(client, y2022, FileChangeType.Changed, (ds) => stock(ds).length === 0, uri);

      // last year's report opened and typed into (698 again): the open 2023 follows the editor's text
      const u2022 = uriOf(y2022);
      await client.open(u2022, fs.readFileSync(y2022, 'utf8'));
      const from = client.published.length;
      await client.change(u2022, [{ range: NORMATIVE_2022, text: '698' }]);
      await client.waitFor('2023 re-checked after the edit', () => client.published.slice(from).some((p) => p.uri === uri && stock(p.diagnostics).length === 1));
    } finally {
      await client.stop();
      fs.rmSync(top, { recursive: true, force: true });
    }
  });

  test('a copy of 2022 whose 二、上年结转 is all 0: cross-year-carry in 自然人 and 总计, each at 2021’s 四、结转下年度 cell; the quick fix writes 1 back', async () => {
    const top = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-carry-'));
    const ws = path.join(top, 'ws');
    fs.mkdirSync(ws);
    const y2021 = path.join(ws, 'pingtan-2021.txt');
    fs.writeFileSync(y2021, read(`${CHAIN}/pingtan-2021.txt`));
    const y2022 = path.join(ws, 'pingtan-2022.txt');
    const lines = read(`${CHAIN}/pingtan-2022.txt`).split('\n');
    assert.equal(lines[20], '二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1');
    lines[20] = '二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0';
    const text = lines.join('\n');
    fs.writeFileSync(y2022, text);
    const client = await TestClient.start({ workspaceFolders: [ws] });
    try {
      const uri = uriOf(y2022);
      await client.open(uri, text);
      const carry = () => (client.last(uri)?.diagnostics ?? []).filter((d) => d.code === 'cross-year-carry');
      await client.waitFor('cross-year-carry', () => carry().length > 0);
      // 2021 line 44: 四、结转下年度继续办理 1 0 0 0 0 0 1 (自然人 and 总计)
      assert.deepEqual(
        carry().map((d) => [d.range.start.line, d.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line])]),
        [
          [20, [[uriOf(y2021), 43]]],
          [20, [[uriOf(y2021), 43]]],
        ],
      );
      const [first] = carry();
      const actions = (await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: first.range, context: { diagnostics: [first] } })) as CodeAction[];
      const fix = actions.find((a) => a.diagnostics?.some((d) => d.code === 'cross-year-carry') && a.edit);
      assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
      const { edits } = TestClient.editsOf(fix.edit, uri);
      assert.deepEqual(
        edits.map((e) => e.newText),
        ['1'],
      );
      assert.equal(applyTextEdits(text, edits).split('\n')[20], '二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t0', 'the 自然人 cell');
    } finally {
      await client.stop();
      fs.rmSync(top, { recursive: true, force: true });
    }
  });

  test('the workspace command: the cross-year finding of a file never opened is in its published diagnostics', async () => {
    const { top, ws, y2022, y2023 } = chain();
    const client = await TestClient.start({ workspaceFolders: [ws] });
    try {
      await checkWorkspace(client);
      const [d, ...more] = stock(client.last(uriOf(y2023))?.diagnostics);
      assert.equal(more.length, 0);
      assert.equal(d.relatedInformation?.[0].location.uri, uriOf(y2022));
      assert.deepEqual(stock(client.last(uriOf(y2022))?.diagnostics), [], '2021 is not in the workspace: nothing across years for 2022');
    } finally {
      await client.stop();
      fs.rmSync(top, { recursive: true, force: true });
    }
  });

  test('with the cross-report rules off, opening a report reads nothing else of the workspace', async () => {
    const { top, ws, y2023 } = chain();
    const off = Object.fromEntries(['cross-year-carry', 'cross-year-stock', 'aggregate-mismatch', 'aggregate-missing'].map((c) => [c, 'off']));
    const client = await TestClient.start({ workspaceFolders: [ws], settings: () => ({ rules: off }) });
    try {
      const diags = await client.open(uriOf(y2023), read(`${CHAIN}/pingtan-2023.txt`));
      assert.deepEqual(stock(diags), []);
      await new Promise((r) => setTimeout(r, 500));
      assert.ok(!client.registrations.some((r) => JSON.stringify(r.registerOptions).includes('*.{txt,md')), 'no index was built (it would ask to watch the report files)');
    } finally {
      await client.stop();
      fs.rmSync(top, { recursive: true, force: true });
    }
  });
});

describe('issue 15 item 1 in the editor: published pages (HTML) across years', () => {
  test('2025’s page open, 2024’s page in the workspace: cross-year-stock, its related place on 2024’s 现行有效件数 in the page’s own source', async () => {
    const top = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-html-chain-'));
    const ws = path.join(top, 'ws');
    fs.mkdirSync(ws);
    const y2024 = path.join(ws, 'pingtan-2024.html');
    const y2025 = path.join(ws, 'pingtan-2025.html');
    fs.writeFileSync(y2024, read('test/fixtures/cross/html/pingtan-2024.html'));
    fs.writeFileSync(y2025, read('test/fixtures/cross/html/pingtan-2025.html'));
    const client = await TestClient.start({ workspaceFolders: [ws] });
    try {
      const uri = uriOf(y2025);
      await client.open(uri, read('test/fixtures/cross/html/pingtan-2025.html'), 'html');
      const stock = () => (client.last(uri)?.diagnostics ?? []).filter((d) => d.code === 'cross-year-stock');
      await client.waitFor('cross-year-stock', () => stock().length > 0);
      // SOURCES.md: 2025's 行政规范性文件 written 546, where 2024's 440 and 2025's 制发 and 废止 make 453
      assert.equal(stock().length, 1);
      const [place] = stock()[0].relatedInformation!.filter((r) => r.location.uri === uriOf(y2024));
      const source = TextDocument.create(uriOf(y2024), 'html', 0, read('test/fixtures/cross/html/pingtan-2024.html'));
      assert.equal(source.getText(place.location.range), '440', 'the cell in the page’s source');
    } finally {
      await client.stop();
      fs.rmSync(top, { recursive: true, force: true });
    }
  });
});

describe('issue 15 item 2 in the editor: a summary and its parts in the workspace (core/aggregate.ts)', () => {
  const FIXTURE = 'test/fixtures/aggregate';
  /** The fixture copied: 东山县汇总.txt, 各局/ with three of the four parts `.nianbaorc.json` names (SOURCES.md there). */
  function county() {
    const top = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-sum-'));
    const ws = path.join(top, 'ws');
    fs.cpSync(at(FIXTURE), ws, { recursive: true });
    return { top, ws, summary: path.join(ws, '东山县汇总.txt'), part: path.join(ws, '各局', '交通运输局.txt') };
  }
  const agg = (ds: Diagnostic[] | undefined) =>
    (ds ?? [])
      .filter((d) => d.code === 'aggregate-mismatch' || d.code === 'aggregate-missing')
      .map((d) => [d.code, d.severity, d.range.start.line + 1])
      .sort((a, b) => Number(a[2]) - Number(b[2]));

  test('the open summary: its two wrong cells and the missing part; a part changed on disk, or the list completed, re-checks it', async () => {
    const { top, ws, summary, part } = county();
    const client = await TestClient.start({ workspaceFolders: [ws] });
    try {
      const uri = uriOf(summary);
      await client.open(uri, fs.readFileSync(summary, 'utf8'));
      await client.waitFor('the parts found', () => agg(client.last(uri)?.diagnostics).length === 3);
      // SOURCES.md: 教育局 missing (on the title); （四）1. 自然人 (line 41) and 行政复议 结果纠正 (line 60), warnings while one is missing
      assert.deepEqual(agg(client.last(uri)!.diagnostics), [
        ['aggregate-missing', 2, 1],
        ['aggregate-mismatch', 2, 41],
        ['aggregate-mismatch', 2, 60],
      ]);
      const mismatch = client.last(uri)!.diagnostics.find((d) => d.code === 'aggregate-mismatch')!;
      assert.ok(
        mismatch.relatedInformation?.some((r) => r.location.uri === uriOf(part)),
        'a related place in a part’s own file',
      );

      // the list completed (complete.nianbaorc.json: the three that exist): the two cells are errors, nothing is missing
      fs.copyFileSync(path.join(ws, 'complete.nianbaorc.json'), path.join(ws, '.nianbaorc.json'));
      await changedOnDisk(client, path.join(ws, '.nianbaorc.json'), FileChangeType.Changed, (ds) => agg(ds).length === 2, uri);
      assert.deepEqual(agg(client.last(uri)!.diagnostics), [
        ['aggregate-mismatch', 1, 41],
        ['aggregate-mismatch', 1, 60],
      ]);

      // a part deleted on disk: missing again, and the sum incomplete
      fs.rmSync(part);
      const after = await changedOnDisk(client, part, FileChangeType.Deleted, (ds) => agg(ds).some((d) => d[0] === 'aggregate-missing'), uri);
      assert.ok(
        agg(after).every((d) => d[1] === 2),
        'warnings while a part is missing',
      );
    } finally {
      await client.stop();
      fs.rmSync(top, { recursive: true, force: true });
    }
  });

  test('a part opened is no summary, though the .nianbaorc.json above it names children', async () => {
    const { top, ws, part } = county();
    const client = await TestClient.start({ workspaceFolders: [ws] });
    try {
      const uri = uriOf(part);
      await client.open(uri, fs.readFileSync(part, 'utf8'));
      await checkWorkspace(client); // the index is built: nothing changes for the part
      assert.deepEqual(agg(client.last(uri)!.diagnostics), []);
      assert.equal(agg(client.last(uriOf(path.join(ws, '东山县汇总.txt')))?.diagnostics).length, 3, 'the summary, never opened, published by the command');
    } finally {
      await client.stop();
      fs.rmSync(top, { recursive: true, force: true });
    }
  });
});
