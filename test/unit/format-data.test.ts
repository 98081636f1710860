/**
 * The format is data (issue 10, item 2): no rule, no module of the LSP layer and no wording module
 * spells a row, column or section label, alias or title that formats/ defines, and none holds a cell
 * index or a count of a format table: they ask the format. Numbers other than 0 and 1 in those
 * modules are each listed below with what they are.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { FORMATS, SECTIONS, headingOf } from '../../server/src/core/formats';
import { RULES } from '../../server/src/core/rules';
import { labelKey, stripEnumerator } from '../../server/src/core/text';
import { literals, type Literal } from '../helpers/literals';
import { ROOT, read } from '../helpers/repo';

const CJK = /[\u4e00-\u9fff]/;

/** Every label, alias and title of both formats and the six sections, as label keys (with and without enumerator). */
function formatLabels(): Map<string, string> {
  const out = new Map<string, string>();
  const add = (s: string | undefined) => {
    if (!s || !CJK.test(s)) return;
    for (const part of [s, ...s.split('·')]) {
      for (const k of [labelKey(part), stripEnumerator(labelKey(part))]) if (k.length >= 2 && CJK.test(k)) out.set(k, s);
    }
  };
  const addDef = (d: { label: string; aliases?: string[]; short?: string }) => [d.label, d.short, ...(d.aliases ?? [])].forEach(add);
  for (const f of Object.values(FORMATS)) {
    for (const t of f.article20) {
      add(t.title);
      t.columns.forEach(addDef);
      t.rows.forEach(addDef);
    }
    add(f.applications.title);
    f.applications.columns.forEach(addDef);
    f.applications.rows.forEach(addDef);
    f.applications.groups.forEach(addDef);
    add(f.applications.applicants);
    f.applications.columnGroups.forEach((g) => add(g.label));
    add(f.review.title);
    f.review.columns.forEach(add);
    f.review.groups.forEach((g) => add(g.label));
    f.balance.items.forEach(add);
    f.indicators.forEach(add);
  }
  for (const s of SECTIONS) [s.title, headingOf(s)].forEach(add);
  return out;
}

const LABELS = formatLabels();

function sources(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `${dir}/${f}`);
}

/** The modules that must ask the format: the rules, the LSP layer, the wording and presenting modules. */
const CHECKED = [...sources('server/src/core/rules'), ...sources('server/src/lsp'), 'server/src/core/describe.ts', 'server/src/core/present.ts'];

function labelsIn(file: string, src = read(file)): string[] {
  const out: string[] = [];
  for (const lit of literals(src)) {
    if (lit.kind === 'number' || !CJK.test(lit.text)) continue;
    const key = labelKey(lit.text);
    for (const [k, label] of LABELS) if (key.includes(k)) out.push(`${file}:${lit.line}: ${JSON.stringify(lit.text)} spells “${label}”`);
  }
  return out;
}

/**
 * Numbers that are not about a format table, per module: what they are. A cell index, a column or
 * row position or a count of cells of a format table does not belong here: ask the format.
 */
const NUMBERS: Record<string, Record<string, string>> = {
  'server/src/core/rules/total-mismatch.ts': { '12': 'at most 12 parts are listed as related information' },
  'server/src/core/rules/empty-section.ts': { '30': 'a closing line (signature) is at most 30 characters' },
  'server/src/core/rules/unreadable-row.ts': { '8': 'the first 8 numbers of an unread table are quoted' },
  'server/src/lsp/server.ts': {
    '2': 'argv.slice(2) and JSON indentation',
    '5000': 'ms the editor has to answer workspace/configuration',
    '1000': 'ms in a second',
    '50': 'ms after a change in which the next one joins its burst',
    '20': 'ms of quiet that end a burst',
    '300': 'ms a burst waits at most',
  },
  'server/src/lsp/published.ts': { '4': 'MB: the largest HTML page checked as it is typed', '1024': 'bytes in a KB, KB in a MB' },
  'server/src/lsp/workspace.ts': {
    '1000': 'files the workspace features read at most, by default',
    '50': 'MB they read at most, by default; ms of quiet before what depends on a change is checked again',
    '4': 'MB: the largest file read (the sniff’s limit)',
    '1024': 'bytes in a KB, KB in a MB',
  },
  'server/src/lsp/frames.ts': {
    '4096': 'bytes of a header at most',
    '256': 'MB of a message at most',
    '1024': 'bytes in a KB, KB in a MB',
    '10_000': 'ms a started message has to arrive',
    '0x20': 'the first printable ASCII byte',
    '0x7e': 'the last printable ASCII byte',
    '0x09': 'TAB',
    '0x0d': 'CR',
    '0x0a': 'LF',
    '16': 'a byte written in hex',
    '2': 'two hex digits',
    '1000': 'ms in a second',
    '80': 'characters of a bad header quoted at most',
  },
};

function numbersIn(file: string, src = read(file)): string[] {
  const allowed = NUMBERS[file] ?? {};
  return literals(src)
    .filter((l: Literal) => l.kind === 'number' && !['0', '1'].includes(l.text) && !(l.text in allowed))
    .map((l) => `${file}:${l.line}: the number ${l.text}`);
}

describe('the format is data', () => {
  test('the labels the check looks for are the format’s (rows, columns, sections, 复议/诉讼 groups)', () => {
    for (const k of ['（七）总计', '总计', '行政复议', '复议后起诉', '结果维持', '本年新收政府信息公开申请数量', '其他需要报告的事项', '六、其他需要报告的事项', '规范性文件', '第二十条第（一）项']) {
      assert.ok(LABELS.has(labelKey(k)), k);
    }
    assert.ok(LABELS.size > 100, `${LABELS.size} labels`);
  });

  test('no rule, LSP module or wording module spells a label, alias or title of the format', () => {
    assert.ok(CHECKED.length >= RULES.length + 3);
    assert.deepEqual(CHECKED.flatMap((f) => labelsIn(f)), []);
  });

  test('no rule, LSP module or wording module holds a cell index or a count of a format table', () => {
    assert.deepEqual(CHECKED.flatMap((f) => numbersIn(f)), []);
    for (const [file, numbers] of Object.entries(NUMBERS)) {
      const found = new Set(literals(read(file)).filter((l) => l.kind === 'number').map((l) => l.text));
      for (const n of Object.keys(numbers)) assert.ok(found.has(n), `${file} no longer has ${n}: drop it from the list`);
    }
  });

  test('the check sees what it forbids: labels in strings, templates and regular expressions, indexes in code, not in comments', () => {
    const probe = [
      "// （七）总计 in a comment is fine",
      "const a = msg('the 总计 of row');",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the probe is source text holding a template literal
      'const b = `${x}行政复议${y}`;',
      'const c = x.replace(/^结果维持/, y);',
      "const d = 'ok';",
      'const e = report.review.values[4] / 2;',
      '/* 14 */',
    ].join('\n');
    const labels = labelsIn('probe.ts', probe);
    assert.deepEqual(
      labels.map((l) => l.replace(/ spells.*/, '')),
      ['probe.ts:2: "the 总计 of row"', 'probe.ts:3: "行政复议"', 'probe.ts:4: "^结果维持"'],
    );
    assert.deepEqual(numbersIn('probe.ts', probe), ['probe.ts:6: the number 4', 'probe.ts:6: the number 2']);
  });
});
