/**
 * QuoteMatcher: finds known claim sentences and quotes in page text, tolerant
 * of quotation marks, punctuation, case, diacritics and whitespace.
 *
 * Both the quotes and the page are reduced to their words (every non-word
 * character is a separator), and matched with the same trie scan as entities.
 * Offsets cover the words of the quote in the original text.
 */
import { allocNormalized, endOf, normalizeKey, normalizeText, type NormalizedText } from './normalize.ts';
import { scanLongest, type ScanHit } from './scan.ts';
import { segmentBoundaries } from './segment-boundaries.ts';
import { CompactTrie } from './trie.ts';

export interface QuoteEntry {
  text: string;
  claimId: string;
}

export interface QuoteMatch {
  start: number;
  end: number;
  claimIds: string[];
}

export class QuoteMatcher {
  private scratch: NormalizedText = allocNormalized(1024);

  private constructor(
    private readonly trie: CompactTrie,
    private readonly claims: string[][],
  ) {}

  static build(entries: Iterable<QuoteEntry>): QuoteMatcher {
    const byKey = new Map<string, string[]>();
    for (const e of entries) {
      const key = normalizeKey(e.text, true);
      if (key === '') continue;
      const list = byKey.get(key);
      if (list === undefined) byKey.set(key, [e.claimId]);
      else if (!list.includes(e.claimId)) list.push(e.claimId);
    }
    const keys = [...byKey.keys()].sort();
    const { trie, terminalKeys } = CompactTrie.build(keys);
    const claims = Array.from(terminalKeys, (k) => byKey.get(keys[k]!)!);
    return new QuoteMatcher(trie, claims);
  }

  match(text: string): QuoteMatch[] {
    const norm = normalizeText(text, true, this.scratch);
    this.scratch = norm.units.length > 1 << 20 ? allocNormalized(1024) : norm;
    const hits: ScanHit<string[]>[] = [];
    scanLongest(this.trie, norm, (t) => this.claims[t] ?? null, hits, segmentBoundaries(text, norm));
    return hits.map((h) => ({ start: norm.start[h.i]!, end: endOf(text, norm, h.j - 1), claimIds: [...h.value] }));
  }
}
