/**
 * Constants of the claim matcher. The confidence weights (and the v1 reranker
 * weights, no longer used for ranking) are fitted on the CheckThat! 2020 Task 2
 * *training* tweets by claims/fit/fit.ts (never on dev) and pasted here; see
 * docs/benchmarks.md for how the threshold was chosen.
 */

/** BM25F parameters: per-field weight and length normalisation. */
export const BM25F = {
  k1: 1.2,
  textWeight: 1.0,
  titleWeight: 1.0,
  textB: 0.75,
  titleB: 0.75,
};

/** Plain BM25 (claim + title as one field), the baseline. */
export const BM25 = { k1: 1.2, b: 0.75 };

/** How many BM25F candidates the reranker rescores. */
export const RERANK_DEPTH = 50;

export const FEATURE_NAMES = [
  'bias',
  'bm25f',
  'bm25fRel',
  'qcov',
  'dcov',
  'dcovText',
  'dcovTitle',
  'bigram',
  'capCov',
  'numMatch',
  'numConflict',
  'negMismatch',
  'logLen',
  'logMatched',
  'logRank',
  'f1cov',
  'matchedIdf',
  'bm25plain',
  'docMedia',
  'mediaBoth',
] as const;

/** v1 reranker weights, one per feature in FEATURE_NAMES order: an experiment since v2 (plain BM25 ranks). */
export const RANK_WEIGHTS: readonly number[] = [-13.28896, -0.10203, 10.59017, -1.49287, -7.75478, 6.74759, 2.90541, -1.67755, 0.16727, -0.25385, -0.55117, -0.15447, 0.59968, -2.58701, -0.48604, 9.3252, 1.52635, 0.09684, 0.12595, 0.39628];

/** Confidence model: a logistic model over the same features. */
export const CONF_WEIGHTS: readonly number[] = [-12.51037, 0, 0, 5.19789, -6.80775, 9.26038, 4.82391, -3.8172, 0.27722, -0.07331, -2, -3, 1.05777, -2.31922, 0, 12.91158, 2.29281, 0, 0, 0];

/**
 * Default confidence threshold for flagging a sentence on a page, chosen by
 * bench/claims.ts's page-level benchmark for the target "at most one false
 * flag per ten news pages, as much recall as that allows" (docs/benchmarks.md).
 */
export const THRESHOLD = 0.9;

/** Fixed confidence penalties (logit units) for a sentence that negates the claim or whose numbers disagree. */
export const NEG_PENALTY = 3;
export const NUM_PENALTY = 2;

/**
 * Rules a page sentence must pass before any confidence counts (tweets, the
 * training data, are never fragments, so the model cannot learn these):
 * at least `minSentenceTerms` distinct content words in the sentence; at least
 * `minSharedTerms` shared with the claim, one of them not a name or number
 * (the claim's predicate, not only who it is about); the sentence covers at
 * least `minClaimCoverage` of the claim's IDF-weighted terms. `depth` BM25F
 * candidates are scored per sentence.
 */
export const GATES = {
  minSentenceTerms: 5,
  minSharedTerms: 3,
  minClaimCoverage: 0.4,
  depth: 10,
};
