/**
 * A new report in a national format, written from the format's data (sections, 第二十条 tables,
 * the 申请 table with its row labels, the 复议/诉讼 table), every count 0. Plain text gets
 * tab-separated rows, Markdown gets pipe tables. The VS Code command "insert a report skeleton"
 * uses it; it parses back with no error. `nianbao sum` writes a summary draft through it, each cell's
 * text given by `value`.
 */
import type { SumRef } from './aggregate';
import { FORMATS, SECTIONS } from './formats';
import type { Format, FormatVersion } from './formats/types';

export type SkeletonLayout = 'tab' | 'markdown';

export interface SkeletonOptions {
  year: number;
  layout?: SkeletonLayout;
  version?: FormatVersion;
  /** The format itself (the one-row （六） variant included); else the version's. */
  format?: Format;
  eol?: string;
  /** The title's organisation (default: a placeholder to fill in). */
  organisation?: string;
  /** The text of each value cell (default: 0). */
  value?: (ref: SumRef) => string;
}

type CellText = (ref: SumRef) => string;

const PROSE: string[] = [
  '（请在此概述本年度政府信息公开工作的总体情况，写明收到和处理政府信息公开申请的数量。）',
  '（请在此说明主动公开政府信息的情况。）',
  '',
  '',
  '（请在此写明政府信息公开工作存在的主要问题及改进情况。）',
  '（请在此写明信息处理费收取情况等其他需要报告的事项。）',
];

function table(rows: string[][], layout: SkeletonLayout): string[] {
  if (layout === 'tab') return rows.map((r) => r.join('\t'));
  const width = Math.max(...rows.map((r) => r.length));
  const line = (r: string[]) => `| ${[...r, ...new Array(width - r.length).fill('')].join(' | ')} |`;
  return [line(rows[0]), `|${new Array(width).fill('---').join('|')}|`, ...rows.slice(1).map(line)];
}

function article20Tables(format: Format, layout: SkeletonLayout, value: CellText): string[][] {
  return format.article20.map((t) =>
    table(
      [[t.title], ['信息内容', ...t.columns.map((c) => c.label)], ...t.rows.map((r) => [r.label, ...t.columns.map((c) => value({ table: 'article20', id: t.id, row: r.id, col: c.id }))])],
      layout,
    ),
  );
}

function applicationsTable(format: Format, layout: SkeletonLayout, value: CellText): string[] {
  const { columns, rows, groups } = format.applications;
  const applicant = columns.slice(0, -1).map((c) => c.label);
  const header = [
    ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况'],
    ['', applicant[0], '法人或其他组织', '', '', '', '', columns[columns.length - 1].label],
    ['', '', ...applicant.slice(1)],
  ];
  const seenGroups = new Set<string>();
  let firstResult = true;
  const body: string[][] = [];
  for (const r of rows) {
    if (r.optional) continue;
    const prefix: string[] = [];
    if (r.role === 'result') {
      if (firstResult) prefix.push(groups[0].label);
      firstResult = false;
      if (r.group && !seenGroups.has(r.group)) {
        seenGroups.add(r.group);
        prefix.push(r.group);
      }
    }
    body.push([...prefix, r.label, ...columns.map((c) => value({ table: 'applications', row: r.id, col: c.id }))]);
  }
  return table([...header, ...body], layout);
}

function reviewTable(format: Format, layout: SkeletonLayout, value: CellText): string[] {
  const cols = format.review.columns;
  const [review, ...suits] = format.review.groups;
  const suitNames = suits.map((g) => g.label.replace(/^行政诉讼·/, ''));
  return table(
    [
      [review.label, '', '', '', '', '行政诉讼'],
      [...cols, suitNames[0], '', '', '', '', suitNames[1]],
      ['', '', '', '', '', ...cols, ...cols],
      Array.from({ length: format.review.cells }, (_, col) => value({ table: 'review', col })),
    ],
    layout,
  );
}

export function skeleton(options: SkeletonOptions): string {
  const layout = options.layout ?? 'tab';
  const format = options.format ?? FORMATS[options.version ?? '2021'];
  const value = options.value ?? (() => '0');
  const organisation = options.organisation ?? '××（机关名称）';
  const y = options.year;
  const heading = (i: number) => `${layout === 'markdown' ? '## ' : ''}${SECTIONS[i].ordinal}、${SECTIONS[i].title}`;
  const blocks: string[][] = [
    [`${layout === 'markdown' ? '# ' : ''}${organisation}${y}年政府信息公开工作年度报告`],
    [`本报告所列数据统计期限为${y}年1月1日至${y}年12月31日。`],
  ];
  const tablesOf: Record<number, string[][]> = {
    1: article20Tables(format, layout, value),
    2: [applicationsTable(format, layout, value)],
    3: [reviewTable(format, layout, value)],
  };
  SECTIONS.forEach((_, i) => {
    blocks.push([heading(i)]);
    if (PROSE[i]) blocks.push([PROSE[i]]);
    if (tablesOf[i]) blocks.push(...tablesOf[i]);
  });
  blocks.push([organisation, `${y + 1}年1月××日`]);
  return blocks.map((b) => b.join('\n')).join('\n\n').replace(/\n/g, options.eol ?? '\n') + (options.eol ?? '\n');
}
