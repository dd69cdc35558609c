/**
 * Text normalisation with an offset map back to the original string.
 *
 * Aliases and page text go through the same per-character fold (NFKC, case
 * folding, diacritic folding, unified dashes/quotes, whitespace runs -> one
 * space, invisible characters dropped), so the trie only ever sees folded
 * UTF-16 code units. Each output unit remembers the [start, end) range of the
 * original character(s) it came from, so match offsets map back exactly.
 *
 * Folding is per character (cached in typed arrays), not whole-string NFKC:
 * it is what makes the scan fast, and because aliases are folded the same way
 * the two sides always agree. Where exact form matters (case-sensitive or
 * diacritic-sensitive aliases) the candidate is re-checked with verifyForm(),
 * which does whole-string normalisation on both sides.
 */
import {
  CLASS_TABLE,
  CLASS_UNKNOWN,
  CLS_OTHER,
  FOLD_DROP,
  FOLD_MULTI_BASE,
  FOLD_SPACE,
  FOLD_TABLE,
  FOLD_UNKNOWN,
  MULTI,
  charClass,
  foldCase,
  foldCodePoint,
  foldUnit,
  punctuationOf,
  stripDiacritics,
} from './chars.ts';

export interface NormalizedText {
  /** Number of valid units. */
  length: number;
  /** Folded UTF-16 code units (capacity may exceed length). */
  units: Uint16Array;
  /**
   * Original offset of the character behind unit i. Each unit comes from one
   * code point (or, for a space, a whitespace run), so where a unit's source
   * ends is derived by endOf() instead of being stored: one store less per
   * character in the hottest loop.
   */
  start: Int32Array;
}

export function allocNormalized(capacity: number): NormalizedText {
  return { length: 0, units: new Uint16Array(capacity), start: new Int32Array(capacity) };
}

/** Original offset just past the code point behind unit k (never a space: keys are trimmed). */
export function endOf(text: string, norm: NormalizedText, k: number): number {
  const s = norm.start[k]!;
  const c = text.charCodeAt(s);
  return c >= 0xd800 && c < 0xdc00 && s + 1 < text.length ? s + 2 : s + 1;
}

function ensure(out: NormalizedText, n: number, need: number): void {
  if (out.units.length >= need) return;
  const cap = Math.max(need, out.units.length * 2);
  const units = new Uint16Array(cap);
  units.set(out.units.subarray(0, n));
  const start = new Int32Array(cap);
  start.set(out.start.subarray(0, n));
  out.units = units;
  out.start = start;
}

/** ASCII folds as a dense table: the folded unit, or a FOLD_* code. */
const ASCII = Int32Array.from({ length: 128 }, (_, u) => FOLD_TABLE[u]!);

/**
 * Normalise `text` into `out` (reused between calls to avoid allocation).
 * With `punctAsSpace`, every non-word character becomes a separator: used by
 * the quote matcher, which must ignore quotation marks and punctuation.
 */
export function normalizeText(text: string, punctAsSpace: boolean, out?: NormalizedText): NormalizedText {
  const len = text.length;
  const res = out ?? allocNormalized(len + 16);
  // Every character yields at most one unit except expansions, which re-check room.
  ensure(res, 0, len + 16);
  let units = res.units;
  let start = res.start;
  const ascii = ASCII;
  const fold = FOLD_TABLE;
  const cls = CLASS_TABLE;
  let n = 0;
  let i = 0;
  while (i < len) {
    const c = text.charCodeAt(i);
    let f: number;
    let w = 1;
    if (c < 128) {
      f = ascii[c]!;
      if (f >= 0 && !(punctAsSpace && cls[f] === CLS_OTHER)) {
        units[n] = f;
        start[n++] = i++;
        continue;
      }
    } else if (c >= 0xd800 && c < 0xe000) {
      const d = i + 1 < len ? text.charCodeAt(i + 1) : 0;
      if (c < 0xdc00 && d >= 0xdc00 && d < 0xe000) {
        w = 2;
        f = foldCodePoint(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
      } else {
        f = c; // lone surrogate: keep as is
      }
    } else {
      f = fold[c]!;
      if (f === FOLD_UNKNOWN) f = foldUnit(c);
    }
    if (f >= 0 && punctAsSpace) {
      let k = cls[f]!;
      if (k === CLASS_UNKNOWN) k = charClass(f);
      if (k === CLS_OTHER) f = FOLD_SPACE;
    }
    if (f >= 0) {
      units[n] = f;
      start[n++] = i;
    } else if (f === FOLD_SPACE) {
      if (n === 0 || units[n - 1] !== 32) {
        units[n] = 32;
        start[n++] = i;
      }
    } else if (f !== FOLD_DROP) {
      // Expansion ("ß" -> "ss", "ﬁ" -> "fi"): every unit maps to the whole source character.
      const s = MULTI[FOLD_MULTI_BASE - f]!;
      ensure(res, n, n + s.length + (len - i) + 16);
      units = res.units;
      start = res.start;
      for (let k = 0; k < s.length; k++) {
        let u = s.charCodeAt(k);
        if (punctAsSpace && charClass(u) === CLS_OTHER) u = 32;
        if (u === 32 && n > 0 && units[n - 1] === 32) continue;
        units[n] = u;
        start[n++] = i;
      }
    }
    i += w;
  }
  res.length = n;
  return res;
}

/** The trie key for an alias or quote: the folded form, trimmed of spaces. */
let keyScratch: NormalizedText = allocNormalized(256);

export function normalizeKey(s: string, punctAsSpace: boolean): string {
  // Building a million-alias matcher calls this a million times: reuse one buffer.
  const t = normalizeText(s, punctAsSpace, keyScratch);
  keyScratch = t;
  let a = 0;
  let b = t.length;
  while (a < b && t.units[a] === 32) a++;
  while (b > a && t.units[b - 1] === 32) b--;
  if (b - a <= 64) return String.fromCharCode.apply(null, t.units.subarray(a, b) as unknown as number[]);
  let out = '';
  for (let k = a; k < b; k += 4096) out += String.fromCharCode(...t.units.subarray(k, Math.min(b, k + 4096)));
  return out;
}

/**
 * Whole-string normalisation used to confirm a candidate for an alias that is
 * case- or diacritic-sensitive; applied identically to the alias and to the
 * matched slice of page text.
 */
export function verifyForm(s: string, caseSensitive: boolean, diacriticSensitive: boolean): string {
  let t = '';
  for (const ch of s) t += punctuationOf(ch) ?? ch;
  t = t.normalize('NFKC');
  if (!caseSensitive) t = foldCase(t);
  t = diacriticSensitive ? t.normalize('NFC') : stripDiacritics(t);
  return t.replace(/ {2,}/g, ' ').trim();
}
