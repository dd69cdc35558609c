import { browser } from 'wxt/browser';

export interface ActiveTab {
  id: number;
  url: string;
  host: string;
}

/**
 * The tab the popup acts on: the active tab, or the one named by `?tab=ID`
 * (used when the popup is opened as a page, as the end-to-end tests do).
 */
export async function activeTab(): Promise<ActiveTab | undefined> {
  const named = new URLSearchParams(location.search).get('tab');
  const tab = named
    ? await browser.tabs.get(Number(named))
    : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  if (!tab?.id || !tab.url) return undefined;
  let host = '';
  try {
    const u = new URL(tab.url);
    if (u.protocol === 'http:' || u.protocol === 'https:') host = u.hostname;
  } catch {
    /* not a web page */
  }
  return { id: tab.id, url: tab.url, host };
}
