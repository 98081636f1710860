/**
 * What users paste (issue 9): the 45 texts the real tools make of four published reports
 * (test/fixtures/pasted, see SOURCES.md and TOOLS.md there). For every text, every row nianbao reads
 * holds the values of the source's own table (expected.json, made once from the HTML, or by eye for
 * Hongze's PDF — never by nianbao); every row it cannot read is named by an unreadable-row warning and
 * listed in unreadable.json with the reason the text leaves it open; no sum is claimed on such a row.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/check';
import { tablesOf, type ModelValue } from '../../server/src/core/model';
import { at } from '../helpers/repo';

const DIR = at('test/fixtures/pasted');
const REPORTS = fs.readdirSync(DIR).filter((d) => fs.existsSync(path.join(DIR, d, 'expected.json')));

interface Unreadable {
  /** Why the text leaves these rows open (per tool). */
  why: string;
  /** `table/row` → unreadable (an unreadable-row warning on the row) or absent (the text has no such row). */
  rows: Record<string, 'unreadable' | 'absent'>;
}
const UNREADABLE = JSON.parse(fs.readFileSync(path.join(DIR, 'unreadable.json'), 'utf8')) as { texts: Record<string, Unreadable> };

/** A cell's value as the source table prints it: a count as digits, a blank or dash as '', a unit dropped. */
const printed = (v: ModelValue) => (v.kind === 'number' ? String(v.value) : v.kind === 'text' ? v.text : '');
const expectedValue = (s: string) => {
  const v = s.replace(/元$/, '').replace(/^[/\-—无]$/, '');
  return /^-?[\d.]+$/.test(v) ? String(Number(v)) : v;
};

const SUMS = new Set(['total-mismatch', 'balance-mismatch', 'text-table-mismatch']);

for (const report of REPORTS) {
  const expected = (JSON.parse(fs.readFileSync(path.join(DIR, report, 'expected.json'), 'utf8')) as { tables: Record<string, Record<string, string[]>> }).tables;
  const texts = fs.readdirSync(path.join(DIR, report)).filter((f) => /\.(txt|md)$/.test(f)).sort();
  describe(`pasted: ${report}`, () => {
    for (const file of texts) {
      const key = `${report}/${file}`;
      test(`${key}: every row read holds the source's values; the others are named`, () => {
        const a = analyze(fs.readFileSync(path.join(DIR, report, file), 'utf8'));
        const model = new Map<string, string[]>(tablesOf(a.report).flatMap((t) => t.rows.map((r): [string, string[]] => [`${t.id}/${r.id}`, r.cells.map((c) => printed(c.value))])));
        const named = new Set<string>(a.findings.filter((f) => f.code === 'unreadable-row' && f.severity === 'warning' && f.cell?.row).map((f) => `${f.cell!.table}/${f.cell!.row}`));
        const open: Record<string, 'unreadable' | 'absent'> = {};
        const wrong: string[] = [];
        for (const [table, rows] of Object.entries(expected)) {
          for (const [row, values] of Object.entries(rows)) {
            const id = `${table}/${row}`;
            if (named.has(id)) open[id] = 'unreadable';
            else if (!model.has(id)) open[id] = 'absent';
            else if (JSON.stringify(model.get(id)) !== JSON.stringify(values.map(expectedValue))) wrong.push(`${id}: ${model.get(id)!.join(' ')} ≠ ${values.map(expectedValue).join(' ')}`);
          }
        }
        assert.deepEqual(wrong, [], 'rows read with a value other than the source table’s');
        assert.deepEqual(open, UNREADABLE.texts[key]?.rows ?? {}, 'the rows the text leaves open (unreadable.json)');
        // no sum is claimed on a row that was not read
        const claimed = a.findings.filter((f) => SUMS.has(f.code) && f.cell && named.has(`${f.cell.table}/${f.cell.row}`));
        assert.deepEqual(claimed.map((f) => `${f.code} ${f.cell!.table}/${f.cell!.row}`), []);
        // the wrong 总计 cells of SOURCES.md (Shanghai: the blank row totals under 三) wherever the row is read,
        // and no other error
        const blankTotals = Object.entries(expected.applications ?? {}).filter(([row, v]) => row.startsWith('r') && v[v.length - 1] === '' && v.some((x) => x !== '') && !open[`applications/${row}`]);
        const errors = a.findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.cell?.row ?? ''}`);
        assert.deepEqual(errors, blankTotals.map(([row]) => `total-mismatch ${row}`));
      });
    }
  });
}

describe('pasted: the list of rows left open', () => {
  test('names only texts that exist, each with its reason', () => {
    for (const [key, u] of Object.entries(UNREADABLE.texts)) {
      assert.ok(fs.existsSync(path.join(DIR, key)), key);
      assert.ok(u.why.length > 20, key);
    }
  });
});
