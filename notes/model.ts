/** Pure helpers to create and change notes. No I/O, no browser APIs. */
import { NOTE_FIELDS, type Note, type NoteField, type NoteTarget } from './types';
import { mergeNote, stampChange, type LocalChange } from '../sync/merge';
import { stampIso } from '../sync/hlc';

export type Clock = string | Date | undefined;

/** ISO string of `now` (an ISO string or a Date), or of the current time. */
export function isoNow(now?: Clock): string {
  if (now === undefined) return new Date().toISOString();
  const d = typeof now === 'string' ? new Date(now) : now;
  if (Number.isNaN(d.getTime())) throw new RangeError(`invalid date: ${String(now)}`);
  return d.toISOString();
}

/** Random source: 16 bytes. Defaults to crypto.getRandomValues when the runtime has it. */
export type RandomBytes = () => Uint8Array;

function defaultRandomBytes(): Uint8Array {
  const bytes = new Uint8Array(16);
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (c?.getRandomValues) return c.getRandomValues(bytes);
  for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  return bytes;
}

/** A version 4 UUID string (the format of crypto.randomUUID), from `random` bytes. */
export function newNoteId(random: RandomBytes = defaultRandomBytes): string {
  const b = random().slice(0, 16);
  if (b.length < 16) throw new RangeError('newNoteId: need 16 random bytes');
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Tags trimmed, inner whitespace collapsed, a leading '#' dropped, empty ones and case-insensitive duplicates removed. */
export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const t = raw.replace(/\s+/g, ' ').trim().replace(/^#+/, '').trim();
    const key = t.toLowerCase();
    if (!t || seen.has(key)) continue;
    seen.add(key);
    out.push(t);
  }
  return out;
}

function copyTarget(t: NoteTarget): NoteTarget {
  switch (t.kind) {
    case 'text':
      return { kind: 'text', quote: t.quote, selectors: t.selectors.map((s) => ({ ...s })) };
    case 'entity':
      return { kind: 'entity', entityId: t.entityId, entityName: t.entityName };
    case 'page':
      return { kind: 'page' };
  }
}

export interface NewNote {
  pageUrl: string;
  pageTitle?: string;
  target: NoteTarget;
  body?: string;
  tags?: readonly string[];
  /** Pass crypto.randomUUID() or an imported id; generated with newNoteId otherwise. */
  id?: string;
}

export interface ModelOptions {
  now?: Clock;
  random?: RandomBytes;
  /**
   * The device's clock stamp for this change (sync/hlc.ts). Given, the note
   * carries per-field stamps for sync; storage always passes one.
   */
  stamp?: string;
}

export function createNote(input: NewNote, options: ModelOptions = {}): Note {
  const now = isoNow(options.now);
  const fieldUpdated = Object.fromEntries(NOTE_FIELDS.map((f) => [f, now])) as Record<NoteField, string>;
  const note: Note = {
    id: input.id ?? newNoteId(options.random),
    pageUrl: input.pageUrl,
    target: copyTarget(input.target),
    body: input.body ?? '',
    tags: normalizeTags(input.tags ?? []),
    created: now,
    updated: now,
    fieldUpdated,
  };
  if (input.pageTitle) note.pageTitle = input.pageTitle;
  if (options.stamp) {
    const s = options.stamp;
    const device = s.slice(s.lastIndexOf('-') + 1);
    note.sync = {
      stamps: { body: s, tags: s, target: s, deleted: s, pageTitle: s },
      bodyVV: { [device]: s },
      edits: { [device]: s },
      deleteFlag: false,
    };
    // Field times follow the clock stamp (which may be ahead of this device's wall clock), as merges recompute them.
    const at = stampIso(s);
    note.fieldUpdated = Object.fromEntries(NOTE_FIELDS.map((f) => [f, at])) as Record<NoteField, string>;
  }
  return note;
}

export interface NotePatch {
  body?: string;
  tags?: readonly string[];
  target?: NoteTarget;
  deleted?: boolean;
  pageTitle?: string;
  /** Conflict copies the reader has read and lets go (their stamps). */
  dismissConflicts?: readonly string[];
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A copy of `note` with `patch` applied. Each field that really changed gets
 * `now` as its fieldUpdated time, and `updated` becomes `now`. A patch that
 * changes nothing returns the same note object.
 */
export function updateNote(note: Note, patch: NotePatch, options: ModelOptions = {}): Note {
  const now = isoNow(options.now);
  const next: Note = { ...note, fieldUpdated: { ...note.fieldUpdated } };
  let changed = false;
  const change: LocalChange = {};
  const touch = (f: NoteField) => {
    next.fieldUpdated[f] = now;
    change[f] = true;
    changed = true;
  };
  if (patch.body !== undefined && patch.body !== note.body) {
    next.body = patch.body;
    touch('body');
  }
  if (patch.tags !== undefined) {
    const tags = normalizeTags(patch.tags);
    if (!sameJson(tags, note.tags)) {
      next.tags = tags;
      touch('tags');
    }
  }
  if (patch.target !== undefined && !sameJson(patch.target, note.target)) {
    next.target = copyTarget(patch.target);
    touch('target');
  }
  // With sync a delete can be in the raw flag yet overridden by an edit it did not
  // see: deleting such a note deletes it, and "keep" clears the flag.
  const hidden = note.deleted ?? false;
  const flagged = note.sync ? note.sync.deleteFlag : hidden;
  if (patch.deleted !== undefined && (patch.deleted ? !hidden : flagged)) {
    if (patch.deleted) next.deleted = true;
    else delete next.deleted;
    touch('deleted');
  }
  if (patch.pageTitle !== undefined && patch.pageTitle !== note.pageTitle) {
    // Page metadata, not user content: no per-field time of its own.
    if (patch.pageTitle) next.pageTitle = patch.pageTitle;
    else delete next.pageTitle;
    change.pageTitle = true;
    changed = true;
  }
  if (patch.dismissConflicts?.length && note.sync) {
    change.dismiss = patch.dismissConflicts;
    changed = true;
  }
  if (!changed) return note;
  next.updated = now;
  const stamp = options.stamp;
  if (!stamp && !note.sync) return next;
  if (!stamp) throw new Error('updateNote: a note with sync stamps needs a clock stamp for each change');
  return stampChange(note, next, change, stamp);
}

/** Mark a note deleted (a tombstone kept for sync). */
export function deleteNote(note: Note, options: ModelOptions = {}): Note {
  return updateNote(note, { deleted: true }, options);
}

/**
 * Merge two versions of the same note field by field (sync/merge.ts): later
 * clock stamps win, concurrent body edits keep a conflict copy.
 */
export function mergeNotes(a: Note, b: Note): Note {
  return mergeNote(a, b);
}
