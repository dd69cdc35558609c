/**
 * The popup's notes view: add a note (prefilled with the page's selection), the
 * notes of this page (with orphans: "the article changed since your note") or all
 * notes, full-text search and a tag filter, edit, delete with undo, open a
 * note's page, export (W3C Web Annotation JSON-LD, Markdown) and import.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { canonicalUrl } from '../../anchoring/url';
import { send, sendToTab } from '../../messaging/client';
import type { ExportFormat, NoteAnchorStatus, NotesPageState } from '../../messaging/protocol';
import { importWebAnnotationText, type ImportResult } from '../../notes/web-annotation';
import type { Note } from '../../notes/types';
import { formatNumber, t, tn } from '../../i18n';
import type { ActiveTab } from '../../popup/active-tab';
import { safeHref } from '../links';
import { noteDrafts } from '../../storage/note-drafts';
import { NoteCard } from '../NoteCard';
import { SyncNotice } from './SyncNotice';
import { AddNote } from './AddNote';
import { StorageStatus } from './StorageStatus';

type Scope = 'page' | 'all';

/** The page's state from its content script, or what the popup can tell from the tab's URL. */
async function pageState(tab: ActiveTab | undefined): Promise<NotesPageState | undefined> {
  if (!tab) return undefined;
  try {
    return await sendToTab(tab.id, 'notes/page-state', {});
  } catch {
    if (!tab.host) return undefined;
    return { pageUrl: canonicalUrl(tab.url), pageTitle: '', selection: null, anchors: {}, entities: [] };
  }
}

function OrphanNotice({ note, status }: { note: Note; status: Extract<NoteAnchorStatus, { status: 'orphan' }> }) {
  const quote = note.target.kind === 'text' ? note.target.quote : '';
  return (
    <div class="note-orphan" data-testid="orphan">
      <strong>{t('orphanTitle')}</strong>
      <div class="pair">
        <div>
          <h4>{t('orphanWasOn')}</h4>
          <blockquote>{quote}</blockquote>
        </div>
        <div>
          <h4>{t('orphanClosest')}</h4>
          {status.closest ? <blockquote>{status.closest.text}</blockquote> : <p class="muted">{t('orphanNothing')}</p>}
        </div>
      </div>
    </div>
  );
}

function Status({ status }: { status: NoteAnchorStatus | undefined }) {
  if (!status || status.status !== 'anchored') return null;
  if (status.method === 'fuzzy' || status.confidence < 0.85)
    return <p class="muted" data-testid="reanchored">{t('reanchored', formatNumber(status.confidence, { style: 'percent' }))}</p>;
  return null;
}

function download(text: string, filename: string, mime: string): string {
  const href = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.click();
  return href;
}

export function NotesView({ tab }: { tab: ActiveTab | undefined }) {
  const params = new URLSearchParams(location.search);
  const openedToAdd = params.get('add') === '1';
  const [state, setState] = useState<NotesPageState>();
  const [scope, setScope] = useState<Scope>('page');
  const [query, setQuery] = useState('');
  const [tag, setTag] = useState('');
  const [notes, setNotes] = useState<Note[]>();
  const [tags, setTags] = useState<{ tag: string; count: number }[]>([]);
  const [undo, setUndo] = useState<{ ids: string[]; label: string }>();
  const [confirmDeleteAll, setConfirmDeleteAll] = useState(false);
  const [exported, setExported] = useState<{ href: string; filename: string; format: ExportFormat; count: number }>();
  const [pending, setPending] = useState<ImportResult & { filename: string }>();
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();

  const pageUrl = state?.pageUrl;

  const refreshList = async () => {
    if (scope === 'page' && !pageUrl) {
      setNotes([]);
      return;
    }
    const reply = await send('notes/list', { pageUrl: scope === 'page' ? pageUrl : undefined, query: query || undefined, tag: tag || undefined });
    setNotes(reply.notes);
    setTags(reply.tags);
  };
  const refreshState = async () => setState(await pageState(tab));
  /** After a change the page re-anchors its notes; ask again a moment later. */
  const refreshAll = async () => {
    await refreshList();
    setTimeout(() => void refreshState(), 400);
  };

  useEffect(() => void refreshState(), [tab]);
  useEffect(() => void refreshList().catch((e) => setError(String(e))), [scope, query, tag, pageUrl]);

  const act = async (f: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await f();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const remove = async (ids: string[], label: string) => {
    const reply = await send('notes/delete', { ids });
    setUndo({ ids: reply.ids, label });
    setConfirmDeleteAll(false);
    await refreshAll();
  };
  const restore = async (ids: string[]) => {
    await send('notes/restore', { ids });
    setUndo(undefined);
    await refreshAll();
  };

  const doExport = (format: ExportFormat) =>
    act(async () => {
      const r = await send('notes/export', { format });
      if (exported) URL.revokeObjectURL(exported.href);
      setExported({ href: download(r.text, r.filename, r.mime), filename: r.filename, format, count: r.count });
    });

  const readImport = (input: HTMLInputElement) =>
    act(async () => {
      const file = input.files?.[0];
      input.value = '';
      if (!file) return;
      if (file.size > 20_000_000) throw new Error(t('importTooLarge', file.name, formatNumber(20, { style: 'unit', unit: 'megabyte' })));
      setMessage(undefined);
      setPending({ ...importWebAnnotationText(await file.text()), filename: file.name });
    });

  const confirmImport = () =>
    act(async () => {
      if (!pending) return;
      const r = await send('notes/import', { notes: pending.notes });
      setPending(undefined);
      setMessage(tn('importedNotes', pending.notes.length, r.added, r.updated, r.unchanged));
      await refreshAll();
    });

  const openPage = (url: string) => {
    const href = safeHref(url);
    if (href) void browser.tabs.create({ url: href });
  };

  const reveal = (id: string) => tab && void sendToTab(tab.id, 'notes/reveal', { id }).catch(() => undefined);

  return (
    <div class="notes-view">
      <StorageStatus />

      <AddNote
        tab={tab}
        state={state}
        autoFocus={openedToAdd}
        onSaved={async () => {
          setMessage(t('noteSaved'));
          await refreshAll();
          if (openedToAdd) setTimeout(() => window.close(), 600);
        }}
      />

      <section aria-labelledby="notes-h">
        <h2 id="notes-h">{t('popupViewNotes')}</h2>
        <div class="notes-filters">
          <div role="radiogroup" aria-label={t('whichNotes')} class="scope">
            <label>
              <input type="radio" name="scope" value="page" checked={scope === 'page'} onChange={() => setScope('page')} /> {t('popupViewPage')}
            </label>
            <label>
              <input type="radio" name="scope" value="all" checked={scope === 'all'} onChange={() => setScope('all')} /> {t('allNotes')}
            </label>
          </div>
          <input type="search" name="q" placeholder={t('searchNotes')} aria-label={t('searchNotes')} value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
          <select name="tag" aria-label={t('filterByTag')} value={tag} onChange={(e) => setTag((e.target as HTMLSelectElement).value)}>
            <option value="">{t('allTags')}</option>
            {tags.map((entry) => (
              <option key={entry.tag} value={entry.tag}>
                #{entry.tag} ({formatNumber(entry.count)})
              </option>
            ))}
          </select>
        </div>

        {undo && (
          <p class="undo" role="status" data-testid="undo-bar">
            {undo.label}{' '}
            <button type="button" data-action="undo-delete" onClick={() => void act(() => restore(undo.ids))}>
              {t('undo')}
            </button>
          </p>
        )}
        {message && <p class="muted" role="status">{message}</p>}
        {error && <p class="note-error" role="alert">{error}</p>}

        {notes && notes.length === 0 && (
          <p class="muted">{t(query || tag ? 'noNotesMatch' : scope === 'page' ? 'noNotesOnPage' : 'noNotes')}</p>
        )}
        <ul class="notes-list" data-testid="notes-list">
          {notes?.map((n) => {
            const status = scope === 'page' || n.pageUrl === pageUrl ? state?.anchors[n.id] : undefined;
            return (
              <li key={n.id}>
                <NoteCard
                  note={n}
                  onSave={(body, newTags) => send('notes/update', { id: n.id, body, tags: newTags, base: { body: n.body, tags: n.tags } }).then(refreshAll)}
                  onDelete={() => remove([n.id], t('noteDeleted'))}
                  drafts={noteDrafts}
                  knownTags={tags.map((x) => x.tag)}
                >
                  <SyncNotice note={n} onChanged={refreshAll} />
                  {status?.status === 'orphan' && <OrphanNotice note={n} status={status} />}
                  <Status status={status} />
                  <p class="note-links">
                    {scope === 'all' && n.pageUrl !== pageUrl && safeHref(n.pageUrl) && (
                      <button type="button" class="link" data-action="open-page" onClick={() => openPage(n.pageUrl)} title={n.pageUrl}>
                        {t('openPage', n.pageTitle || new URL(n.pageUrl).hostname)}
                      </button>
                    )}
                    {status?.status === 'anchored' && (
                      <button type="button" class="link" data-action="reveal" onClick={() => reveal(n.id)}>
                        {t('showOnPage')}
                      </button>
                    )}
                  </p>
                </NoteCard>
              </li>
            );
          })}
        </ul>
        {notes && notes.length > 0 && !query && !tag && (
          <p class="danger-zone">
            {confirmDeleteAll ? (
              <>
                {tn(scope === 'page' ? 'deleteNotesConfirmPage' : 'deleteNotesConfirm', notes.length)}{' '}
                <button type="button" data-action="confirm-delete-all" onClick={() => void act(() => remove(notes.map((n) => n.id), tn('notesDeleted', notes.length)))}>
                  {t('delete')}
                </button>{' '}
                <button type="button" onClick={() => setConfirmDeleteAll(false)}>
                  {t('keep')}
                </button>
              </>
            ) : (
              <button type="button" class="link" data-action="delete-all" onClick={() => setConfirmDeleteAll(true)}>
                {t(scope === 'page' ? 'deleteAllOnPage' : 'deleteAll')}
              </button>
            )}
          </p>
        )}
      </section>

      <section aria-labelledby="notes-io-h">
        <h2 id="notes-io-h">{t('exportImport')}</h2>
        <div class="note-actions">
          <button type="button" data-action="export-jsonld" onClick={() => void doExport('jsonld')}>
            {t('exportJsonld')}
          </button>
          <button type="button" data-action="export-markdown" onClick={() => void doExport('markdown')}>
            {t('exportMarkdown')}
          </button>
        </div>
        {exported && (
          <p class="muted">
            {tn('notesExported', exported.count)}{' '}
            <a href={exported.href} download={exported.filename} data-testid="export-link" data-format={exported.format}>
              {exported.filename}
            </a>
          </p>
        )}
        <label class="import">
          {t('importNotesLabel')}{' '}
          <input type="file" name="import" accept=".json,.jsonld,application/json,application/ld+json" onChange={(e) => void readImport(e.target as HTMLInputElement)} />
        </label>
        {pending && (
          <div class="import-preview" data-testid="import-preview">
            <p>
              <strong>{pending.filename}</strong>: {tn('importCanImport', pending.notes.length)}
              {pending.errors.length ? ` ${tn('importProblems', pending.errors.length)}` : ''}
            </p>
            {pending.errors.length > 0 && (
              <ul class="import-errors" data-testid="import-errors">
                {pending.errors.slice(0, 50).map((e, i) => (
                  <li key={i}>{e.message}</li>
                ))}
                {pending.errors.length > 50 && <li>{t('andMore', pending.errors.length - 50)}</li>}
              </ul>
            )}
            {pending.warnings.length > 0 && (
              <ul class="muted">
                {pending.warnings.slice(0, 10).map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            )}
            <div class="note-actions">
              {pending.notes.length > 0 && (
                <button type="button" class="primary" data-action="confirm-import" onClick={() => void confirmImport()}>
                  {tn(pending.errors.length ? 'importConfirmValid' : 'importConfirm', pending.notes.length)}
                </button>
              )}
              <button type="button" data-action="cancel-import" onClick={() => setPending(undefined)}>
                {t('cancel')}
              </button>
            </div>
          </div>
        )}
      </section>
    </div>
  );
}
