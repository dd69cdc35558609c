/**
 * Wikidata Query Service subscriptions. The query is part of the subscribed link, fixed
 * when the reader subscribes; nothing from the pages they read is ever put in it.
 * Wikidata asks clients to be gentle: one request per refresh (the schedule does that),
 * a descriptive `Api-User-Agent` (browsers forbid setting User-Agent itself), and
 * honouring 429 / Retry-After (sources-sync.ts schedules the retry no sooner).
 * Pure: no browser API.
 */
export const WDQS_HOST = 'query.wikidata.org';

export function isWikidataQuery(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.hostname === WDQS_HOST && u.pathname === '/sparql' && u.searchParams.has('query');
  } catch {
    return false;
  }
}

/** Extra headers for a source's download: only Wikidata's query service gets any. */
export function sourceRequestHeaders(url: string, userAgent: string | undefined): Record<string, string> | undefined {
  if (!isWikidataQuery(url)) return undefined;
  return {
    Accept: 'application/sparql-results+json, application/json;q=0.9',
    ...(userAgent ? { 'Api-User-Agent': userAgent } : {}),
  };
}
