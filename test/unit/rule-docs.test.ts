/**
 * A page per rule (docs/rules/<code>.md, issue 10 item 5): every code of the rules has one, Chinese
 * first, with the same six sections in English after it, its default severity, how to turn it off,
 * and examples that are true: the wrong one gives the rule's finding, the right one does not.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/check';
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
};

/** The first ```text block after a heading. */
function example(page: string, heading: string): string {
  const from = page.indexOf(`\n## ${heading}\n`);
  assert.ok(from >= 0, heading);
  const m = /```text\n([\s\S]*?)\n```/.exec(page.slice(from));
  assert.ok(m, `a text block under ${heading}`);
  return `${m[1]}\n`;
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
      const fires = (text: string) => analyze(text).findings.some((f) => f.code === rule.code);
      assert.ok(fires(example(page, '错误示例')), 'the wrong example gives the finding');
      assert.ok(!fires(example(page, '正确示例')), 'the right example does not');
    });
  }
});
