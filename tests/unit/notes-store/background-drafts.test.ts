/**
 * Drafts behind messages: the page's composer and cards keep unsaved text through
 * the background, and a page reaches only its own site's drafts (a new note's by
 * its page, an edit's by the note's page).
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { draftHandlers } from '../../../background/drafts';
import type { BackgroundDeps } from '../../../background/deps';
import { noteHandlers } from '../../../background/notes';
import { GlossDB } from '../../../storage/db';
import { newDraftKey } from '../../../storage/drafts';
import { freshDbPerTest } from '../fresh-db';

let db: GlossDB;
freshDbPerTest('test-bg-drafts', (d) => (db = d));

const tab = (url: string) => ({ kind: 'content' as const, url, tab: { id: 7, url } });
const page = 'https://www.news.example/2025/11/story';

describe('note drafts from pages', () => {
  it('keeps a page\'s drafts for that site only, new notes and edits alike', async () => {
    fakeBrowser.reset();
    const deps = { db } as unknown as BackgroundDeps;
    const drafts = draftHandlers(deps);
    const notes = noteHandlers(deps);
    const fresh = newDraftKey(page, 'it also signals');
    await drafts['drafts/set']({ key: fresh, body: 'Half a thought', tags: 'city' }, tab(page));
    expect((await drafts['drafts/get']({ key: fresh }, tab('https://amp.news.example/x'))).draft).toMatchObject({ body: 'Half a thought', tags: 'city' });
    await expect(Promise.resolve().then(() => drafts['drafts/get']({ key: fresh }, tab('https://evil.example/')))).rejects.toThrow(/own notes/);
    await expect(Promise.resolve().then(() => drafts['drafts/set']({ key: fresh, body: 'pwned', tags: '' }, tab('https://evil.example/')))).rejects.toThrow(/own notes/);

    const note = await notes['notes/create']({ pageUrl: page, target: { kind: 'page' }, body: 'saved', tags: [] }, tab(page));
    const edit = `note:${note.id}`;
    await drafts['drafts/set']({ key: edit, body: 'saved, and more', tags: '' }, tab(page));
    await expect(Promise.resolve().then(() => drafts['drafts/get']({ key: edit }, tab('https://evil.example/')))).rejects.toThrow(/own notes/);
    // A draft for a note the store does not know is nobody's.
    await expect(Promise.resolve().then(() => drafts['drafts/set']({ key: 'note:no-such-note', body: 'x', tags: '' }, tab(page)))).rejects.toThrow(/own notes/);
    expect((await drafts['drafts/get']({ key: edit }, tab(page))).draft?.body).toBe('saved, and more');
    await drafts['drafts/remove']({ key: edit }, tab(page));
    expect((await drafts['drafts/get']({ key: edit }, tab(page))).draft).toBeNull();
  });
});
