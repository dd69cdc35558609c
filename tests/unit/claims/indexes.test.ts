import { describe, expect, it } from 'vitest';
import { ClaimIndexes } from '../../../claims/indexes.ts';

// Real claims: CheckThat! 2020 (Snopes, tests/fixtures/claims) and FACTCK.BR (Aos Fatos, tests/fixtures/claimreview).
const docs = [
  { id: 'en-1', text: '122 detainees released from confinement at Guantanamo Bay under President Obama have re-engaged in terrorist activities.' },
  { id: 'pt-1', text: 'Dilma gastou do nosso dinheiro R$ 73 milhões num salão de beleza.', lang: 'pt-BR' },
  { id: 'it-1', text: 'Obama ha detto che Guantanamo sarà chiuso.', lang: 'it' },
];

describe('one claim index per language', () => {
  const indexes = ClaimIndexes.build(docs);

  it('groups claims by language; a language without an analyser goes to English', () => {
    expect(indexes.languages).toEqual(['en', 'pt']);
    expect(indexes.get('en')!.size).toBe(2);
    expect(indexes.get('pt')!.size).toBe(1);
    expect(indexes.size).toBe(3);
  });

  it('matches a page only against the claims in its language', () => {
    const page = 'Segundo a postagem, Dilma gastou 73 milhões de reais do dinheiro público num salão de beleza.';
    expect(indexes.matchSentences(page, 'pt')[0]?.candidates[0]?.id).toBe('pt-1');
    expect(indexes.matchSentences(page, 'en')).toEqual([]);
    expect(indexes.matchSentences(page, 'fr')).toEqual([]);
  });

  it('serializes to one byte array and loads with the same answers', () => {
    const loaded = ClaimIndexes.load(indexes.serialize());
    expect(loaded.languages).toEqual(indexes.languages);
    const page = 'Segundo a postagem, Dilma gastou 73 milhões de reais do dinheiro público num salão de beleza.';
    expect(loaded.matchSentences(page, 'pt')).toEqual(indexes.matchSentences(page, 'pt'));
    expect(loaded.get('en')!.rank('Guantanamo detainees re-engaged in terrorism', 2)).toEqual(indexes.get('en')!.rank('Guantanamo detainees re-engaged in terrorism', 2));
  });

  it('rejects bytes that are not a set of claim indexes', () => {
    expect(() => ClaimIndexes.load(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow();
  });
});
