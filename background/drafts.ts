/**
 * Unsaved note drafts behind messages: the page's composer and note cards keep
 * their drafts here (content scripts do not read extension storage). A page
 * reaches only its own site's drafts: a new note's draft is keyed by its page,
 * an edit's by its note, whose page the store knows.
 */
import type { Handlers, Sender } from '../messaging/client';
import { noteDrafts } from '../storage/note-drafts';
import { getNote } from '../storage/notes';
import type { BackgroundDeps } from './deps';
import { assertMayTouch, fromExtensionPage } from './notes';

/** The page a draft key belongs to: `new:<page>#<quote>`, or the page of the note in `note:<id>`. */
async function pageOfKey(deps: BackgroundDeps, key: string): Promise<string | undefined> {
  if (key.startsWith('new:')) {
    const rest = key.slice(4);
    const hash = rest.indexOf('#');
    return hash < 0 ? rest : rest.slice(0, hash);
  }
  if (key.startsWith('note:')) return (await getNote(deps.db, key.slice(5)))?.pageUrl;
  return undefined;
}

export function draftHandlers(deps: BackgroundDeps): Handlers<'drafts/get' | 'drafts/set' | 'drafts/remove'> {
  const mayTouch = async (sender: Sender, key: string) => {
    if (fromExtensionPage(sender)) return;
    const page = await pageOfKey(deps, key);
    if (!page) throw new Error('A page may only reach its own notes');
    assertMayTouch(sender, page);
  };
  return {
    'drafts/get': async ({ key }, sender) => {
      await mayTouch(sender, key);
      return { draft: (await noteDrafts.get(key)) ?? null };
    },
    'drafts/set': async ({ key, body, tags }, sender) => {
      await mayTouch(sender, key);
      await noteDrafts.set(key, { body, tags });
      return { ok: true };
    },
    'drafts/remove': async ({ key }, sender) => {
      await mayTouch(sender, key);
      await noteDrafts.remove(key);
      return { ok: true };
    },
  };
}
