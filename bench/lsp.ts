/**
 * The language server over stdio, as an editor drives it (the protocol tests' client): the
 * edit-to-diagnostics latency of single-character edits, and the server's memory.
 */
import { readFileSync } from 'node:fs';
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

/**
 * On an open document, `warmup + edits` times: one single-character change (a digit typed after a
 * table number, then deleted again), timed from sending it to the diagnostics of that version.
 */
export async function editLatency(client: TestClient, uri: string, edits: number, warmup = 20): Promise<Latency> {
  const doc = client.docs.get(uri)!;
  const at = doc.positionAt(editOffset(doc.getText()));
  const times: number[] = [];
  for (let i = 0; i < warmup + edits; i++) {
    const insert = i % 2 === 0;
    const range = insert ? { start: at, end: at } : { start: at, end: { line: at.line, character: at.character + 1 } };
    const from = client.published.length;
    const t = performance.now();
    const version = await client.change(uri, [{ range, text: insert ? '7' : '' }]);
    await client.diagnostics(uri, version, from);
    if (i >= warmup) times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), p95: percentile(times, 95), edits };
}

/** Resident set size of a process, in MB (VmRSS, and VmHWM: the peak). */
export function rss(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s*(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}
