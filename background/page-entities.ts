/**
 * Which entities the background found on each tab's page, so a page is sent the
 * reader's notes only on entities it actually shows: a content script asking for
 * notes on other entities (or on all of them) gets none of those. Kept in memory:
 * a restarted background learns them again from the page's next match.
 */
const byTab = new Map<number, { url: string; keys: Set<string> }>();

/** The document, not the place in it: following a #fragment link keeps the page. */
const doc = (url: string) => url.replace(/#.*$/, '');

/** The entities of a match reply for this tab's page; a new page address starts a new set. */
export function recordMatched(tabId: number, url: string, keys: Iterable<string>): void {
  let entry = byTab.get(tabId);
  if (!entry || entry.url !== doc(url)) {
    entry = { url: doc(url), keys: new Set() };
    byTab.set(tabId, entry);
  }
  for (const k of keys) entry.keys.add(k);
}

/** Of `wanted`, the entities found on this tab's page at `url`. */
export function shownOn(tabId: number, url: string | undefined, wanted: readonly string[]): string[] {
  const entry = byTab.get(tabId);
  if (!entry || url === undefined || entry.url !== doc(url)) return [];
  return wanted.filter((k) => entry.keys.has(k));
}

export function forgetTab(tabId: number): void {
  byTab.delete(tabId);
}
