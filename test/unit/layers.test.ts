/**
 * The layers of server/src (README, Layout): core knows nothing of files, processes, LSP or the
 * CLI; node/ knows nothing of LSP or the CLI; lsp/ and cli/ stay apart; shared/ (the protocol
 * both the client and the server import) is plain data.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { ROOT as root } from '../helpers/repo';

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|require\(['"]([^'"]+)['"]\)|import\(['"]([^'"]+)['"]\)/g;

/** Every module a source file imports: a repository path for relative imports, else the package name. */
function imports(file: string, text = fs.readFileSync(path.join(root, file), 'utf8')): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2] ?? m[3];
    out.push(spec.startsWith('.') ? path.normalize(path.join(path.dirname(file), spec)) : spec);
  }
  return out;
}

const BUILTINS = new Set(require('node:module').builtinModules as string[]);
const isBuiltin = (spec: string) => spec.startsWith('node:') || BUILTINS.has(spec.split('/')[0]);

function violations(dir: string, bad: (spec: string) => boolean): string[] {
  return sources(dir).flatMap((f) => imports(f).filter(bad).map((spec) => `${f} imports ${spec}`));
}

const inside = (spec: string, dir: string) => spec === dir || spec.startsWith(dir + path.sep);

describe('layers', () => {
  test('the folders exist', () => {
    for (const d of ['server/src/core', 'server/src/core/formats', 'server/src/core/rules', 'server/src/node', 'server/src/lsp', 'server/src/cli', 'shared']) {
      assert.ok(fs.statSync(path.join(root, d)).isDirectory(), d);
    }
    assert.deepEqual(
      fs.readdirSync(path.join(root, 'server/src')).sort(),
      ['cli', 'core', 'lsp', 'node'],
      'server/src holds the four layers and nothing beside them',
    );
  });

  test('core imports nothing from node/, lsp/, cli/, a node: built-in or a package', () => {
    const bad = violations('server/src/core', (s) => isBuiltin(s) || !s.startsWith('server') || ['server/src/node', 'server/src/lsp', 'server/src/cli'].some((d) => inside(s, d)));
    // the l10n bundle (JSON data) is the one file outside server/src that core reads
    assert.deepEqual(bad.filter((v) => !v.endsWith('l10n/bundle.l10n.zh-cn.json')), []);
  });

  test('node/ imports nothing from lsp/ or cli/', () => {
    assert.deepEqual(violations('server/src/node', (s) => inside(s, 'server/src/lsp') || inside(s, 'server/src/cli')), []);
  });

  test('lsp/ and cli/ do not import each other', () => {
    assert.deepEqual(violations('server/src/lsp', (s) => inside(s, 'server/src/cli')), []);
    assert.deepEqual(violations('server/src/cli', (s) => inside(s, 'server/src/lsp')), []);
  });

  test('shared/ imports nothing; the client reaches the server only through shared/ and the core', () => {
    assert.deepEqual(violations('shared', () => true), []);
    assert.deepEqual(violations('client/src', (s) => s.startsWith('server') && !inside(s, 'server/src/core')), []);
  });

  test('the check sees what it forbids (imports written the ways the sources write them)', () => {
    const text = "import * as fs from 'node:fs';\nimport { x } from '../node/files';\nimport type { Y } from \"../lsp/convert\";\nexport { z } from './text';\nconst p = require('path');\n";
    assert.deepEqual(imports('server/src/core/probe.ts', text), ['node:fs', 'server/src/node/files', 'server/src/lsp/convert', 'server/src/core/text', 'path']);
    assert.ok(isBuiltin('node:fs') && isBuiltin('path') && isBuiltin('fs/promises') && !isBuiltin('diff'));
  });
});
