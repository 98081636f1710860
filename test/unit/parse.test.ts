import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from '../../server/src/core/parse';
import { read } from '../helpers/repo';

const seed = (n: string) => parse(read(`samples/seeds/${n}`));

describe('parse: the seeds', () => {
  test('000: a title split over lines by a blank line, the 统计期限, all six sections, 2019 tables', () => {
    const r = seed('000_a8e5998f6003955d.txt');
    assert.equal(r.title?.text, '西青区协同办2019年政府信息公开工作年度报告');
    assert.equal(r.organisation, '西青区协同办');
    assert.equal(r.kind, 'department');
    assert.deepEqual([r.period?.from.year, r.period?.to.year], [2019, 2019]);
    assert.equal(r.reportYear, 2019);
    assert.equal(r.formatVersion, '2019');
    assert.deepEqual(r.sections.map((s) => s.ordinal).join(''), '一二三四五六');
    assert.equal(r.applications?.rows.size, 23);
    assert.equal(r.review?.values.filter(Boolean).length, 15);
  });

  test('a table row label such as 一、本年新收… is not a section', () => {
    const text = read('samples/seeds/000_a8e5998f6003955d.txt');
    const r = parse(text);
    const one = r.sections.find((s) => s.index === 0)!;
    assert.equal(text.slice(one.start, one.end), '一、总体情况');
    for (const s of r.sections) assert.ok(!text.slice(s.start, s.end).includes('本年新收'));
    const four = r.sections.find((s) => s.index === 3)!;
    assert.equal(text.slice(four.start, four.end), '四、政府信息公开行政复议、行政诉讼情况');
  });

  test('001: rows bound by label although cells are shifted by merged headers', () => {
    const r = seed('001_a4e326b7c8b95611.txt');
    const rows = r.applications!.rows;
    const values = (id: string) => rows.get(id)!.values.map((c) => c?.text);
    assert.deepEqual(values('carried'), ['0', '0', '0', '0', '0', '0', '0']);
    assert.deepEqual(values('r5_3'), ['0', '0', '0', '0', '0', '0', '0']);
    assert.deepEqual(values('total'), ['15', '0', '0', '0', '0', '0', '15']);
    assert.deepEqual(values('r4_1'), ['10', '0', '0', '0', '0', '0', '10']);
    assert.equal(r.reportYear, 2019);
  });

  test('002: no title, the 统计期限 and body give 2025; the date line is the publication date with its weekday', () => {
    const r = seed('002_4505276ac13c66c6.txt');
    assert.equal(r.title, null);
    assert.equal(r.organisation, '天津市河北区人民政府');
    assert.equal(r.kind, 'government');
    assert.equal(r.reportYear, 2025);
    assert.deepEqual([r.publication?.year, r.publication?.month, r.publication?.day, r.publication?.weekday?.value], [2019, 12, 3, 2]);
    assert.equal(r.formatVersion, '2021');
    assert.equal(r.applications?.rows.size, 25);
  });

  test('003: the year comes from the body (2020年度报告根据…, 我局在2020年度…) and the tables are the 2019 format', () => {
    const r = seed('003_efc93f8cbbb15791.txt');
    assert.equal(r.title?.text, '东丽区科技局政府信息公开工作年度报告');
    assert.equal(r.reportYear, 2020);
    assert.ok(r.yearStatements.length >= 3);
    assert.equal(r.formatVersion, '2019');
  });

  test('004: five sections found, 六 absent', () => {
    const r = seed('004_f08e199b8ba50c35.txt');
    assert.deepEqual(r.sections.map((s) => s.ordinal).join(''), '一二三四五');
    assert.equal(r.title?.text, '汉沽街道办事处2019年政府信息公开工作年度报告');
  });
});

describe('parse: years', () => {
  const base = (title: string, period: string, body: string) => `${title}\n本报告所列数据统计期限自${period}年1月1日起至${period}年12月31日止。\n一、总体情况\n${body}\n`;

  test('the odd one out is the mismatch: a 2018 统计期限 under a 2019 title and a 2019 body', () => {
    const r = parse(base('某局2019年政府信息公开工作年度报告', '2018', '2019年，我局扎实推进政务公开。'));
    assert.equal(r.reportYear, 2019);
  });

  test('plans, carry-overs, document numbers and statute revisions are not statements of the year', () => {
    const body = [
      '2019年，我局扎实推进政务公开。',
      '2020年，我们将采取以下措施加以改进。',
      '共收到申请10件，结转至2020年2件。',
      '根据国办公开办函〔2021〕30号文件要求。',
      '2019年修订的《条例》施行以来。',
      '下一步，2020年要继续加强培训。',
    ].join('');
    const r = parse(base('某局2019年政府信息公开工作年度报告', '2019', body));
    assert.deepEqual(
      r.yearStatements.map((y) => y.year),
      [2019],
    );
  });

  test('report-year statements: 截至YYYY年12月31日, 在YYYY年度, YYYY年度政府信息公开工作报告', () => {
    const r = parse('某局政府信息公开工作年度报告\n一、总体情况\n截至2021年12月31日，共公开信息100条。我局在2021年度共计主动公开信息。现将2021年度政府信息公开工作报告如下。\n');
    assert.deepEqual(r.yearStatements.map((y) => y.year), [2021, 2021, 2021]);
    assert.equal(r.titleYear, null);
    assert.equal(r.reportYear, 2021);
  });
});

describe('parse: headings in flattened text and Markdown', () => {
  test('a heading glued to the text before and after it is found; a list of titles in the preamble is not', () => {
    const text = '本报告包括：一、总体情况；二、主动公开政府信息情况。正文。一、总体情况2019年，我区……三是完善机制。二、主动公开政府信息情况 详见下表。\n';
    const r = parse(text);
    assert.deepEqual(r.sections.map((s) => s.ordinal), ['一', '二']);
    assert.ok(r.sections[0].start > text.indexOf('正文'));
  });

  test('Markdown headings (## 一、总体情况) are sections', () => {
    const r = parse('# 某局2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n内容。\n\n## 六、其他需要报告的事项\n\n无。\n');
    assert.deepEqual(r.sections.map((s) => s.ordinal), ['一', '六']);
    assert.equal(r.reportYear, 2023);
  });
});

describe('parse: the 复议/诉讼 table', () => {
  test('pasted twice in its section (last year’s left below this year’s): the first is read, not both as one row of 30 values', () => {
    const text = read('test/fixtures/shapes/2021-h-tab.txt');
    const table = '行政复议\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n';
    const twice = text.replace(`${table}2\t1\t0\t0\t3\t1\t0\t0\t1\t2\t0\t0\t0\t0\t0\n`, `${table}2\t1\t0\t0\t3\t1\t0\t0\t1\t2\t0\t0\t0\t0\t0\n\n${table}5\t0\t0\t0\t5\t0\t0\t0\t0\t0\t1\t0\t0\t0\t1\n`);
    assert.notEqual(twice, text);
    const r = parse(twice);
    assert.equal(r.review?.reading.certain, true);
    assert.deepEqual(
      r.review?.values.map((c) => c?.text),
      ['2', '1', '0', '0', '3', '1', '0', '0', '1', '2', '0', '0', '0', '0', '0'],
    );
  });
});
