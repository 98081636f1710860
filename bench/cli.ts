/** CLI throughput: whole `node dist/cli.js check <dir> --format json` processes on generated drafts. */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rng, variant, type Base } from './generate';
import { median } from './measure';

/** Bump when the drafts change, so an old folder is not reused. */
const GENERATION = 1;

/** `count` varied seeds in a temporary folder (made once, kept for the next run). */
export function draftsDir(seeds: Base[], count: number, log: (s: string) => void): string {
  const dir = join(tmpdir(), `nianbao-bench-drafts-${GENERATION}-${count}`);
  const done = join(dir, 'DONE');
  if (existsSync(done) && readFileSync(done, 'utf8') === String(count)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log(`  writing ${count} drafts to ${dir} …`);
  const random = rng(42);
  for (let i = 0; i < count; i++) {
    const base = seeds[i % seeds.length];
    writeFileSync(join(dir, `draft-${String(i).padStart(5, '0')}-${base.name}`), variant(base.text, random));
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

/** Times whole CLI runs over the folder (one untimed run first, to warm the file cache). */
export function cliThroughput(cli: string, dir: string, count: number, extraArgs: string[] = [], runs = 3): Throughput {
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const out = openSync('/dev/null', 'w');
    const t = performance.now();
    const r = spawnSync(process.execPath, [cli, 'check', dir, '--format', 'json', ...extraArgs], { stdio: ['ignore', out, 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    const seconds = (performance.now() - t) / 1000;
    closeSync(out);
    if (r.status !== 0 && r.status !== 1) throw new Error(`nianbao check exited ${r.status}: ${r.stderr?.toString().slice(0, 500)}`);
    if (i > 0) times.push(seconds);
  }
  const seconds = median(times);
  return { perSecond: count / seconds, seconds, runs };
}
