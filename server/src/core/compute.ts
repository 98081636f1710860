/**
 * The one computation behind total-mismatch, balance-mismatch, their fixes and the hover:
 * the tables as they should be, in the dependency order the format lists its sums in
 * (design.md, "Which totals are wrong"). It gives facts (each total's written and computed value,
 * each cell's value in the computed table); the rules decide what is a finding.
 *
 * - A blank or dash cell counts as 0; a missing cell or an unreadable one makes what depends on
 *   it unknown (no finding is made from an unknown value).
 * - When every part of a total is blank and the total is not 0, the written total stands (the parts
 *   were left out; the total is not wrong) and those parts are unknown to the totals above them.
 * - A total's computed value, not its written one, is what the totals above it add up.
 */
import type { CellRef, Format, SumRelation } from './formats/types';
import type { Report } from './report';
import type { Cell } from './read/cell';

export interface PartValue {
  ref: CellRef;
  cell: Cell | undefined;
  value: number | null;
}

export interface TotalCheck {
  relation: SumRelation;
  cell: Cell | undefined;
  /** The written total: blank counts 0; null when missing or unreadable. */
  written: number | null;
  /** The computed total; null when a part is unknown. */
  expected: number | null;
  parts: PartValue[];
  /** The written total differs from the computed one. */
  wrong: boolean;
  /** Every part is blank and the total is not 0: the parts were left out, the written total stands. */
  partsLeftOut: boolean;
}

export interface Computed {
  totals: TotalCheck[];
  /** Cells a total fix writes into. */
  fixedCells: Set<Cell>;
  /** A cell's value in the computed table: a total's computed value, another cell's written one. */
  value(ref: CellRef): number | null;
}

/** The value a cell contributes to a sum: blank and dashes are 0; words, negatives and fractions are unreadable. */
export function countValue(cell: Cell | undefined): number | null {
  if (!cell) return null;
  const v = cell.value;
  if (v.kind === 'blank' || v.kind === 'dash') return 0;
  // a number beyond what JavaScript holds exactly (2^53) is no part of a sum: invalid-cell says so
  if (v.kind === 'number' && v.integer && v.value >= 0 && v.exact) return v.value;
  return null;
}

/** A sum that stays exact (below 2^53), else null: a total nianbao cannot compute exactly is not claimed. */
export function exactSum(a: number, b: number): number | null {
  const s = a + b;
  return Number.isSafeInteger(s) ? s : null;
}

const isEmpty = (c: Cell | undefined) => !!c && (c.value.kind === 'blank' || c.value.kind === 'dash');

export function refKey(ref: CellRef): string {
  return ref.table === 'applications' ? `a:${ref.row}:${ref.col}` : `r:${ref.col}`;
}

/** Per format, made once: each column's index, and the keys of each sum relation's cells. */
interface Plan {
  columns: Map<string, number>;
  keys: Map<SumRelation, { target: string; parts: string[] }>;
}

const plans = new WeakMap<Format, Plan>();

function planOf(format: Format): Plan {
  let plan = plans.get(format);
  if (!plan) {
    plan = {
      columns: new Map(format.applications.columns.map((c, i) => [c.id, i])),
      keys: new Map(format.sums.map((r) => [r, { target: refKey(r.target), parts: r.parts.map(refKey) }])),
    };
    plans.set(format, plan);
  }
  return plan;
}

export function cellAt(report: Report, ref: CellRef): Cell | undefined {
  if (ref.table === 'review') return report.review?.values[ref.col];
  const row = report.applications?.rows.get(ref.row);
  if (!row) return undefined;
  return row.values[planOf(report.format).columns.get(ref.col) ?? -1];
}

function rowPresent(report: Report, ref: CellRef): boolean {
  return ref.table === 'review' ? !!report.review : !!report.applications?.rows.has(ref.row);
}

const cache = new WeakMap<Report, Computed>();

export function compute(report: Report): Computed {
  const hit = cache.get(report);
  if (hit) return hit;
  const computedValue = new Map<string, number | null>();
  const emptyTotal = new Map<string, boolean>();
  const totals: TotalCheck[] = [];
  const fixedCells = new Set<Cell>();

  const plan = planOf(report.format);

  const partValue = (ref: CellRef, key = refKey(ref)): { value: number | null; empty: boolean; cell: Cell | undefined } => {
    const cell = cellAt(report, ref);
    if (computedValue.has(key)) return { value: computedValue.get(key)!, empty: emptyTotal.get(key)!, cell };
    return { value: countValue(cell), empty: isEmpty(cell), cell };
  };

  for (const relation of report.format.sums) {
    if (!rowPresent(report, relation.target)) continue;
    const keys = plan.keys.get(relation)!;
    const cell = cellAt(report, relation.target);
    const written = countValue(cell);
    const parts: PartValue[] = [];
    let allEmpty = true;
    let expected: number | null = 0;
    for (let i = 0; i < relation.parts.length; i++) {
      const ref = relation.parts[i];
      const p = partValue(ref, keys.parts[i]);
      parts.push({ ref, cell: p.cell, value: p.value });
      allEmpty &&= p.empty;
      expected = expected === null || p.value === null ? null : exactSum(expected, p.value);
    }
    const partsLeftOut = allEmpty && written !== null && written > 0;
    if (partsLeftOut) {
      // the parts were left out: the written total stands, and the parts are unknown above it
      expected = written;
      for (const key of keys.parts) computedValue.set(key, null);
    }
    const key = keys.target;
    computedValue.set(key, expected ?? written);
    emptyTotal.set(key, allEmpty && isEmpty(cell));
    const wrong = expected !== null && written !== null && expected !== written;
    if (wrong && cell) fixedCells.add(cell);
    totals.push({ relation, cell, written, expected, wrong, partsLeftOut, parts });
  }

  const result = { totals, fixedCells, value: (ref: CellRef) => partValue(ref).value };
  cache.set(report, result);
  return result;
}
