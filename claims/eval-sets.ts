/**
 * The claim-retrieval benchmarks Gloss is measured on, read from the shared
 * corpus: CheckThat! 2020 Task 2 and CheckThat! 2022 Task 2A (English).
 * Node-only (reads files); used by `gloss eval claims --corpus`, bench/claims.ts
 * and claims/fit.
 *
 * Leakage, checked by tweet text: 2022 train holds all 800 2020 train tweets
 * and all 197 2020 dev tweets. So nothing may be fitted on 2022 train while
 * 2020 dev is used for selection; the fitting set is the 2020 train tweets
 * (scored against either claim collection), and `fit` below is 2022 train
 * restricted to those tweets.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClaimDoc } from './index.ts';
import { parseClaims, parseQrels, parseQueries } from './checkthat.ts';

export interface QuerySplit {
  queries: { id: string; text: string }[];
  qrels: Map<string, Set<string>>;
}

export interface ClaimSet {
  name: 'CheckThat! 2020' | 'CheckThat! 2022 2A';
  short: '2020' | '2022';
  claims: (ClaimDoc & { subtitle?: string })[];
  /** 2020: train, dev. 2022: fit (the 2020 train tweets), dev, dev-test. */
  splits: Map<string, QuerySplit>;
}

const norm = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

function split(dir: string, queries: string, qrels: string): QuerySplit {
  const read = (f: string): string => readFileSync(join(dir, f), 'utf8');
  return { queries: parseQueries(read(queries)), qrels: parseQrels(read(qrels)) };
}

/** Both benchmarks under `corpus` (the shared corpus folder); throws with the missing path. */
export function loadClaimSets(corpus: string): ClaimSet[] {
  const d20 = join(corpus, 'claims', 'checkthat-2020');
  const d22 = join(corpus, 'claims', 'checkthat-2022-2a');
  for (const d of [d20, d22]) {
    if (!existsSync(join(d, 'verified_claims.docs.tsv'))) throw new Error(`no verified_claims.docs.tsv in ${d}: is --corpus the shared corpus folder?`);
  }
  const train20 = split(d20, 'train/tweets.queries.tsv', 'train/tweet-vclaim-pairs.qrels');
  const set20: ClaimSet = {
    name: 'CheckThat! 2020',
    short: '2020',
    claims: parseClaims(readFileSync(join(d20, 'verified_claims.docs.tsv'), 'utf8')),
    splits: new Map([
      ['train', train20],
      ['dev', split(d20, 'dev/tweets.queries.tsv', 'dev/tweet-vclaim-pairs.qrels')],
    ]),
  };
  const train22 = split(d22, 'train.queries.tsv', 'train.qrels');
  const fitTexts = new Set(train20.queries.map((q) => norm(q.text)));
  const fitQueries = train22.queries.filter((q) => fitTexts.has(norm(q.text)));
  const set22: ClaimSet = {
    name: 'CheckThat! 2022 2A',
    short: '2022',
    claims: parseClaims(readFileSync(join(d22, 'verified_claims.docs.tsv'), 'utf8')),
    splits: new Map([
      ['fit', { queries: fitQueries, qrels: new Map(fitQueries.filter((q) => train22.qrels.has(q.id)).map((q) => [q.id, train22.qrels.get(q.id)!])) }],
      ['dev', split(d22, 'dev.queries.tsv', 'dev.qrels')],
      ['dev-test', split(d22, 'dev-test.queries.tsv', 'dev-test.qrels')],
    ]),
  };
  return [set20, set22];
}
