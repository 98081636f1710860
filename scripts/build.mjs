// Builds the bundles with esbuild: the CLI (and, when present, the language server and the VS Code
// client) into dist/, and every test file into test/out/ (node --test runs those).
import { build } from 'esbuild';
import { ENTRIES, EXTERNALS, buildLibs, entryOptions, shippedOptions } from './esbuild-node.mjs';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const common = shippedOptions(pkg.version);
const shipped = entryOptions(pkg.version);

for (const e of ENTRIES.filter((e) => existsSync(e.in))) {
  await build({ ...shipped, entryPoints: [e.in], outfile: e.out, banner: e.banner, external: e.external });
}
await buildLibs(build, 'dist');

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return ['out', 'out-tsc', 'fixtures', 'e2e'].includes(d.name) ? [] : testFiles(p);
    return d.name.endsWith('.test.ts') ? [p] : [];
  });
}
rmSync('test/out', { recursive: true, force: true });
const tests = testFiles('test');
if (tests.length) await build({ ...common, entryPoints: tests, outdir: 'test/out', outbase: 'test', external: [...EXTERNALS.node, ...EXTERNALS.vscode] });
