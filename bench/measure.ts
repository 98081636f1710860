/** Timing helpers: medians of repeated runs after warm-up, percentiles, formatting. */

export interface Budget {
  /** Runs before measuring (at least this many, and at least `warmupMs`). */
  warmup: number;
  warmupMs: number;
  /** Measured runs: at least `min`, then more until `runs` or `maxMs` is reached. */
  min: number;
  runs: number;
  maxMs: number;
}

export const SMALL: Budget = { warmup: 1000, warmupMs: 1000, min: 50, runs: 500, maxMs: 3000 };
export const LARGE: Budget = { warmup: 5, warmupMs: 1500, min: 5, runs: 30, maxMs: 8000 };
export const HUGE: Budget = { warmup: 1, warmupMs: 0, min: 3, runs: 5, maxMs: 20000 };

const now = () => performance.now();

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** Median milliseconds of one call of `fn`, each run timed on its own. */
export function timeMedian(fn: () => unknown, budget: Budget): { ms: number; runs: number } {
  const warmStart = now();
  for (let i = 0; i < budget.warmup || now() - warmStart < budget.warmupMs; i++) fn();
  const samples: number[] = [];
  const start = now();
  while (samples.length < budget.min || (samples.length < budget.runs && now() - start < budget.maxMs)) {
    const t = now();
    fn();
    samples.push(now() - t);
  }
  return { ms: median(samples), runs: samples.length };
}

export const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
