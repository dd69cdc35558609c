import { describe, expect, it } from 'vitest';
import { BrowserSync, SYNC_QUOTA, noteItems, readNotes, type LocalNotes } from '../../../sync/browser-sync';
import { MemoryStore } from '../../../sync/memory-store';
import { canonicalJson, conflictCopies, mergeNote } from '../../../sync/merge';
import type { Note } from '../../../notes';
import { FakeCloud } from './fake-storage-sync';

function localOf(store: MemoryStore): LocalNotes {
  return {
    all: async () => [...store.notes.values()],
    absorb: async (notes: readonly Note[]) => {
      for (const n of notes) {
        const mine = store.notes.get(n.id);
        store.notes.set(n.id, mine ? mergeNote(mine, n) : n);
      }
    },
  };
}

function setup() {
  const clock = { t: Date.parse('2026-11-30T12:00:00Z') };
  const now = () => clock.t;
  const cloud = new FakeCloud();
  const mk = (name: string) => {
    const store = new MemoryStore(name, now);
    const area = cloud.device(now);
    const sync = new BrowserSync(area, localOf(store), SYNC_QUOTA, now);
    area.listeners.push((changes) => void sync.pull(Object.fromEntries(Object.entries(changes).map(([k, c]) => [k, c.newValue]))));
    return { store, area, sync };
  };
  return { clock, cloud, a: mk('laptop'), b: mk('phone') };
}

const page = { pageUrl: 'https://news.example/story', target: { kind: 'page' as const } };
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('browser sync through a quota-enforcing fake of storage.sync', () => {
  it('carries notes to the other device, and keeps those that do not fit on the device, listed, never cut', async () => {
    const { clock, cloud, a, b } = setup();
    const ids: string[] = [];
    for (let i = 0; i < 220; i++) {
      clock.t += 1000;
      ids.push(a.store.add({ ...page, body: `note ${i}: ${words(60)}` }).id);
    }
    const status = await a.sync.flush();
    expect(status.synced + status.notSynced.length).toBe(220);
    expect(status.notSynced.length).toBeGreaterThan(0);
    expect(status.bytesUsed).toBeLessThanOrEqual(SYNC_QUOTA.bytes);
    // The newest notes went first; the oldest wait.
    expect(status.notSynced).toContain(ids[0]);
    expect(status.notSynced).not.toContain(ids[219]);
    cloud.deliver();
    await b.sync.pull();
    expect(b.store.notes.size).toBe(status.synced);
    for (const n of b.store.notes.values()) expect(canonicalJson(n)).toBe(canonicalJson(a.store.notes.get(n.id)));
  });

  it('splits a long note into chunks that each fit in one item, and skips it while only part has arrived', async () => {
    const { cloud, a, b } = setup();
    const big = a.store.add({ ...page, body: `long ${'x'.repeat(18_000)} é ${'ü'.repeat(500)}` });
    const items = noteItems(big);
    expect(Object.keys(items).length).toBeGreaterThan(2);
    await a.sync.flush();
    // Only the first chunk delivered: not read yet.
    const header = Object.fromEntries(Object.entries(items).slice(0, 1));
    expect(readNotes(header)).toEqual([]);
    cloud.deliver();
    await b.sync.pull();
    expect(b.store.notes.get(big.id)?.body).toBe(big.body);
  });

  it('merges concurrent edits of one note from two devices, leaving a conflict copy, despite last-writer-wins items', async () => {
    const { clock, cloud, a, b } = setup();
    const n = a.store.add({ ...page, body: 'first' });
    await a.sync.flush();
    cloud.deliver();
    await b.sync.pull();
    clock.t += 1000;
    a.store.change(n.id, { body: 'laptop text', tags: ['laptop'] });
    b.store.change(n.id, { body: 'phone text' });
    await a.sync.flush();
    await b.sync.flush();
    for (let round = 0; round < 4; round++) {
      clock.t += 5000;
      cloud.deliver();
      await a.sync.flush();
      await b.sync.flush();
    }
    cloud.deliver();
    const na = a.store.notes.get(n.id)!;
    expect(canonicalJson(na)).toBe(canonicalJson(b.store.notes.get(n.id)));
    expect(na.tags).toEqual(['laptop']);
    expect([na.body, ...conflictCopies(na).map((c) => c.body)].sort()).toEqual(['laptop text', 'phone text']);
    expect(readNotes(await a.area.get()).map((x) => x.body)).toEqual([na.body]);
  });

  it('waits instead of going over the per-minute write limit', async () => {
    const { clock, a } = setup();
    const n = a.store.add({ ...page, body: '0' });
    let waited: number | undefined;
    for (let i = 1; i <= 150 && waited === undefined; i++) {
      a.store.change(n.id, { body: String(i) });
      waited = (await a.sync.flush()).waitUntil; // the fake throws if a limit is passed
    }
    expect(waited).toBeGreaterThan(clock.t);
    clock.t = waited!;
    expect((await a.sync.flush()).waitUntil).toBeUndefined();
  });
});
