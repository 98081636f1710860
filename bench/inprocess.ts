/**
 * In-process figures on the same texts in the same run: nianbao's analyze (scan + parse + check),
 * a floor (split into lines, one simple regular expression per line), markdownlint's synchronous
 * API with its default rules (with --markdownlint), and the heap an analysis keeps.
 *
 * Each engine runs in a fresh Node process of its own (with a full GC before each text), so that
 * one engine's garbage and heap growth are not timed against another.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { lint } from 'markdownlint/sync';
import { analyze } from '../server/src/core/check';
import { DEFAULT_CONFIG } from '../server/src/core/config';
import { HUGE, LARGE, SMALL, timeMedian, type Budget } from './measure';

export interface Text {
  name: string;
  text: string;
  /** UTF-8 size. */
  bytes: number;
  /** Where the text is written for the engine processes. */
  file: string;
}

export type EngineName = 'nianbao' | 'floor' | 'markdownlint' | 'nianbao-default-limit' | 'kept' | 'allocated';
export const ENGINES: EngineName[] = ['nianbao', 'floor'];

/** The whole text is analysed (the default sizeLimit checks only the first 1,000,000 characters). */
const WHOLE = { config: { ...DEFAULT_CONFIG, sizeLimit: Number.MAX_SAFE_INTEGER } };

export interface EngineTimes {
  name: string;
  bytes: number;
  nianbao: number;
  floor: number;
  /** NaN when not measured. */
  markdownlint: number;
}

const FLOOR_RE = /(\d+)\s*[件条起]/;

/** About the least a checker must do: look at every line once. */
export function floor(text: string): number {
  let hits = 0;
  for (const line of text.split(/\r?\n/)) if (FLOOR_RE.test(line)) hits++;
  return hits;
}

export function markdownlint(text: string): number {
  return lint({ strings: { draft: text } }).draft.length;
}

const RUN: Record<Exclude<EngineName, 'kept' | 'allocated'>, (text: string) => unknown> = {
  nianbao: (t) => analyze(t, WHOLE),
  floor,
  markdownlint,
  'nianbao-default-limit': (t) => analyze(t),
};

/**
 * The heap an analysis keeps while it is held (as the server holds a document's): heap used after a full GC with
 * the analysis retained, minus without it; median of 5, in MB.
 */
function keptMB(text: string, gc: () => void): number {
  const used = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  analyze(text, WHOLE);
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const without = used();
    let kept: unknown = analyze(text, WHOLE);
    const withIt = used();
    samples.push((withIt - without) / 1e6);
    // (read after the measure, so the analysis is alive through it)
    if (!kept) throw new Error('no analysis');
    kept = null;
  }
  return samples.sort((a, b) => a - b)[2];
}

interface SamplingNode {
  selfSize: number;
  children: SamplingNode[];
}

/** A method of the in-process inspector (its answer comes before post returns). */
function inspect<T>(session: Session, method: string, params?: object): T {
  let answer: { error: Error | null; result?: T } | undefined;
  session.post(method, params, (error, result) => {
    answer = { error, result: result as T };
  });
  if (!answer) throw new Error(`${method}: no answer`);
  if (answer.error) throw answer.error;
  return answer.result as T;
}

/**
 * What one analysis allocates, garbage included, in KB: V8's sampling heap profiler (a sample every 1 KB
 * allocated, the objects later collected counted too) over `runs` analyses after a warm-up, divided by `runs`.
 */
function allocatedKB(text: string, runs: number): number {
  for (let i = 0; i < Math.min(runs, 20); i++) analyze(text, WHOLE);
  const session = new Session();
  session.connect();
  try {
    inspect(session, 'HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    for (let i = 0; i < runs; i++) analyze(text, WHOLE);
    const { profile } = inspect<{ profile: { head: SamplingNode } }>(session, 'HeapProfiler.stopSampling');
    const total = (n: SamplingNode): number => n.children.reduce((sum, c) => sum + total(c), n.selfSize);
    return total(profile.head) / runs / 1000;
  } finally {
    session.disconnect();
  }
}

function budgetFor(bytes: number): Budget {
  if (bytes < 50_000) return SMALL;
  return bytes < 5_000_000 ? LARGE : HUGE;
}

/** In an engine process: the median of each file, in milliseconds, as JSON on stdout. */
export function engineMain(engine: EngineName, files: string[]): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  const out = files.map((file) => {
    const text = readFileSync(file, 'utf8');
    if (engine === 'kept') return { ms: keptMB(text, gc!), runs: 5 };
    if (engine === 'allocated') {
      const runs = Buffer.byteLength(text) < 50_000 ? 200 : 3;
      return { ms: allocatedKB(text, runs), runs };
    }
    gc?.();
    return timeMedian(() => RUN[engine](text), budgetFor(Buffer.byteLength(text)));
  });
  process.stdout.write(JSON.stringify(out));
}

/** Runs one engine in a process of its own (this bundle, `--engine NAME files…`) over the texts. */
export function measureEngine(bundle: string, engine: EngineName, texts: Text[]): { ms: number; runs: number }[] {
  const r = spawnSync(process.execPath, ['--expose-gc', bundle, '--engine', engine, ...texts.map((t) => t.file)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${engine} process failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** Each engine over all the texts (markdownlint too when asked: it takes minutes on the large texts). */
export function measureTexts(bundle: string, texts: Text[], log: (s: string) => void, withMarkdownlint = false): EngineTimes[] {
  const engines: EngineName[] = withMarkdownlint ? [...ENGINES, 'markdownlint'] : ENGINES;
  const times = {} as Record<EngineName, { ms: number; runs: number }[]>;
  for (const engine of engines) {
    log(`  ${engine} …`);
    times[engine] = measureEngine(bundle, engine, texts);
  }
  return texts.map((t, i) => {
    const [n, f] = ENGINES.map((e) => times[e][i]);
    const m = times.markdownlint?.[i];
    log(`  ${t.name}: nianbao ${n.ms.toFixed(3)} ms (${n.runs} runs), floor ${f.ms.toFixed(3)} ms (${f.runs})${m ? `, markdownlint ${m.ms.toFixed(3)} ms (${m.runs})` : ''}`);
    return { name: t.name, bytes: t.bytes, nianbao: n.ms, floor: f.ms, markdownlint: m?.ms ?? NaN };
  });
}
