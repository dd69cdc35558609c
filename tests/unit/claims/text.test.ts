import { describe, expect, it } from 'vitest';
import { cleanSocialText, fold, splitCamelCase, splitSentences, stem, terms, tokenize } from '../../../claims/text.ts';

const texts = (s: string): string[] => splitSentences(s).map((x) => x.text);

describe('splitSentences', () => {
  it('does not split after title abbreviations', () => {
    expect(texts('Mr. Smith met Dr. Jones and Sen. Warren. They talked.')).toEqual([
      'Mr. Smith met Dr. Jones and Sen. Warren.',
      'They talked.',
    ]);
  });

  it('keeps "U.S." and other dotted acronyms inside a sentence', () => {
    expect(texts('The U.S. Army said so. The U.K. Government agreed.')).toEqual([
      'The U.S. Army said so.',
      'The U.K. Government agreed.',
    ]);
  });

  it('splits after an acronym that ends the sentence', () => {
    expect(texts('He moved to the U.S. The next day he left.')).toEqual(['He moved to the U.S.', 'The next day he left.']);
  });

  it('does not split dates and numbers after month abbreviations', () => {
    expect(texts('It happened on Dec. 5, 2019 in Washington. No. 10 was next.')).toEqual([
      'It happened on Dec. 5, 2019 in Washington.',
      'No. 10 was next.',
    ]);
  });

  it('keeps initials with their names', () => {
    expect(texts('John F. Kennedy was shot in Dallas. J. K. Rowling wrote it.')).toEqual([
      'John F. Kennedy was shot in Dallas.',
      'J. K. Rowling wrote it.',
    ]);
  });

  it('handles quotations and mixed punctuation', () => {
    expect(texts('He said "It is over." Then he left. Really?! Yes.')).toEqual([
      'He said "It is over."',
      'Then he left.',
      'Really?!',
      'Yes.',
    ]);
    expect(texts('“We will win,” she said. “Trust me.”')).toEqual(['“We will win,” she said.', '“Trust me.”']);
  });

  it('gives UTF-16 offsets into the original text, trimmed', () => {
    const text = '  First one here.   Second 😀 one. ';
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(texts(text)).toEqual(['First one here.', 'Second 😀 one.']);
  });

  it('treats blank lines as sentence breaks', () => {
    expect(texts('A headline without a period\n\nThe body starts here.')).toEqual([
      'A headline without a period',
      'The body starts here.',
    ]);
  });
});

describe('fold and tokenize', () => {
  it('folds case, diacritics and compatibility forms', () => {
    expect(fold('Café RÉSUMÉ ﬁnal Ｔｅｓｔ')).toBe('cafe resume final test');
    expect(fold('Obama’s')).toBe("obama's");
  });

  it('drops possessives and expands negative contractions', () => {
    const toks = tokenize("Trump's aide didn't say it");
    expect(toks.map((t) => t.term)).toEqual(['trump', 'aid', 'did', 'not', 'sai', 'it']);
    expect(toks.find((t) => t.term === 'not')?.neg).toBe(true);
  });

  it('keeps numbers as tokens, normalised', () => {
    expect(terms('1,000 troops and 3.50 percent, two women, 70%')).toEqual([
      '1000', 'troop', '3.5', 'percent', '2', 'women', '70', 'percent',
    ]);
  });

  it('maps U.S./US to one term and keeps the pronoun "us" a stop word', () => {
    expect(terms('The U.S. and the US told us')).toEqual(['usa', 'usa', 'told']);
  });

  it('removes stop words and stems', () => {
    expect(terms('The photographs were showing the burning forests')).toEqual(['photo', 'show', 'burn', 'forest']);
  });

  it('marks capitalised words that are not sentence-initial', () => {
    const toks = tokenize('Yesterday Nancy Pelosi spoke to reporters.');
    expect(toks.filter((t) => t.cap).map((t) => t.term)).toEqual(['nanci', 'pelosi']);
  });

  it('splits hyphenated words into parts', () => {
    expect(terms('out-of-state protesters')).toEqual(['state', 'protest']);
  });
});

describe('stem', () => {
  it('is the Porter stemmer and leaves numbers alone', () => {
    expect(stem('running')).toBe('run');
    expect(stem('caresses')).toBe('caress');
    expect(stem('generalization')).toBe('gener');
    expect(stem('2019')).toBe('2019');
  });
});

describe('cleanSocialText', () => {
  it('removes URLs, pic.twitter.com and emoji, splits hashtags and handles', () => {
    const t = cleanSocialText(
      'CBC deletes Trump 😀 from Home Alone 2 #DefundTheCBChttps://t.co/CsHG8R9cHp pic.twitter.com/abc @RealDonaldTrump',
    );
    expect(t).toBe('CBC deletes Trump from Home Alone 2 Defund The CBC Real Donald Trump');
  });

  it('reduces the embed signature to the author name, month and year', () => {
    expect(cleanSocialText('Iran could threaten hotels. — Ilhan Omar (@IlhanMN) January 6, 2020')).toBe(
      'Iran could threaten hotels. — Ilhan Omar January 2020',
    );
  });

  it('splits camelCase', () => {
    expect(splitCamelCase('ImpeachTrump2020')).toBe('Impeach Trump 2020');
    expect(splitCamelCase('NASAScience')).toBe('NASA Science');
  });
});
