/**
 * What the shipped bundles need at run time (issue 10, item 8): every module dist/ requires is a Node
 * built-in, VS Code's `vscode` (the client only) or one of scripts/externals.json's `node` list, and
 * package.json's dependencies are exactly that list. A lazily loaded reader left out of the bundle is
 * added there (and becomes a dependency); everything else is bundled.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import { test } from 'node:test';
import { at, read } from '../helpers/repo';

const externals: { node: string[]; vscode: string[] } = JSON.parse(read('scripts/externals.json'));
const pkg = JSON.parse(read('package.json'));
/** The three entries, and the readers' libraries beside them (dist/lib/, loaded when a published file is read). */
const BUNDLES = ['dist/cli.js', 'dist/server.js', 'dist/extension.js', ...fs.readdirSync(at('dist/lib')).filter((f) => /\.m?js$/.test(f)).map((f) => `dist/lib/${f}`)];

const isBuiltin = (m: string) => m.startsWith('node:') || builtinModules.includes(m.split('/')[0]);
/** The package a module specifier names (`@scope/name/sub` → `@scope/name`). */
const packageOf = (m: string) => (m.startsWith('@') ? m.split('/').slice(0, 2) : m.split('/').slice(0, 1)).join('/');

function requires(js: string): string[] {
  return [...new Set([...js.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]))];
}

test('the bundles require only built-ins, vscode (the client) and the listed externals; dependencies are exactly those', () => {
  assert.ok(BUNDLES.length >= 7, BUNDLES.join(' '));
  const needed = new Set<string>();
  for (const bundle of BUNDLES) {
    const mods = requires(read(bundle)).filter((m) => !isBuiltin(m));
    const allowed = new Set([...externals.node, ...(bundle === 'dist/extension.js' ? externals.vscode : [])]);
    assert.deepEqual(
      mods.map(packageOf).filter((m) => !allowed.has(m)),
      [],
      `${bundle} requires a module that is neither bundled nor listed in scripts/externals.json`,
    );
    for (const m of mods) if (!externals.vscode.includes(packageOf(m))) needed.add(packageOf(m));
  }
  assert.deepEqual([...needed].sort(), [...externals.node].sort(), 'every listed external is required by a bundle');
  assert.deepEqual(Object.keys(pkg.dependencies ?? {}).sort(), [...externals.node].sort(), 'package.json dependencies are the externals');
  for (const v of externals.vscode) assert.ok(!(v in (pkg.dependencies ?? {})), `${v} is given by VS Code, never a dependency`);
});

test('the check sees requires as esbuild writes them (and built-ins apart)', () => {
  const js = 'var a=require("node:fs"),b=require("path");const c=require( "pdfjs-dist/legacy" );x=require(\'@scope/pkg/sub\');var v=require("vscode")';
  assert.deepEqual(requires(js), ['node:fs', 'path', 'pdfjs-dist/legacy', '@scope/pkg/sub', 'vscode']);
  assert.deepEqual(requires(js).filter((m) => !isBuiltin(m)).map(packageOf), ['pdfjs-dist', '@scope/pkg', 'vscode']);
});
