import { describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { noteHandlers } from '../../../background/notes';
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
});
