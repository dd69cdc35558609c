/**
 * The languages the claim matcher analyses, and what it needs for each: a
 * Snowball stemmer and a stop-word list (@orama/stemmers and @orama/stopwords,
 * one small module per language), and the words that negate a statement.
 * English keeps its own richer path in text.ts (Porter stemmer, contractions,
 * number words, synonyms), which the CheckThat! figures were measured with.
 */
import { stemmer as stemDe } from '@orama/stemmers/german';
import { stemmer as stemEs } from '@orama/stemmers/spanish';
import { stemmer as stemFr } from '@orama/stemmers/french';
import { stemmer as stemPt } from '@orama/stemmers/portuguese';
import { stopwords as stopDe } from '@orama/stopwords/german';
import { stopwords as stopEs } from '@orama/stopwords/spanish';
import { stopwords as stopFr } from '@orama/stopwords/french';
import { stopwords as stopPt } from '@orama/stopwords/portuguese';

export const CLAIM_LANGUAGES = ['en', 'pt', 'es', 'fr', 'de'] as const;
export type ClaimLanguage = (typeof CLAIM_LANGUAGES)[number];

/** 'pt-BR', 'PT', 'pt_br' → 'pt'; a language the matcher has no analyser for → undefined. */
export function claimLanguage(tag: string | undefined | null): ClaimLanguage | undefined {
  if (!tag) return undefined;
  const base = tag.trim().toLowerCase().split(/[-_]/u)[0]!;
  return (CLAIM_LANGUAGES as readonly string[]).includes(base) ? (base as ClaimLanguage) : undefined;
}

/** Lower case and diacritics removed, as text.ts `fold` does (stop words are compared folded). */
const plain = (w: string): string => w.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC').toLowerCase();

export interface Analyser {
  lang: Exclude<ClaimLanguage, 'en'>;
  /** Folded stop words (no diacritics). */
  stop: ReadonlySet<string>;
  /** Folded words that negate a statement ("não", "nicht", "jamais"). */
  negations: ReadonlySet<string>;
  /** Stems a lower-case word written with its diacritics (Snowball wants them). */
  stem(word: string): string;
}

function analyser(lang: Analyser['lang'], stop: string[], negations: string[], stem: (w: string) => string): Analyser {
  const neg = new Set(negations.map(plain));
  return { lang, stop: new Set([...stop.map(plain), ...neg]), negations: neg, stem };
}

const ANALYSERS: Record<Analyser['lang'], Analyser> = {
  pt: analyser('pt', stopPt, ['não', 'nao', 'nunca', 'jamais', 'nem', 'nenhum', 'nenhuma', 'ninguém', 'nada'], stemPt),
  es: analyser('es', stopEs, ['no', 'nunca', 'jamás', 'ni', 'ningún', 'ninguno', 'ninguna', 'nadie', 'nada', 'tampoco'], stemEs),
  fr: analyser('fr', stopFr, ['ne', 'pas', 'jamais', 'aucun', 'aucune', 'personne', 'rien', 'ni', 'non'], stemFr),
  de: analyser('de', stopDe, ['nicht', 'kein', 'keine', 'keinen', 'keinem', 'keiner', 'keines', 'nie', 'niemals', 'niemand', 'nichts', 'weder'], stemDe),
};

/** The analyser of a non-English language (English is text.ts's own path). */
export function analyserFor(lang: Exclude<ClaimLanguage, 'en'>): Analyser {
  return ANALYSERS[lang];
}
