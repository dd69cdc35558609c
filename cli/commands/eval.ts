/**
 * `gloss eval claims`: ranks CheckThat! queries against verified claims with
 * the same ClaimIndex the extension runs. With --corpus, both benchmarks
 * (CheckThat! 2020 and 2022 2A) and a paired test of Gloss against the plain
 * baseline; with --claims/--queries, one file set, a TREC run and measures.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { ClaimIndex } from '../../claims/index.ts';
import { evaluate, formatRun, parseClaims, parseQrels, parseQueries, type Run } from '../../claims/checkthat.ts';
import { compareSystems, loadClaimSets, SYSTEMS } from '../../claims/eval-sets.ts';
import { pairedTest } from '../../claims/significance.ts';

export const usage = `gloss eval claims --corpus DIR
    Both benchmarks under DIR (the shared corpus: claims/checkthat-2020 and claims/checkthat-2022-2a):
    2020 dev, 2022 dev and 2022 dev-test, for Gloss's matcher, the plain BM25 baseline and the v1
    BM25F + reranker, with MAP@5, MRR, P@1 and a paired randomisation test against the baseline.
gloss eval claims --claims FILE --queries FILE [--qrels FILE] [--run OUT] [--baseline] [--depth N]
    Rank each query (tweets.queries.tsv) against the verified claims (verified_claims.docs.tsv)
    with the extension's claim matcher (or plain BM25 over claim+title with --baseline),
    write a TREC run (qid Q0 docid rank score tag) to OUT, and with --qrels print
    MAP@1, MAP@3, MAP@5, MRR and P@1.`;

function evalCorpus(corpus: string): number {
  let sets;
  try {
    sets = loadClaimSets(corpus);
  } catch (e) {
    process.stderr.write(`gloss eval: ${(e as Error).message}\n`);
    return 1;
  }
  const indexes = new Map(sets.map((s) => [s.short, ClaimIndex.build(s.claims)]));
  const reports = compareSystems(sets, SYSTEMS, (s) => indexes.get(s.short)!);
  const w = (s: string): boolean => process.stdout.write(s + '\n');
  w('set/split             system            MAP@5   MRR     P@1     ΔMAP@5 vs baseline (p, 95% CI)');
  for (const r of reports) {
    const base = r.systems.get('baseline')!;
    for (const [name, s] of r.systems) {
      const t = pairedTest(s.perQuery.ap5, base.perQuery.ap5);
      const cmp = name === 'baseline' ? '' : `${t.diff >= 0 ? '+' : ''}${t.diff.toFixed(4)} (p ${t.p.toFixed(3)}, ${t.ci[0].toFixed(4)}..${t.ci[1].toFixed(4)})`;
      const m = s.measures;
      w(`${`${r.set} ${r.split} (${r.queries})`.padEnd(22)}${name.padEnd(18)}${m['MAP@5'].toFixed(4)}  ${m.MRR.toFixed(4)}  ${m['P@1'].toFixed(4)}  ${cmp}`);
    }
  }
  return 0;
}

interface Args {
  claims?: string;
  queries?: string;
  qrels?: string;
  run?: string;
  baseline: boolean;
  depth: number;
}

function parseArgs(args: string[]): Args | string {
  const out: Args = { baseline: false, depth: 100 };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string | undefined => args[++i];
    switch (a) {
      case '--claims': out.claims = value(); break;
      case '--queries': out.queries = value(); break;
      case '--qrels': out.qrels = value(); break;
      case '--run': out.run = value(); break;
      case '--baseline': out.baseline = true; break;
      case '--depth': out.depth = Number(value()); break;
      default: return `unknown argument ${a}`;
    }
  }
  if (!out.claims || !out.queries) return '--claims and --queries are required';
  if (!Number.isInteger(out.depth) || out.depth < 1 || out.depth > 1000) return '--depth must be 1..1000';
  return out;
}

export async function run(args: string[]): Promise<number> {
  const [what, ...rest] = args;
  if (what !== 'claims') {
    process.stderr.write(`usage: ${usage}\n`);
    return 2;
  }
  if (rest[0] === '--corpus') {
    if (!rest[1] || rest.length > 2) {
      process.stderr.write(`gloss eval: --corpus takes one folder and nothing else\nusage: ${usage}\n`);
      return 2;
    }
    return evalCorpus(rest[1]);
  }
  const parsed = parseArgs(rest);
  if (typeof parsed === 'string') {
    process.stderr.write(`gloss eval: ${parsed}\nusage: ${usage}\n`);
    return 2;
  }
  let claimsText: string;
  let queriesText: string;
  let qrelsText: string | undefined;
  try {
    claimsText = readFileSync(parsed.claims!, 'utf8');
    queriesText = readFileSync(parsed.queries!, 'utf8');
    qrelsText = parsed.qrels ? readFileSync(parsed.qrels, 'utf8') : undefined;
  } catch (e) {
    process.stderr.write(`gloss eval: ${(e as Error).message}\n`);
    return 1;
  }
  const index = ClaimIndex.build(parseClaims(claimsText));
  const queries = parseQueries(queriesText);
  const runs: Run = new Map();
  for (const q of queries) {
    runs.set(q.id, parsed.baseline ? index.rankBm25(q.text, parsed.depth) : index.rank(q.text, parsed.depth));
  }
  const tag = parsed.baseline ? 'gloss-bm25' : 'gloss';
  if (parsed.run) writeFileSync(parsed.run, formatRun(runs, tag));
  process.stdout.write(`${queries.length} queries ranked against ${index.size} claims (${tag})\n`);
  if (qrelsText !== undefined) {
    const m = evaluate(runs, parseQrels(qrelsText));
    for (const k of ['MAP@1', 'MAP@3', 'MAP@5', 'MRR', 'P@1'] as const) {
      process.stdout.write(`${k.padEnd(6)} ${m[k].toFixed(4)}\n`);
    }
  }
  return 0;
}
