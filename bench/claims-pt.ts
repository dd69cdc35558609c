/**
 * Portuguese claims on real ClaimReview records (FACTCK.BR: Aos Fatos, Lupa,
 * Truco). The index holds each record's claimReviewed, as Gloss indexes an
 * imported ClaimReview; the queries are the fact-checks' headlines (site
 * suffix such as " | Aos Fatos" removed), which restate the claim in news
 * prose, often negated ("É falso que Dilma gastou R$ 73 milhões em salão de
 * beleza"). A headline's relevant claims are its record's claimReviewed and
 * any verbatim repeat of it. The Portuguese analyser is compared with the
 * English one (what Gloss used for every language before).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, perQuery, type Measures, type Run } from '../claims/checkthat.ts';
import { ClaimIndex, type ClaimLanguage } from '../claims/index.ts';
import { pairedTest, type PairedResult } from '../claims/significance.ts';

export interface PortugueseReport {
  records: number;
  measures: Record<'pt' | 'en', Measures>;
  test: PairedResult;
  /** Headlines flagged with their own claim / with another claim, at the shipped threshold (pt index). */
  flaggedGold: number;
  flaggedWrong: number;
}

export function evalPortuguese(corpus: string): PortugueseReport {
  const file = join(corpus, 'claimreview', 'factck-br', 'factckbr.claimreview.jsonl');
  const rows = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { claimReviewed?: string; headline?: string });
  const norm = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const docs: { id: string; text: string }[] = [];
  const queries: { id: string; text: string }[] = [];
  const byText = new Map<string, string[]>();
  rows.forEach((r, i) => {
    const claim = r.claimReviewed?.trim() ?? '';
    const headline = (r.headline ?? '').replace(/\s*\|\s*[^|]*$/u, '').trim();
    if (!claim || !headline) return;
    const id = `r${i}`;
    docs.push({ id, text: claim });
    queries.push({ id, text: headline });
    byText.set(norm(claim), [...(byText.get(norm(claim)) ?? []), id]);
  });
  const qrels = new Map(queries.map((q, i) => [q.id, new Set(byText.get(norm(docs[i]!.text)))]));
  const run = (lang: ClaimLanguage): { run: Run; index: ClaimIndex } => {
    const index = ClaimIndex.build(docs, { lang });
    return { index, run: new Map(queries.map((q) => [q.id, index.rank(q.text, 100)])) };
  };
  const pt = run('pt');
  const en = run('en');
  let flaggedGold = 0;
  let flaggedWrong = 0;
  for (const q of queries) {
    const ids = pt.index.matchSentences(q.text).flatMap((m) => m.candidates.map((c) => c.id));
    if (ids.some((id) => qrels.get(q.id)!.has(id))) flaggedGold++;
    if (ids.some((id) => !qrels.get(q.id)!.has(id))) flaggedWrong++;
  }
  return {
    records: queries.length,
    measures: { pt: evaluate(pt.run, qrels), en: evaluate(en.run, qrels) },
    test: pairedTest(perQuery(pt.run, qrels).ap5, perQuery(en.run, qrels).ap5),
    flaggedGold,
    flaggedWrong,
  };
}
