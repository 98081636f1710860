/** Paths and small utilities the tests share. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, type Analysis } from '../../server/src/core/check';
import type { Finding } from '../../server/src/core/finding';

/** The repository root (tests run from test/out/..., so walk up to package.json). */
export const ROOT = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = path.dirname(dir);
  }
  return dir;
})();

export const at = (...p: string[]) => path.join(ROOT, ...p);

export function read(rel: string): string {
  return fs.readFileSync(at(rel), 'utf8');
}

export function list(dir: string, re = /\.(txt|md)$/): string[] {
  return fs
    .readdirSync(at(dir))
    .filter((f) => re.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

export const SEEDS = () => list('samples/seeds');
export const SAMPLES = () => list('samples');

export function check(text: string): Analysis {
  return analyze(text);
}

/** 1-based line of a finding, as an editor shows it. */
export function lineOf(a: Analysis, f: Finding): number {
  return a.report.index.position(f.start).line + 1;
}

export const errors = (a: Analysis) => a.findings.filter((f) => f.severity === 'error');
export const codes = (a: Analysis) => a.findings.map((f) => f.code);
