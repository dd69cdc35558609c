/** Page matching and per-site pausing. */
import type { Handlers } from '../messaging/client';
import { allMentions, isPaused, setPaused } from '../storage/settings';
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
