/** Page matching and per-site pausing. */
import type { Handlers } from '../messaging/client';
import { allMentions, isPaused, setPaused } from '../storage/settings';
import type { BackgroundDeps } from './deps';
import { matchPage } from './match-page';

export function pageHandlers({ db, matchers, ready }: BackgroundDeps): Handlers<'page/match' | 'site/get' | 'site/set'> {
  return {
    'page/match': async ({ text }) => {
      await ready;
      return matchPage(db, await matchers.get(), text, { allMentions: await allMentions.getValue() });
    },
    'site/get': async ({ host }) => ({ paused: await isPaused(host) }),
    'site/set': async ({ host, paused }) => ({ paused: await setPaused(host, paused) }),
  };
}
