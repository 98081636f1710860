// The esbuild options every Node bundle of the project shares (dist/, tests, bench, the VS Code suite),
// the modules they leave out (scripts/externals.json) and the shipped bundles (dist/ and the .vsix).
import { readFileSync } from 'node:fs';

export const NODE_BUNDLE = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
};

/** `node`: left out of every bundle and required at run time (package.json dependencies); `vscode`: given by VS Code. */
export const EXTERNALS = JSON.parse(readFileSync(new URL('./externals.json', import.meta.url), 'utf8'));

/** The options of the shipped bundles, for a package version. */
export function shippedOptions(version) {
  return {
    ...NODE_BUNDLE,
    define: { __VERSION__: JSON.stringify(version) },
    // jsdiff's package.json points `module` at ESM; take its CommonJS build
    mainFields: ['main', 'module'],
  };
}

/** The shipped bundles: the CLI and the language server (npm package), the server and the client (.vsix). */
export const ENTRIES = [
  { name: 'cli', in: 'server/src/cli/cli.ts', out: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, external: EXTERNALS.node },
  { name: 'server', in: 'server/src/lsp/server.ts', out: 'dist/server.js', banner: { js: '#!/usr/bin/env node' }, external: EXTERNALS.node },
  { name: 'extension', in: 'client/src/extension.ts', out: 'dist/extension.js', external: [...EXTERNALS.node, ...EXTERNALS.vscode] },
];
