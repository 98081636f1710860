// `npm run bench`: bundles bench/bench.ts (with the core from source) into bench/out/ and runs it.
// The language server and the CLI are measured as built by `npm run build` (dist/).
import { build } from 'esbuild';
import { NODE_BUNDLE } from '../scripts/esbuild-node.mjs';
import { spawnSync } from 'node:child_process';

await build({
  entryPoints: ['bench/bench.ts'],
  outfile: 'bench/out/bench.js',
  ...NODE_BUNDLE,
  // markdownlint (ESM) and the LSP libraries are loaded from node_modules as they are
  packages: 'external',
});
const r = spawnSync(process.execPath, ['bench/out/bench.js', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
