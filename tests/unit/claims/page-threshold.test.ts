import { describe, expect, it } from 'vitest';
import { chooseThreshold, curve, type PageScores } from '../../../bench/claims-pages.ts';

// Four positives (best gold / best wrong confidence) and three news sentences over 20 pages.
const scores: PageScores = {
  positives: [[0.99, -1], [0.8, 0.2], [0.6, 0.95], [-1, 0.5]],
  negatives: [
    { page: 'a', sentence: 's1', id: 'c1', confidence: 0.97 },
    { page: 'b', sentence: 's2', id: 'c2', confidence: 0.7 },
    { page: 'b', sentence: 's3', id: 'c3', confidence: 0.3 },
  ],
  pages: 20,
};

describe('page-level flagging curve', () => {
  it('counts recall, false flags per ten pages and precision at each threshold', () => {
    const [low, mid, high] = curve(scores, [0.25, 0.65, 0.98]);
    expect(low).toMatchObject({ recall: 0.75, falseOnPages: 3, falsePer10Pages: 1.5, wrongOnPositives: 2 });
    expect(low!.precision).toBeCloseTo(3 / 8);
    expect(mid).toMatchObject({ recall: 0.5, falseOnPages: 2, falsePer10Pages: 1, wrongOnPositives: 1 });
    expect(high).toMatchObject({ recall: 0.25, falseOnPages: 0, wrongOnPositives: 0, precision: 1 });
  });

  it('chooses the most recall within the false-flag target, and of equal recall the fewest false flags', () => {
    const points = curve(scores, [0.25, 0.65, 0.75, 0.98]);
    expect(chooseThreshold(points, 1.5)!.threshold).toBe(0.25);
    // 0.65 and 0.75 recall the same; 0.75 flags one news sentence fewer.
    expect(chooseThreshold(points, 1)!.threshold).toBe(0.75);
    expect(chooseThreshold(points, 0.5)!.threshold).toBe(0.75);
    expect(chooseThreshold(points, 0)!.threshold).toBe(0.98);
    expect(chooseThreshold(curve(scores, [0.25]), 0)).toBeUndefined();
  });
});
