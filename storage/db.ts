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

export class GlossDB extends Dexie {
  sources!: EntityTable<SourceRow, 'id'>;
  entities!: EntityTable<EntityRow, 'key'>;
  claims!: EntityTable<ClaimRow, 'key'>;
  matchers!: EntityTable<MatcherRow, 'kind'>;
  notes!: EntityTable<NoteRow, 'id'>;

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
  }
}

export function recordKey(sourceId: string, id: string): string {
  return `${sourceId}:${id}`;
}
