/** node/idle-gc.ts: the server's collection after a pause following a large check. */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { IDLE_MS, IdleCollector, LARGE_TEXT } from '../../server/src/node/idle-gc';

test('a pause after a large check collects what is unreachable; a small check schedules nothing', async () => {
  const collector = new IdleCollector();
  // Node gives gc() to the server without --expose-gc on its command line (the VS Code client passes none)
  assert.equal(collector.available, true);
  let garbage: object | null = { big: new Array(100_000).fill(0) };
  const ref = new WeakRef(garbage);
  garbage = null;
  collector.checked(LARGE_TEXT - 1);
  await sleep(IDLE_MS + 300);
  // nothing allocates here meanwhile: without the collection the object would still be there
  const before = ref.deref() !== undefined;
  collector.checked(LARGE_TEXT);
  await sleep(IDLE_MS + 300);
  assert.equal(before, true);
  assert.equal(ref.deref(), undefined);
});
