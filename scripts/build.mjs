// Builds the bundles with esbuild: the CLI (and, when present, the language server and the VS Code
// client) into dist/, and every test file into test/out/ (node --test runs those).
import { build } from 'esbuild';
import { NODE_BUNDLE } from './esbuild-node.mjs';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const common = {
  ...NODE_BUNDLE,
  define: { __VERSION__: JSON.stringify(pkg.version) },
  // jsdiff's package.json points `module` at ESM; take its CommonJS build
  mainFields: ['main', 'module'],
};

const entries = [
  { in: 'server/src/cli/main.ts', out: 'dist/cli.js', banner: '#!/usr/bin/env node' },
  { in: 'server/src/lsp/server.ts', out: 'dist/server.js', banner: '#!/usr/bin/env node' },
  { in: 'client/src/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
];
for (const e of entries.filter((e) => existsSync(e.in))) {
  await build({ ...common, define: { ...common.define, __BUNDLED_LIBS__: 'true' }, entryPoints: [e.in], outfile: e.out, banner: e.banner ? { js: e.banner } : undefined, external: e.external });
}

// The published-file readers' libraries, each a file of its own in dist/lib/, loaded only when such a file is read
// (server/src/node/readers/lazy.ts). pdf.js is ES modules only: its legacy build and its worker in one .mjs.
const libs = [
  { file: 'jszip.js', contents: "module.exports = require('jszip');" },
  { file: 'exceljs.js', contents: "module.exports = require('exceljs');" },
  { file: 'word-extractor.js', contents: "module.exports = require('word-extractor');" },
  {
    file: 'pdfjs.mjs',
    format: 'esm',
    contents: "import * as worker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';\nglobalThis.pdfjsWorker = worker;\nexport * from 'pdfjs-dist/legacy/build/pdf.mjs';",
  },
];
for (const l of libs) {
  await build({
    ...NODE_BUNDLE,
    format: l.format ?? 'cjs',
    sourcemap: false,
    minify: true,
    legalComments: 'linked',
    stdin: { contents: l.contents, resolveDir: '.', loader: 'js' },
    outfile: `dist/lib/${l.file}`,
    external: ['@napi-rs/canvas', 'canvas'],
  });
}

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return ['out', 'out-tsc', 'fixtures', 'e2e'].includes(d.name) ? [] : testFiles(p);
    return d.name.endsWith('.test.ts') ? [p] : [];
  });
}
rmSync('test/out', { recursive: true, force: true });
const tests = testFiles('test');
if (tests.length) await build({ ...common, entryPoints: tests, outdir: 'test/out', outbase: 'test', external: ['vscode'] });
