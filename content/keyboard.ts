/**
 * Gloss's in-page keys. The browser-level commands (manifest `commands`,
 * remappable by the reader) send the same requests; these keys cover pages
 * where a command is not delivered.
 *
 * A key press acts only when the reader made it (`isTrusted`: a page's
 * synthetic events never drive Gloss) and never takes a keystroke from the
 * page's own fields: not in inputs, textareas, selects or contenteditable, and
 * not while an input method is composing (on macOS Option+Shift+M types a
 * character). There Gloss neither acts nor calls `preventDefault`.
 */
export const NEXT_KEY = { altKey: true, shiftKey: true, code: 'KeyN' } as const;
export const PREVIOUS_KEY = { altKey: true, shiftKey: true, code: 'KeyP' } as const;
export const ADD_NOTE_KEY = { altKey: true, shiftKey: true, code: 'KeyM' } as const;

export type Shortcut = 'next' | 'previous' | 'add-note' | 'escape';

export function isNextKey(e: KeyboardEvent): 1 | -1 | 0 {
  if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey) return 0;
  if (e.code === NEXT_KEY.code) return 1;
  if (e.code === PREVIOUS_KEY.code) return -1;
  return 0;
}

/** In-page shortcut for "add note"; the manifest command `add-note` has the same default. */
export function isAddNoteKey(e: KeyboardEvent): boolean {
  return e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === ADD_NOTE_KEY.code;
}

/** Input types that take no typing: a shortcut pressed on them is the reader's, not the field's. */
const NON_TEXT_INPUTS = new Set(['button', 'checkbox', 'color', 'file', 'hidden', 'image', 'radio', 'range', 'reset', 'submit']);

/** Whether an element takes typed text (the page's fields, or Gloss's own editor). */
export function isEditable(el: Element): boolean {
  const tag = el.localName;
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag === 'input') return !NON_TEXT_INPUTS.has(((el as HTMLInputElement).type || 'text').toLowerCase());
  if ((el as HTMLElement).isContentEditable) return true;
  // happy-dom and older engines lack isContentEditable on some nodes: read the attribute chain.
  const ce = el.closest?.('[contenteditable]');
  return !!ce && ce.getAttribute('contenteditable')?.toLowerCase() !== 'false';
}

/** Whether a key press belongs to a field or an input method, so Gloss must leave it alone. */
export function belongsToField(e: KeyboardEvent): boolean {
  // keyCode 229: the key went to an input method (Chrome reports it before isComposing is set).
  if (e.isComposing || e.keyCode === 229) return true;
  // The event's path reaches into open shadow roots (a page's web components) and Gloss's own root.
  const path = typeof e.composedPath === 'function' ? e.composedPath() : [];
  const targets = path.length ? path : [e.target];
  for (const t of targets) if (t && typeof (t as Element).localName === 'string' && isEditable(t as Element)) return true;
  return false;
}

/** Which Gloss shortcut a key press is, if Gloss may act on it at all. */
export function shortcutOf(e: KeyboardEvent): Shortcut | undefined {
  if (!e.isTrusted || belongsToField(e)) return undefined;
  if (e.key === 'Escape') return e.altKey || e.ctrlKey || e.metaKey || e.shiftKey ? undefined : 'escape';
  const dir = isNextKey(e);
  if (dir === 1) return 'next';
  if (dir === -1) return 'previous';
  if (isAddNoteKey(e)) return 'add-note';
  return undefined;
}

export interface ShortcutActions {
  /** Each returns true when it acted; only then is the key's default prevented. */
  next(): boolean;
  previous(): boolean;
  addNote(): boolean;
  escape(): boolean;
}

/** Gloss's one keydown listener (capture phase on the window), removed when `signal` aborts. */
export function listenShortcuts(target: Window, actions: ShortcutActions, signal: AbortSignal): void {
  target.addEventListener(
    'keydown',
    (e) => {
      const which = shortcutOf(e);
      if (!which) return;
      const acted = which === 'next' ? actions.next() : which === 'previous' ? actions.previous() : which === 'add-note' ? actions.addNote() : actions.escape();
      // Escape is the page's too (its own dialogs): closing a card does not take it away.
      if (acted && which !== 'escape') e.preventDefault();
    },
    { capture: true, signal },
  );
}

/** Wraps a listener so that only the reader's own input (`isTrusted`) reaches it. */
export function trusted<E extends Event>(fn: (e: E) => void): (e: E) => void {
  return (e) => {
    if (e.isTrusted) fn(e);
  };
}
