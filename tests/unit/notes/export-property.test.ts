/**
 * Seeded random notes (odd characters, URLs, tags, targets) must all export to
 * annotations passing the W3C suite's MUST assertions, and come back equal.
 */
import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../../../anchoring';
import { createNote, fromWebAnnotation, toAnnotationCollection, toWebAnnotation, updateNote, type Note, type NoteTarget } from '../../../notes';
import { failures } from './w3c-suite';

function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

const PIECES = ['word', ' ', '\n', 'é', 'Straße', '日本語', '😀', '"quoted"', '<b>html</b>', '**bold**', '[l](https://e.org)', '&amp;', '\\', '#tag', '\u00a0', '  ', 'javascript:alert(1)'];
const URLS = [
  'https://www.example.com/news/story.html?utm_source=x&id=3',
  'https://example.org/straße/über?q=ä ö#frag',
  'http://example.net:8080/a b/c',
  'https://日本.example/記事',
  'https://example.com/',
];

function randomText(rnd: () => number, max: number): string {
  let s = '';
  const n = Math.floor(rnd() * max);
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rnd() * PIECES.length)];
  return s;
}

function randomNote(rnd: () => number, i: number): Note {
  const quote = randomText(rnd, 8) || 'x';
  const start = Math.floor(rnd() * 5000);
  const targets: NoteTarget[] = [
    {
      kind: 'text',
      quote,
      selectors: [
        { type: 'TextQuoteSelector', exact: quote, prefix: randomText(rnd, 4), suffix: randomText(rnd, 4) },
        { type: 'TextPositionSelector', start, end: start + quote.length },
      ],
    },
    { kind: 'page' },
    { kind: 'entity', entityId: `pack:${randomText(rnd, 3)}${i}`, entityName: randomText(rnd, 3) || 'Name' },
  ];
  const n = createNote(
    {
      pageUrl: canonicalUrl(URLS[Math.floor(rnd() * URLS.length)] as string),
      target: targets[Math.floor(rnd() * targets.length)] as NoteTarget,
      body: randomText(rnd, 20),
      tags: Array.from({ length: Math.floor(rnd() * 4) }, () => randomText(rnd, 3)),
    },
    { now: new Date(Date.UTC(2026, 0, 1) + Math.floor(rnd() * 1e10)), random: () => Uint8Array.from({ length: 16 }, () => Math.floor(rnd() * 256)) },
  );
  return rnd() < 0.3 ? updateNote(n, { body: n.body + ' (edited)' }, { now: new Date(Date.parse(n.updated) + 60_000) }) : n;
}

describe('exports of random notes', () => {
  const rnd = prng(42);
  const notes = Array.from({ length: 150 }, (_, i) => randomNote(rnd, i));

  it('all pass the W3C MUST assertions', () => {
    for (const n of notes) {
      const f = failures('annotations/annotationMusts.test', toWebAnnotation(n));
      expect({ note: n, f }).toEqual({ note: n, f: [] });
    }
    const coll = toAnnotationCollection(notes, { id: 'urn:uuid:00000000-0000-4000-8000-000000000000', generated: new Date(0) });
    expect(failures('collections/collectionMusts.test', coll)).toEqual([]);
  }, 60_000);

  it('all come back equal (but for fieldUpdated granularity)', () => {
    const back = fromWebAnnotation(JSON.parse(JSON.stringify(toAnnotationCollection(notes))));
    expect(back.errors).toEqual([]);
    // Exports leave out what carries nothing: empty context strings, blank bodies.
    const strip = ({ fieldUpdated: _f, ...rest }: Note) =>
      JSON.parse(
        JSON.stringify({ ...rest, body: rest.body.trim() ? rest.body : '' }, (k, v: unknown) =>
          (k === 'prefix' || k === 'suffix') && v === '' ? undefined : v,
        ),
      ) as unknown;
    expect(back.notes.map(strip)).toEqual(notes.map(strip));
  });
});
