/**
 * The language server over stdio, as an editor drives it (the protocol tests' client): the
 * edit-to-diagnostics latency of single-character edits, edit bursts, and the server's memory.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { analyze } from '../server/src/core/check';
import type { TestClient } from '../test/lsp/client';
import { percentile } from './measure';

export interface Latency {
  median: number;
  p95: number;
  edits: number;
}

/** Where an edit goes: right after the digits of the first number in the 申请 table (typing into it). */
function editOffset(text: string): number {
  const rows = analyze(text).report.applications?.rows;
  const cell = rows && [...rows.values()].flatMap((r) => r.values).find((c) => c?.value.kind === 'number');
  return cell && cell.value.kind === 'number' ? cell.value.end : text.length;
}

/** The i-th of a series of single-character edits at one place: a digit typed, then deleted again. */
function typing(client: TestClient, uri: string) {
  const doc = client.docs.get(uri)!;
  const at = doc.positionAt(editOffset(doc.getText()));
  return (i: number) => {
    const insert = i % 2 === 0;
    const range = insert ? { start: at, end: at } : { start: at, end: { line: at.line, character: at.character + 1 } };
    return client.change(uri, [{ range, text: insert ? '7' : '' }]);
  };
}

/**
 * Idle between edits: longer than the server's burst window (50 ms after a change or a check), so each edit is
 * checked as a lone one would be, at once.
 */
export const IDLE_MS = 80;

/**
 * On an open document, `warmup + edits` times: one single-character change after idle, timed from sending it to
 * the diagnostics of that version.
 */
export async function editLatency(client: TestClient, uri: string, edits: number, warmup = 10): Promise<Latency> {
  const edit = typing(client, uri);
  const times: number[] = [];
  for (let i = 0; i < warmup + edits; i++) {
    await sleep(IDLE_MS);
    const from = client.published.length;
    const t = performance.now();
    const version = await edit(i);
    await client.diagnostics(uri, version, from);
    if (i >= warmup) times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), p95: percentile(times, 95), edits };
}

export interface Burst {
  /** From sending the last change of a burst to the diagnostics of its version (median over bursts). */
  lastToDiagnostics: number;
  /** Diagnostics published per burst (each is one check): the newest version only would be 1 or 2. */
  checksPerBurst: number;
  edits: number;
}

/**
 * `bursts` bursts of `size` changes sent without waiting (typing faster than a check), each followed by the
 * diagnostics of its last version (and `idle` ms before the next).
 */
export async function editBursts(client: TestClient, uri: string, bursts: number, size: number, idle = IDLE_MS): Promise<Burst> {
  const edit = typing(client, uri);
  const times: number[] = [];
  let checks = 0;
  let n = 0;
  for (let b = 0; b < bursts; b++) {
    const from = client.published.length;
    let version = 0;
    let t = 0;
    for (let i = 0; i < size; i++) {
      t = performance.now();
      version = await edit(n++);
    }
    await client.diagnostics(uri, version, from);
    times.push(performance.now() - t);
    checks += client.published.slice(from).filter((p) => p.uri === uri).length;
    if (idle) await sleep(idle);
  }
  times.sort((a, b) => a - b);
  return { lastToDiagnostics: percentile(times, 50), checksPerBurst: checks / bursts, edits: n };
}

/** Resident set size of a process, in MB (VmRSS, and VmHWM: the peak). */
export function rss(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s*(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}
