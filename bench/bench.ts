/**
 * `npm run bench`: every figure of issues 5 and 14 with its target, printed as a table and written to
 * bench/RESULTS.md (between the figures markers; the notes around them are kept).
 *
 *   node bench/out/bench.js [--quick] [--only inprocess,lsp,cli,published,extension] [--no-write]
 *     [--dist DIR] [--markdownlint]
 *
 * --dist: the built server and CLI to measure (default: this tree's dist/; another build's, for a
 * before/after in the same conditions). --markdownlint: markdownlint on the same texts too (minutes).
 *
 * Figures are medians over repeated runs after warm-up. Nothing here is asserted: a missed target
 * is printed as such.
 */
import { execSync, spawnSync } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../test/helpers/repo';
import { TestClient, uriOf } from '../test/lsp/client';
import { PARTS, cliParallelThroughput, cliThroughput, draftsDir } from './cli';
import { bases, largeDraft, seeds } from './generate';
import { SERVER_FLAGS } from '../shared/protocol';
import { engineMain, measureEngine, measureTexts, type EngineName, type EngineTimes, type Text } from './inprocess';
import { setTimeout as sleep } from 'node:timers/promises';
import { IDLE_MS, editBursts, editLatency, rss, type Latency } from './lsp';
import { fmt } from './measure';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args[args.indexOf('--only') + 1];
const only = args.includes('--only') && onlyArg ? new Set(onlyArg.split(',')) : null;
const wanted = (part: string) => !only || only.has(part);
const log = (s: string) => process.stderr.write(s + '\n');

const distArg = args[args.indexOf('--dist') + 1];
const DIST = args.includes('--dist') && distArg ? distArg : join(ROOT, 'dist');

/** Issue 14's targets (README, "性能 / Performance"): printed, never asserted. */
const TARGETS = {
  /** nianbao's time over the floor's on a seed, and per MB on the synthetic drafts. */
  seedRatio: 10,
  mbRatio: 5,
  /** Heap kept by the analysis of the 1 MB draft. */
  keptMB: 2,
  markdownlintRatio: 3,
  editSeedMs: 5,
  edit1MBMs: 20,
  rssMB: 80,
  /** Growth of RSS from after opening to after the edits. */
  rssGrowthMB: 10,
  cliPerSecond: 4000,
};

interface Row {
  figure: string;
  value: string;
  target: string;
  /** true: met, false: missed, null: no target or not measured. */
  met: boolean | null;
}

const rows: Row[] = [];
const add = (figure: string, value: string, target = '—', met: boolean | null = null) => rows.push({ figure, value, target, met });
const na = (figure: string, why: string, target = '—') => add(figure, `n/a (${why})`, target, null);

function machine() {
  const model = /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown';
  return {
    cpu: model,
    cores: cpus().length,
    node: process.version,
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    load: loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  };
}

// ---------------------------------------------------------------------------------------------

const MB = 1_000_000;
const SIZES = [
  { name: 'synthetic 100 KB', bytes: 100_000 },
  { name: 'synthetic 1 MB', bytes: MB },
  { name: 'synthetic 10 MB', bytes: 10 * MB },
];

/** The texts, each also written to a temporary file (for the engine processes and the server). */
function texts(): { seedTexts: Text[]; large: Text[] } {
  const dir = join(tmpdir(), 'nianbao-bench-texts');
  mkdirSync(dir, { recursive: true });
  const toText = (name: string, text: string): Text => {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.txt`);
    writeFileSync(file, text);
    return { name, text, bytes: Buffer.byteLength(text), file };
  };
  const seedTexts = seeds(ROOT).map((s) => toText(`seed ${s.name.slice(0, 3)}`, s.text));
  const all = bases(ROOT);
  const large = SIZES.filter((s) => !quick || s.bytes <= MB).map((s, i) => toText(s.name, largeDraft(all, s.bytes, i + 1)));
  return { seedTexts, large };
}

function inprocess(seedTexts: Text[], large: Text[]) {
  log(`In-process: nianbao analyze, floor${args.includes('--markdownlint') ? ', markdownlint' : ''}`);
  const results: EngineTimes[] = measureTexts(__filename, [...seedTexts, ...large], log, args.includes('--markdownlint'));
  const kb = (b: number) => `${(b / 1000).toFixed(1)} KB`;
  for (const r of results) {
    const isSeed = r.name.startsWith('seed');
    const ratio = r.nianbao / r.floor;
    const perMB = (ms: number) => ms / (r.bytes / MB);
    if (isSeed) add(`${r.name} (${kb(r.bytes)}): floor · nianbao · ratio`, `${fmt(r.floor, 3)} ms · ${fmt(r.nianbao, 3)} ms · ${fmt(ratio, 1)}×`, `≤ ${TARGETS.seedRatio}× floor`, ratio <= TARGETS.seedRatio);
    else add(`${r.name}: floor · nianbao · ratio, per MB`, `${fmt(perMB(r.floor), 1)} ms/MB · ${fmt(perMB(r.nianbao), 1)} ms/MB · ${fmt(ratio, 1)}×`, `≤ ${TARGETS.mbRatio}× floor`, ratio <= TARGETS.mbRatio);
  }
  const oneMB = large.find((t) => t.bytes === MB || t.name === SIZES[1].name);
  if (oneMB) {
    const [kept] = measureEngine(__filename, 'kept', [oneMB]);
    add(`heap kept by the analysis of ${oneMB.name} (after GC, held minus dropped)`, `${fmt(kept.ms, 2)} MB`, `≤ ${TARGETS.keptMB} MB`, kept.ms <= TARGETS.keptMB);
  }
  // (the engine's answer is in KB where the others' are in ms)
  const allocated = measureEngine(__filename, 'allocated', [...seedTexts, ...(oneMB ? [oneMB] : [])]);
  const seedsKB = allocated.slice(0, seedTexts.length).map((a) => a.ms);
  add('allocated by one analysis of a seed, garbage included (V8 sampling heap profiler): mean · least–most of the five', `${fmt(seedsKB.reduce((a, b) => a + b, 0) / seedsKB.length, 0)} KB · ${fmt(Math.min(...seedsKB), 0)}–${fmt(Math.max(...seedsKB), 0)} KB`);
  if (oneMB) add(`allocated by one analysis of ${oneMB.name}, garbage included`, `${fmt(allocated[seedTexts.length].ms / 1000, 1)} MB`);
  const largest = large[large.length - 1];
  if (largest.bytes > 5 * MB) {
    const [limited] = measureEngine(__filename, 'nianbao-default-limit', [largest]);
    add(`analyze ${largest.name}, default sizeLimit (first 1,000,000 characters checked)`, `${fmt(limited.ms, 1)} ms`);
  }
  for (const r of results) {
    if (Number.isNaN(r.markdownlint)) continue;
    const ratio = r.markdownlint / r.nianbao;
    add(`markdownlint/nianbao ${r.name}`, `${fmt(ratio, 1)} (markdownlint ${fmt(r.markdownlint, r.markdownlint < 10 ? 3 : 1)} ms)`, `≥ ${TARGETS.markdownlintRatio}`, ratio >= TARGETS.markdownlintRatio);
  }
}

/** The server as the VS Code client starts it (SERVER_FLAGS, its execArgv), and with Node's defaults. */
async function lsp(seedTexts: Text[], large: Text[]) {
  const server = join(DIST, 'server.js');
  if (!existsSync(server)) {
    na('edit→diagnostics, server RSS', 'server not built');
    return;
  }
  log(`Language server over stdio (${server})`);
  const oneMB = large.find((t) => t.name === SIZES[1].name)!;
  const docs = [...seedTexts, oneMB].map((t) => ({ name: t.name, uri: uriOf(t.file), text: t.text }));
  const seedDoc = docs[0];
  const largeDoc = docs[docs.length - 1];
  // a pause in typing (the server collects 1 s after a large check: node/idle-gc.ts)
  const settle = () => sleep(1500);
  for (const flags of [SERVER_FLAGS, []]) {
    const how = flags.length ? `node ${flags.join(' ')} (the VS Code client's flags)` : "Node's defaults";
    const started = performance.now();
    const client = await TestClient.start({ server, execArgv: flags });
    const startMs = performance.now() - started;
    try {
      for (const d of docs) await client.open(d.uri, d.text);
      await settle();
      const opened = rss(client.proc.pid!);
      if (flags.length) {
        add('server start: spawn → initialize answered (most of what activation waits for)', `${fmt(startMs, 0)} ms`);
        const edits = quick ? 40 : 200;
        const onSeed: Latency = await editLatency(client, seedDoc.uri, edits);
        log(`  ${seedDoc.name}: median ${fmt(onSeed.median)} ms, p95 ${fmt(onSeed.p95)} ms`);
        add(`edit→diagnostics ${seedDoc.name}, one edit after ${IDLE_MS} ms idle (${edits} edits)`, `median ${fmt(onSeed.median)} ms · p95 ${fmt(onSeed.p95)} ms`, `median ≤ ${TARGETS.editSeedMs} ms`, onSeed.median <= TARGETS.editSeedMs);
        const largeEdits = quick ? 6 : 20;
        const onLarge: Latency = await editLatency(client, largeDoc.uri, largeEdits, 4);
        log(`  ${oneMB.name}: median ${fmt(onLarge.median)} ms, p95 ${fmt(onLarge.p95)} ms`);
        add(`edit→diagnostics ${oneMB.name}, one edit after ${IDLE_MS} ms idle (${largeEdits} edits)`, `median ${fmt(onLarge.median, 1)} ms · p95 ${fmt(onLarge.p95, 1)} ms`, `median ≤ ${TARGETS.edit1MBMs} ms`, onLarge.median <= TARGETS.edit1MBMs);
        const burst = await editBursts(client, largeDoc.uri, quick ? 3 : 10, 10);
        add(`edit burst on ${oneMB.name}: 10 changes sent at once`, `${fmt(burst.checksPerBurst, 1)} checks a burst · last change → its diagnostics median ${fmt(burst.lastToDiagnostics, 1)} ms`);
      }
      // the edit storm: bursts of 10 changes sent at once, each burst's last version waited for; every tenth burst on the
      // 1 MB draft, the others on the seeds in turn (1,000 changes in all; 200 with --quick)
      const storm = quick ? 200 : 1000;
      const edits = async (n: number) => {
        for (let k = 0; k < n / 10; k++) await editBursts(client, k % 10 === 9 ? largeDoc.uri : docs[k % (docs.length - 1)].uri, 1, 10, 0);
        await settle();
        return rss(client.proc.pid!);
      };
      const after = await edits(storm);
      const growth = after.rss - opened.rss;
      const met = after.rss <= TARGETS.rssMB && growth <= TARGETS.rssGrowthMB;
      const plus = (mb: number) => `${mb >= 0 ? '+' : ''}${fmt(mb, 1)}`;
      add(`server RSS, ${how}: 5 seeds + 1 MB open → after ${storm} edits (bursts of 10, a tenth of them on 1 MB)`, `${fmt(opened.rss, 1)} → ${fmt(after.rss, 1)} MB (${plus(growth)}; peak ${fmt(after.peak, 1)} MB)`, `≤ ${TARGETS.rssMB} MB, growth ≤ ${TARGETS.rssGrowthMB} MB`, met);
      if (flags.length) {
        // whether it goes on growing with edits, or stays where the first storm's largest checks left it
        const later = await edits(2 * storm);
        add(`server RSS, the client's flags: after ${storm} → after ${3 * storm} edits (the same storm twice more)`, `${fmt(after.rss, 1)} → ${fmt(later.rss, 1)} MB (${plus(later.rss - after.rss)})`);
      }
    } finally {
      await client.stop();
    }
  }
}

async function cli(seedTexts: Text[]) {
  const cliPath = join(DIST, 'cli.js');
  if (!existsSync(cliPath)) {
    na('CLI throughput', 'CLI not built');
    return;
  }
  log('CLI throughput');
  const count = quick ? 2000 : 10_000;
  const dir = draftsDir(
    seedTexts.map((t) => ({ name: t.name.replace(/\W+/g, '') + '.txt', text: t.text })),
    count,
    log,
  );
  const runs = quick ? 1 : 3;
  const single = cliThroughput(cliPath, dir, count, runs);
  log(`  1 process: ${fmt(single.perSecond, 0)} reports/s (${fmt(single.seconds)} s)`);
  add(`CLI ${count} drafts, json, 1 process`, `${fmt(single.perSecond, 0)} reports/s (${fmt(single.seconds)} s)`, `≥ ${TARGETS.cliPerSecond}/s`, single.perSecond >= TARGETS.cliPerSecond);
  const parallel = await cliParallelThroughput(cliPath, dir, count, runs);
  log(`  ${PARTS} processes: ${fmt(parallel.perSecond, 0)} reports/s (${fmt(parallel.seconds)} s)`);
  add(`CLI ${count} drafts, json, ${PARTS} processes on halves at once (what workers could give at best)`, `${fmt(parallel.perSecond, 0)} reports/s (${fmt(parallel.seconds)} s)`);
}

function extension() {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  if (!pkg.scripts?.package) {
    na('.vsix size', 'no `npm run package` yet');
  } else {
    log('Extension package');
    const vsix = join(tmpdir(), 'nianbao-bench.vsix');
    execSync(`npm run package -- -o ${vsix}`, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    add('.vsix size', `${fmt(statSync(vsix).size / 1024, 0)} KiB`);
  }
  add('dist/extension.js size', `${fmt(statSync(join(ROOT, 'dist/extension.js')).size / 1024, 0)} KiB`);
  na('extension activation in VS Code', 'needs a real VS Code; see RESULTS.md');
}

/**
 * Published files: what each reader's library adds to dist/ (and so to the .vsix), and the time of
 * `nianbao check` on one file of each kind (a whole CLI process: start, the library's load, the read).
 */
function published() {
  log('Published files');
  for (const [lib, reader] of [['pdfjs.mjs', '.pdf'], ['exceljs.js', '.xlsx'], ['jszip.js', '.docx (and exceljs)'], ['word-extractor.js', '.doc']]) {
    const file = join(ROOT, 'dist/lib', lib);
    if (existsSync(file)) add(`dist/lib/${lib} size (${reader} reader)`, `${fmt(statSync(file).size / 1024, 0)} KiB`);
  }
  const P = 'test/fixtures/published';
  const files: [string, string][] = [
    ['.txt draft (seed 003)', 'samples/seeds/003_efc93f8cbbb15791.txt'],
    ['.html (Pingtan 2025, site page)', `${P}/pingtan-2025-site-chrome.html`],
    ['.docx (Pingtan 2024, Word-style)', `${P}/pingtan-2024-word.docx`],
    ['.xlsx (Pingtan 2024)', `${P}/pingtan-2024.xlsx`],
    ['.doc (Pingtan 2024)', `${P}/pingtan-2024-word.doc`],
    ['.pdf (Hongze 2024, 5 pages)', `${P}/hongze-2024-published.pdf`],
  ];
  const runs = quick ? 1 : 5;
  for (const [name, file] of files) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'check', join(ROOT, file)], { stdio: 'ignore' });
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    add(`nianbao check ${name}: one CLI process`, `${fmt(times[times.length >> 1], 0)} ms (median of ${runs})`);
  }
}

// ---------------------------------------------------------------------------------------------

function table(): string {
  const mark = (m: boolean | null) => (m === null ? '' : m ? '✓ met' : '✗ missed');
  const head = ['figure', 'value', 'target', ''];
  const body = rows.map((r) => [r.figure, r.value, r.target, mark(r.met)]);
  return [head, head.map(() => '---'), ...body].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

const START = '<!-- figures:start -->';
const END = '<!-- figures:end -->';

function writeResults(m: ReturnType<typeof machine>) {
  const file = join(ROOT, 'bench/RESULTS.md');
  const figures = [
    START,
    `Measured ${m.date} on ${m.cpu}, ${m.cores} cores, Node ${m.node} (load average at the start: ${m.load}, at the end: ${machine().load}).`,
    '',
    table(),
    END,
  ].join('\n');
  const old = existsSync(file) ? readFileSync(file, 'utf8') : `# Benchmark results\n\n${START}\n${END}\n`;
  const at = old.indexOf(START);
  const end = old.indexOf(END);
  const next = at === -1 || end === -1 ? `${old.trimEnd()}\n\n${figures}\n` : old.slice(0, at) + figures + old.slice(end + END.length);
  writeFileSync(file, next);
  log(`wrote ${file}`);
}

async function main() {
  if (args[0] === '--engine') {
    engineMain(args[1] as EngineName, args.slice(2));
    return;
  }
  const m = machine();
  log(`nianbao bench: ${m.cpu}, ${m.cores} cores, Node ${m.node}, load ${m.load}${quick ? ' (quick)' : ''}`);
  const { seedTexts, large } = texts();
  if (wanted('inprocess')) inprocess(seedTexts, large);
  if (wanted('lsp')) await lsp(seedTexts, large);
  if (wanted('cli')) await cli(seedTexts);
  if (wanted('published')) published();
  if (wanted('extension')) extension();
  process.stdout.write(`\n${table()}\n`);
  if (!quick && !only && !args.includes('--no-write')) writeResults(m);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
