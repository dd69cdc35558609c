import { fakeBrowser } from 'wxt/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SourceSync, urlSourceId } from '../../../background/sources-sync';
import { GlossDB } from '../../../storage/db';
import {
  cleanSyncList,
  mergeSyncList,
  readSyncList,
  removeFromSyncList,
  subscribeInSyncList,
  type SyncList,
  TOMBSTONE_DAYS,
  withRemoved,
  withSubscribed,
  writeSyncList,
} from '../../../storage/sync-list';
import { fakeFetch, makePack } from './helpers';

const A = 'https://a.example/pack.json';
const B = 'https://b.example/pack.json';
const C = 'https://c.example/pack.json';
const now = 1_800_000_000_000;

describe('sync list merge', () => {
  it('subscribes to listed URLs missing here and publishes local-only ones', () => {
    const plan = mergeSyncList([{ url: A }, { url: C, intervalMinutes: 60 }], { sources: [{ url: A, at: 1 }, { url: B, at: 2, intervalMinutes: 360 }], removed: [] }, now);
    expect(plan.subscribe).toEqual([{ url: B, at: 2, intervalMinutes: 360 }]);
    expect(plan.remove).toEqual([]);
    expect(plan.next?.sources.map((s) => s.url)).toEqual([A, B, C]);
    expect(plan.next?.sources[2]).toEqual({ url: C, at: now, intervalMinutes: 60 });
  });

  it('removes local URLs only when another device removed them (tombstone)', () => {
    const plan = mergeSyncList([{ url: A }, { url: B }], { sources: [], removed: [{ url: A, at: now - 1000 }] }, now);
    expect(plan.remove).toEqual([A]);
    // B was never listed: published, not deleted.
    expect(plan.next?.sources.map((s) => s.url)).toEqual([B]);
    expect(plan.next?.removed).toEqual([{ url: A, at: now - 1000 }]);
  });

  it('takes a changed refresh interval from the list', () => {
    const plan = mergeSyncList([{ url: A, intervalMinutes: 1440 }], { sources: [{ url: A, at: 1, intervalMinutes: 60 }], removed: [] }, now);
    expect(plan.retime).toEqual([{ url: A, intervalMinutes: 60 }]);
    expect(plan.next).toBeUndefined();
  });

  it('ignores malformed payloads, expires old tombstones, and lets the later of add and remove win', () => {
    expect(cleanSyncList('nonsense', now)).toEqual({ sources: [], removed: [] });
    const cleaned = cleanSyncList(
      {
        sources: [{ url: A, at: now - 90 }, { url: 42 }, null, { url: B, at: now - 50, intervalMinutes: -3 }, { url: B, at: now - 40 }],
        removed: [{ url: A, at: now - 80 }, { url: B, at: now - 60 }, { url: C, at: now - (TOMBSTONE_DAYS + 1) * 86_400_000 }],
      },
      now,
    );
    expect(cleaned.sources).toEqual([{ url: B, at: now - 50 }]);
    expect(cleaned.removed).toEqual([{ url: A, at: now - 80 }]);
  });

  it('re-adding a removed URL clears its tombstone', () => {
    let list: SyncList = { sources: [], removed: [] };
    list = withSubscribed(list, A, 60, now);
    list = withRemoved(list, A, now + 1);
    expect(list).toEqual({ sources: [], removed: [{ url: A, at: now + 1 }] });
    list = withSubscribed(list, A, undefined, now + 2);
    expect(list).toEqual({ sources: [{ url: A, at: now + 2 }], removed: [] });
  });
});

describe('sync list in storage.sync, and a second device', () => {
  let db: GlossDB;
  let n = 0;
  beforeEach(() => {
    fakeBrowser.reset();
    db = new GlossDB(`test-synclist-${n++}`);
  });
  afterEach(async () => {
    await db.delete();
  });

  it('stores subscriptions and removals', async () => {
    await subscribeInSyncList(A, 60);
    await subscribeInSyncList(B);
    await removeFromSyncList(A);
    const list = await readSyncList();
    expect(list.sources.map((s) => s.url)).toEqual([B]);
    expect(list.removed.map((t) => t.url)).toEqual([A]);
    expect(await fakeBrowser.storage.sync.get('sourceSubscriptions')).toHaveProperty('sourceSubscriptions');
  });

  it('a device subscribes to what another device added, and drops what it removed', async () => {
    const f = fakeFetch(() => ({ body: JSON.stringify(makePack(3)) }));
    const port = { subscribe: subscribeInSyncList, remove: removeFromSyncList, write: writeSyncList };
    const sync = new SourceSync(db, { fetch: f.fetch, syncList: port });
    // Another device subscribed to A and B.
    await writeSyncList({ sources: [{ url: A, at: 1 }, { url: B, at: 2 }], removed: [] });
    expect((await sync.reconcile(await readSyncList())).subscribed).toEqual([A, B]);
    await sync.idle();
    expect(await db.entities.count()).toBe(6);
    // Reconciling again changes nothing.
    expect(await sync.reconcile(await readSyncList())).toEqual({ subscribed: [], removed: [] });
    // The other device removed A.
    await writeSyncList(withRemoved(await readSyncList(), A));
    expect((await sync.reconcile(await readSyncList())).removed).toEqual([A]);
    expect(await db.sources.get(urlSourceId(A))).toBeUndefined();
    expect(await db.entities.count()).toBe(3);
  });

  it('when content scripts could have written the list (Firefox), a synced source waits, off and not downloaded, for the reader', async () => {
    const f = fakeFetch(() => ({ body: JSON.stringify(makePack(3)) }));
    const port = { subscribe: subscribeInSyncList, remove: removeFromSyncList, write: writeSyncList };
    const sync = new SourceSync(db, { fetch: f.fetch, syncList: port, syncListTrusted: () => false });
    await writeSyncList({ sources: [{ url: A, at: 1 }], removed: [] });
    expect((await sync.reconcile(await readSyncList())).subscribed).toEqual([A]);
    await sync.runDue();
    await sync.idle();
    const waiting = (await sync.list()).find((x) => x.url === A)!;
    expect(waiting).toMatchObject({ enabled: false, awaitingReader: true, entityCount: 0 });
    expect(f.requests).toHaveLength(0);
    // The reader turns it on in the popup: now it is downloaded.
    await sync.setEnabled(waiting.id, true);
    await sync.idle();
    expect(f.requests).toHaveLength(1);
    expect(await db.entities.count()).toBe(3);
    // A forged tombstone no longer removes what the reader confirmed.
    await writeSyncList(withRemoved(await readSyncList(), A));
    expect((await sync.reconcile(await readSyncList())).removed).toEqual([]);
    expect(await db.sources.get(urlSourceId(A))).toBeDefined();
  });
});
