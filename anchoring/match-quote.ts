/**
 * Finding a quote (with its context) in page text that may have changed.
 *
 * Stages, cheap to expensive (see docs/notes.md):
 *  1. exact occurrences of the quote (plus whitespace-insensitive ones);
 *  2. only if stage 1 is not conclusive: approximate occurrences found with
 *     approx-string-match (Myers' bit-parallel algorithm, as in the Hypothesis
 *     client), repeatedly masking the best region to also find runners-up.
 *
 * Every candidate is scored on quote, prefix and suffix similarity. A
 * candidate is accepted only when it clears the thresholds AND no other,
 * non-overlapping candidate scores within AMBIGUITY_MARGIN of it: we would
 * rather orphan a note than attach it to a lookalike passage.
 */
import search from 'approx-string-match';
import { similarity } from './similarity';
import type { ClosestText, OffsetMatch, OrphanReason, TextQuoteSelector } from './types';

/** Characters of context kept on each side of a quote. */
export const CONTEXT_LENGTH = 32;

export const THRESHOLDS = {
  /** Minimum confidence to anchor by quote or fuzzy quote. */
  minConfidence: 0.7,
  /** A fuzzy match's quote must itself be at least this similar (context alone never anchors). */
  minQuoteSimilarity: 0.85,
  /** A fuzzy match must be confirmed by its surroundings: each stored context at least this similar… */
  minFuzzyContext: 0.5,
  /** …and the stored contexts on average at least this similar. */
  minFuzzyContextAverage: 0.75,
  /** A fuzzy match of a note without any stored context needs this quote similarity. */
  minQuoteSimilarityWithoutContext: 0.9,
  /**
   * Exact matches scoring at least this (context intact) need no fuzzy search;
   * below it, an edited passage at the old place may fit better and competes.
   */
  conclusiveExact: 0.999,
  /** Quotes at least this long that match exactly count as distinctive even with changed context. */
  distinctiveLength: 32,
  /** Two non-overlapping candidates within this confidence of each other are ambiguous. */
  ambiguityMargin: 0.1,
  /** Identical candidates tie-broken by the old position get this factor on their confidence. */
  tieBreakPenalty: 0.9,
  /**
   * Edit budget of the search for the closest text of an orphan, as a fraction
   * of the quote length. (The search that decides anchoring only needs
   * 1 − minQuoteSimilarity: nothing less similar can be anchored or compete.)
   */
  closestErrorFraction: 0.5,
  /** …and at most this many edits (as Hypothesis caps it), to bound its cost on long quotes. */
  closestMaxErrors: 256,
  /** Rounds of search-and-mask used to find runner-up fuzzy candidates. */
  fuzzyRounds: 4,
  /** Cap on exact occurrences considered (short, common quotes). */
  maxExactCandidates: 500,
  /**
   * Quotes longer than this are searched approximately by their first and last
   * `probeLength` characters, then verified whole in one place each: the cost of
   * approx-string-match grows with the quote length times the number of near
   * matches, which on a repetitive page took 85 s for a 5k quote.
   */
  longQuote: 256,
  probeLength: 128,
  /** Probe hits kept per probe (fewest errors, then nearest the old position). */
  maxProbeHits: 16,
  /** Approximate matches kept per search round, fewest errors first. */
  maxFuzzyMatches: 200,
  /** Edits a long quote's verification looks for (banded edit distance); more means "not this passage". */
  verifyBand: 64,
} as const;

const WEIGHT_QUOTE = 50;
const WEIGHT_CONTEXT = 20;

export interface Candidate {
  start: number;
  end: number;
  /** Edits between the quote and text[start, end). 0 for exact (and whitespace-only) matches. */
  errors: number;
  /** True when the text differs from the quote at most in whitespace. */
  exact: boolean;
  quoteSim: number;
  prefixSim: number | null;
  suffixSim: number | null;
  /** 0..1 closeness to the hint (old position); 0 without hint. */
  posSim: number;
  /** Weighted similarity of quote, prefix and suffix: what candidates are ranked by. */
  contentScore: number;
  /** contentScore, raised for long verbatim quotes (see THRESHOLDS.distinctiveLength). */
  confidence: number;
}

export type QuoteMatchOutcome =
  | { ok: true; match: OffsetMatch; candidate: Candidate }
  | { ok: false; reason: OrphanReason; best?: Candidate };

function contextScores(
  text: string,
  start: number,
  end: number,
  quote: TextQuoteSelector,
): { prefixSim: number | null; suffixSim: number | null } {
  const prefix = quote.prefix ?? '';
  const suffix = quote.suffix ?? '';
  const prefixSim = prefix
    ? similarity(prefix, text.slice(Math.max(0, start - prefix.length), start))
    : null;
  const suffixSim = suffix ? similarity(suffix, text.slice(end, end + suffix.length)) : null;
  return { prefixSim, suffixSim };
}

function score(
  text: string,
  start: number,
  end: number,
  errors: number,
  exact: boolean,
  quote: TextQuoteSelector,
  hint: number | undefined,
): Candidate {
  const quoteSim = exact ? 1 : Math.max(0, 1 - errors / quote.exact.length);
  const { prefixSim, suffixSim } = contextScores(text, start, end, quote);
  let num = WEIGHT_QUOTE * quoteSim;
  let den = WEIGHT_QUOTE;
  const ctx: number[] = [];
  if (prefixSim !== null) {
    num += WEIGHT_CONTEXT * prefixSim;
    den += WEIGHT_CONTEXT;
    ctx.push(prefixSim);
  }
  if (suffixSim !== null) {
    num += WEIGHT_CONTEXT * suffixSim;
    den += WEIGHT_CONTEXT;
    ctx.push(suffixSim);
  }
  const contentScore = num / den;
  let confidence = contentScore;
  if (exact && quote.exact.length >= THRESHOLDS.distinctiveLength) {
    // A long quote found verbatim is the same text even if its neighbours changed
    // (paragraph moved); context then only refines the confidence.
    const ctxAvg = ctx.length ? ctx.reduce((a, b) => a + b, 0) / ctx.length : 1;
    confidence = Math.max(confidence, 0.85 + 0.15 * ctxAvg);
  }
  const posSim =
    hint === undefined ? 0 : Math.max(0, 1 - Math.abs(start - hint) / Math.max(1, text.length));
  return { start, end, errors, exact, quoteSim, prefixSim, suffixSim, posSim, contentScore, confidence };
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

function rank(c: Candidate): number {
  // Position only breaks near-ties in ranking; it never adds confidence.
  return c.contentScore + 0.02 * c.posSim;
}

/** Keep the best candidate of every group of overlapping candidates, best first. */
function distinct(cands: Candidate[]): Candidate[] {
  const sorted = [...cands].sort((a, b) => rank(b) - rank(a));
  const kept: Candidate[] = [];
  for (const c of sorted) {
    if (!kept.some((k) => overlaps(k, c))) kept.push(c);
  }
  return kept;
}

function exactCandidates(
  text: string,
  quote: TextQuoteSelector,
  hint: number | undefined,
): Candidate[] {
  const exact = quote.exact;
  const out: Candidate[] = [];
  for (
    let i = text.indexOf(exact);
    i !== -1 && out.length < THRESHOLDS.maxExactCandidates;
    i = text.indexOf(exact, i + 1)
  ) {
    out.push(score(text, i, i + exact.length, 0, true, quote, hint));
  }
  if (out.length > 0) return out;

  // Whitespace-insensitive: the page's text extraction may join blocks differently.
  // Not for long quotes: on a repetitive page the regex would match most of the quote at
  // every repetition; their whitespace differences are found as edits by the fuzzy search.
  const words = exact.split(/\s+/).filter(Boolean);
  if (words.length === 0 || exact.length > THRESHOLDS.longQuote) return out;
  const re = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'g');
  for (let m = re.exec(text); m && out.length < THRESHOLDS.maxExactCandidates; m = re.exec(text)) {
    out.push(score(text, m.index, m.index + m[0].length, 0, true, quote, hint));
    re.lastIndex = m.index + 1;
  }
  return out;
}

/** `text` with the given ranges replaced by NULs, built in one pass. */
function masked(text: string, ranges: readonly { start: number; end: number }[]): string {
  if (!ranges.length) return text;
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let at = 0;
  for (const r of sorted) {
    const start = Math.max(at, r.start);
    if (r.end <= start) continue;
    parts.push(text.slice(at, start), '\u0000'.repeat(r.end - start));
    at = r.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

type Approx = { start: number; end: number; errors: number };

/** The `max` matches with fewest errors, ties broken by nearness to the hint. */
function fewest(matches: Approx[], max: number, hint: number | undefined): Approx[] {
  if (matches.length <= max) return matches;
  const d = (m: Approx) => (hint === undefined ? 0 : Math.abs(m.start - hint));
  return [...matches].sort((a, b) => a.errors - b.errors || d(a) - d(b)).slice(0, max);
}

/**
 * The best alignment of all of `a` with a prefix of `b` (so `b` may run on by up
 * to `band` characters): its length and edit distance, if the distance is at most
 * `band`. A banded Levenshtein, O(|a| · band), for verifying a long quote in place.
 */
export function boundedPrefixDistance(a: string, b: string, band: number): { length: number; errors: number } | undefined {
  const n = a.length;
  const m = Math.min(b.length, n + band);
  const INF = 1e9;
  let prev = new Int32Array(m + 1).fill(INF);
  let cur = new Int32Array(m + 1).fill(INF);
  for (let j = 0; j <= Math.min(m, band); j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - band);
    const hi = Math.min(m, i + band);
    cur.fill(INF, lo - 1, Math.min(m, hi + 1) + 1);
    cur[0] = i <= band ? i : INF;
    let rowMin = cur[0]!;
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const sub = prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      const v = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > band) return undefined;
    const t = prev;
    prev = cur;
    cur = t;
  }
  let best: { length: number; errors: number } | undefined;
  for (let j = Math.max(0, n - band); j <= m; j++) {
    if (prev[j]! <= band && (!best || prev[j]! < best.errors)) best = { length: j, errors: prev[j]! };
  }
  return best;
}

/** Characters of page searched per slice of work (with the pattern's length of overlap). */
export const SEARCH_WINDOW = 8_192;

/**
 * approx-string-match over the text in windows, nearest the old position first,
 * yielding after each window so the caller can let the page breathe; it stops
 * once `max` matches are found. On a repetitive page every window is full of
 * near matches, each costing approx-string-match a reverse scan; a window's
 * work stays a few milliseconds.
 */
function* windowedSearch(text: string, pattern: string, maxErrors: number, hint: number | undefined, max: number): Generator<void, Approx[]> {
  const overlap = pattern.length + maxErrors;
  const size = Math.max(SEARCH_WINDOW, 2 * overlap);
  const starts: number[] = [];
  for (let s = 0; s < text.length; s += size) starts.push(s);
  if (hint !== undefined) starts.sort((a, b) => Math.abs(a + size / 2 - hint) - Math.abs(b + size / 2 - hint));
  const seen = new Set<string>();
  const out: Approx[] = [];
  for (const s of starts) {
    const from = Math.max(0, s - overlap);
    for (const m of search(text.slice(from, Math.min(text.length, s + size + overlap)), pattern, maxErrors)) {
      const key = `${m.start + from}:${m.end + from}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ start: m.start + from, end: m.end + from, errors: m.errors });
    }
    if (out.length >= max) break;
    yield;
  }
  return fewest(out, max, hint);
}

/**
 * Approximate occurrences of a long quote: its head and tail probes are searched
 * (cheap: short patterns), and each place they imply is verified whole with a
 * banded edit distance. Bounded work whatever the page repeats.
 */
function* longQuoteMatches(text: string, exact: string, maxErrors: number, hint: number | undefined): Generator<void, Approx[]> {
  const P = THRESHOLDS.probeLength;
  const m = exact.length;
  const probeErrors = Math.min(maxErrors, Math.floor(P * 0.25));
  const starts = new Set<number>();
  for (const [probe, fromEnd] of [[exact.slice(0, P), false], [exact.slice(-P), true]] as const) {
    const probeHint = hint === undefined ? undefined : fromEnd ? hint + m - P : hint;
    for (const hit of yield* windowedSearch(text, probe, probeErrors, probeHint, THRESHOLDS.maxProbeHits)) {
      starts.add(Math.max(0, fromEnd ? hit.end - m : hit.start));
    }
  }
  const band = Math.min(maxErrors, THRESHOLDS.verifyBand);
  const out: Approx[] = [];
  for (const start of starts) {
    // The passage may have grown or shrunk by up to `band` characters: the best end is chosen too.
    const best = boundedPrefixDistance(exact, text.slice(start, start + m + band), band);
    if (best) out.push({ start, end: start + best.length, errors: best.errors });
    yield;
  }
  return out;
}

function* fuzzyCandidates(
  text: string,
  quote: TextQuoteSelector,
  hint: number | undefined,
  exclude: Candidate[],
  maxErrors: number,
  rounds: number,
): Generator<void, Candidate[]> {
  const exact = quote.exact;
  if (maxErrors < 1) return [];
  const taken: { start: number; end: number }[] = [...exclude];
  const out: Candidate[] = [];
  for (let round = 0; round < rounds; round++) {
    const haystack = masked(text, taken);
    const matches =
      exact.length > THRESHOLDS.longQuote
        ? yield* longQuoteMatches(haystack, exact, maxErrors, hint)
        : yield* windowedSearch(haystack, exact, maxErrors, hint, THRESHOLDS.maxFuzzyMatches);
    if (matches.length === 0) break;
    const scored = distinct(
      matches.map((m) => score(text, m.start, m.end, m.errors, m.errors === 0, quote, hint)),
    );
    out.push(...scored);
    taken.push(...scored);
    // Long quotes are verified in place: further rounds would find the same places.
    if (exact.length > THRESHOLDS.longQuote) break;
  }
  return out;
}

/** Whether a candidate may be anchored to at all (before thresholds and ambiguity). */
function eligible(c: Candidate): boolean {
  if (c.exact) return true;
  if (c.quoteSim < THRESHOLDS.minQuoteSimilarity) return false;
  const ctx = [c.prefixSim, c.suffixSim].filter((x): x is number => x !== null);
  if (ctx.length === 0) return c.quoteSim >= THRESHOLDS.minQuoteSimilarityWithoutContext;
  const avg = ctx.reduce((a, b) => a + b, 0) / ctx.length;
  return ctx.every((x) => x >= THRESHOLDS.minFuzzyContext) && avg >= THRESHOLDS.minFuzzyContextAverage;
}

/** Could this candidate be the noted passage (so that it competes with the best one)? */
function plausible(c: Candidate): boolean {
  return c.exact || c.quoteSim >= THRESHOLDS.minQuoteSimilarity;
}

function decide(cands: Candidate[]): QuoteMatchOutcome | null {
  const ranked = distinct(cands);
  if (ranked.length === 0) return null;
  const best = ranked.find(eligible);
  // For the orphan view: the most similar text, whatever its context.
  const closest = [...ranked].sort((a, b) => b.quoteSim - a.quoteSim || rank(b) - rank(a))[0];
  if (!best) return { ok: false, reason: 'low-confidence', best: closest };
  const contenders = ranked.filter(
    (c) =>
      c !== best &&
      !overlaps(c, best) &&
      plausible(c) &&
      c.contentScore >= best.contentScore - THRESHOLDS.ambiguityMargin,
  );

  let chosen = best;
  let confidence = best.confidence;
  if (contenders.length > 0) {
    // Several places fit about equally well. Only when all of them are the
    // very same text (verbatim quote, context nearly as good) may the old
    // position choose among them; otherwise one of them is a lookalike.
    const group = [best, ...contenders];
    if (!group.every((c) => c.exact) || best.posSim === 0) {
      return { ok: false, reason: 'ambiguous', best };
    }
    chosen = group.reduce((a, b) => (b.posSim > a.posSim ? b : a));
    confidence = chosen.confidence * THRESHOLDS.tieBreakPenalty;
  }
  if (confidence < THRESHOLDS.minConfidence) {
    return { ok: false, reason: 'low-confidence', best: chosen };
  }
  return {
    ok: true,
    candidate: chosen,
    match: {
      start: chosen.start,
      end: chosen.end,
      confidence,
      method: chosen.exact ? 'quote' : 'fuzzy',
    },
  };
}

/**
 * Find `quote` in `text`. `hint` is the old start offset (from a
 * TextPositionSelector), used only to break ties between identical passages.
 */
export function matchQuote(text: string, quote: TextQuoteSelector, hint?: number): QuoteMatchOutcome {
  return runToEnd(matchQuoteSteps(text, quote, hint));
}

/** Run a sliced computation without pausing (CLI, tests, small inputs). */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** matchQuote in slices: yields between windows of the approximate search (see anchorSliced). */
export function* matchQuoteSteps(
  text: string,
  quote: TextQuoteSelector,
  hint?: number,
): Generator<void, QuoteMatchOutcome> {
  if (!quote.exact) return { ok: false, reason: 'not-found' };
  const exact = exactCandidates(text, quote, hint);
  const first = decide(exact);
  if (first?.ok && first.candidate.contentScore >= THRESHOLDS.conclusiveExact) return first;

  // Not conclusive: maybe the passage itself was edited (and the same old
  // words survive elsewhere, e.g. a headline repeated in a teaser), or an
  // exact quote now sits in another context. Let approximate matches compete.
  const len = quote.exact.length;
  const budget = Math.floor(len * (1 - THRESHOLDS.minQuoteSimilarity) + 1e-9);
  const fuzzy = yield* fuzzyCandidates(text, quote, hint, exact, budget, THRESHOLDS.fuzzyRounds);
  const second = decide([...exact, ...fuzzy]);
  if (second?.ok) return second;

  // An orphan. For the "article changed" view, look further for the most
  // similar text now on the page (one wider search; only orphans pay for it).
  const wide = yield* fuzzyCandidates(
    text,
    quote,
    hint,
    [...exact, ...fuzzy],
    Math.min(THRESHOLDS.closestMaxErrors, Math.floor(len * THRESHOLDS.closestErrorFraction)),
    1,
  );
  const pool = [...exact, ...fuzzy, ...wide];
  const closest = pool.length
    ? pool.reduce((a, b) => (b.quoteSim > a.quoteSim || (b.quoteSim === a.quoteSim && rank(b) > rank(a)) ? b : a))
    : undefined;
  if (second && !second.ok) return { ok: false, reason: second.reason, best: closest ?? second.best };
  return closest ? { ok: false, reason: 'low-confidence', best: closest } : { ok: false, reason: 'not-found' };
}

/** The closest text to the quote now on the page, for the "article changed" view. */
export function closestFrom(text: string, best: Candidate | undefined): ClosestText | undefined {
  if (!best) return undefined;
  return {
    start: best.start,
    end: best.end,
    text: text.slice(best.start, best.end),
    similarity: Math.round(best.quoteSim * 1000) / 1000,
  };
}

export { score as scoreCandidate };
