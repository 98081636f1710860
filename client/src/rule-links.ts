/**
 * Links to rule pages (docs/rules/<code>.md): the server gives file: URIs of the pages beside its bundle;
 * the client turns them into the nianbao.showRule command, which previews the page shipped in the .vsix.
 */
import * as vscode from 'vscode';
import { SHOW_RULE_COMMAND, ruleOfPage, showRuleUri } from '../../shared/protocol';

/** A diagnostic whose code links a rule page (a file: URI) links the command that previews the page instead. */
export function withRuleCommand(d: vscode.Diagnostic): vscode.Diagnostic {
  const code = typeof d.code === 'object' ? d.code : undefined;
  const rule = code && ruleOfPage(code.target.path);
  if (code && rule && code.target.scheme === 'file') d.code = { value: code.value, target: vscode.Uri.parse(showRuleUri(rule)) };
  return d;
}

/** The hover's links to rule pages, as the command (trusted for that command only). */
export function withRuleLinks(hover: vscode.Hover): vscode.Hover {
  hover.contents = hover.contents.map((c) => {
    if (!(c instanceof vscode.MarkdownString)) return c;
    const value = c.value.replace(/\]\((file:[^)]+)\)/g, (whole, href: string) => {
      const rule = ruleOfPage(href);
      return rule ? `](${showRuleUri(rule)})` : whole;
    });
    if (value === c.value) return c;
    const md = new vscode.MarkdownString(value);
    md.isTrusted = { enabledCommands: [SHOW_RULE_COMMAND] };
    return md;
  });
  return hover;
}
