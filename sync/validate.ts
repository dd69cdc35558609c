/**
 * Checks on notes that arrive from a sync target (a server, the browser's sync
 * storage). They are untrusted: every field is checked and capped, and the
 * derived fields are recomputed from the stamps rather than believed.
 */
import { checkBody, checkNote } from '../background/notes-validate';
import type { BodyVersion, ConflictCopy, Note, NoteSync } from '../notes/types';
import { isStamp } from './hlc';
import { mergeNote } from './merge';

const MAX_DEVICES = 64;
const MAX_VERSIONS = 32;
const MAX_COPIES = 64;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function stamp(v: unknown, what: string): string {
  if (!isStamp(v)) throw new Error(`${what} is not a clock stamp`);
  return v;
}

function vv(v: unknown, what: string): Record<string, string> {
  if (!isObj(v)) throw new Error(`${what} must be an object`);
  const entries = Object.entries(v);
  if (entries.length > MAX_DEVICES) throw new Error(`${what} names too many devices`);
  const out: Record<string, string> = {};
  for (const [d, s] of entries) {
    const st = stamp(s, `${what}.${d}`);
    if (!st.endsWith(`-${d}`)) throw new Error(`${what}.${d} is another device's stamp`);
    out[d] = st;
  }
  return out;
}

function list<T>(v: unknown, what: string, max: number, each: (x: unknown, i: number) => T): T[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.length > max) throw new Error(`${what} must be a list of at most ${max}`);
  return v.map(each);
}

export function checkSync(v: unknown): NoteSync {
  if (!isObj(v) || !isObj(v.stamps)) throw new Error('sync stamps missing');
  const st = v.stamps;
  const out: NoteSync = {
    stamps: {
      body: stamp(st.body, 'stamps.body'),
      tags: stamp(st.tags, 'stamps.tags'),
      target: stamp(st.target, 'stamps.target'),
      deleted: stamp(st.deleted, 'stamps.deleted'),
      pageTitle: stamp(st.pageTitle, 'stamps.pageTitle'),
    },
    bodyVV: vv(v.bodyVV, 'bodyVV'),
    edits: vv(v.edits, 'edits'),
    deleteFlag: v.deleteFlag === true,
  };
  const others = list<BodyVersion>(v.others, 'others', MAX_VERSIONS, (o, i) => {
    if (!isObj(o)) throw new Error(`others[${i}] must be an object`);
    return { body: checkBody(o.body), stamp: stamp(o.stamp, `others[${i}].stamp`), vv: vv(o.vv, `others[${i}].vv`) };
  });
  if (others?.length) out.others = others;
  if (v.deleteSaw !== undefined) out.deleteSaw = vv(v.deleteSaw, 'deleteSaw');
  const copies = list<ConflictCopy>(v.conflicts, 'conflicts', MAX_COPIES, (c, i) => {
    if (!isObj(c)) throw new Error(`conflicts[${i}] must be an object`);
    const copy: ConflictCopy = { stamp: stamp(c.stamp, `conflicts[${i}].stamp`), body: checkBody(c.body) };
    if (c.dismissed === true) copy.dismissed = true;
    return copy;
  });
  if (copies?.length) out.conflicts = copies;
  return out;
}

/** A whole synced note: checked, capped, with its derived fields recomputed (merging a note with itself normalises it). */
export function checkSyncedNote(v: unknown): Note {
  const note = checkNote(v);
  const sync = checkSync(isObj(v) ? v.sync : undefined);
  const n: Note = { ...note, sync };
  return mergeNote(n, n);
}
