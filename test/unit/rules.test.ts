/** Every rule both ways: silent on a clean report, firing on the same report with one defect. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { otherReport } from '../../server/src/core/aggregate';
import { analyze, readReport, type AnalyzeOptions } from '../../server/src/core/check';
import iconv from 'iconv-lite';
import type { Code } from '../../server/src/core/finding';
import { compute } from '../../server/src/core/compute';
import { applyEdits } from '../../server/src/core/edits';
import { render } from '../../server/src/core/l10n';
import { RULES } from '../../server/src/core/rules';
import { check, read } from '../helpers/repo';

const CLEAN = read('samples/2023-markdown-clean.md');

function swap(text: string, a: string, b: string): string {
  const i = text.indexOf(a);
  const j = text.indexOf(b);
  assert.ok(i >= 0 && j > i);
  return text.slice(0, i) + text.slice(j) + text.slice(i, j);
}

function replace(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `sample lacks ${from}`);
  return text.replace(from, to);
}

/** The clean report as last year's (2022), with its 现行有效件数 45 (45 + 5 − 2 = 48) and a change. */
function lastYear(change: (t: string) => string = (t) => t): AnalyzeOptions {
  const text = change(CLEAN.replace(/2023/g, '2022').replace(/2024年/g, '2023年').replace('| 行政规范性文件 | 5 | 2 | 48 |', '| 行政规范性文件 | 5 | 2 | 45 |'));
  const report = readReport(text);
  return { others: { previous: { file: 'last.md', text, report, computed: compute(report) } } };
}

/** The clean report as the one part of a summary (the cross-report rules read others). */
const part = () => otherReport('局/part.md', check(CLEAN).report);

const DEFECTS: Record<Code, { defect: string; make: (t: string) => string; count?: number; options?: () => AnalyzeOptions; calm?: () => AnalyzeOptions }> = {
  'total-mismatch': { defect: '予以公开 总计 13 → 14', make: (t) => replace(t, '| 0 | 13 |', '| 0 | 14 |') },
  'balance-mismatch': { defect: '结转下年度 2 → 3', make: (t) => replace(t, '| 四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |', '| 四、结转下年度继续办理 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |') },
  'year-mismatch': { defect: '统计期限 copied from 2022', make: (t) => replace(t, '2023年1月1日至2023年12月31日', '2022年1月1日至2022年12月31日') },
  'publish-date': { defect: 'published after 1月31日', make: (t) => replace(t, '2024年1月26日', '2024年2月26日') },
  'missing-section': { defect: 'no 五 heading', make: (t) => replace(t, '## 五、存在的主要问题及改进情况\n', '') },
  'empty-section': { defect: '五 only 无', make: (t) => replace(t, '部分业务科室对主动公开的认识有待提高，公开内容的及时性仍需加强。2024年将完善考核机制，定期通报。', '无。') },
  'section-order': { defect: '六 before 五', make: (t) => swap(t, '## 五、', '## 六、').replace(/南开区人力资源和社会保障局\n2024年1月26日\n([\s\S]*)$/, '$1\n南开区人力资源和社会保障局\n2024年1月26日\n') },
  'format-version': { defect: '2021 tables in a 2020 report', make: (t) => t.replace(/2023/g, '2020').replace(/2024年/g, '2021年') },
  'missing-row': { defect: 'no 3.其他 row', make: (t) => replace(t, '| 3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |  |\n', '') },
  'invalid-cell': { defect: 'a word in a count cell', make: (t) => replace(t, '| 规章 | 0 | 0 | 0 |', '| 规章 | 0 | 若干 | 0 |') },
  'text-table-mismatch': { defect: '办结 23 in the prose', make: (t) => replace(t, '办结24件', '办结23件') },
  'label-variant': { defect: '其他法律法规禁止公开', make: (t) => replace(t, '2.其他法律行政法规禁止公开', '2.其他法律法规禁止公开') },
  'blank-cell': { defect: 'a blank cell in 3.其他', make: (t) => replace(t, '| 3.其他 | 0 |', '| 3.其他 |  |') },
  'partly-checked': { defect: 'a million more characters after the report', make: (t) => t + '附件'.repeat(500_000) },
  'unreadable-row': { defect: 'a row with a number too many', make: (t) => replace(t, '| 3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |  |', '| 3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |') },
  'cross-year-carry': {
    defect: 'last year carried 3 forward, this year 2 over',
    make: (t) => t,
    options: () => lastYear((t) => replace(t, '| 四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |', '| 四、结转下年度继续办理 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |')),
    count: 2,
    calm: () => lastYear(),
  },
  'cross-year-stock': { defect: '现行有效件数 last year 44, this year 48 = 44 + 5 − 2 + 1', make: (t) => t, options: () => lastYear((t) => replace(t, '| 5 | 2 | 45 |', '| 5 | 2 | 44 |')), calm: () => lastYear() },
  'file-year': { defect: 'saved as 2024年度报告.md', make: (t) => t, options: () => ({ file: '年报/2024年度报告.md' }), calm: () => ({ file: '年报/2023年度报告.md' }) },
  'aggregate-mismatch': {
    defect: 'a summary of the clean report with 予以公开 自然人 10 → 11',
    make: (t) => replace(t, '| （一）予以公开 | 10 |', '| （一）予以公开 | 11 |'),
    options: () => ({ others: { children: { reports: [part()], missing: [] } } }),
    calm: () => ({ others: { children: { reports: [part()], missing: [] } } }),
  },
  'stale-prose': {
    defect: 'the 一、总体情况 figures as last year’s (one passage: its two sentences)',
    make: (t) => t,
    options: () => lastYear(),
    calm: () => lastYear((t) => replace(replace(t, '收到政府信息公开申请24件', '收到政府信息公开申请20件'), '行政复议1件', '行政复议0件')),
  },
  'upgrade-fill': { defect: '本年废止件数 of 规章 left blank', make: (t) => replace(t, '| 规章 | 0 | 0 | 0 |', '| 规章 | 0 |  | 0 |') },
  'aggregate-missing': { defect: 'a part named in children not found', make: (t) => t, options: () => ({ others: { children: { reports: [part()], missing: ['某某局'] } } }), calm: () => ({ others: { children: { reports: [part()], missing: [] } } }) },
  'wrong-encoding': { defect: 'the report saved in GB18030 and opened as UTF-8', make: (t) => new TextDecoder('utf-8').decode(iconv.encode(t, 'gb18030')) },
};

describe('every rule both ways', () => {
  test('the clean report has no finding at all', () => {
    assert.deepEqual(check(CLEAN).findings, []);
  });

  test('every rule has a defect below', () => {
    assert.deepEqual(Object.keys(DEFECTS).sort(), RULES.map((r) => r.code).sort());
  });

  for (const rule of RULES) {
    const { defect, make, count = 1, options, calm } = DEFECTS[rule.code];
    test(`${rule.code}: fires on “${defect}”, silent on the clean report`, () => {
      const bad = analyze(make(CLEAN), options?.());
      const fired = bad.findings.filter((f) => f.code === rule.code);
      assert.equal(fired.length, count, JSON.stringify(bad.findings.map((f) => f.code)));
      assert.equal(fired[0].severity, rule.defaultSeverity);
      // a cross-report rule is silent given the clean report's others (last year's that agrees, every part found, the right file name)
      const clean = analyze(CLEAN, calm?.());
      assert.equal(clean.findings.filter((f) => f.code === rule.code).length, 0);
    });
  }
});

describe('rules: details', () => {
  test('a wrong 总计 is one finding; its consequences are not reported again', () => {
    // 予以公开's 自然人 10 → 11: its row total and the （七） column both disagree with that one cell,
    // but the computation reports the cells that are wrong: the row 总计 and the （七）自然人 cell
    const a = check(replace(CLEAN, '| （一）予以公开 | 10 |', '| （一）予以公开 | 11 |'));
    const tm = a.findings.filter((f) => f.code === 'total-mismatch');
    assert.deepEqual(tm.map((f) => [f.expected, f.actual]), [[14, 13], [21, 20], [25, 24]]);
    assert.equal(a.findings.filter((f) => f.code === 'balance-mismatch').length, 1);
  });

  test('a total whose parts are all blank stands (the parts were left out, the total is not wrong)', () => {
    const t = replace(CLEAN, '| 2.重复申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |', '| 2.重复申请 |  |  |  |  |  |  | 1 |');
    const a = check(t);
    assert.equal(a.findings.filter((f) => f.code === 'total-mismatch').length, 0);
    assert.equal(a.findings.filter((f) => f.code === 'blank-cell').length, 1);
  });

  test('an unreadable part makes its totals unknown: invalid-cell, no total-mismatch guess', () => {
    const a = check(replace(CLEAN, '| 2.重复申请 | 1 |', '| 2.重复申请 | 一 |'));
    assert.deepEqual(a.findings.map((f) => f.code), ['invalid-cell']);
  });

  test('prose: 收到申请 may equal 本年新收 + 上年结转; a prose total must equal its parts', () => {
    assert.equal(check(replace(CLEAN, '收到政府信息公开申请24件', '收到政府信息公开申请26件')).findings.length, 0);
    const a = check(replace(CLEAN, '收到政府信息公开申请24件', '收到政府信息公开申请25件'));
    assert.deepEqual(a.findings.map((f) => [f.code, f.expected, f.actual]), [['text-table-mismatch', 24, 25]]);
    const sums = check(CLEAN.replace('2023年，我局', '2023年，我局主动公开政府信息1350条。其中，通知公告类信息19条；工作动态类信息1329条；财政类信息3条。'));
    assert.deepEqual(sums.findings.map((f) => [f.code, f.expected, f.actual]), [['text-table-mismatch', 1351, 1350]]);
  });

  test('publish-date: the weekday must match the date', () => {
    const a = check(replace(CLEAN, '2024年1月26日', '2024年1月26日星期四'));
    assert.equal(a.findings.length, 1);
    assert.equal(a.findings[0].code, 'publish-date');
    assert.equal(check(replace(CLEAN, '2024年1月26日', '2024年1月26日星期五')).findings.length, 0);
  });

  test('year-mismatch: a 统计期限 copied from last year is one finding; its fix writes both its years (issue 10)', () => {
    const text = replace(CLEAN, '2023年1月1日至2023年12月31日', '2022年1月1日至2022年12月31日');
    const a = check(text);
    const ym = a.findings.filter((f) => f.code === 'year-mismatch');
    assert.equal(ym.length, 1);
    const at = text.indexOf('2022年1月1日');
    assert.deepEqual([ym[0].start, ym[0].end, ym[0].expected, ym[0].actual], [at, at + 4, 2023, 2022]);
    assert.deepEqual(ym[0].related?.map((r) => text.slice(r.start, r.end)), ['2022']);
    assert.equal(applyEdits(text, ym[0].fix!.edits).text, CLEAN);
    // only the end's year copied: one finding, on it
    const end = replace(CLEAN, '至2023年12月31日', '至2022年12月31日');
    const one = check(end).findings.filter((f) => f.code === 'year-mismatch');
    assert.deepEqual(one.map((f) => [end.slice(f.start, f.end), f.start]), [['2022', end.indexOf('2022年12月31日')]]);
  });

  test('blank-cell: a blank total that total-mismatch fills is not a cell that “wants 0” (issue 10)', () => {
    // 予以公开's 总计 left blank: total-mismatch says it should be 13; blank-cell stays silent on it
    const a = check(replace(CLEAN, '| （一）予以公开 | 10 | 2 | 0 | 1 | 0 | 0 | 13 |', '| （一）予以公开 | 10 | 2 | 0 | 1 | 0 | 0 |  |'));
    assert.deepEqual(a.findings.map((f) => [f.code, f.expected]), [['total-mismatch', 13]]);
    // beside another blank cell of the same row, that one alone is counted (and filled)
    const b = check(replace(CLEAN, '| （一）予以公开 | 10 | 2 | 0 | 1 | 0 | 0 | 13 |', '| （一）予以公开 | 10 | 2 |  | 1 | 0 | 0 |  |'));
    const blank = b.findings.find((f) => f.code === 'blank-cell')!;
    assert.match(render(blank.message), /有 1 个空白单元格/);
    assert.equal(blank.fix!.edits.length, 1);
  });

  test('blank-cell: one finding per table, naming its rows and counting its cells; its fix fills the whole table (issue 15)', () => {
    // three tables with blanks: 第二十条第（一）项 (规章: 1 cell; its 现行有效件数 blank would be upgrade-fill's), the applications table (3.其他: 1, 2.重复申请: 2), 复议/诉讼 (3)
    let t = replace(CLEAN, '| 规章 | 0 | 0 | 0 |', '| 规章 |  | 0 | 0 |');
    t = replace(t, '| 3.其他 | 0 |', '| 3.其他 |  |');
    t = replace(t, '| 2.重复申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |', '| 2.重复申请 | 1 |  | 0 | 0 |  | 0 | 1 |');
    t = replace(t, '| 1 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 |', '| 1 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 1 |  |  | 0 | 0 |  |');
    const a = check(t);
    const lineOf = (offset: number) => t.slice(0, offset).split('\n').length;
    const blank = a.findings.filter((f) => f.code === 'blank-cell');
    assert.deepEqual(a.findings.map((f) => f.code), ['blank-cell', 'blank-cell', 'blank-cell']);
    assert.deepEqual(blank.map((f) => [lineOf(f.start), f.severity, f.related?.map((r) => lineOf(r.start)), f.fix?.edits.length]), [
      [14, 'information', [14], 1],
      [50, 'information', [50, 56], 3],
      [64, 'information', [64], 3],
    ]);
    assert.equal(render(blank[1].message), '“收到和处理政府信息公开申请情况”表中有 3 个空白单元格，按格式应填 0，在 2 行：“2.重复申请”（2 个）、“3.其他”（1 个）。');
    assert.equal(render(blank[1].message, 'en'), 'Table “收到和处理政府信息公开申请情况” has 3 blank cells where the format wants 0, in 2 rows: “2.重复申请” (2), “3.其他” (1).');
    assert.deepEqual(blank[1].related!.map((r) => render(r.message)), ['“2.重复申请”行：2 个空白单元格', '“3.其他”行：1 个空白单元格']);
    // each table's fix fills every blank cell of that table with 0, and nothing else
    let filled = t;
    for (const f of [...blank].reverse()) filled = applyEdits(filled, f.fix!.edits).text;
    assert.equal(filled, CLEAN);
    assert.deepEqual(check(filled).findings, []);
  });

  test('blank-cell on seeds 003 and 004: one finding per table (the counts of their .findings, by hand)', () => {
    const count = (rel: string) =>
      check(read(rel))
        .findings.filter((f) => f.code === 'blank-cell')
        .map((f) => [/有 (\d+) 个空白单元格/.exec(render(f.message))![1], f.related!.length, f.fix!.edits.length]);
    assert.deepEqual(count('samples/seeds/003_efc93f8cbbb15791.txt'), [['135', 23, 135]]);
    assert.deepEqual(count('samples/seeds/004_f08e199b8ba50c35.txt'), [['153', 23, 153], ['14', 1, 14]]);
  });

  test('empty-section: 六 saying only 无 under the 2021 format must state the 信息处理费', () => {
    const a = check(replace(CLEAN, '本年度未收取政府信息公开信息处理费。', '无'));
    assert.deepEqual(a.findings.map((f) => f.code), ['empty-section']);
  });
});
