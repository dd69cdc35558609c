import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkInput, checkNote } from '../../../background/notes-validate';
import { importWebAnnotationText, toAnnotationCollection, type NewNote } from '../../../notes';
import { GlossDB } from '../../../storage/db';
import { freshDbPerTest } from '../fresh-db';
import {
  addNote,
  changeNote,
  deleteNotes,
  exportableNotes,
  getNote,
  importNotes,
  listNotes,
  listTags,
  notesForEntities,
  restoreNotes,
} from '../../../storage/notes';

const PAGE = 'https://news.example/2025/11/mamdani-nypd-ice';
const T0 = '2026-11-27T18:00:00.000Z';
const T1 = '2026-11-27T18:05:00.000Z';
const T2 = '2026-11-27T18:10:00.000Z';

const quoteNote = (body = 'Check the **source**.'): NewNote => ({
  pageUrl: PAGE,
  pageTitle: 'Mamdani: NYPD will not assist ICE',
  target: {
    kind: 'text',
    quote: 'ICE initiated a recruitment drive',
    selectors: [
      { type: 'TextQuoteSelector', exact: 'ICE initiated a recruitment drive', prefix: 'In October, ', suffix: ' targeting NYPD' },
      { type: 'TextPositionSelector', start: 120, end: 153 },
    ],
  },
  body,
  tags: ['ICE', 'recruiting'],
});

let db: GlossDB;
freshDbPerTest('test-notes', (d) => (db = d));

describe('note storage', () => {
  it('creates, reads, lists by page and by entity, and edits with per-field times', async () => {
    const a = await addNote(db, quoteNote(), T0);
    const b = await addNote(db, { pageUrl: PAGE, target: { kind: 'page' }, body: 'Whole article', tags: ['todo'] }, T0);
    const c = await addNote(db, { pageUrl: 'https://other.example/x', target: { kind: 'entity', entityId: 'gloss-starter:nypd', entityName: 'NYPD' }, body: 'About the NYPD', tags: [] }, T0);
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
    expect(await getNote(db, a.id)).toEqual(a);
    expect((await listNotes(db, { pageUrl: PAGE })).map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect((await notesForEntities(db, ['gloss-starter:nypd', 'gloss-starter:ice'])).map((x) => x.id)).toEqual([c.id]);
    // The index-only field does not leak into the note.
    expect(Object.keys((await getNote(db, c.id))!)).not.toContain('entityId');

    const edited = await changeNote(db, a.id, { body: 'Edited' }, T1);
    expect(edited.body).toBe('Edited');
    expect(edited.updated).toBe(T1);
    expect(edited.fieldUpdated).toEqual({ body: T1, tags: T0, target: T0, deleted: T0 });
    const tagged = await changeNote(db, a.id, { tags: ['ice', 'Police'] }, T2);
    expect(tagged.tags).toEqual(['ice', 'Police']);
    expect(tagged.fieldUpdated).toEqual({ body: T1, tags: T2, target: T0, deleted: T0 });
    expect(await getNote(db, a.id)).toEqual(tagged);
    // Nothing changed: nothing written, times kept.
    expect(await changeNote(db, a.id, { body: 'Edited' }, '2027-01-01T00:00:00.000Z')).toEqual(tagged);
    await expect(changeNote(db, 'nope', { body: 'x' })).rejects.toThrow(/No note/);
  });

  it('searches body, quote, tags and title, accent- and case-insensitively, and filters by tag', async () => {
    const a = await addNote(db, quoteNote('Le café **municipal** was closed'), T0);
    const b = await addNote(db, { pageUrl: PAGE, target: { kind: 'page' }, body: 'Compare with the press release', tags: ['Todo'] }, T1);
    const ids = async (f: Parameters<typeof listNotes>[1]) => (await listNotes(db, f)).map((x) => x.id);
    expect(await ids({ query: 'CAFE' })).toEqual([a.id]);
    expect(await ids({ query: 'recruitment drive' })).toEqual([a.id]); // the quote
    expect(await ids({ query: 'press todo' })).toEqual([b.id]); // body + tag
    expect(await ids({ query: 'NYPD will not' })).toEqual([a.id]); // the page title
    expect(await ids({ query: 'press café' })).toEqual([]);
    expect(await ids({ tag: 'todo' })).toEqual([b.id]);
    expect(await ids({ tag: '#ice' })).toEqual([a.id]);
    expect(await ids({})).toEqual([b.id, a.id]); // newest first
    expect(await listTags(db)).toEqual([
      { tag: 'ICE', count: 1 },
      { tag: 'recruiting', count: 1 },
      { tag: 'Todo', count: 1 },
    ]);
  });

  it('deletes as a tombstone and undo brings the same note back', async () => {
    const a = await addNote(db, quoteNote(), T0);
    const b = await addNote(db, { pageUrl: PAGE, target: { kind: 'page' }, body: 'B', tags: [] }, T0);
    expect(await deleteNotes(db, [a.id, b.id, 'missing'], T1)).toEqual([a.id, b.id]);
    expect(await listNotes(db, { pageUrl: PAGE })).toEqual([]);
    expect(await exportableNotes(db)).toEqual([]);
    const tomb = (await listNotes(db, { includeDeleted: true })).find((x) => x.id === a.id)!;
    expect(tomb.deleted).toBe(true);
    expect(tomb.fieldUpdated.deleted).toBe(T1);
    expect(tomb.body).toBe(a.body);
    // Deleting again changes nothing.
    expect(await deleteNotes(db, [a.id], T2)).toEqual([]);

    expect(await restoreNotes(db, [a.id], T2)).toEqual([a.id]);
    const back = await getNote(db, a.id);
    expect(back).toMatchObject({ id: a.id, body: a.body, tags: a.tags, target: a.target, created: a.created });
    expect(back?.deleted).toBeUndefined();
    expect(back?.fieldUpdated).toEqual({ body: T0, tags: T0, target: T0, deleted: T2 });
    expect((await listNotes(db, { pageUrl: PAGE })).map((x) => x.id)).toEqual([a.id]);
  });

  it('writes transactionally: a failing import writes nothing', async () => {
    const a = await addNote(db, quoteNote(), T0);
    const good = { ...a, id: 'fresh-1', body: 'new' };
    const bad = { ...a, id: 'fresh-2', target: undefined } as never;
    await expect(importNotes(db, [good, bad])).rejects.toThrow();
    expect(await getNote(db, 'fresh-1')).toBeUndefined();
    // A failure while writing the second row undoes the first (and the merge of `a`).
    const failing = (_key: unknown, row: { id: string }) => {
      if (row.id === 'fresh-2') throw new Error('disk full');
    };
    db.notes.hook('creating', failing);
    await expect(importNotes(db, [{ ...a, body: 'changed', updated: T2, fieldUpdated: { ...a.fieldUpdated, body: T2 } }, good, { ...good, id: 'fresh-2' }])).rejects.toThrow(/disk full/);
    db.notes.hook('creating').unsubscribe(failing);
    expect(await getNote(db, 'fresh-1')).toBeUndefined();
    expect((await getNote(db, a.id))?.body).toBe(a.body);
    expect((await listNotes(db)).length).toBe(1);
    // A duplicate id on add is refused, and the first note is untouched.
    await expect(addNote(db, { ...quoteNote('dup'), id: a.id })).rejects.toThrow(/already exists/);
    expect((await getNote(db, a.id))?.body).toBe(a.body);
  });

  it('round-trips through a Web Annotation export, and an import brings deleted notes back', async () => {
    const a = await addNote(db, quoteNote(), T0);
    const b = await addNote(db, { pageUrl: PAGE, target: { kind: 'entity', entityId: 'gloss-starter:nypd', entityName: 'NYPD' }, body: 'Entity note', tags: ['police'] }, T0);
    const json = JSON.stringify(toAnnotationCollection(await exportableNotes(db)));
    await deleteNotes(db, [a.id, b.id], T1);
    const parsed = importWebAnnotationText(json);
    expect(parsed.errors).toEqual([]);
    expect(parsed.notes).toHaveLength(2);
    const summary = await importNotes(db, parsed.notes.map(checkNote), T2);
    expect(summary).toEqual({ added: 0, updated: 2, unchanged: 0 });
    const live = await listNotes(db);
    expect(live.map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect(live.find((x) => x.id === a.id)).toMatchObject({ body: a.body, tags: a.tags, target: a.target });
    expect((await notesForEntities(db, ['gloss-starter:nypd']))[0]?.body).toBe('Entity note');
    // Importing the same file again changes nothing.
    expect(await importNotes(db, importWebAnnotationText(json).notes, T2)).toEqual({ added: 0, updated: 0, unchanged: 2 });
  });

  it('import merges field by field: the later edit of each field wins', async () => {
    const a = await addNote(db, quoteNote('local body'), T0);
    await changeNote(db, a.id, { tags: ['local-tag'] }, T2);
    const incoming = { ...a, body: 'remote body', tags: ['remote-tag'], updated: T1, fieldUpdated: { ...a.fieldUpdated, body: T1, tags: T1 } };
    expect(await importNotes(db, [incoming], T2)).toEqual({ added: 0, updated: 1, unchanged: 0 });
    const merged = await getNote(db, a.id);
    expect(merged?.body).toBe('remote body');
    expect(merged?.tags).toEqual(['local-tag']);
  });

  it('reports invalid annotations of an import file and keeps the valid ones for confirmation', async () => {
    const file = JSON.parse(readFileSync('tests/fixtures/notes/import-with-errors.jsonld', 'utf8')) as unknown;
    const result = importWebAnnotationText(JSON.stringify(file));
    expect(result.notes).toHaveLength(2);
    expect(result.errors).toHaveLength(2);
    expect(result.errors.map((e) => e.index)).toEqual([1, 3]);
    for (const e of result.errors) expect(e.message).toMatch(/^Annotation \d/);
    // Nothing is stored until the reader confirms; then only the valid ones.
    expect(await listNotes(db)).toEqual([]);
    expect(await importNotes(db, result.notes.map(checkNote))).toEqual({ added: 2, updated: 0, unchanged: 0 });
    expect((await listNotes(db)).map((x) => x.body).sort()).toEqual(['A valid note on the page.', 'Second valid note']);
  });
});

describe('note messages are checked', () => {
  it('refuses malformed input from a page', () => {
    expect(() => checkInput({ pageUrl: PAGE, target: { kind: 'text', quote: 'x', selectors: [] }, body: '', tags: [] })).toThrow(/selectors/);
    expect(() => checkInput({ pageUrl: PAGE, target: { kind: 'script' }, body: '', tags: [] })).toThrow(/unknown target/);
    expect(() => checkInput({ pageUrl: PAGE, target: { kind: 'page' }, body: 'x'.repeat(20_001), tags: [] })).toThrow(/too long/);
    expect(() => checkInput({ pageUrl: PAGE, target: { kind: 'page' }, body: '', tags: Array(40).fill('t') })).toThrow(/too many tags/);
    expect(() => checkInput({ pageUrl: PAGE, target: { kind: 'text', quote: 'x', selectors: [{ type: 'TextPositionSelector', start: 5, end: 2 }] }, body: '', tags: [] })).toThrow(/start/);
    const ok = checkInput({ ...quoteNote(), extra: '<script>' });
    expect(Object.keys(ok).sort()).toEqual(['body', 'pageTitle', 'pageUrl', 'tags', 'target']);
  });
});
