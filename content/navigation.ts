/**
 * Single-page navigation (History API), detected in a way a page cannot forge:
 * Gloss compares `location.href` from its own isolated world now and then. No
 * event the page can dispatch (WXT's `wxt:locationchange`, `popstate`, a
 * patched `pushState`) starts a re-read, and a page that changes its URL in a
 * loop gets at most one re-read per `minGapMs`.
 */
export interface NavigationOptions {
  signal: AbortSignal;
  /** The article changed: close cards now. */
  onLeave(): void;
  /** The new article has settled: read it. */
  onArrive(): void;
  pollMs?: number;
  settleMs?: number;
  minGapMs?: number;
  /** Where the page is; `location.href` by default (a test passes its own). */
  href?: () => string;
  now?: () => number;
}

export function watchNavigation({ signal, onLeave, onArrive, pollMs = 500, settleMs = 400, minGapMs = 2000, href = () => location.href, now = Date.now }: NavigationOptions): void {
  let last = href();
  let lastArrival = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arrive = () => {
    timer = undefined;
    lastArrival = now();
    onArrive();
  };
  const poll = setInterval(() => {
    const current = href();
    if (current === last) return;
    last = current;
    onLeave();
    clearTimeout(timer);
    // Wait for the new content to settle, and never re-read more often than minGapMs.
    timer = setTimeout(arrive, Math.max(settleMs, lastArrival + minGapMs - now()));
  }, pollMs);
  signal.addEventListener('abort', () => {
    clearInterval(poll);
    clearTimeout(timer);
  });
}
