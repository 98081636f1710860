// The analysis core of a commit and of the working tree, each bundled on its own (for bench/ab.mjs and
// bench/readings.mjs): `git archive REV server l10n` into a temporary folder, esbuild over check.ts.
import { build } from 'esbuild';
import { execSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bundle = async (root, out) => {
  await build({ entryPoints: [join(root, 'server/src/core/check.ts')], outfile: out, bundle: true, platform: 'node', format: 'cjs', logLevel: 'error' });
  return createRequire(import.meta.url)(out);
};

/** `before`: the core at `rev`; `after`: the working tree's; `dir`: the temporary folder both are in. */
export async function cores(rev) {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-cores-'));
  execSync(`git archive ${rev} server l10n | tar -x -C ${dir}`);
  return { before: await bundle(dir, join(dir, 'before.cjs')), after: await bundle(process.cwd(), join(dir, 'after.cjs')), dir };
}

/** Options that check the whole text (the size limit came later; the bench's texts are under it anyway). */
export const WHOLE = { config: { rules: {}, deadline: 'auto', language: 'zh-cn', ignore: [], sizeLimit: Number.MAX_SAFE_INTEGER } };
