/** 国办公开办函〔2021〕30号: the format for statistics years 2021 onward. */
import { defineFormat, G6 } from './common';

const DECISIONS = [{ id: 'decisions', label: '本年处理决定数量', kind: 'count' as const }];

const SPEC_2021: Parameters<typeof defineFormat>[0] = {
  version: '2021',
  source: '国办公开办函〔2021〕30号',
  article20: [
    {
      id: 'a20-1',
      title: '第二十条第（一）项',
      columns: [
        { id: 'made', label: '本年制发件数', kind: 'count' },
        { id: 'repealed', label: '本年废止件数', kind: 'count' },
        { id: 'current', label: '现行有效件数', kind: 'count' },
      ],
      rows: [
        { id: 'rules', label: '规章' },
        { id: 'normative', label: '行政规范性文件', aliases: ['规范性文件'] },
      ],
    },
    { id: 'a20-5', title: '第二十条第（五）项', columns: DECISIONS, rows: [{ id: 'license', label: '行政许可' }] },
    {
      id: 'a20-6',
      title: '第二十条第（六）项',
      columns: DECISIONS,
      rows: [
        { id: 'penalty', label: '行政处罚' },
        { id: 'enforcement', label: '行政强制' },
      ],
    },
    {
      id: 'a20-8',
      title: '第二十条第（八）项',
      columns: [{ id: 'fee-amount', label: '本年收费金额（单位：万元）', kind: 'amount' }],
      rows: [{ id: 'fees', label: '行政事业性收费' }],
    },
  ],
  sixth: [
    { id: 'r6', role: 'subtotal', optional: true, label: G6 },
    { id: 'r6_1', role: 'result', group: G6, label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请' },
    { id: 'r6_2', role: 'result', group: G6, label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请' },
    { id: 'r6_3', role: 'result', group: G6, label: '3.其他' },
  ],
  indicators: [
    '本年制发件数',
    '本年废止件数',
    '现行有效件数',
    '本年处理决定数量',
    '本年收费金额',
    '1.申请人无正当理由逾期不补正',
    '2.申请人逾期未按收费通知要求缴纳费用',
  ],
  // 现行有效件数 is last year's plus this year's 本年制发件数 less its 本年废止件数 (S5 CrossYearCheckView.js)
  stock: [
    {
      table: 'a20-1',
      column: 'current',
      from: 'current',
      terms: [
        { column: 'made', sign: 1, of: 'this' },
        { column: 'repealed', sign: -1, of: 'this' },
      ],
    },
  ],
  // 国办公开办函〔2021〕30号: 六 reports the 信息处理费 collected (未收取也应写明)
  feeSection: 'other',
};

export const FORMAT_2021 = defineFormat(SPEC_2021);
FORMAT_2021.oneSixthRow = { ...defineFormat({ ...SPEC_2021, sixth: [{ id: 'r6', role: 'result', label: G6 }] }), sixthAsOneRow: true };
