/**
 * Label pieces as a sorted set: whether a range overlaps one, and the parts of a range outside them,
 * by binary search. A row's text may hold thousands of label pieces (a long run of tables read as one
 * review table's header words), and these questions are asked for every line and word of it.
 */
import type { Span } from '../report';

export class SpanSet {
  /** The spans, by start. */
  readonly spans: readonly Span[];
  /** The largest end among spans[0..i]: nondecreasing, so the spans that may overlap a range are found by search. */
  private readonly maxEnd: Float64Array;

  constructor(spans: readonly Span[]) {
    let sorted = true;
    for (let i = 1; i < spans.length && sorted; i++) sorted = spans[i - 1].start <= spans[i].start;
    this.spans = sorted ? spans : [...spans].sort((x, y) => x.start - y.start);
    this.maxEnd = new Float64Array(this.spans.length);
    let m = -Infinity;
    for (let i = 0; i < this.spans.length; i++) this.maxEnd[i] = m = Math.max(m, this.spans[i].end);
  }

  /** The first index whose running end is past `at`: no span before it ends after `at`. */
  private firstEndingAfter(at: number): number {
    let lo = 0;
    let hi = this.maxEnd.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.maxEnd[mid] > at) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Whether [a, b) overlaps a span. */
  overlaps(a: number, b: number): boolean {
    const { spans } = this;
    for (let i = this.firstEndingAfter(a); i < spans.length && spans[i].start < b; i++) if (a < spans[i].end) return true;
    return false;
  }

  /** The parts of [f.start, f.end) outside every span, in order. */
  outside(f: Span): Span[] {
    const out: Span[] = [];
    const { spans } = this;
    let s = f.start;
    for (let i = this.firstEndingAfter(f.start); i < spans.length && spans[i].start < f.end; i++) {
      const p = spans[i];
      if (p.end <= s) continue;
      if (p.start > s) out.push({ start: s, end: p.start });
      s = Math.max(s, p.end);
    }
    // (nothing taken out: the range itself)
    if (s === f.start && s < f.end) return [f];
    if (s < f.end) out.push({ start: s, end: f.end });
    return out;
  }

  /** The largest end in (after, upto] of a span, or -1. */
  lastEndIn(after: number, upto: number): number {
    let best = -1;
    const { spans } = this;
    for (let i = this.firstEndingAfter(after); i < spans.length && spans[i].start <= upto; i++) {
      const e = spans[i].end;
      if (e > after && e <= upto && e > best) best = e;
    }
    return best;
  }
}
