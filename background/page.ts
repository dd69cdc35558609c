/** Page matching and per-site pausing. */
import { browser } from 'wxt/browser';
import { canonicalUrl } from '../anchoring/url';
import { type Handlers, sendToTab } from '../messaging/client';
import { adderOffSites, allMentions, isPaused, pausedSites, setPaused } from '../storage/settings';
import type { BackgroundDeps } from './deps';
import { injectIntoHost } from './injection';
import { matchPage } from './match-page';
import { recordMatched } from './page-entities';

export function pageHandlers({ db, matchers, ready }: BackgroundDeps): Handlers<'page/match' | 'site/get' | 'site/set' | 'page/shortcuts' | 'page/key'> {
  return {
    // The in-page keys follow the reader's remapping of the browser commands (content scripts cannot ask the commands API).
    'page/shortcuts': async () => {
      const bound = new Map((await (browser.commands?.getAll() ?? Promise.resolve([]))).map((c) => [c.name, c.shortcut ?? '']));
      return { 'next-annotation': bound.get('next-annotation') ?? '', 'add-note': bound.get('add-note') ?? '' };
    },
    'page/key': ({ href, canonical }) => ({ pageUrl: canonicalUrl(href, canonical) }),
    'page/match': async ({ text, lang }, sender) => {
      await ready;
      const reply = await matchPage(db, await matchers.get(), text, { allMentions: await allMentions.getValue(), lang });
      // Remembered so the page is later sent notes only on these entities (background/notes.ts).
      if (sender.tab?.id !== undefined && sender.url) recordMatched(sender.tab.id, sender.url, Object.keys(reply.entityCards));
      return reply;
    },
    'site/get': async ({ host }, sender) => {
      // A page may ask about its own site only: which other sites the reader paused is none of its business.
      if (sender.kind === 'content' && host !== hostOf(sender.url)) throw new Error('A page may only ask about its own site');
      return { paused: await isPaused(host), adder: !(await adderOffSites.getValue()).includes(host) };
    },
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

/** Tell open tabs of the sites that joined or left a list (content scripts get settings by message, not from storage). */
function tellChangedSites(list: typeof pausedSites, tell: (tabId: number, listed: boolean) => Promise<unknown>): () => void {
  return list.watch(async (next, previous) => {
    const before = new Set(previous ?? []);
    const after = new Set(next ?? []);
    const changed = new Set([...before, ...after].filter((h) => before.has(h) !== after.has(h)));
    if (!changed.size) return;
    const tabs = await browser.tabs.query({}).catch(() => []);
    await Promise.all(
      tabs.map((t) => {
        const host = hostOf(t.url);
        return t.id === undefined || !host || !changed.has(host) ? undefined : tell(t.id, after.has(host)).catch(() => undefined);
      }),
    );
  });
}

/** Tell open tabs when their site is paused or resumed (from the popup or another device). */
export function watchPauses(): () => void {
  return tellChangedSites(pausedSites, (tabId, paused) => sendToTab(tabId, 'site/paused', { paused }));
}

/** Tell open tabs when the reader turns the note button at selections off or on for their site. */
export function watchAdderSwitch(): () => void {
  return tellChangedSites(adderOffSites, (tabId, off) => sendToTab(tabId, 'site/adder', { on: !off }));
}
