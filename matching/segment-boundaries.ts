/**
 * Word boundaries inside Thai, Lao, Khmer and Myanmar text, which is written
 * without spaces. The character classes alone would allow a match to start or
 * end between any two letters of those scripts (so "กรุง" would be found
 * inside "กรุงเทพ"); Intl.Segmenter's dictionary-based word breaking tells
 * where words really end. Han, kana and Hangul keep per-character boundaries:
 * the segmenter splits names there ("习|近平"), which would lose matches.
 */
import type { NormalizedText } from './normalize.ts';

/** Boundary verdicts per normalised unit k (between unit k-1 and k). */
export const BOUNDARY_FREE = 0;
export const BOUNDARY_YES = 1;
export const BOUNDARY_NO = 2;

const SEGMENTED_SCRIPT = /[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]/;

function isSegmented(u: number): boolean {
  return (u >= 0x0e00 && u <= 0x0eff) || (u >= 0x1000 && u <= 0x109f) || (u >= 0x1780 && u <= 0x17ff);
}

type Segmenter = { segment(s: string): Iterable<{ index: number }> };
let segmenter: Segmenter | null | undefined;

function getSegmenter(): Segmenter | null {
  if (segmenter === undefined) {
    const S = (Intl as unknown as { Segmenter?: new (l: string, o: object) => Segmenter }).Segmenter;
    segmenter = S ? new S('th', { granularity: 'word' }) : null;
  }
  return segmenter;
}

/** Runs of those scripts, with their combining marks; segmented one by one. */
const RUN = /[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]+/g;

/**
 * For text containing those scripts, a per-unit array (length+1) saying
 * where a match may or may not begin or end between two of their letters;
 * null when the text has none (the common case costs one regex test) or the
 * runtime has no Intl.Segmenter. Only the runs of those scripts go through
 * the segmenter: a news page with one "ไทย" in its language links must not
 * pay for segmenting all of its text.
 */
export function segmentBoundaries(text: string, norm: NormalizedText): Uint8Array | null {
  if (!SEGMENTED_SCRIPT.test(text)) return null;
  const seg = getSegmenter();
  if (!seg) return null;
  const breaks = new Set<number>();
  for (const run of text.matchAll(RUN)) {
    if (run[0].length < 2) continue;
    for (const s of seg.segment(run[0])) breaks.add(run.index + s.index);
  }
  const out = new Uint8Array(norm.length + 1);
  for (let k = 1; k < norm.length; k++) {
    if (isSegmented(norm.units[k]!) && isSegmented(norm.units[k - 1]!)) {
      out[k] = breaks.has(norm.start[k]!) ? BOUNDARY_YES : BOUNDARY_NO;
    }
  }
  return out;
}
