/** The shape of a national format, as data. Rules ask the format; they never spell a label. */
import type { Message } from '../l10n';

export type FormatVersion = '2019' | '2021';

export interface LabelDef {
  id: string;
  /** The label as the national format prints it. */
  label: string;
  /** Other wordings seen in drafts (label-variant offers the canonical label for them). */
  aliases?: string[];
}

/** count: a non-negative integer; delta: an integer that may be negative; amount: money, decimals allowed. */
export type CellKind = 'count' | 'delta' | 'amount';

export interface ColumnDef extends LabelDef {
  kind: CellKind;
  /** Short name for messages (e.g. 自然人). */
  short?: string;
}

/** A 第二十条 sub-table: rows with a fixed number of value cells, no totals. */
export interface Article20Table {
  id: string;
  title: string;
  columns: ColumnDef[];
  rows: LabelDef[];
}

export type ApplicationRole = 'new' | 'carried' | 'result' | 'subtotal' | 'total' | 'carry-next';

export interface ApplicationRow extends LabelDef {
  role: ApplicationRole;
  /** Label of the group the row sits under (for messages), e.g. （三）不予公开. */
  group?: string;
  /** A subtotal row some local templates add; absent is fine. */
  optional?: boolean;
}

/** A cell of the 申请 table (row id × column id) or of the 复议/诉讼 table (column index). */
export type CellRef = { table: 'applications'; row: string; col: string } | { table: 'review'; col: number };

export type SumKind = 'row-total' | 'column-total' | 'group-total';

/** target = Σ parts. Listed in dependency order: a part is computed before the totals that use it. */
export interface SumRelation {
  kind: SumKind;
  target: CellRef;
  parts: CellRef[];
}

export interface ReviewGroup {
  id: string;
  label: string;
  /** Column indexes of the four parts and of the group's 总计 in the 15-cell row. */
  parts: number[];
  total: number;
}

/**
 * A 第二十条 count that rolls forward from last year's report (cross-year-stock): this year's `column`
 * = last year's `from` + or − the `terms`, each a column of this year's report or of last year's.
 */
export interface StockRelation {
  /** The 第二十条 table (its id) and the rows the relation holds for (all of the table's when absent). */
  table: string;
  rows?: string[];
  column: string;
  from: string;
  terms: { column: string; sign: 1 | -1; of: 'this' | 'last' }[];
}

/** The tables of a report, by the section that holds them. */
export type TableKind = 'article20' | 'applications' | 'review';

export interface Format {
  version: FormatVersion;
  /**
   * The format with （六）其他处理 as one row, the way the 2019 format has it: some 2021 tables keep the old
   * single row (淮安市洪泽区 2024). That row is then （六） in the sums; format-version names it.
   */
  oneSixthRow?: Format;
  /** This is such a variant of its version. */
  sixthAsOneRow?: boolean;
  /** The document that defines it. */
  source: string;
  article20: Article20Table[];
  /** The 第二十条 tables together, in messages and outlines. */
  article20Name: Message;
  /** The header of the first column of every 第二十条 table (信息内容). */
  article20Header: string;
  applications: {
    /** The table's title as the format prints it. */
    title: string;
    /** The table's name in messages and outlines. */
    name: Message;
    /** The note printed in the table's top-left cell. */
    note: string;
    /** 7 columns; the last is 总计. */
    columns: ColumnDef[];
    /** Every row, data rows and optional subtotals, in the printed order. */
    rows: ApplicationRow[];
    /** Labels printed without numbers in front of their sub-rows (三、本年度办理结果, （三）不予公开 …). */
    groups: LabelDef[];
  };
  review: {
    title: string;
    name: Message;
    /** The header words over the groups; the first opens the table (行政复议). */
    headers: string[];
    /** The five columns of each group, as printed (结果维持 … 总计), and their ids. */
    columns: string[];
    columnIds: string[];
    groups: ReviewGroup[];
    /** How many value cells the table's one data row has (5 per group). */
    cells: number;
  };
  sums: SumRelation[];
  /** 一 + 二 = （七） + 四, per column. */
  balance: {
    left: string[];
    right: string[];
    /** How the format numbers the rows of both sides (一, 二, （七）总计, 四), in the order of left then right. */
    items: string[];
    /** The note the format prints in the table's corner. */
    note: string;
  };
  /** Label keys only this format has: they tell which format a draft's tables follow. */
  indicators: string[];
  /** The section that must state the 信息处理费 collected, even when none was (2021 format). */
  feeSection?: string;
  /** The 第二十条 counts that roll forward from last year's report of the same format. */
  stock: StockRelation[];
}

export interface SectionDef {
  /** The section's id (rules name sections by id, never by title or position). */
  id: string;
  ordinal: string;
  title: string;
  /** Matches the title text after `一、` etc. (the heading may be followed by text on the same line). */
  pattern: RegExp;
  /** The table the section holds. */
  table?: TableKind;
  /** Content shorter than this (or only “无”) says too little. */
  minLength?: number;
}

/** One of the value cells of the 复议/诉讼 row: its group and its column. */
export interface ReviewCell {
  index: number;
  group: ReviewGroup;
  /** The column as printed (结果维持 … 总计) and its id. */
  column: string;
  columnId: string;
}

/** When a report is due (条例第四十九条): a department's by 1月31日, a 人民政府's by 3月31日. */
export interface Deadlines {
  source: string;
  department: { month: number; day: number };
  government: { month: number; day: number };
}
