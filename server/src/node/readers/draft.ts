/**
 * Builds a draft text and its source map. Every reader emits the same layout, the one the core
 * reads best: prose paragraphs as lines, and every table row as one line of TAB-separated cells on
 * the table's grid (a merged cell's text in its first grid cell, empty cells where it spans).
 */
import { SourceMap, type Segment, type Where } from './sourcemap';

/** One character of a source text: what it reads as, and the source span it comes from. */
export interface SourceChar {
  ch: string;
  start: number;
  end: number;
}

/** What a segment is tagged with besides its offsets. */
export interface Origin {
  part?: string;
  where?: Where;
  /** An insertion here needs markup around the text (Word: a new w:r with its w:t). */
  insert?: 'run';
}

/** A table as a grid: rows of cells; null where a merged cell spans (written as an empty cell). */
export interface GridCell {
  chars: SourceChar[];
  /** Where text goes when the cell is empty (a source offset), for fixes that fill a blank total. */
  insertAt?: number;
  origin?: Origin;
}
export type Grid = (GridCell | null)[][];

const CELL_DROP = /[\s\u00a0\u3000\u200b\ufeff]/;
const PROSE_SPACE = /[ \t\r\n\f\u00a0]/;

export class DraftBuilder {
  private parts: string[] = [];
  /** The same draft with its tables as Markdown tables (`nianbao convert --to md`). */
  private md: string[] = [];
  private inTable = false;
  private length = 0;
  private segments: Segment[] = [];

  /** Appends text with one segment for all of it (or none). */
  add(text: string, segment?: Omit<Segment, 'draftStart' | 'draftEnd'>): void {
    if (segment) this.segments.push({ draftStart: this.length, draftEnd: this.length + text.length, ...segment });
    this.parts.push(text);
    if (!this.inTable) this.md.push(text);
    this.length += text.length;
  }

  /** Appends source characters, merging runs that map one to one into one segment. */
  addChars(chars: SourceChar[], origin: Origin = {}): void {
    let run: Segment | null = null;
    for (const c of chars) {
      if (c.start < 0) {
        // no source offsets (a PDF item, a sheet cell): one segment tagged with the location
        if (run && run.sourceStart === undefined) run.draftEnd += c.ch.length;
        else {
          run = { draftStart: this.length, draftEnd: this.length + c.ch.length, ...origin };
          this.segments.push(run);
        }
        this.parts.push(c.ch);
        if (!this.inTable) this.md.push(c.ch);
        this.length += c.ch.length;
        continue;
      }
      const oneToOne = c.end - c.start === c.ch.length;
      if (run && run.sourceStart !== undefined && oneToOne && run.sourceEnd === c.start && run.sourceEnd - run.sourceStart! === run.draftEnd - run.draftStart) {
        run.draftEnd += c.ch.length;
        run.sourceEnd = c.end;
      } else {
        run = { draftStart: this.length, draftEnd: this.length + c.ch.length, sourceStart: c.start, sourceEnd: c.end, ...origin };
        this.segments.push(run);
      }
      this.parts.push(c.ch);
      if (!this.inTable) this.md.push(c.ch);
      this.length += c.ch.length;
    }
  }

  /** A zero-length segment: where text typed at this draft offset goes in the source. */
  mark(sourceOffset: number | undefined, origin: Origin = {}): void {
    if (sourceOffset === undefined && !origin.where) return;
    this.segments.push({ draftStart: this.length, draftEnd: this.length, sourceStart: sourceOffset, sourceEnd: sourceOffset, ...origin });
  }

  /** A paragraph: runs of spaces (and NBSP) read as one space, none at either end. */
  paragraph(chars: SourceChar[], origin: Origin = {}): void {
    const kept: SourceChar[] = [];
    for (const c of chars) {
      if (PROSE_SPACE.test(c.ch)) {
        const last = kept[kept.length - 1];
        if (!last) continue;
        if (last.ch === ' ') last.end = Math.max(last.end, c.end);
        else kept.push({ ch: ' ', start: c.start, end: c.end });
      } else kept.push(c);
    }
    while (kept.length && kept[kept.length - 1].ch === ' ') kept.pop();
    if (kept.length === 0) return;
    this.addChars(kept, origin);
    this.add('\n');
  }

  /** A table: one TAB row per grid row; whitespace inside cells dropped (`&nbsp;`-only cells are empty). */
  table(grid: Grid): void {
    if (grid.length === 0) return;
    if (this.length > 0 && !this.endsWithBlankLine()) this.add('\n');
    const width = Math.max(...grid.map((r) => r.length));
    this.markdownTable(grid);
    this.inTable = true;
    for (const row of grid) {
      for (let c = 0; c < width; c++) {
        if (c > 0) this.add('\t');
        const cell = row[c];
        if (!cell) continue;
        const kept = cell.chars.filter((ch) => !CELL_DROP.test(ch.ch));
        if (kept.length) this.addChars(kept, cell.origin);
        else this.mark(cell.insertAt, cell.origin);
      }
      this.add('\n');
    }
    this.inTable = false;
    this.add('\n');
  }

  /**
   * A table in Markdown: the cells as written, without the empty cells merged cells span (as a browser
   * copy has them), the first row as the header.
   */
  private markdownTable(grid: Grid): void {
    grid.forEach((row, r) => {
      const cells = row.filter((c): c is GridCell => c !== null).map((c) => c.chars.filter((ch) => !CELL_DROP.test(ch.ch)).map((ch) => ch.ch).join('').replace(/\|/g, '\\|'));
      this.md.push(`| ${cells.join(' | ')} |\n`);
      if (r === 0) this.md.push(`|${cells.map(() => ' --- |').join('')}\n`);
    });
  }

  /** A line of plain text (a page's line, a .doc paragraph) with one location for all of it. */
  line(text: string, origin: Origin = {}): void {
    const t = text.replace(/[ \t\u00a0]+/g, ' ').trim();
    if (!t) return;
    this.add(t, origin.where || origin.part ? { ...origin } : undefined);
    this.add('\n');
  }

  private endsWithBlankLine(): boolean {
    const last = this.parts[this.parts.length - 1];
    const before = this.parts[this.parts.length - 2];
    return last === '\n' && (before === '\n' || before === undefined);
  }

  build(): { text: string; map: SourceMap; markdown: string } {
    return { text: this.parts.join(''), map: new SourceMap(this.segments), markdown: this.md.join('') };
  }
}

/** Cells of plain strings (readers whose source has no text offsets), all tagged with their location. */
export function plainCell(text: string, where: Where | undefined): GridCell {
  return { chars: [...text].map((ch) => ({ ch, start: -1, end: -1 })), origin: { where } };
}
