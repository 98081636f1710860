/**
 * A mutator over real drafts for property tests and fuzzing: deletes, duplicates and swaps lines,
 * changes digits, inserts full-width and control characters, breaks table rows (tabs to spaces,
 * a row split in two, lines joined, a row turned into pipes), converts a whole table to another
 * shape (test/helpers/render.ts), changes the line endings, truncates.
 */
import fc from 'fast-check';
import { SHAPES, renderDraft, type Shape } from './render';

export type Mutation =
  | { op: 'delete-line'; at: number }
  | { op: 'duplicate-line'; at: number }
  | { op: 'swap-lines'; at: number; with: number }
  | { op: 'digit'; at: number; digit: number }
  | { op: 'insert'; at: number; chars: string }
  | { op: 'tabs-to-spaces'; at: number }
  | { op: 'join-lines'; at: number }
  | { op: 'split-row'; at: number; cell: number }
  | { op: 'to-pipes'; at: number }
  | { op: 'convert-layout'; at: number; layout: Shape }
  | { op: 'line-endings'; eol: '\n' | '\r\n' | '\r' }
  | { op: 'truncate'; at: number };

const STRANGE = ['\u3000', '\u00a0', '１', '０', '９', '\t', '|', '\u0000', '\u0007', '\ufeff', '\u200b', '\r', '\n', '\r\n', '—', '/', '（', '）', '、', '一、', '总计', '合计', '2019年', '2025年', '结转', '件', '-', '十', '\ud83d', '\ude00', '😀', '１，２３４', '1,234', '−3', '0.5', '万元', '+25', '9007199254740993', '4503599627370495', '500000000000000000000', '9'.repeat(400), '1,234,567', '12.50'];

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete-line' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap-lines' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ op: fc.constant('digit' as const), at: fc.nat(), digit: fc.integer({ min: 0, max: 9 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), chars: fc.oneof(fc.constantFrom(...STRANGE), fc.string({ maxLength: 4 })) }),
  fc.record({ op: fc.constant('tabs-to-spaces' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('join-lines' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('split-row' as const), at: fc.nat(), cell: fc.nat() }),
  fc.record({ op: fc.constant('to-pipes' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('convert-layout' as const), at: fc.nat(), layout: fc.constantFrom(...SHAPES) }),
  fc.record({ op: fc.constant('line-endings' as const), eol: fc.constantFrom('\n' as const, '\r\n' as const, '\r' as const) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

export function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const li = lines.length ? ('at' in m ? m.at : 0) % lines.length : 0;
  switch (m.op) {
    case 'delete-line':
      lines.splice(li, 1);
      return lines.join('\n');
    case 'duplicate-line':
      lines.splice(li, 0, lines[li] ?? '');
      return lines.join('\n');
    case 'swap-lines': {
      const j = m.with % Math.max(1, lines.length);
      [lines[li], lines[j]] = [lines[j], lines[li]];
      return lines.join('\n');
    }
    case 'digit': {
      const digits = [...text.matchAll(/[0-9０-９]/g)];
      if (!digits.length) return text;
      const d = digits[m.at % digits.length];
      return text.slice(0, d.index) + String(m.digit) + text.slice(d.index! + 1);
    }
    case 'insert': {
      const at = text.length ? m.at % (text.length + 1) : 0;
      return text.slice(0, at) + m.chars + text.slice(at);
    }
    case 'tabs-to-spaces':
      lines[li] = (lines[li] ?? '').replace(/\t/g, ' ');
      return lines.join('\n');
    case 'join-lines':
      if (li + 1 < lines.length) lines.splice(li, 2, lines[li] + lines[li + 1]);
      return lines.join('\n');
    case 'split-row': {
      // a row broken at one of its tabs (a copy that wrapped a long row)
      const rowLines = lines.map((l, i) => (l.includes('\t') ? i : -1)).filter((i) => i >= 0);
      if (!rowLines.length) return text;
      const i = rowLines[m.at % rowLines.length];
      const tabs = [...lines[i].matchAll(/\t/g)].map((x) => x.index!);
      const cut = tabs[m.cell % tabs.length];
      lines.splice(i, 1, lines[i].slice(0, cut), lines[i].slice(cut + 1));
      return lines.join('\n');
    }
    case 'to-pipes':
      lines[li] = '| ' + (lines[li] ?? '').split('\t').join(' | ') + ' |';
      return lines.join('\n');
    case 'convert-layout':
      return renderDraft(text, m.layout, m.at);
    case 'line-endings':
      return text.replace(/\r\n|\r|\n/g, m.eol);
    case 'truncate':
      return text.slice(0, text.length ? m.at % text.length : 0);
  }
}

export function mutateAll(text: string, ms: Mutation[]): string {
  return ms.reduce(mutate, text);
}
