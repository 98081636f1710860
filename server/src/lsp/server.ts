/**
 * The nianbao language server: thin wiring of the analysis core to LSP (design.md, "server").
 * Documents are synced incrementally and checked on every change; diagnostics are pushed with the
 * document version, and a check whose document (or settings) changed meanwhile is dropped.
 * Conversions live in lsp.ts, settings in settings.ts; no rule logic here.
 *
 *   nianbao-language-server --stdio      (also --node-ipc, --socket=PORT, --pipe=NAME)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
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
import { analyze, type Analysis, type AnalyzeOptions } from '../core/check';
import { DEFAULT_CONFIG, type Config, type IgnoreEntry } from '../core/config';
import { CODES, type Code } from '../core/finding';
import { CONFIG_NAME, ConfigFinder, relativeTo } from '../node/files';
import { msg, render } from '../core/l10n';
import { COMMANDS, FIX_ALL_KIND, SUMMARY_NOTIFICATION, SUMMARY_REQUEST, type FixAllResult } from '../../../shared/protocol';
import {
  codeActions,
  documentSymbols,
  fixAllEdits,
  foldingRanges,
  hover,
  inlayHints,
  summarize,
  toDiagnostic,
  toTextEdits,
  workspaceEdit,
} from './convert';
import { applySettings } from './settings';
import { looksLikeReport, mayBeReport } from '../core/sniff';

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
const transportGiven = argv.some((a) => /^--(stdio|node-ipc|socket|pipe)\b/.test(a)) || typeof process.send === 'function';
const connection: Connection = transportGiven ? createConnection(ProposedFeatures.all) : createConnection(ProposedFeatures.all, process.stdin, process.stdout);
const documents = new TextDocuments(TextDocument);

/** What a document is checked with. */
interface Context {
  config: Config;
  options: AnalyzeOptions;
}

interface Checked {
  version: number;
  analysis: Analysis;
  context: Context;
  isReport: boolean;
}

let locale: string | undefined;
let pullConfiguration = false;
let documentChanges = false;
let pushedSettings: unknown;
let workspaceFolders: string[] = [];
let finder = new ConfigFinder();
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

function settingsFor(uri: string): Promise<unknown> {
  if (!pullConfiguration) return Promise.resolve(pushedSettings);
  let hit = settingsCache.get(uri);
  if (!hit) {
    hit = connection.workspace.getConfiguration({ scopeUri: uri, section: 'nianbao' }).then(
      (v) => v,
      (e) => {
        log(`workspace/configuration failed: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      },
    );
    settingsCache.set(uri, hit);
  }
  return hit;
}

/** The `.nianbaorc.json` of a file: URI (found upward), then the editor's settings over it. */
async function contextFor(uri: string): Promise<Context> {
  let base = DEFAULT_CONFIG;
  let file: string | undefined;
  const fsPath = fsPathOf(uri);
  if (fsPath) {
    try {
      const loaded = finder.forFile(fsPath);
      base = loaded.config;
      for (const p of loaded.problems) problem(`${loaded.file}: ${p}`);
      file = relativeTo(loaded.dir, fsPath);
    } catch (e) {
      problem(e instanceof Error ? e.message : String(e));
      file = path.basename(fsPath);
    }
  }
  const { config, problems } = applySettings(await settingsFor(uri), base, locale);
  for (const p of problems) problem(`设置 (settings) nianbao: ${p}`);
  return { config, options: { config, file } };
}

function check(doc: TextDocument, context: Context): Checked {
  const text = doc.getText();
  const own = doc.languageId === 'nianbao';
  const candidate = own || mayBeReport(text);
  const analysis = analyze(candidate ? text : '', context.options);
  const isReport = own || (candidate && looksLikeReport(analysis.report));
  return { version: doc.version, analysis, context, isReport };
}

function bump(uri: string): number {
  const g = (generation.get(uri) ?? 0) + 1;
  generation.set(uri, g);
  return g;
}

async function validate(uri: string): Promise<void> {
  const gen = bump(uri);
  const context = await contextFor(uri);
  const doc = documents.get(uri);
  if (!doc || generation.get(uri) !== gen) return; // a newer version or newer settings: drop this one
  const result = check(doc, context);
  checked.set(uri, result);
  const { analysis, isReport } = result;
  const diagnostics = isReport ? analysis.findings.map((f) => toDiagnostic(f, analysis.report, context.config.language, uri)) : [];
  await connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  await connection.sendNotification(SUMMARY_NOTIFICATION, summarize(uri, doc.version, analysis, isReport, context.config.language));
}

function validateSafely(uri: string): void {
  validate(uri).catch((e) => connection.console.error(`check of ${uri} failed: ${e instanceof Error ? e.stack : String(e)}`));
}

/** After a change of settings or of a `.nianbaorc.json`: every open document again, and the editor's inlay hints. */
function revalidateAll(): void {
  settingsCache.clear();
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
    result = fresh() ?? check(doc, context); // the check of the change may have finished meanwhile
  }
  return documents.get(uri) === doc && doc.version === result.version ? { doc, result } : null;
}

/** A report's check, or null for unknown documents and plain texts that are not reports. */
async function reportOf(uri: string, token?: CancellationToken) {
  const c = await current(uri, token);
  return c?.result.isReport ? c : null;
}

/** Runs a handler; a failure is logged and answered with the fallback (never a crash). */
function safe<P, R>(name: string, fallback: R, handler: (params: P, token?: CancellationToken) => R | Promise<R>): (params: P, token?: CancellationToken) => Promise<R> {
  return async (params: P, token?: CancellationToken) => {
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
  const init = params.initializationOptions as { settings?: unknown } | undefined;
  if (init && typeof init === 'object' && 'settings' in init) pushedSettings = init.settings;
  dynamic = {
    configuration: !!caps.workspace?.didChangeConfiguration?.dynamicRegistration,
    watchedFiles: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    folders: !!caps.workspace?.workspaceFolders,
    inlayHintRefresh: !!caps.workspace?.inlayHint?.refreshSupport,
  };
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
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
    });
  }
});

connection.onDidChangeConfiguration((params) => {
  if (!pullConfiguration) {
    const s = params.settings as Record<string, unknown> | null | undefined;
    pushedSettings = s && typeof s === 'object' && 'nianbao' in s ? s.nianbao : s;
  }
  shownProblems.clear();
  revalidateAll();
});

connection.onDidChangeWatchedFiles(() => {
  finder = new ConfigFinder();
  shownProblems.clear();
  revalidateAll();
});

documents.onDidChangeContent((e) => validateSafely(e.document.uri));
documents.onDidClose((e) => {
  const uri = e.document.uri;
  bump(uri);
  checked.delete(uri);
  settingsCache.delete(uri);
  void connection.sendDiagnostics({ uri, diagnostics: [] });
});

connection.onCodeAction(
  safe('textDocument/codeAction', [], async (params, token) => {
    const c = await reportOf(params.textDocument.uri, token);
    if (!c) return [];
    const { doc, result } = c;
    return codeActions({
      uri: doc.uri,
      version: doc.version,
      documentChanges,
      analysis: result.analysis,
      options: result.context.options,
      language: result.context.config.language,
      range: { start: doc.offsetAt(params.range.start), end: doc.offsetAt(params.range.end) },
      only: params.context.only,
      canIgnore: !!fsPathOf(doc.uri),
    });
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
  const r = await connection.workspace.applyEdit({
    label: render(msg('Fix all totals in this document'), language),
    edit: workspaceEdit(target, toTextEdits(c.result.analysis.report.index, edits)),
  });
  if (!r.applied) return { applied: 0, message: render(msg('The editor did not apply the fix: {reason}', { reason: r.failureReason ?? '' }), language) };
  return { applied: edits.length, message: render(msg('Totals fixed: {n}.', { n: edits.length }), language) };
}

/** The folder a new `.nianbaorc.json` goes to: the workspace folder holding the draft, else the draft's folder. */
function newConfigDir(file: string): string {
  const inside = workspaceFolders.filter((f) => {
    const rel = path.relative(f, file);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel);
  });
  return inside.sort((a, b) => b.length - a.length)[0] ?? path.dirname(file);
}

/**
 * ignoreFinding: records `{code, file, text}` (and the line when that text is not unique in the
 * draft) in the nearest `.nianbaorc.json`, creating one if there is none. The draft is not touched.
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
  let loaded;
  try {
    loaded = finder.forFile(fsPath);
  } catch (e) {
    throw new ResponseError(LSPErrorCodes.RequestFailed, e instanceof Error ? e.message : String(e));
  }
  const rcFile = loaded.file ?? path.join(newConfigDir(fsPath), CONFIG_NAME);
  const dir = path.dirname(rcFile);
  const lines = doc.getText().split(/\r\n|\r|\n/);
  const text = lines[line].trim();
  const entry: IgnoreEntry = { code: a.code as Code, file: relativeTo(dir, fsPath) };
  if (text) entry.text = text;
  if (!text || lines.filter((l) => l.includes(text)).length > 1) entry.line = line + 1;
  let json: Record<string, unknown> = {};
  if (loaded.file) {
    const raw = JSON.parse(fs.readFileSync(rcFile, 'utf8').replace(/^\ufeff/, '')) as unknown;
    if (raw && typeof raw === 'object' && !Array.isArray(raw)) json = raw as Record<string, unknown>;
  }
  const ignore = Array.isArray(json.ignore) ? json.ignore : [];
  const same = (e: unknown) => JSON.stringify(e) === JSON.stringify(entry);
  if (!ignore.some(same)) ignore.push(entry);
  json.ignore = ignore;
  fs.writeFileSync(rcFile, JSON.stringify(json, null, 2) + '\n', 'utf8');
  finder = new ConfigFinder();
  revalidateAll();
  return { file: rcFile, entry };
}

connection.onExecuteCommand(async (params) => {
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
