/**
 * The readers' libraries, loaded at their first use only: a text draft never loads them, so the
 * server's start time and memory stay as they were (bench/RESULTS.md). The built CLI and server
 * take them from dist/lib/ (bundled by scripts/build.mjs: the .vsix has no node_modules); tests
 * and other unbundled runs take them from node_modules.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type JSZip from 'jszip';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type ExcelJs = typeof import('exceljs');

/** word-extractor has no type declarations: the part of its API the .doc reader uses. */
export interface WordExtractorClass {
  new (): { extract(source: Buffer): Promise<{ getBody(options?: { filterUnicode?: boolean }): string }> };
}

interface Libs {
  jszip: typeof JSZip;
  exceljs: ExcelJs;
  pdfjs: PdfJs;
  'word-extractor': WordExtractorClass;
}

/** Defined by scripts/build.mjs in the dist bundles: the libraries are in dist/lib/. */
declare const __BUNDLED_LIBS__: boolean | undefined;
const bundled = typeof __BUNDLED_LIBS__ === 'boolean' && __BUNDLED_LIBS__;

/** The packages (unbundled) and dist/lib files (bundled) of each library. */
export const LIBS: Record<keyof Libs, { pkg: string; file: string }> = {
  jszip: { pkg: 'jszip', file: 'jszip.js' },
  exceljs: { pkg: 'exceljs', file: 'exceljs.js' },
  'word-extractor': { pkg: 'word-extractor', file: 'word-extractor.js' },
  // pdf.js 4 is ES modules only: its legacy build (for Node) with the worker run in this thread
  pdfjs: { pkg: 'pdfjs-dist/legacy/build/pdf.mjs', file: 'pdfjs.mjs' },
};

/** node's module API with a require that finds no `@napi-rs/canvas`. */
function noCanvas(mod: typeof import('node:module')) {
  return {
    ...mod,
    createRequire: (from: string | URL) => {
      const req = mod.createRequire(from);
      return Object.assign((id: string) => {
        if (id === '@napi-rs/canvas') throw new Error('not needed to read text');
        return req(id);
      }, req);
    },
  };
}

const cache = new Map<string, Promise<unknown>>();

async function load(name: keyof Libs): Promise<unknown> {
  const { pkg, file } = LIBS[name];
  if (name === 'pdfjs') {
    // pdf.js asks node for an optional canvas package (a native module) when it loads; it needs none to read
    // text, so it is told there is none, and what it says about that does not go to our stdout
    const log = console.log;
    const proc = process as unknown as { getBuiltinModule?: (id: string) => unknown };
    const builtin = proc.getBuiltinModule;
    console.log = () => undefined;
    if (builtin) proc.getBuiltinModule = (id: string) => (id === 'module' || id === 'node:module' ? noCanvas(builtin('module') as typeof import('node:module')) : builtin(id));
    try {
      if (bundled) return await import(pathToFileURL(path.join(__dirname, 'lib', file)).href);
      // the worker's code runs in this thread (pdf.js's "fake worker"): no Worker, no file fetched
      const g = globalThis as { pdfjsWorker?: unknown };
      g.pdfjsWorker ??= await import(pkg.replace('pdf.mjs', 'pdf.worker.mjs'));
      return await import(pkg);
    } finally {
      console.log = log;
      if (builtin) proc.getBuiltinModule = builtin;
    }
  }
  const m = require(bundled ? path.join(__dirname, 'lib', file) : pkg);
  return m.default ?? m;
}

export function lib<K extends keyof Libs>(name: K): Promise<Libs[K]> {
  let p = cache.get(name);
  if (!p) {
    p = load(name);
    cache.set(name, p);
  }
  return p as Promise<Libs[K]>;
}
