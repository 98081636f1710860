/**
 * A page per rule (docs/rules/<code>.md, issue 10 item 5): every code of the rules has one, Chinese
 * first, with the same six sections in English after it, its default severity, how to turn it off,
 * and examples that are true: the wrong one gives the rule's finding, the right one does not.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, test } from 'node:test';
import { analyze, readReport, type AnalyzeOptions } from '../../server/src/core/check';
import { compute } from '../../server/src/core/compute';
import { RULES, ruleDocPath } from '../../server/src/core/rules';
import { at, read } from '../helpers/repo';

const ZH = ['检查什么', '为什么', '错误示例', '正确示例', '如何修正', '如何关闭'];
const EN = ['What it checks', 'Why', 'Wrong', 'Right', 'How to fix', 'How to turn it off'];
/** Rules whose examples cannot be a few lines of a draft, and why. */
const NO_EXAMPLE_TEXT: Record<string, string> = {
  'partly-checked': 'its wrong example is a file over a million characters',
  // test/unit/aggregate.test.ts checks both on the aggregation fixture (test/fixtures/aggregate/)
  'aggregate-mismatch': 'its examples are a summary with the reports of its parts',
  'aggregate-missing': 'its examples are a summary with a .nianbaorc.json naming its parts',
  // test/unit/rules.test.ts fires it with last year's report; test/unit/next-year.test.ts on a draft from Pingtan 2021
  'stale-prose': 'its wrong example needs last year’s report beside it',
};

/** The ```text blocks of a section (up to the next heading). */
function examples(page: string, heading: string): string[] {
  const from = page.indexOf(`\n## ${heading}\n`);
  assert.ok(from >= 0, heading);
  const section = page.slice(from + heading.length + 5).split(/\n## /)[0];
  const blocks = [...section.matchAll(/```text\n([\s\S]*?)\n```/g)].map((m) => `${m[1]}\n`);
  assert.ok(blocks.length, `a text block under ${heading}`);
  return blocks;
}

/**
 * What a rule's examples need besides a draft: last year's report (the section's first block, this year's
 * the second), or the draft's file name (the section's first code span naming a .txt file).
 */
const CONTEXT: Record<string, 'previous' | 'file'> = { 'cross-year-carry': 'previous', 'cross-year-stock': 'previous', 'file-year': 'file' };

/** The draft of a section and the options it is checked with. */
function exampleOf(page: string, heading: string, code: string): { text: string; options: AnalyzeOptions } {
  const [first, second] = examples(page, heading);
  if (CONTEXT[code] === 'previous') {
    assert.ok(second, `last year's report, then this year's, under ${heading}`);
    const report = readReport(first);
    return { text: second, options: { others: { previous: { file: 'last-year.txt', text: first, report, computed: compute(report) } } } };
  }
  if (CONTEXT[code] === 'file') {
    const section = page.slice(page.indexOf(`\n## ${heading}\n`)).split(/\n## /)[1];
    const file = /`([^`]+\.txt)`/.exec(section)?.[1];
    assert.ok(file, `the file's name under ${heading}`);
    return { text: first, options: { file } };
  }
  return { text: first, options: {} };
}

describe('rule pages', () => {
  test('every rule has its page, and every page is a rule’s; the index lists them all', () => {
    const pages = fs.readdirSync(at('docs/rules')).filter((f) => f !== 'README.md');
    assert.deepEqual(pages.sort(), RULES.map((r) => `${r.code}.md`).sort());
    const index = read('docs/rules/README.md');
    for (const r of RULES) assert.match(index, new RegExp(`\\| ${r.code} \\| ${r.defaultSeverity} \\| \\[[^\\]]+\\]\\(${r.code}\\.md\\) \\|`), r.code);
  });

  for (const rule of RULES) {
    test(`${rule.code}: Chinese, then English, each with the six sections; its severity; how to turn it off; true examples`, () => {
      const page = read(ruleDocPath(rule.code));
      const [zh, en] = page.split('\n---\n');
      assert.ok(zh && en, 'a Chinese part, then --- and an English part');
      assert.match(zh, new RegExp(`^# ${rule.code}：[\\u4e00-\\u9fff]`));
      assert.match(en, new RegExp(`^\\n# ${rule.code}: [A-Za-z]`));
      const headings = (part: string) => [...part.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
      assert.deepEqual(headings(zh), ZH);
      assert.deepEqual(headings(en), EN);
      assert.ok(zh.includes(`（\`${rule.defaultSeverity}\`）`) && en.includes(`Default severity: \`${rule.defaultSeverity}\``), 'the default severity');
      for (const part of [zh, en]) assert.ok(part.includes(`{ "rules": { "${rule.code}": "off" } }`), 'how to turn it off');
      if (rule.code in NO_EXAMPLE_TEXT) return;
      const fires = (heading: string) => {
        const { text, options } = exampleOf(page, heading, rule.code);
        return analyze(text, options).findings.some((f) => f.code === rule.code);
      };
      assert.ok(fires('错误示例'), 'the wrong example gives the finding');
      assert.ok(!fires('正确示例'), 'the right example does not');
    });
  }
});
