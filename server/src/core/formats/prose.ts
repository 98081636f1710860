/**
 * What the prose of a report says about its tables (design.md, "Prose against tables"), as data beside
 * the formats: each pattern, the word every match holds, what it is called in messages, and the cells
 * of the tables its number must equal. text-table-mismatch matches them; it spells none of them.
 */
import type { CellRef } from './types';
import { reviewTotal } from './common';

const app = (row: string): CellRef => ({ table: 'applications', row, col: 'total' });

export interface ProsePattern {
  re: RegExp;
  /** A word every match holds: a line without it is not searched. */
  word: string;
  /** The figure, as messages name it. */
  what: string;
  /** The table numbers the prose may equal (the first is the one reported): each a sum of cells, and its name. */
  accept: { name: string; cells: CellRef[] }[];
}

const one = (name: string, ...cells: CellRef[]) => [{ name, cells }];

const NUM = String.raw`(\d+)\s*`;

export const PROSE_PATTERNS: ProsePattern[] = [
  { re: new RegExp(String.raw`本年度?新收(?:到)?[^。；，,\d]{0,16}?` + NUM + '件', 'g'), word: '新收', what: '本年新收', accept: one('本年新收', app('new')) },
  { re: new RegExp(String.raw`上年度?结转[^。；，,\d]{0,16}?` + NUM + '件', 'g'), word: '结转', what: '上年结转', accept: one('上年结转', app('carried')) },
  {
    re: new RegExp(String.raw`收到[^。；\d]{0,16}?申请[^。；，,\d]{0,4}?` + NUM + '件|收到[^。；，,\\d]{0,8}?' + NUM + '件[^。；，,\\d]{0,8}?申请', 'g'),
    word: '收到',
    what: '收到申请',
    accept: [
      { name: '本年新收', cells: [app('new')] },
      { name: '本年新收 + 上年结转', cells: [app('new'), app('carried')] },
    ],
  },
  { re: new RegExp(String.raw`办结[^。；，,\d]{0,10}?` + NUM + '件', 'g'), word: '办结', what: '办结', accept: one('（七）总计', app('total')) },
  {
    re: new RegExp(
      String.raw`结转(?:至)?下一?年度?(?:继续办理)?[^。；，,\d]{0,10}?` + NUM + '件|结转至\\s*\\d{4}\\s*年度?[^。；，,\\d]{0,10}?' + NUM + '件|' + NUM + '件[^。；，,\\d]{0,4}?结转(?:至)?下一?年度?',
      'g',
    ),
    word: '结转',
    what: '结转下年度',
    accept: one('结转下年度', app('carry_next')),
  },
  { re: new RegExp(String.raw`行政复议(?:案件)?[^。；，,\d]{0,6}?` + NUM + '[件起]', 'g'), word: '行政复议', what: '行政复议', accept: one('行政复议·总计', reviewTotal('review')) },
  {
    re: new RegExp(String.raw`(?:行政)?诉讼(?:案件)?[^。；，,\d]{0,6}?` + NUM + '[件起]', 'g'),
    word: '诉讼',
    what: '行政诉讼',
    accept: one('行政诉讼·总计', reviewTotal('suit-direct'), reviewTotal('suit-after')),
  },
];

/** A prose total and the parts it lists: `主动公开政府信息1350条。其中…19条…1329条…2条`. */
export const PROSE_SUMS = {
  /** A line without this word holds no prose total. */
  word: '信息',
  total: /(?:公开|公布|发布)(?:的)?(?:各类)?(?:政府)?信息[^。；\d]{0,10}?(\d+)\s*条/g,
  partsStart: /^[。，,；;：:\s(（]{0,3}其中/,
  part: /(\d+)\s*条/g,
  /** Where the list of parts ends. */
  partsEnd: /[。)）]/,
  /** A total needs at least this many parts to be checked. */
  minParts: 2,
};

/** What makes a sentence of prose one that describes its year (stale-prose): a figure, and some length. */
export const STALE_PROSE = {
  /** A number with the unit of a count (not the report's own `6个部分`, the same every year). */
  figure: /\d+(?:\.\d+)?\s*(?:条|件|个(?!部分|方面)|次|篇|期|场|项|人次|余|万|家|份|批|部(?!分)|类|起|名)/,
  /** A sentence shorter than this says nothing of its own. */
  minLength: 12,
};
