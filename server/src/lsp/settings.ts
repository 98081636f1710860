/**
 * Editor settings (the `nianbao` section of VS Code, or what another client sends) laid over the
 * `.nianbaorc.json` found for a draft. A key the editor leaves unset (absent or null) keeps the
 * file's value; a key it sets wins; `ignore` entries of both apply. Wrong values fall back and are
 * reported (normalizeConfig). `language: "auto"` follows the editor's display language.
 */
import { normalizeConfig, type Config } from '../core/config';
import { languageOf } from '../core/l10n';

/** Keys of the editor section that are not a draft's settings: the client's own, and the workspace limits (lsp/workspace.ts). */
const CLIENT_ONLY = new Set(['trace', 'workspace']);

export interface AppliedSettings {
  config: Config;
  problems: string[];
}

export function applySettings(raw: unknown, base: Config, locale: string | undefined): AppliedSettings {
  if (raw === undefined || raw === null) return { config: base, problems: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) return normalizeConfig(raw, base);
  const set: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (value === undefined || value === null || CLIENT_ONLY.has(key)) continue;
    set[key] = key === 'language' && value === 'auto' ? languageOf(locale) : value;
  }
  return normalizeConfig(set, base);
}
