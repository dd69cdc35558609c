import { describe, expect, it } from 'vitest';
import { EntityMatcher, normalizeKey, normalizeText } from '../../../matching/index.ts';
import { endOf } from '../../../matching/normalize.ts';
import { texts } from './helpers.ts';

describe('normalisation', () => {
  it('folds whitespace runs, NBSP and newlines into one space', () => {
    const nyc = [{ alias: 'New York City', entityId: 'nyc' }];
    expect(texts(nyc, 'New\u00a0York\n\t City')).toEqual(['New\u00a0York\n\t City']);
    expect(texts(nyc, 'NewYork City')).toEqual([]);
  });

  it('drops soft hyphens and zero-width characters inside words', () => {
    expect(texts([{ alias: 'Mamdani', entityId: 'm' }], 'Mam\u00addani and Mam\u200bdani')).toEqual([
      'Mam\u00addani',
      'Mam\u200bdani',
    ]);
  });

  it('unifies hyphen and dash variants', () => {
    const e = [{ alias: 'Mayor-elect', entityId: 'x' }];
    expect(texts(e, 'Mayor‐elect, Mayor‑elect, Mayor–elect')).toEqual(['Mayor‐elect', 'Mayor‑elect', 'Mayor–elect']);
    expect(texts(e, 'Mayor elect')).toEqual([]);
  });

  it('unifies quote marks (’ ‘ ´ ʼ and straight)', () => {
    const e = [{ alias: "O'Brien", entityId: 'ob' }];
    expect(texts(e, 'O’Brien O‘Brien O´Brien OʼBrien O\'Brien')).toHaveLength(5);
    expect(texts([{ alias: 'O’Brien', entityId: 'ob' }], "O'Brien")).toEqual(["O'Brien"]);
  });

  it('applies NFKC (ligatures, fullwidth forms)', () => {
    expect(texts([{ alias: 'Fifa', entityId: 'f' }], 'the ﬁfa cup')).toEqual(['ﬁfa']);
    expect(texts([{ alias: 'Tokyo', entityId: 't' }], 'Ｔｏｋｙｏ')).toEqual(['Ｔｏｋｙｏ']);
  });

  it('folds diacritics both ways by default, including decomposed text', () => {
    const zurichAlias = [{ alias: 'Zürich', entityId: 'zh' }];
    expect(texts(zurichAlias, 'in Zurich')).toEqual(['Zurich']);
    expect(texts(zurichAlias, 'in Zu\u0308rich')).toEqual(['Zu\u0308rich']);
    expect(texts([{ alias: 'Zurich', entityId: 'zh' }], 'in ZÜRICH')).toEqual(['ZÜRICH']);
    expect(texts([{ alias: 'Łódź', entityId: 'lodz' }], 'Lodz')).toEqual(['Lodz']);
    expect(texts([{ alias: 'Straße', entityId: 's' }], 'STRASSE')).toEqual(['STRASSE']);
  });

  it('can keep diacritics strict per alias or per matcher', () => {
    const strict = [{ alias: 'Zürich', entityId: 'zh', foldDiacritics: false }];
    expect(texts(strict, 'Zurich')).toEqual([]);
    expect(texts(strict, 'zürich and Zu\u0308rich')).toEqual(['zürich', 'Zu\u0308rich']);
    const m = EntityMatcher.build([{ alias: 'Zürich', entityId: 'zh' }], { foldDiacritics: false });
    expect(m.match('Zurich')).toEqual([]);
    expect(m.match('Zürich')).toHaveLength(1);
    const m2 = EntityMatcher.build([{ alias: 'Zürich', entityId: 'zh', foldDiacritics: true }], { foldDiacritics: false });
    expect(m2.match('Zurich')).toHaveLength(1);
  });

  it('keeps an exact offset map across expansions and collapsed runs', () => {
    const text = 'ﬁ  Ａ\u00adb';
    const n = normalizeText(text, false);
    const units = String.fromCharCode(...n.units.subarray(0, n.length));
    expect(units).toBe('fi ab');
    expect(Array.from(n.start.subarray(0, n.length))).toEqual([0, 0, 1, 3, 5]);
    expect([0, 1, 3, 4].map((k) => endOf(text, n, k))).toEqual([1, 1, 4, 6]);
  });

  it('handles astral characters as single code points', () => {
    expect(normalizeKey('𝐀𝐁𝐂', false)).toBe('abc');
    const m = EntityMatcher.build([{ alias: '𠮷野家', entityId: 'y' }]);
    const [hit] = m.match('I ate at 𠮷野家 today');
    expect(hit?.text).toBe('𠮷野家');
    expect(hit?.start).toBe(9);
    expect(hit?.end).toBe(13);
  });
});
