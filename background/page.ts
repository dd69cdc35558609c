/** Page matching and per-site pausing. */
import { browser } from 'wxt/browser';
import { type Handlers, sendToTab } from '../messaging/client';
import { allMentions, isPaused, pausedSites, setPaused } from '../storage/settings';
import type { BackgroundDeps } from './deps';
import { injectIntoHost } from './injection';
import { matchPage } from './match-page';

export function pageHandlers({ db, matchers, ready }: BackgroundDeps): Handlers<'page/match' | 'site/get' | 'site/set'> {
  return {
    'page/match': async ({ text }) => {
      await ready;
      return matchPage(db, await matchers.get(), text, { allMentions: await allMentions.getValue() });
    },
    'site/get': async ({ host }) => ({ paused: await isPaused(host) }),
    'site/set': async ({ host, paused }) => {
      await setPaused(host, paused);
      // A paused site's pages got no Gloss at all; resuming puts it into the open ones.
      if (!paused) await injectIntoHost(host);
      return { paused };
    },
  };
}

function hostOf(url: string | undefined): string | undefined {
  try {
    return url && /^https?:/.test(url) ? new URL(url).hostname : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Tell open tabs when their site is paused or resumed (from the popup or another
 * device): content scripts get settings by message, not from storage.
 */
export function watchPauses(): () => void {
  return pausedSites.watch(async (next, previous) => {
    const before = new Set(previous ?? []);
    const after = new Set(next ?? []);
    const changed = new Set([...before, ...after].filter((h) => before.has(h) !== after.has(h)));
    if (!changed.size) return;
    const tabs = await browser.tabs.query({}).catch(() => []);
    await Promise.all(
      tabs.map((t) => {
        const host = hostOf(t.url);
        return t.id === undefined || !host || !changed.has(host) ? undefined : sendToTab(t.id, 'site/paused', { paused: after.has(host) }).catch(() => undefined);
      }),
    );
  });
}
