/**
 * Text analysis for the claim matcher: sentence splitting, folding,
 * tokenisation, stop words, stemming and tweet clean-up. Pure TypeScript, no
 * browser API, so the same code runs in the extension, the CLI and Vitest.
 */
import { stemmer } from 'stemmer';
import { analyserFor, type Analyser, type ClaimLanguage } from './languages.ts';

// ---------------------------------------------------------------------------
// Sentence splitting
// ---------------------------------------------------------------------------

export interface SentenceSpan {
  start: number;
  end: number;
  text: string;
}

/** Abbreviations after which a period (almost) never ends a sentence. */
const TITLE_ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'sr', 'jr', 'st', 'gen', 'gov', 'sen', 'rep', 'reps', 'rev',
  'lt', 'col', 'sgt', 'capt', 'cpt', 'cmdr', 'adm', 'maj', 'pres', 'supt', 'det', 'insp', 'hon',
  'fr', 'msgr', 'atty', 'amb', 'cong', 'mt', 'ft', 'vs', 'v', 'messrs', 'mme', 'mlle', 'e.g', 'i.e',
  'cf', 'approx', 'dept', 'univ', 'assn', 'bros', 'corp', 'inc', 'ltd', 'co', 'no', 'nos', 'vol',
  'fig', 'p', 'pp', 'ed', 'eds', 'est', 'ca',
]);
/** Abbreviations that end a sentence only when the next word starts like a sentence. */
const SOFT_ABBREVIATIONS = new Set([
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'etc',
  'ave', 'blvd', 'rd', 'ariz', 'calif', 'colo', 'conn', 'fla', 'ga', 'ill', 'ind', 'kan', 'ky',
  'la', 'mass', 'md', 'mich', 'minn', 'miss', 'mo', 'mont', 'neb', 'nev', 'okla', 'ore', 'pa',
  'tenn', 'tex', 'va', 'vt', 'wash', 'wis', 'wyo', 'a.m', 'p.m',
]);
/** Words that, capitalised after "U.S." or "Dec.", usually do start a new sentence. */
const SENTENCE_STARTERS = new Set([
  'the', 'a', 'an', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'this', 'that', 'these', 'those',
  'there', 'but', 'and', 'or', 'so', 'yet', 'in', 'on', 'at', 'for', 'as', 'if', 'when', 'while',
  'after', 'before', 'since', 'although', 'though', 'however', 'meanwhile', 'his', 'her', 'their',
  'its', 'our', 'my', 'what', 'who', 'why', 'how', 'where', 'which', 'no', 'not', 'some', 'many',
  'most', 'all', 'one', 'both', 'each', 'also', 'still', 'then', 'now', 'here', 'instead', 'even',
  'by', 'from', 'with', 'to', 'of', 'officials', 'critics', 'experts',
]);

const segmenterCache = new Map<string, Intl.Segmenter>();
function getSegmenter(locale: string): Intl.Segmenter {
  let s = segmenterCache.get(locale);
  if (!s) {
    s = new Intl.Segmenter(locale, { granularity: 'sentence' });
    segmenterCache.set(locale, s);
  }
  return s;
}

/** The last whitespace-delimited word of `s` (without trailing space), or ''. */
function lastWord(s: string): string {
  const m = /(\S+)\s*$/u.exec(s);
  return m?.[1] ?? '';
}

function firstWord(s: string): string {
  const m = /^\s*["'“‘(\[]*([^\s"'”’)\]]*)/u.exec(s);
  return m?.[1] ?? '';
}

/** Should the segment ending in `prev` be joined to the one starting `next`? */
function isFalseBreak(prev: string, next: string): boolean {
  const word = lastWord(prev);
  if (!word.endsWith('.')) return false;
  const nextWord = firstWord(next);
  if (nextWord === '') return false;
  const nextStartsLower = /^[\p{Ll}]/u.test(nextWord);
  const nextStartsDigit = /^\p{Nd}/u.test(nextWord);
  const nextIsStarter = SENTENCE_STARTERS.has(nextWord.toLowerCase().replace(/[^\p{L}]/gu, ''));
  // Strip opening punctuation before the word: "(Mr." or "“Dr.".
  const bare = word.replace(/^[^\p{L}\p{N}]+/u, '').slice(0, -1);
  const lower = bare.toLowerCase();
  if (nextStartsLower) return true; // "e.g. the", "approx. three"
  if (TITLE_ABBREVIATIONS.has(lower)) {
    // "No." and "Co." may end a sentence, but not before a digit or a name.
    return !nextIsStarter || nextStartsDigit;
  }
  if (SOFT_ABBREVIATIONS.has(lower)) return nextStartsDigit || !nextIsStarter;
  // Single initials: "John F. Kennedy", "J. K. Rowling".
  if (/^\p{Lu}$/u.test(bare)) return !nextIsStarter;
  // Dotted acronyms: "U.S. Army", "D.C. police" (but "in the U.S. The next...").
  if (/^(?:\p{L}\.)+\p{L}$/u.test(bare)) return !nextIsStarter;
  return false;
}

/**
 * Splits `text` into sentences with Intl.Segmenter, then repairs the breaks it
 * makes after abbreviations ("U.S.", "Mr.", "Dec. 5"). Offsets are UTF-16
 * indices into `text`; the spans are trimmed of surrounding white space and
 * empty sentences are dropped.
 */
export function splitSentences(text: string, locale = 'en'): SentenceSpan[] {
  const raw: { start: number; end: number }[] = [];
  for (const seg of getSegmenter(locale).segment(text)) {
    raw.push({ start: seg.index, end: seg.index + seg.segment.length });
  }
  // Hard line breaks (paragraphs, list items) always end a sentence.
  const pieces: { start: number; end: number }[] = [];
  for (const r of raw) {
    let s = r.start;
    const chunk = text.slice(r.start, r.end);
    const re = /\n\s*\n|\r\n\s*\r\n|\u2029/gu;
    let m: RegExpExecArray | null;
    while ((m = re.exec(chunk))) {
      const cut = r.start + m.index + m[0].length;
      pieces.push({ start: s, end: cut });
      s = cut;
    }
    if (s < r.end) pieces.push({ start: s, end: r.end });
  }
  const merged: { start: number; end: number }[] = [];
  for (const p of pieces) {
    const prev = merged[merged.length - 1];
    if (prev && !/\n\s*\n\s*$/u.test(text.slice(prev.start, prev.end)) &&
        isFalseBreak(text.slice(prev.start, prev.end), text.slice(p.start, p.end))) {
      prev.end = p.end;
    } else {
      merged.push({ ...p });
    }
  }
  const out: SentenceSpan[] = [];
  for (const m of merged) {
    let { start, end } = m;
    while (start < end && /\s/u.test(text[start]!)) start++;
    while (end > start && /\s/u.test(text[end - 1]!)) end--;
    if (end > start) out.push({ start, end, text: text.slice(start, end) });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Folding and tokenisation
// ---------------------------------------------------------------------------

/** NFKC, lower case, diacritics removed, typographic apostrophes made plain. */
export function fold(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[’‘ʼ`´]/gu, "'")
    .normalize('NFC');
}

export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below ' +
    'between both but by could did do does doing down during each few for from further had has have having ' +
    'he her here hers herself him himself his how i if in into is it its itself just let me more most my myself ' +
    'nor of off on once only or other ought our ours ourselves out over own same she should so some such than ' +
    'that the their theirs them themselves then there these they this those through to too under until up us ' +
    'very was we were what when where which while who whom why will with would you your yours yourself ' +
    'yourselves can also via may might must shall s t d ll m re ve o y amp rt eg ie etc'
  ).split(/\s+/u),
);

/** Words that negate the statement they are in. Kept out of the index, used as a feature. */
export const NEGATIONS: ReadonlySet<string> = new Set([
  'not', 'no', 'never', 'none', 'nobody', 'nothing', 'neither', 'nor', 'without', 'cannot', 'deny',
  'denies', 'denied', 'false', 'fake', 'hoax',
]);
/** Pure grammatical negation (used for the negation-agreement feature). */
const GRAMMATICAL_NEGATIONS = new Set(['not', 'no', 'never', 'neither', 'nor', 'cannot', 'nobody', 'nothing', 'none']);

const CONTRACTIONS: Record<string, string[]> = {
  "won't": ['will', 'not'], "can't": ['can', 'not'], "shan't": ['shall', 'not'], "ain't": ['is', 'not'],
  cannot: ['can', 'not'], "don't": ['do', 'not'], "doesn't": ['does', 'not'], "didn't": ['did', 'not'],
  "isn't": ['is', 'not'], "aren't": ['are', 'not'], "wasn't": ['was', 'not'], "weren't": ['were', 'not'],
  "hasn't": ['has', 'not'], "haven't": ['have', 'not'], "hadn't": ['had', 'not'], "wouldn't": ['would', 'not'],
  "couldn't": ['could', 'not'], "shouldn't": ['should', 'not'], "mustn't": ['must', 'not'], "needn't": ['need', 'not'],
  dont: ['do', 'not'], doesnt: ['does', 'not'], didnt: ['did', 'not'], isnt: ['is', 'not'], wasnt: ['was', 'not'],
  cant: ['can', 'not'], wont: ['will', 'not'],
};

const NUMBER_WORDS: Record<string, string> = {
  two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10',
  eleven: '11', twelve: '12', thirteen: '13', fourteen: '14', fifteen: '15', sixteen: '16',
  seventeen: '17', eighteen: '18', nineteen: '19', twenty: '20', thirty: '30', forty: '40', fifty: '50',
  sixty: '60', seventy: '70', eighty: '80', ninety: '90', hundred: '100', thousand: '1000',
  dozen: '12', twice: '2', first: '1st', second: '2nd', third: '3rd',
};

/** Canonical forms for a few spellings that stemming cannot join. */
const SYNONYMS: Record<string, string> = {
  'u.s': 'usa', 'u.s.a': 'usa', usa: 'usa', america: 'usa', american: 'usa', americans: 'usa',
  'u.k': 'uk', britain: 'uk', british: 'uk', 'd.c': 'dc', '%': 'percent', pct: 'percent',
  'per cent': 'percent', potus: 'president', 'n.y': 'ny', 'l.a': 'la', 'e.u': 'eu',
  covid: 'coronavirus', 'covid-19': 'coronavirus', covid19: 'coronavirus', 'sars-cov-2': 'coronavirus',
  obamacare: 'obamacare', tv: 'television', pic: 'photo', pics: 'photo', photograph: 'photo',
  photographs: 'photo', picture: 'photo', pictures: 'photo', image: 'photo', images: 'photo',
  video: 'video', videos: 'video', footage: 'video', clip: 'video', dems: 'democrat', gop: 'republican',
};

export interface Token {
  /** The analysed term (folded, stemmed, canonicalised). */
  term: string;
  /** UTF-16 offsets of the surface form in the analysed string. */
  start: number;
  end: number;
  /** Written with an initial capital (not at the start of a sentence) or in capitals. */
  cap: boolean;
  /** A stop word (not indexed). */
  stop: boolean;
  /** A negation word ("not", "never", "n't"). */
  neg: boolean;
  /** A number. */
  num: boolean;
}

// Words: letters/digits joined by inner apostrophes, periods (U.S., 3.5), commas in numbers (1,000), hyphens.
const TOKEN_RE = /\p{L}(?:\.\p{L})+\.?(?![\p{L}\p{N}])|\p{N}+(?:[.,]\p{N}+)*[\p{L}\p{N}]*|[\p{L}\p{N}]+(?:['’][\p{L}]+|-[\p{L}\p{N}]+)*|[%$€£]/gu;

const stemCache = new Map<string, string>();
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = /\d/u.test(word) ? word : stemmer(word);
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

/** Normalises a number token: "1,000" → "1000", "3.50" → "3.5". */
function normaliseNumber(w: string): string {
  let n = w.replace(/,/gu, '');
  if (/^\d+\.\d+$/u.test(n)) n = n.replace(/0+$/u, '').replace(/\.$/u, '');
  return n;
}

/**
 * Tokenises `text` into analysed terms with offsets. Possessives are dropped
 * ("Trump's" → trump), contractions expanded ("didn't" → did + not), numbers
 * kept as tokens (number words mapped to digits), stop words flagged.
 */
export function tokenize(text: string, lang: ClaimLanguage = 'en'): Token[] {
  if (lang !== 'en') return tokenizeWith(text, analyserFor(lang));
  const out: Token[] = [];
  let sentenceStart = true;
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  let lastEnd = 0;
  while ((m = TOKEN_RE.exec(text))) {
    const surface = m[0];
    const start = m.index;
    const end = start + surface.length;
    const between = text.slice(lastEnd, start);
    if (out.length === 0 || /[.!?\n]/u.test(between)) sentenceStart = true;
    lastEnd = end;
    const first = surface.codePointAt(0)!;
    const firstChar = String.fromCodePoint(first);
    const isUpperInitial = /\p{Lu}/u.test(firstChar);
    const allCaps = surface.length > 1 && /^[\p{Lu}\p{N}.'’-]+$/u.test(surface) && /\p{Lu}/u.test(surface);
    const cap = (isUpperInitial && !sentenceStart) || allCaps;
    sentenceStart = false;
    if (surface === '$' || surface === '€' || surface === '£') {
      out.push({ term: 'dollar', start, end, cap: false, stop: false, neg: false, num: false });
      continue;
    }
    let w = fold(surface);
    if (w.endsWith('.')) w = w.slice(0, -1);
    // Capitalised "US" is the country, lower-case "us" the pronoun.
    if (surface === 'US') w = 'usa';
    // Possessives.
    w = w.replace(/'s$/u, '').replace(/s'$/u, 's');
    const contraction = CONTRACTIONS[w];
    if (contraction) {
      for (const part of contraction) {
        const neg = part === 'not';
        out.push({ term: neg ? 'not' : part, start, end, cap: false, stop: true, neg, num: false });
      }
      continue;
    }
    if (w.endsWith("n't")) {
      out.push({ term: w.slice(0, -3), start, end, cap: false, stop: true, neg: false, num: false });
      out.push({ term: 'not', start, end, cap: false, stop: true, neg: true, num: false });
      continue;
    }
    // Other clitics: "we're" → we, "it'll" → it.
    w = w.replace(/'(?:re|ll|ve|d|m)$/u, '');
    // Irish and French name prefixes: O'Rourke and "O Rourke" both give rourke; D'Angelo, angelo.
    w = w.replace(/^[od]'(?=\p{L}{3})/u, '');
    w = w.replace(/'/gu, '');
    const syn = SYNONYMS[w];
    if (syn) w = syn;
    else if (/^(?:\p{L}\.)+\p{L}$/u.test(w)) w = w.replace(/\./gu, ''); // f.b.i → fbi
    const numWord = NUMBER_WORDS[w];
    if (numWord) w = numWord;
    const isNum = /^\d/u.test(w);
    if (isNum) {
      w = normaliseNumber(w);
      out.push({ term: w, start, end, cap: false, stop: false, neg: false, num: true });
      continue;
    }
    if (w.includes('-')) {
      // Hyphenated words are indexed by their parts: "out-of-state" → out, state.
      let off = start;
      for (const part of w.split('-')) {
        if (!part) continue;
        const pStart = off;
        off += part.length + 1;
        const stop = STOP_WORDS.has(part);
        const num = /^\d/u.test(part);
        out.push({
          term: num ? normaliseNumber(part) : stop ? part : stem(SYNONYMS[part] ?? part),
          start: pStart, end: Math.min(end, pStart + part.length), cap, stop, neg: GRAMMATICAL_NEGATIONS.has(part), num,
        });
      }
      continue;
    }
    const neg = GRAMMATICAL_NEGATIONS.has(w);
    const stop = STOP_WORDS.has(w) || neg;
    out.push({ term: stop ? w : stem(w), start, end, cap: cap && !stop, stop, neg, num: false });
  }
  return out;
}

/** Stems cached per language: a page repeats its words. */
const langStemCache = new Map<string, string>();
function stemIn(a: Analyser, lower: string): string {
  const key = `${a.lang}:${lower}`;
  let s = langStemCache.get(key);
  if (s === undefined) {
    s = fold(a.stem(lower));
    if (langStemCache.size > 200_000) langStemCache.clear();
    langStemCache.set(key, s);
  }
  return s;
}

/**
 * Tokenises text in a language other than English: the same word pattern,
 * capital and number handling as English, French elisions dropped ("l'homme"
 * → homme, "qu'il" → il), hyphenated words split, the language's stop words
 * and negations flagged, and the rest stemmed by its Snowball stemmer (which
 * wants the diacritics, so folding comes after stemming).
 */
function tokenizeWith(text: string, a: Analyser): Token[] {
  const out: Token[] = [];
  let sentenceStart = true;
  let lastEnd = 0;
  for (const m of text.matchAll(TOKEN_RE)) {
    const surface = m[0];
    const start = m.index;
    const end = start + surface.length;
    if (out.length === 0 || /[.!?\n]/u.test(text.slice(lastEnd, start))) sentenceStart = true;
    lastEnd = end;
    const isUpperInitial = /^\p{Lu}/u.test(surface);
    const allCaps = surface.length > 1 && /^[\p{Lu}\p{N}.'’-]+$/u.test(surface) && /\p{Lu}/u.test(surface);
    const cap = (isUpperInitial && !sentenceStart) || allCaps;
    sentenceStart = false;
    if (surface === '$' || surface === '€' || surface === '£' || surface === '%') {
      out.push({ term: surface === '%' ? 'percent' : 'currency', start, end, cap: false, stop: false, neg: false, num: false });
      continue;
    }
    let lower = surface.normalize('NFKC').toLowerCase().replace(/[’‘ʼ`´]/gu, "'");
    if (lower.endsWith('.')) lower = lower.slice(0, -1);
    if (/^\d/u.test(lower)) {
      out.push({ term: normaliseNumber(lower), start, end, cap: false, stop: false, neg: false, num: true });
      continue;
    }
    // Elisions (French, and Italian-style in names): l', d', qu', n', s', c', j', m', t'.
    let off = start;
    const elided = /^(?:qu|[ldnscjmt])'(?=\p{L})/u.exec(lower);
    if (elided) {
      off += elided[0].length;
      lower = lower.slice(elided[0].length);
    }
    lower = lower.replace(/'/gu, '');
    for (const part of lower.split('-')) {
      if (!part) {
        off += 1;
        continue;
      }
      const pStart = off;
      off += part.length + 1;
      const folded = fold(part);
      const num = /^\d/u.test(part);
      const neg = a.negations.has(folded);
      const stop = !num && a.stop.has(folded);
      out.push({
        term: num ? normaliseNumber(part) : stop ? folded : stemIn(a, part),
        start: pStart, end: Math.min(end, pStart + part.length), cap: cap && !stop, stop, neg, num,
      });
    }
  }
  return out;
}

/** The indexable terms of `text` (stop words removed). */
export function terms(text: string, lang: ClaimLanguage = 'en'): string[] {
  return tokenize(text, lang).filter((t) => !t.stop).map((t) => t.term);
}

// ---------------------------------------------------------------------------
// Tweets and other social-media text
// ---------------------------------------------------------------------------

/** Splits "DefundTheCBC" → "Defund The CBC", "ImpeachTrump2020" → "Impeach Trump 2020". */
export function splitCamelCase(s: string): string {
  return s
    .replace(/_/gu, ' ')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .replace(/(\p{N})(\p{L})/gu, '$1 $2');
}

/**
 * Cleans a tweet for matching: URLs and pic.twitter.com links removed,
 * @handles and #hashtags split into words, emoji removed, the trailing
 * "— Name (@handle) Month D, YYYY" signature reduced to "Name Month YYYY"
 * (the author and the month often appear in the fact-checked claim).
 */
export function cleanSocialText(s: string): string {
  let t = s;
  // The embed signature: "— Name (@handle) January 6, 2020" → "— Name January 2020".
  t = t.replace(/[—–-]\s*([^—–()]{0,80})\(@(\w+)\)\s*(?:(\p{L}+)\s+\d{1,2},\s+(\d{4}))?\s*$/u, ' — $1 $3 $4 ');
  t = t.replace(/pic\.twitter\.com\/\S*/giu, ' ');
  t = t.replace(/(?:https?:\/\/|www\.)\S*/giu, ' ');
  t = t.replace(/\b\S+\.(?:com|org|net|co|ly|gov)\/\S*/giu, ' ');
  t = t.replace(/[#@]([\p{L}\p{N}_]+)/gu, (_m, tag: string) => ` ${splitCamelCase(tag)} `);
  t = t.replace(/[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{FE0F}\u{200D}\u{1F1E6}-\u{1F1FF}]/gu, ' ');
  t = t.replace(/\s+/gu, ' ').trim();
  return t;
}
