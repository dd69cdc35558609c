/**
 * Unsaved note drafts, kept in the extension's local storage (never the page's:
 * a site can read its own localStorage) until the note is saved or the draft is
 * discarded, so closing a card or the popup loses no work. Keyed by what is being
 * written: `note:<id>` for an edit, `new:<page>#<quote>` for a new note.
 */
import type { Draft } from '../messaging/protocol';

export type { Draft };

export interface DraftStore {
  get(key: string): Promise<Draft | undefined>;
  set(key: string, draft: Omit<Draft, 'at'>): Promise<void>;
  remove(key: string): Promise<void>;
}

/** Drafts kept; the oldest go first. */
export const MAX_DRAFTS = 50;
/** Longest draft body kept (a note body is capped lower by the store). */
export const MAX_DRAFT_CHARS = 50_000;

/** Trim a set of drafts to the newest MAX_DRAFTS. */
export function prune(all: Record<string, Draft>): Record<string, Draft> {
  const entries = Object.entries(all);
  if (entries.length <= MAX_DRAFTS) return all;
  return Object.fromEntries(entries.sort((a, b) => b[1].at - a[1].at).slice(0, MAX_DRAFTS));
}

/** A draft store over any get/set of one record (extension storage, or memory in tests). */
export function draftStore(read: () => Promise<Record<string, Draft>>, write: (all: Record<string, Draft>) => Promise<void>): DraftStore {
  // One write at a time, so quick keystrokes in two editors never lose each other's draft.
  let queue: Promise<unknown> = Promise.resolve();
  const update = (fn: (all: Record<string, Draft>) => Record<string, Draft>) => {
    const run = queue.then(async () => write(fn({ ...(await read()) })));
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    get: async (key) => (await read())[key],
    set: (key, d) => update((all) => prune({ ...all, [key]: { body: d.body.slice(0, MAX_DRAFT_CHARS), tags: d.tags.slice(0, 2_000), at: Date.now() } })),
    remove: (key) =>
      update((all) => {
        delete all[key];
        return all;
      }),
  };
}


/** The draft key of an edit to a saved note. */
export const editDraftKey = (noteId: string) => `note:${noteId}`;

/** The draft key of a new note on a page (with the quote it is on, when it has one). */
export const newDraftKey = (pageUrl: string, quote = '') => `new:${pageUrl}#${quote.slice(0, 200)}`;
