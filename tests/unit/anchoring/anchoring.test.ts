import { describe, expect, it } from 'vitest';
import {
  anchor,
  CONTEXT_LENGTH,
  describe as describeSelection,
  TextPositionAnchor,
  TextQuoteAnchor,
  THRESHOLDS,
  type Selector,
} from '../../../anchoring';

const para = (s: string) => s.replace(/\s+/g, ' ').trim();

const ARTICLE = [
  para(`The city council voted on Tuesday to approve the new budget after a long debate
    about police overtime and the cost of the subway extension.`),
  para(`Council members said the vote was close. Several members asked for more time to
    review the transit numbers before the final reading next month.`),
  para(`The mayor praised the decision and said the budget would protect libraries,
    parks and schools while keeping property taxes flat for another year.`),
  para(`Opponents argued that the plan relied on optimistic revenue forecasts and warned
    that cuts could follow if the economy slowed in the coming months.`),
].join('\n');

function sel(text: string, quote: string, from = 0): Selector[] {
  const at = text.indexOf(quote, from);
  if (at < 0) throw new Error(`quote not in text: ${quote}`);
  return describeSelection(text, at, at + quote.length);
}

describe('TextQuoteAnchor', () => {
  it('keeps CONTEXT_LENGTH characters of context each side', () => {
    const q = 'the mayor praised';
    const at = ARTICLE.toLowerCase().indexOf(q);
    const a = TextQuoteAnchor.fromOffsets(ARTICLE, at, at + q.length);
    expect(CONTEXT_LENGTH).toBe(32);
    expect(a.prefix).toBe(ARTICLE.slice(at - 32, at));
    expect(a.suffix).toBe(ARTICLE.slice(at + q.length, at + q.length + 32));
  });

  it('has short context at the edges of the text and round-trips through its selector', () => {
    const a = TextQuoteAnchor.fromOffsets(ARTICLE, 0, 8);
    expect(a.prefix).toBe('');
    expect(a.toSelector()).toEqual({
      type: 'TextQuoteSelector',
      exact: 'The city',
      suffix: ARTICLE.slice(8, 40),
    });
    expect(TextQuoteAnchor.fromSelector(a.toSelector())).toEqual(a);
    const end = TextQuoteAnchor.fromOffsets(ARTICLE, ARTICLE.length - 7, ARTICLE.length);
    expect(end.exact).toBe('months.');
    expect(end.suffix).toBe('');
  });

  it('clamps and orders offsets', () => {
    const a = TextQuoteAnchor.fromOffsets('hello world', 11, 6);
    expect(a.exact).toBe('world');
    const p = TextPositionAnchor.fromOffsets('hello', -3, 99);
    expect(p.toSelector()).toEqual({ type: 'TextPositionSelector', start: 0, end: 5 });
  });

  it('toOffsets finds the quote exactly, approximately, or returns null', () => {
    const q = TextQuoteAnchor.fromOffsets(ARTICLE, 0, 60);
    expect(q.toOffsets(ARTICLE)).toMatchObject({ start: 0, end: 60, method: 'quote' });
    const edited = ARTICLE.replace('Tuesday', 'Wednesday');
    const m = q.toOffsets(edited);
    expect(m).toMatchObject({ start: 0, end: 62, method: 'fuzzy' });
    expect(q.toOffsets('Something else entirely, nothing alike at all here.')).toBeNull();
  });
});

describe('TextPositionAnchor', () => {
  it('returns in-range offsets as unverified, null when out of range', () => {
    const p = TextPositionAnchor.fromSelector({ type: 'TextPositionSelector', start: 4, end: 9 });
    expect(p.toOffsets(ARTICLE)).toEqual({ start: 4, end: 9, confidence: 0.5, method: 'position' });
    expect(p.toOffsets('short')).toBeNull();
    expect(new TextPositionAnchor(5, 5).toOffsets(ARTICLE)).toBeNull();
  });
});

describe('anchor', () => {
  it('orphans a note without selectors', () => {
    expect(anchor(ARTICLE, [])).toEqual({ status: 'orphan', reason: 'no-selectors' });
  });

  it('uses a lone position selector, flagged by its low confidence', () => {
    const r = anchor(ARTICLE, [{ type: 'TextPositionSelector', start: 0, end: 8 }]);
    expect(r).toEqual({ status: 'anchored', start: 0, end: 8, method: 'position', confidence: 0.5 });
    expect(anchor('tiny', [{ type: 'TextPositionSelector', start: 0, end: 8 }]).status).toBe('orphan');
  });

  it('anchors by quote when only whitespace changed', () => {
    const s = sel(ARTICLE, 'approve the new budget after a long debate');
    const edited = ARTICLE.replace('approve the new budget', 'approve  the\n new\u00a0budget');
    const r = anchor(edited, s);
    expect(r).toMatchObject({ status: 'anchored', method: 'quote' });
    if (r.status === 'anchored') {
      expect(edited.slice(r.start, r.end)).toBe('approve  the\n new\u00a0budget after a long debate');
    }
  });

  it('does not trust a short quote at its old offsets when its context changed', () => {
    // "the vote" stays at the same offset but everything around it is new.
    const quote = 'the vote';
    const s = sel(ARTICLE, quote);
    const at = ARTICLE.indexOf(quote);
    const coincident = ARTICLE.slice(0, at - 20) + 'XXXXXXXXXXXXXXXXXXXX' + quote + ' YYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYY' + ARTICLE.slice(at + quote.length + 33);
    expect(coincident.slice(at, at + quote.length)).toBe(quote);
    const r = anchor(coincident, s);
    expect(r.status === 'anchored' && r.method === 'position').toBe(false);
  });

  it('chooses among repeated short quotes by context', () => {
    const text = 'Alpha said yes. Beta said no to the plan. Gamma said yes. Delta said maybe.';
    const s = sel(text, 'said yes', text.indexOf('Gamma'));
    const shifted = 'Intro line. ' + text;
    const r = anchor(shifted, s);
    expect(r).toMatchObject({ status: 'anchored', method: 'quote', start: shifted.indexOf('Gamma') + 6 });
  });

  it('between identical passages with identical context, the old position decides', () => {
    const block = 'The statement was read aloud to the assembled reporters outside the courthouse.';
    const segment = `${'filler text. '.repeat(20)}\n${block}\n`;
    const text = segment.repeat(3) + 'The end.';
    const second = text.indexOf(block, text.indexOf(block) + 1);
    const s = describeSelection(text, second + 4, second + 40);
    const shifted = 'Breaking: ' + text;
    const r = anchor(shifted, s);
    expect(r).toMatchObject({ status: 'anchored', start: second + 4 + 10, end: second + 40 + 10 });
    if (r.status === 'anchored') expect(r.confidence).toBeLessThan(1);
  });

  it('orphans instead of choosing between two equally good lookalikes', () => {
    const original = 'Officials said the bridge would reopen to traffic on Monday morning after repairs.';
    const s = describeSelection(original, 0, original.length);
    const text =
      'First report: Officials said the bridge would reopen to traffic on Sunday morning after repairs.\n' +
      'Second report: Officials said the bridge would reopen to traffic on Friday morning after repairs.';
    const r = anchor(text, s);
    expect(r.status).toBe('orphan');
    if (r.status === 'orphan') {
      expect(r.reason).toBe('ambiguous');
      expect(r.closest?.similarity).toBeGreaterThan(0.9);
    }
  });

  it('never anchors on context alone', () => {
    const q = 'the budget would protect libraries, parks and schools';
    const s = sel(ARTICLE, q);
    const edited = ARTICLE.replace(q, 'an entirely different claim about sports stadiums now');
    const r = anchor(edited, s);
    expect(r.status).toBe('orphan');
  });

  it('orphans with no closest text when nothing resembles the quote', () => {
    const s = sel(ARTICLE, 'optimistic revenue forecasts');
    const r = anchor('Completely unrelated page about gardening and tomatoes.', s);
    expect(r.status).toBe('orphan');
  });

  it('keeps the thresholds documented in docs/notes.md', () => {
    expect(THRESHOLDS.minConfidence).toBe(0.7);
    expect(THRESHOLDS.minQuoteSimilarity).toBe(0.85);
    expect(THRESHOLDS.ambiguityMargin).toBe(0.1);
  });

  it('stays fast on a long page with an edited quote', () => {
    const filler = Array.from({ length: 4000 }, (_, i) => `Sentence number ${i} of the long live blog.`).join(' ');
    const quote = 'the central bank raised interest rates by a quarter of a percentage point';
    const text = filler.slice(0, 90000) + ' On Thursday ' + quote + ' to fight inflation. ' + filler.slice(90000);
    const s = sel(text, quote);
    const edited = 'Live updates. ' + text.replace('a quarter of a', 'half a');
    const t0 = performance.now();
    const r = anchor(edited, s);
    const ms = performance.now() - t0;
    expect(r).toMatchObject({ status: 'anchored', method: 'fuzzy' });
    expect(ms).toBeLessThan(2000);
  });
});
