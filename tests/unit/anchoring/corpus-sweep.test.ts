/**
 * A sweep over every page of the corpus: passages of several lengths picked
 * with a seeded generator (headlines, body text, menus and boilerplate alike),
 * each put through edits. The property checked is the one that matters most:
 * a note is anchored at its own passage or honestly orphaned — never attached
 * to different text elsewhere.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchor, describe as describeSelection, type AnchorResult } from '../../../anchoring';
import { editDistance, similarity } from '../../../anchoring/similarity';
import { CORPUS, pageText } from './html-text';

const pages = [
  ...readdirSync(resolve(CORPUS, 'articles/readability'))
    .filter((n) => !n.includes('.'))
    .sort()
    .map((n) => `readability/${n}`),
  'seed/mamdani-nypd-ice.html',
];

const QUOTES_PER_PAGE = 12;
const LENGTHS = [12, 25, 40, 80, 160, 400];

function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

interface Pick {
  start: number;
  end: number;
  quote: string;
}

function picks(text: string, seed: number): Pick[] {
  const rnd = prng(seed);
  const out: Pick[] = [];
  for (let k = 0; out.length < QUOTES_PER_PAGE && k < QUOTES_PER_PAGE * 3; k++) {
    const len = LENGTHS[k % LENGTHS.length] as number;
    let start = Math.floor(rnd() * Math.max(1, text.length - len));
    while (start > 0 && /\S/.test(text[start - 1] as string)) start--;
    let end = Math.min(text.length, start + len);
    while (end < text.length && /\S/.test(text[end] as string)) end++;
    const quote = text.slice(start, end);
    if (quote.trim().length >= 8) out.push({ start, end, quote });
  }
  return out;
}

const ws = (s: string) => s.replace(/\s+/g, ' ');

/**
 * Anchored on text one character away from the quote, with the same
 * surroundings: exactly what an in-place correction (a number updated) looks
 * like, so no text-only method can tell it from a duplicate. Accepted.
 */
function indistinguishable(r: AnchorResult, edited: string, original: string, p: Pick): boolean {
  if (r.status !== 'anchored') return false;
  const prefix = original.slice(Math.max(0, p.start - 32), p.start);
  const suffix = original.slice(p.end, p.end + 32);
  return (
    editDistance(ws(edited.slice(r.start, r.end)), ws(p.quote)) <= 1 &&
    similarity(prefix, edited.slice(Math.max(0, r.start - prefix.length), r.start)) >= 0.9 &&
    similarity(suffix, edited.slice(r.end, r.end + suffix.length)) >= 0.9
  );
}

/** Anchored on the same words with the same surroundings (a duplicated block): not a lookalike. */
function identicalElsewhere(r: AnchorResult, edited: string, original: string, p: Pick): boolean {
  return (
    r.status === 'anchored' &&
    ws(edited.slice(r.start, r.end)) === ws(p.quote) &&
    ws(edited.slice(Math.max(0, r.start - 32), r.start)) === ws(original.slice(Math.max(0, p.start - 32), p.start)) &&
    ws(edited.slice(r.end, r.end + 32)) === ws(original.slice(p.end, p.end + 32))
  );
}

describe.each(pages)('sweep %s', (page) => {
  const text = pageText(page);
  const cases = picks(text, page.length * 7919);

  it('shifted page: every passage anchored at its new offsets', () => {
    const shifted = 'Breaking: a new paragraph at the top.\n' + text;
    for (const p of cases) {
      const r = anchor(shifted, describeSelection(text, p.start, p.end));
      expect({ q: p.quote, r }).toMatchObject({ r: { status: 'anchored', start: p.start + 38, end: p.end + 38 } });
    }
  });

  it('character changed inside the passage: anchored there or orphaned, never elsewhere', () => {
    let exact = 0;
    for (const p of cases) {
      const mid = p.start + Math.floor((p.end - p.start) / 2);
      const edited = 'X\n' + text.slice(0, mid) + 'Q' + text.slice(mid + 1);
      const r = anchor(edited, describeSelection(text, p.start, p.end));
      if (r.status !== 'anchored') continue;
      if (r.start === p.start + 2 && r.end === p.end + 2) {
        exact++;
        continue;
      }
      const overlapsOwn = r.start < p.end + 2 && r.end > p.start + 2;
      expect({ q: p.quote, r, ok: overlapsOwn || identicalElsewhere(r, edited, text, p) }).toMatchObject({ ok: true });
    }
    expect(exact).toBeGreaterThanOrEqual(cases.length * 0.75);
  });

  it('passage deleted: orphaned, unless the very same text is still on the page', () => {
    for (const p of cases) {
      const edited = text.slice(0, p.start) + text.slice(p.end);
      const r = anchor(edited, describeSelection(text, p.start, p.end));
      if (r.status === 'anchored' && !indistinguishable(r, edited, text, p)) {
        expect({ q: p.quote, found: ws(edited.slice(r.start, r.end)) }).toEqual({ q: p.quote, found: ws(p.quote) });
      }
    }
  });

  it('passage deleted and a one-word lookalike put elsewhere: never anchored to the lookalike', () => {
    const rnd = prng(page.length * 104729);
    for (const p of cases) {
      const words = p.quote.split(/(\s+)/);
      const w = words.findIndex((x) => /\p{L}{4,}/u.test(x));
      if (w < 0) continue;
      words[w] = 'Zebra';
      const lookalike = words.join('');
      const without = text.slice(0, p.start) + text.slice(p.end);
      const at = Math.floor(rnd() * without.length);
      const edited = without.slice(0, at) + ' Elsewhere, ' + lookalike + ' was reported. ' + without.slice(at);
      const r = anchor(edited, describeSelection(text, p.start, p.end));
      if (r.status === 'anchored' && !indistinguishable(r, edited, text, p)) {
        // Only acceptable if the original words still exist verbatim (a duplicate block).
        expect({ q: p.quote, found: ws(edited.slice(r.start, r.end)) }).toEqual({ q: p.quote, found: ws(p.quote) });
      }
    }
  });
});
