/**
 * Long work in short tasks: run a generator in slices of a few milliseconds and
 * give the page's main thread back in between, so Gloss never causes a long task.
 */
import { timed } from './timing';

const SLICE_MS = 8;

function pause(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}

export async function runSliced<T>(steps: Generator<void, T>, sliceMs = SLICE_MS): Promise<T> {
  for (;;) {
    const result = timed(() => {
      const start = performance.now();
      for (;;) {
        const r = steps.next();
        if (r.done || performance.now() - start >= sliceMs) return r;
      }
    });
    if (result.done) return result.value;
    await pause();
  }
}
