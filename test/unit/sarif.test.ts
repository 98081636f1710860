/** `nianbao check --format sarif` writes SARIF 2.1.0 that validates against the official schema. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { test } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { RULES } from '../../server/src/core/rules';
import { difference, expectedFindings, type Expected } from '../helpers/expectations';
import { SAMPLES, SEEDS, at, read } from '../helpers/repo';

interface Result {
  ruleId: string;
  ruleIndex: number;
  level: string;
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; charOffset: number } } }[];
  properties?: { expected?: number; actual?: number };
  fixes?: { artifactChanges: { replacements: { insertedContent: { text: string } }[] }[] }[];
}

const sarif = (...args: string[]) => spawnSync(process.execPath, [at('dist/cli.js'), 'check', '--format', 'sarif', ...args, 'samples/'], { cwd: at('.'), encoding: 'utf8' });

// the OASIS SARIF 2.1.0 schema, as Microsoft ships it in @microsoft/jest-sarif
const SCHEMA = at('node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

test('SARIF output validates against the SARIF 2.1.0 schema and carries rules, regions and fixes', () => {
  const r = sarif();
  assert.equal(r.status, 1, r.stderr);
  const log = JSON.parse(r.stdout);
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')));
  const valid: boolean = validate(log);
  assert.ok(valid, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  const broken = structuredClone(log);
  broken.runs[0].results[0].level = 'fatal';
  const brokenValid: boolean = validate(broken);
  assert.equal(brokenValid, false, 'the schema check can fail');

  const run = log.runs[0];
  assert.deepEqual(run.tool.driver.rules.map((x: { id: string }) => x.id), RULES.map((x) => x.code));
  const seed = 'samples/seeds/003_efc93f8cbbb15791.txt';
  const tm = (run.results as Result[]).find((x) => x.ruleId === 'total-mismatch' && x.locations[0].physicalLocation.artifactLocation.uri === seed)!;
  // line 332, character 2 (1-based): after the 331 lines before it and their line breaks, and the tab
  const charOffset = read(seed).split('\n').slice(0, 331).reduce((n, l) => n + l.length + 1, 0) + 1;
  assert.deepEqual(tm.locations[0].physicalLocation.region, { startLine: 332, startColumn: 2, endLine: 332, endColumn: 3, charOffset, charLength: 1 });
  assert.equal(tm.level, 'error');
  assert.equal(tm.fixes?.[0].artifactChanges[0].replacements[0].insertedContent.text, '1');
  assert.equal(run.tool.driver.rules[tm.ruleIndex].id, 'total-mismatch');
  assert.ok(run.results.some((x: { level: string }) => x.level === 'note'), 'information findings are notes');

  // every result of every sample and seed is a finding written by hand (code, place and numbers)
  const shape = ({ line, col, code, expected, actual }: Expected): Expected => ({ line, col, code, expected, actual });
  for (const draft of [...SAMPLES(), ...SEEDS()]) {
    const results = (run.results as Result[]).filter((x) => x.locations[0].physicalLocation.artifactLocation.uri === draft);
    const got = results.map((x) => {
      const { startLine, startColumn } = x.locations[0].physicalLocation.region;
      return shape({ line: startLine, col: startColumn, code: x.ruleId, expected: x.properties?.expected, actual: x.properties?.actual });
    });
    assert.deepEqual(difference(expectedFindings(draft).map(shape), got), [], draft);
  }
});

test('SARIF rules link their pages under --help-uri-base, and carry no helpUri without it', () => {
  const base = 'https://example.org/nianbao/docs/rules';
  const withBase = JSON.parse(sarif('--help-uri-base', base).stdout).runs[0].tool.driver.rules;
  assert.deepEqual(
    withBase.map((x: { helpUri: string }) => x.helpUri),
    RULES.map((x) => `${base}/${x.code}.md`),
  );
  const without = JSON.parse(sarif().stdout).runs[0].tool.driver.rules;
  assert.ok(without.every((x: object) => !('helpUri' in x)));
  const bad = sarif('--help-uri-base', 'not a url');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--help-uri-base/);
});
