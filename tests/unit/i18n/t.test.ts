/** Messages, plurals, dates and numbers in the reader's language. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDate, formatNumber, substitute, t, tn, tParts } from '../../../i18n';

function speak(lang: string) {
  const messages = JSON.parse(readFileSync(join(__dirname, '../../../public/_locales', lang, 'messages.json'), 'utf8')) as Record<string, { message: string }>;
  vi.stubGlobal('browser', {
    i18n: {
      getMessage: (key: string, subs: string[] = []) => (messages[key] ? substitute(messages[key].message, subs) : ''),
      getUILanguage: () => lang,
    },
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('t', () => {
  it('reads the reader’s language through browser.i18n', () => {
    speak('de');
    expect(t('pageOnThisPage')).toBe('Auf dieser Seite');
    expect(t('pauseOnSite', 'example.org')).toBe('Auf example.org pausieren');
  });

  it('falls back to English outside the extension', () => {
    vi.stubGlobal('browser', undefined);
    vi.stubGlobal('chrome', undefined);
    expect(t('pauseOnSite', 'example.org')).toBe('Pause on example.org');
  });

  it('keeps the translator’s word order around elements', () => {
    speak('fr');
    expect(tParts('noteAbout', { el: 'strong' })).toEqual(['À propos de ', { el: 'strong' }]);
  });
});

describe('tn', () => {
  it('picks the plural form by the language’s rules: French and Portuguese 0 is singular, English 0 is plural', () => {
    speak('en');
    expect(tn('entityCount', 0)).toBe('0 entities');
    expect(tn('entityCount', 1)).toBe('1 entity');
    speak('fr');
    expect(tn('entityCount', 0)).toBe('0 entité');
    expect(tn('entityCount', 1_000_000)).toBe('1\u202f000\u202f000 d’entités');
    speak('pt');
    expect(tn('claimCount', 0)).toBe('0 alegação');
    expect(tn('claimCount', 2)).toBe('2 alegações');
    speak('de');
    expect(tn('claimCount', 1234)).toBe('1.234 Behauptungen');
  });
});

describe('formatDate', () => {
  it('writes pack dates in the reader’s language at the precision given', () => {
    speak('en');
    expect(formatDate('2024-09-05')).toBe('Sep 5, 2024');
    expect(formatDate('2024-09')).toBe('September 2024');
    expect(formatDate('2024')).toBe('2024');
    speak('de');
    expect(formatDate('2024-09-05')).toBe('5. Sept. 2024');
    expect(formatDate('2024-03')).toBe('März 2024');
    speak('es');
    expect(formatDate('2024-09-05')).toBe('5 sept 2024');
  });

  it('keeps the written calendar date whatever the time zone', () => {
    speak('en');
    expect(formatDate('2024-01-01')).toBe('Jan 1, 2024');
    expect(formatDate('2024-12-31T23:00:00Z')).toBe('Dec 31, 2024');
  });

  it('leaves text that is not a date as it is', () => {
    expect(formatDate('last spring')).toBe('last spring');
    expect(formatDate(undefined)).toBe('');
  });
});

describe('formatNumber', () => {
  it('groups digits the reader’s way', () => {
    speak('de');
    expect(formatNumber(12345)).toBe('12.345');
    speak('en');
    expect(formatNumber(0.87, { style: 'percent' })).toBe('87%');
  });
});
