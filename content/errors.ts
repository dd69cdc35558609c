/**
 * Gloss's errors stay out of the page's console: a page (or a reader reading
 * its console) learns nothing of Gloss from them, and a hostile page cannot
 * make Gloss look broken there. They are kept (the last few) for `page/stats`.
 */
const MAX_KEPT = 20;
const kept: string[] = [];

export function reportError(where: string, e: unknown): void {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  kept.push(`${where}: ${text}`.slice(0, 300));
  if (kept.length > MAX_KEPT) kept.shift();
}

export function recentErrors(): string[] {
  return [...kept];
}

/** Runs `fn`, keeping any error it throws (or the promise it returns rejects with) out of the page's console. */
export function guarded<A extends unknown[]>(where: string, fn: (...args: A) => unknown): (...args: A) => void {
  return (...args) => {
    try {
      const r = fn(...args);
      if (r instanceof Promise) r.catch((e: unknown) => reportError(where, e));
    } catch (e) {
      reportError(where, e);
    }
  };
}

/**
 * Catches what slipped through: an error or rejected promise whose stack is
 * Gloss's own script (its URL is the extension's) is kept, not printed. The
 * page's own errors (other script URLs) are left alone.
 */
export function keepErrorsFromConsole(extensionOrigin: string, signal: AbortSignal): void {
  const ours = (text: string | undefined) => !!text && text.includes(extensionOrigin);
  addEventListener(
    'error',
    (e) => {
      if (!ours(e.filename) && !ours((e.error as Error | undefined)?.stack)) return;
      e.preventDefault();
      reportError('uncaught', e.error ?? e.message);
    },
    { signal },
  );
  addEventListener(
    'unhandledrejection',
    (e) => {
      const reason = e.reason as Error | undefined;
      if (!ours(reason?.stack)) return;
      e.preventDefault();
      reportError('unhandled', reason);
    },
    { signal },
  );
}
