/**
 * Real published reports (test/fixtures/corpus, see SOURCES.md there): HTML tables pasted as tab
 * rows, as a browser copy gives them. No false error: the errors found are the defects a careful
 * reader found, and nothing else. Every finding of each, warnings and information included, is
 * in the hand-written `<report>.findings` beside it (test/unit/expectations.test.ts).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, test } from 'node:test';
import { htmlToText } from '../helpers/html';
import { at, check, errors, lineOf, list, read } from '../helpers/repo';

const CORPUS = 'test/fixtures/corpus';
const text = (file: string) => (file.endsWith('.html') ? htmlToText(fs.readFileSync(at(file), 'utf8')) : read(file));
const errorList = (file: string) => {
  const a = check(text(file));
  return errors(a).map((f) => `${f.code}:${lineOf(a, f)}:${f.expected}/${f.actual}`);
};

describe('real reports: no false error', () => {
  test('Shanghai 2019 (HTML): the blank row 总计 cells of 三、本年度办理结果 are found, nothing else', () => {
    const file = `${CORPUS}/shanghai-2019.html`;
    const a = check(text(file));
    const e = errors(a);
    assert.ok(e.every((f) => f.code === 'total-mismatch'));
    const rows = e.map((f) => a.report.applications!.rows.get(f.cell!.row)!.labelCell.text);
    assert.deepEqual(rows, [
      '（一）予以公开',
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
      '1.属于国家秘密',
      '5.属于三类内部事务信息',
      '6.属于四类过程性信息',
      '8.属于行政查询事项',
      '1.本机关不掌握相关政府信息',
      '2.没有现成信息需要另行制作',
      '3.补正后申请内容仍不明确',
      '1.信访举报投诉类申请',
      '2.重复申请',
    ]);
    assert.deepEqual(e.map((f) => f.expected), [272, 3, 14, 5, 4, 12, 265, 47, 25, 149, 9]);
    assert.ok(e.every((f) => f.actual === 0));
  });

  test('平潭 2020: （七）总计 is not the sum of its result rows (自然人 26 ≠ 20, 总计 27 ≠ 21), and the balance breaks', () => {
    assert.deepEqual(errorList(`${CORPUS}/pingtan-2020.txt`), ['balance-mismatch:24:20/26', 'total-mismatch:45:26/20', 'total-mismatch:45:27/21']);
  });

  for (const f of ['pingtan-2019.txt', 'pingtan-2021.txt', 'pingtan-2022.txt', 'pingtan-2023.txt', 'pingtan-2024.html', 'pingtan-2025.html']) {
    test(`平潭 ${f}: no error`, () => assert.deepEqual(errorList(`${CORPUS}/${f}`), []));
  }

  test('平潭 2019 and 2020: the prose totals that do not add up are found (2599 vs 2533, 2602 vs 2603)', () => {
    const sums = (f: string) => check(text(`${CORPUS}/${f}`)).findings.filter((x) => x.code === 'text-table-mismatch').map((x) => [x.actual, x.expected]);
    assert.deepEqual(sums('pingtan-2019.txt'), [[2599, 2533]]);
    assert.deepEqual(sums('pingtan-2020.txt'), [[2602, 2603]]);
  });

  test('flattened page text (cells run together): the 申请 and 复议/诉讼 tables are read where the sums leave one split; 表二 rows without a sum are unreadable, never guessed', () => {
    // the split the sums allow is the tidy copy's (test/fixtures/corpus/pingtan-20xx.txt, the same reports' HTML tables)
    const unreadable = (a: ReturnType<typeof check>) => a.findings.filter((f) => f.code === 'unreadable-row').map((f) => f.cell!.row);
    const expected: Record<string, { errors: string[]; unreadable: string[] }> = {
      // 表二 of 2019/2020 has three columns and no sum: `898989` could be 89/89/89 or 8/98/989 …
      'flat-02-pingtan-2019.txt': { errors: [], unreadable: ['normative', 'license', 'other-services', 'penalty', 'enforcement', 'fees', 'procurement'] },
      // the real defect of 2020 (its tidy copy has the same three errors): （七）总计 ≠ the result rows
      'flat-03-pingtan-2020.txt': { errors: ['balance-mismatch', 'total-mismatch', 'total-mismatch'], unreadable: ['normative', 'license', 'other-services', 'penalty', 'enforcement', 'procurement'] },
      // from 2021 on only 行政规范性文件 has three cells glued together (`693665` = 69/3/665)
      'flat-04-pingtan-2021.txt': { errors: [], unreadable: ['normative'] },
      'flat-05-pingtan-2022.txt': { errors: [], unreadable: ['normative'] },
      'flat-06-pingtan-2023.txt': { errors: [], unreadable: ['normative'] },
      'flat-07-pingtan-2024.txt': { errors: [], unreadable: ['normative'] },
      'flat-08-pingtan-2025.txt': { errors: [], unreadable: ['normative'] },
    };
    for (const f of list(CORPUS, /^flat-.*\.txt$/)) {
      const a = check(read(f));
      assert.equal(a.report.sections.length, 6, f);
      assert.ok(a.report.reportYear !== null, f);
      const want = expected[f.split('/').pop()!];
      assert.deepEqual(errors(a).map((x) => x.code), want.errors, f);
      assert.deepEqual(unreadable(a), want.unreadable, f);
    }
  });
});
