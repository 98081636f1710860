/** Edits that write into cells: only the digit run changes (design.md, "Writing digits"). */
import type { Edit } from './finding';
import { blankInsertOffset, type Cell, type CellValue } from './read/cell';
import { toFullWidthDigits } from './text';

type NumberValue = Extract<CellValue, { kind: 'number' }>;

/** `value` written like the number it replaces: full-width digits and its thousands separator (`,` or `，`) kept. */
function formatLike(text: string, value: number, like: NumberValue): string {
  let s = String(value);
  if (like.grouped) s = s.replace(/\B(?=(\d{3})+(?!\d))/g, text.slice(like.start, like.end).includes('，') ? '，' : ',');
  return like.fullWidth ? toFullWidthDigits(s) : s;
}

/**
 * The edit that makes a cell hold `value`: a number's digit run is replaced (full-width stays
 * full-width), a blank cell gets the digits after its padding, a dash is replaced. A cell with
 * words in it gets no edit.
 */
export function writeNumber(text: string, cell: Cell, value: number, fullWidth = false): Edit | null {
  const v = cell.value;
  if (v.kind === 'number') return { start: v.start, end: v.end, newText: formatLike(text, value, v) };
  const digits = fullWidth ? toFullWidthDigits(String(value)) : String(value);
  if (v.kind === 'dash') return { start: v.start, end: v.end, newText: digits };
  if (v.kind === 'blank') {
    const at = blankInsertOffset(text, cell);
    // a blank the reader inferred has no character of its own: nothing can be written there
    return at === undefined ? null : { start: at, end: at, newText: digits };
  }
  return null;
}

/** The edits to apply, in order: no-ops dropped, and an edit that overlaps one already taken left out. */
export function selectEdits(text: string, edits: Edit[]): Edit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const taken: Edit[] = [];
  for (const e of sorted) {
    if (text.slice(e.start, e.end) === e.newText) continue;
    const prev = taken[taken.length - 1];
    const sameInsertPoint = prev && prev.start === prev.end && e.start === e.end && e.start === prev.start;
    if (prev && (e.start < prev.end || sameInsertPoint)) continue;
    taken.push(e);
  }
  return taken;
}

export function applyEdits(text: string, edits: Edit[]): { text: string; applied: Edit[] } {
  const applied = selectEdits(text, edits);
  let out = '';
  let pos = 0;
  for (const e of applied) {
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return { text: out + text.slice(pos), applied };
}
