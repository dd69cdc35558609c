// @vitest-environment happy-dom
/**
 * Gloss's in-page keys (Alt+Shift+N/P/M, Escape) and pointer tracking: they act
 * only on the reader's own input, never on a page's synthetic events, and never
 * take a keystroke from the page's fields or from an input method.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { trackPointer } from '../../../content/hover';
import { type Bindings, bindingsFrom, listenShortcuts, parseShortcut, type ShortcutActions } from '../../../content/keyboard';

/** A key press as the browser makes it for the reader: `isTrusted` (a page's own events are not). */
function key(init: KeyboardEventInit & { keyCode?: number }, isTrusted = true): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, composed: true, ...init });
  Object.defineProperty(e, 'isTrusted', { value: isTrusted });
  if (init.keyCode !== undefined) Object.defineProperty(e, 'keyCode', { value: init.keyCode });
  return e;
}

const NEXT = { key: 'N', code: 'KeyN', altKey: true, shiftKey: true };
const PREVIOUS = { key: 'P', code: 'KeyP', altKey: true, shiftKey: true };
const ADD_NOTE = { key: 'M', code: 'KeyM', altKey: true, shiftKey: true };

describe('in-page shortcuts', () => {
  let controller: AbortController;
  let actions: { [K in keyof ShortcutActions]: ReturnType<typeof vi.fn> };

  beforeEach(() => {
    document.body.innerHTML = `<p id="text">Plain article text.</p>
      <input id="search" type="search"><input id="box" type="checkbox"><textarea id="comment"></textarea>
      <div id="editor" contenteditable="true"><p id="inside">Draft</p></div>
      <div contenteditable="false" id="off">Not editable</div>`;
    controller = new AbortController();
    actions = { next: vi.fn(() => true), previous: vi.fn(() => true), addNote: vi.fn(() => true), escape: vi.fn(() => true) };
    listenShortcuts(window as unknown as Window, actions as unknown as ShortcutActions, controller.signal);
  });
  afterEach(() => controller.abort());

  const press = (id: string, init: Parameters<typeof key>[0], isTrusted = true) => {
    const e = key(init, isTrusted);
    document.getElementById(id)!.dispatchEvent(e);
    return e;
  };

  it('acts on the reader\'s Alt+Shift+N / P / M on the page, and keeps the key from the page', () => {
    expect(press('text', NEXT).defaultPrevented).toBe(true);
    expect(press('text', PREVIOUS).defaultPrevented).toBe(true);
    expect(press('text', ADD_NOTE).defaultPrevented).toBe(true);
    expect(actions.next).toHaveBeenCalledTimes(1);
    expect(actions.previous).toHaveBeenCalledTimes(1);
    expect(actions.addNote).toHaveBeenCalledTimes(1);
  });

  it('leaves the key to the page when Gloss had nothing to do', () => {
    actions.next.mockReturnValue(false);
    expect(press('text', NEXT).defaultPrevented).toBe(false);
    expect(actions.next).toHaveBeenCalledTimes(1);
  });

  it('ignores synthetic key events a page dispatches', () => {
    for (const init of [NEXT, PREVIOUS, ADD_NOTE, { key: 'Escape', code: 'Escape' }]) {
      expect(press('text', init, false).defaultPrevented).toBe(false);
    }
    for (const fn of Object.values(actions)) expect(fn).not.toHaveBeenCalled();
  });

  it.each([
    ['an input', 'search'],
    ['a textarea', 'comment'],
    ['a contenteditable element', 'editor'],
    ['a child of a contenteditable element', 'inside'],
  ])('never acts nor prevents the key in %s', (_, id) => {
    for (const init of [NEXT, PREVIOUS, ADD_NOTE, { key: 'Escape', code: 'Escape' }]) expect(press(id, init).defaultPrevented).toBe(false);
    for (const fn of Object.values(actions)) expect(fn).not.toHaveBeenCalled();
  });

  it('still acts on a checkbox (it takes no typing) and in contenteditable="false"', () => {
    expect(press('box', NEXT).defaultPrevented).toBe(true);
    expect(press('off', NEXT).defaultPrevented).toBe(true);
    expect(actions.next).toHaveBeenCalledTimes(2);
  });

  it('never acts during IME composition (isComposing, or keyCode 229)', () => {
    expect(press('text', { ...ADD_NOTE, isComposing: true }).defaultPrevented).toBe(false);
    expect(press('text', { ...NEXT, keyCode: 229 }).defaultPrevented).toBe(false);
    expect(press('text', { key: 'Escape', code: 'Escape', isComposing: true }).defaultPrevented).toBe(false);
    for (const fn of Object.values(actions)) expect(fn).not.toHaveBeenCalled();
  });

  it('needs exactly Alt+Shift: Ctrl or Meta as well is someone else\'s shortcut', () => {
    press('text', { ...NEXT, ctrlKey: true });
    press('text', { ...ADD_NOTE, metaKey: true });
    press('text', { key: 'n', code: 'KeyN', altKey: true });
    expect(actions.next).not.toHaveBeenCalled();
    expect(actions.addNote).not.toHaveBeenCalled();
  });

  it('Escape closes a card without taking Escape from the page', () => {
    expect(press('text', { key: 'Escape', code: 'Escape' }).defaultPrevented).toBe(false);
    expect(actions.escape).toHaveBeenCalledTimes(1);
  });

  it('stops listening when Gloss stops', () => {
    controller.abort();
    press('text', NEXT);
    expect(actions.next).not.toHaveBeenCalled();
  });
});

describe('the reader\'s remapping of the browser commands', () => {
  it('reads command shortcuts as the browsers report them', () => {
    expect(parseShortcut('Alt+Shift+N')).toEqual({ altKey: true, shiftKey: true, ctrlKey: false, metaKey: false, code: 'KeyN' });
    expect(parseShortcut('Ctrl+Shift+Comma')).toEqual({ altKey: false, shiftKey: true, ctrlKey: true, metaKey: false, code: 'Comma' });
    expect(parseShortcut('Command+Shift+7')?.code).toBe('Digit7');
    expect(parseShortcut('MacCtrl+Up')).toEqual({ altKey: false, shiftKey: false, ctrlKey: true, metaKey: false, code: 'ArrowUp' });
    expect(parseShortcut('')).toBeUndefined();
    expect(parseShortcut('N')).toBeUndefined();
  });

  it('moves the in-page key with the command and gives the old key back to the page; a command without a key keeps the default', () => {
    document.body.innerHTML = '<p id="text">Text</p>';
    const controller = new AbortController();
    const actions = { next: vi.fn(() => true), previous: vi.fn(() => true), addNote: vi.fn(() => true), escape: vi.fn(() => true) };
    const bindings: Bindings = bindingsFrom({ 'next-annotation': 'Ctrl+Shift+Y', 'add-note': 'Alt+Shift+J' });
    listenShortcuts(window as unknown as Window, actions, controller.signal, () => bindings);
    const press = (init: KeyboardEventInit) => {
      const e = key(init);
      document.getElementById('text')!.dispatchEvent(e);
      return e.defaultPrevented;
    };
    expect(press(NEXT)).toBe(false);
    expect(press(ADD_NOTE)).toBe(false);
    expect(press({ key: 'Y', code: 'KeyY', ctrlKey: true, shiftKey: true })).toBe(true);
    expect(press(PREVIOUS)).toBe(true);
    expect(actions.next).toHaveBeenCalledTimes(1);
    expect(actions.previous).toHaveBeenCalledTimes(1);
    expect(actions.addNote).not.toHaveBeenCalled();
    expect(press({ key: 'J', code: 'KeyJ', altKey: true, shiftKey: true })).toBe(true);
    expect(actions.addNote).toHaveBeenCalledTimes(1);
    controller.abort();
  });

  it('keeps the default in-page key for a command the browser left without one', () => {
    expect(bindingsFrom({ 'next-annotation': '', 'add-note': '' })).toEqual(bindingsFrom({ 'next-annotation': 'Alt+Shift+N', 'add-note': 'Alt+Shift+M' }));
  });
});

describe('pointer tracking', () => {
  it('follows the reader\'s pointer and ignores a page\'s synthetic mousemove', async () => {
    const controller = new AbortController();
    const seen: [number, number][] = [];
    trackPointer(controller.signal, (x, y) => seen.push([x, y]));
    const move = (x: number, y: number, isTrusted: boolean) => {
      const e = new MouseEvent('mousemove', { clientX: x, clientY: y, bubbles: true });
      Object.defineProperty(e, 'isTrusted', { value: isTrusted });
      document.body.dispatchEvent(e);
    };
    move(10, 20, false);
    await new Promise((r) => requestAnimationFrame(r));
    await new Promise((r) => setTimeout(r, 30));
    expect(seen).toEqual([]);
    move(30, 40, true);
    await vi.waitFor(() => expect(seen).toEqual([[30, 40]]));
    controller.abort();
  });
});
