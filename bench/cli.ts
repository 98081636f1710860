/** CLI throughput: whole `node dist/cli.js check <dir> --format json` processes on generated drafts. */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rng, variant, type Base } from './generate';
import { median } from './measure';

/** Bump when the drafts change, so an old folder is not reused. */
const GENERATION = 2;

/** The drafts are written in this many subfolders of equal size (part-0, part-1, …), in order. */
export const PARTS = 2;

/** `count` varied seeds in a temporary folder (made once, kept for the next run). */
export function draftsDir(seeds: Base[], count: number, log: (s: string) => void): string {
  const dir = join(tmpdir(), `nianbao-bench-drafts-${GENERATION}-${count}`);
  const done = join(dir, 'DONE');
  if (existsSync(done) && readFileSync(done, 'utf8') === String(count)) return dir;
  rmSync(dir, { recursive: true, force: true });
  log(`  writing ${count} drafts to ${dir} …`);
  for (let p = 0; p < PARTS; p++) mkdirSync(join(dir, `part-${p}`), { recursive: true });
  const random = rng(42);
  for (let i = 0; i < count; i++) {
    const base = seeds[i % seeds.length];
    const part = Math.floor((i * PARTS) / count);
    writeFileSync(join(dir, `part-${part}`, `draft-${String(i).padStart(5, '0')}-${base.name}`), variant(base.text, random));
  }
  writeFileSync(done, String(count));
  return dir;
}

export interface Throughput {
  /** Reports per second, whole process, median over runs. */
  perSecond: number;
  seconds: number;
  runs: number;
}

const checkArgs = (cli: string, dir: string) => [cli, 'check', dir, '--format', 'json'];

function failed(status: number | null, stderr: string): Error | null {
  return status === 0 || status === 1 ? null : new Error(`nianbao check exited ${status}: ${stderr.slice(0, 500)}`);
}

/** One process over the whole folder, timed (one untimed run first, to warm the file cache). */
export function cliThroughput(cli: string, dir: string, count: number, runs = 3): Throughput {
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const out = openSync('/dev/null', 'w');
    const t = performance.now();
    const r = spawnSync(process.execPath, checkArgs(cli, dir), { stdio: ['ignore', out, 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    const seconds = (performance.now() - t) / 1000;
    closeSync(out);
    const error = failed(r.status, r.stderr?.toString() ?? '');
    if (error) throw error;
    if (i > 0) times.push(seconds);
  }
  const seconds = median(times);
  return { perSecond: count / seconds, seconds, runs };
}

function checkAsync(cli: string, dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, checkArgs(cli, dir), { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (status) => {
      const error = failed(status, stderr);
      if (error) reject(error);
      else resolve();
    });
  });
}

/** One process per part, all at once: what running on every core could give at best. */
export async function cliParallelThroughput(cli: string, dir: string, count: number, runs = 3): Promise<Throughput> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await Promise.all(Array.from({ length: PARTS }, (_, p) => checkAsync(cli, join(dir, `part-${p}`))));
    times.push((performance.now() - t) / 1000);
  }
  const seconds = median(times);
  return { perSecond: count / seconds, seconds, runs };
}
