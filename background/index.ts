/**
 * Everything the background does, wired in one place. Each feature exports its
 * message handlers (and any listeners it needs); the entrypoint only calls
 * `startBackground()`. Listeners are registered synchronously so a restarted MV3
 * service worker receives the message that woke it.
 */
import { browser } from 'wxt/browser';
import { listen, sendToTab } from '../messaging/client';
import { GlossDB } from '../storage/db';
import type { BackgroundDeps } from './deps';
import { badgeHandlers, startBadge } from './badge';
import { startWelcome } from './welcome';
import { MatcherService } from './matchers';
import { draftHandlers } from './drafts';
import { noteHandlers, startNotes } from './notes';
import { startNotesSync } from './notes-sync';
import { startInjection } from './injection';
import { pageHandlers, watchAdderSwitch, watchPauses } from './page';
import { forgetTab } from './page-entities';
import { closeStorageToContentScripts } from './storage-access';
import { rematchTabs, sourceHandlers } from './sources';
import { allMentions } from '../storage/settings';
import { installStarterPack } from './starter';

export function startBackground(): void {
  const db = new GlossDB();
  const matchers = new MatcherService(db);
  const ready = installStarterPack(db).catch((e) => console.error('Gloss: the starter pack failed to install', e));
  const deps: BackgroundDeps = { db, matchers, ready };

  const notesSync = startNotesSync(deps);
  listen('background', {
    ...pageHandlers(deps),
    ...sourceHandlers(deps),
    ...noteHandlers(deps),
    ...notesSync.handlers(),
    ...badgeHandlers(),
    ...draftHandlers(deps),
  });
  startWelcome();
  startBadge(rematchTabs);
  // The options page's "every mention / first only": open pages follow at once.
  allMentions.watch(() => void rematchTabs());
  startNotes();
  watchPauses();
  watchAdderSwitch();
  browser.tabs.onRemoved.addListener((tabId) => forgetTab(tabId));
  void closeStorageToContentScripts();
  startInjection();

  browser.commands?.onCommand.addListener(async (command) => {
    if (command !== 'next-annotation') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id !== undefined) await sendToTab(tab.id, 'page/next', { direction: 1 }).catch(() => undefined);
  });
}
