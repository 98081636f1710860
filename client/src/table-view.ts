/**
 * The table view ("nianbao: 表格视图"): a webview beside the draft, as the Markdown preview opens, showing
 * the report's tables as the national grids (the server's `nianbao/tables`). It follows the draft as
 * it is typed (asked again after each check of it) and the active editor as it changes. A click on a
 * cell selects the cell in the editor; a double-click (or F2) on a number asks for a new value and
 * writes it through a WorkspaceEdit of that cell's range only.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TABLES_REQUEST, type GridRange, type TablesParams, type TablesResult } from '../../shared/protocol';
import { gridsHtml, pageHtml, parseRange } from './table-grid';

const VIEW_TYPE = 'nianbao.tableView';

const nonce = () => randomBytes(18).toString('base64');

const toRange = (r: GridRange) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
const baseName = (uri: vscode.Uri) => uri.path.split('/').pop() ?? uri.toString();

/** A number the grid may write into a cell: digits (with a decimal part for amounts), or nothing for a blank. */
const NUMBER = /^(\d+(\.\d+)?)?$/;

export class TableView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: vscode.Uri | undefined;
  /** The document version the grid shows (an edit made from an older grid is refused). */
  private version: number | undefined;
  private asked = 0;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly client: () => LanguageClient | undefined,
    private readonly isDraft: (doc: vscode.TextDocument) => boolean,
  ) {
    this.disposables.push(
      vscode.commands.registerCommand('nianbao.showTableView', (arg?: unknown) => this.show(arg instanceof vscode.Uri ? arg : undefined)),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (this.panel && e && this.isDraft(e.document) && e.document.uri.toString() !== this.uri?.toString()) this.follow(e.document.uri);
      }),
    );
  }

  /** After a check of a document (the server's summary notification): the grid of that document again. */
  checked(uri: string): void {
    if (this.panel && uri === this.uri?.toString()) void this.refresh();
  }

  private async show(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const editor = vscode.window.activeTextEditor;
    const uri = target ?? (editor && this.isDraft(editor.document) ? editor.document.uri : this.uri);
    if (!uri) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The table view follows the active report draft: open a .nianbao, .txt or .md draft.'));
      return undefined;
    }
    if (this.panel) this.panel.reveal(vscode.ViewColumn.Beside, true);
    else this.panel = this.create();
    this.follow(uri);
    return uri;
  }

  private create(): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      vscode.l10n.t('nianbao: Table View'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        localResourceRoots: [],
        enableFindWidget: true,
      },
    );
    panel.webview.html = pageHtml(nonce(), vscode.env.language, panel.webview.cspSource);
    panel.webview.onDidReceiveMessage((m) => void this.received(m), undefined, this.disposables);
    panel.onDidDispose(() => {
      if (this.panel === panel) this.panel = undefined;
    });
    return panel;
  }

  private follow(uri: vscode.Uri): void {
    this.uri = uri;
    this.version = undefined;
    if (this.panel) this.panel.title = vscode.l10n.t('Table View: {0}', baseName(uri));
    void this.refresh();
  }

  /** The grids of the followed document, sent to the page; an answer overtaken by a newer question is dropped. */
  private async refresh(): Promise<void> {
    const c = this.client();
    const uri = this.uri;
    if (!c || !uri || !this.panel) return;
    const ask = ++this.asked;
    let r: TablesResult | null;
    try {
      r = await c.sendRequest<TablesResult | null>(TABLES_REQUEST, { uri: uri.toString() } satisfies TablesParams);
    } catch {
      return; // cancelled or the server restarting: the next check asks again
    }
    if (ask !== this.asked || !this.panel || uri !== this.uri || !r) return;
    this.version = r.version;
    const status = r.isReport ? r.status : vscode.l10n.t('This document does not look like a report.');
    const hint = r.tables.some((t) => t.rows.some((row) => row.cells.some((cell) => cell.editRange))) ? r.words.edit : '';
    await this.panel.webview.postMessage({ type: 'render', html: gridsHtml(r), status: `${baseName(uri)} · ${status}`, hint, version: r.version });
  }

  private document(): vscode.TextDocument | undefined {
    const uri = this.uri?.toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  }

  private async received(m: unknown): Promise<void> {
    const msg = m as { type?: unknown; range?: unknown; text?: unknown; name?: unknown } | undefined;
    if (msg?.type === 'ready') return this.refresh();
    const range = parseRange(msg?.range);
    const doc = this.document();
    if (!range || !doc) return;
    if (msg?.type === 'reveal') {
      // the editor the draft is in (else the first group), the cell selected and in view
      const shown = vscode.window.visibleTextEditors.find((e) => e.document === doc);
      const editor = await vscode.window.showTextDocument(doc, { viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One, selection: toRange(range), preserveFocus: false });
      editor.revealRange(toRange(range), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      return;
    }
    if (msg?.type === 'edit') {
      const version = this.version;
      const value = await vscode.window.showInputBox({
        title: vscode.l10n.t('The value of {0}', typeof msg.name === 'string' ? msg.name : ''),
        value: typeof msg.text === 'string' ? msg.text : '',
        ignoreFocusOut: true,
        validateInput: (v) => (NUMBER.test(v.trim()) ? undefined : vscode.l10n.t('A whole non-negative number, or empty for a blank cell')),
      });
      if (value === undefined) return;
      if (doc.version !== version) {
        void vscode.window.showWarningMessage(vscode.l10n.t('The draft changed meanwhile; the cell was not written.'));
        return;
      }
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, toRange(range), value.trim());
      await vscode.workspace.applyEdit(edit);
    }
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
