import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalUrl, describe as describeSelection } from '../../../anchoring';
import {
  createNote,
  deleteNote,
  fromWebAnnotation,
  importWebAnnotationText,
  noteIdFromIri,
  noteIri,
  toAnnotationCollection,
  toWebAnnotation,
  type Note,
} from '../../../notes';
import { PROJECT_ROOT, pageText } from '../anchoring/html-text';
import { failures, lenientParse, sampleNames, sampleText } from './w3c-suite';

const NOW = '2026-11-27T18:00:00.000Z';
const LATER = '2026-11-27T19:30:00.000Z';
const fixedRandom = (seed: number) => () => Uint8Array.from({ length: 16 }, (_, i) => (seed * 31 + i * 7) & 255);

function sampleNotes(): Note[] {
  const text = pageText('seed/mamdani-nypd-ice.html');
  const quote = 'ICE initiated a recruitment drive targeting NYPD officers';
  const at = text.indexOf(quote);
  const textNote = createNote(
    {
      pageUrl: 'https://www.example-news.com/2025/11/mamdani-nypd-ice',
      pageTitle: 'Mamdani: NYPD will not assist ICE',
      target: { kind: 'text', selectors: describeSelection(text, at, at + quote.length), quote },
      body: 'Is there a **source** for this? See [the post](https://example.org/post).\n\n- one\n- two',
      tags: ['ICE', 'recruiting', ' ice '],
    },
    { now: NOW, random: fixedRandom(1) },
  );
  const edited = createNote(
    { pageUrl: textNote.pageUrl, target: { kind: 'page' }, body: 'Whole article: compare with the city press release.' },
    { now: NOW, random: fixedRandom(2) },
  );
  const pageNote = {
    ...edited,
    ...{ body: 'Whole article: compare with the city press release (updated).' },
    updated: LATER,
  };
  const entityNote = createNote(
    {
      pageUrl: 'https://www.example-news.com/2025/11/mamdani-nypd-ice',
      target: { kind: 'entity', entityId: 'starter:jessica-tisch', entityName: 'Jessica Tisch' },
      body: 'Police commissioner since Nov 2024.',
      tags: ['people'],
    },
    { now: NOW, random: fixedRandom(3) },
  );
  const highlight = createNote(
    {
      id: 'imported note/1 é',
      pageUrl: canonicalUrl('https://de.example.org/artikel/straße?seite=2'),
      target: {
        kind: 'text',
        selectors: [
          { type: 'TextQuoteSelector', exact: 'Straße', prefix: 'die ', suffix: ' ist' },
          { type: 'TextPositionSelector', start: 10, end: 16 },
        ],
        quote: 'Straße',
      },
    },
    { now: NOW },
  );
  const tagsOnly = createNote(
    { pageUrl: 'https://example.com/a', target: { kind: 'page' }, tags: ['later'] },
    { now: NOW, random: fixedRandom(4) },
  );
  return [textNote, pageNote, entityNote, highlight, tagsOnly];
}

describe('toWebAnnotation', () => {
  it('writes the documented shape', () => {
    const [note] = sampleNotes();
    const a = toWebAnnotation(note!);
    expect(a['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(a.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(a.type).toBe('Annotation');
    expect(a.motivation).toBe('commenting');
    expect(a.created).toBe(NOW);
    expect(a.modified).toBe(NOW);
    expect(a.body?.[0]).toEqual({
      type: 'TextualBody',
      value: note!.body,
      format: 'text/markdown',
      purpose: 'commenting',
    });
    expect(a.body?.slice(1)).toEqual([
      { type: 'TextualBody', value: 'ICE', purpose: 'tagging' },
      { type: 'TextualBody', value: 'recruiting', purpose: 'tagging' },
    ]);
    expect(a.target).toMatchObject({
      type: 'SpecificResource',
      source: 'https://www.example-news.com/2025/11/mamdani-nypd-ice',
      selector: [
        { type: 'TextQuoteSelector', exact: 'ICE initiated a recruitment drive targeting NYPD officers' },
        { type: 'TextPositionSelector' },
      ],
    });
  });

  it('every export passes all MUST assertions of the W3C suite (definitions/ schemas)', () => {
    for (const n of sampleNotes()) {
      const a = toWebAnnotation(n);
      expect({ id: n.id, failures: failures('annotations/annotationMusts.test', a) }).toEqual({ id: n.id, failures: [] });
    }
  });

  it('exports pass the suite checks for the optional features Gloss implements', () => {
    const a = toWebAnnotation(sampleNotes()[0]!);
    const optional = [
      'annotations/3.3.1-annotationCreatedImplemented.json',
      'annotations/3.3.1-annotationModifiedImplemented.json',
      'annotations/3.3.1-annotationGeneratorImplemented.json',
      'annotations/3.3.5-annotationMotivationImplemented.json',
    ];
    const all = failures('annotations/annotationOptionals.test', a);
    for (const o of optional) expect(all.filter((f) => f.startsWith(o))).toEqual([]);
  }, 60_000);

  it('still exports valid annotations from odd stored notes', () => {
    const odd: Note = {
      ...sampleNotes()[0]!,
      id: 'x y',
      pageUrl: 'not a url at all',
      created: 'garbage',
      updated: 'Fri, 27 Nov 2026 18:00:00 GMT',
      target: {
        kind: 'text',
        quote: 'q',
        selectors: [
          { type: 'TextPositionSelector', start: -4, end: 2 },
          { type: 'TextQuoteSelector', exact: 'q' },
        ],
      },
    };
    const a = toWebAnnotation(odd);
    expect(failures('annotations/annotationMusts.test', a)).toEqual([]);
    expect(a.created).toBeUndefined();
    expect(a.modified).toBe('2026-11-27T18:00:00.000Z');
    expect(a.target).toMatchObject({ source: 'urn:gloss:page:not%20a%20url%20at%20all', selector: [{ type: 'TextQuoteSelector' }] });
    // Exported, but not taken back: a note's page must be a web address.
    expect(fromWebAnnotation(a).errors.map((e) => e.message)).toEqual([expect.stringMatching(/target: the page must be an http\(s\) address$/)]);
    expect(fromWebAnnotation(toWebAnnotation({ ...odd, pageUrl: 'https://ok.example/a' })).notes[0]!.id).toBe('x y');
    const pageOnly = toWebAnnotation({ ...odd, target: { kind: 'text', quote: '', selectors: [] } });
    expect(pageOnly.target).toBe('urn:gloss:page:not%20a%20url%20at%20all');
  });

  it('maps ids to IRIs and back', () => {
    expect(noteIri('0F8FAD5B-D9CB-469F-A165-70867728950E')).toBe('urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e');
    expect(noteIri('http://example.org/anno1')).toBe('http://example.org/anno1');
    expect(noteIri('my note')).toBe('urn:gloss:note:my%20note');
    for (const id of ['0f8fad5b-d9cb-469f-a165-70867728950e', 'http://example.org/anno1', 'my note', 'é/1']) {
      expect(noteIdFromIri(noteIri(id))).toBe(id);
    }
  });
});

describe('toAnnotationCollection', () => {
  const notes = sampleNotes();
  const deleted = deleteNote(notes[4]!, { now: LATER });
  const coll = toAnnotationCollection([...notes.slice(0, 4), deleted], {
    id: 'https://gloss.example/export/1',
    label: 'My Gloss notes',
    generated: LATER,
  });

  it('is an AnnotationCollection with the first AnnotationPage embedded, deleted notes left out', () => {
    expect(coll.type).toBe('AnnotationCollection');
    expect(coll.total).toBe(4);
    expect(coll.first.type).toBe('AnnotationPage');
    expect(coll.first.id).toBe('https://gloss.example/export/1/page1');
    expect(coll.first.items).toHaveLength(4);
    expect(coll.first.items.every((a) => !('@context' in a))).toBe(true);
  });

  it('passes the W3C collection, page and annotation MUST assertions', () => {
    expect(failures('collections/collectionMusts.test', coll)).toEqual([]);
    expect(failures('collections/pages/pageMusts.test', { '@context': coll['@context'], ...coll.first })).toEqual([]);
    for (const item of coll.first.items) {
      expect(failures('annotations/annotationMusts.test', { '@context': coll['@context'], ...item })).toEqual([]);
    }
  });

  it('generates a urn:uuid id when none is given, and handles no notes', () => {
    const empty = toAnnotationCollection([], { generated: NOW, random: fixedRandom(9) });
    expect(empty.id).toMatch(/^urn:uuid:/);
    expect(empty.first.id).toBe(`${empty.id}#page1`);
    expect(empty.total).toBe(0);
    expect(failures('collections/collectionMusts.test', empty)).toEqual([]);
  });

  it('round-trips through fromWebAnnotation', () => {
    const live = notes.slice(0, 4);
    const back = fromWebAnnotation(JSON.parse(JSON.stringify(coll)), { now: LATER });
    expect(back.errors).toEqual([]);
    const strip = (n: Note) => {
      const { pageTitle: _t, fieldUpdated: _f, ...rest } = n;
      return rest;
    };
    expect(back.notes.map(strip)).toEqual(live.map(strip));
    for (const n of back.notes) expect(Object.values(n.fieldUpdated).every((t) => t === n.updated)).toBe(true);
  });
});

describe('fromWebAnnotation on the W3C samples', () => {
  const correct = sampleNames('correct');
  const incorrect = sampleNames('incorrect');

  it('has the whole suite', () => {
    expect(correct).toHaveLength(45);
    expect(incorrect).toHaveLength(39);
  });

  it.each(correct)('accepts correct/%s', (name) => {
    const r = importWebAnnotationText(sampleText('correct', name), { now: NOW });
    expect(r.errors).toEqual([]);
    if (name === 'example41.json') {
      // A collection whose pages are only linked: nothing to import, and it says so.
      expect(r.notes).toEqual([]);
      expect(r.warnings.join(' ')).toMatch(/not fetched/);
    } else {
      expect(r.notes.length).toBeGreaterThan(0);
    }
    for (const n of r.notes) {
      expect(n.id).toBeTruthy();
      expect(n.pageUrl).toMatch(/^[a-z]+:/);
      expect(Number.isNaN(Date.parse(n.created))).toBe(false);
    }
  });

  it.each(incorrect)('rejects incorrect/%s with a message', (name) => {
    const r = importWebAnnotationText(sampleText('incorrect', name), { now: NOW });
    expect(r.notes).toEqual([]);
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors[0]!.message.length).toBeGreaterThan(10);
  });

  // Most incorrect samples are also invalid JSON (trailing commas) and all but a
  // few carry an id array. To check the validator catches the fault each sample
  // is about, parse leniently, give it a proper id, and expect the named field.
  const FAULT: Record<string, string | null> = {
    'anno2.json': '@context',
    'anno3.json': '@context',
    'anno4.json': '@context',
    'anno5.json': '@context',
    'anno6.json': 'id',
    'anno7.json': 'id',
    'anno8.json': 'type',
    'anno9.json': 'type',
    'anno10.json': 'target',
    'anno11.json': 'target',
    'anno12.json': 'body',
    'anno13.json': 'body.id',
    'anno14.json': 'body.format',
    'anno15.json': null, // its only other fault is a misspelt key ("langauage"), which the model allows
    'anno16.json': 'body.textDirection',
    'anno17.json': 'body.value',
    'anno18.json': 'body.value',
    'anno19.json': 'bodyValue',
    'anno20.json': 'bodyValue',
    'anno21.json': 'bodyValue',
    'anno22.json': 'body.type',
    'anno23.json': 'body.processingLanguage',
    'anno24.json': 'body.textDirection',
    'anno25.json': 'body.items',
    'anno26.json': 'creator',
    'anno27.json': 'generator',
    'anno28.json': 'created',
    'anno29.json': 'modified',
    'anno30.json': 'generated',
    'anno31.json': 'modified',
    'anno32.json': 'created',
    'anno33.json': 'generated',
    'anno34.json': 'rights',
    'anno35.json': 'via',
    'anno36.json': 'canonical',
    'anno37.json': 'target.source',
    'anno38.json': 'target.selector.value',
    'anno39.json': 'target.selector.value',
  };

  it.each(incorrect.filter((n) => n !== 'anno1.json'))('names the faulty field of incorrect/%s', (name) => {
    const json = lenientParse(sampleText('incorrect', name)) as Record<string, unknown>;
    const field = FAULT[name];
    expect(field).not.toBeUndefined();
    if (field !== 'id' && Array.isArray(json.id)) json.id = json.id[0];
    const r = fromWebAnnotation(json, { now: NOW });
    if (field === null) {
      expect(r.errors).toEqual([]);
      return;
    }
    expect(r.notes).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.index).toBe(0);
    expect(r.errors[0]!.message).toContain(`${field}: `);
    expect(r.errors[0]!.message).toMatch(/^Annotation 0/);
  });

  it('agrees with the suite: leniently parsed incorrect samples fail its MUST assertions', () => {
    for (const name of incorrect.filter((n) => n !== 'anno1.json')) {
      expect(failures('annotations/annotationMusts.test', lenientParse(sampleText('incorrect', name)))).not.toEqual([]);
    }
  });

  it('reads selectors, tags, text bodies and dates from the samples', () => {
    const tq = importWebAnnotationText(sampleText('correct', 'anno26.json')).notes[0]!;
    expect(tq.target).toEqual({
      kind: 'text',
      quote: 'anotation',
      selectors: [{ type: 'TextQuoteSelector', exact: 'anotation', prefix: 'this is an ', suffix: ' that has some' }],
    });
    expect(tq.body).toBe('<http://example.org/comment1>');
    const refined = importWebAnnotationText(sampleText('correct', 'anno32.json')).notes[0]!;
    expect(refined.target.kind).toBe('text');
    const tags = importWebAnnotationText(sampleText('correct', 'anno18.json')).notes[0]!;
    expect(tags.tags).toEqual(['readme']);
    expect(tags.body).toBe('A good description of the topic that bears further investigation');
    const html = importWebAnnotationText(sampleText('correct', 'anno5.json')).notes[0]!;
    expect(html.body).toBe("j'adore !");
    const dated = importWebAnnotationText(sampleText('correct', 'anno14.json'), { now: NOW }).notes[0]!;
    expect(dated.created).toBe('2015-01-28T12:00:00.000Z');
    expect(dated.updated).toBe('2015-01-29T09:00:00.000Z');
    const value = importWebAnnotationText(sampleText('correct', 'anno6.json')).notes[0]!;
    expect(value).toMatchObject({ id: 'http://example.org/anno6', body: 'Comment text', pageUrl: 'http://example.org/target1' });
    const coll = importWebAnnotationText(sampleText('correct', 'collection1.json'), { now: NOW });
    expect(coll.notes).toHaveLength(41);
  });

  it('rejects text that is not JSON', () => {
    const r = importWebAnnotationText(sampleText('incorrect', 'anno1.json'));
    expect(r.errors).toEqual([{ index: -1, message: expect.stringMatching(/^Not valid JSON/) }]);
  });
});

describe('fromWebAnnotation, other inputs', () => {
  it('reports which annotation of an array is invalid and keeps the valid ones', () => {
    const ok = toWebAnnotation(sampleNotes()[0]!);
    const bad = { ...toWebAnnotation(sampleNotes()[2]!), created: 'yesterday' };
    const r = fromWebAnnotation([ok, bad, ok]);
    expect(r.notes).toHaveLength(1);
    expect(r.errors).toEqual([
      { index: 1, message: expect.stringMatching(/^Annotation 1 \(urn:uuid:[^)]+\): created: must be an ISO 8601 date-time/) },
      { index: 2, message: expect.stringMatching(/^Annotation 2 .*duplicates an earlier annotation/) },
    ]);
  });

  it('reports a container with a bad @context', () => {
    const coll = toAnnotationCollection(sampleNotes(), { id: 'urn:x:1', generated: NOW });
    const r = fromWebAnnotation({ ...coll, '@context': 'fish' });
    expect(r.notes).toEqual([]);
    expect(r.errors[0]).toMatchObject({ index: -1, message: expect.stringContaining('@context') });
  });

  it('survives hostile nesting and size without throwing', () => {
    let sel: Record<string, unknown> = { type: 'TextQuoteSelector', exact: 'x' };
    for (let i = 0; i < 5000; i++) sel = { type: 'FragmentSelector', value: 'v', refinedBy: sel };
    const deep = { '@context': 'http://www.w3.org/ns/anno.jsonld', id: 'urn:x:1', type: 'Annotation', target: { source: 'https://e.org/', selector: sel } };
    const r = fromWebAnnotation(deep);
    expect(r.notes).toEqual([]);
    expect(r.errors[0]?.message).toMatch(/nested too deeply/);
    const many = Array.from({ length: 3000 }, (_, i) => ({ ...toWebAnnotation(sampleNotes()[1]!), id: `urn:x:${i}` }));
    const t0 = performance.now();
    expect(fromWebAnnotation(many).notes).toHaveLength(3000);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it("imports the Hypothesis client's JSON-LD, leaving out its non-standard RangeSelector", () => {
    const hypo = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'Annotation',
      id: 'https://hypothes.is/a/AbC123',
      created: '2026-11-19T08:15:00.000000+00:00',
      modified: '2026-11-19T09:00:00.000000+00:00',
      creator: 'acct:reader@hypothes.is',
      body: [
        { type: 'TextualBody', value: 'A *comment*', format: 'text/markdown' },
        { type: 'TextualBody', value: 'budget', purpose: 'tagging' },
      ],
      target: [
        {
          source: 'https://www.example-news.com/budget.html',
          selector: [
            { type: 'RangeSelector', startContainer: '/div[1]/p[3]', startOffset: 0, endContainer: '/div[1]/p[3]', endOffset: 10 },
            { type: 'TextPositionSelector', start: 100, end: 110 },
            { type: 'TextQuoteSelector', exact: 'the budget', prefix: 'approved ', suffix: ' on Tuesday' },
          ],
        },
      ],
    };
    const r = fromWebAnnotation(hypo, { now: NOW });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toHaveLength(1);
    expect(r.notes[0]).toMatchObject({
      id: 'https://hypothes.is/a/AbC123',
      body: 'A *comment*',
      tags: ['budget'],
      created: '2026-11-19T08:15:00.000Z',
      target: { kind: 'text', quote: 'the budget', selectors: [{ type: 'TextQuoteSelector' }, { type: 'TextPositionSelector', start: 100, end: 110 }] },
    });
    // A RangeSelector alone is still invalid, as the suite says.
    const only = { ...hypo, target: { source: 'https://e.org/', selector: hypo.target[0]!.selector[0] } };
    expect(fromWebAnnotation(only).errors[0]?.message).toContain('startSelector');
  });

  it('rejects non-objects', () => {
    for (const v of [null, 42, 'text', true]) {
      const r = fromWebAnnotation(v);
      expect(r.notes).toEqual([]);
      expect(r.errors[0]?.index).toBe(-1);
    }
  });

  it('imports a Hypothesis export', () => {
    const text = readFileSync(resolve(PROJECT_ROOT, 'tests/fixtures/web-annotation/hypothesis-export.json'), 'utf8');
    const r = importWebAnnotationText(text, { now: NOW });
    expect(r.notes).toHaveLength(2);
    const [a, b] = r.notes;
    expect(a).toMatchObject({
      id: 'hypothesis:Kj3bYv2dEe-example1',
      pageUrl: 'https://www.example-news.com/2026/11/19/city-budget.html',
      pageTitle: 'City council approves budget',
      body: "Check the **overtime** figure against last year's.",
      tags: ['budget', 'NYPD'],
      created: '2026-11-19T08:15:00.000Z',
      updated: '2026-11-19T09:00:00.000Z',
      target: {
        kind: 'text',
        quote: 'police overtime rose to a record $740 million last year',
        selectors: [
          {
            type: 'TextQuoteSelector',
            exact: 'police overtime rose to a record $740 million last year',
            prefix: 'The council was told that ',
            suffix: ', far above the budgeted amount.',
          },
          { type: 'TextPositionSelector', start: 1204, end: 1262 },
        ],
      },
    });
    expect(b).toMatchObject({ target: { kind: 'page' }, body: 'Page note: follow up next month.' });
    expect(r.errors).toEqual([{ index: 2, message: expect.stringContaining('uri: must be an http(s) URL') }]);
    // Exported again, the imported notes are valid Web Annotations.
    for (const n of r.notes) expect(failures('annotations/annotationMusts.test', toWebAnnotation(n))).toEqual([]);
  });

describe('importing notes with hostile page addresses', () => {
  it('refuses javascript:, data: and other non-web pages, naming the annotation, and keeps the rest', () => {
    const ok = { '@context': 'http://www.w3.org/ns/anno.jsonld', id: 'urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e', type: 'Annotation', body: { type: 'TextualBody', value: 'fine' }, target: 'https://news.example/a' };
    const bad = [
      { ...ok, id: 'urn:uuid:1f8fad5b-d9cb-469f-a165-70867728950e', target: 'javascript:alert(document.cookie)' },
      { ...ok, id: 'urn:uuid:2f8fad5b-d9cb-469f-a165-70867728950e', target: 'data:text/html;base64,PHNjcmlwdD4=' },
      { ...ok, id: 'urn:uuid:3f8fad5b-d9cb-469f-a165-70867728950e', target: { source: 'JavaScript:void(0)', selector: { type: 'TextQuoteSelector', exact: 'q' } } },
    ];
    const r = fromWebAnnotation([ok, ...bad]);
    expect(r.notes.map((n) => n.pageUrl)).toEqual(['https://news.example/a']);
    expect(r.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^Annotation 1.*target: the page must be an http\(s\) address \(got javascript:…\)$/),
      expect.stringMatching(/^Annotation 2.*\(got data:…\)$/),
      expect.stringMatching(/^Annotation 3.*\(got JavaScript:…\)$/),
    ]);
  });
});
});
