/**
 * Gloss's content script is not in the manifest: the background puts it into a
 * page only once the page has loaded, so a page never pays for Gloss before its
 * load event (not even for a loader stub; browsers run manifest scripts before
 * `load` on some pages). Paused sites get nothing at all.
 *
 * When: the tab reports `status: 'complete'` (its load event), or a deadline
 * after navigation starts for pages still loading ads; `executeScript` itself
 * waits for the document to be idle, and the main script waits up to
 * START_WAIT_MS more for `load` (content/page-loaded.ts).
 */
import { browser } from 'wxt/browser';
import { safeHref } from '../components/links';
import { isPaused } from '../storage/settings';

/** Gloss's page script (entrypoints/gloss-page.ts, an unlisted script). */
const MAIN_CONTENT_SCRIPT = '/gloss-page.js';
// ::highlight() rules must live in the page's own style scope (they cannot reach
// across Gloss's shadow root); an injected stylesheet adds them without touching the DOM.
const HIGHLIGHT_CSS = '/highlights.css';
/** How long after a navigation starts Gloss goes in even if the page is still loading. */
export const INJECT_DEADLINE_MS = 3000;
const RETRIES = 3;
const RETRY_MS = 250;
const LATE_SWEEP_MS = 1500;

/** The host of a web page's URL; undefined for the browser's own pages, files and the like. */
function httpHost(url: string | undefined): string | undefined {
  const href = safeHref(url);
  return href === undefined ? undefined : new URL(href).hostname;
}

/** Puts Gloss into the tab's top frame unless it is already there or the site is paused. */
export async function injectGloss(tabId: number, url: string | undefined): Promise<boolean> {
  const host = httpHost(url);
  if (!host || (await isPaused(host))) return false;
  const target = { tabId, frameIds: [0] };
  // The flag lives in Gloss's isolated world, so it is per document and invisible to the page.
  const [probe] = await browser.scripting.executeScript({
    target,
    func: () => {
      const g = globalThis as { glossInjected?: boolean };
      const was = g.glossInjected === true;
      g.glossInjected = true;
      return was;
    },
  });
  if (probe?.result !== false) return false;
  try {
    await browser.scripting.insertCSS({ target, files: [HIGHLIGHT_CSS] });
    await browser.scripting.executeScript({ target, files: [MAIN_CONTENT_SCRIPT] });
  } catch (e) {
    // Gloss did not go in: lower the flag so the next attempt is not taken for a repeat.
    await browser.scripting
      .executeScript({ target, func: () => void delete (globalThis as { glossInjected?: boolean }).glossInjected })
      .catch(() => undefined);
    throw e;
  }
  return true;
}

/** Injects into every open tab on `host` (after the reader resumes a paused site). */
export async function injectIntoHost(host: string): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.filter((t) => t.id !== undefined && httpHost(t.url) === host).map((t) => injectGloss(t.id!, t.url).catch(() => false)));
}

/** Watches tabs and injects Gloss into each page after it loads. Returns a stop function. */
export function startInjection(): () => void {
  const deadlines = new Map<number, ReturnType<typeof setTimeout>>();
  const inject = (tabId: number, url: string | undefined, attempt = 0) => {
    clearTimeout(deadlines.get(tabId));
    deadlines.delete(tabId);
    injectGloss(tabId, url).catch((e: unknown) => {
      // A document between commits refuses scripts for a moment; pages Gloss may
      // not script (the browser's own, other extensions') keep refusing.
      if (attempt < RETRIES) setTimeout(() => inject(tabId, url, attempt + 1), RETRY_MS);
      else console.warn(`Gloss: could not start on tab ${tabId}`, e);
    });
  };
  const onUpdated = (tabId: number, change: { status?: string }, tab: { url?: string }) => {
    if (change.status === 'loading') {
      clearTimeout(deadlines.get(tabId));
      deadlines.set(tabId, setTimeout(() => browser.tabs.get(tabId).then((t) => inject(tabId, t.url), () => undefined), INJECT_DEADLINE_MS));
    } else if (change.status === 'complete') inject(tabId, tab.url);
  };
  const onRemoved = (tabId: number) => {
    clearTimeout(deadlines.get(tabId));
    deadlines.delete(tabId);
  };
  // Tabs that finished loading while the background was not listening: pages open
  // when Gloss is installed or updated, and those restored as the browser starts.
  // Only a worker's first run loses tab events (a restarted one has them queued), so
  // only then is it worth probing every tab. Chrome may answer the first query
  // before it has recorded the listeners above (separate channels), so a page that
  // completes in between is caught by a second sweep; the probe makes repeats no-ops.
  const timers: ReturnType<typeof setTimeout>[] = [];
  const query = () => {
    browser.tabs.query({}).then(
      (tabs) => tabs.forEach((t) => t.id !== undefined && t.status === 'complete' && inject(t.id, t.url)),
      () => undefined,
    );
  };
  const sweep = () => {
    query();
    timers.push(setTimeout(query, LATE_SWEEP_MS));
  };
  browser.tabs.onUpdated.addListener(onUpdated);
  browser.tabs.onRemoved.addListener(onRemoved);
  browser.runtime.onInstalled.addListener(sweep);
  browser.runtime.onStartup.addListener(sweep);
  return () => {
    browser.tabs.onUpdated.removeListener(onUpdated);
    browser.tabs.onRemoved.removeListener(onRemoved);
    browser.runtime.onInstalled.removeListener(sweep);
    browser.runtime.onStartup.removeListener(sweep);
    for (const t of timers) clearTimeout(t);
    for (const t of deadlines.values()) clearTimeout(t);
  };
}
