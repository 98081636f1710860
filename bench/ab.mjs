// Before/after of the analysis core: `node bench/ab.mjs [REV]` (default 4dde58b, the core before the
// benchmark work) against the working tree, in one process, alternating, on the texts of the last
// `npm run bench` (seeds, 100 KB, 1 MB). Prints wall-time medians and checks the findings are equal.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cores, WHOLE as whole } from './cores.mjs';

const rev = process.argv[2] ?? '4dde58b';
const texts = join(tmpdir(), 'nianbao-bench-texts');
if (!existsSync(texts)) throw new Error('run `npm run bench` first: it writes the texts');

const { before: { analyze: before }, after: { analyze: after }, dir } = await cores(rev);

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const time = (fn, text, reps) => {
  const t = performance.now();
  for (let i = 0; i < reps; i++) fn(text, whole);
  return (performance.now() - t) / reps;
};
const rows = ['| text | before (ms) | after (ms) | × |', '|---|---|---|---|'];
for (const file of readdirSync(texts).filter((f) => !f.includes('10-MB')).sort()) {
  const text = readFileSync(join(texts, file), 'utf8');
  const reps = Math.max(1, Math.round(200_000 / Buffer.byteLength(text)));
  for (let i = 0; i < 20; i++) before(text, whole), after(text, whole);
  const a = [];
  const b = [];
  for (let r = 0; r < 9; r++) a.push(time(before, text, reps)), b.push(time(after, text, reps));
  const same = JSON.stringify(before(text, whole).findings) === JSON.stringify(after(text, whole).findings);
  rows.push(`| ${file.replace('.txt', '')} | ${median(a).toFixed(3)} | ${median(b).toFixed(3)} | ${(median(a) / median(b)).toFixed(2)}${same ? '' : ' (findings differ!)'} |`);
}
writeFileSync(join(dir, 'ab.md'), rows.join('\n') + '\n');
console.log(rows.join('\n'));
