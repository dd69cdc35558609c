import { describe, expect, it } from 'vitest';
import { QuoteMatcher } from '../../../matching/index.ts';

const claim = 'My NYPD will continue to not be of assistance to ICE.';

describe('QuoteMatcher', () => {
  const q = QuoteMatcher.build([
    { text: claim, claimId: 'c1' },
    { text: '"the single largest deportation force in American history"', claimId: 'c2' },
    { text: 'the single largest deportation force in American history', claimId: 'c3' },
  ]);

  it('tolerates quotation marks, punctuation, case and whitespace', () => {
    const text = 'He said, “my NYPD will continue to not be of assistance to ICE” — again.';
    const [m] = q.match(text);
    expect(m?.claimIds).toEqual(['c1']);
    expect(text.slice(m!.start, m!.end)).toBe('my NYPD will continue to not be of assistance to ICE');
  });

  it('tolerates line breaks and curly apostrophes', () => {
    const q2 = QuoteMatcher.build([{ text: "We won't cooperate", claimId: 'w' }]);
    expect(q2.match('“We won’t\ncooperate,” she said')).toHaveLength(1);
  });

  it('merges claims that share a wording', () => {
    const [m] = q.match('to create "the single largest deportation force in American history."');
    expect(m?.claimIds).toEqual(['c2', 'c3']);
  });

  it('matches a Thai quote inside running Thai text', () => {
    const th = QuoteMatcher.build([{ text: 'ฉันชอบกินข้าว', claimId: 't' }]);
    expect(th.match('เขาบอกว่า “ฉันชอบกินข้าว” เมื่อวาน')[0]?.claimIds).toEqual(['t']);
  });

  it('does not match partial quotes or quotes cut mid-word', () => {
    expect(q.match('my NYPD will continue to not be of assistance')).toEqual([]);
    expect(q.match('my NYPD will continue to not be of assistance to ICEland')).toEqual([]);
  });
});
