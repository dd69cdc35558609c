/**
 * The reader's sources: listing, subscribing by URL, importing files, refreshing (now
 * and on a schedule), enabling, disabling and removing. The work is in
 * `sources-sync.ts`; this file wires it to the browser: messages, the periodic alarm,
 * the synced subscription list, and re-matching open tabs after a change.
 */
import { browser } from 'wxt/browser';
import { t } from '../i18n';
import { type Handlers, sendToTab } from '../messaging/client';
import { defaultIntervalMinutes } from '../storage/settings';
import { readSyncList, removeFromSyncList, subscribeInSyncList, watchSyncList, writeSyncList } from '../storage/sync-list';
import type { BackgroundDeps } from './deps';
import { ALARM_NAME, ALARM_PERIOD_MINUTES } from './sources-schedule';
import { closedAreas, closeStorageToContentScripts } from './storage-access';
import { SourceSync, toSummary } from './sources-sync';

export { toSummary };

type SourceMessages =
  | 'sources/list'
  | 'sources/add-url'
  | 'sources/add-file'
  | 'sources/refresh'
  | 'sources/remove'
  | 'sources/set-enabled'
  | 'sources/set-interval';

/** Ask every open tab's content script to match its page again (tabs without Gloss ignore it). */
export async function rematchTabs(): Promise<void> {
  const tabs = await browser.tabs.query({}).catch(() => []);
  await Promise.all(tabs.map((t) => (t.id !== undefined && /^https?:/.test(t.url ?? 'http:') ? sendToTab(t.id, 'page/rematch', {}).catch(() => undefined) : undefined)));
}

function glossVersion(): string {
  try {
    return browser.runtime.getManifest().version;
  } catch {
    return 'unknown';
  }
}

let service: SourceSync | undefined;

function sourceSync({ db, matchers }: BackgroundDeps): SourceSync {
  service ??= new SourceSync(db, {
    fetch: (input, init) => fetch(input, init),
    languages: typeof navigator !== 'undefined' ? navigator.languages : undefined,
    userAgent: `Gloss/${glossVersion()} (browser extension for news readers; subscribed Wikidata topics, one query per refresh)`,
    onInstalled: (row, entities) => matchers.prime?.(row.id, row.installedAt, entities),
    syncList: { subscribe: subscribeInSyncList, remove: removeFromSyncList, write: writeSyncList },
    // Chromium closes storage.sync to content scripts; elsewhere a compromised page process could write the list.
    syncListTrusted: () => closedAreas.has('sync'),
    onChange: async (what) => {
      if (what !== 'records') return;
      // Build the new matchers first, so re-matched pages (and reloads) see the change.
      await matchers.ready();
      await rematchTabs();
    },
  });
  return service;
}

/**
 * The Sources feature's message handlers. Also starts keeping sources in sync (the
 * alarm, resume, the synced list; see `startSourceSync`), so `background/index.ts`
 * wires the whole feature with its one `...sourceHandlers(deps)`.
 */
export function sourceHandlers(deps: BackgroundDeps): Handlers<SourceMessages> {
  const sync = sourceSync(deps);
  startSourceSync(deps);
  const { ready } = deps;
  return {
    'sources/list': async () => {
      await ready;
      return sync.list();
    },
    'sources/add-url': async ({ url, intervalMinutes }) => {
      await ready;
      return toSummary(await sync.addUrl(url, intervalMinutes ?? (await defaultIntervalMinutes.getValue())));
    },
    'sources/add-file': async ({ text, filename, contentType }) => {
      await ready;
      if (typeof text !== 'string') throw new Error(t('errFileUnread'));
      return toSummary(await sync.addFile(text, filename, contentType));
    },
    'sources/refresh': async ({ id }) => {
      await ready;
      const row = await sync.get(id);
      if (!row) throw new Error(t('errSourceRemoved'));
      if (row.kind !== 'url') throw new Error(t(row.kind === 'file' ? 'errFromFile' : 'errBuiltIn', row.name));
      void sync.refresh(id).catch(() => undefined);
      return { ...toSummary(row), status: 'syncing' };
    },
    'sources/remove': async ({ id }) => {
      await ready;
      await sync.remove(id);
      return { ok: true };
    },
    'sources/set-enabled': async ({ id, enabled }) => {
      await ready;
      return toSummary(await sync.setEnabled(id, enabled));
    },
    'sources/set-interval': async ({ id, intervalMinutes }) => {
      await ready;
      return toSummary(await sync.setInterval(id, intervalMinutes));
    },
  };
}

/**
 * Start keeping sources in sync: one periodic alarm refreshes what is due; at startup,
 * refreshes interrupted by the background stopping start again, and the synced
 * subscription list is merged in (and watched for changes from other devices).
 * Listeners are registered synchronously (an MV3 service worker woken by the alarm
 * must have its listener in place).
 */
let started = false;
export function startSourceSync(deps: BackgroundDeps): void {
  if (started) return;
  started = true;
  const sync = sourceSync(deps);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== ALARM_NAME) return;
    void deps.ready.then(() => sync.runDue()).catch((e) => console.warn('Gloss: scheduled refresh failed', e));
  });
  // Whether the list can be trusted (closedAreas) is known once storage was closed to content scripts.
  const settled = () => Promise.all([deps.ready, closeStorageToContentScripts()]);
  watchSyncList((list) => void settled().then(() => sync.reconcile(list)).catch((e) => console.warn('Gloss: sync list', e)));
  void (async () => {
    const existing = await browser.alarms.get(ALARM_NAME);
    if (!existing) await browser.alarms.create(ALARM_NAME, { periodInMinutes: ALARM_PERIOD_MINUTES, delayInMinutes: 1 });
    await deps.ready;
    await sync.resume();
    await settled();
    await sync.reconcile(await readSyncList());
    await sync.runDue();
  })().catch((e) => console.warn('Gloss: source sync did not start', e));
}
