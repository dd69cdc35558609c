// @vitest-environment happy-dom
/**
 * Note cards that keep work: an edit is kept as a draft when the card closes and
 * comes back when it opens again; Save or Discard forget the draft; Delete offers
 * Undo in place, at the note's own height, for a while, and the card is told to
 * stay open meanwhile. Tags complete from the tags in use.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NoteCard, tagSuggestions } from '../../../components/NoteCard';
import { createNote } from '../../../notes';
import { type Draft, draftStore, MAX_DRAFTS } from '../../../storage/drafts';

function memoryDrafts() {
  let all: Record<string, Draft> = {};
  return { store: draftStore(async () => all, async (next) => void (all = next)), all: () => all };
}

const note = createNote({ pageUrl: 'https://news.example/a', target: { kind: 'page' }, body: 'First words', tags: ['city'] }, { now: '2026-01-01T00:00:00Z' });

function type(el: HTMLTextAreaElement | HTMLInputElement, value: string) {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

const flush = async (ms = 0) => {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
};

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
  vi.useRealTimers();
});

function mount(props: Partial<Parameters<typeof NoteCard>[0]> = {}) {
  root = document.createElement('div');
  document.body.appendChild(root);
  const held: boolean[] = [];
  const calls = { save: [] as [string, string[]][], deleted: 0, restored: 0 };
  act(() => {
    render(
      <NoteCard
        note={note}
        onSave={async (b, t) => void calls.save.push([b, t])}
        onDelete={async () => void calls.deleted++}
        onUndo={async () => void calls.restored++}
        onHold={(h) => held.push(h)}
        {...props}
      />,
      root,
    );
  });
  return { held, calls };
}

const q = <T extends Element>(sel: string) => root.querySelector<T>(sel);

describe('note cards that keep work', () => {
  it('keeps an edit as a draft when the card closes, brings it back on reopening, forgets it on Save', async () => {
    vi.useFakeTimers();
    const d = memoryDrafts();
    const { held } = mount({ drafts: d.store });
    await flush();
    act(() => q<HTMLButtonElement>('[data-action="edit"]')!.click());
    expect(held.at(-1)).toBe(true);
    type(q<HTMLTextAreaElement>('textarea')!, 'First words, and more I was writing');
    await flush(50);
    // The card closes before the pause that writes the draft: it is written on the way out.
    render(null, root);
    await flush();
    expect(d.all()[`note:${note.id}`]?.body).toBe('First words, and more I was writing');

    const again = mount({ drafts: d.store });
    await flush();
    await flush();
    expect(q<HTMLTextAreaElement>('textarea')?.value).toBe('First words, and more I was writing');
    expect(root.textContent).toContain('Your unsaved draft is back.');
    expect(again.held.at(-1)).toBe(true);
    await act(async () => q<HTMLButtonElement>('[data-action="save"]')!.click());
    await flush(500);
    expect(again.calls.save).toEqual([['First words, and more I was writing', ['city']]]);
    expect(d.all()).toEqual({});
    expect(again.held.at(-1)).toBe(false);
  });

  it('Discard forgets the draft; Escape keeps it', async () => {
    vi.useFakeTimers();
    const d = memoryDrafts();
    mount({ drafts: d.store });
    await flush();
    act(() => q<HTMLButtonElement>('[data-action="edit"]')!.click());
    type(q<HTMLTextAreaElement>('textarea')!, 'Kept for later');
    await act(async () => {
      q<HTMLTextAreaElement>('textarea')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    await flush(500);
    expect(d.all()[`note:${note.id}`]?.body).toBe('Kept for later');
    expect(q('textarea')).toBeNull();

    act(() => q<HTMLButtonElement>('[data-action="edit"]')!.click());
    await flush();
    expect(q<HTMLTextAreaElement>('textarea')!.value).toBe('Kept for later');
    await act(async () => q<HTMLButtonElement>('[data-action="cancel"]')!.click());
    await flush(500);
    expect(d.all()).toEqual({});
  });

  it('Delete shows Undo in place at the note\'s height for several seconds, holding the card open', async () => {
    vi.useFakeTimers();
    const { held, calls } = mount({ undoMs: 6_000 });
    await act(async () => q<HTMLButtonElement>('[data-action="delete"]')!.click());
    await flush();
    expect(calls.deleted).toBe(1);
    // The note stays in place, unseen and not focusable, under the Undo line: the card keeps its size.
    expect(q('.note-ghost')?.textContent).toContain('First words');
    expect(q('.note-ghost')?.getAttribute('aria-hidden')).toBe('true');
    expect(q('.note-deleted')?.textContent).toContain('Note deleted.');
    expect(q('[data-action="undo"]')).not.toBeNull();
    expect(held.at(-1)).toBe(true);
    await flush(5_000);
    expect(q('[data-action="undo"]')).not.toBeNull();
    await flush(1_500);
    expect(q('[data-action="undo"]')).toBeNull();
    expect(held.at(-1)).toBe(false);
  });

  it('Undo restores the note in the card', async () => {
    vi.useFakeTimers();
    const { calls, held } = mount();
    await act(async () => q<HTMLButtonElement>('[data-action="delete"]')!.click());
    await flush();
    await act(async () => q<HTMLButtonElement>('[data-action="undo"]')!.click());
    await flush();
    expect(calls.restored).toBe(1);
    expect(root.textContent).toContain('First words');
    expect(held.at(-1)).toBe(false);
  });

  it('completes the tag being typed from the tags in use', () => {
    const known = ['city', 'council', 'courts', 'ferries'];
    expect(tagSuggestions('co', known)).toEqual(['council', 'courts']);
    expect(tagSuggestions('city, #fe', known)).toEqual(['ferries']);
    expect(tagSuggestions('council, co', known)).toEqual(['courts']);
    expect(tagSuggestions('city, ', known)).toEqual([]);
    expect(tagSuggestions('city', known)).toEqual([]);
  });

  it('keeps only the newest drafts', async () => {
    const d = memoryDrafts();
    for (let i = 0; i < MAX_DRAFTS + 5; i++) await d.store.set(`k${i}`, { body: `b${i}`, tags: '' });
    expect(Object.keys(d.all())).toHaveLength(MAX_DRAFTS);
  });
});
