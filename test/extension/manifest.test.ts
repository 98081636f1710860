/**
 * The extension manifest and its translations: every contributed string has an English and a
 * Chinese text, the rule settings list exactly the codes of design.md with the rules' own
 * descriptions, the commands the client registers are the ones contributed, and every message
 * the server or client shows has a zh-cn translation.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, test } from 'node:test';
import { CODES } from '../../server/src/core/finding';
import { translated } from '../../server/src/core/l10n';
import { RULES } from '../../server/src/core/rules';
import { FORWARDED_SETTINGS, SHOW_RULE_COMMAND, ruleOfPage, showRuleUri } from '../../shared/protocol';
import { at, read } from '../helpers/repo';

const pkg = JSON.parse(read('package.json'));
const nlsEn: Record<string, string> = JSON.parse(read('package.nls.json'));
const nlsZh: Record<string, string> = JSON.parse(read('package.nls.zh-cn.json'));
/** The client's sources (every command it registers, every message it shows). */
const CLIENT_SOURCES = fs
  .readdirSync(at('client/src'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => `client/src/${f}`);
const SEVERITY_ZH = { error: '错误', warning: '警告', information: '信息', hint: '提示' };

function placeholders(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') for (const m of v.matchAll(/^%([\w.-]+)%$/g)) out.push(m[1]);
  else if (Array.isArray(v)) v.forEach((x) => placeholders(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => placeholders(x, out));
  return out;
}

/** The string literals passed to a function in a source file, e.g. msg('…') or l10n.t('…'). */
function literals(file: string, fn: RegExp): string[] {
  const src = read(file);
  const re = new RegExp(fn.source + String.raw`\(\s*'((?:[^'\\]|\\.)*)'`, 'g');
  return [...src.matchAll(re)].map((m) => m[1].replace(/\\'/g, "'"));
}

describe('extension manifest', () => {
  test('every %placeholder% has an English and a Chinese text, and the two files have the same keys', () => {
    const keys = placeholders(pkg);
    assert.ok(keys.length > 20);
    for (const k of keys) {
      assert.ok(nlsEn[k], `package.nls.json: ${k}`);
      assert.ok(nlsZh[k], `package.nls.zh-cn.json: ${k}`);
    }
    assert.deepEqual(Object.keys(nlsEn).sort(), Object.keys(nlsZh).sort());
    assert.deepEqual(Object.keys(nlsEn).sort(), [...new Set(keys)].sort(), 'no unused translations');
    for (const k of keys) assert.match(nlsZh[k], /[\u4e00-\u9fff]/, `${k} is in Chinese`);
  });

  test('nianbao.rules lists exactly the codes, with the default severities and the rules’ own descriptions (npm run sync:manifest)', () => {
    const rules = pkg.contributes.configuration.properties['nianbao.rules'];
    assert.deepEqual(Object.keys(rules.properties), [...CODES], 'run `npm run sync:manifest` after adding or changing a rule');
    assert.deepEqual(pkg.contributes.configuration.properties['nianbao.ignore'].items.properties.code.enum, [...CODES]);
    for (const r of RULES) {
      const p = rules.properties[r.code];
      assert.equal(p.default, r.defaultSeverity);
      assert.deepEqual(p.enum, ['error', 'warning', 'information', 'hint', 'off']);
      const key = /^%(.+)%$/.exec(p.markdownDescription)![1];
      assert.equal(nlsEn[key], `${r.description.en} (\`${r.code}\`, default: ${r.defaultSeverity})`);
      assert.equal(nlsZh[key], `${r.description.zh}（\`${r.code}\`，默认：${SEVERITY_ZH[r.defaultSeverity]}）`);
    }
    const schema = JSON.parse(read('nianbaorc.schema.json'));
    assert.deepEqual(Object.keys(schema.properties.rules.properties), [...CODES]);
    assert.deepEqual(schema.properties.ignore.items.properties.code.enum, [...CODES]);
  });

  test('settings: language zh-cn by default with en and auto, deadline pattern accepts what the core parses', () => {
    const props = pkg.contributes.configuration.properties;
    assert.equal(props['nianbao.language'].default, 'zh-cn');
    assert.deepEqual(props['nianbao.language'].enum, ['zh-cn', 'en', 'auto']);
    const pattern = new RegExp(props['nianbao.deadline'].pattern);
    for (const ok of ['auto', 'department', 'government', '1月31日', '3月31日', '01-31', '1/31']) assert.match(ok, pattern);
    for (const bad of ['soon', '31', 'January']) assert.doesNotMatch(bad, pattern);
  });

  test('language, grammar, commands, capabilities, entry points', () => {
    const [lang] = pkg.contributes.languages;
    assert.equal(lang.id, 'nianbao');
    assert.deepEqual(lang.extensions, ['.nianbao']);
    assert.deepEqual(lang.filenamePatterns, ['*年度报告*.txt', '*年报*.txt', '*年度报告*.md']);
    assert.ok(fs.existsSync(at(lang.configuration)));
    assert.ok(fs.existsSync(at(pkg.contributes.grammars[0].path)));
    const client = CLIENT_SOURCES.map(read).join('\n');
    const registered = [...client.matchAll(/registerCommand\('([\w.]+)'/g)].map((m) => m[1]).sort();
    assert.deepEqual(registered, ['nianbao.checkReport', 'nianbao.checkWorkspace', 'nianbao.convertToDraft', 'nianbao.fixAllTotals', 'nianbao.insertSkeleton', 'nianbao.newNextYear', 'nianbao.reopenAsGb18030', 'nianbao.showRule', 'nianbao.showSummary', 'nianbao.showTableView', 'nianbao.turnOnFixOnSave']);
    assert.ok(registered.includes(SHOW_RULE_COMMAND));
    assert.deepEqual(pkg.contributes.commands.map((c: { command: string }) => c.command).sort(), registered);
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces, { supported: 'limited', restrictedConfigurations: ['nianbao.sizeLimit', 'nianbao.workspace.maxFiles', 'nianbao.workspace.maxMegabytes'], description: '%capabilities.untrustedWorkspaces.description%' });
    assert.equal(pkg.capabilities.virtualWorkspaces.supported, 'limited');
    assert.equal(pkg.main, './dist/extension.js');
    assert.equal(pkg.l10n, './l10n');
    assert.ok(fs.existsSync(at('l10n/bundle.l10n.zh-cn.json')));
    assert.ok(pkg.activationEvents.includes('onLanguage:plaintext') && pkg.activationEvents.includes('onLanguage:markdown'));
    assert.match(pkg.devDependencies['@vscode/vsce'], /^\^?3\./, '@vscode/vsce 4 needs Node 22');
    assert.match(read('scripts/package-vsix.mjs'), /'package', '--no-dependencies'/);
  });

  test('the client forwards every nianbao.* setting the server reads (issue 10: nianbao.sizeLimit was left out)', () => {
    const settings = Object.keys(pkg.contributes.configuration.properties).map((k) => k.replace(/^nianbao\./, ''));
    // trace.server is the client's own (the LanguageClient logs the messages); the server reads the others
    assert.deepEqual([...FORWARDED_SETTINGS].sort(), settings.filter((k) => k !== 'trace.server').sort());
    assert.ok((FORWARDED_SETTINGS as readonly string[]).includes('sizeLimit'));
  });

  test('rule page links: the server’s file: URI names the rule; the client’s command: URI carries it as its one argument', () => {
    assert.equal(ruleOfPage('file:///opt/ext/nianbao-0.1.0/docs/rules/total-mismatch.md'), 'total-mismatch');
    assert.equal(ruleOfPage('/c:/Users/x/.vscode/extensions/nianbao/docs/rules/blank-cell.md'), 'blank-cell');
    assert.equal(ruleOfPage('file:///opt/notes/total-mismatch.md'), null);
    const uri = new URL(showRuleUri('total-mismatch'));
    assert.equal(uri.protocol, 'command:');
    assert.equal(uri.pathname, SHOW_RULE_COMMAND);
    assert.deepEqual(JSON.parse(decodeURIComponent(uri.search.slice(1))), ['total-mismatch']);
    const palette = pkg.contributes.menus.commandPalette.find((m: { command: string }) => m.command === SHOW_RULE_COMMAND);
    assert.equal(palette.when, 'false', 'not offered in the command palette (it takes a code)');
  });

  test('drafts are not boxed for full-width punctuation or U+00A0 padding (both are normal in these reports); a TAB stays a TAB', () => {
    assert.deepEqual(pkg.contributes.configurationDefaults['[nianbao]'], {
      'editor.unicodeHighlight.ambiguousCharacters': false,
      'editor.unicodeHighlight.invisibleCharacters': false,
      // a row retyped with TABs after the skeleton command must not be saved with spaces
      'editor.insertSpaces': false,
      // table rows wrap too (README: how to turn it off); a GBK draft is opened as GBK where VS Code can tell
      'editor.wordWrap': 'on',
      'files.autoGuessEncoding': true,
    });
  });

  test('every message of the server and the client has a zh-cn translation', () => {
    const sources = (dir: string): string[] =>
      fs.readdirSync(at(dir), { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sources(`${dir}/${d.name}`) : d.name.endsWith('.ts') ? [`${dir}/${d.name}`] : []));
    const texts = [...[...sources('server/src'), ...CLIENT_SOURCES].flatMap((f) => literals(f, /\bmsg/)), ...CLIENT_SOURCES.flatMap((f) => literals(f, /l10n\.t/))];
    assert.ok(texts.length > 25);
    for (const t of texts) assert.ok(translated(t, 'zh-cn'), `no zh-cn translation for “${t}”`);
  });

  test('commands: category 年报检查 / nianbao; found by Chinese and English words in either UI language', () => {
    assert.equal(nlsZh['command.category'], '年报检查');
    assert.equal(nlsEn['command.category'], 'nianbao');
    for (const c of pkg.contributes.commands as { command: string; title: string; category: string }[]) {
      assert.equal(c.category, '%command.category%', c.command);
      const key = /^%(.+)%$/.exec(c.title)![1];
      const [en, zh] = [nlsEn[key], nlsZh[key]];
      // a Chinese UI shows the Chinese title and matches the English one too (VS Code 1.99 keeps the
      // package.nls.json title of a command as its alias); an English UI shows and matches only the English
      // title, so that one carries the Chinese title after it
      assert.match(zh, /[\u4e00-\u9fff]/, `${key} (zh) is in Chinese`);
      assert.ok(en.endsWith(` (年报：${zh})`), `${key} (en) “${en}” ends with “ (年报：${zh})”`);
      assert.match(en, /^[A-Z][\x20-\x7e’]+ \(/, `${key} (en) begins in English`);
      const shown = { en: `nianbao: ${en}`, zh: `年报检查: ${zh}`, zhAlias: `nianbao: ${en}` };
      for (const word of ['年报', zh]) assert.ok(shown.en.includes(word), `English UI: “${word}” finds ${c.command}`);
      assert.ok(shown.zh.includes('年报'), `Chinese UI: “年报” finds ${c.command}`);
      for (const word of ['nianbao', en.slice(0, en.indexOf(' ('))]) assert.ok(shown.zhAlias.includes(word), `Chinese UI: “${word}” finds ${c.command}`);
    }
    assert.equal(nlsZh['command.turnOnFixOnSave'], '开启保存时自动修正合计');
    assert.equal(nlsEn['command.turnOnFixOnSave'], 'Turn On Fix Totals on Save (年报：开启保存时自动修正合计)');
  });

  test('settings: in order for a clerk (language, deadline, rules, ignore), the developers’ (size limit, trace) last and marked so', () => {
    const props = pkg.contributes.configuration.properties as Record<string, { order?: number; markdownDescription: string }>;
    const byOrder = Object.keys(props).sort((a, b) => (props[a].order ?? Infinity) - (props[b].order ?? Infinity));
    for (const k of byOrder) assert.equal(typeof props[k].order, 'number', `${k} has an order (settings without one come after all that have one)`);
    assert.deepEqual(byOrder.slice(0, 4), ['nianbao.language', 'nianbao.deadline', 'nianbao.rules', 'nianbao.ignore']);
    assert.deepEqual(byOrder.slice(-2), ['nianbao.sizeLimit', 'nianbao.trace.server']);
    for (const k of ['nianbao.sizeLimit', 'nianbao.trace.server']) {
      const key = /^%(.+)%$/.exec(props[k].markdownDescription)![1];
      assert.ok(nlsZh[key].startsWith('（开发者设置）') && nlsEn[key].startsWith('(For developers) '), k);
    }
    for (const [k, p] of Object.entries(props)) {
      const key = /^%(.+)%$/.exec(p.markdownDescription)![1];
      assert.match(nlsZh[key], /[\u4e00-\u9fff]/, `${k}: a Chinese description`);
    }
  });

  test('a *年度报告*.md file stays a report (nianbao language) and keeps the Markdown preview: editor title button and Ctrl+K V', () => {
    const when = 'editorLangId == nianbao && resourceExtname == .md';
    assert.deepEqual(pkg.contributes.menus['editor/title'].find((m: { command: string }) => m.command === 'markdown.showPreviewToSide'), { command: 'markdown.showPreviewToSide', when, group: 'navigation' });
    assert.deepEqual(pkg.contributes.keybindings.find((k: { command: string }) => k.command === 'markdown.showPreviewToSide'), { command: 'markdown.showPreviewToSide', key: 'ctrl+k v', mac: 'cmd+k v', when });
  });
});
