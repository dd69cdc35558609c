/**
 * Page-level precision and recall of claim flagging (issue 15 item 3).
 * Negatives: every sentence of the corpus news pages (none restates a Snopes
 * claim; the flagged ones are listed in the report so a reader can check).
 * Positives: tweets that restate a fact-checked claim, each read as a page.
 * The flagging rule is the shipped one (claims/weights.ts GATES, then a
 * confidence threshold); the threshold is chosen by a stated target: at most
 * one false flag per ten news pages, and the most recall that allows.
 */
import { ClaimIndex } from '../claims/index.ts';

export interface Positive {
  text: string;
  gold: ReadonlySet<string>;
}

/** Best confidence of a gold and of a wrong claim in one positive; best confidence of each news sentence. */
export interface PageScores {
  /** Per positive: [best gold confidence, best wrong confidence] over its sentences (−1 if none passed the gates). */
  positives: [number, number][];
  /** Per news sentence passing the gates: best confidence and the sentence, with its page and claim. */
  negatives: { page: string; sentence: string; id: string; confidence: number }[];
  pages: number;
}

export function scorePages(index: ClaimIndex, pages: { name: string; text: string }[], positives: Positive[]): PageScores {
  const negatives: PageScores['negatives'] = [];
  for (const p of pages) {
    for (const m of index.matchSentences(p.text, { threshold: 0, maxPerSentence: 1 })) {
      const c = m.candidates[0]!;
      negatives.push({ page: p.name, sentence: m.sentence, id: c.id, confidence: c.confidence });
    }
  }
  const pos: [number, number][] = positives.map((q) => {
    let gold = -1;
    let wrong = -1;
    for (const m of index.matchSentences(q.text, { threshold: 0, maxPerSentence: 50 })) {
      for (const c of m.candidates) {
        if (q.gold.has(c.id)) gold = Math.max(gold, c.confidence);
        else wrong = Math.max(wrong, c.confidence);
      }
    }
    return [gold, wrong];
  });
  return { positives: pos, negatives, pages: pages.length };
}

export interface CurvePoint {
  threshold: number;
  /** Share of positives whose gold claim is flagged. */
  recall: number;
  /** News-page sentences flagged (all false). */
  falseOnPages: number;
  falsePer10Pages: number;
  /** Positives where a wrong claim is flagged. */
  wrongOnPositives: number;
  /** Correct flags / all flags, over the positives and the news pages together. */
  precision: number;
}

export function curve(s: PageScores, thresholds: number[]): CurvePoint[] {
  return thresholds.map((t) => {
    const hits = s.positives.filter(([g]) => g >= t).length;
    const wrong = s.positives.filter(([, w]) => w >= t).length;
    const falseOnPages = s.negatives.filter((n) => n.confidence >= t).length;
    const flags = hits + wrong + falseOnPages;
    return {
      threshold: t,
      recall: s.positives.length ? hits / s.positives.length : 0,
      falseOnPages,
      falsePer10Pages: (10 * falseOnPages) / Math.max(1, s.pages),
      wrongOnPositives: wrong,
      precision: flags ? hits / flags : 1,
    };
  });
}

/** The lowest threshold (most recall) whose false flags stay within `maxPer10Pages`. */
export function chooseThreshold(points: CurvePoint[], maxPer10Pages: number): CurvePoint | undefined {
  const ok = points.filter((p) => p.falsePer10Pages <= maxPer10Pages);
  return ok.sort((a, b) => b.recall - a.recall || a.falseOnPages - b.falseOnPages || b.threshold - a.threshold)[0];
}
