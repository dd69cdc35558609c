// @vitest-environment happy-dom
/**
 * Ranges are checked against the live text before Gloss paints them: text the
 * page changed (or removed) while Gloss was matching gets no highlight, rather
 * than one a character off or an exception in the page's console.
 */
import { describe, expect, it } from 'vitest';
import { AnnotationSet } from '../../../content/annotations';
import type { MatchReply } from '../../../messaging/protocol';
import { collectText, toLiveRange } from '../../../page-text/collect';

function load(html: string) {
  document.body.innerHTML = html;
  return collectText(document.body, { isVisible: () => true });
}

const hit = (page: ReturnType<typeof load>, name: string) => {
  const start = page.text.indexOf(name);
  return { start, end: start + name.length };
};

describe('toLiveRange', () => {
  it('gives the range while the text is as collected, across blocks too', () => {
    const page = load('<p>Mayor Zohran Mamdani spoke.</p><p>NYPD answered.</p>');
    const { start, end } = hit(page, 'Zohran Mamdani');
    expect(toLiveRange(page, start, end)?.toString()).toBe('Zohran Mamdani');
    const across = toLiveRange(page, page.text.indexOf('spoke.'), page.text.indexOf(' answered'));
    expect(across?.toString()).toBe('spoke.NYPD');
  });

  it('refuses text the page edited after it was collected (no highlight a character off)', () => {
    const page = load('<p>Mayor Zohran Mamdani spoke.</p>');
    const { start, end } = hit(page, 'Zohran Mamdani');
    (document.querySelector('p')!.firstChild as Text).data = 'The Mayor Zohran Mamdani spoke.';
    expect(toLiveRange(page, start, end)).toBeNull();
  });

  it('refuses text the page removed', () => {
    const page = load('<p>Mayor Zohran Mamdani spoke.</p><p>Other.</p>');
    const { start, end } = hit(page, 'Zohran Mamdani');
    document.querySelector('p')!.remove();
    expect(toLiveRange(page, start, end)).toBeNull();
  });
});

describe('AnnotationSet.add on a changing page', () => {
  const reply = (entities: { start: number; end: number }[]): MatchReply =>
    ({ entities: entities.map((e) => ({ ...e, keys: ['e1'] })), claims: [], entityCards: {}, claimCards: {}, allMentions: true }) as unknown as MatchReply;

  it('paints only hits whose text is still there, and merges with annotations whose text left without throwing', () => {
    const first = load('<p id="a">Zohran Mamdani spoke.</p><p id="b">Zohran Mamdani again.</p>');
    const set = new AnnotationSet();
    set.add(first, reply([hit(first, 'Zohran Mamdani')]));
    expect(set.items).toHaveLength(1);
    // The page replaces the first paragraph and edits the second while Gloss matches new text.
    document.getElementById('a')!.remove();
    const second = collectText(document.getElementById('b')!, { isVisible: () => true });
    (document.getElementById('b')!.firstChild as Text).data = 'Mr Zohran Mamdani again.';
    const p = document.createElement('p');
    p.textContent = 'Zohran Mamdani later.';
    document.body.append(p);
    const third = collectText(p, { isVisible: () => true });
    set.add(second, reply([hit(second, 'Zohran Mamdani')]));
    set.add(third, reply([hit(third, 'Zohran Mamdani')]));
    expect(set.items.map((a) => a.range.toString())).toEqual(['Zohran Mamdani']);
    expect(set.items[0]!.range.startContainer.parentElement).toBe(p);
  });
});
