/**
 * Turns a page's text into highlights and the records their cards need.
 * Quiet by default: one highlight per entity (its first mention) unless the
 * reader asks for every mention.
 */
import { rankCandidates, relatedByText, resolveMentions } from '../matching';
import type { ClaimCard, ClaimHit, EntityCard, EntityHit, MatchReply } from '../messaging/protocol';
import type { GlossDB } from '../storage/db';
import { getEntities } from '../storage/knowledge-base';
import { hostOf } from '../packs/provenance';
import type { Matchers } from './matchers';

/** Page text beyond this is not matched: a cap against hostile or runaway pages. */
export const MAX_PAGE_CHARS = 2_000_000;

export interface MatchOptions {
  allMentions: boolean;
}

export async function matchPage(db: GlossDB, matchers: Matchers, rawText: string, opts: MatchOptions): Promise<MatchReply> {
  const text = rawText.length > MAX_PAGE_CHARS ? rawText.slice(0, MAX_PAGE_CHARS) : rawText;
  const rawMatches = matchers.entity.match(text);
  const quoteMatches = matchers.quote.match(text);

  const candidates = new Set(rawMatches.flatMap((m) => m.entityIds));
  const records = await getEntities(db, [...candidates]);
  const related = (key: string) => relatedByText(records.get(key), records.values());
  // Short and common aliases ("Mamdani", "ICE") count only where the page supports them.
  const entityMatches = resolveMentions(text, rawMatches, (k) => records.get(k), related);
  const pageEntities = new Set(entityMatches.flatMap((m) => m.entityIds));

  // Every mention is returned: the content script paints the first of each
  // (unless the reader wants all) and every mention opens the card on hover.
  const entities: EntityHit[] = [];
  for (const m of entityMatches) {
    const keys = m.entityIds.length > 1 ? rankCandidates(m.entityIds, pageEntities, related) : m.entityIds;
    if (keys.length) entities.push({ start: m.start, end: m.end, keys });
  }

  // Claims quoted word for word first; then sentences that reword a known claim.
  const claims: ClaimHit[] = [];
  const seenClaims = new Set<string>();
  for (const m of quoteMatches) {
    if (m.claimIds.every((k) => seenClaims.has(k))) continue;
    m.claimIds.forEach((k) => seenClaims.add(k));
    claims.push({ start: m.start, end: m.end, keys: m.claimIds, confidence: 1 });
  }
  const quoted = claims.slice();
  for (const s of matchers.claim.matchSentences(text)) {
    if (quoted.some((q) => q.start < s.end && s.start < q.end)) continue;
    const candidates = s.candidates.filter((c) => !seenClaims.has(c.id));
    const best = candidates[0];
    if (!best) continue;
    candidates.forEach((c) => seenClaims.add(c.id));
    claims.push({ start: s.start, end: s.end, keys: candidates.map((c) => c.id), confidence: best.confidence, sharedTerms: best.sharedTerms });
  }

  // A pack names itself; the card also says where a downloaded one came from.
  const sources = new Map((await db.sources.toArray()).map((s) => [s.id, { sourceName: s.name, sourceKind: s.kind, ...(s.kind === 'url' && hostOf(s.url) ? { sourceHost: hostOf(s.url) } : {}) }]));
  const origin = (id: string) => sources.get(id) ?? { sourceName: id };
  const entityCards: Record<string, EntityCard> = {};
  for (const hit of entities) {
    for (const key of hit.keys) {
      const row = records.get(key);
      if (row) entityCards[key] = { ...stripRow(row), key, ...origin(row.sourceId) };
    }
  }
  const claimCards: Record<string, ClaimCard> = {};
  const claimRows = await db.claims.bulkGet([...seenClaims]);
  for (const row of claimRows) {
    if (row) claimCards[row.key] = { ...stripRow(row), key: row.key, ...origin(row.sourceId) };
  }
  return { allMentions: opts.allMentions, entities, claims, entityCards, claimCards };
}

function stripRow<T extends { sourceId: string }>(row: T): Omit<T, 'sourceId'> {
  const { sourceId: _sourceId, ...rest } = row;
  return rest;
}
