/**
 * importSource: recognises what a source holds and turns it into a validated
 * Gloss pack. Formats: a Gloss pack; ClaimReview (JSON-LD object, list,
 * @graph, feed/DataFeed/ItemList, JSON Lines, HTML with ld+json scripts);
 * Wikidata JSON (entity, wbgetentities response, dump array, line-per-entity
 * dump); CSV (name,aliases,type,description).
 */
import { collectClaimReviews, fromClaimReview, jsonLdFromHtml, parseJsonLines } from './claimreview.ts';
import { fail, isObject, sourceLabel, Warnings, type ImportOptions } from './common.ts';
import { fromCsv, looksLikeCsvHeader } from './csv.ts';
import { LIMITS } from './limits.ts';
import { exceedsBytes } from './sanitize.ts';
import { validatePack, type PackResult } from './validate.ts';
import { fromSparql, isSparqlResults } from './sparql.ts';
import { fromWikidata, wikidataEntities } from './wikidata.ts';

export type SourceFormat = 'gloss-pack' | 'claimreview' | 'wikidata' | 'sparql' | 'csv' | 'html';

function isWikidataEntity(x: unknown): boolean {
  if (!isObject(x)) return false;
  if (typeof x.id === 'string' && /^[QPLM]\d+(-[FS]\d+)?$/.test(x.id) && ('claims' in x || 'labels' in x || 'type' in x || 'lemmas' in x || 'statements' in x || 'missing' in x)) return true;
  // A bare entity with only statements: claims keyed by property ids holding snaks.
  if (isObject(x.claims)) {
    const first = Object.entries(x.claims)[0];
    return !!first && /^P\d+$/.test(first[0]) && Array.isArray(first[1]) && isObject(first[1][0]) && 'mainsnak' in first[1][0];
  }
  return false;
}

/** Detects the format of an already-parsed JSON value. */
export function detectJson(value: unknown): SourceFormat | undefined {
  if (isObject(value) && value.format === 'gloss-pack') return 'gloss-pack';
  if (isSparqlResults(value)) return 'sparql';
  if (isObject(value) && isObject(value.entities) && Object.values(value.entities).some(isWikidataEntity)) return 'wikidata';
  const items = wikidataEntities(value);
  if (items.slice(0, 20).some(isWikidataEntity)) return 'wikidata';
  if (collectClaimReviews(value).length) return 'claimreview';
  return undefined;
}

function extensionOf(name: string | undefined): string {
  const m = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(name ?? '');
  return m ? m[1]!.toLowerCase() : '';
}

/** Detects what the text is, without importing it. */
export function detectFormat(
  text: string,
  opts: Pick<ImportOptions, 'filename' | 'contentType' | 'url'> = {},
): { format?: SourceFormat; value?: unknown; jsonError?: string } {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  const type = (opts.contentType ?? '').toLowerCase();
  const ext = extensionOf(opts.filename ?? opts.url);
  if (type.includes('html') || ext === 'html' || ext === 'htm' || /^<(!doctype|html|head|body|script|meta)\b/i.test(body)) return { format: 'html' };
  if (type.includes('csv') || ext === 'csv') return { format: 'csv' };
  if (body.startsWith('{') || body.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (e) {
      // JSON Lines: one record per line.
      const lines = parseJsonLines(body, new Warnings('detect'));
      const format = detectJson(lines);
      return format ? { format, value: lines } : { jsonError: (e as Error).message };
    }
    const format = detectJson(value);
    return format ? { format, value } : { value };
  }
  if (looksLikeCsvHeader(body)) return { format: 'csv' };
  return {};
}

export function importSource(text: string, opts: ImportOptions = {}): PackResult {
  if (typeof text !== 'string') return fail(opts, 'expected text');
  const maxBytes = opts.maxBytes ?? LIMITS.maxPackBytes;
  if (exceedsBytes(text, maxBytes)) return fail(opts, `is larger than the limit of ${maxBytes} bytes`);
  const { format, value, jsonError } = detectFormat(text, opts);
  switch (format) {
    case 'gloss-pack':
      return validatePack(value, { sourceName: opts.sourceName ?? opts.filename ?? opts.url ?? undefined });
    case 'claimreview':
      return fromClaimReview(value, opts);
    case 'wikidata':
      return fromWikidata(value, opts);
    case 'sparql':
      return fromSparql(value, opts);
    case 'csv':
      return fromCsv(text, opts);
    case 'html': {
      const warnings = new Warnings(sourceLabel(opts));
      const blocks = jsonLdFromHtml(text, warnings);
      if (!collectClaimReviews(blocks).length) {
        return fail(opts, `no ClaimReview found in the page's JSON-LD (${blocks.length} ld+json block${blocks.length === 1 ? '' : 's'})`);
      }
      const result = fromClaimReview(blocks, opts);
      return result.ok ? { ...result, warnings: [...warnings.done(), ...result.warnings] } : result;
    }
    default:
      if (jsonError !== undefined) return fail(opts, `is not valid JSON: ${jsonError}`);
      if (value !== undefined) {
        return fail(opts, 'JSON is not a Gloss pack (no "format": "gloss-pack"), ClaimReview, Wikidata entities or SPARQL query results');
      }
      return fail(opts, 'not a recognised format: expected a Gloss pack, ClaimReview JSON-LD, Wikidata JSON, or CSV with a name,aliases,type,description header');
  }
}
