/**
 * Keeps the built matchers for the enabled sources. A restarted background loads
 * them from the knowledge base instead of rebuilding; a source change rebuilds
 * while the previous matchers keep answering.
 */
import { EntityMatcher, QuoteMatcher, type AliasEntry, type QuoteEntry } from '../matching';
import type { GlossDB } from '../storage/db';
import { sourcesFingerprint } from '../storage/knowledge-base';

export interface Matchers {
  fingerprint: string;
  entity: EntityMatcher;
  quote: QuoteMatcher;
}

export class MatcherService {
  private current: Matchers | undefined;
  private pending: Promise<Matchers> | undefined;

  constructor(private readonly db: GlossDB) {}

  /** Matchers for the sources as they are now; the old ones while new ones build. */
  async get(): Promise<Matchers> {
    const fingerprint = await sourcesFingerprint(this.db);
    if (this.current?.fingerprint === fingerprint) return this.current;
    if (!this.pending) {
      this.pending = this.load(fingerprint).finally(() => (this.pending = undefined));
    }
    if (this.current) {
      // Serve the previous matchers; the fresh ones replace them when ready.
      void this.pending.then((m) => (this.current = m)).catch(() => undefined);
      return this.current;
    }
    this.current = await this.pending;
    return this.current;
  }

  /** Wait for a build in progress (used by tests and after installs). */
  async ready(): Promise<Matchers> {
    const fingerprint = await sourcesFingerprint(this.db);
    if (this.current?.fingerprint !== fingerprint) this.current = await (this.pending ?? this.load(fingerprint));
    return this.current;
  }

  private async load(fingerprint: string): Promise<Matchers> {
    const stored = await this.db.matchers.get('entity');
    const storedQuotes = await this.db.matchers.get('quote');
    if (stored?.fingerprint === fingerprint && storedQuotes?.fingerprint === fingerprint) {
      return { fingerprint, entity: EntityMatcher.load(stored.bytes), quote: QuoteMatcher.build(await this.quoteEntries()) };
    }
    const entity = EntityMatcher.build(await this.aliasEntries());
    const quote = QuoteMatcher.build(await this.quoteEntries());
    await this.db.matchers.bulkPut([
      { kind: 'entity', fingerprint, bytes: entity.serialize() },
      { kind: 'quote', fingerprint, bytes: new Uint8Array() },
    ]);
    return { fingerprint, entity, quote };
  }

  private async enabled(): Promise<Set<string>> {
    return new Set((await this.db.sources.toArray()).filter((s) => s.enabled).map((s) => s.id));
  }

  private async aliasEntries(): Promise<AliasEntry[]> {
    const enabled = await this.enabled();
    const entries: AliasEntry[] = [];
    await this.db.entities.each((e) => {
      if (!enabled.has(e.sourceId)) return;
      for (const alias of new Set([e.name, ...e.aliases])) entries.push({ alias, entityId: e.key });
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
}
