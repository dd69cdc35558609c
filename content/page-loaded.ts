/** Gloss starts after the page's load event, or after this long on pages still loading ads. */
export const START_WAIT_MS = 2000;

/**
 * Resolves once the page has loaded (in a task of its own, so loadEventEnd is
 * not held up), or after START_WAIT_MS. The background injects Gloss after
 * `load` already (background/injection.ts); this covers its deadline path.
 */
export function pageLoaded(): Promise<void> {
  return new Promise((resolve) => {
    const go = () => setTimeout(resolve, 0);
    if (document.readyState === 'complete') go();
    else {
      window.addEventListener('load', go, { once: true });
      setTimeout(resolve, START_WAIT_MS);
    }
  });
}
