/**
 * The nianbao language server: thin wiring of the analysis core to LSP (design.md, "server").
 * Documents are synced incrementally and checked after a change (a burst of changes once, at its
 * newest version); diagnostics are pushed with the document version, and a check whose document (or
 * settings) changed meanwhile is dropped. Over stdio a bad frame ends the server (frames.ts).
 * Conversions live in lsp.ts, settings in settings.ts; no rule logic here.
 *
 *   nianbao-language-server --stdio      (also --node-ipc, --socket=PORT, --pipe=NAME)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  StreamMessageWriter,
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  MessageType,
  ProposedFeatures,
  ResponseError,
  ErrorCodes,
  LSPErrorCodes,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type CancellationToken,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { Analysis, AnalyzeOptions } from '../core/check';
import { DEFAULT_CONFIG, DEFAULT_SIZE_LIMIT, type Config, type IgnoreEntry } from '../core/config';
import { CODES, type Code } from '../core/finding';
import { writeAtomically } from '../node/atomic';
import { CONFIG_NAME, ConfigFinder, readDraft, relativeTo } from '../node/files';
import { IdleCollector } from '../node/idle-gc';
import { msg, render } from '../core/l10n';
import { COMMANDS, FIX_ALL_KIND, NEXT_YEAR_REQUEST, PUBLISHED_REQUEST, SUMMARY_NOTIFICATION, SUMMARY_REQUEST, TABLES_REQUEST, TRUST_NOTIFICATION, WORKSPACE_REQUEST, type FixAllResult, type InitializationOptions, type NextYearResult, type PublishedResult, type TablesResult, type WorkspaceCheckResult } from '../../../shared/protocol';
import { StrictMessageReader } from './frames';
import { ReceivedVersions, peeking } from './received';
import { htmlCodeActions, htmlEdits, readPublishedFile, toDraftSpan } from './published';
import { nextYearResult } from './next-year';
import type { Published } from '../node/readers';
import type { Report } from '../core/report';
import {
  REWRITE_KIND,
  codeActions,
  documentSymbols,
  fixAllEdits,
  foldingRanges,
  hover,
  inlayHints,
  summarize,
  toTextEdits,
  workspaceEdit,
} from './convert';
import { applySettings } from './settings';
import { gridsOf } from './tables';
import { WorkspaceIndex, checkText, diagnosticsOf, readWorkspaceSettings } from './workspace';

declare const __VERSION__: string;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

const USAGE = `nianbao-language-server ${VERSION}: 政府信息公开工作年度报告检查的语言服务器 (LSP)
用法 (usage): nianbao-language-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME`;

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout.write(USAGE + '\n');
  process.exit(0);
}
if (argv.includes('--version') || argv.includes('-v')) {
  process.stdout.write(VERSION + '\n');
  process.exit(0);
}
const transportGiven = argv.some((a) => /^--(node-ipc|socket|pipe)\b/.test(a)) || typeof process.send === 'function';
let shutdownReceived = false;
/** The changes read from the client and not applied yet (lsp/received.ts): a check of an outdated version is skipped. */
const received = new ReceivedVersions();

/**
 * Over stdio (--stdio, or no transport named) messages are read by the strict reader (frames.ts): a
 * bad frame is logged and the server exits (the editor restarts it) rather than wait for ever.
 */
function stdioConnection(): Connection {
  const reader = new StrictMessageReader(process.stdin);
  reader.onError((e) => {
    process.stderr.write(`nianbao-language-server: ${e.message}; exiting\n`);
    process.exit(1);
  });
  reader.onClose(() => process.exit(shutdownReceived ? 0 : 1));
  return createConnection(ProposedFeatures.all, peeking(reader, (m) => received.see(m)), new StreamMessageWriter(process.stdout));
}

// over IPC (the VS Code client) the messages are seen as they arrive too; over a socket or a pipe they are not (no check is skipped)
if (typeof process.send === 'function') process.on('message', (m) => received.see(m));

const connection: Connection = transportGiven ? createConnection(ProposedFeatures.all) : stdioConnection();
const documents = new TextDocuments(TextDocument);

/** What a document is checked with. */
interface Context {
  config: Config;
  options: AnalyzeOptions;
  /** The folder of the `.nianbaorc.json` found (its paths, such as `previous`, are relative to it), or null. */
  dir: string | null;
}

interface Checked {
  version: number;
  /** The text checked (the other reports of the workspace compare with it). */
  text: string;
  analysis: Analysis;
  context: Context;
  isReport: boolean;
  /** An HTML document: the draft its report was read into (lsp/published.ts maps ranges through it). */
  html?: Published;
}

let locale: string | undefined;
let pullConfiguration = false;
let documentChanges = false;
let pushedSettings: unknown;
let workspaceFolders: string[] = [];
/** False when the client says the workspace is not trusted (VS Code's workspace trust). */
let trusted = true;
let initialized = false;

const isInside = (p: string, root: string) => {
  const rel = path.relative(root, p);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
};
/** The upward search for `.nianbaorc.json` ends at the workspace folder (outside any: the draft's own folder). */
const newFinder = () => new ConfigFinder((dir) => workspaceFolders.includes(dir) || !workspaceFolders.some((f) => isInside(dir, f)));
let finder = newFinder();
let dynamic = { configuration: false, watchedFiles: false, folders: false, inlayHintRefresh: false };
const settingsCache = new Map<string, Promise<unknown>>();
const checked = new Map<string, Checked>();
/** Bumped on every change of a document or of the settings: a check of an older generation is dropped. */
const generation = new Map<string, number>();
const shownProblems = new Set<string>();

function log(message: string): void {
  connection.console.log(message);
}

function problem(text: string): void {
  if (shownProblems.has(text)) return;
  shownProblems.add(text);
  connection.console.warn(text);
  void connection.sendNotification('window/showMessage', { type: MessageType.Warning, message: `nianbao: ${text}` });
}

function fsPathOf(uri: string): string | null {
  try {
    const u = URI.parse(uri);
    return u.scheme === 'file' ? u.fsPath : null;
  } catch {
    return null;
  }
}

/** How long a workspace/configuration request is waited for; then the document is checked with the defaults. */
const CONFIGURATION_TIMEOUT_MS = 5000;

function settingsFor(uri: string): Promise<unknown> {
  if (!pullConfiguration) return Promise.resolve(pushedSettings);
  let hit = settingsCache.get(uri);
  if (!hit) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => {
        problem(`编辑器在 ${CONFIGURATION_TIMEOUT_MS / 1000} 秒内没有答复设置请求，使用默认设置 (workspace/configuration not answered; defaults used)`);
        resolve(undefined);
      }, CONFIGURATION_TIMEOUT_MS);
    });
    const asked = connection.workspace.getConfiguration({ scopeUri: uri, section: 'nianbao' }).then(
      (v) => v,
      (e) => {
        log(`workspace/configuration failed: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      },
    );
    hit = Promise.race([asked, timeout]).finally(() => clearTimeout(timer));
    settingsCache.set(uri, hit);
  }
  return hit;
}

/** The `.nianbaorc.json` of a file: URI (found upward), then the editor's settings over it. */
async function contextFor(uri: string): Promise<Context> {
  let base = DEFAULT_CONFIG;
  let file: string | undefined;
  let dir: string | null = null;
  const fsPath = fsPathOf(uri);
  if (fsPath) {
    try {
      const loaded = await finder.forFile(fsPath);
      base = loaded.config;
      for (const p of loaded.problems) problem(`${loaded.file}: ${p}`);
      if (!trusted && base.sizeLimit > DEFAULT_SIZE_LIMIT) {
        // an untrusted workspace may not raise the limit (it could make the server run out of memory)
        base = { ...base, sizeLimit: DEFAULT_SIZE_LIMIT };
        problem(`${loaded.file}: 工作区不受信任，忽略大于默认值 ${DEFAULT_SIZE_LIMIT} 的 sizeLimit (untrusted workspace: a sizeLimit above the default is ignored)`);
      }
      file = relativeTo(loaded.dir, fsPath);
      dir = loaded.dir;
    } catch (e) {
      problem(e instanceof Error ? e.message : String(e));
      file = path.basename(fsPath);
    }
  }
  const { config, problems } = applySettings(await settingsFor(uri), base, locale);
  for (const p of problems) problem(`设置 (settings) nianbao: ${p}`);
  return { config, options: { config, file }, dir };
}

/** Collects the garbage of a large document's checks when editing pauses (node/idle-gc.ts). */
const collector = new IdleCollector();

function check(doc: TextDocument, context: Context): Checked {
  const result = checkNow(doc, context);
  collector.checked(doc.getText().length);
  return result;
}

function checkNow(doc: TextDocument, context: Context): Checked {
  const file = fsPathOf(doc.uri);
  // a report of the workspace is compared with the other reports there (last year's, a summary's parts)
  const othersFor = file ? (report: Report) => workspace.othersForOpen(doc.uri, { file, report, config: context.config, dir: context.dir }) : undefined;
  const text = doc.getText();
  const result = checkText(text, doc.languageId, context.options, othersFor);
  // the changes that arrived during this check are applied next: they count as a burst (validateSafely)
  lastActivity.set(doc.uri, performance.now());
  return { version: doc.version, text, context, ...result };
}

function bump(uri: string): number {
  const g = (generation.get(uri) ?? 0) + 1;
  generation.set(uri, g);
  return g;
}

async function validate(uri: string): Promise<void> {
  const gen = generation.get(uri);
  const context = await contextFor(uri);
  const doc = documents.get(uri);
  if (!doc || generation.get(uri) !== gen) return; // a newer version or newer settings: drop this one
  // a newer version already read waits in the connection's queue: its change checks it (this one would be outdated)
  if (received.hasNewer(uri, doc.version)) return;
  const result = check(doc, context);
  // one read during this check: this one is not published, unless the document's changes have waited for
  // diagnostics for STALE_MS (typing on without a pause on a large draft still shows its findings, a keystroke behind)
  if (received.hasNewer(uri, doc.version) && performance.now() - (unpublished.get(uri) ?? Infinity) < STALE_MS) return;
  checked.set(uri, result);
  const { analysis, isReport } = result;
  const diagnostics = workspace.mapPlaces(uri, diagnosticsOf(result, doc, context.config.language, uri));
  unpublished.delete(uri);
  await connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  await connection.sendNotification(SUMMARY_NOTIFICATION, summarize(uri, doc.version, analysis, isReport, context.config.language));
  workspace.documentChanged();
}

/**
 * Edit bursts are coalesced: a change that comes alone is checked at once; one that comes within
 * BURST_MS of the previous change or of the end of the last check waits until QUIET_MS pass without
 * a change (at most MAX_WAIT_MS), and then only the newest version is checked. A check is
 * synchronous, so the changes that arrive during one are all applied before the next is chosen.
 */
const BURST_MS = 50;
const QUIET_MS = 20;
const MAX_WAIT_MS = 300;
const due = new Map<string, { timer: NodeJS.Timeout | NodeJS.Immediate; since: number; timed: boolean }>();
/** The time of the last change of a document, or of the end of its last check. */
const lastActivity = new Map<string, number>();
/** Per document: the time of its first change since its diagnostics were last published. */
const unpublished = new Map<string, number>();
/** How long a document's changes wait at most for diagnostics while newer changes keep coming. */
const STALE_MS = 1000;

function runCheck(uri: string): void {
  due.delete(uri);
  validate(uri)
    .catch((e) => connection.console.error(`check of ${uri} failed: ${e instanceof Error ? e.stack : String(e)}`));
}

/** A document changed (or its settings did): older checks are dropped, and a check of the newest version is scheduled. */
function validateSafely(uri: string): void {
  bump(uri);
  // the check of an older version is never used again: it is dropped now, not when the next one replaces it
  checked.delete(uri);
  const now = performance.now();
  if (!unpublished.has(uri)) unpublished.set(uri, now);
  const burst = now - (lastActivity.get(uri) ?? -Infinity) < BURST_MS;
  lastActivity.set(uri, now);
  const pending = due.get(uri);
  if (pending && !pending.timed) return; // a check at once is already due: it takes the newest version
  if (!pending && !burst) {
    due.set(uri, { timer: setImmediate(() => runCheck(uri)), since: now, timed: false });
    return;
  }
  const since = pending?.since ?? now;
  if (pending) clearTimeout(pending.timer as NodeJS.Timeout);
  const wait = Math.max(0, Math.min(QUIET_MS, since + MAX_WAIT_MS - now));
  due.set(uri, { timer: setTimeout(() => runCheck(uri), wait), since, timed: true });
}

/** After a change of settings or of a `.nianbaorc.json`: every open document again, and the editor's inlay hints. */
function revalidateAll(): void {
  settingsCache.clear();
  workspace.settingsChanged();
  for (const doc of documents.all()) validateSafely(doc.uri);
  if (dynamic.inlayHintRefresh) connection.languages.inlayHint.refresh().catch(() => undefined);
}

/** Answers a request the client has cancelled with RequestCancelled, before any work is done for it. */
function honour(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

/** The current document and its check (made now if the last one is older), or null. */
async function current(uri: string, token?: CancellationToken): Promise<{ doc: TextDocument; result: Checked } | null> {
  honour(token);
  const doc = documents.get(uri);
  if (!doc) return null;
  const fresh = () => {
    const last = checked.get(uri);
    return last && last.version === doc.version ? last : undefined;
  };
  let result = fresh();
  if (!result) {
    const context = await contextFor(uri);
    honour(token); // cancelled while the settings were fetched: the check is not made
    result = fresh(); // the check of the change may have finished meanwhile
    if (!result && documents.get(uri) === doc) {
      // the newest version, checked now (never a queue of older ones); the scheduled check publishes it
      result = check(doc, context);
      checked.set(uri, result);
    }
  }
  if (!result) return null;
  return documents.get(uri) === doc && doc.version === result.version ? { doc, result } : null;
}

/** A report's check, or null for unknown documents, plain texts that are not reports, and HTML pages (diagnostics and fixes only). */
async function reportOf(uri: string, token?: CancellationToken) {
  const c = await current(uri, token);
  return c?.result.isReport && !c.result.html ? c : null;
}

/** The workspace's report files (lsp/workspace.ts): the other reports of a document, and the command that checks them all. */
const workspace = new WorkspaceIndex({
  folders: () => workspaceFolders,
  settings: async () => {
    const raw = await settingsFor(workspaceFolders[0] ? URI.file(workspaceFolders[0]).toString() : '');
    const { settings, problems } = readWorkspaceSettings(raw);
    for (const p of problems) problem(`设置 (settings) nianbao: ${p}`);
    return { workspace: settings, language: applySettings(raw, DEFAULT_CONFIG, locale).config.language };
  },
  contextFor,
  openReports: () =>
    documents.all().flatMap((doc) => {
      const c = checked.get(doc.uri);
      const file = fsPathOf(doc.uri);
      return c?.isReport && file ? [{ uri: doc.uri, file, stamp: `v${c.version}`, text: c.text, html: c.html, report: c.analysis.report, config: c.context.config, dir: c.context.dir }] : [];
    }),
  isOpen: (file) => documents.all().some((doc) => fsPathOf(doc.uri) === file),
  recheck: validateSafely,
  publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
  watch: (globs) => {
    if (dynamic.watchedFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: globs.map((globPattern) => ({ globPattern })) });
  },
  log,
});

/** A request before `initialize` is answered with ServerNotInitialized (-32002), as the protocol says. */
function notBeforeInitialize(): void {
  if (!initialized) throw new ResponseError(ErrorCodes.ServerNotInitialized, 'the server is not initialized yet: send initialize first');
}

/** Runs a handler; a failure is logged and answered with the fallback (never a crash). */
function safe<P, R>(name: string, fallback: R, handler: (params: P, token?: CancellationToken) => R | Promise<R>): (params: P, token?: CancellationToken) => Promise<R> {
  return async (params: P, token?: CancellationToken) => {
    notBeforeInitialize();
    try {
      return await handler(params, token);
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      connection.console.error(`${name} failed: ${e instanceof Error ? e.stack : String(e)}`);
      return fallback;
    }
  };
}

connection.onInitialize((params): InitializeResult => {
  locale = params.locale;
  const caps = params.capabilities;
  pullConfiguration = !!caps.workspace?.configuration;
  documentChanges = !!caps.workspace?.workspaceEdit?.documentChanges;
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => fsPathOf(f.uri)).filter((p): p is string => !!p);
  if (workspaceFolders.length === 0 && params.rootUri) {
    const root = fsPathOf(params.rootUri);
    if (root) workspaceFolders = [root];
  }
  const init = params.initializationOptions as InitializationOptions | undefined;
  if (init && typeof init === 'object' && 'settings' in init) pushedSettings = init.settings;
  trusted = !(init && typeof init === 'object' && init.trusted === false);
  finder = newFinder();
  initialized = true;
  dynamic = {
    configuration: !!caps.workspace?.didChangeConfiguration?.dynamicRegistration,
    watchedFiles: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    folders: !!caps.workspace?.workspaceFolders,
    inlayHintRefresh: !!caps.workspace?.inlayHint?.refreshSupport,
  };
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, REWRITE_KIND, FIX_ALL_KIND], resolveProvider: false },
      hoverProvider: true,
      documentSymbolProvider: { label: 'nianbao' },
      foldingRangeProvider: true,
      inlayHintProvider: { resolveProvider: false },
      executeCommandProvider: { commands: [COMMANDS.fixAllTotals, COMMANDS.ignoreFinding] },
      workspace: dynamic.folders ? { workspaceFolders: { supported: true, changeNotifications: true } } : undefined,
    },
    serverInfo: { name: 'nianbao-language-server', version: VERSION },
  };
});

connection.onInitialized(() => {
  if (dynamic.configuration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'nianbao' });
  if (dynamic.watchedFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_NAME}` }] });
  if (dynamic.folders) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const removed = new Set(e.removed.map((f) => fsPathOf(f.uri)));
      workspaceFolders = [...workspaceFolders.filter((f) => !removed.has(f)), ...e.added.map((f) => fsPathOf(f.uri)).filter((p): p is string => !!p)];
      finder = newFinder();
      revalidateAll();
    });
  }
  void workspace.checkOnStart();
});

connection.onDidChangeConfiguration((params) => {
  if (!pullConfiguration) {
    const s = params.settings as Record<string, unknown> | null | undefined;
    pushedSettings = s && typeof s === 'object' && 'nianbao' in s ? s.nianbao : s;
  }
  shownProblems.clear();
  revalidateAll();
});

connection.onNotification(TRUST_NOTIFICATION, () => {
  trusted = true;
  shownProblems.clear();
  revalidateAll();
});

connection.onShutdown(() => {
  shutdownReceived = true;
});

connection.onDidChangeWatchedFiles((params) => {
  const files = params.changes.map((c) => fsPathOf(c.uri)).filter((f): f is string => !!f);
  if (params.changes.length === 0 || params.changes.some((c) => c.uri.endsWith(`/${CONFIG_NAME}`))) {
    finder = newFinder();
    shownProblems.clear();
    revalidateAll();
  }
  void workspace.filesChanged(files);
});

documents.onDidChangeContent((e) => {
  received.applied(e.document.uri, e.document.version);
  validateSafely(e.document.uri);
});
documents.onDidClose((e) => {
  const uri = e.document.uri;
  bump(uri);
  const pending = due.get(uri);
  if (pending) (pending.timed ? clearTimeout(pending.timer as NodeJS.Timeout) : clearImmediate(pending.timer as NodeJS.Immediate));
  due.delete(uri);
  lastActivity.delete(uri);
  unpublished.delete(uri);
  checked.delete(uri);
  settingsCache.delete(uri);
  void connection.sendDiagnostics({ uri, diagnostics: [] });
  workspace.documentClosed(uri, fsPathOf(uri));
});

connection.onCodeAction(
  safe('textDocument/codeAction', [], async (params, token) => {
    const c = await current(params.textDocument.uri, token);
    if (!c?.result.isReport) return [];
    const { doc, result } = c;
    const actions = codeActions({
      uri: doc.uri,
      version: doc.version,
      documentChanges,
      analysis: result.analysis,
      options: result.context.options,
      language: result.context.config.language,
      range: result.html ? toDraftSpan(result.html, doc, params.range) : { start: doc.offsetAt(params.range.start), end: doc.offsetAt(params.range.end) },
      only: params.context.only,
      canIgnore: !!fsPathOf(doc.uri) && !!workspaceOf(fsPathOf(doc.uri)!) && !result.html,
    });
    return result.html ? htmlCodeActions(result.html, doc, result.analysis, actions) : actions;
  }),
);

connection.onHover(
  safe('textDocument/hover', null, async (params, token) => {
    const c = await reportOf(params.textDocument.uri, token);
    if (!c) return null;
    return hover(c.result.analysis.report, c.doc.offsetAt(params.position), c.result.context.config.language);
  }),
);

connection.onDocumentSymbol(
  safe('textDocument/documentSymbol', [], async (params, token) => {
    const c = await reportOf(params.textDocument.uri, token);
    return c ? documentSymbols(c.result.analysis.report, c.result.context.config.language) : [];
  }),
);

connection.onFoldingRanges(
  safe('textDocument/foldingRange', [], async (params, token) => {
    const c = await reportOf(params.textDocument.uri, token);
    return c ? foldingRanges(c.result.analysis.report, c.result.context.config.language) : [];
  }),
);

connection.languages.inlayHint.on(
  safe('textDocument/inlayHint', [], async (params, token) => {
    const c = await reportOf(params.textDocument.uri, token);
    if (!c) return [];
    const range = { start: c.doc.offsetAt(params.range.start), end: c.doc.offsetAt(params.range.end) };
    return inlayHints(c.result.analysis, range, c.result.context.config.language);
  }),
);

connection.onRequest(
  SUMMARY_REQUEST,
  safe('nianbao/summary', null, async (params: { uri?: unknown }, token) => {
    if (typeof params?.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'nianbao/summary needs { uri }');
    const c = await current(params.uri, token);
    if (!c) return null;
    return summarize(params.uri, c.doc.version, c.result.analysis, c.result.isReport, c.result.context.config.language);
  }),
);

connection.onRequest(
  TABLES_REQUEST,
  safe<{ uri?: unknown }, TablesResult | null>('nianbao/tables', null, async (params, token) => {
    if (typeof params?.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'nianbao/tables needs { uri }');
    const c = await current(params.uri, token);
    if (!c) return null;
    const { analysis, context, html } = c.result;
    const isReport = c.result.isReport && !html; // an HTML page's ranges are in its draft, not in the page
    const language = context.config.language;
    return gridsOf(params.uri, c.doc.version, analysis, isReport, summarize(params.uri, c.doc.version, analysis, isReport, language).status, language);
  }),
);

connection.onRequest(
  PUBLISHED_REQUEST,
  safe<{ uri?: unknown }, PublishedResult | null>('nianbao/readPublished', null, async (params) => {
    if (typeof params?.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'nianbao/readPublished needs { uri }');
    const file = fsPathOf(params.uri);
    if (!file) return { error: '只读取工作区中的文件 (only files of the workspace are read)' };
    const context = await contextFor(params.uri);
    return readPublishedFile(file, workspaceFolders, context.options, context.config.language, params.uri);
  }),
);

connection.onRequest(
  WORKSPACE_REQUEST,
  safe<unknown, WorkspaceCheckResult | null>('nianbao/checkWorkspace', null, () => workspace.checkAll()),
);

connection.onRequest(
  NEXT_YEAR_REQUEST,
  safe<{ uri?: unknown; text?: unknown }, NextYearResult | null>('nianbao/nextYear', null, async (params) => {
    if (typeof params?.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'nianbao/nextYear needs { uri }');
    const text = typeof params.text === 'string' ? params.text : documents.get(params.uri)?.getText();
    if (text === undefined) throw new ResponseError(ErrorCodes.InvalidParams, `nianbao/nextYear: not an open document: ${params.uri}`);
    return nextYearResult(text, (await contextFor(params.uri)).config.language);
  }),
);

/** fixAllTotals: writes the automatic fixes through workspace/applyEdit; answers how many were written. */
async function fixAllTotals(uri: unknown): Promise<FixAllResult> {
  if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, `${COMMANDS.fixAllTotals} needs a document URI`);
  const c = await current(uri);
  if (!c) throw new ResponseError(ErrorCodes.InvalidParams, `${COMMANDS.fixAllTotals}: not an open document: ${uri}`);
  const language = c.result.context.config.language;
  if (!c.result.isReport) return { applied: 0, message: summarize(uri, c.doc.version, null, false, language).detail };
  const edits = fixAllEdits(c.result.analysis, c.result.context.options);
  if (edits.length === 0) return { applied: 0, message: render(msg('No total needs fixing.'), language) };
  const target = { uri, version: c.doc.version, documentChanges };
  const textEdits = toTextEdits(c.result.analysis.report.index, edits);
  const mapped = c.result.html ? htmlEdits(c.result.html, c.doc, c.result.analysis, textEdits) : textEdits;
  if (!mapped) return { applied: 0, message: render(msg('The editor did not apply the fix: {reason}', { reason: 'HTML' }), language) };
  const r = await connection.workspace.applyEdit({
    label: render(msg('Fix all totals in this document'), language),
    edit: workspaceEdit(target, mapped),
  });
  if (!r.applied) return { applied: 0, message: render(msg('The editor did not apply the fix: {reason}', { reason: r.failureReason ?? '' }), language) };
  return { applied: edits.length, message: render(msg('Totals fixed: {n}.', { n: edits.length }), language) };
}

/** The workspace folder holding a file (the innermost), or undefined. */
function workspaceOf(file: string): string | undefined {
  return workspaceFolders.filter((f) => isInside(file, f)).sort((a, b) => b.length - a.length)[0];
}

/**
 * ignoreFinding: records `{code, file, text}` (and the line when that text is not unique in the
 * draft) in the nearest `.nianbaorc.json`, creating one at the workspace folder if there is none.
 * The draft is not touched. Only a regular file inside the draft's workspace folder is written
 * (not through a link leading out of it), atomically and never over a change made meanwhile
 * (node/atomic.ts, as the CLI's --fix).
 */
async function ignoreFinding(arg: unknown): Promise<{ file: string; entry: IgnoreEntry }> {
  const a = arg as { uri?: unknown; code?: unknown; line?: unknown } | undefined;
  if (!a || typeof a.uri !== 'string' || !(CODES as readonly string[]).includes(a.code as string) || !Number.isInteger(a.line)) {
    throw new ResponseError(ErrorCodes.InvalidParams, `${COMMANDS.ignoreFinding} needs { uri, code, line }`);
  }
  const fsPath = fsPathOf(a.uri);
  const doc = documents.get(a.uri);
  if (!fsPath || !doc) throw new ResponseError(ErrorCodes.InvalidParams, `${COMMANDS.ignoreFinding}: not an open file: ${a.uri}`);
  const line = a.line as number;
  if (line < 0 || line >= doc.lineCount) throw new ResponseError(ErrorCodes.InvalidParams, `${COMMANDS.ignoreFinding}: line ${line} is out of range`);
  const failed = (why: string) => new ResponseError(LSPErrorCodes.RequestFailed, why);
  const folder = workspaceOf(fsPath);
  if (!folder) throw failed(`${COMMANDS.ignoreFinding}: 草稿不在工作区文件夹中，无处记录 (the draft is not inside a workspace folder: nowhere to record it)`);
  let loaded;
  try {
    loaded = await finder.forFile(fsPath);
  } catch (e) {
    throw failed(e instanceof Error ? e.message : String(e));
  }
  const rcFile = loaded.file ?? path.join(folder, CONFIG_NAME);
  const dir = path.dirname(rcFile);
  // where the write lands, links resolved: inside the workspace folder, or nothing is written
  let realFolder: string;
  let landing: string;
  try {
    realFolder = fs.realpathSync(folder);
    landing = loaded.file ? fs.realpathSync(rcFile) : path.join(fs.realpathSync(dir), CONFIG_NAME);
  } catch (e) {
    throw failed(`${rcFile}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!isInside(landing, realFolder)) throw failed(`${rcFile}: 指向工作区文件夹之外（${landing}），未写入 (leads outside the workspace folder; not written)`);
  const lines = doc.getText().split(/\r\n|\r|\n/);
  const text = lines[line].trim();
  const entry: IgnoreEntry = { code: a.code as Code, file: relativeTo(dir, fsPath) };
  if (text) entry.text = text;
  if (!text || lines.filter((l) => l.includes(text)).length > 1) entry.line = line + 1;
  let json: Record<string, unknown> = {};
  const read = loaded.file ? readDraft(landing) : null;
  if (read && 'error' in read) throw failed(`${rcFile}: ${read.error}`);
  if (read) {
    const raw = JSON.parse(read.bytes.toString('utf8').replace(/^\ufeff/, '')) as unknown;
    if (raw && typeof raw === 'object' && !Array.isArray(raw)) json = raw as Record<string, unknown>;
  }
  const ignore = Array.isArray(json.ignore) ? json.ignore : [];
  const same = (e: unknown) => JSON.stringify(e) === JSON.stringify(entry);
  if (!ignore.some(same)) ignore.push(entry);
  json.ignore = ignore;
  const problemWriting = writeAtomically(landing, read, Buffer.from(JSON.stringify(json, null, 2) + '\n', 'utf8'));
  if (problemWriting) throw failed(`${rcFile}: ${problemWriting}`);
  finder = newFinder();
  revalidateAll();
  return { file: rcFile, entry };
}

connection.onExecuteCommand(async (params) => {
  notBeforeInitialize();
  try {
    if (params.command === COMMANDS.fixAllTotals) return await fixAllTotals(params.arguments?.[0]);
    if (params.command === COMMANDS.ignoreFinding) return await ignoreFinding(params.arguments?.[0]);
  } catch (e) {
    if (e instanceof ResponseError) throw e;
    connection.console.error(`${params.command} failed: ${e instanceof Error ? e.stack : String(e)}`);
    throw new ResponseError(ErrorCodes.InternalError, e instanceof Error ? e.message : String(e));
  }
  throw new ResponseError(ErrorCodes.InvalidParams, `unknown command: ${params.command}`);
});

process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e.stack ?? String(e)}`));
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${e instanceof Error ? e.stack : String(e)}`));

documents.listen(connection);
connection.listen();
