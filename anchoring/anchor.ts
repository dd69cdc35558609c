import { closestFrom, matchQuoteSteps, runToEnd, scoreCandidate, THRESHOLDS } from './match-quote';
import { TextPositionAnchor } from './text-position';
import type { AnchorResult, Selector, TextPositionSelector, TextQuoteSelector } from './types';

/**
 * Place a note's selectors in the current page text, cheap to expensive:
 * 1. position, verified: the text at the old offsets still equals the quote
 *    (and, for short quotes, the context still fits);
 * 2. exact quote, unique or disambiguated by context and nearness to the old position;
 * 3. fuzzy quote (approx-string-match) scored on quote, prefix and suffix.
 * Anything uncertain is an orphan, with the closest text now on the page.
 */
export function anchor(text: string, selectors: readonly Selector[]): AnchorResult {
  return runToEnd(anchorSteps(text, selectors));
}

/**
 * `anchor` in steps: it yields between windows of the approximate search, so a
 * caller can run it in short slices (the content script's runSliced). One
 * orphaned 5k quote on a 216k-character repetitive page once held the main
 * thread for 85 s; now each step is a few milliseconds.
 */
export function* anchorSteps(text: string, selectors: readonly Selector[]): Generator<void, AnchorResult> {
  const position = selectors.find(
    (s): s is TextPositionSelector => s.type === 'TextPositionSelector',
  );
  const quote = selectors.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector');

  if (!quote || !quote.exact) {
    if (!position) return { status: 'orphan', reason: 'no-selectors' };
    // Nothing to verify against: report the position with its low confidence.
    const m = TextPositionAnchor.fromSelector(position).toOffsets(text);
    return m
      ? { status: 'anchored', ...m }
      : { status: 'orphan', reason: 'not-found' };
  }

  const hint = position && Number.isFinite(position.start) ? position.start : undefined;

  if (position) {
    const m = TextPositionAnchor.fromSelector(position).toOffsets(text);
    if (m && text.slice(m.start, m.end) === quote.exact) {
      const c = scoreCandidate(text, m.start, m.end, 0, true, quote, m.start);
      if (c.confidence >= THRESHOLDS.minConfidence) {
        return {
          status: 'anchored',
          start: m.start,
          end: m.end,
          method: 'position',
          confidence: c.confidence,
        };
      }
    }
  }

  const outcome = yield* matchQuoteSteps(text, quote, hint);
  if (outcome.ok) return { status: 'anchored', ...outcome.match };
  const closest = closestFrom(text, outcome.best);
  return closest
    ? { status: 'orphan', reason: outcome.reason, closest }
    : { status: 'orphan', reason: outcome.reason };
}
