/**
 * Browser sync: the reader's notes through the browser's own synced storage
 * (storage.sync), with no setup. Pure: the storage area is passed in.
 *
 * Layout: one item per note, `n:<id>`, holding {k, s, d}: k chunks, s the
 * note's signature, d the first slice of its JSON; a note too big for one
 * 8 KB item continues in `n:<id>#1`, `n:<id>#2`... A note whose chunks do not
 * all match its signature (half-synced) is skipped until they do.
 *
 * The browser keeps about 100 KB in all, 8 KB per item, 512 items, and limits
 * writes per minute and per hour. Notes are chosen newest first until the
 * budget is full; the rest stay on the device and are listed as not synced,
 * never cut short. All changes of one flush go in one set() and one remove(),
 * and flushes are spaced to stay inside the write limits.
 */
import type { Note } from '../notes/types';
import { canonicalJson } from './merge';
import { sigOf } from './store';
import { checkSyncedNote } from './validate';

/** Chrome's storage.sync limits (Firefox's are the same or looser). */
export const SYNC_QUOTA = {
  bytes: 102_400,
  bytesPerItem: 8_192,
  maxItems: 512,
  writesPerMinute: 120,
  writesPerHour: 1_800,
};
export type SyncQuota = typeof SYNC_QUOTA;

/** Room kept free for Gloss's other synced settings to grow, beyond what they use now. */
const RESERVED_BYTES = 4_096;
const RESERVED_ITEMS = 16;
const PREFIX = 'n:';

export interface SyncArea {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export interface LocalNotes {
  all(): Promise<Note[]>;
  /** Merge these versions into the local notes (one transaction). */
  absorb(notes: readonly Note[]): Promise<void>;
}

export interface BrowserSyncStatus {
  /** Notes held in browser sync. */
  synced: number;
  /** Live notes that did not fit (ids), kept on this device only. */
  notSynced: string[];
  bytesUsed: number;
  bytesQuota: number;
  /** When the write limits allow the next write (ms since epoch), if a flush had to wait. */
  waitUntil?: number;
}

/** How Chrome counts an item against the quota: key length plus the JSON of the value. */
export function itemBytes(key: string, value: unknown): number {
  return key.length + new TextEncoder().encode(JSON.stringify(value)).length;
}

type Chunk = { k: number; s: string; d: string };

/** The items for one note: the JSON sliced so every item fits. */
export function noteItems(note: Note, quota: SyncQuota = SYNC_QUOTA): Record<string, unknown> {
  const json = canonicalJson(note);
  const s = sigOf(note);
  const key = `${PREFIX}${note.id}`;
  // Leave room for the key, the wrapper and JSON escaping (each char can grow to 6 bytes as \uXXXX, rare; measured below).
  const slices: string[] = [];
  let rest = json;
  let size = 4_000;
  while (rest.length) {
    let part = rest.slice(0, size);
    while (itemBytes(`${key}#99`, { k: 99, s, d: part }) > quota.bytesPerItem) part = part.slice(0, Math.floor(part.length * 0.8));
    slices.push(part);
    rest = rest.slice(part.length);
    size = 7_000;
  }
  const out: Record<string, unknown> = { [key]: { k: slices.length, s, d: slices[0] ?? '' } satisfies Chunk };
  slices.slice(1).forEach((d, i) => (out[`${key}#${i + 1}`] = d));
  return out;
}

/** Notes found in the area (checked as untrusted input); half-synced or invalid ones are skipped. */
export function readNotes(items: Record<string, unknown>): Note[] {
  const out: Note[] = [];
  for (const [key, v] of Object.entries(items)) {
    if (!key.startsWith(PREFIX) || key.includes('#')) continue;
    const c = v as Partial<Chunk> | null;
    if (!c || typeof c.d !== 'string' || typeof c.s !== 'string' || !Number.isInteger(c.k) || c.k! < 1 || c.k! > 64) continue;
    let json = c.d;
    for (let i = 1; i < c.k!; i++) {
      const part = items[`${key}#${i}`];
      if (typeof part !== 'string') {
        json = '';
        break;
      }
      json += part;
    }
    if (!json) continue;
    try {
      const note = checkSyncedNote(JSON.parse(json));
      if (note.id === key.slice(PREFIX.length) && sigOf(note) === c.s) out.push(note);
    } catch {
      // Half-synced (chunks from two versions) or not Gloss's: wait for the rest, or ignore.
    }
  }
  return out;
}

/** Which notes to keep in browser sync: live notes newest first, then tombstones, while the budget lasts. */
export function plan(notes: readonly Note[], quota: SyncQuota = SYNC_QUOTA, others = { bytes: 0, items: 0 }): { items: Record<string, unknown>; synced: string[]; notSynced: string[]; bytes: number } {
  const order = [...notes].sort((a, b) => Number(!!a.deleted) - Number(!!b.deleted) || (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : a.id < b.id ? -1 : 1));
  const items: Record<string, unknown> = {};
  const synced: string[] = [];
  const notSynced: string[] = [];
  let bytes = 0;
  let count = 0;
  for (const n of order) {
    const its = noteItems(n, quota);
    const size = Object.entries(its).reduce((t, [k, v]) => t + itemBytes(k, v), 0);
    const k = Object.keys(its).length;
    if (bytes + size <= quota.bytes - RESERVED_BYTES - others.bytes && count + k <= quota.maxItems - RESERVED_ITEMS - others.items) {
      Object.assign(items, its);
      bytes += size;
      count += k;
      synced.push(n.id);
    } else if (!n.deleted) notSynced.push(n.id);
  }
  return { items, synced, notSynced, bytes };
}

export class BrowserSync {
  private writes: number[] = [];
  constructor(
    private readonly area: SyncArea,
    private readonly local: LocalNotes,
    private readonly quota: SyncQuota = SYNC_QUOTA,
    private readonly now: () => number = Date.now,
  ) {}

  /** Merge what browser sync holds into the local notes (start-up, and on every onChanged). */
  async pull(items?: Record<string, unknown>): Promise<number> {
    const notes = readNotes(items ?? (await this.area.get(null)));
    if (notes.length) await this.local.absorb(notes);
    return notes.length;
  }

  /**
   * Pull, then write the merged notes that fit, changing only items that
   * differ. Returns the status; `waitUntil` when the write limits said wait.
   */
  async flush(): Promise<BrowserSyncStatus> {
    const current = await this.area.get(null);
    const remote = readNotes(current);
    if (remote.length) await this.local.absorb(remote);
    const mine = await this.local.all();
    // Other synced settings (paused sites, the sources list) share the quota.
    const otherKeys = Object.keys(current).filter((k) => !k.startsWith(PREFIX));
    const others = { bytes: otherKeys.reduce((t, k) => t + itemBytes(k, current[k]), 0), items: otherKeys.length };
    const { items, synced, notSynced, bytes } = plan(mine, this.quota, others);
    const toSet: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(items)) if (JSON.stringify(current[k]) !== JSON.stringify(v)) toSet[k] = v;
    const toRemove = Object.keys(current).filter((k) => k.startsWith(PREFIX) && !(k in items));
    const status: BrowserSyncStatus = { synced: synced.length, notSynced, bytesUsed: bytes, bytesQuota: this.quota.bytes };
    const ops = (Object.keys(toSet).length ? 1 : 0) + (toRemove.length ? 1 : 0);
    if (!ops) return status;
    const t = this.now();
    this.writes = this.writes.filter((w) => w > t - 3_600_000);
    const lastMinute = this.writes.filter((w) => w > t - 60_000);
    // Keep well inside the limits: other Gloss settings write too.
    if (lastMinute.length + ops > this.quota.writesPerMinute / 2 || this.writes.length + ops > this.quota.writesPerHour / 2) {
      const oldest = lastMinute.length + ops > this.quota.writesPerMinute / 2 ? lastMinute[0]! + 60_000 : this.writes[0]! + 3_600_000;
      return { ...status, waitUntil: oldest };
    }
    // Add before removing, so a note moving between chunk layouts is never absent.
    if (ops && Object.keys(toSet).length) {
      await this.area.set(toSet);
      this.writes.push(t);
    }
    if (toRemove.length) {
      await this.area.remove(toRemove);
      this.writes.push(t);
    }
    return status;
  }
}

