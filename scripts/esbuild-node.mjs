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

/** The options of an entry of ENTRIES: shipped, with the readers' libraries in lib/ beside it (server/src/node/readers/lazy.ts). */
export function entryOptions(version) {
  const o = shippedOptions(version);
  return { ...o, define: { ...o.define, __BUNDLED_LIBS__: 'true' } };
}

/** The shipped bundles: the CLI and the language server (npm package), the server and the client (.vsix). */
export const ENTRIES = [
  { name: 'cli', in: 'server/src/cli/main.ts', out: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, external: EXTERNALS.node },
  { name: 'server', in: 'server/src/lsp/server.ts', out: 'dist/server.js', banner: { js: '#!/usr/bin/env node' }, external: EXTERNALS.node },
  { name: 'extension', in: 'client/src/extension.ts', out: 'dist/extension.js', external: [...EXTERNALS.node, ...EXTERNALS.vscode] },
];

/**
 * The published-file readers' libraries, each a file of its own in lib/ beside the bundles, loaded only
 * when such a file is read (server/src/node/readers/lazy.ts). pdf.js is ES modules only: its legacy build
 * and its worker in one .mjs. What they leave out is EXTERNALS.optional (pdf.js asks for a canvas only to render).
 */
export const LIBS = [
  { file: 'jszip.js', contents: "module.exports = require('jszip');" },
  { file: 'exceljs.js', contents: "module.exports = require('exceljs');" },
  { file: 'word-extractor.js', contents: "module.exports = require('word-extractor');" },
  {
    file: 'pdfjs.mjs',
    format: 'esm',
    contents: "import * as worker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';\nglobalThis.pdfjsWorker = worker;\nexport * from 'pdfjs-dist/legacy/build/pdf.mjs';",
  },
];

/** Builds LIBS into `<dir>/lib/` with esbuild's `build`, minified, without source maps. */
export async function buildLibs(build, dir) {
  for (const l of LIBS) {
    await build({
      ...NODE_BUNDLE,
      format: l.format ?? 'cjs',
      sourcemap: false,
      minify: true,
      legalComments: 'linked',
      stdin: { contents: l.contents, resolveDir: '.', loader: 'js' },
      outfile: `${dir}/lib/${l.file}`,
      external: EXTERNALS.optional,
    });
  }
}
