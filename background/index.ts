/**
 * Everything the background does, wired in one place. The entrypoint only calls
 * `startBackground()`.
 */
import { browser } from 'wxt/browser';
import { listen, sendToTab } from '../messaging/client';
import type { SourceSummary } from '../messaging/protocol';
import { GlossDB } from '../storage/db';
import { allMentions, isPaused, setPaused } from '../storage/settings';
import { installStarterPack } from './starter';
import { MatcherService } from './matchers';
import { matchPage } from './match-page';

export function startBackground(): void {
  const db = new GlossDB();
  const matchers = new MatcherService(db);
  const starter = installStarterPack(db).catch((e) => console.error('Gloss: starter pack failed to install', e));

  listen({
    'page/match': async ({ text }) => {
      await starter;
      return matchPage(db, await matchers.get(), text, { allMentions: await allMentions.getValue() });
    },
    'site/get': async ({ host }) => ({ paused: await isPaused(host) }),
    'site/set': async ({ host, paused }) => ({ paused: await setPaused(host, paused) }),
    'sources/list': async (): Promise<SourceSummary[]> => {
      await starter;
      return (await db.sources.toArray()).map((s) => ({
        id: s.id,
        name: s.name,
        publisher: s.publisher,
        kind: s.kind,
        url: s.url,
        enabled: s.enabled,
        entityCount: s.entityCount,
        claimCount: s.claimCount,
        updated: s.updated,
        lastSync: s.lastSync,
        nextSync: s.nextSync,
        status: s.status,
        error: s.error,
      }));
    },
  });

  browser.commands?.onCommand.addListener(async (command) => {
    if (command !== 'next-annotation') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id !== undefined) await sendToTab(tab.id, 'page/next', { direction: 1 }).catch(() => undefined);
  });
}
