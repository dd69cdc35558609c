/**
 * The reader's notes in the knowledge base (table `notes`, schema v2). Every
 * write is one Dexie transaction: a read-modify-write never interleaves with
 * another, and a failure half-way (e.g. one bad row of an import) writes nothing.
 *
 * Deleting keeps a tombstone (`deleted: true`, with its own field time) so that
 * "undo" restores the very same record and a later sync can merge deletions.
 */
import { ensureSync, latestStamp } from '../sync/merge';
import { deviceOf } from '../sync/hlc';
import {
  createNote,
  updateNote,
  type Clock,
  type NewNote,
  type Note,
  type NotePatch,
} from '../notes';
import { type EditBase, mergeEdit } from '../notes/merge-edit';
import type { GlossDB, NoteRow } from './db';
import { withClock } from './clock';

export interface NoteFilter {
  /** Only the notes filed under this canonical page URL. */
  pageUrl?: string;
  /** Full-text query: every word must occur in the body, quote, tags, page title, entity or URL. */
  query?: string;
  /** Only notes carrying this tag (case-insensitive). */
  tag?: string;
  /** Include tombstones (default false). */
  includeDeleted?: boolean;
}

export function toRow(note: Note): NoteRow {
  const row: NoteRow = { ...note };
  if (note.target.kind === 'entity') row.entityId = note.target.entityId;
  else delete row.entityId;
  return row;
}

/** The note without the index-only fields. */
export function fromRow(row: NoteRow): Note {
  const { entityId: _entityId, ...note } = row;
  return note;
}

/** Lower-cased, accents folded: "Café" and "cafe" match. */
export function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

export function searchableText(n: Note): string {
  const parts = [n.body, n.pageUrl, n.pageTitle ?? '', ...n.tags];
  if (n.target.kind === 'text') parts.push(n.target.quote);
  if (n.target.kind === 'entity') parts.push(n.target.entityName);
  return fold(parts.join('\n'));
}

export function matchesFilter(n: Note, f: NoteFilter): boolean {
  if (!f.includeDeleted && n.deleted) return false;
  if (f.pageUrl !== undefined && n.pageUrl !== f.pageUrl) return false;
  if (f.tag) {
    const tag = fold(f.tag.replace(/^#/, ''));
    if (!n.tags.some((t) => fold(t) === tag)) return false;
  }
  const words = fold(f.query ?? '').split(/\s+/).filter(Boolean);
  if (words.length) {
    const hay = searchableText(n);
    if (!words.every((w) => hay.includes(w.replace(/^#/, '')))) return false;
  }
  return true;
}

const byUpdatedDesc = (a: Note, b: Note) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0);

/** Notes matching the filter, most recently updated first. */
export async function listNotes(db: GlossDB, filter: NoteFilter = {}): Promise<Note[]> {
  const rows = filter.pageUrl !== undefined ? await db.notes.where('pageUrl').equals(filter.pageUrl).toArray() : await db.notes.toArray();
  return rows.map(fromRow).filter((n) => matchesFilter(n, filter)).sort(byUpdatedDesc);
}

/** Live notes attached to any of these entities (shown in their cards on every page). */
export async function notesForEntities(db: GlossDB, entityIds: readonly string[]): Promise<Note[]> {
  if (!entityIds.length) return [];
  const rows = await db.notes.where('entityId').anyOf([...new Set(entityIds)]).toArray();
  return rows.map(fromRow).filter((n) => !n.deleted).sort(byUpdatedDesc);
}

/** Every live note attached to an entity (few; the content script keeps them to fill entity cards). */
export async function allEntityNotes(db: GlossDB): Promise<Note[]> {
  const rows = await db.notes.orderBy('entityId').toArray();
  return rows.map(fromRow).filter((n) => !n.deleted).sort(byUpdatedDesc);
}

/** Every tag in use on a live note, with its count, most used first. */
export async function listTags(db: GlossDB): Promise<{ tag: string; count: number }[]> {
  const counts = new Map<string, { tag: string; count: number }>();
  await db.notes.each((n) => {
    if (n.deleted) return;
    for (const t of n.tags) {
      const k = fold(t);
      const c = counts.get(k);
      if (c) c.count++;
      else counts.set(k, { tag: t, count: 1 });
    }
  });
  return [...counts.values()].sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}

export async function getNote(db: GlossDB, id: string): Promise<Note | undefined> {
  const row = await db.notes.get(id);
  return row ? fromRow(row) : undefined;
}

export async function addNote(db: GlossDB, input: NewNote, now?: Clock): Promise<Note> {
  return db.transaction('rw', db.notes, db.meta, () =>
    withClock(db, now, async (tick) => {
      const note = createNote(input, { now, stamp: tick() });
      if (await db.notes.get(note.id)) throw new Error(`A note with id ${note.id} already exists`);
      await db.notes.add(toRow(note));
      return note;
    }),
  );
}

/**
 * Apply a patch in one transaction; fields that changed get their own update time. Apply an edit. With `base` (the body and tags the editor started from), an
 * edit made meanwhile elsewhere is merged or the save refused (notes/merge-edit.ts),
 * inside the same transaction as the write.
 */
export async function changeNote(db: GlossDB, id: string, patch: NotePatch, now?: Clock, base?: EditBase): Promise<Note> {
  return db.transaction('rw', db.notes, db.meta, () =>
    withClock(db, now, async (tick) => {
      const row = await db.notes.get(id);
      if (!row) throw new Error(`No note ${id}`);
      const before = fromRow(row);
      // With a base, body and tags come only from the merge (a field this editor did not change is left as stored).
      const { body: _body, tags: _tags, ...rest } = patch;
      const after = updateNote(before, base ? { ...rest, ...mergeEdit(before, patch, base) } : patch, { now, stamp: tick(latestStamp(before)) });
      if (after !== before) await db.notes.put(toRow(after));
      return after;
    }),
  );
}

/** Mark notes deleted (tombstones); returns the ids that were live. All or nothing. */
export async function deleteNotes(db: GlossDB, ids: readonly string[], now?: Clock): Promise<string[]> {
  return setDeleted(db, ids, true, now);
}

/** Undo a delete: the same records come back, with their ids, bodies and times. */
export async function restoreNotes(db: GlossDB, ids: readonly string[], now?: Clock): Promise<string[]> {
  return setDeleted(db, ids, false, now);
}

async function setDeleted(db: GlossDB, ids: readonly string[], deleted: boolean, now?: Clock): Promise<string[]> {
  return db.transaction('rw', db.notes, db.meta, () =>
    withClock(db, now, async (tick) => {
      const rows = await db.notes.bulkGet([...ids]);
      const changed: NoteRow[] = [];
      for (const row of rows) {
        if (!row || !!row.deleted === deleted) continue;
        const note = fromRow(row);
        changed.push(toRow(updateNote(note, { deleted }, { now, stamp: tick(latestStamp(note)) })));
      }
      await db.notes.bulkPut(changed);
      return changed.map((r) => r.id);
    }),
  );
}

export interface ImportSummary {
  added: number;
  /** Existing notes merged field by field with the imported version. */
  updated: number;
  /** Imported notes identical to what is stored. */
  unchanged: number;
}

/**
 * Import notes (e.g. from a Web Annotation file) in one transaction. A new id is
 * added; a known id is merged field by field (the later field time wins); a
 * deleted note the reader imports again comes back (the import is the newer intent).
 * Both are local edits of this device, stamped by its clock, so sync spreads them.
 */
export async function importNotes(db: GlossDB, notes: readonly Note[], now?: Clock): Promise<ImportSummary> {
  const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0 };
  await db.transaction('rw', db.notes, db.meta, () =>
   withClock(db, now, async (tick) => {
    const existing = await db.notes.bulkGet(notes.map((n) => n.id));
    const out: NoteRow[] = [];
    notes.forEach(({ sync: _fromFile, ...incoming }, i) => {
      const row = existing[i];
      if (!row) {
        // A new note: its file times become this device's stamps.
        const fresh = ensureSync(incoming, deviceOf(tick()));
        out.push(toRow(fresh.deleted ? updateNote(fresh, { deleted: false }, { now, stamp: tick() }) : fresh));
        summary.added++;
        return;
      }
      // A known note: each field the file changed later than this device is a local edit now.
      const old = fromRow(row);
      const patch: NotePatch = { deleted: false };
      if (incoming.fieldUpdated.body > old.fieldUpdated.body) patch.body = incoming.body;
      if (incoming.fieldUpdated.tags > old.fieldUpdated.tags) patch.tags = incoming.tags;
      if (incoming.fieldUpdated.target > old.fieldUpdated.target) patch.target = incoming.target;
      const merged = updateNote(old, patch, { now: incoming.updated > old.updated ? incoming.updated : old.updated, stamp: tick(latestStamp(old)) });
      if (merged === old) summary.unchanged++;
      else {
        out.push(toRow(merged));
        summary.updated++;
      }
    });
    await db.notes.bulkPut(out);
   }),
  );
  return summary;
}

/** Live notes for export, oldest first. */
export async function exportableNotes(db: GlossDB): Promise<Note[]> {
  return (await db.notes.orderBy('updated').toArray()).map(fromRow).filter((n) => !n.deleted);
}
