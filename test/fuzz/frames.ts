/**
 * The frame run of `npm run fuzz` (FUZZ_FRAMES cases, default 200; 0 skips it): the language server
 * over raw stdio, fed an initialize and then a stream that fast-check draws from well-formed frames
 * and broken ones (a Content-Length wrong, missing, negative, huge or not a number; a header without
 * a colon; LF-only or bare-CR separators; random bytes; a frame cut short; garbage JSON), cut into
 * random chunks, and last a well-formed `shutdown` request. What must hold, for every case:
 * the server answers the shutdown, or exits with code 1 after logging the bad frame; with its input
 * closed it exits; it never stays alive and silent, and never dies of an uncaught error.
 */
import fc from 'fast-check';
import { INITIALIZE, RawServer, frame } from '../lsp/raw';

type Piece =
  | { kind: 'good'; method: string }
  | { kind: 'length'; delta: number }
  | { kind: 'length-text'; text: string }
  | { kind: 'no-colon' }
  | { kind: 'lf-only' }
  | { kind: 'cr-only' }
  | { kind: 'no-length' }
  | { kind: 'random'; bytes: number[] }
  | { kind: 'cut'; at: number }
  | { kind: 'not-json'; text: string };

const NOTIFY = ['initialized', '$/cancelRequest', 'textDocument/didClose', 'nianbao/none'];
const body = (method: string) => JSON.stringify({ jsonrpc: '2.0', method, params: {} });

const pieceArb: fc.Arbitrary<Piece> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('good' as const), method: fc.constantFrom(...NOTIFY) }) },
  fc.record({ kind: fc.constant('length' as const), delta: fc.oneof(fc.integer({ min: -40, max: 40 }), fc.constantFrom(2 ** 31, 2 ** 40, 10 ** 11)) }),
  fc.record({ kind: fc.constant('length-text' as const), text: fc.oneof(fc.constantFrom('-5', 'abc', '', '1e3', '0x10', ' 12 3', '٣'), fc.string({ maxLength: 6 })) }),
  fc.record({ kind: fc.constant('no-colon' as const) }),
  fc.record({ kind: fc.constant('lf-only' as const) }),
  fc.record({ kind: fc.constant('cr-only' as const) }),
  fc.record({ kind: fc.constant('no-length' as const) }),
  fc.record({ kind: fc.constant('random' as const), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 64 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('not-json' as const), text: fc.string({ minLength: 1, maxLength: 20 }) }),
);

const caseArb = fc.record({ pieces: fc.array(pieceArb, { minLength: 1, maxLength: 5 }), chunk: fc.integer({ min: 1, max: 200 }) });

function bytesOf(p: Piece): Buffer {
  const b = body('nianbao/none');
  switch (p.kind) {
    case 'good':
      return frame(JSON.parse(body(p.method)));
    case 'length':
      return Buffer.from(`Content-Length: ${Math.max(0, b.length + p.delta)}\r\n\r\n${b}`);
    case 'length-text':
      return Buffer.from(`Content-Length: ${p.text}\r\n\r\n${b}`);
    case 'no-colon':
      return Buffer.from(`Content-Length ${b.length}\r\n\r\n${b}`);
    case 'lf-only':
      return Buffer.from(`Content-Length: ${b.length}\n\n${b}`);
    case 'cr-only':
      return Buffer.from(`Content-Length: ${b.length}\r\r${b}`);
    case 'no-length':
      return Buffer.from(`Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${b}`);
    case 'random':
      return Buffer.from(p.bytes);
    case 'cut': {
      const f = frame(JSON.parse(b));
      return f.subarray(0, p.at % f.length);
    }
    case 'not-json':
      return Buffer.from(`Content-Length: ${Buffer.byteLength(p.text)}\r\n\r\n${p.text}`);
  }
}

type Outcome = 'answered' | 'exited on a bad frame' | 'exited when its input closed';

/** One case; answers the outcome, or throws with what went wrong. */
async function runCase(pieces: Piece[], chunk: number): Promise<Outcome> {
  const s = new RawServer();
  try {
    s.send(frame(INITIALIZE));
    if (!(await s.response(1, 10_000))) throw new Error(`initialize not answered: ${s.stderr}`);
    const stream = Buffer.concat([...pieces.map(bytesOf), frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' })]);
    for (let i = 0; i < stream.length; i += chunk) s.send(stream.subarray(i, i + chunk));
    const answer = await s.response(2, 1500);
    const uncaught = () => /uncaught|unhandled|TypeError|RangeError/.test(s.stderr);
    if (answer) {
      if (uncaught()) throw new Error(`answered, but stderr: ${s.stderr}`);
      return 'answered';
    }
    if (s.proc.exitCode !== null) {
      if (s.proc.exitCode !== 1 || !/bad message frame/.test(s.stderr) || uncaught()) throw new Error(`exit ${s.proc.exitCode}, stderr: ${s.stderr}`);
      return 'exited on a bad frame';
    }
    // waiting for the rest of a frame that promised more: with its input closed it must exit
    s.proc.stdin.end();
    const code = await s.exitWithin(5000);
    if (code === 'alive') throw new Error(`alive and silent after its input closed; stderr: ${s.stderr}`);
    if (uncaught()) throw new Error(`stderr: ${s.stderr}`);
    return 'exited when its input closed';
  } finally {
    if (s.proc.exitCode === null && s.proc.signalCode === null) {
      s.proc.kill('SIGKILL');
      await s.exited;
    }
  }
}

export async function frameRun(cases: number, seed: number, log: (s: string) => void): Promise<number> {
  const started = performance.now();
  const all = fc.sample(caseArb, { seed, numRuns: cases });
  const counts: Record<string, number> = {};
  const failures: { case: number; message: string; pieces: Piece[]; chunk: number }[] = [];
  let next = 0;
  // two servers at a time (the machine has 2 cores)
  await Promise.all(
    [0, 1].map(async () => {
      for (let k = next++; k < all.length; k = next++) {
        try {
          const outcome = await runCase(all[k].pieces, all[k].chunk);
          counts[outcome] = (counts[outcome] ?? 0) + 1;
        } catch (e) {
          failures.push({ case: k, message: (e as Error).message.split('\n')[0], pieces: all[k].pieces, chunk: all[k].chunk });
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  log(`\nframes: ${cases} streams to the server over raw stdio in ${seconds.toFixed(1)} s (seed ${seed})`);
  for (const [outcome, n] of Object.entries(counts).sort()) log(`  ${String(n).padStart(6)}  ${outcome}`);
  log(`  ${String(failures.length).padStart(6)}  failed`);
  for (const f of failures.slice(0, 10)) log(`  case ${f.case}: ${f.message}\n    ${JSON.stringify(f.pieces)} in chunks of ${f.chunk}`);
  return failures.length;
}
