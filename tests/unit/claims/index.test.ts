import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ClaimIndex, splitSentences, type ClaimDoc } from '../../../claims/index.ts';
import { evaluate, parseClaims, parseQrels, parseQueries, type Run } from '../../../claims/checkthat.ts';

const fixture = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/claims/${name}`, import.meta.url)), 'utf8');

const sampleClaims = parseClaims(fixture('verified_claims.sample.tsv'));
const sampleTweets = parseQueries(fixture('tweets.sample.tsv'));
const sampleQrels = parseQrels(fixture('qrels.sample.qrels'));

const handMade: ClaimDoc[] = [
  {
    id: 'cocaine',
    text: 'Bricks of cocaine washed ashore in Florida after Hurricane Dorian.',
    title: 'Did Bricks of Cocaine Wash Up on Beaches After Hurricane Dorian?',
  },
  {
    id: 'obama-rigged',
    text: 'Former President Barack Obama said the 2016 election was rigged by Russian hackers.',
    title: 'Did Obama Say the 2016 Election Was Rigged by Russian Hackers?',
  },
  {
    id: 'guantanamo',
    text: '122 detainees released from Guantanamo Bay under President Obama have re-engaged in terrorist activities.',
    title: 'Did 122 Prisoners Released from Guantanamo by President Obama Return to the Battlefield?',
  },
  {
    id: 'wombats',
    text: 'Wombats are herding animals into their burrows to escape the wildfires in Australia.',
    title: 'Are Wombats Inviting Animals Into Their Burrows to Escape Australia Fires?',
  },
];

const index = ClaimIndex.build([...handMade, ...sampleClaims]);

describe('ClaimIndex build, serialize and load', () => {
  it('counts its claims', () => {
    expect(index.size).toBe(handMade.length + sampleClaims.length);
  });

  it('rejects duplicate ids', () => {
    expect(() => ClaimIndex.build([{ id: 'a', text: 'x' }, { id: 'a', text: 'y' }])).toThrow(/duplicate/);
  });

  it('serializes to bytes and loads with identical rankings and matches', () => {
    const bytes = index.serialize();
    expect(bytes).toBeInstanceOf(Uint8Array);
    const loaded = ClaimIndex.load(bytes);
    expect(loaded.size).toBe(index.size);
    for (const q of sampleTweets) {
      expect(loaded.rank(q.text, 10)).toEqual(index.rank(q.text, 10));
      expect(loaded.rankBm25(q.text, 10)).toEqual(index.rankBm25(q.text, 10));
    }
    const page = 'After Hurricane Dorian, bricks of cocaine washed up on the beaches of Florida. The weather was nice.';
    expect(loaded.matchSentences(page)).toEqual(index.matchSentences(page));
    // A copy at an odd byte offset loads too.
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(ClaimIndex.load(shifted.subarray(1)).rank(sampleTweets[0]!.text, 5)).toEqual(index.rank(sampleTweets[0]!.text, 5));
  });

  it('rejects bytes that are not an index', () => {
    expect(() => ClaimIndex.load(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]))).toThrow();
  });

  it('handles an empty index and empty queries', () => {
    const empty = ClaimIndex.build([]);
    expect(empty.size).toBe(0);
    expect(empty.rank('anything at all')).toEqual([]);
    expect(ClaimIndex.load(empty.serialize()).matchSentences('Nothing here. Nor here.')).toEqual([]);
    expect(index.rank('')).toEqual([]);
  });
});

describe('ranking', () => {
  it('finds a paraphrase of a claim first', () => {
    const r = index.rank('After Hurricane Dorian, packages of cocaine washed up on Florida beaches', 3);
    expect(r[0]?.id).toBe('cocaine');
  });

  it('ranks the CheckThat! sample tweets well (P@1 and MAP@5)', () => {
    const run: Run = new Map(sampleTweets.map((q) => [q.id, index.rank(q.text, 5)]));
    const m = evaluate(run, sampleQrels);
    expect(m['MAP@5']).toBeGreaterThan(0.8);
    expect(m['P@1']).toBeGreaterThan(0.75);
  });

  it('gives the same head whatever k is', () => {
    for (const q of sampleTweets.slice(0, 10)) {
      const long = index.rank(q.text, 120);
      expect(index.rank(q.text, 5)).toEqual(long.slice(0, 5));
      for (let i = 1; i < long.length; i++) expect(long[i - 1]!.score).toBeGreaterThanOrEqual(long[i]!.score);
    }
  });

  it('returns scores in descending order and at most k results', () => {
    const r = index.rank('Obama Guantanamo detainees terrorist', 4);
    expect(r.length).toBeLessThanOrEqual(4);
    for (let i = 1; i < r.length; i++) expect(r[i - 1]!.score).toBeGreaterThanOrEqual(r[i]!.score);
    expect(r[0]?.id).toBe('guantanamo');
  });
});

describe('matchSentences', () => {
  const best = (text: string, id: string): number => {
    const m = index.matchSentences(text, { threshold: 0, maxPerSentence: 50 });
    return m.flatMap((s) => s.candidates).find((c) => c.id === id)?.confidence ?? 0;
  };

  it('flags the sentence stating a claim, with offsets and shared terms', () => {
    const text = 'Storms hit the coast. After Hurricane Dorian, bricks of cocaine washed ashore in Florida. Officials said.';
    const m = index.matchSentences(text);
    expect(m).toHaveLength(1);
    const s = m[0]!;
    expect(text.slice(s.start, s.end)).toBe(s.sentence);
    expect(s.sentence).toBe('After Hurricane Dorian, bricks of cocaine washed ashore in Florida.');
    expect(s.candidates[0]?.id).toBe('cocaine');
    expect(s.candidates[0]!.confidence).toBeGreaterThan(0.5);
    expect(s.candidates[0]!.confidence).toBeLessThanOrEqual(1);
    expect(s.candidates[0]!.sharedTerms).toEqual(expect.arrayContaining(['Hurricane', 'Dorian', 'cocaine', 'Florida']));
  });

  it('does not flag unrelated sentences', () => {
    const text =
      'The city council approved a new budget for the public library on Tuesday. ' +
      'Obama spoke about the economy in Chicago. Florida has many beaches and the weather was sunny.';
    expect(index.matchSentences(text)).toEqual([]);
  });

  it('does not flag fragments or sentences sharing only names with a claim', () => {
    const idx = ClaimIndex.build([
      { id: 'privacy', text: 'Facebook has deleted all privacy settings and is getting rid of its privacy policy.' },
      { id: 'zuck', text: 'Facebook CEO Mark Zuckerberg has converted to Islam.' },
      // Word rarity (IDF) is part of the confidence, so the two claims sit among others.
      ...sampleClaims,
    ]);
    expect(idx.matchSentences('Privacy Policy\n\nTerms of Service')).toEqual([]);
    expect(idx.matchSentences('Facebook CEO Mark Zuckerberg, the man with the acquisition plan, spoke on Monday.')).toEqual([]);
    expect(idx.matchSentences('Reports say Facebook CEO Mark Zuckerberg has converted to Islam.')[0]?.candidates[0]?.id).toBe('zuck');
  });

  it('scores "X did not say Y" below "X said Y"', () => {
    const said = best('Barack Obama said the 2016 election was rigged by Russian hackers.', 'obama-rigged');
    const notSaid = best('Barack Obama did not say the 2016 election was rigged by Russian hackers.', 'obama-rigged');
    expect(said).toBeGreaterThan(0.5);
    expect(notSaid).toBeLessThan(said);
  });

  it('scores a sentence whose numbers disagree below one whose numbers agree', () => {
    const agree = best('122 detainees released from Guantanamo under Obama have re-engaged in terrorist activities.', 'guantanamo');
    const disagree = best('15 detainees released from Guantanamo under Obama have re-engaged in terrorist activities.', 'guantanamo');
    expect(agree).toBeGreaterThan(disagree);
  });

  it('limits candidates per sentence and orders them best first', () => {
    const m = index.matchSentences('Wombats herd animals into burrows to escape the Australia wildfires.', {
      threshold: 0,
      maxPerSentence: 2,
    });
    expect(m[0]!.candidates.length).toBeLessThanOrEqual(2);
    expect(m[0]!.candidates[0]!.id).toBe('wombats');
    const c = m[0]!.candidates;
    for (let i = 1; i < c.length; i++) expect(c[i - 1]!.confidence).toBeGreaterThanOrEqual(c[i]!.confidence);
  });

  it('re-exports splitSentences', () => {
    expect(splitSentences('One. Two.').map((s) => s.text)).toEqual(['One.', 'Two.']);
  });
});
