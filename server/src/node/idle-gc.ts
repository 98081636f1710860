/**
 * Garbage collections in the server's pauses, where no one waits for them: a young-generation one right after
 * every check, a full one once the server has been idle for a while after checking a large text.
 *
 * A check of a seed allocates about 0.9 MB, nearly all of it dead when the check ends. Left to V8, the young
 * generation fills during the next check and is scavenged then — with that check's live temporaries to copy,
 * on the path from a keystroke to its diagnostics (1.2–1.8 ms of a 5 ms edit, bench/RESULTS.md). Scavenged
 * right after the diagnostics are sent, it holds only the kept analysis, and the next check starts empty.
 *
 * A check of a 1 MB draft allocates tens of MB that die with it; V8 collects them lazily, so between
 * editing pauses the server's resident memory held one to three checks' worth of garbage (100–160 MB
 * through an edit storm, 1.2 MB of it the kept analysis). Collecting when the user pauses gives the pages
 * back. Node exposes `gc()` only with --expose-gc: the flag is set at run time and the function taken
 * from a new context (the way the `expose-gc` package does it); where that fails, nothing is collected.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** V8's gc(), which takes `{ type: 'minor' }` for a young-generation collection. */
type Gc = (options?: { type: 'minor' | 'major' }) => void;

function exposeGc(): Gc | null {
  const own = (globalThis as { gc?: Gc }).gc;
  if (typeof own === 'function') return own;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as Gc) : null;
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
function compacting(gc: Gc): void {
  setFlagsFromString('--compact-on-every-full-gc');
  try {
    gc();
  } finally {
    setFlagsFromString('--no-compact-on-every-full-gc');
  }
}
/** How long after the last large check the full collection runs (a pause in typing). */
export const IDLE_MS = 1000;
/** How long after the last check the young generation is collected (after its diagnostics are sent). */
export const AFTER_CHECK_MS = 5;

export class IdleCollector {
  private readonly gc = exposeGc();
  private young: NodeJS.Timeout | undefined;
  private full: NodeJS.Timeout | undefined;

  /** A text of `length` characters was checked: (re)starts the waits for a pause. */
  checked(length: number): void {
    const gc = this.gc;
    if (!gc) return;
    // the timers never keep the process alive
    clearTimeout(this.young);
    this.young = setTimeout(() => gc({ type: 'minor' }), AFTER_CHECK_MS).unref();
    if (length < LARGE_TEXT) return;
    clearTimeout(this.full);
    this.full = setTimeout(() => compacting(gc), IDLE_MS).unref();
  }

  /** Whether a collection can be made (false when the runtime refuses the flag). */
  get available(): boolean {
    return this.gc !== null;
  }
}
