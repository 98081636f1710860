/**
 * The size run of `npm run fuzz` (FUZZ_SIZE_MB, default 50; 0 skips it): a generated draft of that
 * size through the CLI (check and --fix) and through the language server over raw LSP. Prints the
 * time and the peak memory of each; checks what must hold (one partly-checked finding, the fix
 * written into the checked part only, the rest of the file byte for byte).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixText } from '../../server/src/core/check';
import { rss } from '../../bench/lsp';
import { TestClient, uriOf } from '../lsp/client';
import { SAMPLES, SEEDS, at, read } from '../helpers/repo';

const SEED003 = 'samples/seeds/003_efc93f8cbbb15791.txt';

/** Seed 003 (one wrong total) first, then the other drafts over and over until `bytes`. */
function bigDraft(bytes: number): string {
  const others = [...SEEDS(), ...SAMPLES()].filter((f) => f !== SEED003).map(read);
  const parts = [read(SEED003)];
  let size = Buffer.byteLength(parts[0]);
  for (let i = 0; size < bytes; i++) {
    const t = others[i % others.length] + '\n';
    parts.push(t);
    size += Buffer.byteLength(t);
  }
  return parts.join('');
}

/** Runs the CLI, sampling its peak memory (VmHWM) until it exits. */
function cli(args: string[]): Promise<{ code: number | null; out: string; ms: number; peakMB: number }> {
  return new Promise((resolve) => {
    const t = performance.now();
    const child = spawn(process.execPath, [at('dist/cli.js'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let peakMB = 0;
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setInterval(() => {
      try {
        const { peak } = rss(child.pid!);
        if (Number.isFinite(peak)) peakMB = Math.max(peakMB, peak);
      } catch {
        // exited between two samples
      }
    }, 10);
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ code, out, ms: performance.now() - t, peakMB });
    });
  });
}

export async function sizeRun(mb: number, log: (s: string) => void): Promise<number> {
  let failures = 0;
  const expect = (ok: boolean, what: string) => {
    if (!ok) {
      failures++;
      log(`  FAIL ${what}`);
    }
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-size-'));
  const file = path.join(dir, 'big.txt');
  const text = bigDraft(mb * 2 ** 20);
  fs.writeFileSync(file, text);
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  log(`\nsize: a ${mb} MB draft (${text.length} characters), seed 003 first`);

  const checked = await cli(['check', '--format', 'json', file]);
  const diags: { code: string; severity: string }[] = JSON.parse(checked.out)[0]?.diagnostics ?? [];
  log(`  CLI check: ${seconds(checked.ms)}, peak ${checked.peakMB.toFixed(0)} MB, exit ${checked.code}, ${diags.length} findings`);
  expect(diags.filter((d) => d.code === 'partly-checked' && d.severity === 'information').length === 1, 'one partly-checked information');
  expect(diags.some((d) => d.code === 'total-mismatch'), 'the wrong total of seed 003 found');

  const fixed = await cli(['check', '--fix', file]);
  log(`  CLI --fix: ${seconds(fixed.ms)}, peak ${fixed.peakMB.toFixed(0)} MB, exit ${fixed.code}`);
  const seed = read(SEED003);
  expect(fs.readFileSync(file, 'utf8') === fixText(seed).text + text.slice(seed.length), 'only the wrong total written, the rest byte for byte');

  const client = await TestClient.start();
  try {
    const uri = uriOf(file);
    let t = performance.now();
    const opened = await client.open(uri, text, 'nianbao');
    log(`  server didOpen → diagnostics: ${seconds(performance.now() - t)}, ${opened.length} findings`);
    expect(opened.filter((d) => d.code === 'partly-checked').length === 1, 'server: one partly-checked');
    t = performance.now();
    const version = await client.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '1' }]);
    await client.diagnostics(uri, version);
    log(`  server didChange → diagnostics: ${seconds(performance.now() - t)}`);
    const plain = 'untitled:big-plain';
    t = performance.now();
    const asPlain = await client.open(plain, text, 'plaintext');
    log(`  server, the same text as plaintext: ${seconds(performance.now() - t)}, ${asPlain.length} findings (not taken for a report)`);
    const memory = rss(client.proc.pid!);
    log(`  server memory with both open: ${memory.rss.toFixed(0)} MB, peak ${memory.peak.toFixed(0)} MB`);
    expect(client.proc.exitCode === null, 'the server is still running');
  } finally {
    await client.stop();
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return failures;
}
