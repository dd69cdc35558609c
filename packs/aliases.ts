/**
 * Which names and aliases may be matched in page text. A pack is untrusted: an
 * alias such as "a", "the" or "." would mark every page thousands of times, so
 * a name must hold at least MIN_ALIAS_CHARS letters or digits (one letter at
 * least) and must not be a common function word of a language Gloss reads.
 * A pack may keep such an alias by giving a reason (`{ "alias": "May",
 * "reason": "…" }`, see docs/pack-format.md); an alias in capitals ("WHO",
 * "IT") matches case-sensitively, so it is not taken for the word.
 *
 * Stop words: the `stopword` package's lists (MIT, 62 languages, maintained);
 * Gloss uses those of the languages its matcher and UI target, plus a few very
 * common English words those lists leave out.
 */
import { deu, eng, fra, ita, nld, por, spa } from 'stopword';

export const MIN_ALIAS_CHARS = 2;

/** Frequent words the lists above leave out but that flood English news pages. */
const EXTRA = ['the', 'a', 'an', 'may', 'will', 'new', 'one', 'two', 'us', 'said', 'says', 'also', 'just', 'last', 'first', 'year', 'people', 'time', 'day', 'today', 'news', 'read', 'more', 'share'];

export const STOP_WORDS: Readonly<Record<string, ReadonlySet<string>>> = {
  en: new Set([...eng, ...EXTRA]),
  de: new Set(deu),
  fr: new Set(fra),
  es: new Set(spa),
  pt: new Set(por),
  it: new Set(ita),
  nl: new Set(nld),
};

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/gu;
const LETTER = /\p{L}/u;
const EDGE_PUNCTUATION = /^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu;

/** True for an alias written entirely in capitals (it matches case-sensitively). */
function allCaps(alias: string): boolean {
  return alias === alias.toLocaleUpperCase() && alias !== alias.toLocaleLowerCase();
}

/** The languages in whose stop-word list a word is, e.g. ['en', 'nl'] for "is". */
export function stopWordLanguages(alias: string): string[] {
  const word = alias.normalize('NFKC').replace(EDGE_PUNCTUATION, '').toLocaleLowerCase();
  return Object.entries(STOP_WORDS)
    .filter(([, words]) => words.has(word))
    .map(([lang]) => lang);
}

/**
 * Why this name or alias would flood pages, or undefined when it may be matched.
 * `reason` is the pack's justification for keeping a common word; it does not
 * lift the length and letter rules.
 */
export function aliasProblem(alias: string, reason?: string): string | undefined {
  const meaningful = alias.match(LETTER_OR_DIGIT)?.length ?? 0;
  if (meaningful < MIN_ALIAS_CHARS) return `'${alias}' is too short to match: a name needs at least ${MIN_ALIAS_CHARS} letters or digits`;
  if (!LETTER.test(alias)) return `'${alias}' has no letters: numbers alone would mark every page that mentions them`;
  if (reason || allCaps(alias)) return undefined;
  const langs = stopWordLanguages(alias);
  if (langs.length) {
    return `'${alias}' is a common word (${langs.join(', ')}) and would mark most pages; leave it out, or write it as { "alias": "${alias}", "reason": "why readers need it" }`;
  }
  return undefined;
}
