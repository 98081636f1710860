/**
 * Golden findings (warnings and information included) for every sample and seed, in the CLI's
 * JSON contract. Regenerate after a deliberate change with UPDATE_GOLDEN=1 and review the diff.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { toJsonFile } from '../../server/src/cli/output';
import { SAMPLES, SEEDS, at, check, findingsContract, read } from '../helpers/repo';

const update = process.env.UPDATE_GOLDEN === '1';

for (const file of [...SAMPLES(), ...SEEDS()]) {
  test(`golden findings: ${file}`, () => {
    const actual = findingsContract(toJsonFile(file, check(read(file)), 'zh-cn'));
    const golden = at(file.replace(/\.(txt|md)$/, '.expected.json'));
    if (update) fs.writeFileSync(golden, JSON.stringify(actual, null, 2) + '\n');
    assert.deepEqual(actual, JSON.parse(fs.readFileSync(golden, 'utf8')));
  });
}
