/**
 * Setting up for a new user (issue 13 items 4 and 5): the command that turns on fix totals on save in the
 * user's settings, and the way back from a GBK/GB18030 draft that VS Code opened as UTF-8: a quick fix on the
 * wrong-encoding finding that reopens it as GB18030 (through the encoding API where VS Code has it, 1.100+;
 * else VS Code's own "Reopen with Encoding", with GB18030 named), never saving the garbled text.
 */
import * as vscode from 'vscode';
import { misdecoding } from '../../server/src/core/garbled';
import { msg, render } from '../../server/src/core/l10n';
import { FIX_ALL_KIND } from '../../shared/protocol';

/** The languages of drafts fix on save is turned on for (HTML pages are fixed deliberately, with Ctrl+.). */
export const FIX_ON_SAVE_LANGUAGES = ['nianbao', 'plaintext', 'markdown'];
const ENCODING = 'gb18030';

type OnSave = Record<string, string | boolean> | string[] | undefined;

/** The user's codeActionsOnSave with ours added (the array form lists kinds run on explicit saves). */
function withFixAll(current: OnSave): Record<string, string | boolean> {
  const base = Array.isArray(current) ? Object.fromEntries(current.map((k) => [k, 'explicit'])) : { ...(current ?? {}) };
  return { ...base, [FIX_ALL_KIND]: 'explicit' };
}

const isOn = (v: OnSave) => (Array.isArray(v) ? v.includes(FIX_ALL_KIND) : !!v && (v[FIX_ALL_KIND] === 'explicit' || v[FIX_ALL_KIND] === 'always' || v[FIX_ALL_KIND] === true));

/** Writes `editor.codeActionsOnSave` for each draft language into the user's settings; says what it did. */
async function turnOnFixOnSave(): Promise<string[]> {
  const changed: string[] = [];
  for (const languageId of FIX_ON_SAVE_LANGUAGES) {
    const editor = vscode.workspace.getConfiguration('editor', { languageId });
    const seen = editor.inspect<OnSave>('codeActionsOnSave');
    // the user's own value for the language, else their value for all languages (which the new one replaces there)
    const current = seen?.globalLanguageValue ?? seen?.globalValue;
    if (isOn(seen?.globalLanguageValue)) continue;
    await editor.update('codeActionsOnSave', withFixAll(current), vscode.ConfigurationTarget.Global, true);
    changed.push(languageId);
  }
  // a workspace's own codeActionsOnSave wins over the user's: say so rather than claim it is on
  const overridden = FIX_ON_SAVE_LANGUAGES.filter((languageId) => !isOn(vscode.workspace.getConfiguration('editor', { languageId }).get<OnSave>('codeActionsOnSave')));
  const openSettings = vscode.l10n.t('Open User Settings (JSON)');
  const message = overridden.length
    ? vscode.l10n.t('Fix totals on save is set in your user settings, but this workspace’s editor.codeActionsOnSave overrides it for: {0}.', overridden.join(', '))
    : changed.length
      ? vscode.l10n.t('Fix totals on save is on: saving a report draft (Ctrl+S) corrects its wrong totals, as “Fix All Totals” does. (User settings, editor.codeActionsOnSave for {0}.)', changed.join(', '))
      : vscode.l10n.t('Fix totals on save was on already.');
  const shown = overridden.length ? vscode.window.showWarningMessage(message, openSettings) : vscode.window.showInformationMessage(message, openSettings);
  void shown.then((choice) => choice === openSettings && vscode.commands.executeCommand('workbench.action.openSettingsJson'));
  return changed;
}

/**
 * openTextDocument(uri, { encoding }) is VS Code 1.100's (@types/vscode here is 1.91's). 1.99 has it as a proposal:
 * TextDocument.encoding is there, but the call throws for an extension that has not enabled the proposal.
 */
type EncodingApi = (uri: vscode.Uri, options: { encoding: string }) => Thenable<vscode.TextDocument>;
const hasEncodingApi = () => {
  const [major, minor] = vscode.version.split('.').map(Number);
  return major > 1 || (major === 1 && minor >= 100);
};

async function reopenWithApi(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.window.showTextDocument(await (vscode.workspace.openTextDocument as unknown as EncodingApi)(uri, { encoding: ENCODING }));
    return true;
  } catch {
    return false; // the picker below, as before 1.100
  }
}

/** Reopens a draft as GB18030, after letting go of unsaved edits of the garbled text (saving them destroys the file). */
async function reopenAsGb18030(arg?: unknown): Promise<boolean> {
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  if (!uri) return false;
  const doc = await vscode.workspace.openTextDocument(uri);
  if (doc.isUntitled) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This text was never saved as a file: there is nothing to reopen. Paste it again from the original.'));
    return false;
  }
  await vscode.window.showTextDocument(doc);
  if (doc.isDirty) {
    const discard = vscode.l10n.t('Discard and Reopen');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('This draft has unsaved changes to the garbled text. Reopening it as GB18030 discards them (saving them would write the � into the file).'),
      { modal: true },
      discard,
    );
    if (choice !== discard) return false;
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  if (hasEncodingApi() && (await reopenWithApi(uri))) return true;
  // VS Code before 1.100: its own picker (Reopen with Encoding, then the encoding), with what to choose named
  void vscode.window.showInformationMessage(vscode.l10n.t('Choose “Reopen with Encoding”, then “Simplified Chinese (GB18030)” (type gb18030).'));
  await vscode.commands.executeCommand('workbench.action.editor.changeEncoding');
  return true;
}

/** The quick fix of the wrong-encoding finding, where the text reads as Chinese decoded in the wrong encoding. */
class ReopenProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];
  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === 'nianbao' && (typeof d.code === 'object' ? d.code.value : d.code) === 'wrong-encoding');
    if (!ours.length || !misdecoding(doc.getText())) return [];
    // in the language of the finding beside it (nianbao.language, or .nianbaorc.json's), not the UI's
    const title = render(msg('Reopen as GB18030 (the file is not changed)'), /[\u4e00-\u9fff]/.test(ours[0].message) ? 'zh-cn' : 'en');
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = ours;
    action.isPreferred = true;
    action.command = { title, command: 'nianbao.reopenAsGb18030', arguments: [doc.uri] };
    return [action];
  }
}

export function registerOnboarding(context: vscode.ExtensionContext, selector: vscode.DocumentSelector): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('nianbao.turnOnFixOnSave', turnOnFixOnSave),
    vscode.commands.registerCommand('nianbao.reopenAsGb18030', reopenAsGb18030),
    vscode.languages.registerCodeActionsProvider(selector, new ReopenProvider(), { providedCodeActionKinds: ReopenProvider.kinds }),
  );
}
