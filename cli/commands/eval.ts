/**
 * `gloss eval claims`: ranks CheckThat! 2020 Task 2 queries against verified
 * claims with the same ClaimIndex the extension runs, writes a TREC run and,
 * given qrels, prints the task's measures.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { ClaimIndex } from '../../claims/index.ts';
import { evaluate, formatRun, parseClaims, parseQrels, parseQueries, type Run } from '../../claims/checkthat.ts';

export const usage = `gloss eval claims --claims FILE --queries FILE [--qrels FILE] [--run OUT] [--baseline] [--depth N]
    Rank each query (tweets.queries.tsv) against the verified claims (verified_claims.docs.tsv)
    with the extension's claim matcher (or plain BM25 over claim+title with --baseline),
    write a TREC run (qid Q0 docid rank score tag) to OUT, and with --qrels print
    MAP@1, MAP@3, MAP@5, MRR and P@1.`;

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
