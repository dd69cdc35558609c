/**
 * Gloss's in-page keys. The browser-level commands (manifest `commands`,
 * remappable by the reader) send the same requests; these keys cover pages
 * where a command is not delivered, and follow the reader's bindings of those
 * commands (a remapped command's old key is the page's again).
 *
 * A key press acts only when the reader made it (`isTrusted`: a page's
 * synthetic events never drive Gloss) and never takes a keystroke from the
 * page's own fields: not in inputs, textareas, selects or contenteditable, and
 * not while an input method is composing (on macOS Option+Shift+M types a
 * character). There Gloss neither acts nor calls `preventDefault`.
 */
import type { CommandShortcuts } from '../messaging/protocol';

/** A key with exactly these modifiers (`code`: the physical key, so layouts and Option-characters do not matter). */
export interface KeyBinding {
  altKey: boolean;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  code: string;
}

export type Shortcut = 'next' | 'previous' | 'add-note' | 'escape';

export interface Bindings {
  next?: KeyBinding;
  previous?: KeyBinding;
  addNote?: KeyBinding;
}

const key = (code: string): KeyBinding => ({ altKey: true, shiftKey: true, ctrlKey: false, metaKey: false, code });
/** The manifest's defaults (`next-annotation`, `add-note`), and Alt+Shift+P, which is no browser command. */
export const DEFAULT_BINDINGS: Required<Bindings> = { next: key('KeyN'), previous: key('KeyP'), addNote: key('KeyM') };

const NAMED_KEYS: Record<string, string> = {
  Comma: 'Comma', Period: 'Period', Home: 'Home', End: 'End', PageUp: 'PageUp', PageDown: 'PageDown', Space: 'Space',
  Insert: 'Insert', Delete: 'Delete', Up: 'ArrowUp', Down: 'ArrowDown', Left: 'ArrowLeft', Right: 'ArrowRight',
};

/**
 * A browser command's shortcut as `commands.getAll` reports it ("Alt+Shift+N",
 * "Ctrl+Shift+Comma", "Command+Shift+Y"); undefined when unbound or not understood.
 */
export function parseShortcut(text: string): KeyBinding | undefined {
  const parts = text.split('+').map((p) => p.trim()).filter(Boolean);
  const last = parts.pop();
  if (!last || !parts.length) return undefined;
  const b: KeyBinding = { altKey: false, shiftKey: false, ctrlKey: false, metaKey: false, code: '' };
  for (const m of parts) {
    if (m === 'Alt' || m === 'Option') b.altKey = true;
    else if (m === 'Shift') b.shiftKey = true;
    else if (m === 'Ctrl' || m === 'MacCtrl') b.ctrlKey = true;
    else if (m === 'Command' || m === 'Cmd' || m === 'Meta') b.metaKey = true;
    else return undefined;
  }
  if (/^[A-Z]$/i.test(last)) b.code = `Key${last.toUpperCase()}`;
  else if (/^[0-9]$/.test(last)) b.code = `Digit${last}`;
  else if (/^F([1-9]|1[0-2])$/.test(last)) b.code = last;
  else if (NAMED_KEYS[last]) b.code = NAMED_KEYS[last]!;
  else return undefined;
  return b;
}

/**
 * The in-page keys for the reader's command bindings: a remapped command's key
 * moves with it. A command without a key keeps the default in-page key: the
 * browser leaves a suggested key unassigned when another extension holds it
 * (and in some automated profiles), and that is when the in-page key is needed.
 */
export function bindingsFrom(shortcuts: CommandShortcuts): Bindings {
  return {
    next: parseShortcut(shortcuts['next-annotation']) ?? DEFAULT_BINDINGS.next,
    previous: DEFAULT_BINDINGS.previous,
    addNote: parseShortcut(shortcuts['add-note']) ?? DEFAULT_BINDINGS.addNote,
  };
}

function matches(e: KeyboardEvent, b: KeyBinding | undefined): boolean {
  return !!b && e.code === b.code && e.altKey === b.altKey && e.shiftKey === b.shiftKey && e.ctrlKey === b.ctrlKey && e.metaKey === b.metaKey;
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
export function shortcutOf(e: KeyboardEvent, bindings: Bindings = DEFAULT_BINDINGS): Shortcut | undefined {
  if (!e.isTrusted || belongsToField(e)) return undefined;
  if (e.key === 'Escape') return e.altKey || e.ctrlKey || e.metaKey || e.shiftKey ? undefined : 'escape';
  if (matches(e, bindings.next)) return 'next';
  if (matches(e, bindings.previous)) return 'previous';
  if (matches(e, bindings.addNote)) return 'add-note';
  return undefined;
}

export interface ShortcutActions {
  /** Each returns true when it acted; only then is the key's default prevented. */
  next(): boolean;
  previous(): boolean;
  addNote(): boolean;
  escape(): boolean;
}

/**
 * Gloss's one keydown listener (capture phase on the window), removed when
 * `signal` aborts. `bindings` gives the current keys (the reader's command bindings once known).
 */
export function listenShortcuts(target: Window, actions: ShortcutActions, signal: AbortSignal, bindings: () => Bindings = () => DEFAULT_BINDINGS): void {
  target.addEventListener(
    'keydown',
    (e) => {
      const which = shortcutOf(e, bindings());
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
