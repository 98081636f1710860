/**
 * The TextMate grammar, tokenized as VS Code does (vscode-textmate + the Oniguruma WASM that VS
 * Code ships): headings, row labels of both national formats, numbers, years and dates.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { before, describe, test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type StateStack } from 'vscode-textmate';
import { FORMATS, SECTIONS } from '../../server/src/core/formats';
import { skeleton } from '../../server/src/core/skeleton';
import { at, read } from '../helpers/repo';

let grammar: IGrammar;

before(async () => {
  const wasm = fs.readFileSync(at('node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => (scope === 'text.nianbao' ? parseRawGrammar(read('syntaxes/nianbao.tmLanguage.json'), 'nianbao.tmLanguage.json') : null),
  });
  grammar = (await registry.loadGrammar('text.nianbao'))!;
});

interface Token {
  text: string;
  scopes: string[];
}

function tokenize(text: string): Token[][] {
  let state: StateStack = INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The scope (by its prefix) that the exact text `part` carries on a line. */
function scopeOf(line: string, part: string, prefix: string): string | undefined {
  const tokens = tokenize(line)[0];
  let pos = 0;
  const start = line.indexOf(part);
  assert.ok(start >= 0, `${part} in ${line}`);
  const covering: Token[] = [];
  for (const t of tokens) {
    const end = pos + t.text.length;
    if (end > start && pos < start + part.length) covering.push(t);
    pos = end;
  }
  const joined = covering.map((t) => t.text).join('');
  const scopes = covering.map((t) => t.scopes.find((s) => s.startsWith(prefix)));
  if (!joined.includes(part) || scopes.some((s) => s !== scopes[0])) return undefined;
  return scopes[0];
}

describe('TextMate grammar', () => {
  test('the title and every section heading of the format (also under a Markdown #)', () => {
    assert.equal(scopeOf('南开区人力资源和社会保障局2023年政府信息公开工作年度报告', '南开区人力资源和社会保障局', 'markup.heading'), 'markup.heading.title.nianbao');
    assert.equal(scopeOf('南开区人力资源和社会保障局2023年政府信息公开工作年度报告', '2023年', 'string.other'), 'string.other.year.nianbao');
    for (const s of SECTIONS) {
      for (const line of [`${s.ordinal}、${s.title}`, `## ${s.ordinal}、${s.title}`, `　　${s.ordinal}、 ${s.title}`]) {
        assert.equal(scopeOf(line, s.title, 'entity.name'), 'entity.name.section.nianbao', line);
        assert.equal(scopeOf(line, s.ordinal, 'markup.heading'), 'markup.heading.section.nianbao', line);
      }
    }
    assert.equal(scopeOf('四、政府信息公开行政复议、行政诉讼情况', '政府信息公开行政复议、行政诉讼情况', 'entity.name'), 'entity.name.section.nianbao');
    assert.equal(scopeOf('一、本年新收政府信息公开申请数量\t5', '一、本年新收政府信息公开申请数量', 'markup.heading'), undefined, 'a row label is no heading');
  });

  test('every row label of both formats, in each layout', () => {
    let checked = 0;
    for (const format of Object.values(FORMATS)) {
      const labels = [...format.applications.rows.map((r) => r.label), ...format.article20.flatMap((t) => t.rows.map((r) => r.label))];
      for (const label of labels) {
        for (const line of [`${label}\t0\t1`, `\t${label}`, `| ${label} | 0 | 1 |`, `（三）不予公开\t${label}\t0`]) {
          assert.equal(scopeOf(line, label, 'entity.name.type'), 'entity.name.type.row-label.nianbao', JSON.stringify(line));
          checked++;
        }
      }
    }
    assert.ok(checked > 200);
    assert.equal(scopeOf('自然人\t商业企业\t总计', '商业企业', 'support.type'), 'support.type.column-header.nianbao');
  });

  test('numbers, years, dates, document numbers', () => {
    assert.equal(scopeOf('（七）总计\t12\t３４\t1,234', '12', 'constant.numeric'), 'constant.numeric.nianbao');
    assert.equal(scopeOf('（七）总计\t12\t３４\t1,234', '３４', 'constant.numeric'), 'constant.numeric.nianbao');
    assert.equal(scopeOf('（七）总计\t12\t３４\t1,234', '1,234', 'constant.numeric'), 'constant.numeric.nianbao');
    assert.equal(scopeOf('本年共收到申请24件，办结22件。', '24', 'constant.numeric'), 'constant.numeric.nianbao');
    assert.equal(scopeOf('2024年1月26日', '2024年1月26日', 'string.other'), 'string.other.date.nianbao');
    assert.equal(scopeOf('发布日期：2020年1月20日（星期一）', '2020年1月20日（星期一）', 'string.other'), 'string.other.date.nianbao');
    assert.equal(scopeOf('二〇二〇年一月二十日', '二〇二〇年一月二十日', 'string.other'), 'string.other.date.nianbao');
    assert.equal(scopeOf('2020年，我局认真贯彻', '2020年', 'string.other'), 'string.other.year.nianbao');
    assert.equal(scopeOf('按照国办公开办函〔2021〕30号的要求', '〔2021〕30号', 'string.other'), 'string.other.document-number.nianbao');
    assert.equal(scopeOf('按照国办公开办函〔2021〕30号的要求', '30', 'constant.numeric'), undefined, 'no number inside a document number');
  });

  test('a whole seed and the skeleton tokenize with headings, labels and numbers', () => {
    for (const text of [read('samples/seeds/003_efc93f8cbbb15791.txt'), skeleton({ year: 2024 }), skeleton({ year: 2024, layout: 'markdown' })]) {
      const scopes = new Set(tokenize(text).flatMap((l) => l.flatMap((t) => t.scopes)));
      for (const s of ['markup.heading.section.nianbao', 'entity.name.type.row-label.nianbao', 'constant.numeric.nianbao', 'string.other.year.nianbao']) assert.ok(scopes.has(s), s);
    }
  });
});
