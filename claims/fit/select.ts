/**
 * Model selection for the claim ranker, by the rule of issue 15: a component
 * is chosen on the fitting tweets (the 2020 train tweets, against each claim
 * collection) and kept only if it then beats plain BM25 on BOTH dev sets with
 * a significant paired difference. dev-test is never read here.
 *
 *   npx tsx claims/fit/select.ts --corpus ../shared/corpus
 *
 * Prints the BM25F grid (k1, title weight, b) on the fitting sets, the best
 * configuration's paired test on each dev set, and the subtitle field (2022
 * only). The figures are copied into docs/benchmarks.md.
 */
import { ClaimIndex, NUM_FEATURES } from '../index.ts';
import { loadClaimSets } from '../eval-sets.ts';
import { evaluate, perQuery, type Run } from '../checkthat.ts';
import { pairedTest } from '../significance.ts';

const i = process.argv.indexOf('--corpus');
const corpus = i >= 0 ? process.argv[i + 1]! : '../shared/corpus';
const bm25fOnly = Array.from({ length: NUM_FEATURES }, (_, j) => (j === 1 ? 1 : 0));
type Ranker = (idx: ClaimIndex, text: string) => { id: string; score: number }[];

const sets = loadClaimSets(corpus).map((set) => ({ set, idx: ClaimIndex.build(set.claims) }));
const fitName = (short: string): string => (short === '2020' ? 'train' : 'fit');

function runOf(idx: ClaimIndex, queries: { id: string; text: string }[], f: Ranker): Run {
  return new Map(queries.map((q) => [q.id, f(idx, q.text)]));
}

const grid: { name: string; f: Ranker }[] = [];
for (const k1 of [0.9, 1.2, 1.6, 2.0]) {
  for (const titleWeight of [0.5, 1, 1.5]) {
    for (const b of [0.5, 0.75, 0.9]) {
      const P = { k1, textWeight: 1, titleWeight, textB: b, titleB: b };
      grid.push({ name: `BM25F k1=${k1} title=${titleWeight} b=${b}`, f: (idx, t) => idx.rank(t, 10, { rankWeights: bm25fOnly, bm25f: P }) });
    }
  }
}
const base: Ranker = (idx, t) => idx.rankBm25(t, 10);

let best = { name: 'plain BM25', f: base, score: 0 };
for (const { set, idx } of sets) {
  const sp = set.splits.get(fitName(set.short))!;
  best.score += evaluate(runOf(idx, sp.queries, base), sp.qrels)['MAP@5'] / sets.length;
}
console.log(`fitting sets, mean MAP@5: plain BM25 ${best.score.toFixed(4)}`);
for (const g of grid) {
  let score = 0;
  for (const { set, idx } of sets) {
    const sp = set.splits.get(fitName(set.short))!;
    score += evaluate(runOf(idx, sp.queries, g.f), sp.qrels)['MAP@5'] / sets.length;
  }
  console.log(`  ${g.name}: ${score.toFixed(4)}`);
  if (score > best.score) best = { ...g, score };
}
console.log(`selected on the fitting sets: ${best.name} (${best.score.toFixed(4)})`);
for (const { set, idx } of sets) {
  const sp = set.splits.get('dev')!;
  const b = runOf(idx, sp.queries, base);
  const s = runOf(idx, sp.queries, best.f);
  const t = pairedTest(perQuery(s, sp.qrels).ap5, perQuery(b, sp.qrels).ap5);
  console.log(`${set.short} dev: ${best.name} ${evaluate(s, sp.qrels)['MAP@5'].toFixed(4)} vs plain ${evaluate(b, sp.qrels)['MAP@5'].toFixed(4)}, diff ${t.diff.toFixed(4)}, p ${t.p.toFixed(3)}`);
}
// The 2022 subtitle as part of the title field (2020 has no subtitle).
const { set: s22 } = sets[1]!;
const withSub = ClaimIndex.build(s22.claims.map((c) => ({ ...c, title: `${c.title ?? ''} ${c.subtitle ?? ''}` })));
for (const split of ['fit', 'dev']) {
  const sp = s22.splits.get(split)!;
  const b = runOf(sets[1]!.idx, sp.queries, base);
  const s = runOf(withSub, sp.queries, base);
  const t = pairedTest(perQuery(s, sp.qrels).ap5, perQuery(b, sp.qrels).ap5);
  console.log(`2022 ${split}: + subtitle ${evaluate(s, sp.qrels)['MAP@5'].toFixed(4)} vs plain ${evaluate(b, sp.qrels)['MAP@5'].toFixed(4)}, diff ${t.diff.toFixed(4)}, p ${t.p.toFixed(3)}`);
}
