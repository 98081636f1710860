import assert from 'node:assert/strict';
import type { Edit } from '../../server/src/finding';

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
    assert.match(e.newText, /^[0-9０-９,]+$/, 'a total fix writes digits only');
    assert.match(before.slice(e.start, e.end), /^[0-9０-９,./\-—－无]*$/, 'a total fix replaces only a digit run or a dash');
    assert.equal(after.slice(e.start + shift, e.start + shift + e.newText.length), e.newText);
    shift += e.newText.length - (e.end - e.start);
    pos = e.end;
  }
  assert.equal(after.slice(pos + shift), before.slice(pos), 'text after the last fixed cell changed');
  assert.equal(after.length, before.length + shift);
}
