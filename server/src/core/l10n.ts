/**
 * Messages are written in English in the code and translated by the zh-cn bundle in l10n/
 * (the @vscode/l10n bundle format: the English text is the key). Chinese is the default.
 * Rendering is a lookup and a `{name}` substitution, done per call so that the CLI and the
 * server can render the same finding in either language.
 */
import zhCn from '../../../l10n/bundle.l10n.zh-cn.json';

export type Language = 'zh-cn' | 'en';
export const LANGUAGES: Language[] = ['zh-cn', 'en'];

/** A list of messages renders as one, joined the language's way (`a、b` / `a, b`). */
export type Arg = string | number | Message | Message[];
export interface Message {
  text: string;
  args?: Record<string, Arg>;
}

const BUNDLES: Record<Language, Record<string, string>> = { 'zh-cn': zhCn as Record<string, string>, en: {} };
const LIST_SEPARATOR: Record<Language, string> = { 'zh-cn': '、', en: ', ' };

export function msg(text: string, args?: Record<string, Arg>): Message {
  return args ? { text, args } : { text };
}

export function render(m: Message, language: Language = 'zh-cn'): string {
  const template = BUNDLES[language][m.text] ?? m.text;
  if (!m.args) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const a = m.args![name];
    if (a === undefined) return whole;
    if (Array.isArray(a)) return a.map((m) => render(m, language)).join(LIST_SEPARATOR[language]);
    return typeof a === 'object' ? render(a, language) : String(a);
  });
}

/** Whether the bundle of a language has a translation for the text (tests use this). */
export function translated(text: string, language: Language): boolean {
  return language === 'en' || text in BUNDLES[language];
}

/** The language for a VS Code / OS locale string: Chinese locales get zh-cn, the rest English. */
export function languageOf(locale: string | undefined): Language {
  return locale && /^zh/i.test(locale) ? 'zh-cn' : 'en';
}
