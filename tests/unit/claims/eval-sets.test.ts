/**
 * `gloss eval claims --corpus`: both benchmarks read from a corpus laid out as
 * the shared one, built here from the CheckThat! sample fixtures (the 30 sample
 * tweets split between the sets as the real files are: 2022 train repeats every
 * 2020 tweet).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadClaimSets } from '../../../claims/eval-sets.ts';
import { run } from '../../../cli/commands/eval.ts';

const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`../../fixtures/claims/${name}`, import.meta.url)), 'utf8');
const claims = fixture('verified_claims.sample.tsv').trim().split('\n');
const tweets = fixture('tweets.sample.tsv').trim().split('\n').slice(1);
const qrels = fixture('qrels.sample.qrels').trim().split('\n');

const root = mkdtempSync(join(tmpdir(), 'gloss-corpus-'));
const c20 = join(root, 'claims', 'checkthat-2020');
const c22 = join(root, 'claims', 'checkthat-2022-2a');
const write = (path: string, lines: string[]): void => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, lines.join('\n') + '\n');
};
const header = 'tweet_id\ttweet_content';
// 2020: train = tweets 1–15, dev = 16–30.
write(join(c20, 'verified_claims.docs.tsv'), claims);
write(join(c20, 'train', 'tweets.queries.tsv'), [header, ...tweets.slice(0, 15)]);
write(join(c20, 'train', 'tweet-vclaim-pairs.qrels'), qrels.slice(0, 15));
write(join(c20, 'dev', 'tweets.queries.tsv'), [header, ...tweets.slice(15)]);
write(join(c20, 'dev', 'tweet-vclaim-pairs.qrels'), qrels.slice(15));
// 2022: other ids and two more columns; train holds all 30 tweets, dev 16–30, dev-test 1–10.
const id22 = (line: string): string => line.replace(/^(\d+)/u, 'tweet-sno-$1');
write(join(c22, 'verified_claims.docs.tsv'), [
  'vclaim_id\tvclaim\ttitle\tsubtitle\tauthor\tdate',
  ...claims.slice(1).map((l) => `${l.replace(/^(\d+)/u, 'vclaim-sno-$1')}\tRumor: a subtitle\tDavid Mikkelson\t26 May 2015`),
]);
const qrels22 = (lines: string[]): string[] => lines.map((l) => id22(l).replace(/\t(\d+)\t1$/u, '\tvclaim-sno-$1\t1'));
write(join(c22, 'train.queries.tsv'), [header, ...tweets.map(id22)]);
write(join(c22, 'train.qrels'), qrels22(qrels));
write(join(c22, 'dev.queries.tsv'), [header, ...tweets.slice(15).map(id22)]);
write(join(c22, 'dev.qrels'), qrels22(qrels.slice(15)));
write(join(c22, 'dev-test.queries.tsv'), [header, ...tweets.slice(0, 10).map(id22)]);
write(join(c22, 'dev-test.qrels'), qrels22(qrels.slice(0, 10)));

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the two benchmarks', () => {
  it('reads both claim collections, the 2022 subtitle, and fits only on tweets 2020 dev does not hold', () => {
    const [s20, s22] = loadClaimSets(root);
    expect(s20!.claims).toHaveLength(claims.length - 1);
    expect(s22!.claims[0]!.subtitle).toBe('Rumor: a subtitle');
    expect([...s20!.splits.keys()]).toEqual(['train', 'dev']);
    expect([...s22!.splits.keys()]).toEqual(['fit', 'dev', 'dev-test']);
    // 2022 train holds the 2020 dev tweets too; the fitting split keeps only the 2020 train ones.
    expect(s22!.splits.get('fit')!.queries.map((q) => q.id)).toEqual(tweets.slice(0, 15).map((t) => `tweet-sno-${t.split('\t')[0]}`));
    expect(s22!.splits.get('fit')!.qrels.size).toBe(15);
  });

  it('says which folder is missing', () => {
    expect(() => loadClaimSets(join(root, 'nowhere'))).toThrow(/checkthat-2020.*--corpus/);
  });

  it('gloss eval claims --corpus prints 2020 dev, 2022 dev and 2022 dev-test for Gloss, the baseline and v1, with paired tests', async () => {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
      out.push(String(s));
      return true;
    });
    const code = await run(['claims', '--corpus', root]);
    spy.mockRestore();
    expect(code).toBe(0);
    const rows = out.join('').trim().split('\n').slice(1);
    expect(rows).toHaveLength(9);
    const row = (split: string, system: string): string[] => rows.find((r) => r.startsWith(split) && r.includes(` ${system} `))!.split(/\s{2,}/u);
    for (const split of ['2020 dev (15)', '2022 dev (15)', '2022 dev-test (10)']) {
      // Gloss ships the baseline, so their measures agree and the test finds no difference.
      expect(row(split, 'gloss').slice(2, 5)).toEqual(row(split, 'baseline').slice(2, 5));
      expect(rows.find((r) => r.startsWith(split) && r.includes('gloss'))).toMatch(/\+0\.0000 \(p 1\.000/);
      expect(rows.find((r) => r.startsWith(split) && r.includes('v1 BM25F+rerank'))).toMatch(/\(p [01]\.\d{3}, -?\d\.\d{4}\.\.-?\d\.\d{4}\)/);
      expect(Number(row(split, 'baseline')[2])).toBeGreaterThan(0.5);
    }
  });

  it('refuses --corpus with other arguments', async () => {
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await run(['claims', '--corpus'])).toBe(2);
    expect(await run(['claims', '--corpus', root, '--baseline'])).toBe(2);
    expect(await run(['claims', '--corpus', join(root, 'nowhere')])).toBe(1);
    spy.mockRestore();
  });
});
