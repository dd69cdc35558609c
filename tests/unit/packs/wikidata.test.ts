import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromWikidata, importSource, parsePack } from '../../../packs/index.ts';
import { CORPUS, fixture } from './helpers.ts';

const load = (name: string, languages?: string[]) => {
  const r = importSource(fixture('wikidata', name), { filename: name, ...(languages ? { languages } : {}) });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r;
};

describe('fromWikidata', () => {
  it('reads a person: label, aliases, description, type, birth date, as-of from `modified`', () => {
    const r = load('Q328212.json');
    expect(r.pack.publisher).toBe('Wikidata');
    expect(r.pack.licence).toBe('CC0-1.0');
    expect(r.pack.updated).toBe('2024-03-12');
    const e = r.pack.entities[0]!;
    expect(e).toMatchObject({ id: 'Q328212', type: 'person', name: 'Veronica Roth', aliases: ['Veronica Anne Roth'], description: 'American author' });
    expect(e.facts).toEqual([
      { text: 'Instance of: human', sourceUrl: 'https://www.wikidata.org/wiki/Q328212', sourceName: 'Wikidata', asOf: '2024-03-12' },
      { text: 'Born: 1988-08-19', sourceUrl: 'https://www.wikidata.org/wiki/Q328212', sourceName: 'Wikidata', asOf: '2024-03-12' },
    ]);
  });

  it('says positions it cannot name as the QID with a link, with their dates', () => {
    const e = load('Q646148.json').pack.entities[0]!;
    expect(e.type).toBe('person');
    expect(e.facts.map((f) => f.text)).toContain('Position held: Q5449541 (https://www.wikidata.org/wiki/Q5449541) (1982-09-10–1984-07-23)');
    expect(e.facts.map((f) => f.text)).toContain('Born: 1939-11-08');
  });

  it('uses the reader’s languages, then mul, then any, and names facts in that language', () => {
    const pt = load('Q328212.json', ['pt-BR']).pack.entities[0]!;
    expect(pt.facts[0]!.text).toBe('Instância de: human');
    const de = load('Q22002395.json', ['fr']).pack.entities[0]!;
    // No French label and no mul: English first among the other languages.
    expect(de.name).toBe('Gewissensbisse');
    expect(de.type).toBe('other');
    const de2 = load('Q22002395.json', ['de']).pack.entities[0]!;
    expect(de2.name).toBe('Gewissensbisse: Fallbeispiele zu Informatik und Ethik. Biometrie – Datenschutz – geistiges Eigentum');
    expect(de2.aliases).toEqual([]);
  });

  it('treats things with coordinates as places and names the country', () => {
    const e = load('Q217447.json').pack.entities[0]!;
    expect(e).toMatchObject({ id: 'Q217447', type: 'place', name: 'Verla' });
    expect(e.facts.map((f) => f.text)).toContain('Country: Finland');
  });

  it.each([
    ['L525.json', /L525: skipped: a lexeme, not an item/],
    ['L525-F2.json', /L525-F2: skipped: a form, not an item/],
    ['P3035.json', /P3035: skipped: a property, not an item/],
    ['M566797.json', /M566797: skipped: a mediainfo, not an item/],
    ['Q275937.json', /entity 1: skipped: no id/],
    ['Q235557.json', /Q235557: skipped: no label in any language/],
    ['wbgetentities_response.json', /Q3235026: skipped: no label in any language/],
  ])('skips %s with a warning', (name, warning) => {
    const r = load(name);
    expect(r.pack.entities).toEqual([]);
    expect(r.warnings.some((w) => warning.test(w))).toBe(true);
  });

  it('reads a wbgetentities response, a dump array and a line-per-entity dump', () => {
    const a = JSON.parse(fixture('wikidata', 'Q328212.json'));
    const b = JSON.parse(fixture('wikidata', 'Q646148.json'));
    const lexeme = JSON.parse(fixture('wikidata', 'L525.json'));
    const wb = importSource(JSON.stringify({ entities: { Q328212: a, Q646148: b }, success: 1 }), { sourceName: 'wb' });
    const dump = importSource(JSON.stringify([a, lexeme, b]), { sourceName: 'dump' });
    const lines = importSource(`[\n${JSON.stringify(a)},\n${JSON.stringify(lexeme)},\n${JSON.stringify(b)}\n]\n`.replace(/\n\]\n$/, '\n'), { sourceName: 'lines' });
    const jsonl = importSource(`${JSON.stringify(a)}\n${JSON.stringify(b)}\n`, { sourceName: 'jsonl' });
    for (const r of [wb, dump, lines, jsonl]) {
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.pack.entities.map((e) => e.id)).toEqual(['Q328212', 'Q646148']);
    }
    if (dump.ok) expect(dump.warnings).toEqual([expect.stringMatching(/L525: skipped: a lexeme/)]);
  });

  it('names items defined in the same file by their label', () => {
    const a = JSON.parse(fixture('wikidata', 'Q22002395.json'));
    const book = { type: 'item', id: 'Q571', labels: { en: { language: 'en', value: 'book' } }, claims: {} };
    const r = fromWikidata([a, book], { sourceName: 'x' });
    expect(r.ok && r.pack.entities[0]!.facts[0]!.text).toBe('Instance of: book');
  });
});

const dir = `${CORPUS}/wikidata/entities`;
describe.skipIf(!existsSync(dir))('fromWikidata on every corpus file', () => {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
  it.each(files)('%s imports or is skipped with a warning, never crashes', (f) => {
    const r = importSource(readFileSync(join(dir, f), 'utf8'), { filename: f, languages: ['en', 'pt'] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    if (r.pack.entities.length === 0) expect(r.warnings.length).toBeGreaterThan(0);
    for (const e of r.pack.entities) {
      expect(e.id).toMatch(/^Q\d+$/);
      for (const fact of e.facts) expect(fact.sourceUrl).toBe(`https://www.wikidata.org/wiki/${e.id}`);
    }
    const again = parsePack(JSON.stringify(r.pack));
    expect(again.ok).toBe(true);
  });

  it('types the known items', () => {
    const types: Record<string, string> = {};
    for (const f of files) {
      const r = importSource(readFileSync(join(dir, f), 'utf8'), { filename: f });
      if (r.ok) for (const e of r.pack.entities) types[e.id] = `${e.type} ${e.name}`;
    }
    expect(types).toEqual({
      Q2112: 'place Bielefeld',
      Q217447: 'place Verla',
      Q22002395: 'other Gewissensbisse',
      Q271094: 'place Neihu District',
      Q328212: 'person Veronica Roth',
      Q4115189: 'other Wikidata Sandbox',
      Q4132785: 'other Bring the Jubilee',
      Q571: 'other book',
      Q646148: 'person Henning Christophersen',
    });
  });

  it('gives Bielefeld its population with the point in time', () => {
    const r = importSource(readFileSync(join(dir, 'Q2112.json'), 'utf8'), { filename: 'Q2112.json' });
    expect(r.ok && r.pack.entities[0]!.facts.map((f) => f.text)).toEqual([
      'Instance of: big city, college town, urban municipality of Germany, Q707813 (https://www.wikidata.org/wiki/Q707813), Q85635630 (https://www.wikidata.org/wiki/Q85635630)',
      'Country: Germany',
      'Founded: 1214',
      'Population: 334,002 (2021-12-31)',
    ]);
  });
});
