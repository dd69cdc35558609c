import { describe, expect, it } from 'vitest';
import {
  createNote,
  deleteNote,
  isoNow,
  mergeNotes,
  newNoteId,
  normalizeTags,
  updateNote,
  type Note,
} from '../../../notes';

const T0 = '2026-11-27T10:00:00.000Z';
const T1 = '2026-11-27T11:00:00.000Z';
const T2 = '2026-11-27T12:00:00.000Z';

function base(): Note {
  return createNote(
    {
      pageUrl: 'https://example.com/story',
      pageTitle: 'Story',
      target: { kind: 'text', quote: 'hello', selectors: [{ type: 'TextQuoteSelector', exact: 'hello' }] },
      body: 'first',
      tags: ['a'],
    },
    { now: T0, random: () => new Uint8Array(16).fill(0xab) },
  );
}

describe('ids and times', () => {
  it('generates RFC 4122 version 4 UUIDs', () => {
    const id = newNoteId(() => new Uint8Array(16).fill(0xff));
    expect(id).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    const ids = new Set(Array.from({ length: 200 }, () => newNoteId()));
    expect(ids.size).toBe(200);
    for (const x of ids) expect(x).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(() => newNoteId(() => new Uint8Array(4))).toThrow();
  });

  it('normalises clocks to ISO strings', () => {
    expect(isoNow('2026-11-27T10:00:00Z')).toBe(T0);
    expect(isoNow(new Date(T0))).toBe(T0);
    expect(() => isoNow('not a date')).toThrow(RangeError);
    expect(isoNow()).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});

describe('createNote', () => {
  it('fills ids, times and per-field times', () => {
    const n = base();
    expect(n).toEqual({
      id: 'abababab-abab-4bab-abab-abababababab',
      pageUrl: 'https://example.com/story',
      pageTitle: 'Story',
      target: { kind: 'text', quote: 'hello', selectors: [{ type: 'TextQuoteSelector', exact: 'hello' }] },
      body: 'first',
      tags: ['a'],
      created: T0,
      updated: T0,
      fieldUpdated: { body: T0, tags: T0, target: T0, deleted: T0 },
    });
  });

  it('keeps a given id, defaults body and tags, and does not share the input target', () => {
    const target = { kind: 'text' as const, quote: 'x', selectors: [{ type: 'TextPositionSelector' as const, start: 1, end: 2 }] };
    const n = createNote({ id: 'given', pageUrl: 'https://e.com/', target }, { now: T0 });
    expect(n.id).toBe('given');
    expect(n.body).toBe('');
    expect(n.tags).toEqual([]);
    target.selectors[0]!.start = 99;
    expect(n.target).toEqual({ kind: 'text', quote: 'x', selectors: [{ type: 'TextPositionSelector', start: 1, end: 2 }] });
  });

  it('normalises tags', () => {
    expect(normalizeTags(['  Climate  policy ', '#climate policy', 'NYPD', '', '##', 'nypd', 'ICE'])).toEqual([
      'Climate policy',
      'NYPD',
      'ICE',
    ]);
  });
});

describe('updateNote', () => {
  it('bumps only the fields that changed', () => {
    const n = base();
    const u = updateNote(n, { body: 'second', tags: ['a'] }, { now: T1 });
    expect(u.body).toBe('second');
    expect(u.updated).toBe(T1);
    expect(u.fieldUpdated).toEqual({ body: T1, tags: T0, target: T0, deleted: T0 });
    expect(n.body).toBe('first'); // not mutated
    expect(n.fieldUpdated.body).toBe(T0);
  });

  it('returns the same object when nothing changes', () => {
    const n = base();
    expect(updateNote(n, {}, { now: T1 })).toBe(n);
    expect(updateNote(n, { body: 'first', tags: [' a '], target: n.target, deleted: false }, { now: T1 })).toBe(n);
  });

  it('tracks tags, target and deletion', () => {
    const n = base();
    const t = updateNote(n, { tags: ['b'], target: { kind: 'page' } }, { now: T1 });
    expect(t.fieldUpdated).toEqual({ body: T0, tags: T1, target: T1, deleted: T0 });
    const d = deleteNote(t, { now: T2 });
    expect(d.deleted).toBe(true);
    expect(d.fieldUpdated.deleted).toBe(T2);
    const r = updateNote(d, { deleted: false }, { now: T2 });
    expect(r.deleted).toBeUndefined();
    expect('deleted' in r).toBe(false);
  });

  it('changes the page title without a field time of its own', () => {
    const n = base();
    const u = updateNote(n, { pageTitle: 'New title' }, { now: T1 });
    expect(u.pageTitle).toBe('New title');
    expect(u.updated).toBe(T1);
    expect(u.fieldUpdated).toEqual(n.fieldUpdated);
  });
});

describe('mergeNotes', () => {
  it('takes each field from the version that changed it last', () => {
    const n = base();
    const onPhone = updateNote(n, { body: 'phone body' }, { now: T1 });
    const onLaptop = updateNote(n, { tags: ['laptop'] }, { now: T2 });
    const m = mergeNotes(onPhone, onLaptop);
    expect(m.body).toBe('phone body');
    expect(m.tags).toEqual(['laptop']);
    expect(m.updated).toBe(T2);
    expect(m.fieldUpdated).toEqual({ body: T1, tags: T2, target: T0, deleted: T0 });
    expect(mergeNotes(onLaptop, onPhone)).toEqual(m);
  });

  it('keeps a later deletion and refuses different notes', () => {
    const n = base();
    const del = deleteNote(n, { now: T2 });
    const edit = updateNote(n, { body: 'x' }, { now: T1 });
    const m = mergeNotes(edit, del);
    expect(m.deleted).toBe(true);
    expect(m.body).toBe('x');
    expect(() => mergeNotes(n, { ...n, id: 'other' })).toThrow();
  });
});
