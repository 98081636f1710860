/** The answer of nianbao/nextYear: next year's draft (core/next-year.ts) with its notes in the user's language. */
import { render, type Language } from '../core/l10n';
import { nextYearDraft } from '../core/next-year';
import type { NextYearResult } from '../../../shared/protocol';

export function nextYearResult(text: string, language: Language): NextYearResult {
  const d = nextYearDraft(text);
  if ('error' in d) return { error: render(d.error, language) };
  return { text: d.text, year: d.year, notes: d.notes.map((n) => render(n, language)) };
}
