/**
 * The reader's notes: storage behind messages, export/import, and the ways to
 * start a note outside the popup (context menu "Add Gloss note", the "add-note"
 * command). Those open the composer at the page's selection (content/adder.tsx);
 * a tab without Gloss gets the popup's notes view in a small window instead.
 */
import { browser } from 'wxt/browser';
import { t } from '../i18n';
import { type Handlers, type Sender, sendToTab } from '../messaging/client';
import { siteOf } from '../anchoring/url';
import { toAnnotationCollection, toMarkdown, type Note } from '../notes';
import { addNote, allEntityNotes, changeNote, getNote, deleteNotes, exportableNotes, importNotes, listNotes, listTags, notesForEntities, restoreNotes } from '../storage/notes';
import type { BackgroundDeps } from './deps';
import { shownOn } from './page-entities';
import { MAX_IMPORT, checkBody, checkInput, checkNote, checkPageUrl, checkTags } from './notes-validate';

export const ADD_NOTE_COMMAND = 'add-note';
export const ADD_NOTE_MENU = 'gloss-add-note';

type NoteMessages =
  | 'notes/create'
  | 'notes/update'
  | 'notes/delete'
  | 'notes/restore'
  | 'notes/list'
  | 'notes/for-page'
  | 'notes/export'
  | 'notes/import'
  | 'notes/tags';

function ids(v: unknown): string[] {
  if (!Array.isArray(v) || v.length > MAX_IMPORT || !v.every((x) => typeof x === 'string')) throw new Error('ids must be a list of note ids');
  return v as string[];
}

/** Tell every tab's content script that notes changed (tabs without Gloss ignore it). */
export async function broadcastRefresh(scope: { pageUrls?: string[]; entities?: boolean }): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map((t) => (t.id === undefined ? undefined : sendToTab(t.id, 'notes/refresh', scope).catch(() => undefined))));
}

/** Which tabs a change concerns: the pages of the notes, and every page when one is an entity note. */
export function scopeOf(notes: readonly (Note | undefined)[]): { pageUrls: string[]; entities: boolean } {
  const live = notes.filter((n): n is Note => n !== undefined);
  return { pageUrls: [...new Set(live.map((n) => n.pageUrl))], entities: live.some((n) => n.target.kind === 'entity') };
}

/** A message from one of Gloss's own pages (the popup, also when opened as a tab); `listen` classified the sender. */
export function fromExtensionPage(sender: Sender): boolean {
  return sender.kind === 'extension';
}

function siteOfUrl(url: string | undefined): string | undefined {
  try {
    return url ? siteOf(new URL(url).hostname) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Content scripts run inside web pages, so the background trusts them less than
 * its own pages: they may read and change only the notes of their own site, and
 * may not list, export or import notes.
 */
export function assertMayTouch(sender: Sender, pageUrl: string): void {
  if (fromExtensionPage(sender)) return;
  const site = siteOfUrl(sender.tab?.url);
  if (!site || siteOfUrl(pageUrl) !== site) throw new Error('A page may only reach its own notes');
}

function assertExtensionPage(sender: Sender): void {
  if (!fromExtensionPage(sender)) throw new Error('Only Gloss’s own pages may do this');
}

const lastOpened = new Map<number, number>();
/** Tags offered for completion at most. */
const MAX_TAGS_OFFERED = 200;

/**
 * The add-note command and the context menu: the composer at the page's selection
 * (content/adder.tsx). Where the page has no Gloss (a paused site, a page Gloss
 * cannot enter), the notes view opens in a small window instead.
 */
export async function composeNote(tabId: number): Promise<void> {
  const shown = await sendToTab(tabId, 'notes/compose', {}).then(
    () => true,
    () => false,
  );
  if (!shown) await openNoteEditor(tabId);
}

/**
 * Open the notes view for a tab in a small window, its editor prefilled with the
 * tab's selection. The browser command and the in-page key may both fire for one
 * key press: a second request within a second is ignored.
 */
export async function openNoteEditor(tabId: number): Promise<boolean> {
  const now = Date.now();
  if (now - (lastOpened.get(tabId) ?? 0) < 1000) return false;
  lastOpened.set(tabId, now);
  await sendToTab(tabId, 'notes/capture', {}).catch(() => undefined);
  const url = browser.runtime.getURL(`/popup.html?view=notes&add=1&tab=${tabId}` as '/popup.html');
  await browser.windows.create({ url, type: 'popup', width: 440, height: 640 });
  return true;
}

export function noteHandlers({ db }: BackgroundDeps): Handlers<NoteMessages> {
  const mayTouchNotes = async (sender: Sender, noteIds: string[]) => {
    if (fromExtensionPage(sender)) return;
    for (const id of noteIds) {
      const note = await getNote(db, id);
      if (note) assertMayTouch(sender, note.pageUrl);
    }
  };
  /** Tell the tabs concerned (all, for an import) to place their notes again. */
  const changed = <T>(value: T, scope: { pageUrls?: string[]; entities?: boolean } = {}): T => {
    void broadcastRefresh(scope).catch(() => undefined);
    return value;
  };
  const changedNotes = async <T>(value: T, noteIds: string[]): Promise<T> => changed(value, scopeOf(await db.notes.bulkGet(noteIds)));
  return {
    'notes/create': async (req, sender) => {
      const input = checkInput(req);
      assertMayTouch(sender, input.pageUrl);
      const note = await addNote(db, input);
      return changed(note, scopeOf([note]));
    },
    'notes/update': async ({ id, body, tags, base }, sender) => {
      const patch: { body?: string; tags?: string[] } = {};
      if (body !== undefined) patch.body = checkBody(body);
      if (tags !== undefined) patch.tags = checkTags(tags);
      await mayTouchNotes(sender, [String(id)]);
      const note = await changeNote(db, String(id), patch, undefined, base);
      return changed(note, scopeOf([note]));
    },
    'notes/delete': async (req, sender) => {
      await mayTouchNotes(sender, ids(req.ids));
      const done = await deleteNotes(db, ids(req.ids));
      return changedNotes({ ids: done }, done);
    },
    'notes/restore': async (req, sender) => {
      await mayTouchNotes(sender, ids(req.ids));
      const done = await restoreNotes(db, ids(req.ids));
      return changedNotes({ ids: done }, done);
    },
    'notes/list': async ({ pageUrl, query, tag }, sender) => {
      assertExtensionPage(sender);
      return {
        notes: await listNotes(db, { pageUrl: pageUrl === undefined ? undefined : checkPageUrl(pageUrl), query, tag }),
        tags: await listTags(db),
      };
    },
    'notes/for-page': async ({ pageUrl, entityIds }, sender) => {
      assertMayTouch(sender, checkPageUrl(pageUrl));
      // Entity notes show in that entity's card on any site, but a page gets only those on entities
      // the background found on it (page-entities.ts), whatever ids it asks for.
      let entities: Note[];
      if (fromExtensionPage(sender)) entities = entityIds === undefined ? await allEntityNotes(db) : await notesForEntities(db, ids(entityIds));
      else entities = sender.tab?.id === undefined ? [] : await notesForEntities(db, shownOn(sender.tab.id, sender.url, ids(entityIds ?? [])));
      return { page: await listNotes(db, { pageUrl }), entities };
    },
    'notes/export': async ({ format }, sender) => {
      assertExtensionPage(sender);
      const notes = await exportableNotes(db);
      const day = new Date().toISOString().slice(0, 10);
      if (format === 'markdown') {
        return { text: toMarkdown(notes, { exported: new Date().toISOString() }), filename: `gloss-notes-${day}.md`, mime: 'text/markdown', count: notes.length };
      }
      const collection = toAnnotationCollection(notes, { label: `Gloss notes, exported ${day}` });
      return { text: JSON.stringify(collection, null, 2), filename: `gloss-notes-${day}.jsonld`, mime: 'application/ld+json', count: notes.length };
    },
    'notes/import': async (req, sender) => {
      assertExtensionPage(sender);
      if (!Array.isArray(req.notes) || req.notes.length > MAX_IMPORT) throw new Error(`An import holds at most ${MAX_IMPORT} notes`);
      const notes = req.notes.map((n, i) => {
        try {
          return checkNote(n);
        } catch (e) {
          throw new Error(`Note ${i + 1}: ${(e as Error).message}`);
        }
      });
      return changed(await importNotes(db, notes));
    },
    // Tag names only (no notes, no pages): what the composer on any page offers as completions.
    'notes/tags': async () => ({ tags: (await listTags(db)).slice(0, MAX_TAGS_OFFERED).map((t) => t.tag) }),
  };
}

/** Context menu, keyboard command and storage persistence. Called once at startup. */
export function startNotes(): void {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus?.create({ id: ADD_NOTE_MENU, title: t('menuAddNote'), contexts: ['selection', 'page'] }, () => void browser.runtime.lastError);
  });
  browser.contextMenus?.onClicked.addListener((info, tab) => {
    if (info.menuItemId === ADD_NOTE_MENU && tab?.id !== undefined) void composeNote(tab.id);
  });
  browser.commands?.onCommand.addListener(async (command) => {
    if (command !== ADD_NOTE_COMMAND) return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id !== undefined) await composeNote(tab.id);
  });
  // Ask that the database survive storage pressure. persist() exists in window
  // contexts (Firefox's background page); Chrome's service worker lacks it, so the
  // popup asks as well.
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  if (typeof storage?.persist === 'function') void storage.persist().catch(() => undefined);
}
