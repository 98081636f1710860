// `npm run package [-- vsce options, e.g. -o out.vsix]`: the .vsix, made in a staging folder
// (.vsix-stage/) so that it holds what VS Code needs and nothing else: the client and the language
// server minified, without source maps, and not the CLI (the npm package has that); the readers'
// libraries (dist/lib/, loaded when a published file is read); the grammar,
// translations, schemas and the rule pages. package.json's `files` stays the npm package's list.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { ENTRIES, buildLibs, entryOptions } from './esbuild-node.mjs';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const stage = join(root, '.vsix-stage');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/** What the extension runs and shows; the bundles come from ENTRIES. */
const BUNDLES = ['extension', 'server'];
const FILES = ['syntaxes', 'l10n', 'language-configuration.json', 'package.nls.json', 'package.nls.zh-cn.json', 'LICENSE', 'nianbaorc.schema.json', 'nianbao-report.schema.json', 'docs/vscode.md', 'docs/rules', 'docs/screenshots'];
/** The extension's page in VS Code: the user guide (the repository's README is the developers'). */
const GUIDE = 'docs/guide.md';

/**
 * The guide as the .vsix's README.md (what `vsce package --readme-path docs/guide.md` would take, but with its
 * relative links and images still pointing at the files: they are relative to docs/, the README is at the root).
 */
function guideAsReadme(guide) {
  return guide.replace(/(\]\()(?![a-z]+:|#|\/)([^)\s]+)/gi, (_, open, href) => `${open}${posix.normalize(posix.join('docs', href))}`);
}

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
for (const e of ENTRIES.filter((x) => BUNDLES.includes(x.name))) {
  await build({ ...entryOptions(pkg.version), sourcemap: false, minify: true, entryPoints: [join(root, e.in)], outfile: join(stage, e.out), banner: e.banner, external: e.external });
}
// the published-file readers' libraries, which the server loads when such a file is read
await buildLibs(build, join(stage, 'dist'));
for (const f of FILES) cpSync(join(root, f), join(stage, f), { recursive: true });
writeFileSync(join(stage, 'README.md'), guideAsReadme(readFileSync(join(root, GUIDE), 'utf8')));
const manifest = { ...pkg, files: [...ENTRIES.filter((x) => BUNDLES.includes(x.name)).map((x) => x.out), 'dist/lib', ...FILES, 'README.md'] };
delete manifest.bin; // the CLI is the npm package's
writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');

const args = process.argv.slice(2);
if (!args.includes('-o') && !args.includes('--out')) args.push('-o', join(root, `${pkg.name}-${pkg.version}.vsix`));
const vsce = join(root, 'node_modules/@vscode/vsce/vsce');
const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', ...args.map((a) => (a.endsWith('.vsix') ? resolve(a) : a))], {
  cwd: stage,
  stdio: 'inherit',
});
rmSync(stage, { recursive: true, force: true });
process.exit(r.status ?? 1);
