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

/** A cell of the sums, resolved once per format: its row id (applications) and column index. */
interface PlannedRef {
  ref: CellRef;
  /** Dense id of the cell among those the format's sums name (index into the computation's arrays). */
  id: number;
  review: boolean;
  row: string;
  col: number;
}

/** Per format, made once: each column's index, and every sum relation with its cells resolved. */
interface Plan {
  columns: Map<string, number>;
  /** Dense ids by refKey. */
  ids: Map<string, number>;
  relations: { relation: SumRelation; target: PlannedRef; parts: PlannedRef[] }[];
}

const plans = new WeakMap<Format, Plan>();

function planOf(format: Format): Plan {
  let plan = plans.get(format);
  if (!plan) {
    const columns = new Map(format.applications.columns.map((c, i) => [c.id, i]));
    const ids = new Map<string, number>();
    const planned = (ref: CellRef): PlannedRef => {
      const key = refKey(ref);
      let id = ids.get(key);
      if (id === undefined) {
        id = ids.size;
        ids.set(key, id);
      }
      return ref.table === 'review' ? { ref, id, review: true, row: '', col: ref.col } : { ref, id, review: false, row: ref.row, col: columns.get(ref.col) ?? -1 };
    };
    plan = { columns, ids, relations: format.sums.map((relation) => ({ relation, target: planned(relation.target), parts: relation.parts.map(planned) })) };
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

function plannedCell(report: Report, p: PlannedRef): Cell | undefined {
  if (p.review) return report.review?.values[p.col];
  return report.applications?.rows.get(p.row)?.values[p.col];
}

function rowPresent(report: Report, p: PlannedRef): boolean {
  return p.review ? !!report.review : !!report.applications?.rows.has(p.row);
}

/**
 * The totals of a report, as every rule, fix and hover reads them (analyze computes them once for its rules). Not
 * cached in a WeakMap by report: the young generation's collections keep a WeakMap's values (its entries go in full
 * collections only), so every check's totals were promoted and collected by full collections (bench/RESULTS.md,
 * fifth round); computing them again takes tens of microseconds.
 */
export function compute(report: Report): Computed {
  const plan = planOf(report.format);
  // by dense cell id: whether a total computed it, its value, and whether it and its parts were all blank
  const n = plan.ids.size;
  const known = new Uint8Array(n);
  const computedValue: (number | null)[] = new Array(n).fill(null);
  const emptyTotal = new Uint8Array(n);
  const totals: TotalCheck[] = [];
  const fixedCells = new Set<Cell>();

  for (const { relation, target, parts: planned } of plan.relations) {
    if (!rowPresent(report, target)) continue;
    const cell = plannedCell(report, target);
    const written = countValue(cell);
    const parts: PartValue[] = [];
    let allEmpty = true;
    let expected: number | null = 0;
    for (const p of planned) {
      const partCell = plannedCell(report, p);
      const value = known[p.id] ? computedValue[p.id] : countValue(partCell);
      parts.push({ ref: p.ref, cell: partCell, value });
      allEmpty &&= known[p.id] ? emptyTotal[p.id] === 1 : isEmpty(partCell);
      expected = expected === null || value === null ? null : exactSum(expected, value);
    }
    const partsLeftOut = allEmpty && written !== null && written > 0;
    if (partsLeftOut) {
      // the parts were left out: the written total stands, and the parts are unknown above it
      expected = written;
      for (const p of planned) {
        known[p.id] = 1;
        computedValue[p.id] = null;
      }
    }
    known[target.id] = 1;
    computedValue[target.id] = expected ?? written;
    emptyTotal[target.id] = allEmpty && isEmpty(cell) ? 1 : 0;
    const wrong = expected !== null && written !== null && expected !== written;
    if (wrong && cell) fixedCells.add(cell);
    totals.push({ relation, cell, written, expected, wrong, partsLeftOut, parts });
  }

  const value = (ref: CellRef): number | null => {
    const id = plan.ids.get(refKey(ref));
    return id !== undefined && known[id] ? computedValue[id] : countValue(cellAt(report, ref));
  };
  return { totals, fixedCells, value };
}
