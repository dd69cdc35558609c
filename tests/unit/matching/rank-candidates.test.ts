import { describe, expect, it } from 'vitest';
import { rankCandidates } from '../../../matching/index.ts';

const relations: Record<string, string[]> = {
  'paris-fr': ['france', 'seine'],
  'paris-tx': ['texas'],
  'paris-hilton': ['hilton'],
};
const related = (id: string) => relations[id] ?? [];

describe('rankCandidates', () => {
  it('puts first the candidate related to entities on the page', () => {
    expect(rankCandidates(['paris-fr', 'paris-tx'], new Set(['texas']), related)).toEqual(['paris-tx', 'paris-fr']);
    expect(rankCandidates(['paris-tx', 'paris-fr'], new Set(['france', 'seine', 'texas']), related)).toEqual([
      'paris-fr',
      'paris-tx',
    ]);
  });

  it('keeps the given order when nothing relates', () => {
    expect(rankCandidates(['paris-tx', 'paris-hilton', 'paris-fr'], new Set(['nyc']), related)).toEqual([
      'paris-tx',
      'paris-hilton',
      'paris-fr',
    ]);
  });

  it('does not count a candidate as evidence for itself or a relation twice', () => {
    const selfish = (id: string) => (id === 'a' ? ['a', 'x', 'x'] : ['y']);
    expect(rankCandidates(['a', 'b'], new Set(['a', 'x', 'y']), selfish)).toEqual(['a', 'b']);
    expect(rankCandidates(['b', 'a'], new Set(['a', 'b', 'y']), selfish)).toEqual(['b', 'a']);
  });
});
