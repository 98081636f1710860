/**
 * What users paste (issue 9): the 45 texts the real tools make of four published reports
 * (test/fixtures/pasted, see SOURCES.md and TOOLS.md there). For every text, every row nianbao reads
 * holds the values of the source's own table (expected.json, made once from the HTML, or by eye for
 * Hongze's PDF — never by nianbao); every row it cannot read is named by an unreadable-row warning and
 * listed in unreadable.json with the reason the text leaves it open; no sum is claimed on such a row.
 * The errors are the source's wrong 总计 cells wherever the text lets them be seen: for a folder with a
 * defects.json (our own drafts, planted defects written down by hand) exactly those cells with their right
 * values; otherwise (Shanghai) the blank 总计 of the rows under 三.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/check';
import type { Finding } from '../../server/src/core/finding';
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
const UNREADABLE = JSON.parse(fs.readFileSync(path.join(DIR, 'unreadable.json'), 'utf8')) as {
  texts: Record<string, Unreadable>;
  /** Texts left out for now: nianbao reads a row wrong, gives a false error or leaves open a row the text determines. */
};

/** A folder's planted wrong totals (defects.json, written by hand): the finding on the cell and its right value. */
interface Defects {
  errors: { finding: string; right: number }[];
}
const defectsOf = (report: string): Defects | undefined => {
  const file = path.join(DIR, report, 'defects.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Defects) : undefined;
};
const cellOf = (f: Finding) => (f.cell ? `${f.cell.table}/${f.cell.row}/${f.cell.column}` : '');

/** A cell's value as the source table prints it: a count as digits, a blank or dash as '', a unit dropped. */
const printed = (v: ModelValue) => (v.kind === 'number' ? String(v.value) : v.kind === 'text' ? v.text : '');
const expectedValue = (s: string) => {
  const v = s.replace(/元$/, '').replace(/^[/\-—无]$/, '');
  return /^-?[\d.]+$/.test(v) ? String(Number(v)) : v;
};

const SUMS = new Set(['total-mismatch', 'balance-mismatch', 'text-table-mismatch']);

for (const report of REPORTS) {
  const expected = (JSON.parse(fs.readFileSync(path.join(DIR, report, 'expected.json'), 'utf8')) as { tables: Record<string, Record<string, string[]>> }).tables;
  const defects = defectsOf(report);
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
        // the wrong 总计 cells wherever the rows they stand on are read, and no other error
        const errors = a.findings.filter((f) => f.severity === 'error');
        if (defects) {
          // a row's 总计 needs its row; a cell of （七）总计 needs its column, i.e. every result row and （七）
          const seen = (cell: string) => {
            const [table, row] = cell.split('/');
            const needs = row === 'total' ? Object.keys(expected[table]).filter((r) => r.startsWith('r') || r === 'total') : [row];
            return needs.every((r) => !open[`${table}/${r}`]);
          };
          const planted = defects.errors.filter((d) => seen(d.finding.split(' ')[1])).map((d) => `${d.finding} → ${d.right}`);
          assert.deepEqual(errors.map((f) => `${f.code} ${cellOf(f)} → ${f.expected}`).sort(), planted.sort(), 'the planted wrong totals (defects.json)');
        } else {
          // Shanghai (SOURCES.md): the blank row totals under 三
          const blankTotals = Object.entries(expected.applications ?? {}).filter(([row, v]) => row.startsWith('r') && v[v.length - 1] === '' && v.some((x) => x !== '') && !open[`applications/${row}`]);
          assert.deepEqual(errors.map((f) => `${f.code} ${cellOf(f)}`), blankTotals.map(([row]) => `total-mismatch applications/${row}/total`));
        }
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
