import { describe, expect, it } from 'vitest';
import { found } from './helpers.ts';

const entries = [
  { alias: 'New York City', entityId: 'nyc' },
  { alias: 'New York City Police Department', entityId: 'nypd' },
  { alias: 'New York', entityId: 'ny' },
  { alias: 'York', entityId: 'york' },
  { alias: 'City Police', entityId: 'cp' },
  { alias: 'Police Department', entityId: 'pd' },
];

describe('overlapping aliases', () => {
  it('prefers the longest alias at the same start', () => {
    expect(found(entries, 'The New York City Police Department said')).toEqual([
      ['New York City Police Department', ['nypd']],
    ]);
  });

  it('prefers the earlier start, then continues after the match', () => {
    expect(found(entries, 'New York City Police said')).toEqual([['New York City', ['nyc']]]);
    expect(found(entries, 'York City Police Department')).toEqual([
      ['York', ['york']],
      ['City Police', ['cp']],
    ]);
  });

  it('falls back to a shorter alias when the longer one is cut mid-word', () => {
    expect(found(entries, 'New York Cityscape')).toEqual([['New York', ['ny']]]);
  });

  it('returns non-overlapping matches sorted by start', () => {
    const text = 'New York; York; New York City Police Department and Police Department';
    const ms = found(entries, text);
    expect(ms.map((m) => m[0])).toEqual(['New York', 'York', 'New York City Police Department', 'Police Department']);
  });

  it('reports every entity sharing an alias, once each', () => {
    const amb = [
      { alias: 'Paris', entityId: 'paris-fr' },
      { alias: 'Paris', entityId: 'paris-tx' },
      { alias: 'paris', entityId: 'paris-fr' },
    ];
    expect(found(amb, 'Paris')).toEqual([['Paris', ['paris-fr', 'paris-tx']]]);
  });
});
