/**
 * A full garbage collection once the server has been idle for a while after checking a large text.
 *
 * A check of a 1 MB draft allocates tens of MB that die with it; V8 collects them lazily, so between
 * editing pauses the server's resident memory held one to three checks' worth of garbage (100–160 MB
 * through an edit storm, 1.2 MB of it the kept analysis). Collecting when the user pauses gives the pages
 * back. Node exposes `gc()` only with --expose-gc: the flag is set at run time and the function taken
 * from a new context (the way the `expose-gc` package does it); where that fails, nothing is collected.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

function exposeGc(): (() => void) | null {
  const own = (globalThis as { gc?: () => void }).gc;
  if (typeof own === 'function') return compacting(own);
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? compacting(gc as () => void) : null;
  } catch {
    return null;
  }
}

/** Texts shorter than this leave little garbage: no collection is scheduled for them. */
export const LARGE_TEXT = 100_000;

/**
 * A full collection that also compacts the old generation. A plain full GC frees the dead objects but keeps
 * every page that still holds a live one, and a large check's survivors are spread thinly over many pages:
 * compacting moves them together, so those pages are given back too.
 */
function compacting(gc: () => void): () => void {
  return () => {
    setFlagsFromString('--compact-on-every-full-gc');
    try {
      gc();
    } finally {
      setFlagsFromString('--no-compact-on-every-full-gc');
    }
  };
}
/** How long after the last large check the collection runs (a pause in typing). */
export const IDLE_MS = 1000;

export class IdleCollector {
  private readonly gc = exposeGc();
  private timer: NodeJS.Timeout | undefined;

  /** A text of `length` characters was checked: (re)starts the wait for a pause. */
  checked(length: number): void {
    if (!this.gc || length < LARGE_TEXT) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.gc?.();
    }, IDLE_MS);
    // the timer never keeps the process alive
    this.timer.unref();
  }

  /** Whether a collection can be made (false when the runtime refuses the flag). */
  get available(): boolean {
    return this.gc !== null;
  }
}
