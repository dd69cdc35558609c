/**
 * CheckThat! 2020 Task 2 file formats and measures. Pure functions over file
 * contents, shared by `gloss eval claims`, the benchmark and the fitting script.
 */
import type { ClaimDoc } from './index.ts';

function unquote(field: string): string {
  if (field.length >= 2 && field.startsWith('"') && field.endsWith('"')) {
    return field.slice(1, -1).replace(/""/gu, '"');
  }
  return field;
}

/** Rows of a tab-separated file whose fields may be CSV-quoted; the header row is skipped. */
export function parseTsv(content: string, header = true): string[][] {
  const lines = content.split(/\r?\n/u).filter((l) => l.trim() !== '');
  return (header ? lines.slice(1) : lines).map((l) => l.split('\t').map(unquote));
}

/**
 * verified_claims.docs.tsv: vclaim_id, vclaim, title (2020), then subtitle,
 * author, date (2022 Task 2A). The subtitle is kept apart: whether it helps
 * as a field is measured (docs/benchmarks.md), not assumed.
 */
export function parseClaims(content: string): (ClaimDoc & { subtitle?: string })[] {
  return parseTsv(content).map((r) => {
    const doc: ClaimDoc & { subtitle?: string } = { id: r[0]!.trim(), text: r[1] ?? '', title: r[2] ?? '' };
    if (r[3]) doc.subtitle = r[3];
    return doc;
  });
}

/** tweets.queries.tsv: tweet_id, tweet_content. */
export function parseQueries(content: string): { id: string; text: string }[] {
  return parseTsv(content).map((r) => ({ id: r[0]!.trim(), text: r.slice(1).join('\t') }));
}

/** TREC qrels: `qid 0 docid relevance`; returns the relevant docs of each query. */
export function parseQrels(content: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const line of content.split(/\r?\n/u)) {
    const f = line.trim().split(/\s+/u);
    if (f.length < 4) continue;
    const [q, , d, rel] = f as [string, string, string, string];
    if (Number(rel) <= 0) continue;
    let s = out.get(q);
    if (!s) out.set(q, (s = new Set()));
    s.add(d);
  }
  return out;
}

export type Run = Map<string, { id: string; score: number }[]>;

/** TREC run lines: `qid Q0 docid rank score tag`. */
export function formatRun(run: Run, tag: string): string {
  const lines: string[] = [];
  for (const [q, list] of run) {
    list.forEach((r, i) => lines.push(`${q}\tQ0\t${r.id}\t${i + 1}\t${r.score.toFixed(6)}\t${tag}`));
  }
  return lines.join('\n') + '\n';
}

/** Average precision within the first k of one ranked list (the CheckThat! AP@k). */
export function averagePrecision(list: readonly { id: string }[], rel: ReadonlySet<string>, k: number): number {
  let hits = 0;
  let sum = 0;
  for (let i = 0; i < Math.min(k, list.length); i++) {
    if (rel.has(list[i]!.id)) {
      hits++;
      sum += hits / (i + 1);
    }
  }
  return rel.size ? sum / rel.size : 0;
}

/** Per-query AP@5, reciprocal rank and P@1, in qrels order (for paired significance tests). */
export function perQuery(run: Run, qrels: Map<string, Set<string>>): { ap5: number[]; rr: number[]; p1: number[] } {
  const out = { ap5: [] as number[], rr: [] as number[], p1: [] as number[] };
  for (const [q, rel] of qrels) {
    const list = run.get(q) ?? [];
    out.ap5.push(averagePrecision(list, rel, 5));
    const first = list.findIndex((r) => rel.has(r.id));
    out.rr.push(first >= 0 ? 1 / (first + 1) : 0);
    out.p1.push(list[0] && rel.has(list[0].id) ? 1 : 0);
  }
  return out;
}

export interface Measures {
  'MAP@1': number;
  'MAP@3': number;
  'MAP@5': number;
  MRR: number;
  'P@1': number;
  queries: number;
}

/**
 * CheckThat! 2020 Task 2 measures (as its trectools/trec_eval scorer): AP@k
 * sums precision at each relevant rank within the first k and divides by the
 * query's number of relevant claims; MAP@k is its mean over the queries of the
 * qrels (a query missing from the run scores 0). MRR is over the whole run;
 * P@1 is the share of queries whose first claim is relevant.
 */
export function evaluate(run: Run, qrels: Map<string, Set<string>>): Measures {
  const ap = averagePrecision;
  const m: Measures = { 'MAP@1': 0, 'MAP@3': 0, 'MAP@5': 0, MRR: 0, 'P@1': 0, queries: qrels.size };
  for (const [q, rel] of qrels) {
    const list = run.get(q) ?? [];
    m['MAP@1'] += ap(list, rel, 1);
    m['MAP@3'] += ap(list, rel, 3);
    m['MAP@5'] += ap(list, rel, 5);
    const first = list.findIndex((r) => rel.has(r.id));
    if (first >= 0) m.MRR += 1 / (first + 1);
    if (list[0] && rel.has(list[0].id)) m['P@1'] += 1;
  }
  const n = qrels.size || 1;
  m['MAP@1'] /= n;
  m['MAP@3'] /= n;
  m['MAP@5'] /= n;
  m.MRR /= n;
  m['P@1'] /= n;
  return m;
}
