/**
 * Keeps the built matchers for the enabled sources. A restarted background loads
 * them from the knowledge base instead of rebuilding; a source change rebuilds
 * while the previous matchers keep answering.
 */
import { ClaimIndex, type ClaimDoc } from '../claims';
import { EntityMatcher, QuoteMatcher, type AliasEntry, type QuoteEntry } from '../matching';
import type { ClaimRow, EntityRow, GlossDB } from '../storage/db';
import { type SourceState, sourceEntities, sourcesFingerprint } from '../storage/knowledge-base';

export interface Matchers {
  fingerprint: string;
  entity: EntityMatcher;
  /** Claims quoted word for word (allowing for quotation marks, punctuation and case). */
  quote: QuoteMatcher;
  /** Claims reworded: sentence retrieval and reranking. */
  claim: ClaimIndex;
}

function aliasesOf(e: Pick<EntityRow, 'key' | 'name' | 'aliases' | 'contextAliases'>): AliasEntry[] {
  return [...new Set([e.name, ...e.aliases, ...(e.contextAliases ?? [])])].map((alias) => ({ alias, entityId: e.key }));
}

export class MatcherService {
  private current: Matchers | undefined;
  private pending: Promise<Matchers> | undefined;

  constructor(private readonly db: GlossDB) {}

  /** Matchers for the sources as they are now; the old ones while new ones build. */
  async get(): Promise<Matchers> {
    const fingerprint = await sourcesFingerprint(this.db);
    if (this.current?.fingerprint === fingerprint) return this.current;
    const building = this.build(fingerprint);
    if (this.current) {
      // Serve the previous matchers; the fresh ones replace them when ready.
      void building.then((m) => (this.current = m)).catch((e) => console.error('Gloss: rebuilding matchers failed', e));
      return this.current;
    }
    this.current = await building;
    return this.current;
  }

  /** Matchers for the sources as they are now, waiting for a build if one is needed. */
  async ready(): Promise<Matchers> {
    const fingerprint = await sourcesFingerprint(this.db);
    if (this.current?.fingerprint !== fingerprint) this.current = await this.build(fingerprint);
    return this.current;
  }

  private build(fingerprint: string): Promise<Matchers> {
    if (!this.pending) this.pending = this.loadOrBuild(fingerprint).finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async loadOrBuild(fingerprint: string): Promise<Matchers> {
    const [entityRow, claimRow] = await this.db.matchers.bulkGet(['entity', 'claim']);
    const claims = await this.records<ClaimRow>(this.db.claims);
    const quote = QuoteMatcher.build(await this.quoteEntries(claims));
    if (entityRow?.fingerprint === fingerprint && claimRow?.fingerprint === fingerprint) {
      try {
        return { fingerprint, quote, entity: EntityMatcher.load(entityRow.bytes), claim: ClaimIndex.load(claimRow.bytes) };
      } catch (e) {
        // Bytes from another version of Gloss (a format change) or damaged: rebuild.
        console.warn('Gloss: stored matchers could not be loaded; rebuilding', e);
      }
    }
    const entity = EntityMatcher.build(await this.aliasEntries());
    const claim = ClaimIndex.build(this.claimDocs(claims));
    await this.db.matchers.bulkPut([
      { kind: 'entity', fingerprint, bytes: entity.serialize() },
      { kind: 'claim', fingerprint, bytes: claim.serialize() },
    ]);
    return { fingerprint, entity, quote, claim };
  }

  private async enabled(): Promise<Set<string>> {
    return new Set((await this.db.sources.toArray()).filter((s) => s.enabled).map((s) => s.id));
  }

  /**
   * Records of the enabled sources, read per source with getAll (`toArray`): a cursor
   * (`each`) costs one event per record, seconds for a 100,000-entity pack.
   */
  private async records<T extends { sourceId: string }>(table: GlossDB['entities'] | GlossDB['claims']): Promise<T[]> {
    const enabled = [...(await this.enabled())];
    const lists = await Promise.all(enabled.map((id) => (table as GlossDB['entities']).where('sourceId').equals(id).toArray()));
    return lists.flat() as unknown as T[];
  }

  /**
   * A source just installed hands its alias entries over, so the rebuild that follows
   * does not read its records back from IndexedDB (seconds for 100,000 entities). Used
   * once, and only while the source row still has that install time.
   */
  prime(sourceId: string, installedAt: number | undefined, entities: readonly Pick<EntityRow, 'key' | 'name' | 'aliases' | 'contextAliases'>[]): void {
    if (installedAt === undefined) return;
    this.primed.set(sourceId, { installedAt, entries: entities.flatMap((e) => aliasesOf(e)) });
  }

  private readonly primed = new Map<string, { installedAt: number; entries: AliasEntry[] }>();

  private async aliasEntries(): Promise<AliasEntry[]> {
    const rows = (await this.db.sources.toArray()) as SourceState[];
    const entries: AliasEntry[] = [];
    const fromDb: string[] = [];
    for (const row of rows) {
      if (!row.enabled) continue;
      const primed = this.primed.get(row.id);
      if (primed && primed.installedAt === row.installedAt) for (const a of primed.entries) entries.push(a);
      else fromDb.push(row.id);
    }
    this.primed.clear();
    const lists = await Promise.all(fromDb.map((id) => sourceEntities(this.db, id)));
    for (const list of lists) for (const e of list) for (const a of aliasesOf(e)) entries.push(a);
    return entries;
  }

  private async quoteEntries(claims: ClaimRow[]): Promise<QuoteEntry[]> {
    const entries: QuoteEntry[] = [];
    for (const c of claims) for (const text of new Set([c.text, ...(c.quotes ?? [])])) entries.push({ text, claimId: c.key });
    return entries;
  }

  private claimDocs(claims: ClaimRow[]): ClaimDoc[] {
    return claims.map((c) => ({ id: c.key, text: c.text, title: c.explanation }));
  }
}
