// Bundles test/e2e/runner-ext (with mocha and test/vscode/suite/extension.spec.ts inside) and packages it
// with @vscode/vsce: node test/e2e/build-runner.mjs <stage-dir> <out.vsix>
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const [stage, vsix] = process.argv.slice(2).map((p) => resolve(p));
if (!stage || !vsix) {
  console.error('usage: node test/e2e/build-runner.mjs <stage-dir> <out.vsix>');
  process.exit(2);
}
rmSync(stage, { recursive: true, force: true });
mkdirSync(join(stage, 'dist'), { recursive: true });
for (const f of ['package.json', 'README.md']) copyFileSync(join(here, 'runner-ext', f), join(stage, f));
copyFileSync(join(root, 'LICENSE'), join(stage, 'LICENSE'));
await build({
  entryPoints: [join(here, 'runner-ext/src/extension.ts')],
  outfile: join(stage, 'dist/extension.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'error', // mocha's parallel mode (unused) warns about require.resolve
  external: ['vscode'],
});
const vsce = join(root, 'node_modules/@vscode/vsce/vsce');
const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '-o', vsix], {
  cwd: stage,
  stdio: ['ignore', 'pipe', 'pipe'],
  encoding: 'utf8',
});
if (r.status !== 0) {
  console.error(r.stdout, r.stderr);
  process.exit(r.status ?? 1);
}
console.log(`runner extension: ${vsix}`);
