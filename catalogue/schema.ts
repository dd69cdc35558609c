/**
 * The catalogue of sources (catalogue/sources.json) as a Valibot schema: curated
 * subscriptions the Sources view offers with one click. The catalogue is data, checked
 * here (and by a unit test at build time), so a bad entry never reaches the reader.
 * Pure: no browser API.
 */
import * as v from 'valibot';
import { isHttpUrl } from '../packs/sanitize.ts';

const Line = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(max));
const Https = v.pipe(v.string(), v.regex(/^https:\/\//, 'must be an https link'), v.check(isHttpUrl, 'must be a valid link'), v.maxLength(2048));

const Common = {
  id: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and -')),
  title: Line(120),
  description: Line(400),
  publisher: Line(120),
  licence: Line(120),
  homepage: v.optional(Https),
  /** Roughly how many records (entities or claims) the source holds. */
  records: v.pipe(v.number(), v.integer(), v.minValue(1)),
  /** Roughly how big one download is, in bytes. */
  bytes: v.pipe(v.number(), v.integer(), v.minValue(1)),
  /** How often Gloss refreshes it, in minutes (15 min to 30 days). */
  refreshMinutes: v.pipe(v.number(), v.integer(), v.minValue(15), v.maxValue(30 * 24 * 60)),
};

/** A Wikidata topic: the query is fixed here, so nothing the reader reads ever goes into it. */
const WikidataEntry = v.object({
  ...Common,
  kind: v.literal('wikidata'),
  query: v.pipe(
    v.string(),
    v.maxLength(4000),
    v.regex(/^# [^\n]+\n/, 'must start with a "# Title" comment line (it names the source)'),
    v.regex(/\?item\b/, 'must select ?item'),
    v.regex(/\?itemLabel\b/, 'must select ?itemLabel'),
  ),
});

/** A ClaimReview feed (JSON-LD, a DataFeed or a list) at a fixed https link. */
const ClaimReviewEntry = v.object({
  ...Common,
  kind: v.literal('claimreview'),
  url: Https,
});

export const CatalogueSchema = v.object({
  $comment: v.optional(v.string()),
  version: v.literal(1),
  entries: v.pipe(
    v.array(v.variant('kind', [WikidataEntry, ClaimReviewEntry])),
    v.minLength(1),
    v.check((list) => new Set(list.map((e) => e.id)).size === list.length, 'entry ids must be unique'),
  ),
});

export type CatalogueEntryInput = v.InferOutput<typeof CatalogueSchema>['entries'][number];
/** An entry with the link Gloss subscribes to. */
export type CatalogueEntry = CatalogueEntryInput & { url: string };

export const WDQS_ENDPOINT = 'https://query.wikidata.org/sparql';

/** The subscription link of a Wikidata topic: the query service, JSON results. */
export function wikidataQueryUrl(query: string): string {
  const u = new URL(WDQS_ENDPOINT);
  u.searchParams.set('query', query);
  u.searchParams.set('format', 'json');
  return u.href;
}

/** Validates the catalogue; throws with every problem listed (a build-time error, caught by the unit test). */
export function parseCatalogue(input: unknown): CatalogueEntry[] {
  const r = v.safeParse(CatalogueSchema, input);
  if (!r.success) {
    throw new Error(`The source catalogue is invalid: ${r.issues.map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`).join('; ')}`);
  }
  return r.output.entries.map((e) => (e.kind === 'wikidata' ? { ...e, url: wikidataQueryUrl(e.query) } : e));
}
