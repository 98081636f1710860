// `npm run test:vscode`: bundles the @vscode/test-electron runner and the extension-host suite
// (test/vscode/) into test/out-vscode/ and runs them. VS Code is downloaded by @vscode/test-electron,
// so this needs the network; `npm test` leaves it out. BUILD_ONLY=1 only bundles.
import { build } from 'esbuild';
import { NODE_BUNDLE } from './esbuild-node.mjs';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const out = 'test/out-vscode';
rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: ['test/vscode/runTest.ts', 'test/vscode/suite/index.ts', 'test/vscode/suite/extension.spec.ts'],
  outdir: out,
  outbase: 'test/vscode',
  ...NODE_BUNDLE,
  external: ['vscode', 'mocha', '@vscode/test-electron'],
});
if (!process.env.BUILD_ONLY) {
  const r = spawnSync(process.execPath, [`${out}/runTest.js`], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
