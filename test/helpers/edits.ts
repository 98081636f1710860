import assert from 'node:assert/strict';
import type { Edit } from '../../server/src/core/finding';

const D = '[0-9０-９]';
/** A whole number as a fix writes it: digits (ASCII or full-width), thousands separated by `,` or `，`. */
const NUMBER = new RegExp(`^${D}{1,3}(?:[,，]${D}{3})*$|^${D}+$`);
/** A digit run a fix may replace (design.md: sign, thousands separators and decimals are part of it). */
const NUMBER_RUN = new RegExp(`^[+\\-−－]?(?:${D}{1,3}(?:[,，]${D}{3})+|${D}+)(?:\\.${D}+)?$`);
/** The placeholders meaning "none" a fix may replace (design.md, "scan"). */
const DASHES = ['/', '-', '—', '——', '－', '─', '无', 'N/A', 'n/a', '／', '\\'];

/**
 * Asserts that `after` is `before` with exactly these edits applied: every byte outside the edited
 * ranges is the same, and each edit put only digits into its cell.
 */
export function assertOnlyCellsChanged(before: string, after: string, edits: Edit[]) {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let pos = 0;
  let shift = 0;
  for (const e of sorted) {
    assert.equal(after.slice(pos + shift, e.start + shift), before.slice(pos, e.start), 'text outside the fixed cells changed');
    assert.match(e.newText, NUMBER, 'a total fix writes a whole number only');
    assert.ok(e.start === e.end || NUMBER_RUN.test(before.slice(e.start, e.end)) || DASHES.includes(before.slice(e.start, e.end)), 'a total fix replaces only a digit run or a dash');
    assert.equal(after.slice(e.start + shift, e.start + shift + e.newText.length), e.newText);
    shift += e.newText.length - (e.end - e.start);
    pos = e.end;
  }
  assert.equal(after.slice(pos + shift), before.slice(pos), 'text after the last fixed cell changed');
  assert.equal(after.length, before.length + shift);
}
