/**
 * Per-code-unit tables shared by the normaliser and the scanners.
 *
 * Both tables are filled lazily (one regex / String.normalize call the first time
 * a code unit is seen) so that module load stays cheap in the extension's
 * background and the hot loops only do typed-array lookups.
 */

/** Punctuation, symbols, spaces: a word boundary on both sides. */
export const CLS_OTHER = 0;
/** Letters and digits of scripts that separate words with spaces. */
export const CLS_WORD = 1;
/** Combining marks: continue the preceding character, never a boundary before them. */
export const CLS_MARK = 2;
/**
 * Letters of scripts written without spaces between words (Han, kana, Hangul,
 * Thai, Lao, Khmer, Myanmar): every character is its own boundary, so "北京"
 * is found inside "北京市" (leftmost-longest still prefers a longer alias).
 */
export const CLS_SOLO = 3;

const UNKNOWN = 255;
const classTable = new Uint8Array(65536).fill(UNKNOWN);

const RE_MARK = /^\p{M}$/u;
const RE_SOLO =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]$/u;
const RE_WORD = /^[\p{L}\p{N}]$/u;

export function classifyCodePoint(cp: number): number {
  const s = String.fromCodePoint(cp);
  if (RE_MARK.test(s)) return CLS_MARK;
  if (RE_SOLO.test(s)) return CLS_SOLO;
  if (RE_WORD.test(s)) return CLS_WORD;
  return CLS_OTHER;
}

/** Class of a UTF-16 code unit; surrogates count as word characters (astral letters are far commoner in names than astral symbols). */
export function charClass(u: number): number {
  const c = classTable[u]!;
  if (c !== UNKNOWN) return c;
  const computed = u >= 0xd800 && u <= 0xdfff ? CLS_WORD : classifyCodePoint(u);
  classTable[u] = computed;
  return computed;
}

/** Direct access for hot loops: callers must check for 255 and fall back to charClass(). */
export const CLASS_TABLE: Uint8Array = classTable;
export const CLASS_UNKNOWN = UNKNOWN;

// --- folding -------------------------------------------------------------

/** fold() results that are not a single code unit. */
export const FOLD_UNKNOWN = -1;
export const FOLD_DROP = -2;
export const FOLD_SPACE = -3;
/** Values <= FOLD_MULTI_BASE encode an index into MULTI: index = FOLD_MULTI_BASE - value. */
export const FOLD_MULTI_BASE = -10;

const foldTable = new Int32Array(65536).fill(FOLD_UNKNOWN);
export const FOLD_TABLE: Int32Array = foldTable;
/** Expansions of characters that fold to more than one code unit ("ß" -> "ss", "ﬁ" -> "fi"). */
export const MULTI: string[] = [];
const multiIndex = new Map<string, number>();

/** Characters that vanish: soft hyphen, zero-width space/joiners, word joiner, BOM, variation selectors. */
const DROP = /^[\u00ad\u034f\u200b-\u200d\u2060\ufeff\ufe00-\ufe0f]$/u;
const SPACE = /^\s$/u;
const DASHES = /^[\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d]$/u;
const SINGLE_QUOTES = /^[\u2018\u2019\u201a\u201b\u2032\u00b4\u02bc\u02bb\u0060\uff07]$/u;
const DOUBLE_QUOTES = /^[\u201c-\u201f\u2033\u00ab\u00bb\uff02\u301d\u301e]$/u;

/** Letters with a stroke that NFD does not decompose, folded like diacritics. */
const STROKES: Record<string, string> = { ø: 'o', ł: 'l', đ: 'd', ħ: 'h', ı: 'i', ŧ: 't', ß: 'ss' };

/**
 * Canonical punctuation for a character, or null if it is not one we unify.
 * Applied before NFKC because NFKC turns "´" into " ́" (space + combining mark).
 */
export function punctuationOf(ch: string): string | null {
  if (DROP.test(ch)) return '';
  if (SPACE.test(ch)) return ' ';
  if (DASHES.test(ch)) return '-';
  if (SINGLE_QUOTES.test(ch)) return "'";
  if (DOUBLE_QUOTES.test(ch)) return '"';
  return null;
}

const COMBINING_DIACRITICS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;

/** Remove Latin/Greek/Cyrillic-style diacritics, keeping marks that are letters in their script (Devanagari vowel signs...). */
export function stripDiacritics(s: string): string {
  let out = s.normalize('NFD').replace(COMBINING_DIACRITICS, '').normalize('NFC');
  if (/[øłđħıŧß]/.test(out)) out = out.replace(/[øłđħıŧß]/g, (c) => STROKES[c]!);
  return out;
}

/** Lower-case, with final sigma folded to σ (toLowerCase keeps ς). "İ" lowers to "i" + a combining dot, which stripDiacritics removes. */
export function foldCase(s: string): string {
  return s.toLowerCase().replace(/ς/g, 'σ');
}

/** The key-side fold of one character (a code point as a string): punctuation unified, NFKC, case- and diacritic-folded. */
export function foldChar(ch: string): string {
  const p = punctuationOf(ch);
  if (p !== null) return p;
  let s = ch.normalize('NFKC');
  if (s !== ch && s.length > 0) {
    // NFKC can produce punctuation ("＂" -> '"') or spaces ("\u2000" is already caught above).
    let rebuilt = '';
    for (const c of s) rebuilt += punctuationOf(c) ?? c;
    s = rebuilt;
  }
  return stripDiacritics(foldCase(s));
}

/** Fold one BMP code unit, caching the result in FOLD_TABLE. */
export function foldUnit(u: number): number {
  const cached = foldTable[u]!;
  if (cached !== FOLD_UNKNOWN) return cached;
  const r = encodeFold(foldChar(String.fromCharCode(u)));
  foldTable[u] = r;
  return r;
}

const astralCache = new Map<number, number>();
/** Fold an astral code point (cached in a Map: rare in news text). */
export function foldCodePoint(cp: number): number {
  const cached = astralCache.get(cp);
  if (cached !== undefined) return cached;
  const r = encodeFold(foldChar(String.fromCodePoint(cp)));
  astralCache.set(cp, r);
  return r;
}

function encodeFold(s: string): number {
  if (s === '') return FOLD_DROP;
  if (s === ' ') return FOLD_SPACE;
  if (s.length === 1) return s.charCodeAt(0);
  let idx = multiIndex.get(s);
  if (idx === undefined) {
    idx = MULTI.length;
    MULTI.push(s);
    multiIndex.set(s, idx);
  }
  return FOLD_MULTI_BASE - idx;
}

// ASCII is pre-filled so the common path never calls String.normalize.
for (let u = 0; u < 128; u++) foldUnit(u);
for (let u = 0; u < 256; u++) charClass(u);
