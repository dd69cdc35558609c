/** The reader's sources: listing (and, as they land, adding, refreshing and removing). */
import type { Handlers } from '../messaging/client';
import type { SourceSummary } from '../messaging/protocol';
import type { SourceRow } from '../storage/db';
import type { BackgroundDeps } from './deps';

export function toSummary(s: SourceRow): SourceSummary {
  return {
    id: s.id,
    name: s.name,
    publisher: s.publisher,
    kind: s.kind,
    url: s.url,
    enabled: s.enabled,
    entityCount: s.entityCount,
    claimCount: s.claimCount,
    updated: s.updated,
    lastSync: s.lastSync,
    nextSync: s.nextSync,
    status: s.status,
    error: s.error,
  };
}

export function sourceHandlers({ db, ready }: BackgroundDeps): Handlers<'sources/list'> {
  return {
    'sources/list': async () => {
      await ready;
      return (await db.sources.toArray()).map(toSummary);
    },
  };
}
