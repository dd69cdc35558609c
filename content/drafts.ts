/**
 * Note drafts for the page's composer and note cards. Content scripts do not read
 * extension storage (the background closes it to them), so drafts go through the
 * background, which lets a page reach only its own site's drafts (background/drafts.ts).
 */
import { send } from '../messaging/client';
import type { DraftStore } from '../storage/drafts';

export const pageDrafts: DraftStore = {
  get: async (key) => (await send('drafts/get', { key })).draft ?? undefined,
  set: async (key, d) => void (await send('drafts/set', { key, body: d.body, tags: d.tags })),
  remove: async (key) => void (await send('drafts/remove', { key })),
};
