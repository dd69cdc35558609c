/**
 * Anchoring on hostile pages stays in short steps: the approximate search runs
 * in windows and long quotes are searched by probes, so no step of anchorSteps
 * holds the main thread for long (an orphaned 5k quote on a 216k-character
 * repetitive page once took 85 s in one task).
 */
import { describe, expect, it } from 'vitest';
import { anchor, anchorSteps, describe as describeSelection } from '../../../anchoring';
import type { AnchorResult, Selector } from '../../../anchoring/types';

const PARA = 'The council voted on Tuesday to approve the new budget for the city, which includes more money for schools and parks. ';
const REPETITIVE = PARA.repeat(Math.ceil(216_000 / PARA.length)).slice(0, 216_000);

/** Run the steps, timing each; the longest step in ms and the result. */
function stepped(text: string, selectors: Selector[]): { longest: number; result: AnchorResult } {
  const steps = anchorSteps(text, selectors);
  let longest = 0;
  for (;;) {
    const t = performance.now();
    const r = steps.next();
    longest = Math.max(longest, performance.now() - t);
    if (r.done) return { longest, result: r.value };
  }
}

describe('anchoring on a long repetitive page', () => {
  const quote = `${PARA.repeat(45).slice(0, 5_000)}(edited away)`;
  const selectors: Selector[] = [
    { type: 'TextQuoteSelector', exact: quote, prefix: 'Earlier text that is gone', suffix: 'Later text that is gone' },
    { type: 'TextPositionSelector', start: 1_000, end: 1_000 + quote.length },
  ];

  it('orphans a 5k quote that is no longer there, in steps of a few milliseconds', () => {
    // Best of three runs (the first also warms the JIT): the budget is about the work, not a busy machine.
    const runs = [1, 2, 3].map(() => stepped(REPETITIVE, selectors));
    expect(runs.every((r) => r.result.status === 'orphan')).toBe(true);
    expect(Math.min(...runs.map((r) => r.longest))).toBeLessThan(50);
  });

  it('orphans a random long quote without context the same way', () => {
    const words = 'alpha council budget schools parks city voted approve money'.split(' ');
    const random = Array.from({ length: 900 }, (_, i) => words[(i * 7) % words.length]).join(' ');
    const runs = [1, 2, 3].map(() => stepped(REPETITIVE, [{ type: 'TextQuoteSelector', exact: random }]));
    expect(runs.every((r) => r.result.status === 'orphan')).toBe(true);
    expect(Math.min(...runs.map((r) => r.longest))).toBeLessThan(50);
  });
});

describe('long quotes are still found', () => {
  const article = Array.from({ length: 60 }, (_, i) => `Paragraph ${i}: the committee heard ${i * 3} witnesses about item ${i * 7 + 1}, and the chair asked for a report by week ${i % 12}.`).join(' ');
  const start = article.indexOf('Paragraph 20');
  const end = article.indexOf('Paragraph 40');

  it('verbatim, and after a small edit inside (fuzzy, by the probes and a banded check)', () => {
    const selectors = describeSelection(article, start, end);
    expect(anchor(article, selectors)).toMatchObject({ status: 'anchored', start, end });
    const edited = article.replace('heard 90 witnesses', 'heard ninety witnesses');
    const r = anchor(edited, selectors);
    expect(r).toMatchObject({ status: 'anchored', method: 'fuzzy', start });
    expect(r.status === 'anchored' && Math.abs(r.end - (end + 'ninety'.length - '90'.length))).toBeLessThanOrEqual(2);
  });

  it('but not when most of the passage was rewritten', () => {
    const selectors = describeSelection(article, start, end);
    const rewritten = article.slice(0, start) + article.slice(start, end).replace(/witnesses/g, 'people who came to speak') + article.slice(end);
    expect(anchor(rewritten, selectors).status).toBe('orphan');
  });
});
