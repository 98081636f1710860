/**
 * A small LSP client for the protocol tests: spawns the built server (dist/server.js --stdio)
 * and speaks JSON-RPC to it with vscode-languageserver-protocol, as an editor would.
 * It answers workspace/configuration from `settings`, records every notification, and can
 * apply workspace edits to its own copies of the documents.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  ApplyWorkspaceEditRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  InlayHintRefreshRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShutdownRequest,
  type ClientCapabilities,
  type Diagnostic,
  type PublishDiagnosticsParams,
  type Registration,
  type ShowMessageParams,
  type TextDocumentContentChangeEvent,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { StreamMessageReader, StreamMessageWriter, createProtocolConnection, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { at } from '../helpers/repo';

export const SERVER = at('dist/server.js');
export const uriOf = (file: string) => pathToFileURL(file).href;

export interface StartOptions {
  /** The `nianbao` section the client answers workspace/configuration with (read at each request). */
  settings?: () => unknown;
  /** Without workspace/configuration: settings come with didChangeConfiguration. */
  pull?: boolean;
  locale?: string;
  workspaceFolders?: string[];
  /** Whether the client accepts workspace/applyEdit (answering applied: true and applying it). */
  applyEdits?: boolean;
  /** Sent with initialize. */
  initializationOptions?: unknown;
  /** false: workspace/configuration requests are never answered (an editor that hangs). */
  answerConfiguration?: boolean;
  /** The server's script (default: this tree's dist/server.js; the bench runs another build's too). */
  server?: string;
  /** Node flags for the server process (the VS Code client's execArgv). */
  execArgv?: string[];
}

interface Waiter {
  test: () => boolean;
  resolve: () => void;
}

export class TestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly messages: ShowMessageParams[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly configurationRequests: unknown[] = [];
  /** What the server registered dynamically (client/registerCapability). */
  readonly registrations: Registration[] = [];
  /** workspace/inlayHint/refresh requests from the server. */
  inlayHintRefreshes = 0;
  readonly docs = new Map<string, TextDocument>();
  readonly stderr: string[] = [];
  private waiters: Waiter[] = [];

  private constructor(
    readonly proc: ChildProcessWithoutNullStreams,
    readonly conn: ProtocolConnection,
  ) {}

  static async start(opts: StartOptions = {}): Promise<TestClient> {
    const proc = spawn(process.execPath, [...(opts.execArgv ?? []), opts.server ?? SERVER, '--stdio'], { stdio: 'pipe' });
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    const client = new TestClient(proc, conn);
    proc.stderr.on('data', (d: Buffer) => client.stderr.push(d.toString()));
    conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      client.published.push(p);
      client.poke();
    });
    conn.onNotification(ShowMessageNotification.type, (p) => {
      client.messages.push(p);
      client.poke();
    });
    conn.onNotification('nianbao/didCheck', (params: unknown) => {
      client.notifications.push({ method: 'nianbao/didCheck', params });
      client.poke();
    });
    conn.onRequest(ConfigurationRequest.type, (p) => {
      client.configurationRequests.push(p);
      if (opts.answerConfiguration === false) return new Promise<never>(() => undefined);
      return p.items.map((item) => (item.section === 'nianbao' ? (opts.settings?.() ?? null) : null));
    });
    conn.onRequest(RegistrationRequest.type, (p) => {
      client.registrations.push(...p.registrations);
      client.poke();
    });
    conn.onRequest(InlayHintRefreshRequest.type, () => {
      client.inlayHintRefreshes++;
      client.poke();
    });
    conn.onRequest(ApplyWorkspaceEditRequest.type, (p) => {
      if (!opts.applyEdits) return { applied: false, failureReason: 'test client refuses' };
      client.applyWorkspaceEdit(p.edit);
      return { applied: true };
    });
    conn.listen();
    const pull = opts.pull ?? true;
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: pull,
        workspaceEdit: { documentChanges: true },
        didChangeConfiguration: { dynamicRegistration: pull },
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceFolders: true,
        applyEdit: true,
        inlayHint: { refreshSupport: true },
      },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        publishDiagnostics: { relatedInformation: true, versionSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        foldingRange: {},
        inlayHint: {},
      },
      window: { showMessage: {} },
    };
    const folders = opts.workspaceFolders?.map((f, i) => ({ uri: uriOf(f), name: `folder${i}` })) ?? null;
    client.initializeResult = await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders?.[0]?.uri ?? null,
      workspaceFolders: folders,
      capabilities,
      locale: opts.locale ?? 'en',
      initializationOptions: opts.initializationOptions,
    });
    await conn.sendNotification(InitializedNotification.type, {});
    return client;
  }

  initializeResult: unknown;

  private poke(): void {
    this.waiters = this.waiters.filter((w) => {
      if (!w.test()) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolves when `test` holds (checked after each notification), rejects after `ms`. */
  waitFor(what: string, test: () => boolean, ms = 10000): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out waiting for ${what}; server stderr: ${this.stderr.join('')}`));
      }, ms);
      const waiter: Waiter = {
        test,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** The diagnostics published for a document version (waits for them). */
  async diagnostics(uri: string, version: number, after = 0): Promise<Diagnostic[]> {
    const find = () => this.published.slice(after).find((p) => p.uri === uri && p.version === version);
    await this.waitFor(`diagnostics of ${uri} v${version}`, () => !!find());
    return find()!.diagnostics;
  }

  /** The last diagnostics published for a document. */
  last(uri: string): PublishDiagnosticsParams | undefined {
    return this.published.filter((p) => p.uri === uri).at(-1);
  }

  async open(uri: string, text: string, languageId = 'plaintext'): Promise<Diagnostic[]> {
    this.docs.set(uri, TextDocument.create(uri, languageId, 1, text));
    const from = this.published.length;
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return this.diagnostics(uri, 1, from);
  }

  /** Sends incremental changes; answers the new version (does not wait for diagnostics). */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const doc = this.docs.get(uri)!;
    const next = TextDocument.update(doc, changes, doc.version + 1);
    this.docs.set(uri, next);
    await this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: next.version }, contentChanges: changes });
    return next.version;
  }

  /** Applies text edits to the client's copy and sends them to the server as one incremental change. */
  async edit(uri: string, edits: TextEdit[]): Promise<number> {
    const doc = this.docs.get(uri)!;
    // send the edits from the end so that earlier ranges stay valid
    const sorted = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
    return this.change(uri, sorted.map((e) => ({ range: e.range, text: e.newText })));
  }

  text(uri: string): string {
    return this.docs.get(uri)!.getText();
  }

  /** The text edits of a workspace edit for one document (versioned documentChanges or changes). */
  static editsOf(edit: WorkspaceEdit | undefined, uri: string): { version?: number | null; edits: TextEdit[] } {
    if (!edit) return { edits: [] };
    if (edit.documentChanges) {
      const dc = edit.documentChanges.filter((c): c is Extract<typeof c, { textDocument: unknown }> => 'textDocument' in c && c.textDocument.uri === uri);
      return { version: dc[0]?.textDocument.version, edits: dc.flatMap((c) => c.edits as TextEdit[]) };
    }
    return { edits: edit.changes?.[uri] ?? [] };
  }

  applyWorkspaceEdit(edit: WorkspaceEdit): void {
    for (const uri of this.docs.keys()) {
      const { edits } = TestClient.editsOf(edit, uri);
      if (edits.length) void this.edit(uri, edits);
    }
  }

  async configurationChanged(settings: unknown = null): Promise<void> {
    await this.conn.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  async closeDoc(uri: string): Promise<void> {
    this.docs.delete(uri);
    await this.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async stop(): Promise<number | null> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return this.proc.exitCode;
    const exited = new Promise<number | null>((resolve) => this.proc.once('exit', (code) => resolve(code)));
    // a server that does not answer the shutdown within 10 s is killed (a test of a hang must not hang)
    const kill = setTimeout(() => this.proc.kill('SIGKILL'), 10_000);
    try {
      const answered = await Promise.race([this.conn.sendRequest(ShutdownRequest.type).then(() => true), exited.then(() => false)]);
      if (answered) await this.conn.sendNotification(ExitNotification.type);
    } catch {
      this.proc.kill();
    }
    const code = await exited;
    clearTimeout(kill);
    this.conn.dispose();
    return code;
  }
}

/** Applies LSP text edits to a string (for checking what an edit would do). */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('x:', 'plaintext', 0, text), edits);
}
