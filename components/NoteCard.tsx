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
import { type DraftStore, editDraftKey } from '../storage/drafts';
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

/** How long Undo stays offered after a delete. */
export const UNDO_MS = 8_000;
/** Typing pauses this long before the draft is written. */
const DRAFT_WRITE_MS = 300;
const MAX_SUGGESTIONS = 5;

export interface NoteEditorProps {
  body: string;
  tags: string[];
  saveLabel?: string;
  onSave(body: string, tags: string[]): Promise<unknown>;
  /**
   * Cancel. `discard` is true for the Cancel button (the draft is thrown away) and
   * false for Escape (the draft is kept, to come back to).
   */
  onCancel?(discard: boolean): void;
  autoFocus?: boolean;
  /** Keep unsaved text under this key until it is saved or discarded. */
  draftKey?: string;
  drafts?: DraftStore;
  /** Tags already in use, offered as the reader types a tag. */
  knownTags?: readonly string[];
  /** Compact layout (the composer at the selection): fewer rows, no labels shown. */
  compact?: boolean;
  /** Called with true once the reader has typed something not yet saved. */
  onDirty?(dirty: boolean): void;
}

/** The tag being typed (after the last comma), and the known tags it may complete to. */
export function tagSuggestions(value: string, known: readonly string[]): string[] {
  const parts = value.split(',');
  const typing = parts.at(-1)!.trim().replace(/^#+/, '').toLowerCase();
  if (!typing) return [];
  const chosen = new Set(parts.slice(0, -1).map((p) => p.trim().replace(/^#+/, '').toLowerCase()));
  return known.filter((k) => k.toLowerCase().startsWith(typing) && k.toLowerCase() !== typing && !chosen.has(k.toLowerCase())).slice(0, MAX_SUGGESTIONS);
}

function completeTag(value: string, tag: string): string {
  const parts = value.split(',');
  parts[parts.length - 1] = (parts.length > 1 ? ' ' : '') + tag;
  return `${parts.join(',')}, `;
}

export function NoteEditor({ body: initialBody, tags: initialTags, saveLabel = t('save'), onSave, onCancel, autoFocus, draftKey, drafts, knownTags = [], compact, onDirty }: NoteEditorProps) {
  const [body, setBody] = useState(initialBody);
  const [tags, setTags] = useState(initialTags.join(', '));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [restored, setRestored] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const tagsInput = useRef<HTMLInputElement>(null);
  // The draft as last typed, written after a pause and when the editor goes away.
  const pending = useRef<{ body: string; tags: string } | undefined>(undefined);
  const writeTimer = useRef<ReturnType<typeof setTimeout>>();
  const settled = useRef(false);
  const flush = () => {
    clearTimeout(writeTimer.current);
    const d = pending.current;
    pending.current = undefined;
    if (d && draftKey && drafts && !settled.current) void drafts.set(draftKey, d).catch(() => undefined);
  };
  const typed = (next: { body: string; tags: string }) => {
    if (!draftKey || !drafts) return;
    const dirty = next.body !== initialBody || next.tags !== initialTags.join(', ');
    onDirty?.(dirty);
    settled.current = false;
    pending.current = next;
    clearTimeout(writeTimer.current);
    writeTimer.current = setTimeout(flush, DRAFT_WRITE_MS);
  };
  const forget = () => {
    settled.current = true;
    clearTimeout(writeTimer.current);
    pending.current = undefined;
    onDirty?.(false);
    if (draftKey && drafts) void drafts.remove(draftKey).catch(() => undefined);
  };
  useEffect(() => {
    if (autoFocus) area.current?.focus({ preventScroll: true });
    let live = true;
    if (draftKey && drafts) {
      void drafts.get(draftKey).then((d) => {
        if (!live || !d || pending.current) return;
        if (d.body === initialBody && d.tags === initialTags.join(', ')) return;
        setBody(d.body);
        setTags(d.tags);
        setRestored(true);
        onDirty?.(true);
      });
    }
    return () => {
      live = false;
      flush();
    };
  }, []);
  const save = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      // Read the fields themselves: a click may come before the last keystroke's re-render.
      await onSave(area.current?.value ?? body, parseTags(tagsInput.current?.value ?? tags));
      forget();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const suggestions = tagSuggestions(tags, knownTags);
  const pick = (tag: string) => {
    const next = completeTag(tags, tag);
    setTags(next);
    typed({ body: area.current?.value ?? body, tags: next });
    tagsInput.current?.focus();
  };
  const keys = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save(e);
    else if (e.key === 'Escape' && onCancel) {
      e.stopPropagation();
      e.preventDefault();
      flush();
      onCancel(false);
    }
  };
  return (
    <form class={`note-editor${compact ? ' compact' : ''}`} onSubmit={(e) => void save(e)} data-testid="note-editor">
      {restored && (
        <p class="note-restored" role="status">
          {t('noteDraftRestored')}
        </p>
      )}
      <label>
        <span class="label">{t('noteLabel')}</span>
        <textarea
          name="body"
          rows={compact ? 3 : 4}
          value={body}
          placeholder={t('notePlaceholder')}
          ref={area}
          onInput={(e) => {
            const v = (e.target as HTMLTextAreaElement).value;
            setBody(v);
            typed({ body: v, tags: tagsInput.current?.value ?? tags });
          }}
          onKeyDown={keys}
        />
      </label>
      <label>
        <span class="label">{t('tagsLabel')}</span>
        <input
          name="tags"
          type="text"
          ref={tagsInput}
          value={tags}
          placeholder={t('tagsPlaceholder')}
          autocomplete="off"
          onInput={(e) => {
            const v = (e.target as HTMLInputElement).value;
            setTags(v);
            typed({ body: area.current?.value ?? body, tags: v });
          }}
          onKeyDown={(e) => {
            if (e.key === 'Tab' && !e.shiftKey && suggestions[0]) {
              e.preventDefault();
              pick(suggestions[0]);
            } else keys(e);
          }}
        />
      </label>
      {suggestions.length > 0 && (
        <ul class="tag-suggestions" aria-label={t('tagsInUse')} data-testid="tag-suggestions">
          {suggestions.map((tag) => (
            <li key={tag}>
              <button type="button" tabIndex={-1} onMouseDown={(e) => e.preventDefault()} onClick={() => pick(tag)}>
                #{tag}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && <p class="note-error" role="alert">{error}</p>}
      <div class="note-actions">
        <button type="submit" class="primary" disabled={busy} data-action="save" title={t('saveShortcutTitle')}>
          {saveLabel}
        </button>
        {onCancel && (
          <button
            type="button"
            onClick={() => {
              forget();
              onCancel(true);
            }}
            data-action="cancel"
          >
            {draftKey ? t('noteDiscard') : t('cancel')}
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
  /** Where unsaved edits are kept (omit: no drafts). */
  drafts?: DraftStore;
  knownTags?: readonly string[];
  /**
   * Told whether the card holds work the reader could lose (an edit in progress, or
   * Undo on offer): the host keeps the card open while it does.
   */
  onHold?(held: boolean): void;
  /** How long Undo stays offered (default UNDO_MS). */
  undoMs?: number;
}

export function NoteCard({ note, showTarget = true, onSave, onDelete, onUndo, children, titleId, drafts, knownTags, onHold, undoMs = UNDO_MS }: NoteCardProps) {
  const [editing, setEditing] = useState(false);
  const [deleted, setDeleted] = useState(false);
  const [undoOpen, setUndoOpen] = useState(false);
  const [error, setError] = useState<string>();
  const draftKey = drafts ? editDraftKey(note.id) : undefined;
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
  // A draft left from an earlier visit reopens the editor on it.
  useEffect(() => {
    if (!draftKey || !drafts || !onSave) return;
    let live = true;
    void drafts.get(draftKey).then((d) => live && d && setEditing(true));
    return () => void (live = false);
  }, [note.id]);
  useEffect(() => onHold?.(editing || undoOpen), [editing, undoOpen]);
  useEffect(() => {
    if (!undoOpen) return;
    const timer = setTimeout(() => setUndoOpen(false), undoMs);
    return () => clearTimeout(timer);
  }, [undoOpen]);
  const remove = async () => {
    if (await run(onDelete!)) {
      setDeleted(true);
      setUndoOpen(true);
    }
  };
  const view = (
    <>
      <div id={deleted ? undefined : titleId}>{note.body.trim() ? <Markdown source={note.body} class="md note-body" /> : <p class="note-empty">{t('noteEmpty')}</p>}</div>
      {note.tags.length > 0 && (
        <ul class="note-tags" aria-label={t('tagsLabel')}>
          {note.tags.map((tag) => (
            <li key={tag}>#{tag}</li>
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
            <button type="button" data-action="delete" onClick={() => void remove()}>
              {t('delete')}
            </button>
          )}
        </div>
      )}
    </>
  );
  if (deleted) {
    // The deleted note keeps its place, unseen, under the Undo line: the card keeps its size, nothing moves under the pointer.
    return (
      <div class="note is-deleted" data-note-id={note.id}>
        <div class="note-ghost" aria-hidden="true" inert>
          {showTarget && <NoteTargetLine note={note} />}
          {view}
        </div>
        <div class="note-deleted">
          <p role="status">{t('noteDeleted')}</p>
          {onUndo && undoOpen && (
            <button
              type="button"
              data-action="undo"
              onClick={() =>
                void run(onUndo).then((ok) => {
                  if (!ok) return;
                  setDeleted(false);
                  setUndoOpen(false);
                })
              }
            >
              {t('undo')}
            </button>
          )}
          {onUndo && undoOpen && <span class="undo-timer" style={{ animationDuration: `${undoMs}ms` }} aria-hidden="true" />}
          {error && <p class="note-error" role="alert">{error}</p>}
        </div>
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
          draftKey={draftKey}
          drafts={drafts}
          knownTags={knownTags}
          onSave={async (b, tags) => {
            await onSave(b, tags);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          {view}
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
