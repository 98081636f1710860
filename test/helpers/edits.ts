import assert from 'node:assert/strict';
import type { Edit } from '../../server/src/core/finding';
import type { Span } from '../../server/src/core/report';
import type { Cell } from '../../server/src/core/read/cell';

const D = '[0-9０-９]';
/** A whole number as a fix writes it: digits (ASCII or full-width), thousands separated by `,` or `，`. */
const NUMBER = new RegExp(`^${D}{1,3}(?:[,，]${D}{3})*$|^${D}+$`);
/** A digit run a fix may replace (design.md: sign, thousands separators and decimals are part of it). */
const NUMBER_RUN = new RegExp(`^[+\\-−－]?(?:${D}{1,3}(?:[,，]${D}{3})+|${D}+)(?:\\.${D}+)?$`);
/** The placeholders meaning "none" a fix may replace (design.md, "scan"). */
const DASHES = ['/', '-', '—', '——', '－', '─', '无', 'N/A', 'n/a', '／', '\\'];

/** The total cells of a report (the targets of the format's sums): the only cells a total fix may write. */
export type TotalCells = (Pick<Cell, 'start' | 'end'> & { blank: boolean })[];

const within = (e: Span, c: Span) => c.start <= e.start && e.end <= c.end;

/**
 * Asserts that `after` is `before` with exactly these edits applied: every byte outside the edited
 * ranges is the same, each edit lies inside one of the total cells (an insertion only in a blank one:
 * a zero-width edit between cells or in the prose is text outside the cells), and puts only digits there.
 */
export function assertOnlyCellsChanged(before: string, after: string, edits: Edit[], cells: TotalCells) {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let pos = 0;
  let shift = 0;
  for (const e of sorted) {
    const cell = cells.find((c) => within(e, c));
    assert.ok(cell, `the edit ${e.start}-${e.end} (${JSON.stringify(e.newText)}) lies outside every total cell`);
    assert.ok(e.start < e.end || cell.blank, `the insertion at ${e.start} is in a cell that is not blank`);
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
