import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../catalogue';
import { parseCatalogue } from '../../../catalogue/schema';
import { normaliseSourceUrl } from '../../../background/sources-sync';
import { importSource, LIMITS } from '../../../packs';

const RAW = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'catalogue', 'sources.json'), 'utf8')) as { entries: Record<string, unknown>[] };

describe('the source catalogue', () => {
  it('is valid, and offers the promised topics and a ClaimReview feed', () => {
    const entries = catalogue();
    const titles = entries.map((e) => e.title).join(' | ');
    for (const topic of [/heads of state/i, /US Congress/, /UK Parliament/, /European Parliament/, /ministers/i, /companies/i, /international organisations/i, /news organisations/i, /countries and capitals/i]) {
      expect(titles).toMatch(topic);
    }
    expect(entries.some((e) => e.kind === 'claimreview' && /datacommons/.test(e.url) && /CC BY/.test(e.licence))).toBe(true);
  });

  it('each entry is a link Gloss accepts as is, within the size Gloss imports', () => {
    for (const e of catalogue()) {
      expect(normaliseSourceUrl(e.url), e.id).toBe(e.url);
      expect(e.bytes, e.id).toBeLessThan(LIMITS.maxPackBytes);
      if (e.kind === 'wikidata') {
        const u = new URL(e.url);
        expect(u.origin + u.pathname).toBe('https://query.wikidata.org/sparql');
        expect(u.searchParams.get('format')).toBe('json');
        expect(u.searchParams.get('query')).toBe(e.query);
      }
    }
  });

  it('names a Wikidata subscription after its catalogue entry', () => {
    const entry = catalogue().find((e) => e.id === 'wd-countries-capitals')!;
    const r = importSource(readFileSync(join(__dirname, '..', '..', 'fixtures', 'wikidata', 'sparql', 'countries-capitals.json'), 'utf8'), { url: entry.url });
    expect(r.ok && r.pack.name).toBe('Wikidata: Countries and capitals');
  });

  it('refuses a bad entry, saying which and why', () => {
    const bad = structuredClone(RAW);
    bad.entries[0]!.query = 'SELECT ?x WHERE {}';
    (bad.entries[1] as Record<string, unknown>).kind = 'ftp';
    bad.entries.push({ ...bad.entries[2]! });
    expect(() => parseCatalogue(bad)).toThrow(/entries\.0\.query: must start with a "# Title" comment line/);
    const http = structuredClone(RAW);
    (http.entries.find((e) => e.kind === 'claimreview') as Record<string, unknown>).url = 'http://example.org/feed.json';
    expect(() => parseCatalogue(http)).toThrow(/url: must be an https link/);
    const dup = structuredClone(RAW);
    dup.entries.push({ ...dup.entries[0]! });
    expect(() => parseCatalogue(dup)).toThrow(/entry ids must be unique/);
  });
});
