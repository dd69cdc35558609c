/**
 * Reader settings in extension storage (small values, readable by every context).
 * Paused sites live in storage.sync so the reader's other devices pause them too.
 */
import { storage } from 'wxt/utils/storage';

export const pausedSites = storage.defineItem<string[]>('sync:pausedSites', { fallback: [] });
/** Sites where the reader turned the note button at the selection off (synced like paused sites). */
export const adderOffSites = storage.defineItem<string[]>('sync:adderOffSites', { fallback: [] });
export const allMentions = storage.defineItem<boolean>('local:allMentions', { fallback: false });

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

export async function setAdderOn(host: string, on: boolean): Promise<boolean> {
  const sites = new Set(await adderOffSites.getValue());
  if (on) sites.delete(host);
  else sites.add(host);
  await adderOffSites.setValue([...sites].sort());
  return on;
}
