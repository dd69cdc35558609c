/**
 * Anchoring on real news pages from the corpus, under the edits articles get
 * after publication. Cases: tests/fixtures/anchoring/cases.json.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchor, describe as describeSelection, type AnchorResult } from '../../../anchoring';
import { PROJECT_ROOT, pageText } from './html-text';

interface Case {
  page: string;
  quote: string;
  wordInQuote: [string, string];
  lookalike: string;
}

const fixture = JSON.parse(
  readFileSync(resolve(PROJECT_ROOT, 'tests/fixtures/anchoring/cases.json'), 'utf8'),
) as { cases: Case[] };

function lineBounds(text: string, index: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', index) + 1;
  const nl = text.indexOf('\n', index);
  return { start, end: nl === -1 ? text.length : nl };
}

function anchored(r: AnchorResult): Extract<AnchorResult, { status: 'anchored' }> {
  expect(r.status).toBe('anchored');
  if (r.status !== 'anchored') throw new Error('not anchored');
  return r;
}

const INSERTED =
  'Update: This article has been updated with a statement from the agency and further reporting from the scene.';

describe.each(fixture.cases)('$page', (c) => {
  const text = pageText(c.page);
  const at = text.indexOf(c.quote);
  const selectors = describeSelection(text, at, at + c.quote.length);

  it('contains the quote exactly once', () => {
    expect(at).toBeGreaterThanOrEqual(0);
    expect(text.indexOf(c.quote, at + 1)).toBe(-1);
  });

  it('unchanged page: anchored by position', () => {
    const r = anchored(anchor(text, selectors));
    expect(r).toMatchObject({ start: at, end: at + c.quote.length, method: 'position' });
    expect(r.confidence).toBe(1);
  });

  it('paragraph inserted before the quote: anchored by quote', () => {
    const line = lineBounds(text, at);
    const edited = text.slice(0, line.start) + INSERTED + '\n' + text.slice(line.start);
    const r = anchored(anchor(edited, selectors));
    expect(r.method).toBe('quote');
    expect(r.start).toBe(at + INSERTED.length + 1);
    expect(edited.slice(r.start, r.end)).toBe(c.quote);
  });

  it('paragraph moved to the top: anchored by quote at its new place', () => {
    const line = lineBounds(text, at);
    const paragraph = text.slice(line.start, line.end);
    const without = text.slice(0, line.start) + text.slice(line.end + 1);
    const firstNl = without.indexOf('\n') + 1;
    const edited = without.slice(0, firstNl) + paragraph + '\n' + without.slice(firstNl);
    const r = anchored(anchor(edited, selectors));
    expect(r.method).toBe('quote');
    expect(r.start).toBe(firstNl + (at - line.start));
    expect(edited.slice(r.start, r.end)).toBe(c.quote);
  });

  it('word changed in the quote: anchored fuzzy with the right offsets', () => {
    const [from, to] = c.wordInQuote;
    const newQuote = c.quote.replace(from, to);
    expect(newQuote).not.toBe(c.quote);
    const line = lineBounds(text, at);
    // Also shift the text, as edits usually come with other edits.
    const edited =
      text.slice(0, line.start) + INSERTED + '\n' + text.slice(line.start, at) + newQuote + text.slice(at + c.quote.length);
    const r = anchored(anchor(edited, selectors));
    expect(r.method).toBe('fuzzy');
    const expectedStart = at + INSERTED.length + 1;
    expect(r.start).toBe(expectedStart);
    expect(r.end).toBe(expectedStart + newQuote.length);
    expect(r.confidence).toBeGreaterThanOrEqual(0.7);
    expect(r.confidence).toBeLessThan(1);
  });

  it('word changed next to the quote: still anchored at the right offsets', () => {
    const before = text.slice(Math.max(0, at - 32), at);
    const m = [...before.matchAll(/[\p{L}]{4,}/gu)].pop();
    expect(m).toBeDefined();
    const wStart = at - before.length + (m!.index ?? 0);
    const wEnd = wStart + m![0].length;
    const edited = text.slice(0, wStart) + 'fresh' + text.slice(wEnd);
    const r = anchored(anchor(edited, selectors));
    const shift = 'fresh'.length - m![0].length;
    expect(r.start).toBe(at + shift);
    expect(r.end).toBe(at + shift + c.quote.length);
    expect(['quote', 'position']).toContain(r.method);
  });

  it('quoted paragraph deleted: orphan', () => {
    const line = lineBounds(text, at);
    const edited = text.slice(0, line.start) + text.slice(line.end + 1);
    const r = anchor(edited, selectors);
    expect(r.status).toBe('orphan');
  });

  it('only the quote deleted, context left: orphan (context alone never anchors)', () => {
    const edited = text.slice(0, at) + text.slice(at + c.quote.length);
    expect(anchor(edited, selectors).status).toBe('orphan');
  });

  it('quote deleted, a lookalike sentence elsewhere: orphan, with the lookalike as closest text', () => {
    const line = lineBounds(text, at);
    const without = text.slice(0, line.start) + text.slice(line.end + 1);
    // Put the lookalike in another paragraph, far from the old place.
    const target = lineBounds(without, Math.floor(without.length * (at > text.length / 2 ? 0.2 : 0.8)));
    const inserted = `In a separate development, ${c.lookalike}, officials added.`;
    const edited = without.slice(0, target.end) + '\n' + inserted + without.slice(target.end);
    const r = anchor(edited, selectors);
    expect(r.status).toBe('orphan');
    if (r.status !== 'orphan') return;
    expect(r.closest).toBeDefined();
    const lookAt = edited.indexOf(c.lookalike);
    // The closest text is the lookalike (give or take the words around it).
    expect(r.closest!.start).toBeLessThan(lookAt + c.lookalike.length);
    expect(r.closest!.end).toBeGreaterThan(lookAt);
    expect(Math.abs(r.closest!.start - lookAt)).toBeLessThan(c.lookalike.length / 4);
    expect(r.closest!.similarity).toBeGreaterThan(0.5);
    expect(r.closest!.similarity).toBeLessThan(1);
  });

  it('quote repeated as a pull quote above: the original occurrence is chosen by context', () => {
    const pull = `\u201c${c.quote}\u201d`;
    const firstNl = text.indexOf('\n') + 1;
    const edited = text.slice(0, firstNl) + pull + '\n' + text.slice(firstNl);
    const r = anchored(anchor(edited, selectors));
    expect(r.start).toBe(at + pull.length + 1);
    expect(r.method).toBe('quote');
  });

  it('whole paragraph repeated far below and text shifted: the original occurrence is chosen', () => {
    const line = lineBounds(text, at);
    const paragraph = text.slice(line.start, line.end);
    const firstNl = text.indexOf('\n') + 1;
    // Repeat the paragraph at the end of the page (a "related" box), and shift
    // everything by an insertion at the top, so the position alone fails.
    const dup = text + '\n' + paragraph;
    const edited = dup.slice(0, firstNl) + INSERTED + '\n' + dup.slice(firstNl);
    const r = anchored(anchor(edited, selectors));
    expect(r.start).toBe(at + INSERTED.length + 1);
    expect(edited.slice(r.start, r.end)).toBe(c.quote);
  });
});
