/** Types of a parsed report. Offsets are UTF-16 offsets into the document text. */
import { SECTIONS } from './formats';
import type { ColumnDef, Format, FormatVersion, LabelDef, TableKind } from './formats/types';
import type { Cell, ReadArticle20Row, ReadRow, RowReading } from './read';
import type { LineIndex } from './text';

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

/** A table row bound to a format row by its label, with how its values were read. */
export type BoundRow = ReadRow;

export interface Article20Row extends ReadArticle20Row {
  tableId: string;
  columns: ColumnDef[];
}

export interface ApplicationTable {
  rows: Map<string, BoundRow>;
  /** Span of the table, from its first bound row to its last. */
  start: number;
  end: number;
  /** Where its header starts (the note in its top-left cell), when the text shows it before the first row. */
  headerStart: number;
}

export interface ReviewTable {
  /** The header word that opens the table (行政复议) and where the header starts. */
  labelCell: Cell;
  headerStart: number;
  /** The 15 value cells in column order. */
  values: (Cell | undefined)[];
  reading: RowReading;
  /** Span of the value cells. */
  start: number;
  end: number;
  firstLine: number;
  lastLine: number;
}

export interface Report {
  text: string;
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
  /** Where each 第二十条 table's header starts (its title or column headers), by table id, where the text shows one before its first row. */
  article20Headers: Map<string, number>;
  /** Row labels bound to a format row (for label-variant). */
  labels: { cell: Cell; def: LabelDef }[];
}

/** The heading of the section that holds a table (formats/ says which section holds it). */
export function tableSection(report: Report, table: TableKind): SectionHit | undefined {
  const k = SECTIONS.findIndex((s) => s.table === table);
  return report.sections.find((h) => h.index === k);
}
