/**
 * The source map of a draft read from a published file: which part of the source each stretch of
 * the draft text comes from. Data only: a sorted array of segments, built once by a reader.
 *
 * A segment covers draft offsets [draftStart, draftEnd). When it has a source span of the same
 * length, offsets map one to one (a run of characters copied from an HTML text node or a Word
 * `w:t`); otherwise (an entity such as `&nbsp;`, a PDF text item) the whole segment maps to its
 * whole source span. A zero-length segment marks where text would go in an empty cell.
 */

/** Where a finding is in the published file, for people (JSON `location`, text output). */
export type Where =
  | { kind: 'html'; line: number; column: number }
  | { kind: 'docx'; table: number; row: number; cell: number }
  | { kind: 'docx'; paragraph: number }
  | { kind: 'xlsx'; sheet: string; cell: string }
  | { kind: 'pdf'; page: number }
  | { kind: 'doc' };

export interface Segment {
  draftStart: number;
  draftEnd: number;
  /** Offsets into the source text (HTML text, a Word part's XML); absent for PDF, .xlsx and .doc. */
  sourceStart?: number;
  sourceEnd?: number;
  /** The part of a package the source offsets are in (`word/document.xml`). */
  part?: string;
  /** The table cell, sheet cell or page, for the readers whose source has no text offsets. */
  where?: Where;
  /** An insertion here needs markup around the text (Word: a new w:r with its w:t). */
  insert?: 'run';
}

export class SourceMap {
  /** Sorted by draftStart (and zero-length segments before the segment starting at the same offset). */
  readonly segments: Segment[];

  constructor(segments: Segment[]) {
    this.segments = [...segments].sort((a, b) => a.draftStart - b.draftStart || a.draftEnd - b.draftEnd);
  }

  /** The index of the last segment starting at or before `offset` (-1 if none). */
  private lastAtOrBefore(offset: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.segments[mid].draftStart <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** The segments that hold `offset` or end at it (segments never overlap; zero-length ones sit between). */
  private around(offset: number): Segment[] {
    const out: Segment[] = [];
    for (let k = this.lastAtOrBefore(offset); k >= 0; k--) {
      const s = this.segments[k];
      if (s.draftEnd < offset) break;
      out.push(s);
    }
    return out;
  }

  /**
   * The segment holding a draft offset: the one it lies inside, else an empty cell's mark at it,
   * else the one that ends at it (just after a cell's text), else the next one (an offset on a TAB
   * or a line break belongs to what follows).
   */
  segmentAt(offset: number): Segment | undefined {
    const near = this.around(offset);
    const inside = near.find((s) => s.draftStart <= offset && offset < s.draftEnd);
    if (inside) return inside;
    const mark = near.find((s) => s.draftStart === offset && s.draftEnd === offset);
    if (mark) return mark;
    if (near.length) return near[0];
    return this.segments[this.lastAtOrBefore(offset) + 1] ?? this.segments[this.segments.length - 1];
  }

  /** The source offset of a draft offset (undefined where the source has no offsets). */
  toSource(offset: number): number | undefined {
    const s = this.segmentAt(offset);
    if (!s || s.sourceStart === undefined || s.sourceEnd === undefined) return undefined;
    if (offset <= s.draftStart) return s.sourceStart;
    if (offset >= s.draftEnd) return s.sourceEnd;
    return linear(s) ? s.sourceStart + (offset - s.draftStart) : s.sourceStart;
  }

  /**
   * The source spans of a draft span: within segments that map one to one and follow each other
   * in the draft (the digits of a number Word split over two runs: two w:t nodes), or an insertion
   * at an empty cell's mark or a segment's edge; else null (the edit would cross markup or an
   * entity, and is refused). The first span gets the new text, the others are emptied.
   */
  toSourceEdits(start: number, end: number): SourceEdit[] | null {
    if (start === end) {
      const s = this.insertionAt(start);
      if (!s || s.sourceStart === undefined || s.sourceEnd === undefined) return null;
      if (s.draftStart === s.draftEnd) return [{ part: s.part, start: s.sourceStart, end: s.sourceStart, insert: s.insert }];
      if (!linear(s)) return null;
      const at = s.sourceStart + (start - s.draftStart);
      return [{ part: s.part, start: at, end: at }];
    }
    const out: SourceEdit[] = [];
    let pos = start;
    while (pos < end) {
      const s = this.segmentAt(pos);
      if (!s || !linear(s) || s.draftStart > pos || s.draftEnd <= pos || (out.length && s.part !== out[0].part)) return null;
      const to = Math.min(end, s.draftEnd);
      out.push({ part: s.part, start: s.sourceStart! + (pos - s.draftStart), end: s.sourceStart! + (to - s.draftStart) });
      pos = to;
    }
    return out;
  }

  /** Where an insertion at a draft offset goes: an empty cell's mark, else the text it touches. */
  private insertionAt(offset: number): Segment | undefined {
    const near = this.around(offset);
    return near.find((s) => s.draftStart === offset && s.draftEnd === offset) ?? near[0];
  }

  /** The draft offset of a source offset (in `part`), for requests that come in source positions. */
  toDraft(sourceOffset: number, part?: string): number | undefined {
    let best: Segment | undefined;
    for (const s of this.segments) {
      if (s.sourceStart === undefined || s.sourceEnd === undefined || s.part !== part) continue;
      if (s.sourceStart <= sourceOffset && sourceOffset <= s.sourceEnd) {
        if (!best || s.sourceEnd - s.sourceStart < best.sourceEnd! - best.sourceStart!) best = s;
      }
    }
    if (!best) return undefined;
    if (!linear(best)) return best.draftStart;
    return best.draftStart + (sourceOffset - best.sourceStart!);
  }

  /** Where a draft offset is, for people: the reader's location of its segment. */
  whereAt(offset: number): Where | undefined {
    return this.segmentAt(offset)?.where;
  }
}

/** A replacement in the source: [start, end) of `part` (the HTML page itself when absent). */
export interface SourceEdit {
  part?: string;
  start: number;
  end: number;
  /** Markup must wrap the inserted text (a new w:r). */
  insert?: 'run';
}

const linear = (s: Segment) => s.sourceStart !== undefined && s.sourceEnd !== undefined && s.sourceEnd - s.sourceStart === s.draftEnd - s.draftStart;
