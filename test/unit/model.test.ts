/**
 * The model of `--format json` (nianbao-report.schema.json): the CLI's output validates against the
 * schema, and the cells it names are the cells of the draft, read by hand here.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { describe, test } from 'node:test';
import Ajv from 'ajv';
import { at } from '../helpers/repo';

function json(files: string[]) {
  const r = spawnSync(process.execPath, [at('dist/cli.js'), 'check', '--format', 'json', ...files], { cwd: at('.'), encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(r.stdout);
}

const schema = JSON.parse(fs.readFileSync(at('nianbao-report.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe('model: the JSON reading', () => {
  test('the output for every sample and seed validates against nianbao-report.schema.json', () => {
    const out = json(['samples/']);
    assert.ok(out.length >= 10);
    assert.ok(validate(out), JSON.stringify(validate.errors?.slice(0, 5)));
  });

  test('the schema rejects what it should (a missing field, a bad value kind)', () => {
    const [file] = json(['samples/2023-markdown-clean.md']);
    assert.ok(validate([file]));
    const { tables, ...noTables } = file;
    assert.ok(tables.length > 0);
    assert.equal(validate([noTables]), false);
    const bad = structuredClone(file);
    bad.tables[0].rows[0].cells[0].value = { kind: 'number' };
    assert.equal(validate([bad]), false);
  });

  test('seed 003: the 申请 table is read cell by cell, and the wrong total names its cell', () => {
    const [f] = json(['samples/seeds/003_efc93f8cbbb15791.txt']);
    assert.deepEqual(
      f.tables.map((t: { id: string }) => t.id),
      ['a20-1', 'a20-5', 'a20-6', 'a20-8', 'a20-9', 'applications', 'review'],
    );
    const apps = f.tables.find((t: { id: string }) => t.id === 'applications');
    assert.equal(apps.format, '2019');
    assert.deepEqual(apps.columns.map((c: { id: string }) => c.id), ['natural', 'business', 'research', 'public', 'legal', 'other', 'total']);
    const row = (id: string) => apps.rows.find((r: { id: string }) => r.id === id);
    const values = (id: string) => row(id).cells.map((c: { value: { kind: string; value?: number } }) => (c.value.kind === 'number' ? c.value.value : c.value.kind));
    // the draft (cell per line): 一、本年新收 has 自然人 1 and 总计 1, the other cells NBSP-blank
    assert.deepEqual(values('new'), [1, 'blank', 'blank', 'blank', 'blank', 'blank', 1]);
    assert.deepEqual(values('total'), ['blank', 'blank', 'blank', 'blank', 'blank', 'blank', 1]);
    assert.equal(row('total').formatLabel, '（七）总计');
    const tm = f.diagnostics.filter((d: { code: string }) => d.code === 'total-mismatch');
    assert.deepEqual(tm.map((d: { cell: unknown }) => d.cell), [{ table: 'applications', row: 'total', column: 'natural' }]);
    // the cell named is the one whose range the diagnostic has
    const cell = row('total').cells[0];
    assert.deepEqual(tm[0].range.start.line, cell.range.start.line);
    const review = f.tables.find((t: { id: string }) => t.id === 'review');
    assert.equal(review.rows[0].cells.length, 15);
    assert.deepEqual(review.rows[0].cells.map((c: { column: string }) => c.column).slice(0, 5), ['review.upheld', 'review.corrected', 'review.other', 'review.pending', 'review.total']);
  });
});
