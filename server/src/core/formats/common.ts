/**
 * What the 2019 and 2021 national formats share: the six sections, most of the 申请 table, the
 * 复议/诉讼 table, and the way sum relations follow from rows and columns.
 */
import { msg } from '../l10n';
import type { ApplicationRow, ColumnDef, Deadlines, Format, LabelDef, ReviewCell, ReviewGroup, SectionDef, SumRelation } from './types';

export const SECTIONS: SectionDef[] = [
  { id: 'overview', ordinal: '一', title: '总体情况', pattern: /^总体情况/ },
  { id: 'proactive', ordinal: '二', title: '主动公开政府信息情况', pattern: /^主动公开政府信息(?:的)?情况/, table: 'article20' },
  { id: 'applications', ordinal: '三', title: '收到和处理政府信息公开申请情况', pattern: /^收到和处理政府信息公开申请(?:的)?情况/, table: 'applications' },
  {
    id: 'review',
    ordinal: '四',
    title: '政府信息公开行政复议、行政诉讼情况',
    pattern: /^(?:因)?(?:政府信息公开)?(?:工作)?(?:被申请)?行政(?:法)?复议[、和及与]?(?:提起)?(?:行政)?诉讼(?:的)?情况/,
    table: 'review',
  },
  {
    id: 'problems',
    ordinal: '五',
    title: '存在的主要问题及改进情况',
    pattern: /^(?:政府信息公开)?(?:工作)?存在的主要问题(?:及|和|与)改进(?:情况|措施)/,
    minLength: 10,
  },
  { id: 'other', ordinal: '六', title: '其他需要报告的事项', pattern: /^其他需要报告的事项/ },
];

/** A section's heading as the format prints it: `一、总体情况`. */
export const headingOf = (s: SectionDef) => `${s.ordinal}、${s.title}`;

/** 条例第四十九条. */
export const DEADLINES: Deadlines = { source: '《条例》第四十九条', department: { month: 1, day: 31 }, government: { month: 3, day: 31 } };

export const APPLICATION_COLUMNS: ColumnDef[] = [
  { id: 'natural', label: '自然人', kind: 'count' },
  { id: 'business', label: '商业企业', kind: 'count' },
  { id: 'research', label: '科研机构', kind: 'count' },
  { id: 'public', label: '社会公益组织', kind: 'count' },
  { id: 'legal', label: '法律服务机构', kind: 'count' },
  { id: 'other', label: '其他', short: '法人或其他组织·其他', kind: 'count' },
  { id: 'total', label: '总计', kind: 'count' },
];

const G3 = '（三）不予公开';
const G4 = '（四）无法提供';
const G5 = '（五）不予处理';
export const G6 = '（六）其他处理';

/** Rows before （六）. */
export const ROWS_HEAD: ApplicationRow[] = [
  { id: 'new', role: 'new', label: '一、本年新收政府信息公开申请数量', aliases: ['本年新收政府信息公开申请数量', '一、本年新收申请数量'] },
  { id: 'carried', role: 'carried', label: '二、上年结转政府信息公开申请数量', aliases: ['上年结转政府信息公开申请数量', '二、上年结转申请数量'] },
  { id: 'r1', role: 'result', label: '（一）予以公开' },
  { id: 'r2', role: 'result', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', aliases: ['（二）部分公开'] },
  { id: 'g3', role: 'subtotal', optional: true, label: G3 },
  { id: 'r3_1', role: 'result', group: G3, label: '1.属于国家秘密' },
  { id: 'r3_2', role: 'result', group: G3, label: '2.其他法律行政法规禁止公开', aliases: ['2.其他法律法规禁止公开', '2.其他法律、行政法规禁止公开'] },
  { id: 'r3_3', role: 'result', group: G3, label: '3.危及“三安全一稳定”' },
  { id: 'r3_4', role: 'result', group: G3, label: '4.保护第三方合法权益' },
  { id: 'r3_5', role: 'result', group: G3, label: '5.属于三类内部事务信息' },
  { id: 'r3_6', role: 'result', group: G3, label: '6.属于四类过程性信息' },
  { id: 'r3_7', role: 'result', group: G3, label: '7.属于行政执法案卷' },
  { id: 'r3_8', role: 'result', group: G3, label: '8.属于行政查询事项' },
  { id: 'g4', role: 'subtotal', optional: true, label: G4 },
  { id: 'r4_1', role: 'result', group: G4, label: '1.本机关不掌握相关政府信息' },
  { id: 'r4_2', role: 'result', group: G4, label: '2.没有现成信息需要另行制作' },
  { id: 'r4_3', role: 'result', group: G4, label: '3.补正后申请内容仍不明确' },
  { id: 'g5', role: 'subtotal', optional: true, label: G5 },
  { id: 'r5_1', role: 'result', group: G5, label: '1.信访举报投诉类申请' },
  { id: 'r5_2', role: 'result', group: G5, label: '2.重复申请' },
  { id: 'r5_3', role: 'result', group: G5, label: '3.要求提供公开出版物' },
  { id: 'r5_4', role: 'result', group: G5, label: '4.无正当理由大量反复申请' },
  { id: 'r5_5', role: 'result', group: G5, label: '5.要求行政机关确认或重新出具已获取信息' },
];

/** Rows after （六）. */
export const ROWS_TAIL: ApplicationRow[] = [
  { id: 'total', role: 'total', label: '（七）总计', aliases: ['（七）合计', '总计', '合计'] },
  { id: 'carry_next', role: 'carry-next', label: '四、结转下年度继续办理', aliases: ['结转下年度继续办理', '四、结转下年度'] },
];

/** The balance the 申请 table's corner note states (一 + 二 = （七） + 四). */
const BALANCE_NOTE = '第一项加第二项之和，等于第三项加第四项之和';

export const APPLICATION_GROUPS: LabelDef[] = [{ id: 'results', label: '三、本年度办理结果', aliases: ['本年度办理结果'] }];

export const REVIEW_COLUMNS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
export const REVIEW_COLUMN_IDS = ['upheld', 'corrected', 'other', 'pending', 'total'];
export const REVIEW_GROUPS: ReviewGroup[] = [
  { id: 'review', label: '行政复议', parts: [0, 1, 2, 3], total: 4 },
  { id: 'suit-direct', label: '行政诉讼·未经复议直接起诉', parts: [5, 6, 7, 8], total: 9 },
  { id: 'suit-after', label: '行政诉讼·复议后起诉', parts: [10, 11, 12, 13], total: 14 },
];
/** The value cells of the 复议/诉讼 row, 5 per group. */
export const REVIEW_CELLS = REVIEW_GROUPS.length * REVIEW_COLUMNS.length;

/** Each value cell of the 复议/诉讼 row: its group and column (index = position in the row). */
export const REVIEW_CELL_DEFS: ReviewCell[] = REVIEW_GROUPS.flatMap((group) =>
  [...group.parts, group.total].map((index, k) => ({ index, group, column: REVIEW_COLUMNS[k], columnId: REVIEW_COLUMN_IDS[k] })),
).sort((a, b) => a.index - b.index);

/** The cell of a group's 总计, as a cell of the computation. */
export const reviewTotal = (group: string) => ({ table: 'review' as const, col: REVIEW_GROUPS.find((g) => g.id === group)!.total });

const cell = (row: string, col: string) => ({ table: 'applications' as const, row, col });

/**
 * The sum relations of a 申请 table, in dependency order:
 * each data row's 总计 from its six applicant cells; each aggregate row's cell (（七）总计, optional
 * subtotals) from its column; each 复议/诉讼 group's 总计 from its four parts.
 */
export function sumRelations(rows: ApplicationRow[], aggregates: { row: string; parts: string[] }[]): SumRelation[] {
  const applicant = APPLICATION_COLUMNS.filter((c) => c.id !== 'total');
  const aggregateIds = new Set(aggregates.map((a) => a.row));
  const sums: SumRelation[] = [];
  for (const r of rows) {
    if (aggregateIds.has(r.id)) continue;
    sums.push({ kind: 'row-total', target: cell(r.id, 'total'), parts: applicant.map((c) => cell(r.id, c.id)) });
  }
  for (const a of aggregates) {
    for (const c of APPLICATION_COLUMNS) {
      sums.push({ kind: 'column-total', target: cell(a.row, c.id), parts: a.parts.map((p) => cell(p, c.id)) });
    }
  }
  for (const g of REVIEW_GROUPS) {
    sums.push({ kind: 'group-total', target: { table: 'review', col: g.total }, parts: g.parts.map((col) => ({ table: 'review', col })) });
  }
  return sums;
}

/** Assembles a format from its own rows and tables; the rest is shared. */
export function defineFormat(spec: {
  version: Format['version'];
  source: string;
  article20: Format['article20'];
  sixth: ApplicationRow[];
  indicators: string[];
  feeSection?: string;
  stock: Format['stock'];
}): Format {
  const rows = [...ROWS_HEAD, ...spec.sixth, ...ROWS_TAIL];
  const subtotals = rows.filter((r) => r.role === 'subtotal');
  const results = rows.filter((r) => r.role === 'result');
  const aggregates = [
    ...subtotals.map((s) => ({ row: s.id, parts: results.filter((r) => r.group === s.label).map((r) => r.id) })),
    { row: 'total', parts: results.map((r) => r.id) },
  ];
  return {
    version: spec.version,
    source: spec.source,
    article20: spec.article20,
    article20Name: msg('第二十条 table'),
    article20Header: '信息内容',
    applications: {
      title: '收到和处理政府信息公开申请情况',
      name: msg('table of applications (收到和处理政府信息公开申请情况)'),
      note: `（本列数据的勾稽关系为：${BALANCE_NOTE}）`,
      columns: APPLICATION_COLUMNS,
      rows,
      groups: APPLICATION_GROUPS,
    },
    review: {
      title: '政府信息公开行政复议、行政诉讼情况',
      name: msg('table of 行政复议 and 行政诉讼'),
      headers: ['行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉'],
      columns: REVIEW_COLUMNS,
      columnIds: REVIEW_COLUMN_IDS,
      groups: REVIEW_GROUPS,
      cells: REVIEW_CELLS,
    },
    sums: sumRelations(rows, aggregates),
    balance: { left: ['new', 'carried'], right: ['total', 'carry_next'], items: ['一', '二', '（七）总计', '四'], note: BALANCE_NOTE },
    indicators: spec.indicators,
    feeSection: spec.feeSection,
    stock: spec.stock,
  };
}
