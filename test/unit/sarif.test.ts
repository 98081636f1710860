/** `nianbao check --format sarif` writes SARIF 2.1.0 that validates against the official schema. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { test } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { RULES } from '../../server/src/core/rules';
import { at } from '../helpers/repo';

// the OASIS SARIF 2.1.0 schema, as Microsoft ships it in @microsoft/jest-sarif
const SCHEMA = at('node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

test('SARIF output validates against the SARIF 2.1.0 schema and carries rules, regions and fixes', () => {
  const r = spawnSync(process.execPath, [at('dist/cli.js'), 'check', '--format', 'sarif', 'samples/'], { cwd: at('.'), encoding: 'utf8' });
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
  const tm = run.results.find((x: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.ruleId === 'total-mismatch' && x.locations[0].physicalLocation.artifactLocation.uri === 'samples/seeds/003_efc93f8cbbb15791.txt');
  assert.deepEqual(tm.locations[0].physicalLocation.region, { startLine: 332, startColumn: 2, endLine: 332, endColumn: 3, charOffset: tm.locations[0].physicalLocation.region.charOffset, charLength: 1 });
  assert.equal(tm.level, 'error');
  assert.equal(tm.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, '1');
  assert.equal(run.tool.driver.rules[tm.ruleIndex].id, 'total-mismatch');
  assert.ok(run.results.some((x: { level: string }) => x.level === 'note'), 'information findings are notes');
});
