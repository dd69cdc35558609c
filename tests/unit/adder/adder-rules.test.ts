// @vitest-environment happy-dom
/**
 * When the adder may appear: a real selection in the article, never in the page's
 * fields (input, textarea, contenteditable), never in Gloss's own UI, never for a
 * selection of only spaces; and never on an event a page script made up.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inEditable, SelectionAdder, selectionOffered } from '../../../content/adder';

function select(node: Node, start: number, end: number): Selection {
  const r = document.createRange();
  r.setStart(node, start);
  r.setEnd(node, end);
  const sel = getSelection()!;
  sel.removeAllRanges();
  sel.addRange(r);
  return sel;
}

const notGloss = () => false;

afterEach(() => {
  getSelection()?.removeAllRanges();
  document.body.innerHTML = '';
});

describe('the adder appears only for the reader\'s selection in the article', () => {
  it('offers a selection of article text', () => {
    document.body.innerHTML = '<article><p>The council voted to keep the ferry running.</p></article>';
    const text = document.querySelector('p')!.firstChild!;
    expect(selectionOffered(select(text, 4, 11), notGloss)?.toString()).toBe('council');
  });

  it('never in a field the reader types into', () => {
    document.body.innerHTML = '<div contenteditable="true"><p>Draft of a comment</p></div><div contenteditable="false"><p>Plain text</p></div><textarea>abc</textarea><input value="x" />';
    const draft = document.querySelector('[contenteditable="true"] p')!.firstChild!;
    expect(inEditable(draft)).toBe(true);
    expect(selectionOffered(select(draft, 0, 5), notGloss)).toBeUndefined();
    const plain = document.querySelector('[contenteditable="false"] p')!.firstChild!;
    expect(inEditable(plain)).toBe(false);
    expect(inEditable(document.querySelector('textarea'))).toBe(true);
    expect(inEditable(document.querySelector('input'))).toBe(true);
    // A focused field means the selection is the field's, whatever the document reports.
    expect(selectionOffered(select(plain, 0, 5), notGloss, document.querySelector('textarea'))).toBeUndefined();
    const checkbox = document.createElement('input');
    checkbox.type = 'checkbox';
    expect(inEditable(checkbox)).toBe(false);
  });

  it('never for blank selections or Gloss\'s own text', () => {
    document.body.innerHTML = '<p>Words   and more</p>';
    const text = document.querySelector('p')!.firstChild!;
    expect(selectionOffered(select(text, 5, 8), notGloss)).toBeUndefined();
    expect(selectionOffered(select(text, 0, 5), () => true)).toBeUndefined();
    getSelection()!.removeAllRanges();
    expect(selectionOffered(getSelection(), notGloss)).toBeUndefined();
  });

  it('ignores a mouseup a page script dispatched', async () => {
    vi.useFakeTimers();
    document.body.innerHTML = '<article><p>The council voted to keep the ferry running.</p></article><gloss-ui></gloss-ui>';
    const host = document.querySelector('gloss-ui') as HTMLElement;
    const root = host.attachShadow({ mode: 'open' });
    const controller = new AbortController();
    const adder = new SelectionAdder({ host, parent: root, signal: controller.signal, describe: () => null, pageUrl: async () => location.href, knownPageUrl: () => location.href, onSaved: () => undefined, paused: () => false });
    adder.start(true);
    select(document.querySelector('p')!.firstChild!, 4, 11);
    document.querySelector('p')!.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0 }));
    await vi.advanceTimersByTimeAsync(50);
    expect(adder.showing).toBe('none');
    expect(root.querySelector('[data-testid="gloss-adder"]')).toBeNull();
    controller.abort();
    vi.useRealTimers();
  });
});
