/**
 * Merging two versions of one note, field by field, so that every device that
 * has seen the same edits ends with the same note, whatever the order the edits
 * arrived in (the merge is commutative, associative and idempotent).
 *
 * - tags, target, page title: the later clock stamp wins (sync/hlc.ts).
 * - body: a multi-value register. Versions that neither saw the other (their
 *   version vectors are concurrent) are all kept; the later one shows as the
 *   body and the others as conflict copies ("edited on two devices"). When the
 *   reader next edits the body, the losing texts are kept as conflict copies.
 * - deleted: the later stamp wins, but a delete hides the note only if it had
 *   seen every content edit; an edit it did not see keeps the note, and
 *   `deletionOverridden` says so.
 *
 * Pure: no browser APIs.
 */
import type { BodyVersion, ConflictCopy, Note, NoteField, NoteSync } from '../notes/types';
import { stampFromIso, stampIso, vvAdd, vvCovers, vvJoin, type Stamp, type VersionVector } from './hlc';

const STAMPED: readonly (NoteField | 'pageTitle')[] = ['body', 'tags', 'target', 'deleted', 'pageTitle'];

/** Device id used for stamps of notes that arrive without any (files made before sync). */
export const LEGACY_DEVICE = 'legacy';

/**
 * Give a note made before sync its stamps: each field's stamp comes from its
 * fieldUpdated time, as an edit of `device`.
 */
export function ensureSync(note: Note, device: string = LEGACY_DEVICE): Note & { sync: NoteSync } {
  if (note.sync) return note as Note & { sync: NoteSync };
  const f = note.fieldUpdated;
  const stamps = {
    body: stampFromIso(f.body, device),
    tags: stampFromIso(f.tags, device),
    target: stampFromIso(f.target, device),
    deleted: stampFromIso(f.deleted, device),
    pageTitle: stampFromIso(note.updated, device),
  };
  const edits = vvJoin(vvJoin({ [device]: stamps.body }, { [device]: stamps.tags }), { [device]: stamps.target });
  const sync: NoteSync = { stamps, bodyVV: { [device]: stamps.body }, edits, deleteFlag: !!note.deleted };
  if (note.deleted) sync.deleteSaw = { ...edits };
  return { ...note, sync };
}

function heads(n: Note & { sync: NoteSync }): BodyVersion[] {
  return [{ body: n.body, stamp: n.sync.stamps.body, vv: n.sync.bodyVV }, ...(n.sync.others ?? [])];
}

const byStamp = <T extends { stamp: Stamp }>(x: T, y: T) => (x.stamp < y.stamp ? -1 : x.stamp > y.stamp ? 1 : 0);

/** Versions not included in any other (the register's current values), oldest first. */
export function maximalVersions(versions: readonly BodyVersion[]): BodyVersion[] {
  const unique = new Map<Stamp, BodyVersion>();
  for (const v of versions) if (!unique.has(v.stamp)) unique.set(v.stamp, v);
  const all = [...unique.values()];
  return all.filter((h) => !all.some((o) => o.stamp !== h.stamp && vvCovers(o.vv, h.vv))).sort(byStamp);
}

function mergeCopies(a: readonly ConflictCopy[] = [], b: readonly ConflictCopy[] = []): ConflictCopy[] {
  const out = new Map<Stamp, ConflictCopy>();
  for (const c of [...a, ...b]) {
    const seen = out.get(c.stamp);
    const dismissed = !!(seen?.dismissed || c.dismissed);
    out.set(c.stamp, dismissed ? { stamp: c.stamp, body: c.body, dismissed: true } : { stamp: c.stamp, body: c.body });
  }
  return [...out.values()].sort(byStamp);
}

/** The later of two versions of one field; equal stamps mean the same edit, so either is right, but pick by value for determinism. */
function later<T>(sa: Stamp, va: T, sb: Stamp, vb: T): T {
  if (sa !== sb) return sa > sb ? va : vb;
  return JSON.stringify(va) >= JSON.stringify(vb) ? va : vb;
}

/** Whether a delete is in force: the flag is set and the delete had seen every content edit. */
function effectiveDeleted(s: NoteSync): boolean {
  // The deleting device had seen its own earlier edits, whatever deleteSaw says.
  return s.deleteFlag && vvCovers(vvAdd(s.deleteSaw ?? {}, s.stamps.deleted), s.edits);
}

/** The note was deleted on a device while another device edited it; the edit kept it. */
export function deletionOverridden(n: Note): boolean {
  return !!n.sync && n.sync.deleteFlag && !effectiveDeleted(n.sync);
}

/** Text the reader should see beside the note: concurrent bodies not yet reconciled, then kept copies not dismissed. */
export function conflictCopies(n: Note): ConflictCopy[] {
  if (!n.sync) return [];
  const pending = (n.sync.others ?? []).map((o) => ({ stamp: o.stamp, body: o.body }));
  const kept = (n.sync.conflicts ?? []).filter((c) => !c.dismissed && !pending.some((p) => p.stamp === c.stamp));
  return [...pending, ...kept].filter((c) => c.body !== n.body).sort(byStamp);
}

/** Rebuild the derived fields (deleted, fieldUpdated) from the sync block, keys in one fixed order. */
function materialize(base: Omit<Note, 'deleted' | 'fieldUpdated' | 'sync'>, sync: NoteSync): Note {
  const note: Note = {
    id: base.id,
    pageUrl: base.pageUrl,
    target: base.target,
    body: base.body,
    tags: base.tags,
    created: base.created,
    updated: base.updated,
    fieldUpdated: {
      body: stampIso(sync.stamps.body),
      tags: stampIso(sync.stamps.tags),
      target: stampIso(sync.stamps.target),
      deleted: stampIso(sync.stamps.deleted),
    },
    sync,
  };
  if (base.pageTitle) note.pageTitle = base.pageTitle;
  if (effectiveDeleted(sync)) note.deleted = true;
  return note;
}

function cleanSync(s: NoteSync): NoteSync {
  const out: NoteSync = { stamps: s.stamps, bodyVV: s.bodyVV, edits: s.edits, deleteFlag: s.deleteFlag };
  if (s.others?.length) out.others = s.others;
  if (s.deleteFlag && s.deleteSaw) out.deleteSaw = s.deleteSaw;
  if (s.conflicts?.length) out.conflicts = s.conflicts;
  return out;
}

/**
 * Merge two versions of the same note. Commutative, associative, idempotent:
 * see tests/unit/sync/merge-property.test.ts. Notes without stamps are migrated
 * as edits of LEGACY_DEVICE.
 */
export function mergeNote(x: Note, y: Note): Note {
  if (x.id !== y.id) throw new Error(`mergeNote: different notes ${x.id} and ${y.id}`);
  const a = ensureSync(x);
  const b = ensureSync(y);
  const sa = a.sync;
  const sb = b.sync;
  const versions = maximalVersions([...heads(a), ...heads(b)]);
  const winner = versions[versions.length - 1]!;
  const others = versions.slice(0, -1);
  const stamps = Object.fromEntries(STAMPED.map((f) => [f, sa.stamps[f] > sb.stamps[f] ? sa.stamps[f] : sb.stamps[f]])) as NoteSync['stamps'];
  stamps.body = winner.stamp;
  const del = later(sa.stamps.deleted, { flag: sa.deleteFlag, saw: sa.deleteSaw }, sb.stamps.deleted, { flag: sb.deleteFlag, saw: sb.deleteSaw });
  const sync = cleanSync({
    stamps,
    bodyVV: winner.vv,
    others,
    edits: vvJoin(sa.edits, sb.edits),
    deleteFlag: del.flag,
    deleteSaw: del.saw,
    conflicts: mergeCopies(sa.conflicts, sb.conflicts),
  });
  const pageTitle = later(sa.stamps.pageTitle, a.pageTitle ?? '', sb.stamps.pageTitle, b.pageTitle ?? '');
  return materialize(
    {
      id: a.id,
      pageUrl: a.pageUrl < b.pageUrl ? a.pageUrl : b.pageUrl,
      pageTitle: pageTitle || undefined,
      target: later(sa.stamps.target, a.target, sb.stamps.target, b.target),
      body: winner.body,
      tags: [...later(sa.stamps.tags, a.tags, sb.stamps.tags, b.tags)],
      created: a.created < b.created ? a.created : b.created,
      updated: a.updated > b.updated ? a.updated : b.updated,
    },
    sync,
  );
}

/** What a local change did, for stampChange. */
export interface LocalChange {
  body?: boolean;
  tags?: boolean;
  target?: boolean;
  deleted?: boolean;
  pageTitle?: boolean;
  /** Conflict copies the reader let go (by stamp). */
  dismiss?: readonly Stamp[];
}

/**
 * Stamp a change the reader made on this device: `after` is the note with the
 * new values, `before` the note they changed. Editing the body reconciles
 * concurrent versions: their texts are kept as conflict copies.
 */
export function stampChange(before: Note, after: Note, change: LocalChange, stamp: Stamp): Note {
  const prev = ensureSync(before).sync;
  const stamps = { ...prev.stamps };
  let edits = prev.edits;
  let bodyVV = prev.bodyVV;
  let others = prev.others ?? [];
  let conflicts = prev.conflicts ?? [];
  let deleteFlag = prev.deleteFlag;
  let deleteSaw = prev.deleteSaw;
  const dismiss = new Set(change.dismiss ?? []);
  if (change.body || others.some((o) => dismiss.has(o.stamp))) {
    // A new body version that has seen every current one.
    const kept = others.filter((o) => o.body !== after.body).map((o) => ({ stamp: o.stamp, body: o.body, ...(dismiss.has(o.stamp) ? { dismissed: true } : {}) }));
    conflicts = mergeCopies(conflicts, kept);
    bodyVV = vvAdd(others.reduce((vv, o) => vvJoin(vv, o.vv), bodyVV), stamp);
    others = [];
    stamps.body = stamp;
    edits = vvAdd(edits, stamp);
  }
  if (dismiss.size) conflicts = conflicts.map((c) => (dismiss.has(c.stamp) ? { ...c, dismissed: true } : c));
  for (const f of ['tags', 'target'] as const) {
    if (change[f]) {
      stamps[f] = stamp;
      edits = vvAdd(edits, stamp);
    }
  }
  if (change.pageTitle) stamps.pageTitle = stamp;
  if (change.deleted) {
    stamps.deleted = stamp;
    deleteFlag = !!after.deleted;
    deleteSaw = deleteFlag ? edits : undefined;
  }
  const sync = cleanSync({ stamps, bodyVV, others, edits, deleteFlag, deleteSaw, conflicts });
  return materialize(after, sync);
}

/** Canonical JSON of a note (keys sorted): equal strings mean equal notes. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0))) : v,
  );
}

export type { VersionVector };

/** The latest stamp a note carries: a device that merged it observes this, so its next edit comes after. */
export function latestStamp(n: Note): Stamp | undefined {
  if (!n.sync) return undefined;
  let max = '';
  for (const s of Object.values(n.sync.stamps)) if (s > max) max = s;
  for (const s of Object.values(n.sync.edits)) if (s > max) max = s;
  for (const o of n.sync.others ?? []) if (o.stamp > max) max = o.stamp;
  return max || undefined;
}
