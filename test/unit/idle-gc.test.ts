/** node/idle-gc.ts: the server's collections in its pauses, the young generation after every check, all after a large one. */
import assert from 'node:assert/strict';
import { PerformanceObserver, constants, type PerformanceEntry } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { AFTER_CHECK_MS, IDLE_MS, IdleCollector, LARGE_TEXT } from '../../server/src/node/idle-gc';

/** The kinds of the collections V8 makes while `during` runs. */
async function collections(during: () => Promise<void>): Promise<number[]> {
  const kinds: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) kinds.push((e as PerformanceEntry & { detail: { kind: number } }).detail.kind);
  });
  observer.observe({ entryTypes: ['gc'] });
  try {
    await during();
    // the observer is told after the collection: one more turn of the event loop
    await sleep(20);
  } finally {
    observer.disconnect();
  }
  return kinds;
}

test('a check of any size: the young generation is collected right after it', async () => {
  const collector = new IdleCollector();
  // Node gives gc() to the server without --expose-gc on its command line (the VS Code client passes none)
  assert.equal(collector.available, true);
  const minor = constants.NODE_PERFORMANCE_GC_MINOR;
  // (what the start of the test and making the collector allocated is collected by V8 in its own time first)
  await sleep(100);
  // nothing allocates here meanwhile: an idle wait alone makes no young collection
  const idle = await collections(() => sleep(AFTER_CHECK_MS + 50));
  const after = await collections(async () => {
    collector.checked(10);
    await sleep(AFTER_CHECK_MS + 50);
  });
  assert.equal(idle.filter((k) => k === minor).length, 0);
  assert.equal(after.filter((k) => k === minor).length, 1);
});

test('a pause after a large check collects what is unreachable; a small check leaves the old generation as it is', async () => {
  const collector = new IdleCollector();
  let garbage: object | null = { big: new Array(100_000).fill(0) };
  const ref = new WeakRef(garbage);
  garbage = null;
  collector.checked(LARGE_TEXT - 1);
  await sleep(IDLE_MS + 300);
  // without the full collection the object would still be there (a young collection leaves it)
  const before = ref.deref() !== undefined;
  collector.checked(LARGE_TEXT);
  await sleep(IDLE_MS + 300);
  assert.equal(before, true);
  assert.equal(ref.deref(), undefined);
});
