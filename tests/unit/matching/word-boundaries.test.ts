import { describe, expect, it } from 'vitest';
import { texts } from './helpers.ts';

const ice = [{ alias: 'ICE', entityId: 'ice' }];
const mamdani = [{ alias: 'Mamdani', entityId: 'mamdani' }];

describe('whole words only', () => {
  it('does not match inside a longer word', () => {
    expect(texts(ice, 'ICED coffee')).toEqual([]);
    expect(texts(ice, 'the police said')).toEqual([]);
    expect(texts(ice, 'DICE and SLICE')).toEqual([]);
    expect(texts(mamdani, 'Mamdanis')).toEqual([]);
    expect(texts(mamdani, 'XMamdani')).toEqual([]);
  });

  it('does not match when glued to a digit', () => {
    expect(texts(ice, 'ICE2 and 2ICE')).toEqual([]);
  });

  it('matches before possessives with straight and curly apostrophes', () => {
    expect(texts(mamdani, "Mamdani's plan")).toEqual(['Mamdani']);
    expect(texts(mamdani, 'Mamdani’s plan')).toEqual(['Mamdani']);
    expect(texts(ice, 'ICE’s agents')).toEqual(['ICE']);
  });

  it('matches before and after punctuation and at the string edges', () => {
    expect(texts(mamdani, 'Mamdani, Mamdani. (Mamdani) "Mamdani"—Mamdani')).toEqual([
      'Mamdani',
      'Mamdani',
      'Mamdani',
      'Mamdani',
      'Mamdani',
    ]);
  });

  it('keeps an alias ending in punctuation whole ("U.S.")', () => {
    expect(texts([{ alias: 'U.S.', entityId: 'us' }], 'the U.S. said; U.S.-based; US; u.s.')).toEqual(['U.S.', 'U.S.']);
  });

  it('returns offsets into the original string', () => {
    const text = 'Zohran Mamdani’s win';
    const [m] = texts(mamdani, text);
    expect(m).toBe('Mamdani');
    expect(text.indexOf('Mamdani')).toBe(7);
  });
});
