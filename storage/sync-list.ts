/**
 * The reader's subscribed URL sources, kept in `browser.storage.sync` so their other
 * devices subscribe to the same sources.
 *
 * Rule (documented in README "Sources"):
 * - The list is a union: a URL source added on any device is subscribed on all.
 * - A URL source present locally but missing from the list (added before sync, or while
 *   sync was off) is published to the list, not deleted.
 * - Only an explicit removal deletes: removing a source adds a tombstone
 *   `{url, at}`; devices that see the tombstone remove their copy. Re-adding the
 *   URL clears its tombstone. Tombstones are kept for TOMBSTONE_DAYS.
 * - The refresh interval travels with the URL (last writer wins); the enabled switch
 *   and the records stay local.
 * - File sources are never synced (their text lives only on this device).
 */
import { storage } from 'wxt/utils/storage';

export interface SyncedSource {
  url: string;
  intervalMinutes?: number;
  /** When it was subscribed (ms). */
  at: number;
}
export interface Tombstone {
  url: string;
  at: number;
}
export interface SyncList {
  sources: SyncedSource[];
  removed: Tombstone[];
}

export const TOMBSTONE_DAYS = 60;
/** storage.sync allows 8 KB per item; URLs are capped so the list fits. */
export const MAX_SYNCED_SOURCES = 40;
const MAX_SYNC_URL = 1_000;

export const syncList = storage.defineItem<SyncList>('sync:sourceSubscriptions', { fallback: { sources: [], removed: [] } });

/** Keep only well-formed entries (the payload may come from another device or version). */
export function cleanSyncList(raw: unknown, now = Date.now()): SyncList {
  const out: SyncList = { sources: [], removed: [] };
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as { sources?: unknown; removed?: unknown };
  const seen = new Set<string>();
  for (const s of Array.isArray(r.sources) ? r.sources : []) {
    if (!s || typeof s !== 'object') continue;
    const { url, intervalMinutes, at } = s as Record<string, unknown>;
    if (typeof url !== 'string' || url.length > MAX_SYNC_URL || seen.has(url)) continue;
    seen.add(url);
    const entry: SyncedSource = { url, at: typeof at === 'number' && Number.isFinite(at) ? at : 0 };
    if (typeof intervalMinutes === 'number' && Number.isFinite(intervalMinutes) && intervalMinutes > 0) entry.intervalMinutes = Math.round(intervalMinutes);
    out.sources.push(entry);
    if (out.sources.length >= MAX_SYNCED_SOURCES) break;
  }
  const cutoff = now - TOMBSTONE_DAYS * 86_400_000;
  const dead = new Set<string>();
  for (const t of Array.isArray(r.removed) ? r.removed : []) {
    if (!t || typeof t !== 'object') continue;
    const { url, at } = t as Record<string, unknown>;
    if (typeof url !== 'string' || url.length > MAX_SYNC_URL || typeof at !== 'number' || at < cutoff || dead.has(url)) continue;
    dead.add(url);
    out.removed.push({ url, at });
  }
  // A URL both subscribed and removed: the later event wins.
  const removedAt = new Map(out.removed.map((t) => [t.url, t.at]));
  out.sources = out.sources.filter((s) => !(removedAt.has(s.url) && removedAt.get(s.url)! >= s.at));
  const live = new Set(out.sources.map((s) => s.url));
  out.removed = out.removed.filter((t) => !live.has(t.url)).slice(-MAX_SYNCED_SOURCES);
  return out;
}

export interface LocalUrlSource {
  url: string;
  intervalMinutes?: number;
}

export interface MergePlan {
  /** URLs in the list that this device should subscribe to. */
  subscribe: SyncedSource[];
  /** Local URLs removed on another device. */
  remove: string[];
  /** Local URLs whose interval changed on another device. */
  retime: { url: string; intervalMinutes: number }[];
  /** The list to write back (local-only URLs published), or undefined when unchanged. */
  next?: SyncList;
}

/** Decide what to do with a sync list and this device's URL sources. Pure. */
export function mergeSyncList(local: LocalUrlSource[], remoteRaw: unknown, now = Date.now()): MergePlan {
  const remote = cleanSyncList(remoteRaw, now);
  const localByUrl = new Map(local.map((l) => [l.url, l]));
  const listed = new Map(remote.sources.map((s) => [s.url, s]));
  const tombstoned = new Set(remote.removed.map((t) => t.url));

  const subscribe = remote.sources.filter((s) => !localByUrl.has(s.url));
  const remove = local.filter((l) => tombstoned.has(l.url) && !listed.has(l.url)).map((l) => l.url);
  const retime = remote.sources.flatMap((s) => {
    const l = localByUrl.get(s.url);
    return l && s.intervalMinutes !== undefined && s.intervalMinutes !== l.intervalMinutes ? [{ url: s.url, intervalMinutes: s.intervalMinutes }] : [];
  });
  const publish = local.filter((l) => !listed.has(l.url) && !tombstoned.has(l.url));
  let next: SyncList | undefined;
  if (publish.length) {
    next = cleanSyncList({ sources: [...remote.sources, ...publish.map((l) => ({ url: l.url, intervalMinutes: l.intervalMinutes, at: now }))], removed: remote.removed }, now);
  }
  return { subscribe, remove, retime, next };
}

/** Pure list edits, used by the storage helpers below and by tests. */
export function withSubscribed(list: SyncList, url: string, intervalMinutes: number | undefined, now = Date.now()): SyncList {
  const sources = list.sources.filter((s) => s.url !== url);
  const existing = list.sources.find((s) => s.url === url);
  sources.push({ url, at: existing?.at ?? now, ...(intervalMinutes !== undefined ? { intervalMinutes } : {}) });
  return cleanSyncList({ sources, removed: list.removed.filter((t) => t.url !== url) }, now);
}

export function withRemoved(list: SyncList, url: string, now = Date.now()): SyncList {
  return cleanSyncList({ sources: list.sources.filter((s) => s.url !== url), removed: [...list.removed.filter((t) => t.url !== url), { url, at: now }] }, now);
}

export async function readSyncList(): Promise<SyncList> {
  return cleanSyncList(await syncList.getValue());
}

export async function subscribeInSyncList(url: string, intervalMinutes?: number): Promise<void> {
  const list = await readSyncList();
  const next = withSubscribed(list, url, intervalMinutes);
  if (JSON.stringify(next) !== JSON.stringify(list)) await syncList.setValue(next);
}

export async function removeFromSyncList(url: string): Promise<void> {
  await syncList.setValue(withRemoved(await readSyncList(), url));
}

export async function writeSyncList(list: SyncList): Promise<void> {
  await syncList.setValue(list);
}

/** Call `cb` when another device (or context) changes the list. */
export function watchSyncList(cb: (list: SyncList) => void): () => void {
  return syncList.watch((v) => cb(cleanSyncList(v)));
}
