/**
 * The Sources feature wired to the (fake) browser: the periodic alarm, the synced
 * subscription list, and the message handlers the popup uses.
 */
import { fakeBrowser } from 'wxt/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BackgroundDeps } from '../../../background/deps';
import { ALARM_NAME } from '../../../background/sources-schedule';
import { sourceHandlers } from '../../../background/sources';
import { urlSourceId } from '../../../background/sources-sync';
import { closedAreas } from '../../../background/storage-access';
import { GlossDB } from '../../../storage/db';
import { readSyncList, writeSyncList } from '../../../storage/sync-list';
import { fakeFetch, makePack } from './helpers';

/** A message from the popup, as `listen` classifies it. */
const READER = { kind: 'extension' } as const;

const A = 'https://a.example/pack.json';
const B = 'https://b.example/pack.json';

async function until(fn: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('sources in the background', () => {
  const db = new GlossDB('test-wiring');
  const f = fakeFetch((req) => ({ body: JSON.stringify(makePack(req.url === A ? 3 : 2)), headers: { etag: '"x"' } }));
  let rebuilt = 0;
  const deps = { db, matchers: { ready: async () => void rebuilt++ }, ready: Promise.resolve() } as unknown as BackgroundDeps;
  let handlers: ReturnType<typeof sourceHandlers>;

  beforeAll(() => {
    fakeBrowser.reset();
    vi.stubGlobal('fetch', f.fetch);
    handlers = sourceHandlers(deps);
  });
  afterAll(async () => {
    vi.unstubAllGlobals();
    await db.delete();
  });

  it('registers one periodic alarm', async () => {
    await until(async () => !!(await fakeBrowser.alarms.get(ALARM_NAME)));
    expect((await fakeBrowser.alarms.get(ALARM_NAME))?.periodInMinutes).toBe(15);
  });

  it('adds a URL source, lists it with its counts, and puts it in the synced list', async () => {
    const added = await handlers['sources/add-url']({ url: A }, READER);
    expect(added).toMatchObject({ id: urlSourceId(A), kind: 'url', url: A, intervalMinutes: 1440 });
    await until(async () => (await handlers['sources/list']({}, READER)).some((s) => s.id === added.id && s.status === 'ok'));
    expect((await handlers['sources/list']({}, READER)).find((s) => s.id === added.id)).toMatchObject({ name: 'Test pack', entityCount: 3 });
    expect((await readSyncList()).sources.map((s) => s.url)).toEqual([A]);
    expect(rebuilt).toBeGreaterThan(0);
  });

  it('subscribes to a URL another device added to the synced list (Chromium: content scripts cannot write it)', async () => {
    closedAreas.add('sync');
    await writeSyncList({ sources: [...(await readSyncList()).sources, { url: B, at: Date.now() }], removed: [] });
    await until(async () => (await db.sources.get(urlSourceId(B)))?.status === 'ok');
    expect(await db.entities.where('sourceId').equals(urlSourceId(B)).count()).toBe(2);
    closedAreas.delete('sync');
  });

  it('the alarm refreshes sources that are due, with a conditional request', async () => {
    const before = f.requests.length;
    await db.sources.update(urlSourceId(A), { nextSync: Date.now() - 1 });
    await fakeBrowser.alarms.onAlarm.trigger({ name: ALARM_NAME, scheduledTime: Date.now() });
    await until(() => f.requests.length > before);
    expect(f.requests.at(-1)).toMatchObject({ url: A, headers: { 'If-None-Match': '"x"' } });
  });

  it('refuses to refresh a file source, and removing a URL source leaves a tombstone in the synced list', async () => {
    await handlers['sources/add-file']({ text: JSON.stringify(makePack(1, { id: 'f' })), filename: 'f.json' }, READER);
    await expect(handlers['sources/refresh']({ id: 'file-f' }, READER)).rejects.toThrow(/import the file again/);
    await until(async () => (await db.sources.get(urlSourceId(A)))?.status === 'ok');
    expect(await handlers['sources/remove']({ id: urlSourceId(A) }, READER)).toEqual({ ok: true });
    const list = await readSyncList();
    expect(list.sources.map((s) => s.url)).toEqual([B]);
    expect(list.removed.map((t) => t.url)).toEqual([A]);
    expect(await db.sources.get(urlSourceId(A))).toBeUndefined();
  });
});
