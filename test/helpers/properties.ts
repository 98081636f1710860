/**
 * The properties every draft must keep, whatever is in it (issue 6), checked on one text at a
 * time. The property tests (test/unit/properties.test.ts) and the fuzz runner (test/fuzz/fuzz.ts)
 * both use `examine`, so that they check the same thing.
 */
import assert from 'node:assert/strict';
import { analyze, fixEdits, fixText, type Analysis } from '../../server/src/core/check';
import { applyEdits } from '../../server/src/core/edits';
import { FIX_KINDS } from '../../server/src/core/finding';
import { compute } from '../../server/src/core/compute';
import type { Report } from '../../server/src/core/report';
import { assertOnlyCellsChanged, type TotalCells } from './edits';

export const PROPERTIES = [
  'the core never throws',
  'every range lies inside the document',
  'fix-all applied twice changes nothing the second time',
  'after fix-all no fixable total-mismatch remains',
  'text outside the fixed cells is byte-identical',
] as const;
export type Property = (typeof PROPERTIES)[number];

/** Per property: null when it holds, the error when it does not; absent when it could not be checked. */
export type Outcome = Partial<Record<Property, Error | null>>;

export interface Examined {
  outcome: Outcome;
  /** Passes the automatic fix took (0 when nothing to fix). */
  passes: number;
}

function attempt(outcome: Outcome, property: Property, fn: () => void): boolean {
  try {
    fn();
    outcome[property] = null;
    return true;
  } catch (e) {
    outcome[property] = e instanceof Error ? e : new Error(String(e));
    return false;
  }
}

/** The total cells of a report, as scan found them (compute lists every sum's target cell). */
export function totalCells(report: Report): TotalCells {
  return compute(report).totals.flatMap((t) => (t.cell ? [{ start: t.cell.start, end: t.cell.end, blank: t.cell.value.kind === 'blank' }] : []));
}

function assertRangesInside(text: string, a: Analysis) {
  const inside = (what: string, s: number, e: number, length = text.length) => assert.ok(Number.isInteger(s) && Number.isInteger(e) && 0 <= s && s <= e && e <= length, `${what} ${s}-${e} outside 0-${length}`);
  for (const f of a.findings) {
    inside(f.code, f.start, f.end);
    // a place in another report (last year's) lies inside that report's text
    for (const r of f.related ?? []) inside(`${f.code} related`, r.start, r.end, r.other?.index.text.length);
    for (const e of f.fix?.edits ?? []) inside(`${f.code} edit`, e.start, e.end);
  }
}

/** Checks every property on one text. */
export function examine(text: string): Examined {
  const outcome: Outcome = {};
  let analysis: Analysis | undefined;
  let fixedOnce = '';
  const ran = attempt(outcome, 'the core never throws', () => {
    analysis = analyze(text);
    fixedOnce = fixText(text).text;
    fixText(text, FIX_KINDS);
  });
  if (!ran || !analysis) return { outcome, passes: 0 };
  attempt(outcome, 'every range lies inside the document', () => assertRangesInside(text, analysis!));
  attempt(outcome, 'fix-all applied twice changes nothing the second time', () => assert.equal(fixText(fixedOnce).applied, 0, 'the second fix-all applied edits'));

  // the automatic fix, pass by pass as fixText applies it, each pass checked byte for byte
  let current = text;
  let a = analysis;
  let passes = 0;
  const outside = attempt(outcome, 'text outside the fixed cells is byte-identical', () => {
    for (;;) {
      const { text: next, applied } = applyEdits(current, fixEdits(a.findings));
      if (applied.length === 0) break;
      assertOnlyCellsChanged(current, next, applied, totalCells(a.report));
      current = next;
      a = analyze(current);
      if (++passes >= 10) break; // fixText's limit
    }
    assert.equal(current, fixedOnce, 'fix-all ended elsewhere than the passes checked here');
  });
  if (outside) {
    attempt(outcome, 'after fix-all no fixable total-mismatch remains', () =>
      assert.deepEqual(a.findings.filter((f) => f.code === 'total-mismatch' && f.fix).map((f) => `${f.start}-${f.end} expected ${f.expected}`), []),
    );
  }
  return { outcome, passes };
}

/** Throws the first property that fails (for fc.assert). */
export function assertProperties(text: string): void {
  const { outcome } = examine(text);
  for (const p of PROPERTIES) {
    const e = outcome[p];
    if (e) throw new Error(`${p}: ${e.message}`, { cause: e });
  }
}
