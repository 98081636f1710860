// What a change to the reader changes: `node bench/readings.mjs [REV]` (default HEAD) reads every text draft it
// can find with the core of REV and with the working tree's, and names each file whose reading differs — the
// report (title, years, sections, format, every table row with its cells, offsets and certainty) or the findings
// (codes, places, messages, fixes). Texts: test/fixtures, samples/, ../shared/seeds and ../shared/corpus/pasted
// (where they exist), and the bench's texts (`npm run bench` writes them). Exit code 1 when any file differs.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { cores, WHOLE } from './cores.mjs';

const rev = process.argv[2] ?? 'HEAD';
const roots = ['test/fixtures', 'samples', '../shared/seeds', '../shared/corpus/pasted', join(tmpdir(), 'nianbao-bench-texts')];

function* drafts(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* drafts(p);
    else if (/\.(txt|md)$/i.test(name)) yield p;
  }
}

// the reading as plain data: Maps as objects, the text and its line index left out, a format definition by its id
const REFERENCES = new Set(['table', 'def', 'format']);
function plain(analysis) {
  const { text, index, ...report } = analysis.report;
  return JSON.stringify({ report, findings: analysis.findings, partial: analysis.partial }, (key, value) => {
    if (value instanceof Map) return Object.fromEntries(value);
    if (REFERENCES.has(key) && value && typeof value === 'object' && 'id' in value) return value.id;
    if (key === 'columns' && Array.isArray(value)) return value.map((c) => c.id);
    return value;
  });
}

/** The first place two JSON texts differ, with some context either side. */
function where(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const at = (s) => s.slice(Math.max(0, i - 80), i + 80);
  return `before …${at(a)}…\n    after  …${at(b)}…`;
}

const { before, after } = await cores(rev);
let files = 0;
const differ = [];
for (const root of roots.filter((r) => existsSync(r))) {
  for (const file of drafts(root)) {
    const text = readFileSync(file, 'utf8');
    files++;
    const a = plain(before.analyze(text, WHOLE));
    const b = plain(after.analyze(text, WHOLE));
    if (a !== b) differ.push({ file: relative(process.cwd(), file), how: where(a, b) });
  }
}
for (const d of differ) console.log(`${d.file}\n    ${d.how}`);
console.log(`${files} texts read by ${rev} and by the working tree: ${differ.length} differ`);
process.exit(differ.length ? 1 : 0);
