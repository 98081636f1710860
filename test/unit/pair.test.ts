/** core/pair.ts: last year's report of the same body, by mapping, by organisation, by file name. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compute } from '../../server/src/core/compute';
import { findPrevious, normalisePath, organisationKey, sameOrganisation } from '../../server/src/core/pair';
import { parse } from '../../server/src/core/parse';
import type { OtherReport } from '../../server/src/core/rules/rule';

/** A report of a title and a 统计期限 only (what pairing reads). */
function report(file: string, title: string | null, year: number): OtherReport {
  const text = `${title ? `${title}\n` : ''}本报告所列数据统计期限自${year}年1月1日起至${year}年12月31日止。\n一、总体情况\n${year}年，本机关认真贯彻落实《条例》。\n`;
  const r = parse(text);
  return { file, text, report: r, computed: compute(r) };
}

const pick = (cur: OtherReport, cands: OtherReport[], mapping?: Record<string, string>) => findPrevious(cur, cands, mapping)?.file;

describe('organisation names', () => {
  test('the same body however the title spells it', () => {
    const same = (a: string, b: string) => sameOrganisation(organisationKey(a), organisationKey(b));
    assert.ok(same('天津市河北区人民政府办公室', '天津市河北区政府办'));
    assert.ok(same('平潭综合实验区管委会', '平潭综合实验区'));
    assert.ok(same('平潭综合实验区管理委员会', '平潭综合实验区'));
    assert.ok(same('平潭综合实验区（管委会办公室汇总）', '平潭综合实验区'));
    assert.ok(same('涧西区人民政府', '涧 西 区 政 府'));
    assert.ok(same('长安县人民政府', '长安区人民政府'));
    assert.ok(same('天津市河北区人民政府', '河北区人民政府'));
  });

  test('different bodies stay apart', () => {
    const same = (a: string, b: string) => sameOrganisation(organisationKey(a), organisationKey(b));
    assert.ok(!same('河北区人民政府', '河西区人民政府'));
    assert.ok(!same('上海市人民政府办公厅', '市政府办'), 'a prefix that is no higher body (上海) is another body');
    assert.ok(!same('南开区人力资源和社会保障局', '南开区人民政府'));
    assert.ok(!same('平潭综合实验区教育局', '教育局'), 'a body every 区 has names no place');
  });

  test('paths compare normalised', () => {
    assert.equal(normalisePath('./a/b/../c\\d.txt'), 'a/c/d.txt');
    assert.equal(normalisePath('/x//y/./z.txt'), '/x/y/z.txt');
  });
});

describe('findPrevious', () => {
  const y2019 = report('tab/平潭去年的报告.txt', '平潭综合实验区2019年政府信息公开工作年度报告', 2019);
  const y2020 = report('tab/pingtan-2020.txt', '平潭综合实验区管委会2020年政府信息公开工作年度报告', 2020);
  const other2019 = report('tab/长乐区-2019.txt', '福州市长乐区人民政府2019年政府信息公开工作年度报告', 2019);

  test('by the organisation the titles name, the year before', () => {
    assert.equal(pick(y2020, [other2019, y2019, y2020]), 'tab/平潭去年的报告.txt', 'a file name that says nothing');
    assert.equal(pick(y2019, [y2019, y2020, other2019]), undefined, 'no report of 2018');
  });

  test('by the file name with the year replaced when a title names no organisation', () => {
    const y2023 = report('tab/pingtan-2023.txt', null, 2023);
    const y2024 = report('html/pingtan-2024.html', null, 2024);
    const wrongName = report('tab/hongze-2023.txt', null, 2023);
    assert.equal(pick(y2024, [wrongName, y2023]), 'tab/pingtan-2023.txt');
    assert.equal(pick(y2024, [wrongName]), undefined);
  });

  test('the file name does not pair reports whose titles name different bodies', () => {
    const a = report('drafts/2023年度报告.txt', '河西区人民政府2023年政府信息公开工作年度报告', 2023);
    const b = report('drafts/2024年度报告.txt', '河北区人民政府2024年政府信息公开工作年度报告', 2024);
    assert.equal(pick(b, [a]), undefined);
  });

  test('a report of another year by name is not last year', () => {
    const y2022 = report('tab/pingtan-2023.txt', null, 2022);
    const y2024 = report('tab/pingtan-2024.txt', null, 2024);
    assert.equal(pick(y2024, [y2022]), undefined, 'its file name says 2023, its 统计期限 2022');
  });

  test('an explicit mapping wins, compared as normalised paths', () => {
    const renamed = report('old/去年.txt', '别的名字2019年政府信息公开工作年度报告', 2019);
    assert.equal(pick(y2020, [y2019, renamed], { './tab/pingtan-2020.txt': 'old/../old/去年.txt' }), 'old/去年.txt');
    assert.equal(pick(y2020, [y2019], { 'tab/pingtan-2020.txt': 'old/去年.txt' }), undefined, 'the file mapped is not among the candidates');
  });

  test('a title with the higher body in front pairs with one without, either way round (the index finds both)', () => {
    const longer2019 = report('a/x.txt', '天津市河北区人民政府2019年政府信息公开工作年度报告', 2019);
    const shorter2020 = report('a/y.txt', '河北区人民政府2020年政府信息公开工作年度报告', 2020);
    const shorter2019 = report('b/x.txt', '河北区人民政府2019年政府信息公开工作年度报告', 2019);
    const longer2020 = report('b/y.txt', '天津市河北区人民政府2020年政府信息公开工作年度报告', 2020);
    const hexi2019 = report('a/z.txt', '天津市河西区人民政府2019年政府信息公开工作年度报告', 2019);
    assert.equal(pick(shorter2020, [hexi2019, longer2019]), 'a/x.txt');
    assert.equal(pick(longer2020, [hexi2019, shorter2019]), 'b/x.txt');
    assert.equal(pick(shorter2020, [hexi2019]), undefined);
  });

  test('the same report given twice, or itself, is not its own last year', () => {
    const again = report('./tab/pingtan-2020.txt', '平潭综合实验区2019年政府信息公开工作年度报告', 2019);
    assert.equal(pick(y2020, [again, y2020]), undefined, 'the same path, however written');
  });

  test('among several of the same body, the one in the same folder', () => {
    const far = report('elsewhere/pingtan-2019.txt', '平潭综合实验区2019年政府信息公开工作年度报告', 2019);
    assert.equal(pick(y2020, [far, y2019]), 'tab/平潭去年的报告.txt');
    const cousin = report('tab/old/平潭.txt', '平潭综合实验区2019年政府信息公开工作年度报告', 2019);
    assert.equal(pick(y2020, [far, cousin]), 'tab/old/平潭.txt', 'else the one in the folder nearest');
  });
});
