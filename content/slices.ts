/**
 * Long work in short tasks: run a generator in slices of a few milliseconds and
 * give the page's main thread back in between, so Gloss never causes a long task.
 */
import { timed } from './timing';

const SLICE_MS = 8;

/** Hidden tabs get no animation frames; don't wait on one longer than this. */
const FRAME_WAIT_MS = 100;

/**
 * Resume just after the next frame is painted, when style and layout are fresh:
 * a slice that reads visibility then costs no forced style recalculation.
 */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const go = () => {
      if (done) return;
      done = true;
      resolve();
    };
    requestAnimationFrame(() => setTimeout(go, 0));
    setTimeout(go, FRAME_WAIT_MS);
  });
}

export async function runSliced<T>(step: string, steps: Generator<void, T>, sliceMs = SLICE_MS): Promise<T> {
  for (;;) {
    await afterNextPaint();
    const result = timed(step, () => {
      const start = performance.now();
      for (;;) {
        const r = steps.next();
        if (r.done || performance.now() - start >= sliceMs) return r;
      }
    });
    if (result.done) return result.value;
  }
}
