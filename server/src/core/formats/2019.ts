/** 国办公开办函〔2019〕60号: the format for statistics years 2019 and 2020. */
import { defineFormat, G6 } from './common';
import type { ColumnDef } from './types';

/** 第（五）、（六）项: items of last year, this year's change, decisions. */
const ITEMS: ColumnDef[] = [
  { id: 'last-year', label: '上一年项目数量', kind: 'count' },
  { id: 'change', label: '本年增/减', kind: 'delta' },
  { id: 'decisions', label: '处理决定数量', kind: 'count' },
];

export const FORMAT_2019 = defineFormat({
  version: '2019',
  source: '国办公开办函〔2019〕60号',
  article20: [
    {
      id: 'a20-1',
      title: '第二十条第（一）项',
      columns: [
        { id: 'made', label: '本年新制作数量', kind: 'count' },
        { id: 'published', label: '本年新公开数量', kind: 'count' },
        { id: 'current', label: '对外公开总数量', kind: 'count' },
      ],
      rows: [
        { id: 'rules', label: '规章' },
        { id: 'normative', label: '规范性文件', aliases: ['行政规范性文件'] },
      ],
    },
    {
      id: 'a20-5',
      title: '第二十条第（五）项',
      columns: ITEMS,
      rows: [
        { id: 'license', label: '行政许可' },
        { id: 'other-services', label: '其他对外管理服务事项' },
      ],
    },
    {
      id: 'a20-6',
      title: '第二十条第（六）项',
      columns: ITEMS,
      rows: [
        { id: 'penalty', label: '行政处罚' },
        { id: 'enforcement', label: '行政强制' },
      ],
    },
    {
      id: 'a20-8',
      title: '第二十条第（八）项',
      columns: [
        { id: 'last-year', label: '上一年项目数量', kind: 'count' },
        { id: 'change', label: '本年增/减', kind: 'delta' },
      ],
      rows: [{ id: 'fees', label: '行政事业性收费' }],
    },
    {
      id: 'a20-9',
      title: '第二十条第（九）项',
      columns: [
        { id: 'projects', label: '采购项目数量', kind: 'count' },
        { id: 'amount', label: '采购总金额', kind: 'amount' },
      ],
      rows: [{ id: 'procurement', label: '政府集中采购' }],
    },
  ],
  sixth: [{ id: 'r6', role: 'result', label: G6 }],
  // 对外公开总数量 grows by what is newly published; 上一年项目数量 is last year's plus last year's 本年增/减
  stock: [
    { table: 'a20-1', column: 'current', from: 'current', terms: [{ column: 'published', sign: 1, of: 'this' }] },
    ...['a20-5', 'a20-6', 'a20-8'].map((table) => ({ table, column: 'last-year', from: 'last-year', terms: [{ column: 'change', sign: 1 as const, of: 'last' as const }] })),
  ],
  indicators: ['本年新制作数量', '本年新公开数量', '对外公开总数量', '上一年项目数量', '本年增/减', '其他对外管理服务事项', '采购项目数量', '采购总金额', '政府集中采购'],
});
