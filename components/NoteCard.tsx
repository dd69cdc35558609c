/**
 * One note: its quote (or what it is attached to), its body as safe Markdown,
 * tags and dates, with edit and delete (undo stays offered after a delete).
 * Used by the hover card on the page, entity cards and the popup's notes view.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EntityNote } from '../messaging/protocol';
import type { Note } from '../notes/types';
import { formatDateTime, t, tParts } from '../i18n';
import { Markdown } from './Markdown';
import './note-card.css';

/** "a, b , #c" → ["a", "b", "c"] (the store normalises further). */
export function parseTags(s: string): string[] {
  return s
    .split(/[,\n]/)
    .map((t) => t.trim().replace(/^#+/, ''))
    .filter(Boolean);
}

export function NoteTargetLine({ note }: { note: Note }) {
  const target = note.target;
  if (target.kind === 'text') return <blockquote class="note-quote">{target.quote}</blockquote>;
  if (target.kind === 'entity') return <p class="note-about">{tParts('noteAbout', <strong>{target.entityName}</strong>)}</p>;
  return <p class="note-about">{t('noteWholePage')}</p>;
}

export interface NoteEditorProps {
  body: string;
  tags: string[];
  saveLabel?: string;
  onSave(body: string, tags: string[]): Promise<unknown>;
  onCancel?(): void;
  autoFocus?: boolean;
}

export function NoteEditor({ body: initialBody, tags: initialTags, saveLabel = t('save'), onSave, onCancel, autoFocus }: NoteEditorProps) {
  const [body, setBody] = useState(initialBody);
  const [tags, setTags] = useState(initialTags.join(', '));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const area = useRef<HTMLTextAreaElement>(null);
  const tagsInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (autoFocus) area.current?.focus({ preventScroll: true });
  }, []);
  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      // Read the fields themselves: a click may come before the last keystroke's re-render.
      await onSave(area.current?.value ?? body, parseTags(tagsInput.current?.value ?? tags));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="note-editor" onSubmit={(e) => void save(e)}>
      <label>
        <span class="label">{t('noteLabel')}</span>
        <textarea
          name="body"
          rows={4}
          value={body}
          placeholder={t('notePlaceholder')}
          ref={area}
          onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save(e);
            if (e.key === 'Escape' && onCancel) {
              e.stopPropagation();
              onCancel();
            }
          }}
        />
      </label>
      <label>
        <span class="label">{t('tagsLabel')}</span>
        <input name="tags" type="text" ref={tagsInput} value={tags} placeholder={t('tagsPlaceholder')} onInput={(e) => setTags((e.target as HTMLInputElement).value)} />
      </label>
      {error && <p class="note-error" role="alert">{error}</p>}
      <div class="note-actions">
        <button type="submit" class="primary" disabled={busy} data-action="save">
          {saveLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel} data-action="cancel">
            {t('cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

export interface NoteCardProps {
  note: Note;
  showTarget?: boolean;
  onSave?(body: string, tags: string[]): Promise<unknown>;
  onDelete?(): Promise<unknown>;
  onUndo?(): Promise<unknown>;
  /** Extra lines under the note (anchoring status, links). */
  children?: ComponentChildren;
  titleId?: string;
}

export function NoteCard({ note, showTarget = true, onSave, onDelete, onUndo, children, titleId }: NoteCardProps) {
  const [editing, setEditing] = useState(false);
  const [deleted, setDeleted] = useState(false);
  const [error, setError] = useState<string>();
  const run = async (f: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await f();
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return false;
    }
  };
  if (deleted) {
    return (
      <div class="note note-deleted" data-note-id={note.id}>
        <span>{t('noteDeleted')}</span>{' '}
        {onUndo && (
          <button type="button" data-action="undo" onClick={() => void run(onUndo).then((ok) => ok && setDeleted(false))}>
            {t('undo')}
          </button>
        )}
        {error && <p class="note-error" role="alert">{error}</p>}
      </div>
    );
  }
  return (
    <div class="note" data-note-id={note.id}>
      {showTarget && <NoteTargetLine note={note} />}
      {editing && onSave ? (
        <NoteEditor
          body={note.body}
          tags={note.tags}
          autoFocus
          onSave={async (b, t) => {
            await onSave(b, t);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          <div id={titleId}>{note.body.trim() ? <Markdown source={note.body} class="md note-body" /> : <p class="note-empty">{t('noteEmpty')}</p>}</div>
          {note.tags.length > 0 && (
            <ul class="note-tags" aria-label={t('tagsLabel')}>
              {note.tags.map((t) => (
                <li key={t}>#{t}</li>
              ))}
            </ul>
          )}
          <p class="note-meta">
            {formatDateTime(note.created)}
            {note.updated !== note.created ? ` · ${t('noteEdited', formatDateTime(note.updated))}` : ''}
          </p>
          {children}
          {(onSave || onDelete) && (
            <div class="note-actions">
              {onSave && (
                <button type="button" data-action="edit" onClick={() => setEditing(true)}>
                  {t('edit')}
                </button>
              )}
              {onDelete && (
                <button type="button" data-action="delete" onClick={() => void run(onDelete).then((ok) => ok && setDeleted(true))}>
                  {t('delete')}
                </button>
              )}
            </div>
          )}
          {error && <p class="note-error" role="alert">{error}</p>}
        </>
      )}
    </div>
  );
}

/** The reader's notes on an entity, in its card on every page. */
export function EntityNotes({ notes }: { notes: EntityNote[] }) {
  return (
    <section class="entity-notes" aria-label={t('yourNotes')} data-testid="entity-notes">
      <h3>{t('yourNotes')}</h3>
      {notes.map((n) => (
        <div class="note" key={n.id}>
          {n.body.trim() ? <Markdown source={n.body} class="md note-body" /> : <p class="note-empty">{t('noteEmpty')}</p>}
          <p class="note-meta">
            {n.tags.map((t) => `#${t}`).join(' ')}
            {n.tags.length ? ' · ' : ''}
            {formatDateTime(n.updated)}
            {n.pageTitle ? ` · ${t('noteOnPage', n.pageTitle)}` : ''}
          </p>
        </div>
      ))}
    </section>
  );
}
