/**
 * Saving a note edited from a stale copy (two windows, the popup and a page
 * card): a three-way merge against what the editor started from, so no edit is
 * lost silently. Fields only one side changed are taken from that side; tags
 * both sides changed merge as sets (what this editor added or removed, applied
 * to the newer tags); a body both sides changed differently is refused with an
 * error the editor shows while keeping the reader's text.
 */
import { normalizeTags } from './model';
import type { Note } from './types';

export interface EditBase {
  body: string;
  tags: readonly string[];
}

export interface Edit {
  body?: string;
  tags?: readonly string[];
}

export class EditConflict extends Error {
  override readonly name = 'EditConflict';
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The patch to apply to `stored` so that this edit and any edit made since `base` both survive. */
export function mergeEdit(stored: Note, edit: Edit, base: EditBase | undefined): Edit {
  if (!base) return edit;
  if (stored.deleted) throw new EditConflict('This note was deleted in another window. Your text is still in the editor: copy it before closing.');
  const out: Edit = {};
  if (edit.body !== undefined && edit.body !== base.body) {
    if (stored.body !== base.body && stored.body !== edit.body) {
      throw new EditConflict('This note was changed in another window since you opened it. Your text is still in the editor: copy it, cancel, and add it to the latest version.');
    }
    out.body = edit.body;
  }
  if (edit.tags !== undefined) {
    const mine = normalizeTags(edit.tags);
    const from = normalizeTags(base.tags);
    if (!same(mine, from)) {
      const theirs = normalizeTags(stored.tags);
      if (same(theirs, from)) out.tags = mine;
      else {
        const removed = new Set(from.filter((t) => !mine.includes(t)));
        out.tags = normalizeTags([...theirs.filter((t) => !removed.has(t)), ...mine.filter((t) => !from.includes(t))]);
      }
    }
  }
  return out;
}
