import { describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { noteHandlers } from '../../../background/notes';
import { recordMatched } from '../../../background/page-entities';
import type { BackgroundDeps } from '../../../background/deps';
import { GlossDB } from '../../../storage/db';
import { freshDbPerTest } from '../fresh-db';

let db: GlossDB;
freshDbPerTest('test-bg-notes', (d) => (db = d));

/** A message from the popup: its sender has the extension page's URL (and no tab). */
const popup = () => ({ kind: 'extension' as const, url: browser.runtime.getURL('/popup.html') });
const tab = (url: string) => ({ kind: 'content' as const, url, tab: { id: 7, url } });
const page = 'https://www.news.example/2025/11/story';

describe('note messages from pages and from Gloss', () => {
  it('lets a content script reach only its own site’s notes, and only Gloss list, export and import', async () => {
    const h = noteHandlers({ db } as unknown as BackgroundDeps);
    const input = { pageUrl: page, target: { kind: 'page' as const }, body: 'mine', tags: [] };
    const own = await h['notes/create'](input, tab('https://amp.news.example/story'));
    await expect(Promise.resolve().then(() => h['notes/create'](input, tab('https://evil.example/')))).rejects.toThrow(/own notes/);
    await expect(Promise.resolve().then(() => h['notes/update']({ id: own.id, body: 'pwned' }, tab('https://evil.example/')))).rejects.toThrow(/own notes/);
    await expect(Promise.resolve().then(() => h['notes/delete']({ ids: [own.id] }, tab('https://evil.example/')))).rejects.toThrow(/own notes/);
    await expect(Promise.resolve().then(() => h['notes/for-page']({ pageUrl: page }, tab('https://evil.example/')))).rejects.toThrow(/own notes/);
    await expect(Promise.resolve().then(() => h['notes/list']({}, tab(page)))).rejects.toThrow(/Gloss/);
    await expect(Promise.resolve().then(() => h['notes/export']({ format: 'jsonld' }, tab(page)))).rejects.toThrow(/Gloss/);
    await expect(Promise.resolve().then(() => h['notes/import']({ notes: [] }, tab(page)))).rejects.toThrow(/Gloss/);

    expect((await h['notes/update']({ id: own.id, body: 'edited' }, tab(page))).body).toBe('edited');
    expect((await h['notes/for-page']({ pageUrl: page }, tab(page))).page.map((x) => x.id)).toEqual([own.id]);
    expect((await h['notes/list']({}, popup())).notes.map((x) => x.body)).toEqual(['edited']);
    const exported = await h['notes/export']({ format: 'jsonld' }, popup());
    expect(JSON.parse(exported.text)).toMatchObject({ type: 'AnnotationCollection', total: 1 });
    expect(exported.filename).toMatch(/^gloss-notes-\d{4}-\d{2}-\d{2}\.jsonld$/);
    await expect(Promise.resolve().then(() => h['notes/import']({ notes: [{ id: 'x' } as never] }, popup()))).rejects.toThrow(/Note 1:/);
  });

  it('keeps sibling sites on shared hosting apart: mallory.github.io cannot reach alice.github.io’s notes', async () => {
    const h = noteHandlers({ db } as unknown as BackgroundDeps);
    const alice = 'https://alice.github.io/essay';
    const own = await h['notes/create']({ pageUrl: alice, target: { kind: 'page' }, body: 'private', tags: [] }, tab(alice));
    for (const mallory of ['https://mallory.github.io/essay', 'https://mallory.substack.com/p/x']) {
      await expect(Promise.resolve().then(() => h['notes/for-page']({ pageUrl: alice }, tab(mallory)))).rejects.toThrow(/own notes/);
      await expect(Promise.resolve().then(() => h['notes/delete']({ ids: [own.id] }, tab(mallory)))).rejects.toThrow(/own notes/);
    }
    expect((await h['notes/for-page']({ pageUrl: alice }, tab('https://alice.github.io/other'))).page.map((n) => n.body)).toEqual(['private']);
  });

  it('refuses an imported note whose page is a javascript: or data: address', async () => {
    const h = noteHandlers({ db } as unknown as BackgroundDeps);
    const note = { id: 'n1', pageUrl: 'javascript:alert(1)', target: { kind: 'page' }, body: 'x', tags: [], created: '2026-01-01T00:00:00Z', updated: '2026-01-01T00:00:00Z', fieldUpdated: {} };
    await expect(Promise.resolve().then(() => h['notes/import']({ notes: [note as never] }, popup()))).rejects.toThrow('Note 1: page URL must be an http(s) address (got javascript:)');
    await expect(Promise.resolve().then(() => h['notes/import']({ notes: [{ ...note, pageUrl: 'data:text/html,x' } as never] }, popup()))).rejects.toThrow(/got data:/);
    expect(await db.notes.count()).toBe(0);
  });

  it('two windows saving one note: edits to different fields merge, tags merge as sets, a second body edit is refused with its text kept', async () => {
    const h = noteHandlers({ db } as unknown as BackgroundDeps);
    const note = await h['notes/create']({ pageUrl: page, target: { kind: 'page' }, body: 'first', tags: ['a', 'b'] }, popup());
    const opened = { body: note.body, tags: note.tags };
    // Window 1 changes the body; window 2, opened before, changes only the tags.
    await h['notes/update']({ id: note.id, body: 'from window 1', tags: ['a', 'b'], base: opened }, popup());
    const merged = await h['notes/update']({ id: note.id, body: 'first', tags: ['a', 'b', 'c'], base: opened }, tab(page));
    expect(merged).toMatchObject({ body: 'from window 1', tags: ['a', 'b', 'c'] });
    // Both change the tags: window 1 drops 'a', window 2 (stale) adds 'd'; both survive.
    const base2 = { body: merged.body, tags: merged.tags };
    await h['notes/update']({ id: note.id, tags: ['b', 'c'], base: base2 }, popup());
    expect((await h['notes/update']({ id: note.id, tags: ['a', 'b', 'c', 'd'], base: base2 }, popup())).tags).toEqual(['b', 'c', 'd']);
    // Both change the body differently: the second save is refused, and nothing is overwritten.
    const base3 = { body: 'from window 1', tags: ['b', 'c', 'd'] };
    await h['notes/update']({ id: note.id, body: 'window 1 again', base: base3 }, popup());
    await expect(Promise.resolve().then(() => h['notes/update']({ id: note.id, body: 'window 2 text', base: base3 }, popup()))).rejects.toThrow(/changed in another window since you opened it\. Your text is still in the editor/);
    expect((await db.notes.get(note.id))!.body).toBe('window 1 again');
    // Saving the same text twice is no conflict; without a base the last save wins (older callers).
    expect((await h['notes/update']({ id: note.id, body: 'window 1 again', base: base3 }, popup())).body).toBe('window 1 again');
    expect((await h['notes/update']({ id: note.id, body: 'last' }, popup())).body).toBe('last');
    // Deleted meanwhile: refused, not resurrected.
    await h['notes/delete']({ ids: [note.id] }, popup());
    await expect(Promise.resolve().then(() => h['notes/update']({ id: note.id, body: 'late', base: { body: 'last', tags: [] } }, popup()))).rejects.toThrow(/deleted in another window/);
  });

  it('sends a page only the entity notes on entities the background found on it, whatever ids it asks for', async () => {
    const h = noteHandlers({ db } as unknown as BackgroundDeps);
    const onEntity = (entityId: string) => ({ pageUrl: 'https://elsewhere.example/a', target: { kind: 'entity' as const, entityId, entityName: entityId }, body: `about ${entityId}`, tags: [] });
    await h['notes/create'](onEntity('starter:nypd'), popup());
    await h['notes/create'](onEntity('starter:ice'), popup());
    const bodies = async (entityIds?: string[]) => (await h['notes/for-page']({ pageUrl: page, entityIds }, tab(page))).entities.map((n) => n.body).sort();
    // Nothing matched on this tab yet: asking for everything, or for named entities, gets nothing.
    expect(await bodies()).toEqual([]);
    expect(await bodies(['starter:nypd', 'starter:ice'])).toEqual([]);
    recordMatched(7, page, ['starter:nypd']);
    expect(await bodies(['starter:nypd', 'starter:ice'])).toEqual(['about starter:nypd']);
    // Another page in the same tab starts over; Gloss's own pages still see every entity note.
    recordMatched(7, 'https://www.news.example/other', ['starter:ice']);
    expect(await bodies(['starter:nypd'])).toEqual([]);
    expect((await h['notes/for-page']({ pageUrl: page }, popup())).entities).toHaveLength(2);
  });
});
