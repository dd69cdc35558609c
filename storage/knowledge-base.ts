/**
 * Reads and writes of the knowledge base. Every write that replaces a source is one
 * transaction: a failure half-way leaves the previous version of the source intact.
 */
import type { Pack } from '../model/types';
import { type ClaimRow, type EntityRow, type GlossDB, type SourceRow, recordKey } from './db';

export interface InstallOptions {
  kind: SourceRow['kind'];
  url?: string;
  enabled?: boolean;
  etag?: string;
  lastModified?: string;
  intervalMinutes?: number;
}

/** Replace (or add) a source and all its records atomically. */
export async function installPack(db: GlossDB, pack: Pack, opts: InstallOptions): Promise<SourceRow> {
  const entities: EntityRow[] = pack.entities.map((e) => ({ ...e, key: recordKey(pack.id, e.id), sourceId: pack.id }));
  const claims: ClaimRow[] = pack.claims.map((c) => ({ ...c, key: recordKey(pack.id, c.id), sourceId: pack.id }));
  return db.transaction('rw', db.sources, db.entities, db.claims, db.matchers, async () => {
    const previous = await db.sources.get(pack.id);
    const row: SourceRow = {
      id: pack.id,
      name: pack.name,
      publisher: pack.publisher,
      licence: pack.licence,
      kind: opts.kind,
      url: opts.url,
      enabled: opts.enabled ?? previous?.enabled ?? true,
      updated: pack.updated,
      entityCount: entities.length,
      claimCount: claims.length,
      etag: opts.etag,
      lastModified: opts.lastModified,
      lastSync: Date.now(),
      intervalMinutes: opts.intervalMinutes ?? previous?.intervalMinutes,
      status: 'ok',
    };
    await db.entities.where('sourceId').equals(pack.id).delete();
    await db.claims.where('sourceId').equals(pack.id).delete();
    await db.entities.bulkAdd(entities);
    await db.claims.bulkAdd(claims);
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
  await db.transaction('rw', db.sources, db.entities, db.claims, db.matchers, async () => {
    await db.entities.where('sourceId').equals(id).delete();
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

export async function enabledSourceIds(db: GlossDB): Promise<string[]> {
  return (await db.sources.toArray()).filter((s) => s.enabled).map((s) => s.id);
}

/** A fingerprint of what the matchers are built from; changes whenever a source does. */
export async function sourcesFingerprint(db: GlossDB): Promise<string> {
  const rows = (await db.sources.toArray()).filter((s) => s.enabled).sort((a, b) => a.id.localeCompare(b.id));
  return rows.map((s) => `${s.id}@${s.updated}/${s.lastSync ?? 0}`).join('|');
}
