/**
 * The drafts kept in the extension's local storage, for the background and Gloss's own
 * pages only. Kept apart from storage/drafts.ts because WXT reads an item's value as soon
 * as it is defined: in the page script (where storage is closed to content scripts) that
 * read is refused, so the page script must never import this module; it reaches drafts
 * through the background (background/drafts.ts).
 */
import { storage } from 'wxt/utils/storage';
import { type DraftStore, draftStore } from './drafts';
import type { Draft } from '../messaging/protocol';

const item = storage.defineItem<Record<string, Draft>>('local:noteDrafts', { fallback: {} });

export const noteDrafts: DraftStore = draftStore(
  () => item.getValue(),
  (all) => item.setValue(all),
);
