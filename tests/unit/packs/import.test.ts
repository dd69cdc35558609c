import { describe, expect, it } from 'vitest';
import { detectFormat, importSource } from '../../../packs/index.ts';
import { fixture } from './helpers.ts';

describe('importSource format detection', () => {
  it.each([
    [fixture('packs', 'example.json'), {}, 'gloss-pack'],
    [fixture('claimreview', 'factckbr-sample.jsonl'), {}, 'claimreview'],
    [fixture('claimreview', 'factckbr-datafeed.json'), {}, 'claimreview'],
    [fixture('claimreview', 'factckbr-graph.json'), {}, 'claimreview'],
    [fixture('claimreview', 'factckbr-page.html'), {}, 'html'],
    [fixture('wikidata', 'Q328212.json'), {}, 'wikidata'],
    [fixture('wikidata', 'Q275937.json'), {}, 'wikidata'],
    [fixture('wikidata', 'L525.json'), {}, 'wikidata'],
    [fixture('wikidata', 'wbgetentities_response.json'), {}, 'wikidata'],
    ['name,aliases,type,description\nA,,person,\n', {}, 'csv'],
    ['a;b\n', { filename: 'x.csv' }, 'csv'],
    ['{"@context":"https://schema.org"}', { contentType: 'text/html' }, 'html'],
  ] as const)('%#: detects %s', (text, opts, format) => {
    expect(detectFormat(text, opts).format).toBe(format);
  });

  it('imports a Gloss pack with all-or-nothing validation', () => {
    const bad = fixture('packs', 'example.json').replace('"https://krdo.com', '"javascript://krdo.com');
    const r = importSource(bad, { filename: 'example.json' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/^Pack 'example\.json': claim 'ice-recruitment-post' url: only http\(s\) links/);
  });

  it('explains unrecognised input', () => {
    const r1 = importSource('{"hello": "world"}', { sourceName: 'S' });
    const r2 = importSource('just some text', { sourceName: 'S' });
    const r3 = importSource('<html><body>no json-ld</body></html>', { sourceName: 'S' });
    const r4 = importSource('{"format": "gloss-pack", "version": 1,', { sourceName: 'S' });
    expect(!r4.ok && r4.errors[0]!.message).toMatch(/^Source 'S': is not valid JSON: /);
    expect(!r1.ok && r1.errors[0]!.message).toBe("Source 'S': JSON is not a Gloss pack (no \"format\": \"gloss-pack\"), ClaimReview, Wikidata entities or SPARQL query results");
    expect(!r2.ok && r2.errors[0]!.message).toMatch(/^Source 'S': not a recognised format/);
    expect(!r3.ok && r3.errors[0]!.message).toBe("Source 'S': no ClaimReview found in the page's JSON-LD (0 ld+json blocks)");
  });

  it('applies the size limit and meta overrides', () => {
    const big = importSource('x'.repeat(2000), { sourceName: 'S', maxBytes: 1000 });
    expect(!big.ok && big.errors[0]!.message).toBe("Source 'S': is larger than the limit of 1000 bytes");
    const r = importSource(fixture('claimreview', 'factckbr-datafeed.json'), {
      url: 'https://feeds.example/checks.json',
      meta: { id: 'checks', name: 'Checks', licence: 'CC-BY-4.0' },
    });
    expect(r.ok && { id: r.pack.id, name: r.pack.name, licence: r.pack.licence, homepage: r.pack.homepage, updated: r.pack.updated }).toEqual({
      id: 'checks',
      name: 'Checks',
      licence: 'CC-BY-4.0',
      homepage: 'https://feeds.example/checks.json',
      updated: '2019-07-22',
    });
    const derived = importSource(fixture('claimreview', 'factckbr-datafeed.json'), { url: 'https://feeds.example/checks.json' });
    expect(derived.ok && derived.pack.id).toBe('feeds-example-checks');
  });
});
