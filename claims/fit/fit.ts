/**
 * Fits the reranker weights (claims/weights.ts) on the CheckThat! 2020 Task 2
 * *training* tweets. Dev is never read here. Node-only script, not part of the
 * extension bundle.
 *
 *   npx tsx claims/fit/fit.ts --corpus ../shared/corpus [--cv] [--folds 5] [--write]
 *
 * Prints BM25F's train MAP@5, with --cv the cross-validated (on train) MAP@5
 * of pointwise and pairwise rerankers, then fits the reranker and the
 * confidence on all of train; --write puts the weights into claims/weights.ts
 * (the flagging threshold is then chosen by `npm run bench:claims`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClaimIndex, NUM_FEATURES, type Candidate } from '../index.ts';
import { parseClaims, parseQrels, parseQueries } from '../checkthat.ts';
import { FEATURE_NAMES, NEG_PENALTY, NUM_PENALTY, RERANK_DEPTH } from '../weights.ts';

export interface Example {
  qid: string;
  cands: Candidate[];
  rel: Set<string>;
  /** Candidates whose claim text is the same as a relevant claim's (the corpus has such duplicates). */
  dup: Set<string>;
}

/** Solves A x = b for a small dense symmetric positive-definite A (Gaussian elimination). */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
    [M[c], M[p]] = [M[p]!, M[c]!];
    const pv = M[c]![c]!;
    if (Math.abs(pv) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r]![c]! / pv;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  return M.map((row, i) => (Math.abs(row[i]!) < 1e-12 ? 0 : row[n]! / row[i]!));
}

/**
 * L2-regularised logistic regression by Newton's method on rows X (bias in
 * column 0, not regularised), labels y, optional weights.
 */
export function logistic(X: Float64Array[], y: number[], lambda: number, iters = 30, mask?: boolean[]): number[] {
  const d = X[0]?.length ?? 0;
  const use = mask ?? new Array<boolean>(d).fill(true);
  // Standardise for conditioning; map back at the end.
  const mean = new Array<number>(d).fill(0);
  const sd = new Array<number>(d).fill(1);
  for (let j = 1; j < d; j++) {
    let s = 0;
    let s2 = 0;
    for (const x of X) {
      s += x[j]!;
      s2 += x[j]! * x[j]!;
    }
    mean[j] = s / X.length;
    sd[j] = Math.sqrt(Math.max(1e-12, s2 / X.length - mean[j]! ** 2));
  }
  const z = (x: Float64Array, j: number): number => (j === 0 ? 1 : use[j] ? (x[j]! - mean[j]!) / sd[j]! : 0);
  let w = new Array<number>(d).fill(0);
  for (let it = 0; it < iters; it++) {
    const H = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    const g = new Array<number>(d).fill(0);
    for (let i = 0; i < X.length; i++) {
      const x = X[i]!;
      let s = 0;
      for (let j = 0; j < d; j++) s += w[j]! * z(x, j);
      const p = 1 / (1 + Math.exp(-s));
      const r = p - y[i]!;
      const v = Math.max(p * (1 - p), 1e-9);
      for (let j = 0; j < d; j++) {
        const zj = z(x, j);
        if (zj === 0 && j !== 0) continue;
        g[j]! += r * zj;
        for (let k = 0; k < d; k++) H[j]![k]! += v * zj * z(x, k);
      }
    }
    for (let j = 1; j < d; j++) {
      g[j]! += lambda * w[j]!;
      H[j]![j]! += lambda;
    }
    for (let j = 0; j < d; j++) if (!use[j] && j !== 0) H[j]![j] = 1;
    const step = solve(H, g);
    const next = w.map((wj, j) => wj - step[j]!);
    const delta = Math.max(...step.map(Math.abs));
    w = next;
    if (delta < 1e-7) break;
  }
  // Back to raw feature space.
  const raw = new Array<number>(d).fill(0);
  raw[0] = w[0]!;
  for (let j = 1; j < d; j++) {
    if (!use[j]) continue;
    raw[j] = w[j]! / sd[j]!;
    raw[0]! -= (w[j]! * mean[j]!) / sd[j]!;
  }
  return raw;
}

/** Pairwise (RankNet-style) linear ranker: logistic on positive-minus-negative differences. */
export function pairwise(examples: Example[], lambda: number, mask?: boolean[]): number[] {
  const X: Float64Array[] = [];
  const y: number[] = [];
  let flip = false;
  for (const ex of examples) {
    const pos = ex.cands.filter((c) => ex.rel.has(c.id));
    const neg = ex.cands.filter((c) => !ex.rel.has(c.id));
    for (const p of pos) {
      for (const n of neg.slice(0, 30)) {
        const x = new Float64Array(NUM_FEATURES);
        x[0] = 1;
        for (let j = 1; j < NUM_FEATURES; j++) x[j] = (flip ? -1 : 1) * (p.features[j]! - n.features[j]!);
        X.push(x);
        y.push(flip ? 0 : 1);
        flip = !flip;
      }
    }
  }
  const w = logistic(X, y, lambda, 30, mask);
  w[0] = 0;
  return w;
}

export function pointwise(examples: Example[], lambda: number, mask?: boolean[]): number[] {
  const X: Float64Array[] = [];
  const y: number[] = [];
  for (const ex of examples) {
    for (const c of ex.cands) {
      if (ex.dup.has(c.id)) continue;
      X.push(c.features);
      y.push(ex.rel.has(c.id) ? 1 : 0);
    }
  }
  return logistic(X, y, lambda, 30, mask);
}

export function scoreMap5(examples: Example[], w: readonly number[]): number {
  let total = 0;
  for (const ex of examples) {
    const scored = ex.cands.map((c) => {
      let s = 0;
      for (let j = 0; j < NUM_FEATURES; j++) s += w[j]! * c.features[j]!;
      return { id: c.id, s, b: c.bm25 };
    });
    scored.sort((a, b) => b.s - a.s || b.b - a.b);
    let hits = 0;
    let sum = 0;
    scored.slice(0, 5).forEach((c, i) => {
      if (ex.rel.has(c.id)) {
        hits++;
        sum += hits / (i + 1);
      }
    });
    total += sum / ex.rel.size;
  }
  return total / examples.length;
}

export function loadExamples(corpus: string, split: 'train', index: ClaimIndex, depth = RERANK_DEPTH): Example[] {
  const dir = join(corpus, 'claims/checkthat-2020', split);
  const queries = parseQueries(readFileSync(join(dir, 'tweets.queries.tsv'), 'utf8'));
  const qrels = parseQrels(readFileSync(join(dir, 'tweet-vclaim-pairs.qrels'), 'utf8'));
  const claims = parseClaims(readFileSync(join(corpus, 'claims/checkthat-2020/verified_claims.docs.tsv'), 'utf8'));
  const norm = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const textOf = new Map(claims.map((c) => [c.id, norm(c.text)]));
  return queries
    .filter((q) => qrels.has(q.id))
    .map((q) => {
      const rel = qrels.get(q.id)!;
      const relTexts = new Set([...rel].map((id) => textOf.get(id)));
      const cands = index.explain(q.text, { depth });
      const dup = new Set(cands.filter((c) => !rel.has(c.id) && relTexts.has(textOf.get(c.id))).map((c) => c.id));
      return { qid: q.id, rel, dup, cands };
    });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const corpus = args[args.indexOf('--corpus') + 1] ?? '../shared/corpus';
  const folds = Number(args.includes('--folds') ? args[args.indexOf('--folds') + 1] : 5);
  const claims = parseClaims(readFileSync(join(corpus, 'claims/checkthat-2020/verified_claims.docs.tsv'), 'utf8'));
  const index = ClaimIndex.build(claims);
  const examples = loadExamples(corpus, 'train', index);
  const bm25Only = new Array<number>(NUM_FEATURES).fill(0);
  bm25Only[1] = 1;
  console.log(`train queries ${examples.length}; BM25F MAP@5 ${scoreMap5(examples, bm25Only).toFixed(4)}`);
  const cv = (fit: (ex: Example[]) => number[]): number => {
    let total = 0;
    for (let f = 0; f < folds; f++) {
      const tr = examples.filter((_, i) => i % folds !== f);
      const te = examples.filter((_, i) => i % folds === f);
      total += scoreMap5(te, fit(tr)) * te.length;
    }
    return total / examples.length;
  };
  for (const lambda of args.includes("--cv") ? [0.1, 1, 10] : []) {
    console.log(`lambda ${lambda}: pointwise CV MAP@5 ${cv((e) => pointwise(e, lambda)).toFixed(4)}, pairwise ${cv((e) => pairwise(e, lambda)).toFixed(4)}`);
  }
  // Pointwise logistic regression cross-validated best on train (see --cv).
  const w = pointwise(examples, 1);
  console.log(`reranker train MAP@5 ${scoreMap5(examples, w).toFixed(4)}`);
  console.log(FEATURE_NAMES.map((n, j) => `  ${n}: ${w[j]!.toFixed(4)}`).join('\n'));
  const { weights: cw, threshold } = fitConfidence(examples);
  if (args.includes('--write')) {
    const file = join(import.meta.dirname, '..', 'weights.ts');
    const list = (a: number[]): string => `[${a.map((x) => Number(x.toFixed(5))).join(', ')}]`;
    let src = readFileSync(file, 'utf8');
    src = src.replace(/export const RANK_WEIGHTS: readonly number\[\] = \[[^\]]*\];/u, `export const RANK_WEIGHTS: readonly number[] = ${list(w)};`);
    src = src.replace(/export const CONF_WEIGHTS: readonly number\[\] = \[[^\]]*\];/u, `export const CONF_WEIGHTS: readonly number[] = ${list(cw)};`);
    // The threshold is chosen by the page-level benchmark (bench/claims.ts), not here: refitting the
    // confidence means running `npm run bench:claims` and taking the threshold it chooses.
    writeFileSync(file, src);
    console.log(`wrote ${file}; train-tweet threshold would be ${threshold.toFixed(2)}: run npm run bench:claims to choose the shipped one`);
  }
}

/**
 * Confidence: pointwise logistic regression over absolute features (positives:
 * the gold claim among a train tweet's candidates; negatives: the others).
 * Negation and number disagreement get fixed penalties (tweets that deny a
 * claim still count as matching it in CheckThat!, so train cannot teach them).
 * The threshold is the confidence that at most 2% of train tweets reach with
 * their best *wrong* candidate: the situation of a page sentence whose claim
 * is not in the index, on text far more claim-like than news prose.
 */
export function fitConfidence(examples: Example[]): { weights: number[]; threshold: number } {
  const w = pointwise(examples, 1, CONF_MASK);
  const neg = FEATURE_NAMES.indexOf('negMismatch');
  const num = FEATURE_NAMES.indexOf('numConflict');
  w[neg] = -NEG_PENALTY;
  w[num] = -NUM_PENALTY;
  const conf = (f: Float64Array): number => {
    let s = 0;
    for (let j = 0; j < NUM_FEATURES; j++) s += w[j]! * f[j]!;
    return 1 / (1 + Math.exp(-s));
  };
  const bestWrong = examples.map((ex) =>
    Math.max(0, ...ex.cands.filter((c) => !ex.rel.has(c.id) && !ex.dup.has(c.id)).map((c) => conf(c.features))),
  );
  const gold = examples.map((ex) => Math.max(0, ...ex.cands.filter((c) => ex.rel.has(c.id)).map((c) => conf(c.features))));
  const sorted = [...bestWrong].sort((a, b) => b - a);
  const threshold = sorted[Math.floor(0.02 * sorted.length)]!;
  const recall = gold.filter((g) => g >= threshold).length / gold.length;
  console.log(FEATURE_NAMES.map((n, j) => `  ${n}: ${w[j]!.toFixed(4)}`).join('\n'));
  console.log(`export const CONF_WEIGHTS = [${w.map((x) => Number(x.toFixed(5))).join(', ')}];`);
  console.log(`threshold (2% of train tweets' best wrong candidate) ${threshold.toFixed(4)}; train tweets whose gold claim reaches it: ${(100 * recall).toFixed(1)}%`);
  for (const t of [0.5, 0.7, 0.8, 0.9]) {
    const fa = bestWrong.filter((x) => x >= t).length / bestWrong.length;
    const rc = gold.filter((g) => g >= t).length / gold.length;
    console.log(`  at ${t}: wrong-candidate rate ${(100 * fa).toFixed(1)}%, gold recall ${(100 * rc).toFixed(1)}%`);
  }
  return { weights: w, threshold };
}


/** Features the confidence model may use: absolute measures only (no rank, no relative score). */
export const CONF_MASK: boolean[] = FEATURE_NAMES.map((n) =>
  ['qcov', 'dcov', 'dcovText', 'dcovTitle', 'bigram', 'capCov', 'numMatch', 'logMatched', 'logLen', 'f1cov', 'matchedIdf'].includes(n),
);

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/claims\//u, 'claims/'))) {
  await main();
}
