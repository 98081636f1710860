/** Types of a parsed report. Offsets are UTF-16 offsets into the document text. */
import type { Cell, Row, Scan } from './scan';
import type { LineIndex } from './text';
import type { ColumnDef, Format, FormatVersion, LabelDef } from './formats/types';

export interface Span {
  start: number;
  end: number;
}

export interface YearRef extends Span {
  year: number;
  source: 'title' | 'period' | 'body';
}

export interface DateRef extends Span {
  year: number;
  month: number;
  day: number;
  /** The written weekday (0 = Sunday) and its span, when the line states one. */
  weekday?: { value: number } & Span;
}

export interface SectionHit extends Span {
  /** 0..5: which of the six sections (by its title). */
  index: number;
  /** The ordinal written in front of the title (一 … 六). */
  ordinal: string;
  /** Where the section's content runs: from the end of the heading to the next heading. */
  contentStart: number;
  contentEnd: number;
}

/** A table row bound to a format row by its label. */
export interface BoundRow {
  id: string;
  labelCell: Cell;
  row: Row;
  /** Value cells in column order; undefined where the row has no cell for a column. */
  values: (Cell | undefined)[];
}

export interface Article20Row extends BoundRow {
  tableId: string;
  columns: ColumnDef[];
}

export interface ApplicationTable {
  rows: Map<string, BoundRow>;
  /** Span of the table, from its first bound row to its last. */
  start: number;
  end: number;
}

export interface ReviewTable {
  header: Row;
  /** The 15 value cells in column order. */
  values: (Cell | undefined)[];
  start: number;
  end: number;
}

export interface Report {
  text: string;
  scan: Scan;
  index: LineIndex;
  title: (Span & { text: string }) | null;
  organisation: string | null;
  /** 人民政府 reports are due by 3月31日, departments' by 1月31日 (条例第四十九条). */
  kind: 'government' | 'department';
  /** The year the title names. */
  titleYear: YearRef | null;
  /** Statements of the report year in the body (design.md, "Years"): `2019年，…`, `截至2019年12月31日` … */
  yearStatements: YearRef[];
  /** The year most of the title, the 统计期限 and the statements agree on. */
  reportYear: number | null;
  period: (Span & { from: DateRef; to: DateRef }) | null;
  publication: DateRef | null;
  sections: SectionHit[];
  /** The format the tables follow (null when no table tells). */
  formatVersion: FormatVersion | null;
  /** The first cell that shows which format the tables follow. */
  formatEvidence: Cell | null;
  /** The format the checks use: the tables' own, else the one the report year calls for. */
  format: Format;
  applications: ApplicationTable | null;
  review: ReviewTable | null;
  article20: Article20Row[];
  /** Row labels bound to a format row (for label-variant). */
  labels: { cell: Cell; def: LabelDef }[];
}
