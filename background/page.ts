/** Starting the content script, page matching and per-site pausing. */
import { browser } from 'wxt/browser';
import type { Handlers } from '../messaging/client';
import { allMentions, isPaused, setPaused } from '../storage/settings';
import type { BackgroundDeps } from './deps';
import { matchPage } from './match-page';

/** The main content script's bundle (entrypoints/content, registered at runtime). */
const MAIN_CONTENT_SCRIPT = '/content-scripts/content.js';

export function pageHandlers({ db, matchers, ready }: BackgroundDeps): Handlers<'content/start' | 'page/match' | 'site/get' | 'site/set'> {
  return {
    // The manifest loader (content/loader.ts) reports its page loaded: only now
    // does the page get Gloss's main content script (registration: 'runtime').
    'content/start': async (_, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) throw new Error('content/start comes from a page’s content script');
      await browser.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: [MAIN_CONTENT_SCRIPT] });
      return { ok: true };
    },
    'page/match': async ({ text }) => {
      await ready;
      return matchPage(db, await matchers.get(), text, { allMentions: await allMentions.getValue() });
    },
    'site/get': async ({ host }) => ({ paused: await isPaused(host) }),
    'site/set': async ({ host, paused }) => ({ paused: await setPaused(host, paused) }),
  };
}
