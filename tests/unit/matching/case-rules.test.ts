import { describe, expect, it } from 'vitest';
import { EntityMatcher, isAcronym } from '../../../matching/index.ts';
import { found, texts } from './helpers.ts';

describe('case sensitivity', () => {
  it('detects acronyms: no lowercase, at least two capitals', () => {
    expect(isAcronym('ICE')).toBe(true);
    expect(isAcronym('NYPD')).toBe(true);
    expect(isAcronym('U.S.')).toBe(true);
    expect(isAcronym('ФСБ')).toBe(true);
    expect(isAcronym('Ice')).toBe(false);
    expect(isAcronym('I')).toBe(false);
    expect(isAcronym('New York')).toBe(false);
    expect(isAcronym('北京')).toBe(false);
  });

  it('matches an acronym alias only in capitals', () => {
    const ice = [{ alias: 'ICE', entityId: 'ice' }];
    expect(texts(ice, 'Ice skating season opens')).toEqual([]);
    expect(texts(ice, 'ice on the road')).toEqual([]);
    expect(texts(ice, 'agents of ICE arrived')).toEqual(['ICE']);
    // Fullwidth capitals are the same letters after NFKC.
    expect(texts(ice, 'ＩＣＥ agents')).toEqual(['ＩＣＥ']);
  });

  it('matches ordinary names regardless of case', () => {
    const nyc = [{ alias: 'New York City', entityId: 'nyc' }];
    expect(texts(nyc, 'in new york city today')).toEqual(['new york city']);
    expect(texts(nyc, 'NEW YORK CITY')).toEqual(['NEW YORK CITY']);
  });

  it('honours an explicit caseSensitive flag both ways', () => {
    expect(texts([{ alias: 'Apple', entityId: 'apple', caseSensitive: true }], 'an apple, Apple')).toEqual(['Apple']);
    expect(texts([{ alias: 'NASA', entityId: 'nasa', caseSensitive: false }], 'Nasa said')).toEqual(['Nasa']);
  });

  it('keeps entities of a case-insensitive alias when a sensitive one shares the key', () => {
    const entries = [
      { alias: 'ICE', entityId: 'ice-agency' },
      { alias: 'Ice', entityId: 'ice-band' },
    ];
    expect(found(entries, 'Ice')).toEqual([['Ice', ['ice-band']]]);
    expect(found(entries, 'ICE')).toEqual([['ICE', ['ice-band', 'ice-agency']]]);
  });

  it('falls back to a shorter alias when the longer one fails its case check', () => {
    const m = EntityMatcher.build([
      { alias: 'New', entityId: 'new' },
      { alias: 'NEW YORK', entityId: 'ny-caps', caseSensitive: true },
    ]);
    expect(m.match('New York').map((x) => x.text)).toEqual(['New']);
  });
});
