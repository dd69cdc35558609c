import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { evaluate, formatRun, parseClaims, parseQrels, parseQueries, type Run } from '../../../claims/checkthat.ts';
import { run, usage } from '../../../cli/commands/eval.ts';

const fixturePath = (name: string): string => fileURLToPath(new URL(`../../fixtures/claims/${name}`, import.meta.url));

describe('CheckThat! formats', () => {
  it('parses claims with CSV-quoted fields', () => {
    const claims = parseClaims('\tvclaim\ttitle\n2\t"A ""Trump"" meme."\tDoes This Meme?\n3\tPlain.\tTitle\n');
    expect(claims).toEqual([
      { id: '2', text: 'A "Trump" meme.', title: 'Does This Meme?' },
      { id: '3', text: 'Plain.', title: 'Title' },
    ]);
  });

  it('parses queries and qrels', () => {
    expect(parseQueries('\ttweet_content\n7\thello world\n')).toEqual([{ id: '7', text: 'hello world' }]);
    const q = parseQrels('1\t0\t394\t1\n1\t0\t5\t1\n2 0 670 1\n3 0 9 0\n');
    expect([...q.get('1')!]).toEqual(['394', '5']);
    expect(q.has('3')).toBe(false);
  });

  it('reads the fixture files', () => {
    expect(parseClaims(readFileSync(fixturePath('verified_claims.sample.tsv'), 'utf8'))).toHaveLength(196);
    expect(parseQueries(readFileSync(fixturePath('tweets.sample.tsv'), 'utf8'))).toHaveLength(30);
  });
});

describe('evaluate', () => {
  const qrels = new Map([
    ['a', new Set(['1'])],
    ['b', new Set(['2'])],
    ['c', new Set(['3', '4'])],
    ['d', new Set(['5'])],
  ]);
  const r = (...ids: string[]): { id: string; score: number }[] => ids.map((id, i) => ({ id, score: 10 - i }));
  const runs: Run = new Map([
    ['a', r('1', 'x')], // AP 1
    ['b', r('x', 'y', '2')], // rank 3
    ['c', r('3', 'x', '4')], // (1 + 2/3) / 2
    ['d', r('x', 'y', 'z', 'w', 'v', '5')], // rank 6: outside @5
  ]);
  const m = evaluate(runs, qrels);
  it('computes MAP@k as CheckThat! does (divided by the number of relevant claims)', () => {
    expect(m['MAP@1']).toBeCloseTo((1 + 0 + 0.5 + 0) / 4);
    expect(m['MAP@3']).toBeCloseTo((1 + 1 / 3 + (1 + 2 / 3) / 2 + 0) / 4);
    expect(m['MAP@5']).toBeCloseTo(m['MAP@3']);
  });
  it('computes MRR and P@1', () => {
    expect(m.MRR).toBeCloseTo((1 + 1 / 3 + 1 + 1 / 6) / 4);
    expect(m['P@1']).toBeCloseTo(2 / 4);
  });
  it('scores a query missing from the run as 0', () => {
    expect(evaluate(new Map(), qrels)['MAP@5']).toBe(0);
  });
  it('formats TREC runs', () => {
    expect(formatRun(new Map([['q1', r('7', '8')]]), 'tag')).toBe('q1\tQ0\t7\t1\t10.000000\ttag\nq1\tQ0\t8\t2\t9.000000\ttag\n');
  });
});

describe('gloss eval claims', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gloss-eval-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has a usage line', () => {
    expect(usage).toMatch(/^gloss eval claims --corpus DIR/);
    expect(usage).toMatch(/gloss eval claims --claims FILE --queries FILE/);
  });

  it('writes a TREC run and prints the measures', async () => {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
      out.push(String(s));
      return true;
    });
    const runFile = join(dir, 'run.tsv');
    const code = await run([
      'claims',
      '--claims', fixturePath('verified_claims.sample.tsv'),
      '--queries', fixturePath('tweets.sample.tsv'),
      '--qrels', fixturePath('qrels.sample.qrels'),
      '--run', runFile,
    ]);
    spy.mockRestore();
    expect(code).toBe(0);
    const text = out.join('');
    for (const k of ['MAP@1', 'MAP@3', 'MAP@5', 'MRR', 'P@1']) expect(text).toContain(k);
    const lines = readFileSync(runFile, 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^1\tQ0\t\d+\t1\t-?[\d.]+\tgloss$/);
    const map5 = Number(/MAP@5\s+([\d.]+)/.exec(text)![1]);
    expect(map5).toBeGreaterThan(0.8);
  });

  it('runs the plain BM25 baseline', async () => {
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const runFile = join(dir, 'base.tsv');
    const code = await run([
      'claims', '--baseline',
      '--claims', fixturePath('verified_claims.sample.tsv'),
      '--queries', fixturePath('tweets.sample.tsv'),
      '--run', runFile,
    ]);
    spy.mockRestore();
    expect(code).toBe(0);
    expect(readFileSync(runFile, 'utf8')).toContain('\tgloss-bm25\n');
  });

  it('fails with usage on bad arguments', async () => {
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await run(['claims', '--queries', 'x'])).toBe(2);
    expect(await run(['other'])).toBe(2);
    expect(await run(['claims', '--claims', join(dir, 'missing'), '--queries', join(dir, 'missing')])).toBe(1);
    spy.mockRestore();
  });
});
