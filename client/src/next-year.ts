/**
 * "根据本年度报告新建下一年度草稿" / "New Next Year’s Draft from This Report": the server makes next
 * year's draft of the active editor's report (nianbao/nextYear, `nianbao new`'s core) and it opens in a
 * new untitled editor, named after the report with its year moved on where the report is a file:
 * nothing is written to disk until the clerk saves it.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { NEXT_YEAR_REQUEST, type NextYearParams, type NextYearResult } from '../../shared/protocol';

/** The untitled document's URI: beside a file report, its name with the year moved on (else `-YYYY` added). */
function draftUri(source: vscode.Uri, year: number): vscode.Uri | undefined {
  if (source.scheme !== 'file') return undefined;
  const dir = vscode.Uri.joinPath(source, '..');
  const base = source.path.split('/').pop() ?? '';
  const ext = /\.(txt|md|nianbao)$/i.exec(base)?.[0] ?? '.txt';
  const stem = base.slice(0, base.length - (/\.[^.]*$/.exec(base)?.[0].length ?? 0));
  const last = String(year - 1);
  const name = stem.includes(last) ? stem.split(last).join(String(year)) : `${stem}-${year}`;
  return vscode.Uri.joinPath(dir, name + ext).with({ scheme: 'untitled' });
}

export function registerNextYear(context: vscode.ExtensionContext, client: () => LanguageClient | undefined, language: string): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('nianbao.newNextYear', async () => {
      const editor = vscode.window.activeTextEditor;
      const c = client();
      if (!editor || !c) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Open this year’s report first.'));
        return undefined;
      }
      const source = editor.document;
      const r = await c.sendRequest<NextYearResult | null>(NEXT_YEAR_REQUEST, { uri: source.uri.toString(), text: source.getText() } satisfies NextYearParams);
      if (!r || r.error !== undefined || r.text === undefined || r.year === undefined) {
        void vscode.window.showErrorMessage(vscode.l10n.t('nianbao: no draft was made: {0}', r?.error ?? ''));
        return undefined;
      }
      const target = draftUri(source.uri, r.year);
      const languageId = source.languageId === 'markdown' || source.languageId === 'plaintext' ? source.languageId : language;
      let doc: vscode.TextDocument;
      try {
        if (!target) throw new Error('no file');
        doc = await vscode.workspace.openTextDocument(target);
        const shown = await vscode.window.showTextDocument(doc);
        await shown.edit((b) => b.replace(new vscode.Range(0, 0, doc.lineCount, 0), r.text!));
        if (doc.languageId !== languageId) doc = await vscode.languages.setTextDocumentLanguage(doc, languageId);
      } catch {
        // no file name to suggest (a rendering of a published file, an untitled report), or one VS Code refuses
        doc = await vscode.workspace.openTextDocument({ language: languageId, content: r.text });
        await vscode.window.showTextDocument(doc);
      }
      const notes = r.notes ?? [];
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Next year’s draft ({0}) is open: save it, then rewrite the prose that still describes this year.', String(r.year)) + (notes.length ? ` ${notes.join(' ')}` : ''),
      );
      return doc;
    }),
  );
}
