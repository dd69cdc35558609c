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
  /** Original offset where the character behind unit i starts. */
  start: Int32Array;
  /** Original offset where it ends (a collapsed whitespace run ends after the whole run). */
  end: Int32Array;
}

export function allocNormalized(capacity: number): NormalizedText {
  return { length: 0, units: new Uint16Array(capacity), start: new Int32Array(capacity), end: new Int32Array(capacity) };
}

function grow(out: NormalizedText, need: number): void {
  const cap = Math.max(need, out.units.length * 2);
  const units = new Uint16Array(cap);
  units.set(out.units);
  const start = new Int32Array(cap);
  start.set(out.start);
  const end = new Int32Array(cap);
  end.set(out.end);
  out.units = units;
  out.start = start;
  out.end = end;
}

/**
 * Normalise `text` into `out` (reused between calls to avoid allocation).
 * With `punctAsSpace`, every non-word character becomes a separator: used by
 * the quote matcher, which must ignore quotation marks and punctuation.
 */
export function normalizeText(text: string, punctAsSpace: boolean, out?: NormalizedText): NormalizedText {
  const len = text.length;
  const res = out ?? allocNormalized(len + 16);
  if (res.units.length < len + 16) grow(res, len + 16);
  let units = res.units;
  let start = res.start;
  let end = res.end;
  let cap = units.length - 8; // headroom for one expansion between checks
  const fold = FOLD_TABLE;
  const cls = CLASS_TABLE;
  let n = 0;
  for (let i = 0; i < len; ) {
    const c = text.charCodeAt(i);
    let w = 1;
    let f: number;
    if (c >= 0xd800 && c < 0xe000) {
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
    if (n >= cap) {
      res.length = n;
      grow(res, n + 64);
      units = res.units;
      start = res.start;
      end = res.end;
      cap = units.length - 8;
    }
    if (f >= 0) {
      if (punctAsSpace) {
        let k = cls[f]!;
        if (k === CLASS_UNKNOWN) k = charClass(f);
        if (k === CLS_OTHER) f = FOLD_SPACE;
      }
      if (f >= 0) {
        units[n] = f;
        start[n] = i;
        end[n] = i + w;
        n++;
        i += w;
        continue;
      }
    }
    if (f === FOLD_SPACE) {
      if (n > 0 && units[n - 1] === 32) end[n - 1] = i + w;
      else {
        units[n] = 32;
        start[n] = i;
        end[n] = i + w;
        n++;
      }
    } else if (f !== FOLD_DROP) {
      // Expansion ("ß" -> "ss", "ﬁ" -> "fi"): every unit maps to the whole source character.
      const s = MULTI[FOLD_MULTI_BASE - f]!;
      if (n + s.length >= cap) {
        res.length = n;
        grow(res, n + s.length + 64);
        units = res.units;
        start = res.start;
        end = res.end;
        cap = units.length - 8;
      }
      for (let k = 0; k < s.length; k++) {
        let u = s.charCodeAt(k);
        if (punctAsSpace && charClass(u) === CLS_OTHER) u = 32;
        if (u === 32 && n > 0 && units[n - 1] === 32) {
          end[n - 1] = i + w;
          continue;
        }
        units[n] = u;
        start[n] = i;
        end[n] = i + w;
        n++;
      }
    }
    i += w;
  }
  res.length = n;
  return res;
}

/** The trie key for an alias or quote: the folded form, trimmed of spaces. */
export function normalizeKey(s: string, punctAsSpace: boolean): string {
  const t = normalizeText(s, punctAsSpace);
  let a = 0;
  let b = t.length;
  while (a < b && t.units[a] === 32) a++;
  while (b > a && t.units[b - 1] === 32) b--;
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
