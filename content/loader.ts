/**
 * The manifest content script: deliberately tiny. It waits for the page's load
 * event (or a deadline on pages still loading ads), then asks the background to
 * inject Gloss's main content script (`entrypoints/content`, registered at
 * runtime) into this frame. So a page pays for evaluating Gloss's code only
 * after it has loaded, whenever the browser runs document_idle scripts.
 */
import { send } from '../messaging/client';

/** Gloss starts after the page's load event, or after this long on pages still loading ads. */
export const START_WAIT_MS = 2000;

/** Let the page finish loading first, so Gloss never delays it; slow pages get a deadline. */
export function pageLoaded(): Promise<void> {
  if (document.readyState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    window.addEventListener('load', () => resolve(), { once: true });
    setTimeout(resolve, START_WAIT_MS);
  });
}

export async function startLoader(): Promise<void> {
  await pageLoaded();
  // A task of its own after the load event, so loadEventEnd is not held up.
  await new Promise((resolve) => setTimeout(resolve, 0));
  await send('content/start', {});
}
