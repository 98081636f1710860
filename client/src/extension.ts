/**
 * The VS Code client: starts the bundled language server (dist/server.js) over IPC, checks
 * documents of the `nianbao` language and plain-text / Markdown documents (the server stays
 * silent on those that are not reports), and adds the commands and the status bar item.
 * Settings go to the server through workspace/configuration; only values the user has set are
 * sent, so a `.nianbaorc.json` applies wherever the settings are silent.
 */
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, ResponseError, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { COMMANDS, FORWARDED_SETTINGS, SUMMARY_NOTIFICATION, SUMMARY_REQUEST, TRUST_NOTIFICATION, WORKSPACE_REQUEST, type FixAllResult, type InitializationOptions, SERVER_FLAGS, type Summary, type SummaryParams, type WorkspaceCheckResult } from '../../shared/protocol';
import { skeleton } from '../../server/src/core/skeleton';
import { registerOnboarding } from './onboarding';
import { registerNextYear } from './next-year';
import { registerPublished } from './published';
import { withRuleCommand, withRuleLinks } from './rule-links';
import { TableView } from './table-view';

const LANGUAGE = 'nianbao';

let client: LanguageClient | undefined;

/**
 * Where drafts are checked: files, untitled editors and virtual workspaces (not the `git:` side of a
 * diff). Plain text and Markdown too: the server stays silent on those that are not reports.
 */
const SCHEMES = ['file', 'untitled', 'vscode-vfs'];
// HTML pages too: a published report checked as it is (the server only sniffs pages that are not reports)
const documentSelector = [LANGUAGE, 'plaintext', 'markdown', 'html'].flatMap((language) => SCHEMES.map((scheme) => ({ language, scheme })));

function inSelector(doc: vscode.TextDocument): boolean {
  return vscode.languages.match(documentSelector, doc) > 0;
}

/** Settings a workspace may not raise while it is not trusted (package.json: restrictedConfigurations). */
const RESTRICTED = new Set(['sizeLimit', 'workspace.maxFiles', 'workspace.maxMegabytes']);

/**
 * The `nianbao` settings the user has set (user, workspace, folder), without the defaults of
 * package.json: an unset key lets the server use `.nianbaorc.json`. Dotted keys are sent nested.
 */
export function explicitSettings(scopeUri: string | undefined): Record<string, unknown> {
  const scope = scopeUri ? vscode.Uri.parse(scopeUri) : undefined;
  const config = vscode.workspace.getConfiguration(LANGUAGE, scope);
  const out: Record<string, unknown> = {};
  for (const key of FORWARDED_SETTINGS) {
    const i = config.inspect(key);
    if (!i) continue;
    // in an untrusted workspace a workspace's sizeLimit and workspace limits are not used (package.json: restrictedConfigurations)
    const restricted = RESTRICTED.has(key) && !vscode.workspace.isTrusted;
    const levels = (restricted ? [i.globalValue] : [i.globalValue, i.workspaceValue, i.workspaceFolderValue]).filter((v) => v !== undefined);
    if (levels.length === 0) continue;
    const [group, name] = key.split('.');
    if (name) out[group] = { ...(out[group] as object | undefined), [name]: levels[levels.length - 1] };
    else if (key === 'rules' && levels.every((v) => v && typeof v === 'object' && !Array.isArray(v))) out.rules = Object.assign({}, ...levels);
    else out[key] = levels[levels.length - 1];
  }
  return out;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    // a small young generation keeps the long-running server's memory down (shared/protocol.ts)
    run: { module, transport: TransportKind.ipc, options: { execArgv: SERVER_FLAGS } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    initializationOptions: { trusted: vscode.workspace.isTrusted } satisfies InitializationOptions,
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => next(uri, diagnostics.map(withRuleCommand)),
      provideHover: async (document, position, token, next) => {
        const hover = await next(document, position, token);
        return hover ? withRuleLinks(hover) : hover;
      },
      workspace: {
        configuration: async (params, token, next) => {
          const own = params.items.map((item) => item.section === LANGUAGE);
          if (own.every(Boolean)) return params.items.map((item) => explicitSettings(item.scopeUri));
          const rest = await next(params, token);
          if (rest instanceof ResponseError || !Array.isArray(rest)) return rest;
          return params.items.map((item, i) => (own[i] ? explicitSettings(item.scopeUri) : rest[i]));
        },
      },
    },
  };
  client = new LanguageClient(LANGUAGE, vscode.l10n.t('nianbao report checker'), serverOptions, clientOptions);

  const summaries = new Map<string, Summary>();
  const status = vscode.window.createStatusBarItem('nianbao.status', vscode.StatusBarAlignment.Left, 50);
  status.name = vscode.l10n.t('nianbao report');
  status.command = 'nianbao.showSummary';
  const updateStatus = () => {
    const doc = vscode.window.activeTextEditor?.document;
    const s = doc && summaries.get(doc.uri.toString());
    // the editor title's table view button: on the drafts the server found to be reports
    void vscode.commands.executeCommand('setContext', 'nianbao.reportActive', !!s?.isReport);
    if (!s?.isReport) {
      status.hide();
      return;
    }
    status.text = `$(${s.counts.error ? 'error' : 'pass'}) ${s.status}`;
    status.tooltip = s.detail;
    status.backgroundColor = s.counts.error ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    status.show();
  };

  const activeReport = (): vscode.TextEditor | undefined => {
    const editor = vscode.window.activeTextEditor;
    if (editor && inSelector(editor.document)) return editor;
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a report draft (a .nianbao, .txt or .md file) first.'));
    return undefined;
  };

  context.subscriptions.push(
    status,
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      summaries.delete(doc.uri.toString());
      updateStatus();
    }),
    vscode.commands.registerCommand('nianbao.fixAllTotals', async () => {
      const editor = activeReport();
      if (!editor || !client) return;
      const r = (await client.sendRequest(ExecuteCommandRequest.type, { command: COMMANDS.fixAllTotals, arguments: [editor.document.uri.toString()] })) as FixAllResult;
      if (r.applied === 0) void vscode.window.showInformationMessage(r.message);
      return r;
    }),
    vscode.commands.registerCommand('nianbao.showSummary', async () => {
      const editor = activeReport();
      if (!editor || !client) return;
      const s = await client.sendRequest<Summary | null>(SUMMARY_REQUEST, { uri: editor.document.uri.toString() } satisfies SummaryParams);
      if (s) void vscode.window.showInformationMessage(s.detail);
      return s;
    }),
    vscode.commands.registerCommand('nianbao.checkWorkspace', async () => {
      if (!client) return;
      const c = client;
      const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the reports of the workspace…') }, () =>
        c.sendRequest<WorkspaceCheckResult | null>(WORKSPACE_REQUEST, {}),
      );
      if (r) void (r.leftOut ? vscode.window.showWarningMessage(r.message) : vscode.window.showInformationMessage(r.message));
      return r;
    }),
    vscode.commands.registerCommand('nianbao.showRule', async (code: unknown) => {
      if (typeof code !== 'string' || !/^[a-z-]+$/.test(code)) return;
      const page = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${code}.md`);
      await vscode.commands.executeCommand('markdown.showPreview', page);
      return page;
    }),
    vscode.commands.registerCommand('nianbao.insertSkeleton', async () => {
      const year = new Date().getFullYear() - 1;
      const editor = vscode.window.activeTextEditor;
      if (editor && editor.document.getText().trim() === '') {
        const layout = editor.document.languageId === 'markdown' ? 'markdown' : 'tab';
        const eol = editor.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
        await editor.edit((b) => b.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), skeleton({ year, layout, eol })));
        return editor.document;
      }
      const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE, content: skeleton({ year }) });
      await vscode.window.showTextDocument(doc);
      return doc;
    }),
  );

  registerPublished(context, () => client);
  registerOnboarding(context, documentSelector);
  registerNextYear(context, () => client, LANGUAGE);
  const tableView = new TableView(() => client, inSelector);
  context.subscriptions.push(tableView);

  context.subscriptions.push(
    client.onNotification(SUMMARY_NOTIFICATION, (s: Summary) => {
      summaries.set(s.uri, s);
      updateStatus();
      tableView.checked(s.uri);
    }),
  );
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(TRUST_NOTIFICATION)));
  await client.start();
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
