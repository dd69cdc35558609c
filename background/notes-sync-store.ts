/**
 * The device's notes as the sync code sees them (sync/store.ts, sync/browser-sync.ts):
 * Dexie-backed, every merge in one transaction with the clock, so a note the
 * reader edits while a sync runs is merged, never overwritten.
 */
import type { Note } from '../notes/types';
import { withClock } from '../storage/clock';
import type { GlossDB, NoteRow, SyncStateRow } from '../storage/db';
import { fromRow, toRow } from '../storage/notes';
import { latestStamp, mergeNote } from '../sync/merge';
import { sigOf, type RemoteVersion, type SyncStore, type TargetState } from '../sync/store';
import type { LocalNotes } from '../sync/browser-sync';

/** Set while sync writes merged notes, so the change hook does not schedule another sync for them. */
export const absorbing = { depth: 0 };

/** Merge remote versions into the notes table; returns the notes that changed locally. */
export async function mergeIntoLocal(db: GlossDB, notes: readonly Note[]): Promise<Note[]> {
  if (!notes.length) return [];
  absorbing.depth++;
  try {
    return await db.transaction('rw', db.notes, db.meta, () =>
      withClock(
        db,
        undefined,
        async () => {
          const rows = await db.notes.bulkGet(notes.map((n) => n.id));
          const out: NoteRow[] = [];
          const changed: Note[] = [];
          notes.forEach((remote, i) => {
            const row = rows[i];
            const local = row ? fromRow(row) : undefined;
            const merged = local ? mergeNote(local, remote) : remote;
            if (!local || sigOf(merged) !== sigOf(local)) {
              out.push(toRow(merged));
              changed.push(merged);
            }
          });
          await db.notes.bulkPut(out);
          return changed;
        },
        // The clock moves past every stamp merged in, so the next local edit wins over them.
        notes.map(latestStamp).filter((s): s is string => !!s),
      ),
    );
  } finally {
    absorbing.depth--;
  }
}

export class DexieSyncStore implements SyncStore {
  constructor(
    private readonly db: GlossDB,
    private readonly onChanged: (notes: Note[]) => void = () => {},
  ) {}

  async pending(target: string) {
    const [rows, states] = await Promise.all([this.db.notes.toArray(), this.db.syncState.where('target').equals(target).toArray()]);
    const byId = new Map(states.map((s) => [s.id, s]));
    const out: { note: Note; state: TargetState | undefined }[] = [];
    for (const row of rows) {
      const note = fromRow(row);
      const state = byId.get(note.id);
      if (state?.sig !== sigOf(note)) out.push({ note, state });
    }
    return out;
  }

  async states(target: string, ids: readonly string[]) {
    return this.db.syncState.bulkGet(ids.map((id) => [target, id] as [string, string]));
  }

  async absorb(target: string, versions: readonly RemoteVersion[]) {
    const changed = await mergeIntoLocal(this.db, versions.map((v) => v.note));
    await this.recorded(target, versions);
    if (changed.length) this.onChanged(changed);
  }

  async forget(target: string, ids: readonly string[]) {
    await this.db.syncState.bulkDelete(ids.map((id) => [target, id] as [string, string]));
  }

  async recorded(target: string, versions: readonly RemoteVersion[]) {
    await this.db.syncState.bulkPut(versions.map((v): SyncStateRow => ({ target, id: v.note.id, rev: v.rev, counter: v.counter, sig: sigOf(v.note) })));
  }
}

export function dexieLocalNotes(db: GlossDB, onChanged: (notes: Note[]) => void = () => {}): LocalNotes {
  return {
    all: async () => (await db.notes.toArray()).map(fromRow),
    absorb: async (notes) => {
      const changed = await mergeIntoLocal(db, notes);
      if (changed.length) onChanged(changed);
    },
  };
}
