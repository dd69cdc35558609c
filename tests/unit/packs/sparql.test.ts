import { describe, expect, it } from 'vitest';
import { importSource } from '../../../packs/index.ts';
import { queryTitle } from '../../../packs/sparql.ts';
import { fixture } from './helpers.ts';

const FETCHED = new Date().toISOString().slice(0, 10);
const load = (name: string, url?: string) => {
  const r = importSource(fixture('wikidata', `sparql/${name}`), { filename: name, ...(url ? { url } : {}) });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r;
};

describe('Wikidata Query Service results (SPARQL 1.1 JSON)', () => {
  it('turns a real WDQS response into entities: label, itemAltLabel aliases, description, one entity per item', () => {
    const r = load('results_with_labels_descriptions_and_aliases.json');
    expect(r.pack.publisher).toBe('Wikidata');
    expect(r.pack.licence).toBe('CC0-1.0');
    const ids = r.pack.entities.map((e) => e.id);
    // Kierkegaard appears on two rows (two pseudonyms): one entity.
    expect(ids.filter((id) => id === 'Q6512')).toHaveLength(1);
    const k = r.pack.entities.find((e) => e.id === 'Q6512')!;
    expect(k.name).toBe('Søren Kierkegaard');
    expect(k.description).toBe('Danish philosopher and theologian, founder of Existentialism');
    expect(k.aliases).toEqual(expect.arrayContaining(['Climacus', 'Kierkegaard', 'Anti-Climacus', 'Søren Aabye Kierkegaard', 'Victor Eremita']));
  });

  it('makes each selected statement a fact sourced to the item page and dated as of the fetch', () => {
    const k = load('results_with_labels_descriptions_and_aliases.json').pack.entities.find((e) => e.id === 'Q6512')!;
    // Two rows (pseudonyms "B" and "A"): both statements, once each.
    expect(k.facts).toEqual([
      { text: 'Pseudonyme: B', sourceUrl: 'https://www.wikidata.org/wiki/Q6512', sourceName: 'Wikidata', asOf: FETCHED },
      { text: 'Pseudonyme: A', sourceUrl: 'https://www.wikidata.org/wiki/Q6512', sourceName: 'Wikidata', asOf: FETCHED },
    ]);
  });

  it('finds the item variable when it is not ?item, and skips blank nodes with a warning', () => {
    const r = load('multi_vars_sparql_results.json');
    expect(r.pack.entities.map((e) => e.name)).toEqual(['Ercole Patti', 'Paul Bailey']);
    expect(r.pack.entities[0]!.facts[0]).toMatchObject({ text: 'Year: 1903', sourceUrl: 'https://www.wikidata.org/wiki/Q3731207' });
    expect(r.warnings.join('\n')).toMatch(/1 row skipped: \?entity is not a Wikidata item/);
  });

  it('refuses results with no items, or items with no labels, saying why', () => {
    const none = importSource(fixture('wikidata', 'sparql/sparql_results_with_optional_values.json'), { filename: 'x.json' });
    expect(none.ok).toBe(true);
    if (none.ok) {
      expect(none.pack.entities).toHaveLength(0);
      expect(none.warnings.join('\n')).toMatch(/no variable holds Wikidata items/);
    }
    const unlabelled = load('single_var_sparql_results.json');
    expect(unlabelled.pack.entities).toHaveLength(0);
    expect(unlabelled.warnings.join('\n')).toMatch(/Q112983: skipped: no label/);
  });

  it('reads the topic conventions: type from the class, capital, website; names the pack from the query comment', () => {
    const query = '# Countries and capitals\nSELECT ?item WHERE {}';
    const url = `https://query.wikidata.org/sparql?query=${encodeURIComponent(query)}&format=json`;
    const r = load('countries-capitals.json', url);
    expect(r.pack.name).toBe('Wikidata: Countries and capitals');
    const us = r.pack.entities.find((e) => e.id === 'Q30')!;
    expect(us.type).toBe('place');
    expect(us.aliases).toContain('USA');
    expect(us.facts).toContainEqual({ text: 'Capital: Washington, D.C.', sourceUrl: 'https://www.wikidata.org/wiki/Q30', sourceName: 'Wikidata', asOf: FETCHED });
    expect(us.facts).toContainEqual(expect.objectContaining({ text: 'Official website: https://www.usa.gov/' }));
  });

  it('positions carry their start date; a date of birth is marked as not changing', () => {
    const b = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.startsWith('http') ? { type: 'uri', value: v } : { type: 'literal', value: v }]));
    // Shaped like WDQS output for the catalogue's heads-of-state query (values written here, not recorded).
    const doc = {
      head: { vars: ['item', 'itemLabel', 'position', 'positionLabel', 'positionStart', 'dateOfBirth', 'party', 'partyLabel'] },
      results: {
        bindings: [
          b({ item: 'http://www.wikidata.org/entity/Q3052772', itemLabel: 'Emmanuel Macron', position: 'http://www.wikidata.org/entity/Q191954', positionLabel: 'President of the French Republic', positionStart: '2017-05-14T00:00:00Z', dateOfBirth: '1977-12-21T00:00:00Z', party: 'http://www.wikidata.org/entity/Q23731823', partyLabel: 'Renaissance' }),
        ],
      },
    };
    const r = importSource(JSON.stringify(doc), { filename: 'heads.json' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const e = r.pack.entities[0]!;
    expect(e.type).toBe('person');
    expect(e.facts[0]).toMatchObject({ text: 'President of the French Republic since 2017-05-14', asOf: FETCHED });
    expect(e.facts).toContainEqual(expect.objectContaining({ text: 'Member of: Renaissance', asOf: FETCHED }));
    expect(e.facts).toContainEqual(expect.objectContaining({ text: 'Born 1977-12-21', since: '1977-12-21' }));
    expect(e.facts.find((f) => f.since)?.asOf).toBeUndefined();
  });

  it('names the pack "Wikidata query" when the query has no comment', () => {
    expect(queryTitle('https://query.wikidata.org/sparql?query=SELECT%20%3Fitem&format=json')).toBe('Wikidata query');
  });
});
