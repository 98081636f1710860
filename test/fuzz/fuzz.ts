/**
 * `npm run fuzz`: the seeds, the samples and the real reports, mutated by fast-check
 * (test/helpers/mutate.ts), each case checked against every property of test/helpers/properties.ts.
 *
 *   FUZZ_CASES=N   cases to run (default 100,000; CI runs a few thousand)
 *   FUZZ_SEED=S    the fast-check seed (default 1): the same seed gives the same cases
 *   FUZZ_CASE=K    run case K only and write its text next to the failure report (to reproduce one)
 *   FUZZ_WORKERS=W worker threads (default: one per core)
 *   FUZZ_SIZE_MB=M then a draft of M MB through the CLI and the server (default 50; 0 skips it; size.ts)
 *   FUZZ_FRAMES=F  then F streams of good and broken LSP frames to the server over stdio (default 200; 0 skips it; frames.ts)
 *
 * Every case runs every property; a failure does not stop the run. The counts are printed at the
 * end; failures (with the draft, the mutations and a shorter list of mutations that still fails)
 * go to test/out-fuzz/failures.json. Exit code 1 when any property failed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { htmlToText } from '../helpers/html';
import { mutateAll, mutationArb, type Mutation } from '../helpers/mutate';
import { PROPERTIES, examine, type Property } from '../helpers/properties';
import { SAMPLES, SEEDS, at, list, read } from '../helpers/repo';
import { frameRun } from './frames';
import { sizeRun } from './size';

const BATCH = 250;
const OUT = at('test/out-fuzz');

interface Draft {
  name: string;
  text: string;
}

interface Case {
  draft: number;
  mutations: Mutation[];
}

interface Failure {
  case: number;
  draft: string;
  property: Property;
  message: string;
  mutations: Mutation[];
  /** A shorter list of mutations on the same draft that still breaks the property. */
  minimal?: Mutation[];
}

interface Tally {
  cases: number;
  passed: Record<string, number>;
  failed: Record<string, number>;
  failures: Failure[];
  multiPass: number;
  slowest: { ms: number; case: number };
}

function drafts(): Draft[] {
  const corpus = list('test/fixtures/corpus', /\.(txt|html)$/);
  return [...SEEDS(), ...SAMPLES(), ...corpus].map((name) => ({
    name,
    text: name.endsWith('.html') ? htmlToText(fs.readFileSync(at(name), 'utf8')) : read(name),
  }));
}

/** Case K: the cases come in batches, each drawn by fast-check from its own seed. */
function batch(seed: number, b: number, ndrafts: number): Case[] {
  const arb = fc.record({ draft: fc.nat(ndrafts - 1), mutations: fc.array(mutationArb, { minLength: 1, maxLength: 8 }) });
  return fc.sample(arb, { seed: seed + b, numRuns: BATCH });
}

const failing = (d: Draft, ms: Mutation[], p: Property) => !!examine(mutateAll(d.text, ms)).outcome[p];

/** Drops mutations one at a time while the property still fails (a small delta debugging). */
function minimize(d: Draft, ms: Mutation[], p: Property): Mutation[] {
  let cur = ms;
  for (let i = cur.length - 1; i >= 0; i--) {
    const shorter = [...cur.slice(0, i), ...cur.slice(i + 1)];
    if (failing(d, shorter, p)) cur = shorter;
  }
  return cur;
}

function emptyTally(): Tally {
  const zero = () => Object.fromEntries(PROPERTIES.map((p) => [p, 0]));
  return { cases: 0, passed: zero(), failed: zero(), failures: [], multiPass: 0, slowest: { ms: 0, case: -1 } };
}

/** Runs the cases of the given batches (up to case `total`); keeps the first few failures of each property. */
function runBatches(seed: number, total: number, batches: number[], all: Draft[], report: (t: Tally) => void): Tally {
  const tally = emptyTally();
  for (const b of batches) {
    const cases = batch(seed, b, all.length);
    for (let i = 0; i < cases.length && b * BATCH + i < total; i++) {
      const k = b * BATCH + i;
      const c = cases[i];
      const d = all[c.draft];
      const t0 = performance.now();
      const { outcome, passes } = examine(mutateAll(d.text, c.mutations));
      const ms = performance.now() - t0;
      tally.cases++;
      if (passes > 1) tally.multiPass++;
      if (ms > tally.slowest.ms) tally.slowest = { ms, case: k };
      for (const p of PROPERTIES) {
        const e = outcome[p];
        if (e === null) tally.passed[p]++;
        else if (e) {
          tally.failed[p]++;
          if (tally.failures.filter((f) => f.property === p).length < 5) {
            tally.failures.push({ case: k, draft: d.name, property: p, message: e.message.split('\n')[0], mutations: c.mutations, minimal: minimize(d, c.mutations, p) });
          }
        }
      }
    }
    report(tally);
  }
  return tally;
}

function merge(into: Tally, t: Tally) {
  into.cases += t.cases;
  for (const p of PROPERTIES) {
    into.passed[p] += t.passed[p];
    into.failed[p] += t.failed[p];
  }
  into.failures.push(...t.failures);
  into.multiPass += t.multiPass;
  if (t.slowest.ms > into.slowest.ms) into.slowest = t.slowest;
}

function runOne(seed: number, k: number) {
  const all = drafts();
  const c = batch(seed, Math.floor(k / BATCH), all.length)[k % BATCH];
  const text = mutateAll(all[c.draft].text, c.mutations);
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `case-${seed}-${k}.txt`);
  fs.writeFileSync(file, text);
  console.log(`case ${k} (seed ${seed}): ${all[c.draft].name}, mutations ${JSON.stringify(c.mutations)}\ntext: ${file}`);
  const { outcome } = examine(text);
  for (const p of PROPERTIES) console.log(`  ${outcome[p] === null ? 'ok  ' : outcome[p] ? 'FAIL' : 'skip'} ${p}${outcome[p] ? `: ${outcome[p]!.message}` : ''}`);
  process.exitCode = PROPERTIES.some((p) => outcome[p]) ? 1 : 0;
}

async function main() {
  const total = Number(process.env.FUZZ_CASES ?? 100_000);
  const seed = Number(process.env.FUZZ_SEED ?? 1);
  if (!Number.isInteger(total) || total < 0 || !Number.isInteger(seed)) throw new Error('FUZZ_CASES and FUZZ_SEED must be whole numbers');
  if (process.env.FUZZ_CASE !== undefined) return runOne(seed, Number(process.env.FUZZ_CASE));
  const nbatches = Math.ceil(total / BATCH);
  const workers = Math.max(1, Math.min(Number(process.env.FUZZ_WORKERS ?? os.availableParallelism()), nbatches));
  const started = performance.now();
  const ndrafts = drafts().length;
  console.log(`nianbao fuzz: ${total} cases over ${ndrafts} drafts, seed ${seed}, ${workers} workers`);

  const tally = emptyTally();
  const progress = new Array<number>(workers).fill(0);
  let lastPrint = 0;
  await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const mine = Array.from({ length: nbatches }, (_, b) => b).filter((b) => b % workers === w);
      return new Promise<void>((resolve, reject) => {
        const worker = new Worker(__filename, { workerData: { seed, total, batches: mine } });
        worker.on('message', (m: { done: true; tally: Tally } | { done: false; cases: number }) => {
          if (m.done) return merge(tally, m.tally);
          progress[w] = m.cases;
          const now = performance.now();
          if (now - lastPrint > 30_000) {
            lastPrint = now;
            console.log(`  … ${progress.reduce((s, n) => s + n, 0)} cases, ${((now - started) / 1000).toFixed(0)} s`);
          }
        });
        worker.on('error', reject);
        worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker ${w} exited with ${code}`))));
      });
    }),
  );

  const seconds = (performance.now() - started) / 1000;
  const failures = PROPERTIES.reduce((s, p) => s + tally.failed[p], 0);
  console.log(`\n${tally.cases} cases in ${seconds.toFixed(1)} s (${((seconds * 1000) / Math.max(1, tally.cases)).toFixed(2)} ms a case)`);
  for (const p of PROPERTIES) console.log(`  ${String(tally.passed[p]).padStart(7)} passed  ${String(tally.failed[p]).padStart(5)} failed  ${p}`);
  console.log(`  fix-all took more than one pass in ${tally.multiPass} cases; slowest case ${tally.slowest.ms.toFixed(0)} ms (case ${tally.slowest.case})`);
  console.log(`failures: ${failures}`);
  if (tally.failures.length) {
    fs.mkdirSync(OUT, { recursive: true });
    const file = path.join(OUT, 'failures.json');
    tally.failures.sort((a, b) => a.case - b.case);
    fs.writeFileSync(file, JSON.stringify({ seed, failures: tally.failures }, null, 2));
    for (const f of tally.failures.slice(0, 10)) console.log(`  case ${f.case} (${f.draft}) ${f.property}: ${f.message}\n    minimal: ${JSON.stringify(f.minimal)}`);
    console.log(`details: ${file}; reproduce one with FUZZ_SEED=${seed} FUZZ_CASE=<case> npm run fuzz`);
  }
  const sizeMB = Number(process.env.FUZZ_SIZE_MB ?? 50);
  const sizeFailures = sizeMB > 0 ? await sizeRun(sizeMB, console.log) : 0;
  const frames = Number(process.env.FUZZ_FRAMES ?? 200);
  const frameFailures = frames > 0 ? await frameRun(frames, seed, console.log) : 0;
  process.exitCode = failures || sizeFailures || frameFailures ? 1 : 0;
}

if (isMainThread) {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 2;
  });
} else {
  const { seed, total, batches } = workerData as { seed: number; total: number; batches: number[] };
  const tally = runBatches(seed, total, batches, drafts(), (t) => parentPort!.postMessage({ done: false, cases: t.cases }));
  parentPort!.postMessage({ done: true, tally });
}
