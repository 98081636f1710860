/**
 * The .vsix that `npm run package` builds (vsce 3, --no-dependencies: everything is bundled):
 * it holds the bundles, the grammar, the translations, and a manifest VS Code can load.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { test } from 'node:test';
import { RULES } from '../../server/src/core/rules';
import { at } from '../helpers/repo';

interface Entry {
  name: string;
  data: () => Buffer;
}

/** The entries of a zip file, from its central directory. */
function unzip(buf: Buffer): Entry[] {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50);
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    entries.push({
      name,
      data: () => {
        const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
        const raw = buf.subarray(start, start + size);
        return method === 8 ? inflateRawSync(raw) : raw;
      },
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

test('vsce packages the extension with its minified bundles (no maps, no CLI), grammar, translations, rule pages and the user guide as its page', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-vsix-'));
  try {
    const out = path.join(dir, 'nianbao.vsix');
    // what `npm run package` runs after the build
    const script = JSON.parse(fs.readFileSync(at('package.json'), 'utf8')).scripts.package as string;
    assert.equal(script, 'npm run build && node scripts/package-vsix.mjs');
    execFileSync(process.execPath, [at('scripts/package-vsix.mjs'), '-o', out], { cwd: at('.'), stdio: ['ignore', 'pipe', 'pipe'] });
    const entries = unzip(fs.readFileSync(out));
    const names = entries.map((e) => e.name);
    for (const f of [
      'extension.vsixmanifest',
      'extension/package.json',
      'extension/dist/extension.js',
      'extension/dist/server.js',
      'extension/dist/lib/jszip.js',
      'extension/dist/lib/exceljs.js',
      'extension/dist/lib/word-extractor.js',
      'extension/dist/lib/pdfjs.mjs',
      'extension/syntaxes/nianbao.tmLanguage.json',
      'extension/language-configuration.json',
      'extension/l10n/bundle.l10n.zh-cn.json',
      'extension/package.nls.json',
      'extension/package.nls.zh-cn.json',
      'extension/nianbaorc.schema.json',
      'extension/docs/vscode.md',
      ...RULES.map((r) => `extension/docs/rules/${r.code}.md`),
    ]) {
      assert.ok(names.includes(f), `${f} in the .vsix`);
    }
    assert.ok(!names.some((n) => n.startsWith('extension/node_modules/')), 'no node_modules: everything is bundled');
    assert.ok(!names.some((n) => /\.ts$/.test(n)), 'no sources');
    assert.ok(!names.some((n) => n.endsWith('.map')), 'no source maps');
    assert.ok(!names.includes('extension/dist/cli.js'), 'no CLI bundle (the npm package has it)');
    for (const bundle of ['extension/dist/extension.js', 'extension/dist/server.js']) {
      const js = entries.find((e) => e.name === bundle)!.data().toString('utf8');
      const lines = js.split('\n').length;
      assert.ok(js.length / lines > 1000, `${bundle} is minified (${lines} lines for ${js.length} characters)`);
    }
    const manifest = JSON.parse(entries.find((e) => e.name === 'extension/package.json')!.data().toString('utf8'));
    assert.equal(manifest.main, './dist/extension.js');
    const extension = entries.find((e) => e.name === 'extension/dist/extension.js')!.data().toString('utf8');
    assert.match(extension, /require\("vscode"\)/, 'vscode stays external');
    assert.match(extension, /dist\/server\.js/, 'the client starts the bundled server');
    // the extension's page is the user guide (docs/guide.md), its links and pictures pointing at files in the .vsix
    const readme = entries.find((e) => e.name.toLowerCase() === 'extension/readme.md')!.data().toString('utf8');
    const guide = fs.readFileSync(at('docs/guide.md'), 'utf8');
    const links = (md: string) => [...md.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((h) => !/^[a-z]+:|^#/i.test(h));
    assert.equal(readme.replace(/\]\(docs\//g, ']('), guide, 'the guide, with its relative links made relative to the root');
    assert.ok(links(readme).filter((h) => h.endsWith('.png')).length >= 6, 'the guide has its screenshots');
    for (const href of links(readme)) assert.ok(names.includes(`extension/${href}`), `${href} (linked from the guide) in the .vsix`);
    assert.match(readme, /^# 年报检查 \(nianbao\) 使用指南/);
    assert.doesNotMatch(readme, /npm ci|fuzz/, 'not the developers’ README');
    const vsixManifest = entries.find((e) => e.name === 'extension.vsixmanifest')!.data().toString('utf8');
    assert.match(vsixManifest, /Microsoft\.VisualStudio\.Code\.Engine" Value="\^1\.91\.0"/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
