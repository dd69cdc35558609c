/**
 * Tells the background how many distinct things Gloss shows on this page (the
 * toolbar badge), once the painting settles. It is sent again after each re-match, so
 * a badge turned back on in the options shows without a reload.
 */
import { send } from '../messaging/client';

const SETTLE_MS = 300;

export function badgeReporter(signal: AbortSignal): (count: number) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  signal.addEventListener('abort', () => clearTimeout(timer));
  return (count) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (signal.aborted) return;
      void send('page/found', { count }).catch(() => undefined);
    }, SETTLE_MS);
  };
}
