import { describe, expect, it } from 'vitest';
import { perQuery } from '../../../claims/checkthat.ts';
import { pairedTest } from '../../../claims/significance.ts';

describe('paired significance of a difference between two rankers', () => {
  it('finds a consistent gain significant and gives an interval around it', () => {
    // System a finds the gold claim first on 40 more queries of 200; b never beats a.
    const a = Array.from({ length: 200 }, (_, i) => (i < 140 ? 1 : 0));
    const b = Array.from({ length: 200 }, (_, i) => (i < 100 ? 1 : 0));
    const t = pairedTest(a, b);
    expect(t.diff).toBeCloseTo(0.2);
    expect(t.p).toBeLessThan(0.001);
    expect(t.ci[0]).toBeGreaterThan(0.1);
    expect(t.ci[1]).toBeLessThan(0.3);
  });

  it('does not call a swap of wins and losses significant', () => {
    // a wins 10 queries, b wins 10 others: no difference.
    const a = Array.from({ length: 100 }, (_, i) => (i < 10 ? 1 : i < 20 ? 0 : 0.5));
    const b = Array.from({ length: 100 }, (_, i) => (i < 10 ? 0 : i < 20 ? 1 : 0.5));
    const t = pairedTest(a, b);
    expect(t.diff).toBe(0);
    expect(t.p).toBeGreaterThan(0.5);
    expect(t.ci[0]).toBeLessThan(0);
    expect(t.ci[1]).toBeGreaterThan(0);
  });

  it('refuses runs over different queries', () => {
    expect(() => pairedTest([1, 0], [1])).toThrow(/same queries/);
  });

  it('is reproducible', () => {
    const a = [1, 0.5, 0, 1, 0.33, 1, 0, 0.5];
    const b = [0.5, 0.5, 0, 1, 1, 0, 0, 0.2];
    expect(pairedTest(a, b)).toEqual(pairedTest(a, b));
  });

  it('measures per query in qrels order', () => {
    const qrels = new Map([
      ['q1', new Set(['c1'])],
      ['q2', new Set(['c2'])],
      ['q3', new Set(['c3'])],
    ]);
    const run = new Map([
      ['q1', [{ id: 'c1', score: 2 }]],
      ['q2', [{ id: 'c9', score: 2 }, { id: 'c2', score: 1 }]],
    ]);
    expect(perQuery(run, qrels)).toEqual({ ap5: [1, 0.5, 0], rr: [1, 0.5, 0], p1: [1, 0, 0] });
  });
});
