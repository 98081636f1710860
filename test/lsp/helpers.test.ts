/** The plain functions behind the server: settings over `.nianbaorc.json`, edit diffs, the `only` filter, the sniff, the versions received. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/check';
import { DEFAULT_CONFIG, normalizeConfig } from '../../server/src/core/config';
import { applyEdits } from '../../server/src/core/edits';
import { diffEdits, wanted } from '../../server/src/lsp/convert';
import { looksLikeReport, mayBeReport } from '../../server/src/core/sniff';
import { applySettings } from '../../server/src/lsp/settings';
import { ReceivedVersions } from '../../server/src/lsp/received';
import { read } from '../helpers/repo';

describe('applySettings', () => {
  const rc = normalizeConfig({ rules: { 'blank-cell': 'off', 'publish-date': 'error' }, language: 'en', deadline: 'government', ignore: [{ code: 'empty-section' }] }).config;

  test('unset keys keep the file’s values; set keys win; ignore entries of both apply', () => {
    assert.deepEqual(applySettings(null, rc, 'zh-cn'), { config: rc, problems: [] });
    assert.deepEqual(applySettings({ rules: null, deadline: null, language: null, ignore: null }, rc, 'zh-cn').config, rc);
    const { config, problems } = applySettings({ rules: { 'publish-date': 'hint' }, language: 'zh-cn', ignore: [{ code: 'blank-cell', line: 3 }], trace: { server: 'verbose' } }, rc, 'en');
    assert.deepEqual(problems, []);
    assert.deepEqual(config.rules, { 'blank-cell': 'off', 'publish-date': 'hint' });
    assert.equal(config.language, 'zh-cn');
    assert.equal(config.deadline, 'government');
    assert.deepEqual(config.ignore, [{ code: 'empty-section' }, { code: 'blank-cell', line: 3 }]);
  });

  test('language auto follows the editor locale', () => {
    assert.equal(applySettings({ language: 'auto' }, DEFAULT_CONFIG, 'zh-CN').config.language, 'zh-cn');
    assert.equal(applySettings({ language: 'auto' }, DEFAULT_CONFIG, 'zh-tw').config.language, 'zh-cn');
    assert.equal(applySettings({ language: 'auto' }, DEFAULT_CONFIG, 'de').config.language, 'en');
    assert.equal(applySettings({ language: 'auto' }, DEFAULT_CONFIG, undefined).config.language, 'en');
  });

  test('wrong values fall back and are reported', () => {
    const r = applySettings({ language: 'fr', deadline: 12, rules: { 'no-such-rule': 'off', 'total-mismatch': 'loud' } }, rc, 'en');
    assert.equal(r.config.language, 'en');
    assert.equal(r.config.deadline, 'government');
    assert.deepEqual(r.config.rules, rc.rules);
    assert.equal(r.problems.length, 4);
    assert.equal(applySettings('zh-cn', rc, 'en').problems.length, 1);
    assert.equal(applySettings([], rc, 'en').problems.length, 1);
  });
});

describe('diffEdits', () => {
  test('applied to the old text they give the new one', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('1', '2', '0', '\t', '\n', ' ', '总', '计', '　') }), fc.string({ unit: fc.constantFrom('1', '2', '0', '\t', '\n', '总') }), (a, b) => {
        assert.equal(applyEdits(a, diffEdits(a, b)).text, b);
      }),
      { numRuns: 300 },
    );
  });

  test('a changed number touches only its digits', () => {
    const from = '（七）总计\t9\t0\t\u00a0\n四、结转\t1\n';
    const to = '（七）总计\t10\t0\t3\u00a0\n四、结转\t1\n';
    const edits = diffEdits(from, to);
    assert.equal(applyEdits(from, edits).text, to);
    for (const e of edits) assert.match(from.slice(e.start, e.end) + e.newText, /^[\d]*$/);
  });
});

describe('code action kinds (`only`)', () => {
  test('without `only` quick fixes only; with it, by prefix', () => {
    assert.equal(wanted('quickfix', undefined), true);
    assert.equal(wanted('source.fixAll.nianbao', undefined), false);
    assert.equal(wanted('source.fixAll.nianbao', ['source']), true);
    assert.equal(wanted('source.fixAll.nianbao', ['source.fixAll']), true);
    assert.equal(wanted('source.fixAll.nianbao', ['source.fixAll.nianbao']), true);
    assert.equal(wanted('source.fixAll.nianbao', ['source.fixAll.eslint']), false);
    assert.equal(wanted('source.fixAll.nianbao', ['source.organizeImports']), false);
    assert.equal(wanted('quickfix', ['source']), false);
    assert.equal(wanted('quickfix', ['quickfix']), true);
  });
});

describe('looksLikeReport', () => {
  test('every seed and sample is a report; ordinary notes are not', () => {
    for (const rel of ['samples/seeds/000_a8e5998f6003955d.txt', 'samples/seeds/004_f08e199b8ba50c35.txt', 'samples/2023-markdown-clean.md']) {
      assert.ok(looksLikeReport(analyze(read(rel)).report), rel);
    }
    assert.ok(looksLikeReport(analyze('某某局2024年政府信息公开工作年度报告\n\n草稿').report), 'a title alone');
    for (const notes of ['', 'hello world', '会议纪要\n一、会议时间：3月5日\n', '# README\n\n本项目的年度报告工具。\n', '2023年年度报告\n营业收入12亿元。']) {
      assert.equal(looksLikeReport(analyze(notes).report), false, JSON.stringify(notes));
    }
  });

  test('the first look lets every report through and skips texts without 、 or 政府信息 and huge ones', () => {
    for (const rel of ['samples/seeds/000_a8e5998f6003955d.txt', 'samples/seeds/003_efc93f8cbbb15791.txt', 'samples/2023-markdown-clean.md']) assert.ok(mayBeReport(read(rel)), rel);
    assert.equal(mayBeReport('2024-01-01 12:00:00 INFO started\n'.repeat(100)), false);
    assert.equal(mayBeReport('const x = 1;\n'), false);
    assert.equal(mayBeReport('政府信息公开'.padEnd(5 * 1024 * 1024, 'x')), false);
  });
});

describe('ReceivedVersions', () => {
  const change = (uri: string, version: unknown, contentChanges: unknown = [{ text: 'x' }]) => ({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri, version }, contentChanges } });

  test('a change read and not applied is newer than the version applied, until it is applied', () => {
    const r = new ReceivedVersions();
    r.see(change('a', 3));
    r.see(change('a', 4));
    assert.equal(r.hasNewer('a', 2), true);
    assert.equal(r.hasNewer('b', 2), false, 'another document');
    r.applied('a', 3);
    assert.equal(r.hasNewer('a', 3), true, 'version 4 still waits');
    r.applied('a', 4);
    assert.equal(r.hasNewer('a', 4), false);
    assert.equal(r.hasNewer('a', 1), false, 'forgotten once applied');
  });

  test('changes TextDocuments does not apply count for nothing; a close or an open forgets the document', () => {
    const r = new ReceivedVersions();
    for (const m of [change('a', 5, []), change('a', 5, [{ range: null }]), change('a', '5'), change('a', 5, null), { method: 'textDocument/didChange' }, null, 'text']) r.see(m);
    assert.equal(r.hasNewer('a', 1), false);
    r.see(change('a', 9));
    r.see({ method: 'textDocument/didClose', params: { textDocument: { uri: 'a' } } });
    assert.equal(r.hasNewer('a', 1), false, 'closed');
    r.see(change('a', 9));
    r.see({ method: 'textDocument/didOpen', params: { textDocument: { uri: 'a', version: 1, text: '' } } });
    assert.equal(r.hasNewer('a', 1), false, 'opened again: its versions start anew');
  });
});
