/**
 * The knowledge base: one Dexie database owned by the background. Content scripts
 * never open it (their IndexedDB belongs to the news site).
 *
 * Migrations: add `this.version(N + 1).stores({...}).upgrade(tx => ...)` below the
 * last version; never edit a shipped version's schema.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { Claim, Entity } from '../model/types';
import type { Note } from '../notes/types';
import { ensureSync, latestStamp } from '../sync/merge';
import { newDeviceId, type HlcState } from '../sync/hlc';

export interface SourceRow {
  id: string;
  name: string;
  publisher: string;
  licence: string;
  kind: 'bundled' | 'url' | 'file';
  url?: string;
  enabled: boolean;
  /** The pack's own updated date. */
  updated: string;
  entityCount: number;
  claimCount: number;
  etag?: string;
  lastModified?: string;
  lastSync?: number;
  nextSync?: number;
  /** Refresh interval in minutes for URL sources. */
  intervalMinutes?: number;
  status: 'ok' | 'syncing' | 'error';
  error?: string;
}

/** Provenance: every record carries the source it came from. */
export interface EntityRow extends Entity {
  /** `${sourceId}:${id}`, unique across sources. */
  key: string;
  sourceId: string;
}
export interface ClaimRow extends Claim {
  key: string;
  sourceId: string;
}

/** Built matchers, stored so a restarted background loads instead of rebuilding. */
export interface MatcherRow {
  kind: 'entity' | 'quote' | 'claim';
  /** Fingerprint of the enabled sources the matcher was built from. */
  fingerprint: string;
  bytes: Uint8Array;
}

/**
 * A reader's note (see notes/types.ts), plus `entityId` copied out of an entity
 * target so "notes on this entity" is an index lookup. Deleted notes stay as
 * tombstones (`deleted: true`) for undo and a later sync.
 */
export interface NoteRow extends Note {
  entityId?: string;
}

/**
 * Entities of a large source, a few hundred per row (`${sourceId}#${page}`): IndexedDB
 * pays per record written (100,000 single rows take seconds where 250 pages take a
 * fraction of one). An entity's page is `entityPage(id, source.entityPages)`.
 */
export interface EntityPageRow {
  key: string;
  sourceId: string;
  entities: EntityRow[];
}

/** Small key-value rows: this device's clock (`clock`), sync settings and status. */
export interface MetaRow {
  key: string;
  value: unknown;
}

export const CLOCK_KEY = 'clock';
export type ClockRow = { key: typeof CLOCK_KEY; value: HlcState };

/** What one sync target (`browser`, `server`) last knew of one note (sync/replicator.ts). */
export interface SyncStateRow {
  target: string;
  id: string;
  /** The server's revision of the note's document, once known. */
  rev?: string;
  /** Gloss's own revision counter inside the document (bound into the encryption). */
  counter?: number;
  /** Signature of the note as last written to or read from the target; differs when there is something to push. */
  sig: string;
}

export class GlossDB extends Dexie {
  sources!: EntityTable<SourceRow, 'id'>;
  entities!: EntityTable<EntityRow, 'key'>;
  entityPages!: EntityTable<EntityPageRow, 'key'>;
  claims!: EntityTable<ClaimRow, 'key'>;
  matchers!: EntityTable<MatcherRow, 'kind'>;
  notes!: EntityTable<NoteRow, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;
  syncState!: Dexie.Table<SyncStateRow, [string, string]>;

  constructor(name = 'gloss') {
    // Relaxed durability (Chromium): a commit does not wait for the disk to flush. A source
    // import is one transaction either way (all or nothing); only a power cut in the
    // second after a commit could lose it, and the source would then be fetched again.
    super(name, { chromeTransactionDurability: 'relaxed' });
    this.version(1).stores({
      sources: 'id, kind, enabled',
      entities: 'key, sourceId',
      claims: 'key, sourceId',
      matchers: 'kind',
    });
    // v2: the reader's notes (storage/notes.ts).
    this.version(2).stores({
      notes: 'id, pageUrl, updated, *tags, entityId',
    });
    // v3: sync. Every note gets clock stamps (sync/hlc.ts) as edits of this
    // device, made from its per-field update times; the device id is made here.
    this.version(3)
      .stores({ meta: 'key', syncState: '[target+id], target' })
      .upgrade(async (tx) => {
        const device = newDeviceId();
        let last: string | null = null;
        await tx
          .table('notes')
          .toCollection()
          .modify((row: NoteRow) => {
            if (!row.sync) row.sync = ensureSync(row, device).sync;
            const s = latestStamp(row);
            if (s && (!last || s > last)) last = s;
          });
        // The clock starts after every migrated stamp, so the next edit wins over them.
        await tx.table('meta').put({ key: CLOCK_KEY, value: { device, last } satisfies HlcState });
      });
    // v4: large sources' entities in pages (storage/knowledge-base.ts); existing rows stay as they are.
    this.version(4).stores({ entityPages: 'key, sourceId' });
  }
}

/** Which of `pages` pages holds entity `id` (FNV-1a of the id): fixed by the id, so no index is needed. */
export function entityPage(id: string, pages: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h % pages;
}

export function pageKey(sourceId: string, page: number): string {
  return `${sourceId}#${page}`;
}

export function recordKey(sourceId: string, id: string): string {
  return `${sourceId}:${id}`;
}
