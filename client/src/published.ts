/**
 * Published reports VS Code cannot show as text (.docx, .xlsx, .pdf, .doc): "nianbao: 检查此报告"
 * opens a read-only rendering of the report (a virtual document of its draft text, scheme
 * `nianbao-report:`) with its findings; "转换为文本草稿" writes the draft as a .txt beside the file.
 * The server reads the file (inside the workspace folders only); nothing here parses a file.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PUBLISHED_REQUEST, type PublishedParams, type PublishedResult } from '../../shared/protocol';
import { withRuleCommand } from './rule-links';

export const REPORT_SCHEME = 'nianbao-report';

/** The file of a command: the one clicked in the explorer, else the active editor's, else one the user picks. */
async function targetOf(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  // the active tab: a binary file (a PDF) opened in VS Code has a tab but no text editor
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const active = input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri : vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file' && /\.(docx|xlsx|pdf|doc)$/i.test(active.path)) return active;
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { [vscode.l10n.t('Published reports')]: ['docx', 'xlsx', 'pdf', 'doc'] } });
  return picked?.[0];
}

export function registerPublished(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  const drafts = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const diagnostics = vscode.languages.createDiagnosticCollection('nianbao-report');

  const read = async (file: vscode.Uri): Promise<PublishedResult | undefined> => {
    const c = client();
    if (!c) return undefined;
    const r = await c.sendRequest<PublishedResult | null>(PUBLISHED_REQUEST, { uri: file.toString() } satisfies PublishedParams);
    if (!r || r.error !== undefined || r.text === undefined) {
      void vscode.window.showErrorMessage(vscode.l10n.t('nianbao: {0} cannot be read: {1}', file.path.split('/').pop() ?? '', r?.error ?? ''));
      return undefined;
    }
    return r;
  };

  context.subscriptions.push(
    diagnostics,
    changed,
    vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, { onDidChange: changed.event, provideTextDocumentContent: (uri) => drafts.get(uri.toString()) ?? '' }),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      if (doc.uri.scheme !== REPORT_SCHEME) return;
      drafts.delete(doc.uri.toString());
      diagnostics.delete(doc.uri);
    }),
    vscode.commands.registerCommand('nianbao.checkReport', async (arg?: unknown) => {
      const file = await targetOf(arg);
      if (!file) return undefined;
      const r = await read(file);
      const c = client();
      if (!r || !c) return undefined;
      // the rendering is named after the file; its query keeps it apart from a real file of that name
      const view = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `${file.path}.txt`, query: file.toString() });
      drafts.set(view.toString(), r.text!);
      changed.fire(view);
      const doc = await vscode.workspace.openTextDocument(view);
      await vscode.languages.setTextDocumentLanguage(doc, 'nianbao');
      // related locations (a total's parts) are in the rendering too, not in the file
      const inView = (r.diagnostics ?? []).map((d) => ({ ...d, relatedInformation: (d as { relatedInformation?: { location: object }[] }).relatedInformation?.map((i) => ({ ...i, location: { ...i.location, uri: view.toString() } })) }));
      diagnostics.set(view, (await c.protocol2CodeConverter.asDiagnostics(inView as Parameters<typeof c.protocol2CodeConverter.asDiagnostics>[0])).map(withRuleCommand));
      await vscode.window.showTextDocument(doc, { preview: false });
      return { uri: view.toString(), diagnostics: r.diagnostics?.length ?? 0 };
    }),
    vscode.commands.registerCommand('nianbao.convertToDraft', async (arg?: unknown) => {
      const file = await targetOf(arg);
      if (!file) return undefined;
      const r = await read(file);
      if (!r) return undefined;
      const out = file.with({ path: file.path.replace(/\.[^./]+$/, '') + '.txt' });
      try {
        await vscode.workspace.fs.stat(out);
        void vscode.window.showWarningMessage(vscode.l10n.t('{0} exists already; it was not overwritten.', out.path.split('/').pop() ?? ''));
        return undefined;
      } catch {
        // no such file: write it
      }
      await vscode.workspace.fs.writeFile(out, new TextEncoder().encode(r.text));
      await vscode.window.showTextDocument(out);
      return out.toString();
    }),
  );
}
