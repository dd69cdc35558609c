import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SourceSync } from '../../../background/sources-sync';
import { GlossDB } from '../../../storage/db';
import type { SourceState } from '../../../storage/knowledge-base';
import { freshDbPerTest } from '../fresh-db';
import { fakeFetch, type FakeReply } from './helpers';

const QUERY = '# Pseudonyms\nSELECT ?item ?pseudonyme ?itemLabel ?itemDescription ?itemAltLabel WHERE { ?item wdt:P742 ?pseudonyme . SERVICE wikibase:label { bd:serviceParam wikibase:language "en". } } LIMIT 50';
const WDQS = `https://query.wikidata.org/sparql?query=${encodeURIComponent(QUERY)}&format=json`;
const RECORDED = readFileSync(join(__dirname, '..', '..', 'fixtures', 'wikidata', 'sparql', 'results_with_labels_descriptions_and_aliases.json'), 'utf8');
const UA = 'Gloss/test (unit tests)';

let db: GlossDB;
freshDbPerTest('test-wdqs', (d) => (db = d));

function serve(replies: FakeReply[]) {
  return fakeFetch(() => replies.shift() ?? { status: 500, body: 'no more replies' });
}

describe('subscribing to a Wikidata Query Service link', () => {
  it('one request per refresh, with Api-User-Agent and the SPARQL results type; the topic becomes entities', async () => {
    const f = serve([{ body: RECORDED, headers: { 'content-type': 'application/sparql-results+json' } }]);
    const sync = new SourceSync(db, { fetch: f.fetch, userAgent: UA });
    const row = await sync.addUrl(WDQS);
    await sync.idle();
    expect(f.requests).toHaveLength(1);
    expect(f.requests[0]!.url).toBe(WDQS);
    expect(f.requests[0]!.headers).toMatchObject({ 'Api-User-Agent': UA, Accept: expect.stringContaining('application/sparql-results+json') });
    const saved = (await db.sources.get(row.id)) as SourceState;
    expect(saved).toMatchObject({ status: 'ok', name: 'Wikidata: Pseudonyms', publisher: 'Wikidata', licence: 'CC0-1.0' });
    expect(saved.entityCount).toBeGreaterThan(30);
    const bowie = (await db.entities.where('sourceId').equals(row.id).toArray()).find((e) => e.name === 'David Bowie');
    expect(bowie?.aliases).toContain('Ziggy Stardust');
    expect(bowie?.facts[0]?.sourceUrl).toMatch(/^https:\/\/www\.wikidata\.org\/wiki\/Q\d+$/);
  });

  it('other hosts get no Api-User-Agent', async () => {
    const f = serve([{ body: RECORDED }]);
    const sync = new SourceSync(db, { fetch: f.fetch, userAgent: UA });
    await sync.addUrl('https://packs.example.org/topic.json');
    await sync.idle();
    expect(f.requests[0]!.headers['Api-User-Agent']).toBeUndefined();
  });

  it('429 with Retry-After: nothing changes, the error says so, and the next try waits at least that long', async () => {
    let now = Date.parse('2026-11-30T12:00:00Z');
    const f = serve([{ body: RECORDED }, { status: 429, headers: { 'retry-after': '7200' } }]);
    const sync = new SourceSync(db, { fetch: f.fetch, userAgent: UA, now: () => now });
    const row = await sync.addUrl(WDQS);
    await sync.idle();
    const before = await db.entities.count();
    now += 60_000;
    await sync.refresh(row.id);
    const after = (await db.sources.get(row.id)) as SourceState;
    expect(after.status).toBe('error');
    expect(after.error).toMatch(/asked Gloss to slow down \(HTTP 429\)\. Gloss will try again in 120 min/);
    // The backoff alone would retry after 15 minutes; Retry-After says two hours.
    expect(after.nextSync).toBe(now + 7_200_000);
    expect(await db.entities.count()).toBe(before);
    expect(await sync.runDue()).toEqual([]);
  });
});
