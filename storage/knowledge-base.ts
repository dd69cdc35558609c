/**
 * Reads and writes of the knowledge base. Every write that replaces a source is one
 * transaction: a failure half-way leaves the previous version of the source intact.
 *
 * Big packs are written in chunks (`chunkSize` records per bulkAdd) inside that one
 * transaction, reporting progress after each chunk. The progress callback runs inside
 * the transaction, so it must be synchronous (no awaits on non-IndexedDB work); if it
 * throws, the whole install is rolled back.
 */
import type { Pack } from '../model/types';
import { type ClaimRow, type EntityPageRow, type EntityRow, type GlossDB, type SourceRow, entityPage, pageKey, recordKey } from './db';

/**
 * Sync bookkeeping kept on the source row beside SourceRow's fields. These are not
 * indexed, so they need no schema version.
 */
export interface SourceState extends SourceRow {
  /** When this source's records were last written (the matcher fingerprint follows it). */
  installedAt?: number;
  /** When a refresh was last attempted (success or not). */
  lastAttempt?: number;
  /** Consecutive failed refreshes; 0 after a success. */
  failures?: number;
  /**
   * Arrived through a sync list that content scripts could have written (Firefox): off, and
   * not downloaded, until the reader turns it on in the popup.
   */
  awaitingReader?: boolean;
  /** Set when the source's entities are stored in pages (`entityPages`): how many. */
  entityPages?: number;
}

/** Sources with more entities than this store them in pages of about PAGE_SIZE. */
export const PAGED_ABOVE = 5_000;
export const PAGE_SIZE = 400;

export const INSTALL_CHUNK = 2_000;

export interface InstallProgress {
  done: number;
  total: number;
}

export interface InstallOptions {
  kind: SourceRow['kind'];
  /** The source row's id; defaults to the pack's id. Records are keyed `${sourceId}:${record id}`. */
  sourceId?: string;
  url?: string;
  enabled?: boolean;
  etag?: string;
  lastModified?: string;
  intervalMinutes?: number;
  nextSync?: number;
  /** Refuse (and write nothing) unless the source row still exists: a removed source is not resurrected. */
  requireExisting?: boolean;
  /** Records per bulkAdd. */
  chunkSize?: number;
  /** Called after each chunk, inside the transaction; must not await. Throwing rolls everything back. */
  onProgress?: (p: InstallProgress) => void;
}

/** Replace (or add) a source and all its records atomically. */
export async function installPack(db: GlossDB, pack: Pack, opts: InstallOptions): Promise<SourceState> {
  const sourceId = opts.sourceId ?? pack.id;
  const entities: EntityRow[] = pack.entities.map((e) => ({ ...e, key: recordKey(sourceId, e.id), sourceId }));
  const claims: ClaimRow[] = pack.claims.map((c) => ({ ...c, key: recordKey(sourceId, c.id), sourceId }));
  const total = entities.length + claims.length;
  const chunk = Math.max(1, opts.chunkSize ?? INSTALL_CHUNK);
  const pageCount = entities.length > PAGED_ABOVE ? Math.ceil(entities.length / PAGE_SIZE) : 0;
  return db.transaction('rw', [db.sources, db.entities, db.entityPages, db.claims, db.matchers], async () => {
    const previous = (await db.sources.get(sourceId)) as SourceState | undefined;
    if (opts.requireExisting && !previous) throw new Error(`Source '${pack.name}' was removed while it was being updated`);
    const now = Date.now();
    const row: SourceState = {
      id: sourceId,
      name: pack.name,
      publisher: pack.publisher,
      licence: pack.licence,
      kind: opts.kind,
      url: opts.url ?? previous?.url,
      enabled: opts.enabled ?? previous?.enabled ?? true,
      updated: pack.updated,
      entityCount: entities.length,
      claimCount: claims.length,
      etag: opts.etag,
      lastModified: opts.lastModified,
      lastSync: now,
      lastAttempt: now,
      installedAt: now,
      failures: 0,
      nextSync: opts.nextSync,
      intervalMinutes: opts.intervalMinutes ?? previous?.intervalMinutes,
      status: 'ok',
    };
    if (row.url === undefined) delete row.url;
    if (row.nextSync === undefined) delete row.nextSync;
    if (pageCount) row.entityPages = pageCount;
    await db.entities.where('sourceId').equals(sourceId).delete();
    await db.entityPages.where('sourceId').equals(sourceId).delete();
    await db.claims.where('sourceId').equals(sourceId).delete();
    let done = 0;
    opts.onProgress?.({ done, total });
    if (pageCount) {
      const pages: EntityPageRow[] = Array.from({ length: pageCount }, (_, n) => ({ key: pageKey(sourceId, n), sourceId, entities: [] }));
      for (const e of entities) pages[entityPage(e.id, pageCount)]!.entities.push(e);
      const perChunk = Math.max(1, Math.round(chunk / PAGE_SIZE));
      for (let i = 0; i < pages.length; i += perChunk) {
        const part = pages.slice(i, i + perChunk);
        await db.entityPages.bulkAdd(part);
        done += part.reduce((n, p) => n + p.entities.length, 0);
        opts.onProgress?.({ done, total });
      }
    }
    for (const [table, rows] of [
      [db.entities, pageCount ? [] : entities],
      [db.claims, claims],
    ] as const) {
      for (let i = 0; i < rows.length; i += chunk) {
        const part = rows.slice(i, i + chunk);
        await (table as GlossDB['entities']).bulkAdd(part as EntityRow[]);
        done += part.length;
        opts.onProgress?.({ done, total });
      }
    }
    await db.sources.put(row);
    // Matchers built from the old records are stale now.
    await db.matchers.clear();
    return row;
  });
}

/**
 * Install the bundled starter pack unless this version of it is already there.
 * Returns whether anything was written, so a re-run is visibly idempotent.
 */
export async function ensureBundledPack(db: GlossDB, pack: Pack): Promise<boolean> {
  const existing = await db.sources.get(pack.id);
  if (existing && existing.updated === pack.updated && existing.kind === 'bundled') return false;
  await installPack(db, pack, { kind: 'bundled', enabled: existing?.enabled });
  return true;
}

export async function removeSource(db: GlossDB, id: string): Promise<void> {
  await db.transaction('rw', [db.sources, db.entities, db.entityPages, db.claims, db.matchers], async () => {
    await db.entities.where('sourceId').equals(id).delete();
    await db.entityPages.where('sourceId').equals(id).delete();
    await db.claims.where('sourceId').equals(id).delete();
    await db.sources.delete(id);
    await db.matchers.clear();
  });
}

export async function setSourceEnabled(db: GlossDB, id: string, enabled: boolean): Promise<void> {
  await db.transaction('rw', db.sources, db.matchers, async () => {
    await db.sources.update(id, { enabled });
    await db.matchers.clear();
  });
}

/** Update a source row's sync bookkeeping (status, error, schedule) without touching its records. */
export async function updateSourceState(db: GlossDB, id: string, changes: Partial<SourceState>): Promise<SourceState | undefined> {
  return db.transaction('rw', db.sources, async () => {
    const row = (await db.sources.get(id)) as SourceState | undefined;
    if (!row) return undefined;
    const next: SourceState = { ...row, ...changes };
    for (const k of Object.keys(next) as (keyof SourceState)[]) if (next[k] === undefined) delete next[k];
    await db.sources.put(next);
    return next;
  });
}

export async function enabledSourceIds(db: GlossDB): Promise<string[]> {
  return (await db.sources.toArray()).filter((s) => s.enabled).map((s) => s.id);
}

/**
 * A fingerprint of what the matchers are built from; changes whenever an enabled
 * source's records do. Sources with no records yet (a subscription whose first
 * download is running) contribute nothing, and a refresh that found the source
 * unchanged keeps the fingerprint (it follows `installedAt`, not `lastSync`).
 */
export async function sourcesFingerprint(db: GlossDB): Promise<string> {
  const rows = ((await db.sources.toArray()) as SourceState[])
    .filter((s) => s.enabled && s.entityCount + s.claimCount > 0)
    .sort((a, b) => a.id.localeCompare(b.id));
  return rows.map((s) => `${s.id}@${s.updated}/${s.installedAt ?? s.lastSync ?? 0}`).join('|');
}

/** Entity records by key, wherever they are stored (single rows, or a large source's pages). */
export async function getEntities(db: GlossDB, keys: readonly string[]): Promise<Map<string, EntityRow>> {
  const out = new Map<string, EntityRow>();
  const rows = await db.entities.bulkGet([...keys]);
  const missing: string[] = [];
  rows.forEach((r, i) => (r ? out.set(r.key, r) : missing.push(keys[i]!)));
  if (!missing.length) return out;
  const sources = new Map(((await db.sources.toArray()) as SourceState[]).filter((s) => s.entityPages).map((s) => [s.id, s.entityPages!]));
  const wanted = new Map<string, Set<string>>();
  for (const key of missing) {
    const cut = key.indexOf(':');
    const sourceId = key.slice(0, cut);
    const pages = sources.get(sourceId);
    if (!pages) continue;
    const pk = pageKey(sourceId, entityPage(key.slice(cut + 1), pages));
    (wanted.get(pk) ?? wanted.set(pk, new Set()).get(pk)!).add(key);
  }
  const pageRows = await db.entityPages.bulkGet([...wanted.keys()]);
  for (const page of pageRows) {
    if (!page) continue;
    const keysHere = wanted.get(page.key)!;
    for (const e of page.entities) if (keysHere.has(e.key)) out.set(e.key, e);
  }
  return out;
}

/** All entity records of one source (its rows or its pages). */
export async function sourceEntities(db: GlossDB, sourceId: string): Promise<EntityRow[]> {
  const [rows, pages] = await Promise.all([db.entities.where('sourceId').equals(sourceId).toArray(), db.entityPages.where('sourceId').equals(sourceId).toArray()]);
  if (!pages.length) return rows;
  const out = rows;
  for (const p of pages) for (const e of p.entities) out.push(e);
  return out;
}
