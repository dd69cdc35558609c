/**
 * Reader settings in extension storage (small values, readable by every context).
 * Paused sites live in storage.sync so the reader's other devices pause them too.
 */
import { storage } from 'wxt/utils/storage';

export const pausedSites = storage.defineItem<string[]>('sync:pausedSites', { fallback: [] });
export const allMentions = storage.defineItem<boolean>('local:allMentions', { fallback: false });
/** The toolbar badge with the number of things Gloss found on the page (options page). */
export const showBadge = storage.defineItem<boolean>('sync:showBadge', { fallback: true });
/** How often a newly added linked source refreshes, in minutes (options page; daily by default). */
export const defaultIntervalMinutes = storage.defineItem<number>('sync:defaultIntervalMinutes', { fallback: 24 * 60 });

export async function isPaused(host: string): Promise<boolean> {
  return (await pausedSites.getValue()).includes(host);
}

export async function setPaused(host: string, paused: boolean): Promise<boolean> {
  const sites = new Set(await pausedSites.getValue());
  if (paused) sites.add(host);
  else sites.delete(host);
  await pausedSites.setValue([...sites].sort());
  return paused;
}
