/**
 * Constants of the claim matcher. The reranker weights are fitted on the
 * CheckThat! 2020 Task 2 *training* tweets by claims/fit/fit.ts (never on dev)
 * and pasted here; see docs/benchmarks.md for how the threshold was chosen.
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

/** Reranker weights, one per feature in FEATURE_NAMES order. */
export const RANK_WEIGHTS: readonly number[] = [-13.16318, -0.10343, 10.4979, -1.44282, -7.73177, 6.66633, 2.76953, -1.61955, 0.12642, -0.2437, -0.56634, -0.18241, 0.52971, -2.42688, -0.46039, 9.51849, 1.47411, 0.10016, 0.05512, 0.39547];

/** Confidence model: a logistic model over the same features. */
export const CONF_WEIGHTS: readonly number[] = [-12.45681, 0, 0, 4.95225, -7.0907, 9.29229, 4.81244, -3.77493, 0.21497, -0.04058, -2, -3, 1.05622, -2.28233, 0, 13.35289, 2.26972, 0, 0, 0];

/** Default confidence threshold for flagging a sentence on a page. */
export const THRESHOLD = 0.75;

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
