/**
 * Claim-matcher benchmark (issue 15): ranking on CheckThat! 2020 and 2022 2A
 * against the plain baseline with paired tests, page-level precision/recall
 * and the flagging threshold, Portuguese on FACTCK.BR, and index size, load
 * and latency for the 14,231-claim set. Writes its section of
 * docs/benchmarks.md (between <!-- claims:begin --> and <!-- claims:end -->).
 *
 *   npm run bench:claims    (= tsx bench/claims.ts --corpus ../shared/corpus [--out FILE] [--no-write])
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { perQuery, evaluate, type Run } from '../claims/checkthat.ts';
import { compareSystems, loadClaimSets, SYSTEMS, type ClaimSet } from '../claims/eval-sets.ts';
import { ClaimIndex, splitSentences } from '../claims/index.ts';
import { pairedTest } from '../claims/significance.ts';
import { GATES, THRESHOLD } from '../claims/weights.ts';
import { htmlToText } from '../matching/html-text.ts';
import { chooseThreshold, curve, scorePages, type Positive } from './claims-pages.ts';
import { evalPortuguese } from './claims-pt.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const quantile = (sorted: number[], q: number): number => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0);
const f4 = (n: number): string => n.toFixed(4);
const signed = (n: number): string => `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(4)}`;
const progress = (s: string): boolean => process.stderr.write(`bench:claims: ${s}\n`);

/** The false-flag target the threshold is chosen by: at most this many per ten news pages. */
const TARGET_PER_10_PAGES = 1;

async function main(): Promise<void> {
  const corpus = arg('--corpus', '../shared/corpus');
  const outFile = arg('--out', join(import.meta.dirname, '..', 'docs', 'benchmarks.md'));
  progress('reading CheckThat! 2020 and 2022 2A');
  const sets = loadClaimSets(corpus);
  const set22 = sets.find((s) => s.short === '2022')!;

  // Index build, size, load: the 14,231-claim set.
  let t0 = performance.now();
  const built22 = ClaimIndex.build(set22.claims);
  const buildMs = performance.now() - t0;
  const bytes = built22.serialize();
  const loadTimes: number[] = [];
  let index22 = built22;
  for (let i = 0; i < 5; i++) {
    t0 = performance.now();
    index22 = ClaimIndex.load(bytes);
    loadTimes.push(performance.now() - t0);
  }
  loadTimes.sort((a, b) => a - b);
  const indexes = new Map<ClaimSet['short'], ClaimIndex>([['2020', ClaimIndex.build(sets[0]!.claims)], ['2022', index22]]);

  // 1. Ranking on the reported splits, every system against the baseline.
  progress('ranking 2020 dev, 2022 dev, 2022 dev-test');
  const reports = compareSystems(sets, SYSTEMS, (s) => indexes.get(s.short)!);

  // The 2022 subtitle as a field (2020 has none), on the fitting tweets and 2022 dev.
  const withSub = ClaimIndex.build(set22.claims.map((c) => ({ ...c, title: `${c.title ?? ''} ${c.subtitle ?? ''}` })));
  const subtitle = ['fit', 'dev'].map((split) => {
    const sp = set22.splits.get(split)!;
    const a: Run = new Map(sp.queries.map((q) => [q.id, withSub.rankBm25(q.text, 100)]));
    const b: Run = new Map(sp.queries.map((q) => [q.id, index22.rankBm25(q.text, 100)]));
    return { split, a: evaluate(a, sp.qrels), b: evaluate(b, sp.qrels), t: pairedTest(perQuery(a, sp.qrels).ap5, perQuery(b, sp.qrels).ap5) };
  });

  // 3. Page level: news-page sentences against tweets restating a claim.
  progress('page-level precision and recall');
  const pages: { name: string; text: string }[] = [];
  const rd = join(corpus, 'articles', 'readability');
  for (const site of existsSync(rd) ? readdirSync(rd).sort() : []) {
    const p = join(rd, site, 'source.html');
    if (existsSync(p)) pages.push({ name: site, text: htmlToText(readFileSync(p, 'utf8')) });
  }
  const positivesOf = (set: ClaimSet, split: string): Positive[] => {
    const sp = set.splits.get(split)!;
    return sp.queries.filter((q) => sp.qrels.has(q.id)).map((q) => ({ text: q.text, gold: sp.qrels.get(q.id)! }));
  };
  const fitScores = scorePages(index22, pages, positivesOf(set22, 'fit'));
  const thresholds = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];
  const points = curve(fitScores, thresholds);
  const chosen = chooseThreshold(points, TARGET_PER_10_PAGES);
  const heldOut = [
    { name: '2022 dev tweets, 14,231 claims', s: scorePages(index22, [], positivesOf(set22, 'dev')) },
    { name: '2020 dev tweets, 10,389 claims', s: scorePages(indexes.get('2020')!, [], positivesOf(sets[0]!, 'dev')) },
  ].map((h) => ({ ...h, at: curve(h.s, [THRESHOLD])[0]! }));
  const shippedPoint = curve(fitScores, [THRESHOLD])[0]!;

  // 5. Latency per news sentence and per page, on the 14,231-claim index.
  progress('latency');
  const sentenceTimes: number[] = [];
  const pageTimes: { name: string; ms: number; sentences: number }[] = [];
  for (const p of pages) {
    const sentences = splitSentences(p.text);
    for (const s of sentences) {
      const st = performance.now();
      index22.matchSentences(s.text);
      sentenceTimes.push(performance.now() - st);
    }
    // Median of three runs: the machine is shared, and one run can be caught by another job.
    const runs: number[] = [];
    for (let r = 0; r < 3; r++) {
      const st = performance.now();
      index22.matchSentences(p.text);
      runs.push(performance.now() - st);
    }
    pageTimes.push({ name: p.name, ms: runs.sort((a, b) => a - b)[1]!, sentences: sentences.length });
  }
  sentenceTimes.sort((a, b) => a - b);

  // 4. Portuguese.
  progress('Portuguese (FACTCK.BR)');
  const pt = evalPortuguese(corpus);

  // Report.
  const L: string[] = [];
  const w = (s = ''): number => L.push(s);
  w('<!-- claims:begin -->');
  w('## Claim matcher (claims/)');
  w();
  w('Command: `npm run bench:claims` (= `tsx bench/claims.ts --corpus ../shared/corpus`; writes this section). ' +
    'The ranking table alone: `gloss eval claims --corpus ../shared/corpus`. Model selection: `npx tsx claims/fit/select.ts --corpus ../shared/corpus`.');
  w(`Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}; load average at the end ${loadavg().map((x) => x.toFixed(1)).join(' / ')} ` +
    `(shared with other jobs, so timings are upper bounds). Run ${new Date().toISOString().slice(0, 16)}Z.`);
  w();
  w('### Ranking: CheckThat! 2020 Task 2 and 2022 Task 2A (English)');
  w();
  w('Gloss ships **plain BM25 over claim text + title (k1 1.2, b 0.75) with the tweet clean-up** (URLs, pic links and emoji removed; ' +
    'hashtags and handles split; the embed signature reduced to author, month, year; run-together hashtags split into known words). ' +
    'The baseline of `gloss eval claims --baseline` is the same thing, so the two rows agree by construction; the v1 matcher ' +
    '(BM25F + a linear reranker fitted on 2020 train) is shown against it. Δ is the paired difference in MAP@5 against the baseline, ' +
    'p a two-sided randomisation test (10,000 sign flips), CI a 95% bootstrap interval (claims/significance.ts). Ties are broken by file order.');
  w();
  w('| set (queries) | system | MAP@5 | MRR | P@1 | Δ MAP@5 | p | 95% CI | p (MRR) | p (P@1) |');
  w('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of reports) {
    const base = r.systems.get('baseline')!;
    for (const [name, s] of r.systems) {
      const m = s.measures;
      const label = name === 'gloss' ? '**Gloss (shipped)**' : name === 'baseline' ? 'plain BM25 baseline' : name;
      if (name === 'baseline') {
        w(`| ${r.set} ${r.split} (${r.queries}) | ${label} | ${f4(m['MAP@5'])} | ${f4(m.MRR)} | ${f4(m['P@1'])} | | | | | |`);
        continue;
      }
      const t = pairedTest(s.perQuery.ap5, base.perQuery.ap5);
      const tm = pairedTest(s.perQuery.rr, base.perQuery.rr);
      const tp = pairedTest(s.perQuery.p1, base.perQuery.p1);
      w(`| ${r.set} ${r.split} (${r.queries}) | ${label} | ${f4(m['MAP@5'])} | ${f4(m.MRR)} | ${f4(m['P@1'])} | ${signed(t.diff)} | ${t.p.toFixed(3)} | ${signed(t.ci[0])} … ${signed(t.ci[1])} | ${tm.p.toFixed(3)} | ${tp.p.toFixed(3)} |`);
    }
  }
  w();
  w('**Leakage, found while building this:** 2022 train holds every 2020 train tweet and every 2020 dev tweet (checked by text), ' +
    'so nothing may be fitted on 2022 train while 2020 dev selects. The fitting tweets are therefore the 800 2020 train tweets, scored ' +
    'against each claim collection (2022 qrels exist for all of them). 2022 dev shares 2 tweets with 2020 train; dev-test shares none.');
  w();
  w('#### What was tried, and what each did on each set');
  w();
  w('Rule (issue 15): chosen on the fitting tweets, kept only if it then beats the baseline on **both** dev sets with a significant ' +
    'paired difference (p < 0.05). dev-test was never used to choose anything (its figures for v1 and the baseline were printed once, by the first check of the harness, before any selection).');
  w();
  const v1 = (set: string, split: string): string => {
    const r = reports.find((x) => x.set === set && x.split === split)!;
    const t = pairedTest(r.systems.get('v1 BM25F+rerank')!.perQuery.ap5, r.systems.get('baseline')!.perQuery.ap5);
    return `${signed(t.diff)} (p ${t.p.toFixed(2)})`;
  };
  const sub = (split: string): string => {
    const s = subtitle.find((x) => x.split === split)!;
    return `${signed(s.t.diff)} (p ${s.t.p.toFixed(3)})`;
  };
  w('| component | fitting tweets | 2020 dev Δ MAP@5 | 2022 dev Δ MAP@5 | verdict |');
  w('|---|---|---|---|---|');
  w(`| v1 BM25F + linear reranker (20 features; fitted on 2020 train) | 2020 train +0.0047 (p 0.07; in-sample) | ${v1('2020', 'dev')} | ${v1('2022', 'dev')} | not significant on either: **dropped** |`);
  w('| the same reranker refitted on both fitting sets together (2020 train tweets against the 2020 and the 2022 claims; claims/fit/select.ts) | 2020 train +0.0057 (p 0.02), 2022 fit +0.0034 (p 0.16) | +0.0136 (p 0.023) | +0.0004 (p 1.00) | significant on 2020 dev only: **dropped** |');
  w('| BM25F field weights and parameters (k1 0.9–2.0 × title weight 0.5–1.5 × b 0.5–0.9, 36 settings) | best 0.8712 mean MAP@5 vs 0.8716 for plain BM25 | — | — | nothing beats the baseline where it is chosen: **dropped** (claims/fit/select.ts) |');
  w(`| 2022 subtitle added to the title field | 2022 fit ${sub('fit')} | no subtitle in 2020 | ${sub('dev')} | significant on 2022, **cannot be shown on 2020** (no such field), and Gloss packs have no subtitle (the card's explanation is already indexed as the title): not shipped |`);
  w('| tweet clean-up (v1, kept) | most of the gain over raw text in v1 (plain BM25 on raw tweets ≈ 0.78 on 2020 dev) | in the baseline | in the baseline | part of the baseline |');
  w();
  w('Earlier experiments (v1 sessions, on 2020 only; see git history of this file): word-embedding features and LambdaRank trees ' +
    '(best +0.006 on 2020 dev, within noise), pairwise and coordinate-ascent rerankers, IBM Model 1 translation features, ' +
    'learned term weights, kNN over train tweets, claim expansion with train tweets (hurt), one-edit spelling correction. ' +
    'None would pass the two-set rule either.');
  w();
  w('### Page level: precision and recall of flags, and the threshold');
  w();
  w(`Target: **at most ${TARGET_PER_10_PAGES} false flag per ten news pages, and as much recall as that allows.** Negatives: every sentence ` +
    `of the ${pages.length} corpus news pages (articles/readability/*/source.html, text as the content script would send it, nav and ` +
    `footers included; all matched against the English index, even lemonde/heise/qq, which the language routing would not). ` +
    `Positives: the ${fitScores.positives.length} fitting tweets (2020 train) read as pages, against the 14,231 2022 claims; a positive is recalled when ` +
    `its gold claim is flagged. Flag = the gates of claims/weights.ts (≥ ${GATES.minSentenceTerms} content words, ≥ ${GATES.minSharedTerms} shared with the claim, ` +
    `one in lower case, ≥ ${GATES.minClaimCoverage * 100}% of the claim\'s IDF mass) and then confidence ≥ threshold. Precision counts every flag ` +
    '(gold, wrong claim on a tweet, any news sentence) over this pool, so it depends on the pool\'s mix.');
  w();
  w('| threshold | recall | false flags on news pages | per 10 pages | wrong claim on tweets | precision |');
  w('|---|---|---|---|---|---|');
  for (const p of points) {
    const mark = p.threshold === chosen?.threshold ? ' ← chosen' : '';
    w(`| ${p.threshold.toFixed(2)}${mark} | ${(100 * p.recall).toFixed(1)}% | ${p.falseOnPages} | ${p.falsePer10Pages.toFixed(2)} | ${p.wrongOnPositives} | ${(100 * p.precision).toFixed(1)}% |`);
  }
  w();
  w(chosen
    ? `Chosen by the target: **${chosen.threshold.toFixed(2)}** (recall ${(100 * chosen.recall).toFixed(1)}%, ${chosen.falsePer10Pages.toFixed(2)} false flags per ten pages). ` +
      `Shipped (claims/weights.ts THRESHOLD): **${THRESHOLD}**${Math.abs(chosen.threshold - THRESHOLD) < 1e-9 ? ', the same' : ' — DIFFERENT from the chosen one: update weights.ts'}. ` +
      `With ${pages.length} pages the target allows ${Math.floor((TARGET_PER_10_PAGES * pages.length) / 10)} false flag(s) in all, so the estimate is coarse.`
    : 'No threshold meets the target.');
  w();
  w('Recall at the shipped threshold (tweets read as pages; the dev rows are held out). The news pages chose the threshold, so its ' +
    'false-flag rate is an in-sample figure: no held-out news pages are in the corpus.');
  w();
  w('| tweets | recall | wrong claim flagged |');
  w('|---|---|---|');
  w(`| fitting tweets (2020 train), 14,231 claims | ${(100 * shippedPoint.recall).toFixed(1)}% | ${shippedPoint.wrongOnPositives} |`);
  for (const h of heldOut) w(`| ${h.name} | ${(100 * h.at.recall).toFixed(1)}% | ${h.at.wrongOnPositives} of ${h.s.positives.length} |`);
  w();
  const falseFlags = fitScores.negatives.filter((n) => n.confidence >= THRESHOLD);
  w(falseFlags.length ? 'News sentences flagged at the shipped threshold (false flags), so a reader can judge them:' : 'No news sentence is flagged at the shipped threshold.');
  w();
  const byId = new Map(set22.claims.map((c) => [c.id, c.text]));
  const near = [...fitScores.negatives].sort((a, b) => b.confidence - a.confidence).slice(0, Math.max(5, falseFlags.length));
  for (const n of near) {
    const s = n.sentence.replace(/\s+/gu, ' ');
    w(`- ${n.confidence >= THRESHOLD ? '**flagged**' : 'not flagged'} (${n.confidence.toFixed(3)}), ${n.page}: “${s.length > 200 ? s.slice(0, 200) + '…' : s}” → “${byId.get(n.id) ?? n.id}”`);
  }
  w();
  w('### Portuguese: FACTCK.BR ClaimReview records');
  w();
  w(`${pt.records} real ClaimReview records from Aos Fatos, Lupa and Truco (claimreview/factck-br). The index holds each record\'s claimReviewed (as Gloss ` +
    'indexes an imported ClaimReview); each fact-check\'s headline (site suffix removed) is the query, since a headline restates the claim ' +
    'in news prose, often negated ("É falso que Dilma gastou R$ 73 milhões em salão de beleza"). Relevant: the record\'s own claim and verbatim repeats.');
  w();
  w('| analyser | MAP@5 | MRR | P@1 |');
  w('|---|---|---|---|');
  w(`| Portuguese (Snowball stemmer + stop words, shipped for pt) | ${f4(pt.measures.pt['MAP@5'])} | ${f4(pt.measures.pt.MRR)} | ${f4(pt.measures.pt['P@1'])} |`);
  w(`| English analyser on Portuguese text (what v1 did) | ${f4(pt.measures.en['MAP@5'])} | ${f4(pt.measures.en.MRR)} | ${f4(pt.measures.en['P@1'])} |`);
  w();
  w(`Paired difference in MAP@5: ${signed(pt.test.diff)} (p ${pt.test.p.toFixed(4)}, 95% CI ${signed(pt.test.ci[0])} … ${signed(pt.test.ci[1])}). ` +
    `Headlines flagged as page sentences at the shipped threshold: ${pt.flaggedGold} of ${pt.records} with their own claim ` +
    `(${((100 * pt.flaggedGold) / pt.records).toFixed(1)}%), ${pt.flaggedWrong} with another claim; reading the first of those, most are the same claim ` +
    'reviewed twice in slightly different words ("Bolsonaro assina decreto que proíbe drogas em universidades" against "… proíbe o consumo de drogas …"), ' +
    'which the verbatim-repeat rule does not count as the same claim. The confidence model was fitted on English tweets; ' +
    'no Portuguese news pages are in the corpus, so Portuguese false flags are not measured.');
  w();
  w('### Speed and size (14,231 claims, CheckThat! 2022 2A)');
  w();
  pageTimes.sort((a, b) => b.ms - a.ms);
  w('| measure | value |');
  w('|---|---|');
  w(`| build | ${buildMs.toFixed(0)} ms |`);
  w(`| serialized index | ${(bytes.length / 1024).toFixed(0)} KiB (${bytes.length.toLocaleString('en')} bytes), **${(bytes.length / set22.claims.length).toFixed(0)} bytes per claim** |`);
  w(`| index load (median of 5) | ${quantile(loadTimes, 0.5).toFixed(1)} ms |`);
  w(`| matchSentences per news sentence | **median ${quantile(sentenceTimes, 0.5).toFixed(3)} ms, p95 ${quantile(sentenceTimes, 0.95).toFixed(3)} ms** (${sentenceTimes.length} sentences) |`);
  w(`| matchSentences per page (median of 3 runs each) | slowest ${pageTimes[0]?.name} ${pageTimes[0]?.ms.toFixed(0)} ms (${pageTimes[0]?.sentences} sentences), median ${quantile(pageTimes.map((p) => p.ms).sort((a, b) => a - b), 0.5).toFixed(0)} ms |`);
  w();
  w('Matching runs in the background (service worker / event page), not on the page\'s main thread; a page whose matching took over 50 ms ' +
    'delays its highlights, not the page.');
  w();
  w('<!-- claims:end -->');
  const section = L.join('\n');
  process.stdout.write(section + '\n');
  if (!process.argv.includes('--no-write')) {
    let doc = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '# Benchmarks\n';
    const begin = doc.indexOf('<!-- claims:begin -->');
    const end = doc.indexOf('<!-- claims:end -->');
    if (begin >= 0 && end > begin) doc = doc.slice(0, begin) + section + doc.slice(end + '<!-- claims:end -->'.length);
    else doc = doc.replace(/\s*$/u, '\n\n') + section + '\n';
    writeFileSync(outFile, doc);
    progress(`wrote ${outFile}`);
  }
}

await main();
