/**
 * The per-language analysers on real sentences:
 * - pt: FACTCK.BR ClaimReview records (tests/fixtures/claimreview, MIT, jghm-f);
 * - fr: Le Monde, de: heise online — the saved pages of mozilla/readability's test
 *   suite (shared corpus articles/readability, Apache-2.0; text © the publishers);
 * - es: the first sentence of Don Quijote (Cervantes, 1605; public domain);
 * - en: a CheckThat! 2020 Snopes claim (tests/fixtures/claims).
 */
import { describe, expect, it } from 'vitest';
import { ClaimIndex } from '../../../claims/index.ts';
import { claimLanguage } from '../../../claims/languages.ts';
import { pageLanguage } from '../../../claims/page-language.ts';
import { terms, tokenize } from '../../../claims/text.ts';

const PT = 'Publicações que circulam nas redes sociais enganam ao afirmar que o governo encerrou a distribuição de insulina no SUS.';
const PT_CLAIM = 'Dilma gastou do nosso dinheiro R$ 73 milhões num salão de beleza.';
const PT_HEADLINE = 'É falso que Dilma gastou R$ 73 milhões em salão de beleza';
const FR = "Le projet de loi énonce les domaines que peuvent invoquer les services pour justifier leur surveillance.";
const FR2 = "Pouria Amirshahi, député socialiste des Français de l'étranger qui a également voté contre, a annoncé qu'il transmettrait un « mémorandum argumenté » au Conseil constitutionnel.";
const DE = 'Der Apple-Chef hatte sich gegen die Gesetzgebung eines US-Bundesstaates ausgesprochen, der die Diskriminierung von Schwulen und Lesben unter bestimmten Umständen erlauben soll.';
const ES = 'En un lugar de la Mancha, de cuyo nombre no quiero acordarme, no ha mucho tiempo que vivía un hidalgo de los de lanza en astillero, adarga antigua, rocín flaco y galgo corredor.';
const EN = '122 detainees released from confinement at Guantanamo Bay under President Obama have re-engaged in terrorist activities.';

describe('language tags', () => {
  it('maps tags to the languages with an analyser, and nothing else', () => {
    expect(claimLanguage('pt-BR')).toBe('pt');
    expect(claimLanguage('FR')).toBe('fr');
    expect(claimLanguage('de_AT')).toBe('de');
    expect(claimLanguage('it')).toBeUndefined();
    expect(claimLanguage('')).toBeUndefined();
  });
});

describe('Portuguese analyser', () => {
  it('drops stop words, folds accents after stemming, and joins inflections', () => {
    expect(terms(PT, 'pt')).toEqual(['public', 'circul', 'red', 'soc', 'engan', 'afirm', 'govern', 'encerr', 'distribuica', 'insulin', 'sus']);
    // "circulam"/"circulou", "redes"/"rede", "gastou"/"gastar": one term each.
    expect(terms('circulou rede gastar', 'pt')).toEqual(['circul', 'red', 'gast']);
  });

  it('flags "não" and "nunca" as negations', () => {
    const neg = tokenize('O governo não suspendeu e nunca suspenderá a distribuição', 'pt').filter((t) => t.neg).map((t) => t.term);
    expect(neg).toEqual(['nao', 'nunca']);
  });

  it('finds a Portuguese claim from a headline that rewords it, where the English analyser does worse', () => {
    const docs = [
      { id: 'dilma', text: PT_CLAIM },
      { id: 'insulina', text: 'Espaço dedicado para os eleitores do Bolsonaro explicarem a retirada da INSULINA do SUS.' },
      { id: 'salao', text: 'O salão do automóvel de São Paulo terá milhões de visitantes em 2019.' },
    ];
    const pt = ClaimIndex.build(docs, { lang: 'pt' });
    expect(pt.lang).toBe('pt');
    expect(pt.rank(PT_HEADLINE, 1)[0]!.id).toBe('dilma');
    // "gastou"/"gastar", "milhões"/"milhão": the English analyser sees different words.
    const q = 'Dilma gastar 73 milhão salões beleza';
    expect(pt.rank(q, 1)[0]!.id).toBe('dilma');
    const en = ClaimIndex.build(docs);
    expect(en.rank(q, 1)[0]!.score).toBeLessThan(pt.rank(q, 1)[0]!.score);
  });

  it('survives serialization with its language', () => {
    const pt = ClaimIndex.build([{ id: 'dilma', text: PT_CLAIM }], { lang: 'pt' });
    const loaded = ClaimIndex.load(pt.serialize());
    expect(loaded.lang).toBe('pt');
    expect(loaded.rank(PT_HEADLINE, 1)).toEqual(pt.rank(PT_HEADLINE, 1));
  });
});

describe('French analyser', () => {
  it('drops elisions and stop words, and stems', () => {
    expect(terms(FR, 'fr')).toEqual(['projet', 'loi', 'enonc', 'domain', 'peuvent', 'invoqu', 'servic', 'justifi', 'surveil']);
    expect(terms("l'étranger qu'il", 'fr')).toEqual(['etrang']);
    expect(terms(FR2, 'fr')).toContain('constitutionnel');
    expect(terms('a voté contre', 'fr')).toEqual(terms('ont voté contre', 'fr'));
  });
  it('flags "ne … pas" and "jamais"', () => {
    expect(tokenize("Il n'a jamais voté, il ne vote pas", 'fr').filter((t) => t.neg).map((t) => t.term)).toEqual(['jamais', 'ne', 'pas']);
  });
});

describe('German analyser', () => {
  it('splits hyphenated words, drops stop words, stems and folds umlauts', () => {
    expect(terms(DE, 'de')).toEqual([
      'appl', 'chef', 'gesetzgeb', 'us', 'bundesstaat', 'ausgesproch', 'diskriminier', 'schwul', 'lesb', 'bestimmt', 'umstand', 'erlaub',
    ]);
    expect(terms('Umständen Umstände', 'de')).toEqual(['umstand', 'umstand']);
  });
  it('flags "nicht" and "kein"', () => {
    expect(tokenize('Er hat das nicht gesagt und keine Ahnung', 'de').filter((t) => t.neg).map((t) => t.term)).toEqual(['nicht', 'keine']);
  });
});

describe('Spanish analyser', () => {
  it('drops stop words (a broad list: "lugar" and "tiempo" are in it) and stems', () => {
    expect(terms(ES, 'es')).toEqual([
      'manch', 'cuy', 'nombr', 'quier', 'acord', 'viv', 'hidalg', 'lanz', 'astiller', 'adarg', 'antigu', 'rocin', 'flac', 'galg', 'corredor',
    ]);
  });
  it('flags "no" and "nunca"', () => {
    expect(tokenize('No quiero y nunca quise', 'es').filter((t) => t.neg).map((t) => t.term)).toEqual(['no', 'nunca']);
  });
});

describe('English analyser (unchanged: Porter stemmer, contractions, number words)', () => {
  it('stems and drops stop words', () => {
    expect(terms(EN)).toEqual(['122', 'detaine', 'releas', 'confin', 'guantanamo', 'bai', 'presid', 'obama', 'engag', 'terrorist', 'activ']);
  });
});

describe('page language', () => {
  it('takes the declared language when Gloss analyses it', () => {
    expect(pageLanguage(EN, 'pt-BR')).toBe('pt');
    expect(pageLanguage(PT, 'en-GB')).toBe('en');
  });
  it('detects the language of real sentences otherwise (or when the tag names a language without an analyser)', () => {
    expect(pageLanguage(`${PT} ${PT_CLAIM}`)).toBe('pt');
    expect(pageLanguage(`${FR} ${FR2}`)).toBe('fr');
    expect(pageLanguage(DE, 'it')).toBe('de');
    expect(pageLanguage(ES)).toBe('es');
    expect(pageLanguage(EN)).toBe('en');
  });
  it('takes text too short to tell as English', () => {
    expect(pageLanguage('OK')).toBe('en');
  });
});
