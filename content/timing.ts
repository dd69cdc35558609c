/**
 * What Gloss costs the page's main thread, kept inside the content script (not
 * in the page's performance timeline, which would tell pages Gloss is there).
 * The browser benchmark reads it through the `page/stats` message.
 */
import type { PageStats } from '../messaging/protocol';

// Module evaluation is when the main content script starts (background/injection.ts injects it after load).
const stats: PageStats = { mainThreadMs: 0, longestTaskMs: 0, tasks: 0, longestByStep: {}, startedAt: performance.now() };

/** Run a synchronous step and count its time under the step's name. */
export function timed<T>(step: string, fn: () => T): T {
  const start = performance.now();
  try {
    return fn();
  } finally {
    const ms = performance.now() - start;
    stats.mainThreadMs += ms;
    stats.tasks += 1;
    stats.longestTaskMs = Math.max(stats.longestTaskMs, ms);
    stats.longestByStep[step] = Math.max(stats.longestByStep[step] ?? 0, ms);
  }
}

/** Note when highlights were first painted, in ms since the page's time origin. */
export function markPainted(): void {
  stats.firstPaintedAt ??= performance.now();
}

export function pageStats(): PageStats {
  return { ...stats, longestByStep: { ...stats.longestByStep } };
}
