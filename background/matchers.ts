/**
 * Keeps the built matchers for the enabled sources. A restarted background loads
 * them from the knowledge base instead of rebuilding; a source change rebuilds
 * while the previous matchers keep answering.
 */
import { ClaimIndex, type ClaimDoc } from '../claims';
import { EntityMatcher, QuoteMatcher, type AliasEntry, type QuoteEntry } from '../matching';
import type { GlossDB } from '../storage/db';
import { sourcesFingerprint } from '../storage/knowledge-base';

export interface Matchers {
  fingerprint: string;
  entity: EntityMatcher;
  /** Claims quoted word for word (allowing for quotation marks, punctuation and case). */
  quote: QuoteMatcher;
  /** Claims reworded: sentence retrieval and reranking. */
  claim: ClaimIndex;
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
    const quote = QuoteMatcher.build(await this.quoteEntries());
    if (entityRow?.fingerprint === fingerprint && claimRow?.fingerprint === fingerprint) {
      try {
        return { fingerprint, quote, entity: EntityMatcher.load(entityRow.bytes), claim: ClaimIndex.load(claimRow.bytes) };
      } catch (e) {
        // Bytes from another version of Gloss (a format change) or damaged: rebuild.
        console.warn('Gloss: stored matchers could not be loaded; rebuilding', e);
      }
    }
    const entity = EntityMatcher.build(await this.aliasEntries());
    const claim = ClaimIndex.build(await this.claimDocs());
    await this.db.matchers.bulkPut([
      { kind: 'entity', fingerprint, bytes: entity.serialize() },
      { kind: 'claim', fingerprint, bytes: claim.serialize() },
    ]);
    return { fingerprint, entity, quote, claim };
  }

  private async enabled(): Promise<Set<string>> {
    return new Set((await this.db.sources.toArray()).filter((s) => s.enabled).map((s) => s.id));
  }

  private async aliasEntries(): Promise<AliasEntry[]> {
    const enabled = await this.enabled();
    const entries: AliasEntry[] = [];
    await this.db.entities.each((e) => {
      if (!enabled.has(e.sourceId)) return;
      for (const alias of new Set([e.name, ...e.aliases, ...(e.contextAliases ?? [])])) entries.push({ alias, entityId: e.key });
    });
    return entries;
  }

  private async quoteEntries(): Promise<QuoteEntry[]> {
    const enabled = await this.enabled();
    const entries: QuoteEntry[] = [];
    await this.db.claims.each((c) => {
      if (!enabled.has(c.sourceId)) return;
      for (const text of new Set([c.text, ...(c.quotes ?? [])])) entries.push({ text, claimId: c.key });
    });
    return entries;
  }

  private async claimDocs(): Promise<ClaimDoc[]> {
    const enabled = await this.enabled();
    const docs: ClaimDoc[] = [];
    await this.db.claims.each((c) => {
      if (enabled.has(c.sourceId)) docs.push({ id: c.key, text: c.text, title: c.explanation });
    });
    return docs;
  }
}
