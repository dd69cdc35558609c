// @vitest-environment happy-dom
/**
 * The page side of notes, without a browser: the selection described as
 * selectors over the page text, notes placed (and orphaned) on an edited page,
 * the canonical page key, safe Markdown rendering, the low-storage rule.
 */
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { isLowOnSpace } from '../../../components/popup/StorageStatus';
import { Markdown } from '../../../components/Markdown';
import { pageHandlers } from '../../../background/page';
import type { BackgroundDeps } from '../../../background/deps';
import { describeSelection, pageAddress, placeNotes, selectionOffsets } from '../../../content/notes';
import { createNote } from '../../../notes';
import { collectText } from '../../../page-text/collect';

const ARTICLE = `<article><h1>Title</h1><p>The Mayor-elect's policy is expected to <a href="#">solidify</a> the city's status.
However, it also signals a potential for increased friction with federal authorities.</p><p>Next paragraph.</p></article>`;

function load(html: string) {
  document.body.innerHTML = html;
  return collectText(document.body, { isVisible: () => true });
}

function rangeOver(text: string): Range {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const i = (n as Text).data.indexOf(text);
    if (i < 0) continue;
    const r = document.createRange();
    r.setStart(n, i);
    r.setEnd(n, i + text.length);
    return r;
  }
  throw new Error(`no ${text}`);
}

describe('notes on the page', () => {
  it('describes a selection across inline elements, trimmed, with quote and position selectors', () => {
    const page = load(ARTICLE);
    const r = document.createRange();
    const p = document.querySelector('p')!;
    r.setStart(p.firstChild!, 'The Mayor-elect\'s policy is expected'.length); // " to "
    r.setEnd(p.querySelector('a')!.firstChild!, 'solidify'.length);
    const sel = describeSelection(page, r)!;
    expect(sel.quote).toBe('to solidify');
    const [quote, position] = sel.selectors;
    expect(quote).toMatchObject({ type: 'TextQuoteSelector', exact: 'to solidify' });
    expect(position).toMatchObject({ type: 'TextPositionSelector' });
    const { start, end } = position as { start: number; end: number };
    expect(page.text.slice(start, end)).toBe('to solidify');
    // A selection of only whitespace is no selection.
    const blank = document.createRange();
    blank.setStart(p.firstChild!, 'The'.length);
    blank.setEnd(p.firstChild!, 'The '.length);
    expect(selectionOffsets(page, blank)).toBeNull();
  });

  it('places a note on the same words after a reload, follows a changed word, and orphans a deleted sentence', () => {
    const page = load(ARTICLE);
    const quote = 'it also signals a potential for increased friction with federal authorities';
    const sel = describeSelection(page, rangeOver(quote))!;
    const note = createNote({ pageUrl: 'https://x.example/a', target: { kind: 'text', quote: sel.quote, selectors: sel.selectors }, body: 'b' });
    const pageNote = createNote({ pageUrl: 'https://x.example/a', target: { kind: 'page' }, body: 'p' });

    const same = placeNotes(load(ARTICLE), [note, pageNote], new Set());
    expect(same[0]!.status).toMatchObject({ status: 'anchored', method: 'position' });
    expect(same[0]!.range!.toString()).toBe(quote);
    expect(same[1]!.status).toEqual({ status: 'page' });

    const edited = placeNotes(load(ARTICLE.replace('increased friction', 'heightened friction')), [note], new Set());
    expect(edited[0]!.status).toMatchObject({ status: 'anchored', method: 'fuzzy' });
    expect(edited[0]!.range!.toString()).toBe(quote.replace('increased', 'heightened'));

    const moved = placeNotes(load(ARTICLE.replace('<h1>Title</h1>', '<h1>A much longer title</h1><p>A new first paragraph.</p>')), [note], new Set());
    expect(moved[0]!.status).toMatchObject({ status: 'anchored', method: 'quote' });
    expect(moved[0]!.range!.toString()).toBe(quote);

    const gone = placeNotes(load(ARTICLE.replace(/However,[^.]*\./, '')), [note], new Set());
    expect(gone[0]!.status.status).toBe('orphan');
    expect(gone[0]!.range).toBeUndefined();
  });

  it('files notes under the canonical URL of the same site, without tracking parameters', async () => {
    document.head.innerHTML = '<link rel="canonical" href="/2025/11/story">';
    const address = pageAddress({ location: { href: 'https://www.news.example/amp/story?utm_source=x#top' }, querySelector: (s: string) => document.querySelector(s) } as unknown as Document);
    expect(address).toEqual({ href: 'https://www.news.example/amp/story?utm_source=x#top', canonical: '/2025/11/story' });
    // The background resolves the key from what the page script read.
    const resolve = pageHandlers({} as BackgroundDeps)['page/key'];
    expect(await resolve(address, { kind: 'content', tab: { id: 1 }, url: address.href } as never)).toEqual({ pageUrl: 'https://www.news.example/2025/11/story' });
  });

  it('renders note Markdown as elements and text, never as HTML, with http(s) links only', () => {
    const el = document.createElement('div');
    render(<Markdown source={'**bold** <img src=x onerror=alert(1)> [ok](https://example.org) [bad](javascript:alert(1))\n\n- one\n- two'} />, el);
    expect(el.querySelector('strong')?.textContent).toBe('bold');
    expect(el.querySelector('img')).toBeNull();
    expect(el.textContent).toContain('<img src=x onerror=alert(1)>');
    const links = [...el.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['https://example.org/']);
    expect(el.querySelectorAll('li')).toHaveLength(2);
  });

  it('warns when storage has under 10% or under 50 MB free', () => {
    const MB = 1024 * 1024;
    expect(isLowOnSpace({ usage: 10 * MB, quota: 10_000 * MB })).toBe(false);
    expect(isLowOnSpace({ usage: 9_950 * MB, quota: 10_000 * MB })).toBe(true); // 50 MB free
    expect(isLowOnSpace({ usage: 95 * MB, quota: 200 * MB })).toBe(false);
    expect(isLowOnSpace({ usage: 460 * MB, quota: 500 * MB })).toBe(true); // 8% free
    expect(isLowOnSpace({})).toBe(false);
  });
});
