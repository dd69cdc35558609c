import { describe, expect, it } from 'vitest';
import { createNote } from '../../../notes';
import { KEYCHECK_ID, PBKDF2_ITERATIONS, WrongPassphraseError, newKeyCheck, openKeyCheck, openNote, sealNote } from '../../../sync/crypto';
import { makeStamp } from '../../../sync/hlc';

const note = createNote(
  { id: 'n-1', pageUrl: 'https://news.example/secret-story', pageTitle: 'Secret story', target: { kind: 'text', quote: 'confidential quote', selectors: [{ type: 'TextQuoteSelector', exact: 'confidential quote' }] }, body: 'my private thoughts', tags: ['hushhush'] },
  { now: '2026-11-30T10:00:00.000Z', stamp: makeStamp(Date.parse('2026-11-30T10:00:00.000Z'), 0, 'laptop') },
);

describe('encrypted note envelopes', () => {
  it('derive the key with PBKDF2-SHA-256 at 600,000 iterations and open only with the same passphrase', async () => {
    const { doc } = await newKeyCheck('correct horse battery staple');
    expect(doc.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: PBKDF2_ITERATIONS });
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const key = await openKeyCheck(doc, 'correct horse battery staple');
    const env = await sealNote(key, 'note:n-1', 1, note);
    expect(await openNote(key, 'note:n-1', env, 'n-1')).toEqual(note);
    await expect(openKeyCheck(doc, 'Correct horse battery staple')).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(openKeyCheck(doc, 'Correct horse battery staple')).rejects.toThrow(/passphrase does not open the notes on this server/);
  }, 20_000);

  it('hide every word of the note, use a fresh nonce per write, and bind the document id and counter', async () => {
    const { doc } = await newKeyCheck('pw', 1000);
    const key = await openKeyCheck(doc, 'pw', 1000);
    const a = await sealNote(key, 'note:n-1', 1, note);
    const b = await sealNote(key, 'note:n-1', 1, note);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ct).not.toBe(b.ct);
    const stored = JSON.stringify({ _id: 'note:n-1', ...a, keycheck: doc });
    for (const word of ['private', 'thoughts', 'confidential', 'hushhush', 'secret', 'news.example', 'Secret']) expect(stored).not.toContain(word);
    // Moved to another document, or replayed under another counter: refused.
    await expect(openNote(key, 'note:n-2', a, 'n-1')).rejects.toThrow(/could not be read/);
    await expect(openNote(key, 'note:n-1', { ...a, n: 2 }, 'n-1')).rejects.toThrow(/could not be read/);
    const flipped = a.ct.slice(0, 10) + (a.ct[10] === 'A' ? 'B' : 'A') + a.ct.slice(11);
    await expect(openNote(key, 'note:n-1', { ...a, ct: flipped }, 'n-1')).rejects.toThrow(/could not be read/);
  });

  it('refuse a key-check document that asks for a weaker key', async () => {
    const { doc } = await newKeyCheck('pw', 1000);
    await expect(openKeyCheck(doc, 'pw')).rejects.toThrow(/key iterations/);
    await expect(openKeyCheck({ v: 2 }, 'pw')).rejects.toThrow(/does not understand/);
    expect(KEYCHECK_ID).toBe('gloss-keycheck');
  });
});
